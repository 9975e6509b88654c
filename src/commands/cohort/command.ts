/** `remedi cohort` create, edit, list, enrol and withdraw: flags and help. Run modules load only when a command runs. */
import type { CommandUnknownOpts } from '@commander-js/extra-typings';
import type { OptionValues, Command } from '@commander-js/extra-typings';
import { fileReadingOptions, cohortNumber, collect, common, isoDateArgument, wholeNumber, type CliHost, type OptionsOf } from '../../cli/options.js';
import { declareCohortMeeting } from './meetingCommand.js';

/** A cohort's name and thresholds, which create and edit both set. */
function cohortSettings<A extends unknown[], O extends OptionValues, G extends OptionValues>(command: Command<A, O, G>) {
  return command
    .option('--name <text>', 'a name for the cohort, e.g. "2026 Executive Board"')
    .option('--min-months <n>', 'months a relationship must last (default 8)', wholeNumber('a number of months', 1))
    .option('--min-per-month <n>', 'sessions needed each month (default 2)', wholeNumber('a number of sessions', 1))
    .option(
      '--meet-every <months>',
      'hold a cohort meeting every this many months; report chase says when one is due (default: none; 0 for none)',
      wholeNumber('a number of months', 0),
    );
}

const cohortCreate = (parent: CommandUnknownOpts) =>
  cohortSettings(
    common(parent.command('create'))
      .description('Start a new cohort of the programme.')
      .argument('<number>', 'the cohort number, 1 for the first', cohortNumber)
      .option('--start <date>', 'first day of the cohort (YYYY-MM-DD)', isoDateArgument)
      .option('--end <date>', 'last day of the cohort, its planned end (YYYY-MM-DD)', isoDateArgument),
  ).addHelpText('after', '\nExample:\n  remedi cohort create 1 --start 2026-01-05 --end 2026-09-30 --name "Board cohort"');
export type CohortCreateOptions = OptionsOf<ReturnType<typeof cohortCreate>>;

const cohortEdit = (parent: CommandUnknownOpts) =>
  cohortSettings(
    common(parent.command('edit'))
      .description("Change a cohort's dates, name or thresholds.")
      .argument('<number>', 'the cohort number', cohortNumber)
      .option('--start <date>', 'first day of the cohort (YYYY-MM-DD)', isoDateArgument)
      .option('--end <date>', 'last day of the cohort (YYYY-MM-DD)', isoDateArgument),
  ).addHelpText('after', '\nExample:\n  remedi cohort edit 1 --end 2026-10-31 --min-per-month 1');
export type CohortEditOptions = OptionsOf<ReturnType<typeof cohortEdit>>;

const cohortList = (parent: CommandUnknownOpts) =>
  common(parent.command('list'))
    .description('List the cohorts with their dates, state (not started, running in month n of m, ended), thresholds and how many are enrolled.')
    .option('--csv', 'CSV, one row per cohort')
    .addHelpText('after', '\nExamples:\n  remedi cohort list --json\n  remedi cohort list --csv > cohorts.csv');
export type CohortListOptions = OptionsOf<ReturnType<typeof cohortList>>;

const cohortEnrol = (parent: CommandUnknownOpts) =>
  fileReadingOptions(
    common(parent.command('enrol'))
      .description('Enrol people in a cohort by hand, with their role: by staff id, email or name, or from a file.')
      .argument('<number>', 'the cohort number', cohortNumber)
      .option('--mentee <person>', 'enrol as a mentee: staff id, email or name (repeatable)', collect)
      .option('--mentor <person>', 'enrol as a mentor (repeatable)', collect)
      .option('--either <person>', 'enrol as either: a senior leader mentees, anyone else mentors (repeatable)', collect)
      .option('--from <file>', 'a CSV or .xlsx file with a person column (staff id, email or name) and a role column')
      .option('--map <"header=field">', 'read a column of the --from file under another name, e.g. --map "Participant=name" (repeatable)', collect),
    { fromFlag: true },
  ).addHelpText(
    'after',
    `
Examples:
  remedi cohort enrol 2 --mentee "Margaret Ellison" --mentor chidi.eze@nhs.net --either 10000032
  remedi cohort enrol 2 --from participants.csv --map "Participant=name"

Enrolling someone again with another role changes it (unless they are in a relationship of the cohort);
enrolling someone who withdrew takes them back. Nothing is written unless every person is found.`,
  );
export type EnrolOptions = OptionsOf<ReturnType<typeof cohortEnrol>>;

const cohortWithdraw = (parent: CommandUnknownOpts) =>
  common(parent.command('withdraw'))
    .description('Record that people left a cohort (kept, with the day and why): they are no longer paired or listed.')
    .argument('<number>', 'the cohort number', cohortNumber)
    .argument('<person...>', 'staff ids, emails or names')
    .option('--on <date>', 'the day they withdrew (default: today)', isoDateArgument)
    .option('--reason <text>', 'why, for the record')
    .option('--end-relationships', 'also end their running relationships in the cohort, on that day')
    .addHelpText('after', '\nExample:\n  remedi cohort withdraw 2 "Chidi Eze" --on 2026-04-30 --reason "changed role" --end-relationships');
export type WithdrawOptions = OptionsOf<ReturnType<typeof cohortWithdraw>>;

export function declareCohort(program: CommandUnknownOpts, host: CliHost): void {
  const cohort = program
    .command('cohort')
    .summary('Create, change and list cohorts')
    .description('Create, change and list cohorts (their dates and thresholds), and record their meetings.');
  cohortCreate(cohort).action(async (number, options) => {
    const { runCohortCreate } = await import('./create.js');
    await runCohortCreate(number, options, await host.context(options));
  });
  cohortEdit(cohort).action(async (number, options) => {
    const { runCohortEdit } = await import('./edit.js');
    await runCohortEdit(number, options, await host.context(options));
  });
  cohortList(cohort).action(async (options) => {
    const { runCohortList } = await import('./list.js');
    await runCohortList(options, await host.context(options));
  });
  cohortEnrol(cohort).action(async (number, options) => {
    const { runCohortEnrol } = await import('./enrol.js');
    await runCohortEnrol(number, options, await host.context(options));
  });
  cohortWithdraw(cohort).action(async (number, people, options) => {
    const { runCohortWithdraw } = await import('./withdraw.js');
    await runCohortWithdraw(number, people, options, await host.context(options));
  });
  declareCohortMeeting(cohort, host);
}
