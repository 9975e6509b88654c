/**
 * The steps every command shares, written once: open the database the one way (with its
 * notices, and closed whatever happens), write in one transaction or roll a dry run back,
 * refuse --json with --csv, print JSON or CSV on stdout, and the errors for a record that
 * is not there.
 */
import type { CommonOptions, Context } from '../../cli/context.js';
import { UsageError, UserError } from '../../errors.js';
import { toCsv, type CsvCell } from '../../io/csvOutput.js';
import type { Db, OpenedDb, OpenOptions } from '../../store/db.js';
import { openCommandDb } from './openDb.js';

export type OpenHow = Pick<OpenOptions, 'create' | 'readonly' | 'deferPublish'>;

/**
 * Opens the database named by --db / $REMEDI_DB (saying what opening did: created, upgraded and
 * where the old copy is, permissions tightened), runs `work`, and closes it however work ends.
 */
export async function withDatabase<T>(options: CommonOptions, context: Context, how: OpenHow, work: (db: Db, opened: OpenedDb) => T | Promise<T>): Promise<T> {
  const opened = await openCommandDb(options, context, how);
  try {
    return await work(opened.db, opened);
  } finally {
    // opened.close() also removes a new database that was never published (store/db.ts).
    opened.close();
    if (opened.db.open) opened.db.close();
  }
}

/** A read command: the database opened read-only (it works on read-only media and never changes the file). */
export function readDatabase<T>(options: CommonOptions, context: Context, work: (db: Db) => T | Promise<T>): Promise<T> {
  return withDatabase(options, context, { create: false, readonly: true }, (db) => work(db));
}

/** A write command on an existing database: every write in `work` goes in one BEGIN IMMEDIATE transaction. */
export function writeDatabase<T>(options: CommonOptions, context: Context, work: (db: Db) => T): Promise<T> {
  return withDatabase(options, context, { create: false }, (db) => db.transaction(() => work(db)).immediate());
}

/**
 * Runs `work` in one transaction that commits, or with a dry run rolls back, so a dry run does
 * exactly what the real run would and leaves nothing. For work that awaits (a streamed file),
 * where better-sqlite3's db.transaction() cannot reach.
 */
export async function commitOrDryRun<T>(db: Db, dryRun: boolean, work: () => T | Promise<T>): Promise<T> {
  db.exec(dryRun ? 'BEGIN' : 'BEGIN IMMEDIATE');
  try {
    const result = await work();
    db.exec(dryRun ? 'ROLLBACK' : 'COMMIT');
    return result;
  } finally {
    if (db.inTransaction) db.exec('ROLLBACK');
  }
}

/** A list command takes --json or --csv, not both. */
export function refuseJsonAndCsv(options: { json?: boolean; csv?: boolean }): void {
  if (options.json && options.csv) throw new UsageError('Choose one of --json and --csv.');
}

/** JSON on stdout, as every command prints it: indented, one value, a final newline. */
export function printJson(context: Context, value: unknown): void {
  context.out(`${JSON.stringify(value, null, 2)}\n`);
}

/** CSV on stdout, spreadsheet formulas neutralised (io/csvOutput.ts). */
export function printCsv(context: Context, header: readonly string[], rows: ReadonlyArray<readonly CsvCell[]>): void {
  context.out(toCsv(header, rows));
}

/** The errors for a record asked for by its number that is not there, each with where to look. */
export const notFound = {
  relationship: (id: number) => new UserError(`There is no relationship #${id}.`, { fix: 'See the relationships with remedi pair list.' }),
  session: (id: number) => new UserError(`There is no session #${id}.`, { fix: 'See the sessions with remedi sessions list.' }),
  cohort: (number: number) => new UserError(`Cohort ${number} does not exist.`, { fix: 'See the cohorts with remedi cohort list.' }),
};
