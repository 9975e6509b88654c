/**
 * The one SQLite file: where it is, opening it safely, and its schema version.
 * It holds special category data (ethnicity), so it is created owner-only before
 * a byte is written, and every write runs in a BEGIN IMMEDIATE transaction.
 */
import { closeSync, existsSync, openSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { UserError } from '../errors.js';
import { createOutputFile } from '../io/outputFile.js';
import { foldText } from '../domain/people.js';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations.js';

export type Db = Database.Database;

export const DEFAULT_DB_FILE = 'remedi.db';

/** `--db PATH`, else `$REMEDI_DB`, else `remedi.db` in the current folder. */
export function resolveDbPath(flag: string | undefined, env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string {
  const chosen = flag ?? (env.REMEDI_DB && env.REMEDI_DB.trim() !== '' ? env.REMEDI_DB : DEFAULT_DB_FILE);
  return resolve(cwd, chosen);
}

export interface OpenOptions {
  /** Commands that write create the database; read commands refuse a missing one. */
  create: boolean;
}

export interface OpenedDb {
  db: Db;
  path: string;
  /** True when this call made the file. */
  created: boolean;
  /** When an older schema was brought up to date: the copy saved first. */
  backup: string | null;
}

/**
 * Opens (or, for a writing command, creates) the database and brings its schema up to
 * date. An older database is first copied beside itself with SQLite's backup API (a
 * plain file copy would miss pages still in the WAL), then migrated in one transaction.
 */
export async function openDatabase(path: string, options: OpenOptions): Promise<OpenedDb> {
  let created = false;
  const inMemory = path === ':memory:';
  if (inMemory) {
    // A scratch database (a dry run against no file): nothing to create or check.
  } else if (!existsSync(path)) {
    if (!options.create) {
      throw new UserError(`There is no remedi database at ${path}.`, {
        fix: 'Import a roster first (remedi import roster.csv), or point to the database with --db PATH or REMEDI_DB.',
      });
    }
    createOwnerOnly(path);
    created = true;
  } else if (statSync(path).isDirectory()) {
    throw new UserError(`${path} is a folder, not a remedi database.`, { fix: 'Give the path of the database file with --db PATH.' });
  }

  let db: Db | undefined;
  let backup: string | null = null;
  try {
    db = new Database(path, { fileMustExist: !inMemory });
    db.pragma('busy_timeout = 10000');
    // Refuse a newer schema before anything (even the journal mode) touches the file.
    refuseNewer(db, path);
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    registerFunctions(db);
    const version = schemaVersion(db);
    if (version > 0 && version < SCHEMA_VERSION) {
      backup = freeBackupPath(`${path}.before-update-from-schema-${version}`);
      await backupTo(db, backup);
    }
    migrate(db, path);
  } catch (error) {
    db?.close();
    throw asOpenError(error, path);
  }
  return { db, path, created, backup };
}

/** SQL functions remedi's schema relies on (a migration folds the names already stored). */
function registerFunctions(db: Db): void {
  db.function('remedi_fold', { deterministic: true }, (text: unknown) => (typeof text === 'string' ? foldText(text) : null));
}

/** Makes an empty file readable by its owner only, before SQLite writes anything to it. */
function createOwnerOnly(path: string): void {
  const folder = dirname(path);
  if (!existsSync(folder)) {
    throw new UserError(`Cannot create the database ${path}: the folder ${folder} does not exist.`, {
      fix: 'Create the folder first, or choose another path with --db PATH.',
    });
  }
  try {
    closeSync(openSync(path, 'wx', 0o600));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
      throw new UserError(`Cannot create the database ${path}: no permission to write in ${folder}.`, {
        fix: 'Choose a folder you can write to with --db PATH.',
      });
    }
    throw error;
  }
}

/**
 * A consistent copy through SQLite's online backup API (it sees pages still in the WAL,
 * and other processes may write meanwhile). The copy goes into a new owner-only file
 * beside `destination`, is checked (integrity, and that it holds a remedi schema), and
 * only then takes the name, which must be free: a full disk, a kill or a bad copy leaves
 * nothing under that name.
 */
export async function backupTo(db: Db, destination: string): Promise<{ path: string; schemaVersion: number }> {
  const { path, result } = await createOutputFile(
    destination,
    async (temporary) => {
      try {
        await db.backup(temporary);
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') {
          throw new UserError(`The database ${db.name} is damaged, so it could not be copied; nothing was written to ${destination}.`, {
            fix: 'Run remedi check on it, and restore it from an earlier backup.',
          });
        }
        throw error;
      }
      return checkCopy(temporary, destination);
    },
    { database: db.name },
  );
  return { path, schemaVersion: result };
}

/** The schema version of a sound copy; a UserError for a copy that is not one. */
function checkCopy(copyPath: string, destination: string): number {
  // Opened for writing, so closing it removes the -wal SQLite makes beside it; exclusive, so
  // it needs no -shm (nobody else has any business with the copy before it has its name).
  const copy = new Database(copyPath, { fileMustExist: true });
  try {
    copy.pragma('locking_mode = EXCLUSIVE');
    let integrity: string;
    try {
      integrity = String(copy.pragma('integrity_check', { simple: true }));
    } catch (error) {
      const code = (error as { code?: string }).code;
      // So damaged the check itself cannot read it; anything else (a full disk) is not about the copy.
      if (code !== 'SQLITE_CORRUPT' && code !== 'SQLITE_NOTADB') throw error;
      integrity = (error as Error).message;
    }
    if (integrity !== 'ok') {
      integrity = integrity.replace(/\*\*\* in database main \*\*\*/, '').replace(/\s+/g, ' ').trim().slice(0, 200);
      throw new UserError(`The backup failed its integrity check (${integrity}); nothing was written to ${destination}.`, {
        fix: 'Run remedi check on the database; if it is damaged, restore it from an earlier backup.',
      });
    }
    const version = schemaVersion(copy);
    if (version === 0) {
      throw new UserError(`The copy holds no remedi data (no schema version); nothing was written to ${destination}.`, { fix: 'Check the --db path points to your remedi database.' });
    }
    return version;
  } finally {
    copy.close();
  }
}

/** `base`, or `base-2`, `base-3`... whichever does not exist yet. */
function freeBackupPath(base: string): string {
  let candidate = base;
  for (let n = 2; existsSync(candidate); n += 1) candidate = `${base}-${n}`;
  return candidate;
}

/** Opens a database only to read or copy it: no migration, no journal change. */
export function openExisting(path: string): Db {
  if (!existsSync(path)) {
    throw new UserError(`There is no remedi database at ${path}.`, { fix: 'Point to the database with --db PATH or REMEDI_DB.' });
  }
  try {
    const db = new Database(path, { fileMustExist: true });
    db.pragma('busy_timeout = 10000');
    db.pragma('user_version');
    return db;
  } catch (error) {
    throw asOpenError(error, path);
  }
}

function asOpenError(error: unknown, path: string): Error {
  if (error instanceof UserError) return error;
  const code = (error as { code?: string }).code;
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
    return new UserError(`${path} is not a remedi database (or it is damaged).`, {
      fix: 'Check the --db path; if it is your database, restore it from a backup.',
    });
  }
  if (code === 'SQLITE_CANTOPEN' || code === 'SQLITE_READONLY') {
    return new UserError(`Cannot open the database ${path} for writing.`, { fix: 'Check the file and its folder are yours to write.' });
  }
  return error as Error;
}

const schemaVersion = (db: Db): number => db.pragma('user_version', { simple: true }) as number;

function refuseNewer(db: Db, path: string, found = schemaVersion(db)): void {
  if (found <= SCHEMA_VERSION) return;
  throw new UserError(`${path} was written by a newer version of remedi (schema ${found}; this one knows up to ${SCHEMA_VERSION}).`, {
    fix: 'Update remedi (git pull && npm install) and run the command again; the database was not changed.',
  });
}

function migrate(db: Db, path: string): void {
  if (schemaVersion(db) === SCHEMA_VERSION) return;
  db.transaction(() => {
    // Another process may have migrated between our look and our lock.
    const current = schemaVersion(db);
    refuseNewer(db, path, current);
    for (let next = current + 1; next <= SCHEMA_VERSION; next += 1) {
      db.exec(MIGRATIONS[next - 1]);
    }
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }).immediate();
}
