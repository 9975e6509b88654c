/**
 * The command registry: the root program and each command group's declarations (flags and help,
 * small). A command line naming a group's command loads that group's declarations only; help, a
 * mistyped command and anything else load them all, so help and "Did you mean" list every command.
 * Each action loads its run module only when it runs, so `remedi --help` loads nothing heavy. The
 * host gives actions their Context and commander its output streams, so tests run the whole
 * command line in-process (test/helpers/inProcess.ts).
 */
import { readFileSync } from 'node:fs';
import type { CommandUnknownOpts } from '@commander-js/extra-typings';
import { Command } from './commander.js';
import type { CliHost } from './options.js';

const VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** Where the program writes its own help and usage errors, besides the Context it gives actions. */
/** The streams are properties, not methods: runCli hands writeErr on alone. */
export interface ProgramHost extends CliHost {
  writeOut: (text: string) => void;
  writeErr: (text: string) => void;
}

/** `only`: the command line's command, when the group may declare just that one (groupsFor chose the group by it). */
type Declare = (program: CommandUnknownOpts, host: CliHost, only?: string) => void;

/** A command group: the top-level commands it declares, and its declaration module, loaded when needed. */
export interface CommandGroup {
  commands: readonly string[];
  load(): Promise<Declare>;
}

/**
 * The groups, in the order `remedi --help` lists them. `commands` must be the names the group's
 * declare function adds to the program (test/cli/program.test.ts checks it).
 */
export const COMMAND_GROUPS: readonly CommandGroup[] = [
  { commands: ['import'], load: async () => (await import('../commands/roster/command.js')).declareImport },
  { commands: ['cohort'], load: async () => (await import('../commands/cohort/command.js')).declareCohort },
  { commands: ['staff'], load: async () => (await import('../commands/staff/command.js')).declareStaff },
  { commands: ['pair'], load: async () => (await import('../commands/pair/command.js')).declarePair },
  { commands: ['log-session', 'import-sessions', 'sessions'], load: async () => (await import('../commands/sessions/command.js')).declareSessions },
  { commands: ['survey'], load: async () => (await import('../commands/survey/command.js')).declareSurvey },
  { commands: ['report'], load: async () => (await import('../commands/report/command.js')).declareReport },
  { commands: ['backup', 'check'], load: async () => (await import('../commands/database/command.js')).declareDatabase },
  { commands: ['export', 'forget'], load: async () => (await import('../commands/privacy/command.js')).declarePrivacy },
  { commands: ['characteristics'], load: async () => (await import('../commands/characteristics/command.js')).declareCharacteristics },
  { commands: ['department'], load: async () => (await import('../commands/department/command.js')).declareDepartment },
];

/**
 * The groups a command line needs: the one whose command comes first (argv is node's form, so
 * argv[2]); every group when the first word is not a command (help, --help, a typo, nothing).
 */
export function groupsFor(argv: readonly string[]): readonly CommandGroup[] {
  const first = argv[2];
  const group = COMMAND_GROUPS.find((g) => first !== undefined && g.commands.includes(first));
  return group ? [group] : COMMAND_GROUPS;
}

/** The program for this command line (argv in node's form): every group it may need declared (groupsFor). */
export async function buildProgram(host: ProgramHost, argv: readonly string[]): Promise<CommandUnknownOpts> {
  const groups = groupsFor(argv);
  const declarations = await Promise.all(groups.map((group) => group.load()));
  const program = new Command('remedi')
    // Before any subcommand is added: they inherit where output goes and the exit override.
    .configureOutput({ writeOut: (text) => host.writeOut(text), writeErr: (text) => host.writeErr(text) })
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
  const only = groups.length === 1 ? argv[2] : undefined;
  for (const declare of declarations) declare(program, host, only);
  return program;
}
