/** `remedi log-session`, `import-sessions` and `sessions` list, edit and delete: flags and help. Run modules load only when a command runs. */
import type { CommandUnknownOpts } from '@commander-js/extra-typings';
import type { OptionValues, Command } from '@commander-js/extra-typings';
import {
  fileReadingOptions,
  cohortNumber,
  collect,
  common,
  databaseOptions,
  isoDateArgument,
  wholeNumber,
  type CliHost,
  type OptionsOf,
} from '../../cli/options.js';

/** A session's fields, as flags: log-session records them, sessions edit changes them. */
function sessionFlags<A extends unknown[], O extends OptionValues, G extends OptionValues>(command: Command<A, O, G>, { required }: { required: boolean }) {
  return command
    .option('--pair <id>', `the relationship, from remedi pair list${required ? '' : ' (moves the session to another)'}`, wholeNumber('a relationship id', 1))
    .option('--date <date>', 'the day of the session (YYYY-MM-DD or DD/MM/YYYY)', isoDateArgument)
    .option('--minutes <n>', 'how long it lasted, 1 to 600', wholeNumber('a number of minutes', 0))
    .option('--kind <kind>', 'one-to-one, observation, semi-structured-interview, reflective-discussion, shadowing, networking, critical-friend or other')
    .option('--level <level>', 'individual, team, department, organisation or system')
    .option('--theme <text>', 'a theme that came up (repeat for more)', collect)
    .option(
      '--mentor <person>',
      `a mentor who was there: staff id, email or name (repeat; default: ${required ? 'every mentor of the relationship' : 'unchanged, or every mentor of the relationship --pair moves it to'})`,
      collect,
    )
    .option('--lived-experience', 'it explored lived experience')
    .option('--no-lived-experience', 'it did not explore lived experience')
    .option('--notes <text>', 'free notes')
    .option('--force', 'record it even if the same relationship already has a session of this kind that day');
}

const logSession = (parent: CommandUnknownOpts) =>
  sessionFlags(common(parent.command('log-session')).summary('Record one mentoring session'), { required: true })
    .description(
      'Record one mentoring session. With --pair, --date, --minutes, --kind and --level it runs without questions; ' +
        'at a terminal, whatever is missing is asked.',
    )
    .addHelpText(
      'after',
      `
Examples:
  remedi log-session                                   (answer the questions)
  remedi log-session --pair 3 --date 2026-03-12 --minutes 45 --kind one-to-one --level team \\
      --theme "career progression" --theme "recruitment panels" --lived-experience`,
    );
export type LogSessionOptions = OptionsOf<ReturnType<typeof logSession>>;

const importSessions = (parent: CommandUnknownOpts) =>
  fileReadingOptions(
    common(parent.command('import-sessions'))
      .summary('Import many sessions from a file')
      .description("Import many sessions at once, for example a form's CSV export; every row is checked first and nothing is written unless all are good.")
      .argument('<sessions>', 'the session log: an Excel workbook (.xlsx) or CSV (UTF-8, or as Excel saves it)')
      .option('--dry-run', 'check the file and say what would be recorded, without writing anything')
      .option('--skip-duplicates', "skip rows already recorded (for re-importing a form's cumulative export)")
      .option('--map <"header=field">', 'read a column under another name (repeatable)', collect)
      .option('--problems <file.csv>', 'write every problem and warning to this CSV file (line, column, header, value, problem, fix)'),
  ).addHelpText(
    'after',
    `
Examples:
  remedi import-sessions form-export.csv --dry-run
  remedi import-sessions form-export.csv --skip-duplicates
  remedi import-sessions responses.csv --map "Your mentee's full name=mentee" --map "Date of the session=date"

Columns: pair_id, or mentee (the mentee by staff id, email or name: "Mentee", "Mentee name", "Mentee email",
"Who did you meet?"), or mentee_id (a staff id), when the mentee has one relationship on that date; date,
minutes, kind, level, themes (separated by ;), lived_experience (yes/no), notes; mentors (for trios: staff ids,
emails or names separated by ; or , so write names First Last); respondent (a form's "Email" or "Email
Address": who filled it in, counted as the mentor present when they are a mentor of the relationship and no
mentors are given; otherwise every mentor counts). A form's other columns are ignored, listed in one notice.`,
  );
export type ImportSessionsOptions = OptionsOf<ReturnType<typeof importSessions>>;

const sessionsList = (parent: CommandUnknownOpts) =>
  common(parent.command('list'))
    .description('List recorded sessions (all of them, unless --pair, --cohort or --staff narrows it).')
    .option('--pair <id>', 'only this relationship', wholeNumber('a relationship id', 1))
    .option('--cohort <number>', 'only this cohort', cohortNumber)
    .option('--staff <person>', 'only the relationships this person is the mentee or a mentor of: staff id, email or name')
    .option('--csv', "CSV with the mentee's and mentors' names, for a spreadsheet")
    .addHelpText(
      'after',
      '\nExamples:\n  remedi sessions list --pair 3\n  remedi sessions list --staff "Chidi Eze"\n  remedi sessions list --cohort 1 --csv > sessions.csv',
    );
export type SessionsListOptions = OptionsOf<ReturnType<typeof sessionsList>>;

const sessionsEdit = (parent: CommandUnknownOpts) =>
  sessionFlags(common(parent.command('edit')), { required: false })
    .description('Correct a recorded session: only the fields you give change, and the result is checked again.')
    .argument('<id>', 'the session id, from remedi sessions list', wholeNumber('a session id', 1))
    .addHelpText('after', '\nExample:\n  remedi sessions edit 12 --minutes 60 --theme "speaking up"');
export type SessionsEditOptions = OptionsOf<ReturnType<typeof sessionsEdit>>;

const sessionsDelete = (parent: CommandUnknownOpts) =>
  databaseOptions(parent.command('delete'))
    .description('Delete a recorded session (asks first at a terminal; otherwise needs --yes).')
    .argument('<id>', 'the session id, from remedi sessions list', wholeNumber('a session id', 1))
    .option('--yes', 'delete without asking')
    .addHelpText('after', '\nExample:\n  remedi sessions delete 12 --yes');
export type SessionsDeleteOptions = OptionsOf<ReturnType<typeof sessionsDelete>>;

/**
 * Declares the group's commands; with `only` (the command line's command), that one alone: declaring
 * the other four was about 2% of log-session's start-up above node's own (issue 15, callgrind).
 */
export function declareSessions(program: CommandUnknownOpts, host: CliHost, only?: string): void {
  const wanted = (name: string) => only === undefined || only === name;
  if (wanted('log-session')) {
    logSession(program).action(async (options) => {
      const { runLogSession } = await import('./logSession.js');
      await runLogSession(options, await host.context(options));
    });
  }
  if (wanted('import-sessions')) {
    importSessions(program).action(async (file, options) => {
      const { runImportSessions } = await import('./importSessions.js');
      await runImportSessions(file, options, await host.context(options));
    });
  }
  if (!wanted('sessions')) return;
  const sessions = program.command('sessions').summary('See, correct and delete sessions').description('See, correct and delete recorded sessions.');
  sessionsList(sessions).action(async (options) => {
    const { runSessionsList } = await import('./list.js');
    await runSessionsList(options, await host.context(options));
  });
  sessionsEdit(sessions).action(async (id, options) => {
    const { runSessionsEdit } = await import('./edit.js');
    await runSessionsEdit(id, options, await host.context(options));
  });
  sessionsDelete(sessions).action(async (id, options) => {
    const { runSessionsDelete } = await import('./delete.js');
    await runSessionsDelete(id, options, await host.context(options));
  });
}
