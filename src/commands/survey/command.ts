/** `remedi survey import`, `list` and `delete`: outcome surveys' flags and help. Run modules load only when a command runs. */
import type { CommandUnknownOpts } from '@commander-js/extra-typings';
import { Option } from '../../cli/commander.js';
import { cohortNumber, collect, common, databaseOptions, fileReadingOptions, type CliHost, type OptionsOf } from '../../cli/options.js';
import { SURVEY_STAGES } from '../../domain/surveys.js';

const stageOption = (help: string) => new Option('--stage <stage>', help).choices(SURVEY_STAGES).makeOptionMandatory();

const surveyImport = (parent: CommandUnknownOpts) =>
  fileReadingOptions(
    common(parent.command('import'))
      .summary("Import a stage of a cohort's outcome survey")
      .description(
        "Import the answers to a cohort's outcome survey at one stage (start, mid or end), from a form's export: " +
          'one row per respondent, one column per question. Every row is checked first and nothing is written unless all are good.',
      )
      .argument('<file>', "the form's export: an Excel workbook (.xlsx) or CSV (UTF-8, or as Excel saves it)")
      .requiredOption('--cohort <number>', 'the cohort the respondents take part in', cohortNumber)
      .addOption(stageOption('the stage of the cohort the survey was taken at: start, mid or end'))
      .option('--respondent <header>', 'the column naming who answered (default: "Respondent", else a staff id, email or name column)')
      .option('--text <header>', 'a question answered in free text, not on the 1-5 scale (repeat for more)', collect)
      .option('--consent <header>', 'the yes/no column saying whether free-text answers may be quoted (default: "Consent")')
      .option('--dry-run', 'check the file and say what would be imported, without writing anything')
      .option('--problems <file.csv>', 'write every problem and warning to this CSV file (line, column, header, value, problem, fix)'),
  ).addHelpText(
    'after',
    `
Examples:
  remedi survey import start-survey.csv --cohort 1 --stage start --text "What do you hope to learn?" --consent "May we quote you?"
  remedi survey import end-survey.xlsx --cohort 1 --stage end --respondent "Your email" --dry-run

Columns: the respondent (a staff id, email or name of one of the cohort's participants); each other column is a
question, answered 1 to 5 or in words ("Strongly disagree" ... "Strongly agree", any case; blank: not answered),
or in free text when named with --text. A form's own columns (Timestamp, ID, Start time, Completion time, Last
modified time, and Email or Name when another column names the respondent) are not questions.`,
  );
export type SurveyImportOptions = OptionsOf<ReturnType<typeof surveyImport>>;

const surveyList = (parent: CommandUnknownOpts) =>
  common(parent.command('list'))
    .summary('List the imported surveys')
    .description('List the imported surveys: cohort, stage, file, the day imported, respondents and questions.')
    .option('--cohort <number>', 'only this cohort', cohortNumber)
    .option('--csv', 'CSV, for a spreadsheet')
    .addHelpText('after', '\nExamples:\n  remedi survey list\n  remedi survey list --cohort 1 --json');
export type SurveyListOptions = OptionsOf<ReturnType<typeof surveyList>>;

const surveyDelete = (parent: CommandUnknownOpts) =>
  databaseOptions(parent.command('delete'))
    .summary('Delete a stage imported by mistake')
    .description('Delete a stage of a survey imported by mistake, every answer with it (asks first at a terminal; otherwise needs --yes).')
    .requiredOption('--cohort <number>', 'the cohort', cohortNumber)
    .addOption(stageOption('the stage to delete: start, mid or end'))
    .option('--yes', 'delete without asking')
    .addHelpText('after', '\nExample:\n  remedi survey delete --cohort 1 --stage start --yes');
export type SurveyDeleteOptions = OptionsOf<ReturnType<typeof surveyDelete>>;

export function declareSurvey(program: CommandUnknownOpts, host: CliHost): void {
  const survey = program
    .command('survey')
    .summary('Import, list and delete outcome surveys')
    .description("Outcome surveys at a cohort's start, middle and end: what changed, for the report's Outcomes section.");
  surveyImport(survey).action(async (file, options) => {
    const { runSurveyImport } = await import('./import.js');
    await runSurveyImport(file, options, await host.context(options));
  });
  surveyList(survey).action(async (options) => {
    const { runSurveyList } = await import('./list.js');
    await runSurveyList(options, await host.context(options));
  });
  surveyDelete(survey).action(async (options) => {
    const { runSurveyDelete } = await import('./delete.js');
    await runSurveyDelete(options, await host.context(options));
  });
}
