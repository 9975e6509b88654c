/**
 * What every command declaration shares: the parsers for flag values, the flags every command
 * has (--db, --no-color, --debug) and those of commands that print data (--json, --wide,
 * --no-pager), and the host a declaration asks for its Context. Declarations use commander's
 * typed companion (@commander-js/extra-typings), so each run module's options type is inferred
 * from its flags (OptionsOf) and a renamed flag breaks the build.
 */
import type { Command, OptionValues } from '@commander-js/extra-typings';
import { InvalidArgumentError, Option } from './commander.js';
import { parseDate } from '../domain/dates.js';
import type { CommonOptions, Context } from './context.js';

/** How a declaration's action gets the world it runs in: the real process, or a test's. */
export interface CliHost {
  context(options: CommonOptions): Promise<Context>;
}

/** The options a declared command's action receives, inferred from its flags. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type OptionsOf<C> = C extends Command<any, infer O, any> ? O : never;

export function wholeNumber(label: string, min: number) {
  return (value: string): number => {
    if (!/^\d+$/.test(value.trim()) || Number(value) < min) throw new InvalidArgumentError(`Expected ${label} (a whole number from ${min}).`);
    // Above 2^53 a number cannot be held exactly: 9007199254740993 would be read as ...992, another row's id.
    if (!Number.isSafeInteger(Number(value)))
      throw new InvalidArgumentError(`Expected ${label} (a whole number from ${min} to ${Number.MAX_SAFE_INTEGER}); ${value.trim()} is too large.`);
    return Number(value);
  };
}

export const cohortNumber = wholeNumber('a cohort number', 1);

export function isoDateArgument(value: string): string {
  const parsed = parseDate(value);
  if (!parsed.ok) throw new InvalidArgumentError(`Expected a date as YYYY-MM-DD or DD/MM/YYYY (${parsed.problem}).`);
  return parsed.date;
}

/** A repeatable flag: every value, in order. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** --db, --no-color and --debug: on every command. */
export function databaseOptions<A extends unknown[], O extends OptionValues, G extends OptionValues>(command: Command<A, O, G>) {
  return command
    .option('--db <path>', 'the remedi database file (default: $REMEDI_DB, else remedi.db in this folder)')
    .option('--no-color', 'plain text, no colour (NO_COLOR works too)')
    .addOption(new Option('--debug', 'show the technical detail of an unexpected error').hideHelp());
}

/** The common flags plus --json, --wide and --no-pager: on every command that prints data. */
export function common<A extends unknown[], O extends OptionValues, G extends OptionValues>(command: Command<A, O, G>) {
  return databaseOptions(command)
    .option('--json', 'print JSON on stdout, for scripts and spreadsheets')
    .option('--wide', 'tables show every column, whole, however narrow the terminal')
    .option('--no-pager', 'long output is not shown page by page (REMEDI_PAGER= works too)');
}

/** --cohort N, with the help text the command gives it. */
export function cohortOption<A extends unknown[], O extends OptionValues, G extends OptionValues>(command: Command<A, O, G>, help: string) {
  return command.option('--cohort <number>', help, cohortNumber);
}

/** --header-row, --encoding and --sheet: how to read a CSV or workbook someone sent (`fromFlag`: the file of --from). */
export function fileReadingOptions<A extends unknown[], O extends OptionValues, G extends OptionValues>(command: Command<A, O, G>, { fromFlag = false } = {}) {
  const line = fromFlag ? 'the line of the --from file the column names are on' : 'the line the column names are on';
  return command
    .option('--header-row <n>', `${line} (default: line 1, else the first of the first 10 lines naming a staff id column)`, wholeNumber('a line number', 1))
    .addOption(
      new Option('--encoding <encoding>', `the ${fromFlag ? '--from ' : ''}file's text encoding (default: detected)`).choices([
        'utf-8',
        'windows-1252',
      ] as const),
    )
    .option('--sheet <name>', `for an .xlsx ${fromFlag ? '--from ' : ''}workbook: the sheet to read (default: the first)`);
}
