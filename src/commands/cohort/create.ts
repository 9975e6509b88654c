/** `remedi cohort create N`: a new cohort, and the database with it when there is none yet. */
import type { Context } from '../../cli/context.js';
import type { Cohort } from '../../domain/cohorts.js';
import { draftCohort } from '../../domain/cohortSettings.js';
import { UserError } from '../../errors.js';
import { getCohort, saveCohort } from '../../store/cohorts.js';
import { DatabaseAppeared } from '../../store/db.js';
import { renderCohortSaved } from '../../ui/cohortOutput.js';
import { announceCreated } from '../shared/openDb.js';
import { printJson, withDatabase } from '../shared/skeleton.js';
import type { CohortCreateOptions } from './command.js';

export async function runCohortCreate(number: number, options: CohortCreateOptions, context: Context): Promise<Cohort> {
  const cohort = draftCohort(number, options);
  try {
    await createCohort(cohort, options, context);
  } catch (error) {
    if (!(error instanceof DatabaseAppeared)) throw error;
    // Another remedi made the database while this one was building its own: use theirs.
    context.err(`Another remedi created ${error.path} meanwhile; using it.\n`);
    await createCohort(cohort, options, context);
  }
  if (options.json) printJson(context, cohort);
  else context.out(renderCohortSaved(cohort, 'Created'));
  return cohort;
}

function createCohort(cohort: Cohort, options: CohortCreateOptions, context: Context): Promise<void> {
  return withDatabase(options, context, { create: true, deferPublish: true }, (db, opened) => {
    db.transaction(() => {
      if (getCohort(db, cohort.number)) {
        throw new UserError(`Cohort ${cohort.number} already exists.`, { fix: `Change it with remedi cohort edit ${cohort.number} --start ... --end ...` });
      }
      saveCohort(db, cohort);
    }).immediate();
    // A new database appears under its name only now that its first cohort is in it.
    const isNew = !opened.published;
    opened.publish();
    if (isNew) announceCreated(opened, context);
  });
}
