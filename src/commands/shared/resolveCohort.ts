/** Which cohort a one-cohort command acts on: the one named, else the newest that has started (or as `choose` says). */
import { UserError } from '../../errors.js';
import type { Context } from '../../cli/context.js';
import { defaultCohort } from '../../domain/cohorts.js';
import { formatDate } from '../../domain/dates.js';
import { getCohort, listCohorts, type Cohort } from '../../store/cohorts.js';
import type { Db } from '../../store/db.js';
import { visible } from '../../ui/terminalText.js';

export function resolveCohort(
  db: Db,
  requested: number | undefined,
  context: Context,
  choose: (cohorts: readonly Cohort[], today: string) => Cohort | null = defaultCohort,
): Cohort {
  if (requested !== undefined) {
    const cohort = getCohort(db, requested);
    if (!cohort) throw new UserError(`Cohort ${requested} does not exist.`, { fix: 'See the cohorts with remedi cohort list.' });
    return cohort;
  }
  const chosen = choose(listCohorts(db), context.today);
  if (!chosen) {
    throw new UserError('There are no cohorts yet.', { fix: 'Create one: remedi cohort create 1 --start YYYY-MM-DD --end YYYY-MM-DD' });
  }
  context.err(`Using ${describeCohort(chosen)} (choose another with --cohort N).\n`);
  return chosen;
}

export function describeCohort(cohort: Cohort): string {
  // The cohort's name is data: its control characters are shown, not obeyed (ui/terminalText.ts).
  const name = cohort.name ? `, ${visible(cohort.name)}` : '';
  return `cohort ${cohort.number}${name} (${formatDate(cohort.start)} to ${formatDate(cohort.end)})`;
}
