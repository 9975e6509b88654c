/**
 * The command line: every command, option and help text. Each action loads its
 * command module only when it runs, so `remedi --help` loads nothing heavy.
 */
import { readFileSync } from 'node:fs';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, UserError } from './errors.js';
import { parseDate } from './domain/dates.js';
import type { CommonOptions, Context } from './context.js';

const VERSION = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

function wholeNumber(label: string, min: number) {
  return (value: string): number => {
    if (!/^\d+$/.test(value.trim()) || Number(value) < min) throw new InvalidArgumentError(`Expected ${label} (a whole number from ${min}).`);
    return Number(value);
  };
}

function isoDateArgument(value: string): string {
  const parsed = parseDate(value);
  if (!parsed.ok) throw new InvalidArgumentError(`Expected a date as YYYY-MM-DD or DD/MM/YYYY (${parsed.problem}).`);
  return parsed.date;
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** --db, --no-color and --debug on every command; --json on the ones that print data. */
function common(command: Command, { json = true } = {}): Command {
  command
    .option('--db <path>', 'the remedi database file (default: $REMEDI_DB, else remedi.db in this folder)')
    .option('--no-color', 'plain text, no colour (NO_COLOR works too)')
    .addOption(new Option('--debug', 'show the technical detail of an unexpected error').hideHelp());
  if (json) command.option('--json', 'print JSON on stdout, for scripts and spreadsheets');
  return command;
}

async function context(options: CommonOptions): Promise<Context> {
  const { processContext } = await import('./context.js');
  return processContext(options);
}

export function buildProgram(): Command {
  const program = new Command('remedi')
    .description(
      'Run a reverse mentoring programme: import the staff roster from HR, pair junior mentors with senior ' +
        'leaders, record every mentoring session, and report who is keeping to the thresholds.',
    )
    .version(VERSION, '-V, --version', 'show the version of remedi')
    .helpOption('-h, --help', 'show help for a command')
    .showHelpAfterError('(add --help for how to use it)')
    .exitOverride()
    .addHelpText(
      'after',
      `
Getting started:
  remedi cohort create 1 --start 2026-01-05 --end 2026-09-30
  remedi import roster.csv --cohort 1
  remedi staff list --cohort 1

Everything is kept in one file, remedi.db in this folder (or --db PATH, or $REMEDI_DB).`,
    );

  const importCommand = common(program.command('import'))
    .description('Load the staff roster HR gave you (CSV from ESR or a spreadsheet); re-importing updates people by staff id.')
    .argument('<roster.csv>', 'the roster file (CSV UTF-8, or as Excel saves it; comma, semicolon or tab)')
    .option('--cohort <number>', 'enrol people in this cohort using the file\'s role column (mentor, mentee, either)', wholeNumber('a cohort number', 1))
    .option('--dry-run', 'check the file and show what would change, without writing anything')
    .option('--missing-left', 'the file is the whole staff list: mark people not in it as having left')
    .option('--map <"header=field">', 'read a column under another name, e.g. --map "Assignment Grade=band" (repeatable)', collect)
    .addOption(new Option('--encoding <encoding>', 'the file\'s text encoding (default: detected)').choices(['utf-8', 'windows-1252']))
    .addHelpText(
      'after',
      `
Examples:
  remedi import esr-export.csv --dry-run
  remedi import roster.csv --cohort 1
  remedi import whole-trust.csv --missing-left
  remedi import roster.csv --map "Assignment Grade=band" --map "Notes=ignore"

Columns are found by name, ignoring case and punctuation: staff_id (Employee Number), name (Full Name) or
first_name + last_name, email, department (Directorate), job_title (Job Role), band (Pay Band), staff_group,
ethnicity (Ethnic Origin), bme, function, board_member, line_manager_id (Line Manager Employee Number),
role, race_trained, capacity. Every row is checked first: if any is wrong, nothing is written.`,
    )
    .action(async (file: string, options) => {
      const { runImport } = await import('./commands/import.js');
      await runImport(file, options, await context(options));
    });
  void importCommand;

  const cohort = program.command('cohort').description('Create, change and list cohorts (their dates and thresholds).');
  const cohortSettings = (command: Command) =>
    command
      .option('--name <text>', 'a name for the cohort, e.g. "2026 Executive Board"')
      .option('--min-months <n>', 'months a relationship must last (default 8)', wholeNumber('a number of months', 1))
      .option('--min-per-month <n>', 'sessions needed each month (default 2)', wholeNumber('a number of sessions', 1));
  cohortSettings(
    common(cohort.command('create'))
      .description('Start a new cohort of the programme.')
      .argument('<number>', 'the cohort number, 1 for the first', wholeNumber('a cohort number', 1))
      .option('--start <date>', 'first day of the cohort (YYYY-MM-DD)', isoDateArgument)
      .option('--end <date>', 'last day of the cohort, its planned end (YYYY-MM-DD)', isoDateArgument),
  )
    .addHelpText('after', '\nExample:\n  remedi cohort create 1 --start 2026-01-05 --end 2026-09-30 --name "Board cohort"')
    .action(async (number: number, options) => {
      const { runCohortCreate } = await import('./commands/cohort.js');
      runCohortCreate(number, options, await context(options));
    });
  cohortSettings(
    common(cohort.command('edit'))
      .description('Change a cohort\'s dates, name or thresholds.')
      .argument('<number>', 'the cohort number', wholeNumber('a cohort number', 1))
      .option('--start <date>', 'first day of the cohort (YYYY-MM-DD)', isoDateArgument)
      .option('--end <date>', 'last day of the cohort (YYYY-MM-DD)', isoDateArgument),
  )
    .addHelpText('after', '\nExample:\n  remedi cohort edit 1 --end 2026-10-31 --min-per-month 1')
    .action(async (number: number, options) => {
      const { runCohortEdit } = await import('./commands/cohort.js');
      runCohortEdit(number, options, await context(options));
    });
  common(cohort.command('list'))
    .description('List the cohorts with their dates, thresholds and how many are enrolled.')
    .addHelpText('after', '\nExample:\n  remedi cohort list --json')
    .action(async (options) => {
      const { runCohortList } = await import('./commands/cohort.js');
      runCohortList(options, await context(options));
    });

  const staff = program.command('staff').description('See the people remedi knows and how it classified them.');
  common(staff.command('list'))
    .description('List staff with their band, seniority, BME status, functions and board membership.')
    .option('--cohort <number>', 'only the people enrolled in this cohort, with their role', wholeNumber('a cohort number', 1))
    .addHelpText('after', '\nExamples:\n  remedi staff list\n  remedi staff list --cohort 1 --json > cohort1.json')
    .action(async (options) => {
      const { runStaffList } = await import('./commands/staff.js');
      runStaffList(options, await context(options));
    });

  return program;
}

/** Runs the command line and returns the exit code; the only place errors are printed. */
export async function main(argv: string[]): Promise<number> {
  // Everything remedi creates (database, WAL, exports) is for its owner's eyes only.
  process.umask(0o077);
  // `remedi staff list | head` closes the pipe early: that is the reader's choice, not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(EXIT_OK);
    throw error;
  });
  const debug = argv.includes('--debug');
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return EXIT_OK;
  } catch (error) {
    return reportError(error, debug);
  }
}

function reportError(error: unknown, debug: boolean): number {
  if (error instanceof CommanderError) {
    // Commander has printed its message; help and version end well, the rest is usage.
    return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
  }
  if (error instanceof UserError) {
    const lines = [`remedi: ${error.message}`, ...error.details];
    if (error.fix) lines.push(error.fix);
    process.stderr.write(`${lines.join('\n')}\n`);
    if (debug && error.stack) process.stderr.write(`${error.stack}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`remedi: unexpected internal error: ${message.split('\n')[0]}\n`);
  if (debug && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  else process.stderr.write('Nothing was changed by the failed step. Run the same command with --debug to see the detail, and report it.\n');
  return EXIT_INTERNAL;
}
