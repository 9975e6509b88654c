/** Which cohort a one-cohort command acts on: the one named, else the newest that has started (or as `choose` says). */
import { UserError } from '../../errors.js';
import type { Context } from '../../cli/context.js';
import { defaultCohort } from '../../domain/cohorts.js';
import { formatDate } from '../../domain/dates.js';
import { getCohort, listCohorts, type Cohort } from '../../store/cohorts.js';
import type { Db } from '../../store/db.js';
import { visible } from '../../ui/terminalText.js';
import { notFound } from './skeleton.js';

export function resolveCohort(
  db: Db,
  requested: number | undefined,
  context: Context,
  choose: (cohorts: readonly Cohort[], today: string) => Cohort | null = defaultCohort,
): Cohort {
  if (requested !== undefined) {
    return existingCohort(db, requested);
  }
  const chosen = choose(listCohorts(db), context.today);
  if (!chosen) {
    throw new UserError('There are no cohorts yet.', { fix: 'Create one: remedi cohort create 1 --start YYYY-MM-DD --end YYYY-MM-DD' });
  }
  context.err(`Using ${describeCohort(chosen)} (choose another with --cohort N).\n`);
  return chosen;
}

/** The cohort numbered `number`, or the one error for a cohort that is not there. */
export function existingCohort(db: Db, number: number): Cohort {
  const cohort = getCohort(db, number);
  if (!cohort) throw notFound.cohort(number);
  return cohort;
}

export function describeCohort(cohort: Cohort): string {
  // The cohort's name is data: its control characters are shown, not obeyed (ui/terminalText.ts).
  const name = cohort.name ? `, ${visible(cohort.name)}` : '';
  return `cohort ${cohort.number}${name} (${formatDate(cohort.start)} to ${formatDate(cohort.end)})`;
}
