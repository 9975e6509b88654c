/** `remedi cohort list`: every cohort with its dates, state, thresholds and who is enrolled. */
import type { Context } from '../../cli/context.js';
import { cohortState } from '../../domain/cohorts.js';
import { enrolmentCounts, listCohorts } from '../../store/cohorts.js';
import { COHORT_CSV_HEADER, cohortCsvRows, cohortListing, renderCohortList, type CohortListing } from '../../ui/cohortOutput.js';
import { printCsv, printJson, readDatabase, refuseJsonAndCsv } from '../shared/skeleton.js';
import type { CohortListOptions } from './command.js';

export type { CohortListing } from '../../ui/cohortOutput.js';

export async function runCohortList(options: CohortListOptions, context: Context): Promise<CohortListing[]> {
  refuseJsonAndCsv(options);
  const cohorts = await readDatabase(options, context, (db) =>
    listCohorts(db).map((cohort) => cohortListing(cohort, cohortState(cohort, context.today), enrolmentCounts(db, cohort.number))),
  );
  if (options.json) printJson(context, cohorts);
  else if (options.csv) printCsv(context, COHORT_CSV_HEADER, cohortCsvRows(cohorts));
  else if (cohorts.length === 0) context.err('No cohorts yet. Create one with: remedi cohort create 1 --start YYYY-MM-DD --end YYYY-MM-DD\n');
  else context.out(renderCohortList(cohorts, context));
  return cohorts;
}
