/**
 * A cohort's settings as `cohort create` and `cohort edit` decide them: the default
 * thresholds, a new cohort drafted from its flags, an edit laid over the cohort as it was,
 * and the check that it does not end before it starts (docs/cohorts.md, "A cohort").
 */
import { UsageError } from '../errors.js';
import type { Cohort } from './cohorts.js';
import { formatDate, type IsoDate } from './dates.js';

export const DEFAULT_MIN_MONTHS = 8;
export const DEFAULT_MIN_PER_MONTH = 2;

/** What the flags of create and edit may set; a flag not given is undefined. */
export interface CohortSettings {
  name?: string;
  start?: IsoDate;
  end?: IsoDate;
  minMonths?: number;
  minPerMonth?: number;
  /** Months between cohort meetings; 0 clears it (no meeting is due). */
  meetEvery?: number;
}

/** `--meet-every 0` means no rhythm. */
const rhythmOf = (months: number): number | null => (months === 0 ? null : months);

/** A blank name is no name. */
const nameOf = (name: string): string | null => name.trim() || null;

/** The cohort `cohort create N` makes: its dates are needed, its thresholds default. */
export function draftCohort(number: number, settings: CohortSettings): Cohort {
  if (settings.start === undefined || settings.end === undefined) {
    throw new UsageError('A new cohort needs --start and --end dates.', {
      fix: `For example: remedi cohort create ${number} --start 2026-01-05 --end 2026-09-30.`,
    });
  }
  return checkedDates({
    number,
    name: settings.name === undefined ? null : nameOf(settings.name),
    start: settings.start,
    end: settings.end,
    minMonths: settings.minMonths ?? DEFAULT_MIN_MONTHS,
    minPerMonth: settings.minPerMonth ?? DEFAULT_MIN_PER_MONTH,
    meetEvery: settings.meetEvery === undefined ? null : rhythmOf(settings.meetEvery),
  });
}

/** The cohort after `cohort edit`: each setting given replaces the one it had; `--name ""` clears the name, `--meet-every 0` the meetings' rhythm. */
export function editedCohort(before: Cohort, settings: CohortSettings): Cohort {
  return checkedDates({
    number: before.number,
    name: settings.name === undefined ? before.name : nameOf(settings.name),
    start: settings.start ?? before.start,
    end: settings.end ?? before.end,
    minMonths: settings.minMonths ?? before.minMonths,
    minPerMonth: settings.minPerMonth ?? before.minPerMonth,
    meetEvery: settings.meetEvery === undefined ? before.meetEvery : rhythmOf(settings.meetEvery),
  });
}

function checkedDates(cohort: Cohort): Cohort {
  if (cohort.end < cohort.start) {
    throw new UsageError(`Cohort ${cohort.number} would end (${formatDate(cohort.end)}) before it starts (${formatDate(cohort.start)}).`, {
      fix: 'Give an --end on or after the --start.',
    });
  }
  return cohort;
}
