/**
 * The command registry: the root program and each command group's declarations (flags and help,
 * small, loaded eagerly). Each action loads its run module only when it runs, so `remedi --help`
 * loads nothing heavy. The host gives actions their Context and commander its output streams, so
 * tests run the whole command line in-process (test/helpers/inProcess.ts).
 */
import { readFileSync } from 'node:fs';
import { Command, type CommandUnknownOpts } from '@commander-js/extra-typings';
import { declareCohort } from '../commands/cohort/command.js';
import { declareDatabase } from '../commands/database/command.js';
import { declareDepartment } from '../commands/department/command.js';
import { declarePair } from '../commands/pair/command.js';
import { declarePrivacy } from '../commands/privacy/command.js';
import { declareReport } from '../commands/report/command.js';
import { declareImport } from '../commands/roster/command.js';
import { declareSessions } from '../commands/sessions/command.js';
import { declareStaff } from '../commands/staff/command.js';
import { declareSurvey } from '../commands/survey/command.js';
import type { CliHost } from './options.js';

const VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** Where the program writes its own help and usage errors, besides the Context it gives actions. */
/** The streams are properties, not methods: runCli hands writeErr on alone. */
export interface ProgramHost extends CliHost {
  writeOut: (text: string) => void;
  writeErr: (text: string) => void;
}

/** The groups, in the order `remedi --help` lists them. */
const GROUPS: ReadonlyArray<(program: CommandUnknownOpts, host: CliHost) => void> = [
  declareImport,
  declareCohort,
  declareStaff,
  declarePair,
  declareSessions,
  declareSurvey,
  declareReport,
  declareDatabase,
  declarePrivacy,
  declareDepartment,
];

export function buildProgram(host: ProgramHost): CommandUnknownOpts {
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
  for (const declare of GROUPS) declare(program, host);
  return program;
}
