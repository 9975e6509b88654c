/**
 * The command line: every command, option and help text. Each action loads its
 * command module only when it runs, so `remedi --help` loads nothing heavy.
 */
import { readFileSync } from 'node:fs';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { EXIT_INTERNAL, EXIT_OK, EXIT_REFUSED, EXIT_USAGE, UserError, databaseActivity, sqliteUserError } from './errors.js';
import { parseDate } from './domain/dates.js';
import { writeProblem } from './io/writeProblem.js';
import type { CommonOptions, Context } from './context.js';
import { visible } from './ui/terminalText.js';

const VERSION = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

function wholeNumber(label: string, min: number) {
  return (value: string): number => {
    if (!/^\d+$/.test(value.trim()) || Number(value) < min) throw new InvalidArgumentError(`Expected ${label} (a whole number from ${min}).`);
    // Above 2^53 a number cannot be held exactly: 9007199254740993 would be read as ...992, another row's id.
    if (!Number.isSafeInteger(Number(value)))
      throw new InvalidArgumentError(`Expected ${label} (a whole number from ${min} to ${Number.MAX_SAFE_INTEGER}); ${value.trim()} is too large.`);
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

/** --db, --no-color and --debug on every command; --json, --wide and --no-pager on the ones that print data. */
function common(command: Command, { json = true } = {}): Command {
  command
    .option('--db <path>', 'the remedi database file (default: $REMEDI_DB, else remedi.db in this folder)')
    .option('--no-color', 'plain text, no colour (NO_COLOR works too)')
    .addOption(new Option('--debug', 'show the technical detail of an unexpected error').hideHelp());
  if (json)
    command
      .option('--json', 'print JSON on stdout, for scripts and spreadsheets')
      .option('--wide', 'tables show every column, whole, however narrow the terminal')
      .option('--no-pager', 'long output is not shown page by page (REMEDI_PAGER= works too)');
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
    // Options after a subcommand belong to it: `pair add --db X` must not hand --db to `pair`.
    .enablePositionalOptions()
    .exitOverride()
    .addHelpText(
      'after',
      `
Getting started:
  remedi cohort create 1 --start 2026-01-05 --end 2026-09-30
  remedi import roster.csv --cohort 1
  remedi staff list --cohort 1
  remedi pair --cohort 1 --trios          (then --save)

Everything is kept in one file, remedi.db in this folder (or --db PATH,
or $REMEDI_DB). remedi help COMMAND says more about each command.`,
    );

  const importCommand = common(program.command('import'))
    .summary('Load the staff roster HR gave you')
    .description('Load the staff roster HR gave you (CSV from ESR or a spreadsheet); re-importing updates people by staff id.')
    .argument('<roster>', 'the roster file: an Excel workbook (.xlsx), or CSV (UTF-8 or as Excel saves it; comma, semicolon or tab)')
    .option('--cohort <number>', "enrol people in this cohort using the file's role column (mentor, mentee, either)", wholeNumber('a cohort number', 1))
    .option('--dry-run', 'check the file and show what would change, without writing anything')
    .option('--missing-left', 'the file is the whole staff list: mark people not in it as having left')
    .option('--yes', 'with --missing-left: mark them even when that is more than a fifth of the people now active')
    .option('--map <"header=field">', 'read a column under another name, e.g. --map "Assignment Grade=band" (repeatable)', collect)
    .option('--problems <file.csv>', 'write every problem and warning to this CSV file (line, column, header, value, problem, fix)')
    .option(
      '--map-value <"field:value=replacement">',
      'read a value as another before it is checked, e.g. --map-value "band:Non AfC=VSM" (repeatable; the value matches ignoring case)',
      collect,
    )
    .option(
      '--header-row <n>',
      'the line the column names are on (default: line 1, else the first of the first 10 lines naming a staff id column)',
      wholeNumber('a line number', 1),
    )
    .addOption(new Option('--encoding <encoding>', "the file's text encoding (default: detected)").choices(['utf-8', 'windows-1252']))
    .option('--sheet <name>', 'for an .xlsx workbook: the sheet to read (default: the first)')
    .addHelpText(
      'after',
      `
Examples:
  remedi import esr-export.csv --dry-run
  remedi import roster.csv --cohort 1
  remedi import whole-trust.csv --missing-left
  remedi import whole-trust.csv --missing-left --yes   (when over a fifth of the staff really left)
  remedi import roster.csv --map "Assignment Grade=band" --map "Notes=ignore"
  remedi import esr-export.csv --map-value "band:Non AfC=VSM" --header-row 3

Columns are found by name, ignoring case and punctuation: staff_id (Employee Number), name (Full Name) or
first_name + last_name, email, department (Directorate), job_title (Job Role), band (Pay Band), staff_group,
ethnicity (Ethnic Origin), bme, function, board_member, line_manager_id (Line Manager Employee Number),
role, race_trained, capacity, active and left_on (a leaver, as remedi export writes them). Every row is checked first: if any is wrong, nothing is written.
Values set by hand (remedi staff edit) are kept over a missing column or a blank cell; a filled-in cell wins.
Rows of people erased with remedi forget are skipped.`,
    )
    .action(async (file: string, options) => {
      const { runImport } = await import('./commands/import.js');
      await runImport(file, options, await context(options));
    });
  void importCommand;

  const cohort = program
    .command('cohort')
    .summary('Create, change and list cohorts')
    .description('Create, change and list cohorts (their dates and thresholds).');
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
      await runCohortCreate(number, options, await context(options));
    });
  cohortSettings(
    common(cohort.command('edit'))
      .description("Change a cohort's dates, name or thresholds.")
      .argument('<number>', 'the cohort number', wholeNumber('a cohort number', 1))
      .option('--start <date>', 'first day of the cohort (YYYY-MM-DD)', isoDateArgument)
      .option('--end <date>', 'last day of the cohort (YYYY-MM-DD)', isoDateArgument),
  )
    .addHelpText('after', '\nExample:\n  remedi cohort edit 1 --end 2026-10-31 --min-per-month 1')
    .action(async (number: number, options) => {
      const { runCohortEdit } = await import('./commands/cohort.js');
      await runCohortEdit(number, options, await context(options));
    });
  common(cohort.command('list'))
    .description('List the cohorts with their dates, state (not started, running in month n of m, ended), thresholds and how many are enrolled.')
    .option('--csv', 'CSV, one row per cohort')
    .addHelpText('after', '\nExamples:\n  remedi cohort list --json\n  remedi cohort list --csv > cohorts.csv')
    .action(async (options) => {
      const { runCohortList } = await import('./commands/cohort.js');
      await runCohortList(options, await context(options));
    });
  common(cohort.command('enrol'))
    .description('Enrol people in a cohort by hand, with their role: by staff id, email or name, or from a file.')
    .argument('<number>', 'the cohort number', wholeNumber('a cohort number', 1))
    .option('--mentee <person>', 'enrol as a mentee: staff id, email or name (repeatable)', collect)
    .option('--mentor <person>', 'enrol as a mentor (repeatable)', collect)
    .option('--either <person>', 'enrol as either: a senior leader mentees, anyone else mentors (repeatable)', collect)
    .option('--from <file>', 'a CSV or .xlsx file with a person column (staff id, email or name) and a role column')
    .option('--map <"header=field">', 'read a column of the --from file under another name, e.g. --map "Participant=name" (repeatable)', collect)
    .option(
      '--header-row <n>',
      'the line of the --from file the column names are on (default: line 1, else the first of the first 10 lines naming a staff id column)',
      wholeNumber('a line number', 1),
    )
    .addOption(new Option('--encoding <encoding>', "the --from file's text encoding (default: detected)").choices(['utf-8', 'windows-1252']))
    .option('--sheet <name>', 'for an .xlsx --from workbook: the sheet to read (default: the first)')
    .addHelpText(
      'after',
      `
Examples:
  remedi cohort enrol 2 --mentee "Margaret Ellison" --mentor chidi.eze@nhs.net --either 10000032
  remedi cohort enrol 2 --from participants.csv --map "Participant=name"

Enrolling someone again with another role changes it (unless they are in a relationship of the cohort);
enrolling someone who withdrew takes them back. Nothing is written unless every person is found.`,
    )
    .action(async (number: number, options) => {
      const { runCohortEnrol } = await import('./commands/enrol.js');
      await runCohortEnrol(number, options, await context(options));
    });
  common(cohort.command('withdraw'))
    .description('Record that people left a cohort (kept, with the day and why): they are no longer paired or listed.')
    .argument('<number>', 'the cohort number', wholeNumber('a cohort number', 1))
    .argument('<person...>', 'staff ids, emails or names')
    .option('--on <date>', 'the day they withdrew (default: today)', isoDateArgument)
    .option('--reason <text>', 'why, for the record')
    .option('--end-relationships', 'also end their running relationships in the cohort, on that day')
    .addHelpText('after', '\nExample:\n  remedi cohort withdraw 2 "Chidi Eze" --on 2026-04-30 --reason "changed role" --end-relationships')
    .action(async (number: number, people: string[], options) => {
      const { runCohortWithdraw } = await import('./commands/enrol.js');
      await runCohortWithdraw(number, people, options, await context(options));
    });

  const staff = program
    .command('staff')
    .summary('See, find and correct staff')
    .description('See, find and correct the people remedi knows, and how it classified them.');
  common(staff.command('list'))
    .description('List staff with their band, seniority, BME status, functions and board membership.')
    .option('--cohort <number>', 'only the people enrolled in this cohort, with their role', wholeNumber('a cohort number', 1))
    .option('--csv', "print CSV (the table's columns plus email and job title), for a spreadsheet")
    .addHelpText('after', '\nExamples:\n  remedi staff list\n  remedi staff list --cohort 1 --json > cohort1.json\n  remedi staff list --csv > staff.csv')
    .action(async (options) => {
      const { runStaffList } = await import('./commands/staff.js');
      await runStaffList(options, await context(options));
    });
  common(staff.command('find'))
    .description('Find people by part of their name, email or staff id (accents and case do not matter); people still here first.')
    .argument('<text>', 'part of a name, email or staff id')
    .option('--limit <n>', 'show at most this many (default 50)', wholeNumber('a number of people', 1))
    .option('--csv', 'print CSV, for a spreadsheet')
    .addHelpText('after', '\nExamples:\n  remedi staff find siobhan\n  remedi staff find @nhs.net --csv > people.csv')
    .action(async (text: string, options) => {
      const { runStaffFind } = await import('./commands/staff.js');
      await runStaffFind(text, options, await context(options));
    });
  common(staff.command('show'))
    .description('Everything remedi holds about one person: their details, what was set by hand, their cohorts, relationships and sessions.')
    .argument('<person>', 'a staff id, an email, or a name that matches one person')
    .addHelpText('after', '\nExamples:\n  remedi staff show 10000065\n  remedi staff show "Chidi Eze" --json')
    .action(async (person: string, options) => {
      const { runStaffShow } = await import('./commands/staff.js');
      await runStaffShow(person, options, await context(options));
    });
  common(staff.command('edit'))
    .description("Change one person's details by hand. Values set here are kept by later imports unless the file has a non-blank value for them.")
    .argument('<person>', 'a staff id, an email, or a name that matches one person')
    .option('--email <email>', 'their email ("" for none)')
    .option('--department <name>', 'their department ("" for none)')
    .option('--band <band>', 'their pay band or grade, e.g. "Band 6", 8a, VSM, Consultant')
    .option('--function <list>', 'strategic, managerial, clinical, front line, separated by ; or , ("" to derive it again)')
    .option('--board <yes|no>', 'whether they are an Executive Board member')
    .option('--capacity <n>', 'how many mentees they may mentor at once, 0 to 20')
    .option('--race-trained <date|no>', 'the day they were RACE-trained (YYYY-MM-DD or DD/MM/YYYY), yes if the day is not known, or no')
    .option('--line-manager <person>', 'their line manager: a staff id, email or name ("" for none)')
    .addHelpText(
      'after',
      '\nExamples:\n  remedi staff edit "Chidi Eze" --function "front line"\n  remedi staff edit 10000052 --capacity 2 --race-trained 2026-02-10\n  remedi staff edit siobhan.kelly@nhs.net --line-manager "Margaret Ellison"',
    )
    .action(async (person: string, options) => {
      const { runStaffEdit } = await import('./commands/staffEdit.js');
      await runStaffEdit(person, options, await context(options));
    });
  common(staff.command('train'))
    .description('Record RACE training for mentors trained after the roster was imported.')
    .argument('<person...>', 'one or more people: staff ids, emails, or names that match one person each')
    .option('--on <date>', 'the day they were trained (default: today)', isoDateArgument)
    .addHelpText('after', '\nExamples:\n  remedi staff train 10000065 10000069 --on 2026-02-10\n  remedi staff train "Chidi Eze" mei.chen@nhs.net')
    .action(async (people: string[], options) => {
      const { runStaffTrain } = await import('./commands/staff.js');
      await runStaffTrain(people, options, await context(options));
    });

  const pair = common(program.command('pair'))
    .summary('Propose pairs (--save keeps them)')
    .enablePositionalOptions()
    .description(
      "Propose the best pairs of mentors and mentees for a cohort, following the programme's rules, with the reasons for " +
        'each pair and for everyone left out. Nothing is saved without --save.',
    )
    .option('--cohort <number>', 'the cohort (default: the newest that has started)', wholeNumber('a cohort number', 1))
    .option('--trios', 'give each board member two mentors: one BME, one front-line')
    .option('--save', 'record the proposed relationships')
    .option('--start <date>', 'the day saved relationships start (default: today while the cohort runs, else its start)', isoDateArgument)
    .option('--weights <file>', 'a JSON file of scoring weights, e.g. {"race": 500, "perBandGap": 5}')
    .option('--allow-untrained', 'let mentors who are not RACE-trained yet be paired')
    .option('--allow-repeat', 'let two people paired in an earlier cohort be paired again')
    .option('--replace', "first remove this cohort's relationships that have no sessions yet, and propose them afresh")
    .option('--csv', 'print one row per relationship as CSV, for a mail merge')
    .addHelpText(
      'after',
      `
Examples:
  remedi pair --cohort 1                 see the proposal and why
  remedi pair --cohort 1 --trios --save  board members get a BME and a front-line mentor; record it
  remedi pair --csv > pairs.csv          for a mail merge

Hard rules (never broken): the mentor is more junior than the mentee; neither manages the other within two
levels; the mentor has free capacity and is RACE-trained; the two were not paired in an earlier cohort.
The proposal covers as many board members as possible, then pairs as many mentees as possible, then (with
--trios) fills as many trio places as possible, then scores highest. See the README for the weights.`,
    )
    .action(async (options) => {
      const { runPair } = await import('./commands/pair.js');
      await runPair(options, await context(options));
    });
  common(pair.command('add'))
    .description('Record a pair (or, with two mentors, a trio) you made by hand; the rules are checked first.')
    .requiredOption('--mentee <person>', 'the senior leader being mentored: staff id, email or name')
    .requiredOption('--mentor <person>', 'the mentor: staff id, email or name (give it twice for a trio)', collect)
    .option('--cohort <number>', 'the cohort (default: the newest that has started)', wholeNumber('a cohort number', 1))
    .option('--start <date>', "the day it starts (default: today during the cohort, else the cohort's start)", isoDateArgument)
    .option('--force', 'record it even though it breaks a rule, marked as an override')
    .addHelpText(
      'after',
      '\nExamples:\n  remedi pair add --mentee 10000001 --mentor 10000052\n  remedi pair add --mentee "Andrew Whitfield" --mentor chloe.adebayo@nhs.net --mentor "Jade Thompson" --cohort 1',
    )
    .action(async (options) => {
      const { runPairAdd } = await import('./commands/pairManage.js');
      await runPairAdd(options, await context(options));
    });
  common(pair.command('end'))
    .description('End a running relationship early (its sessions are kept), on a day from its start to its planned end, not before its last session.')
    .argument('<id>', 'the relationship id, from remedi pair list', wholeNumber('a relationship id', 1))
    .option('--on <date>', 'the day it ended (default: today)', isoDateArgument)
    .option('--reason <text>', 'why it ended, for the record')
    .addHelpText('after', '\nExample:\n  remedi pair end 7 --on 2026-04-30 --reason "mentor moved trust"')
    .action(async (id: number, options) => {
      const { runPairEnd } = await import('./commands/pairManage.js');
      await runPairEnd(id, options, await context(options));
    });
  common(pair.command('list'))
    .description('List saved relationships: who, type, start, end and whether they are still running.')
    .option('--cohort <number>', 'only this cohort', wholeNumber('a cohort number', 1))
    .option('--csv', "CSV with every person's staff id, name, email and department, for the introductions mail merge")
    .addHelpText('after', '\nExamples:\n  remedi pair list\n  remedi pair list --cohort 1 --json\n  remedi pair list --cohort 1 --csv > introductions.csv')
    .action(async (options) => {
      const { runPairList } = await import('./commands/pairManage.js');
      await runPairList(options, await context(options));
    });

  const sessionFlags = (command: Command, { required }: { required: boolean }) =>
    command
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

  sessionFlags(common(program.command('log-session')).summary('Record one mentoring session'), { required: true })
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
    )
    .action(async (options) => {
      const { runLogSession } = await import('./commands/logSession.js');
      await runLogSession(options, await context(options));
    });

  common(program.command('import-sessions'))
    .summary('Import many sessions from a file')
    .description("Import many sessions at once, for example a form's CSV export; every row is checked first and nothing is written unless all are good.")
    .argument('<sessions>', 'the session log: an Excel workbook (.xlsx) or CSV (UTF-8, or as Excel saves it)')
    .option('--dry-run', 'check the file and say what would be recorded, without writing anything')
    .option('--skip-duplicates', "skip rows already recorded (for re-importing a form's cumulative export)")
    .option('--map <"header=field">', 'read a column under another name (repeatable)', collect)
    .option('--problems <file.csv>', 'write every problem and warning to this CSV file (line, column, header, value, problem, fix)')
    .option(
      '--header-row <n>',
      'the line the column names are on (default: line 1, else the first of the first 10 lines naming a staff id column)',
      wholeNumber('a line number', 1),
    )
    .addOption(new Option('--encoding <encoding>', "the file's text encoding (default: detected)").choices(['utf-8', 'windows-1252']))
    .option('--sheet <name>', 'for an .xlsx workbook: the sheet to read (default: the first)')
    .addHelpText(
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
    )
    .action(async (file: string, options) => {
      const { runImportSessions } = await import('./commands/importSessions.js');
      await runImportSessions(file, options, await context(options));
    });

  const sessions = program.command('sessions').summary('See, correct and delete sessions').description('See, correct and delete recorded sessions.');
  common(sessions.command('list'))
    .description('List recorded sessions (all of them, unless --pair, --cohort or --staff narrows it).')
    .option('--pair <id>', 'only this relationship', wholeNumber('a relationship id', 1))
    .option('--cohort <number>', 'only this cohort', wholeNumber('a cohort number', 1))
    .option('--staff <person>', 'only the relationships this person is the mentee or a mentor of: staff id, email or name')
    .option('--csv', "CSV with the mentee's and mentors' names, for a spreadsheet")
    .addHelpText(
      'after',
      '\nExamples:\n  remedi sessions list --pair 3\n  remedi sessions list --staff "Chidi Eze"\n  remedi sessions list --cohort 1 --csv > sessions.csv',
    )
    .action(async (options) => {
      const { runSessionsList } = await import('./commands/sessions.js');
      await runSessionsList(options, await context(options));
    });
  sessionFlags(common(sessions.command('edit')), { required: false })
    .description('Correct a recorded session: only the fields you give change, and the result is checked again.')
    .argument('<id>', 'the session id, from remedi sessions list', wholeNumber('a session id', 1))
    .addHelpText('after', '\nExample:\n  remedi sessions edit 12 --minutes 60 --theme "speaking up"')
    .action(async (id: number, options) => {
      const { runSessionsEdit } = await import('./commands/sessions.js');
      await runSessionsEdit(id, options, await context(options));
    });
  common(sessions.command('delete'), { json: false })
    .description('Delete a recorded session (asks first at a terminal; otherwise needs --yes).')
    .argument('<id>', 'the session id, from remedi sessions list', wholeNumber('a session id', 1))
    .option('--yes', 'delete without asking')
    .addHelpText('after', '\nExample:\n  remedi sessions delete 12 --yes')
    .action(async (id: number, options) => {
      const { runSessionsDelete } = await import('./commands/sessions.js');
      await runSessionsDelete(id, options, await context(options));
    });

  const report = common(program.command('report'))
    .summary('The cohort report for the board')
    .enablePositionalOptions()
    .description(
      'The cohort report for the board: participation, board coverage, who is keeping to the thresholds ' +
        '(met, on track, at risk, breached) and why, how people met, and which themes came up.',
    )
    .option('--cohort <number>', 'the cohort (default: the newest that has started)', wholeNumber('a cohort number', 1))
    .option('--as-of <date>', "report as on this day (default: today, or the cohort's end once it has ended); later sessions are ignored", isoDateArgument)
    .addOption(
      new Option('--format <format>', 'table, json, csv, markdown, or html (a page for the board, with charts)').choices([
        'table',
        'json',
        'csv',
        'markdown',
        'html',
      ]),
    )
    .option('--csv', 'short for --format csv')
    .option('--out <file>', 'write the report to this file instead of the screen (written whole or not at all; - for the screen)')
    .option(
      '--suppress-below <k>',
      'for reports that leave the programme team: counts of people by ethnicity below k show as <k, and no row shows a pair type',
      wholeNumber('a whole number of 2 or more', 2),
    )
    .option(
      '--for-publication',
      'a paper that may be published: figures only, no names or staff ids, counts of people by ethnicity below 5 (or --suppress-below) hidden',
    )
    .addHelpText(
      'after',
      `
Examples:
  remedi report --cohort 1
  remedi report --cohort 1 --as-of 2026-07-31 --format markdown --out board-paper.md
  remedi report --cohort 1 --for-publication --format html --out public-paper.html
  remedi report --cohort 1 --format html --out report.html   (opens in any browser, prints on A4)
  remedi report --json > report.json
  remedi report chase                  who needs chasing this month
  remedi report themes                 themes across cohorts

Markdown and HTML reports with names say "Contains special category data: not for publication" at the top.`,
    )
    .action(async (options) => {
      const { runReport } = await import('./commands/report.js');
      await runReport(options, await context(options));
    });
  common(report.command('chase'))
    .description(
      "This month's to-do list: running relationships short of sessions this month, most urgent first; apart, those that need a new mentor or mentee because someone left.",
    )
    .option('--cohort <number>', 'the cohort (default: the newest running today, else the newest that has started)', wholeNumber('a cohort number', 1))
    .option('--as-of <date>', "as on this day (default: today, or the cohort's end once it has ended)", isoDateArgument)
    .option('--csv', 'CSV with names and emails, for a mail merge')
    .addHelpText('after', '\nExamples:\n  remedi report chase\n  remedi report chase --csv > chase.csv')
    .action(async (options) => {
      const { runReportChase } = await import('./commands/report.js');
      await runReportChase(options, await context(options));
    });
  common(report.command('themes'))
    .description('Themes across cohorts: how often each came up, in how many relationships, and which recur.')
    .option('--cohort <number>', 'only this cohort (repeat for several; default: all)', (value: string, previous: number[] = []) => [
      ...previous,
      wholeNumber('a cohort number', 1)(value),
    ])
    .option('--csv', 'CSV, one row per theme')
    .addHelpText('after', '\nExamples:\n  remedi report themes\n  remedi report themes --cohort 1 --cohort 2 --json')
    .action(async (options) => {
      const { runReportThemes } = await import('./commands/report.js');
      await runReportThemes(options, await context(options));
    });

  common(program.command('backup'), { json: true })
    .summary('Copy the database, safely')
    .description('Make a consistent copy of the database, safe even while someone else is using it.')
    .argument('<file>', 'where to write the copy (a new file)')
    .addHelpText('after', '\nExample:\n  remedi backup backups/remedi-2026-07-31.db')
    .action(async (file: string, options) => {
      const { runBackup } = await import('./commands/maintenance.js');
      await runBackup(file, options, await context(options));
    });
  common(program.command('check'))
    .summary('Check the database file is sound')
    .description(
      "Check the database file is sound: its integrity, and that every record's links are intact; also lists running relationships that need a new mentor or mentee (a to-do, not damage).",
    )
    .addHelpText('after', '\nExample:\n  remedi check')
    .action(async (options) => {
      const { runCheck } = await import('./commands/maintenance.js');
      runCheck(options, await context(options));
    });

  common(program.command('export'))
    .summary('Write everything held as CSV files')
    .description('Write everything remedi holds (or, with --staff, everything about one person, for a subject access request) as CSV files in a folder.')
    .argument('<folder>', 'a new folder for the CSV files')
    .option('--staff <person>', 'only what is held about this person (staff id, email or name)')
    .addHelpText(
      'after',
      '\nExamples:\n  remedi export export-2026-07-31\n  remedi export sar-10000052 --staff 10000052\n  remedi export sar-jade --staff "Jade Thompson"',
    )
    .action(async (folder: string, options) => {
      const { runExport } = await import('./commands/privacy.js');
      await runExport(folder, options, await context(options));
    });
  common(program.command('forget'))
    .summary('Erase a person (right to erasure)')
    .description("Erase a person's personal data (right to erasure), keeping only anonymous counts for the cohort statistics.")
    .argument('<person>', 'the person to forget: staff id, email or name')
    .option('--yes', 'do not ask for confirmation (needed without a terminal)')
    .addHelpText(
      'after',
      '\nExamples:\n  remedi forget 10000052\n  remedi forget jade.thompson@nhs.net --yes\n\nLater roster imports skip a row with their staff id or email. See the README for exactly what is kept.',
    )
    .action(async (person: string, options) => {
      const { runForget } = await import('./commands/privacy.js');
      await runForget(person, options, await context(options));
    });

  const department = program
    .command('department')
    .summary('Mark targeted departments')
    .description('Mark the departments that get targeted reverse mentoring.');
  common(department.command('target'))
    .description('Mark a department as targeted: its leaders are matched first, and a mentor from the same department is a plus.')
    .argument('<name>', 'the department, as on the staff list (any case)')
    .option('--off', 'stop targeting it')
    .addHelpText('after', '\nExamples:\n  remedi department target "Emergency Medicine"\n  remedi department target "Emergency Medicine" --off')
    .action(async (name: string, options) => {
      const { runDepartmentTarget } = await import('./commands/department.js');
      await runDepartmentTarget(name, options, await context(options));
    });
  common(department.command('list'))
    .description('List the departments on the staff list and which are targeted.')
    .option('--csv', 'CSV, one row per department')
    .addHelpText('after', '\nExamples:\n  remedi department list\n  remedi department list --csv > departments.csv')
    .action(async (options) => {
      const { runDepartmentList } = await import('./commands/department.js');
      await runDepartmentList(options, await context(options));
    });

  return program;
}

/** Runs the command line and returns the exit code; the only place errors are printed. */
export async function main(argv: string[]): Promise<number> {
  // Everything remedi creates (database, WAL, exports) is for its owner's eyes only.
  process.umask(0o077);
  // `remedi staff list | head` closes the pipe early: that is the reader's choice, not an error.
  // Any other failure to write the data (stdout to a file or device fails in context.out) is one line.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(EXIT_OK);
    process.stderr.write(`remedi: cannot write to standard output: ${writeProblem(error) ?? error.message.split('\n')[0]}.\n`);
    process.exit(EXIT_REFUSED);
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
  if (error instanceof Error && error.name === 'ExitPromptError') {
    process.stderr.write('\nremedi: cancelled; nothing was saved.\n');
    return EXIT_REFUSED;
  }
  // A locked, full, read-only or failing database is the user's to fix, not a bug.
  const expected = error instanceof UserError ? error : sqliteUserError(error);
  if (expected) {
    const lines = [`remedi: ${expected.message}`, ...expected.details];
    if (expected.fix) lines.push(expected.fix);
    // Messages quote names and cells from the data: their control characters are shown, not obeyed.
    process.stderr.write(
      `${lines
        .flatMap((line) => line.split('\n'))
        .map(visible)
        .join('\n')}\n`,
    );
    if (debug && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
    return expected.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`remedi: unexpected internal error: ${visible(message.split('\n')[0])}\n`);
  if (debug && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  else {
    // Only true when no write of this command had committed (errors.ts, databaseActivity).
    const done = databaseActivity().committed ? 'Changes this command made before the error were saved.' : 'Nothing was changed.';
    process.stderr.write(`${done} Run the same command with --debug to see the detail, and report it.\n`);
  }
  return EXIT_INTERNAL;
}
