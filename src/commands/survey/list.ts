/** `remedi survey list`: the imported surveys, every cohort's or one's. */
import type { Context } from '../../cli/context.js';
import { listSurveyImports } from '../../store/surveys.js';
import { page } from '../../ui/pager.js';
import { renderSurveyList, SURVEY_CSV_HEADER, surveyCsvRows, type SurveyListing } from '../../ui/surveyOutput.js';
import { existingCohort } from '../shared/resolveCohort.js';
import { printCsv, printJson, readDatabase, refuseJsonAndCsv } from '../shared/skeleton.js';
import type { SurveyListOptions } from './command.js';

export async function runSurveyList(options: SurveyListOptions, context: Context): Promise<SurveyListing[]> {
  refuseJsonAndCsv(options);
  return readDatabase(options, context, (db) => {
    if (options.cohort !== undefined) existingCohort(db, options.cohort);
    const surveys: SurveyListing[] = listSurveyImports(db, options.cohort).map(({ cohort, stage, file, importedOn, respondents, questions }) => ({
      cohort,
      stage,
      file,
      importedOn,
      respondents,
      questions,
    }));
    if (options.json) printJson(context, surveys);
    else if (options.csv) printCsv(context, SURVEY_CSV_HEADER, surveyCsvRows(surveys));
    else if (surveys.length > 0) page(context, renderSurveyList(surveys, context));
    else {
      const which = options.cohort === undefined ? '' : ` for cohort ${options.cohort}`;
      context.err(`No surveys imported yet${which}. Import one with remedi survey import FILE --cohort N --stage start.\n`);
    }
    return surveys;
  });
}
