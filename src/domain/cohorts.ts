/** Cohort rules that need no database: settings checks and which cohort a command means. */
import type { IsoDate } from './dates.js';

/** A cohort of the programme: its dates and its thresholds (DOMAIN.md section 5). */
export interface Cohort {
  number: number;
  name: string | null;
  start: IsoDate;
  end: IsoDate;
  minMonths: number;
  minPerMonth: number;
}

export interface CohortDates {
  number: number;
  start: IsoDate;
}

/**
 * The cohort a command acts on when none is named: the newest that has started
 * (latest start on or before today), else the newest. Null when there are none.
 */
export function defaultCohort<T extends CohortDates>(cohorts: readonly T[], today: IsoDate): T | null {
  const newestFirst = [...cohorts].sort((a, b) => (a.start === b.start ? b.number - a.number : a.start < b.start ? 1 : -1));
  return newestFirst.find((cohort) => cohort.start <= today) ?? newestFirst[0] ?? null;
}
