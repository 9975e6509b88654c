/** `remedi survey delete --cohort N --stage S`: a mistaken import deleted whole, asking first at a terminal (otherwise it needs --yes). */
import { promptsOf, type Context } from '../../cli/context.js';
import { UsageError, UserError } from '../../errors.js';
import { deleteSurvey, getSurveyImport, type SurveyImport } from '../../store/surveys.js';
import { surveyDeletedLine } from '../../ui/surveyOutput.js';
import { visible } from '../../ui/terminalText.js';
import { existingCohort } from '../shared/resolveCohort.js';
import { withDatabase } from '../shared/skeleton.js';
import type { SurveyDeleteOptions } from './command.js';

export async function runSurveyDelete(options: SurveyDeleteOptions, context: Context): Promise<SurveyImport | null> {
  const { cohort, stage } = options;
  const deleted = await withDatabase(options, context, { create: false }, async (db) => {
    existingCohort(db, cohort);
    const survey = getSurveyImport(db, cohort, stage);
    if (survey === null) {
      throw new UserError(`Cohort ${cohort} has no ${stage} survey imported; nothing was deleted.`, {
        fix: 'See the imported surveys with remedi survey list.',
      });
    }
    if (!options.yes) {
      if (!context.interactive) {
        throw new UsageError(`Deleting the ${stage} survey of cohort ${cohort} needs --yes when there is no terminal to confirm it.`, {
          fix: `remedi survey delete --cohort ${cohort} --stage ${stage} --yes`,
        });
      }
      const { confirmDelete } = await promptsOf(context);
      const what = `the ${stage} survey of cohort ${cohort} (${visible(survey.file)}: ${survey.answers} answers of ${survey.respondents} respondents)`;
      if (!(await confirmDelete(what))) return null;
    }
    db.transaction(() => deleteSurvey(db, cohort, stage)).immediate();
    return survey;
  });
  if (deleted !== null) context.out(surveyDeletedLine(deleted));
  else context.err('Nothing was deleted.\n');
  return deleted;
}
