/** `remedi cohort edit N`: change a cohort's dates, name or thresholds. */
import type { Context } from '../../cli/context.js';
import type { Cohort } from '../../domain/cohorts.js';
import { editedCohort } from '../../domain/cohortSettings.js';
import { UserError } from '../../errors.js';
import { getCohort, saveCohort } from '../../store/cohorts.js';
import { renderCohortSaved } from '../../ui/cohortOutput.js';
import { printJson, writeDatabase } from '../shared/skeleton.js';
import type { CohortEditOptions } from './command.js';

export async function runCohortEdit(number: number, options: CohortEditOptions, context: Context): Promise<Cohort> {
  const cohort = await writeDatabase(options, context, (db) => {
    const before = getCohort(db, number);
    if (!before) {
      // Not notFound.cohort: the fix here is to create it, not to look for another.
      throw new UserError(`Cohort ${number} does not exist.`, { fix: `Create it with remedi cohort create ${number} --start YYYY-MM-DD --end YYYY-MM-DD.` });
    }
    const after = editedCohort(before, options);
    saveCohort(db, after);
    return after;
  });
  if (options.json) printJson(context, cohort);
  else context.out(renderCohortSaved(cohort, 'Updated'));
  return cohort;
}
