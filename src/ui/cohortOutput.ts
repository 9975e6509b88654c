/**
 * Cohorts as `cohort create`, `edit` and `list` print them: the JSON (a contract: the field
 * names are relied on), the table and the CSV columns, in one place.
 */
import { cohortStateText, type Cohort, type CohortState } from '../domain/cohorts.js';
import { formatDate } from '../domain/dates.js';
import type { CsvCell } from '../io/csvOutput.js';
import { renderTable, type Fit } from './table.js';
import { visible } from './terminalText.js';

/** One cohort in `cohort list --json`: its settings, where it is in its life, and how many are enrolled by role. */
export type CohortListing = Cohort & CohortState & { mentors: number; mentees: number; either: number };

export function cohortListing(cohort: Cohort, state: CohortState, counts: { mentor: number; mentee: number; either: number }): CohortListing {
  return { ...cohort, ...state, mentors: counts.mentor, mentees: counts.mentee, either: counts.either };
}

export const COHORT_CSV_HEADER = [
  'cohort',
  'name',
  'start',
  'end',
  'min_months',
  'min_per_month',
  'state',
  'month',
  'months',
  'mentees',
  'mentors',
  'either',
  'meet_every',
];

export function cohortCsvRows(cohorts: readonly CohortListing[]): CsvCell[][] {
  return cohorts.map((c) => [
    c.number,
    c.name,
    c.start,
    c.end,
    c.minMonths,
    c.minPerMonth,
    c.state,
    c.month,
    c.months,
    c.mentees,
    c.mentors,
    c.either,
    c.meetEvery,
  ]);
}

export function renderCohortList(cohorts: readonly CohortListing[], fit: Fit): string {
  return renderTable(
    ['Cohort', 'Name', 'Start', 'End', 'State', 'Thresholds', 'Mentees', 'Mentors', 'Either'],
    cohorts.map((c) => [
      String(c.number),
      c.name ?? '',
      formatDate(c.start),
      formatDate(c.end),
      cohortStateText(c),
      // The meetings' rhythm rides with the thresholds: one more column would not fit 80 with its notice.
      `${c.minMonths} months, ${c.minPerMonth}/month${c.meetEvery === null ? '' : `; meets ${meetsText(c.meetEvery)}`}`,
      String(c.mentees),
      String(c.mentors),
      String(c.either),
    ]),
    { fit, columns: { Thresholds: { priority: 2 }, Either: { priority: 3 }, Name: { priority: 2 } } },
  );
}

/** "every 3 months", "monthly", or blank when the cohort has no meeting rhythm. */
export const meetsText = (months: number | null): string => (months === null ? '' : months === 1 ? 'monthly' : `every ${months} months`);

/** "Created cohort 1 (Board): 5 Jan 2026 to 30 Sep 2026, at least 8 months with 2 sessions a month." */
export function renderCohortSaved(cohort: Cohort, verb: 'Created' | 'Updated'): string {
  // The cohort's name is data: its control characters are shown, not obeyed (terminalText.ts).
  const name = cohort.name ? ` (${visible(cohort.name)})` : '';
  return (
    `${verb} cohort ${cohort.number}${name}: ${formatDate(cohort.start)} to ${formatDate(cohort.end)}, ` +
    `at least ${cohort.minMonths} months with ${cohort.minPerMonth} sessions a month` +
    `${cohort.meetEvery === null ? '' : `; the cohort meets ${meetsText(cohort.meetEvery)}`}.\n`
  );
}
