/**
 * Opening a database without changing it (read commands, check, backup): SQLite's
 * read-only connection where it must be, and a copy in memory on read-only media.
 */
import { accessSync, closeSync, constants, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { UserError, noteDatabaseOpened } from '../errors.js';
import { busyTimeoutMs, type Db } from './connection.js';
import { whatIsAt } from './dbPath.js';
import { asOpenError, noDatabase } from './openErrors.js';
import { sqlite } from './sqlite.js';

/**
 * The database opened only to read it, for reading and checking: no schema requirement.
 * Refuses a missing or empty file and a folder; the caller closes it.
 * Where the file and its folder are writable, the connection is SQLite's read-write one
 * held to reads by query_only: closing it removes the -wal and -shm it made, which a
 * read-only connection cannot (it leaves both behind). Elsewhere (read-only media, a
 * folder that is not yours) it is a read-only connection.
 */
export function openReadOnly(path: string): Db {
  const found = whatIsAt(path);
  if (found !== 'file') throw noDatabase(path, found);
  noteDatabaseOpened(path);
  let db: Db | undefined;
  try {
    const inPlace = writable(path);
    db = sqlite(path, { readonly: !inPlace, fileMustExist: true });
    db.pragma(`busy_timeout = ${busyTimeoutMs()}`);
    if (inPlace) db.pragma('query_only = ON');
    // Reading the schema is what opens the WAL, where a read-only folder shows.
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    return db;
  } catch (error) {
    db?.close();
    const code = (error as { code?: string }).code ?? '';
    if (inWalMode(path) && (code.startsWith('SQLITE_READONLY') || code === 'SQLITE_CANTOPEN')) return readCopyInMemory(path);
    throw asOpenError(error, path);
  }
}

/** Byte 18 of the header: 2 when the database is in WAL mode. */
function inWalMode(path: string): boolean {
  const header = Buffer.alloc(20);
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    return readSync(fd, header, 0, 20, 0) === 20 && header[18] === 2;
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * The database file read into this process's memory (never onto disk: it holds special
 * category data) and opened there, with its header marked as not WAL so SQLite needs no
 * -shm. Only a file whose WAL is empty or absent is whole on its own.
 */
function readCopyInMemory(path: string): Db {
  const wal = `${path}-wal`;
  if (existsSync(wal) && statSync(wal).size > 0) {
    throw new UserError(`${path} has recent changes in ${wal} that remedi cannot read from a read-only folder.`, {
      fix: 'Run any remedi command on it once where its folder is writable (that folds the changes in), or copy both files to a folder you can write to.',
    });
  }
  if (statSync(path).size > 2 ** 31) {
    throw new UserError(`${path} is too large to read from a read-only folder.`, { fix: 'Copy it to a folder you can write to and use --db PATH.' });
  }
  const bytes = readFileSync(path);
  bytes[18] = 1;
  bytes[19] = 1;
  try {
    return sqlite(bytes, { readonly: true });
  } catch (error) {
    throw asOpenError(error, path);
  }
}

export const writable = (path: string): boolean => {
  try {
    accessSync(path, constants.W_OK);
    accessSync(dirname(path), constants.W_OK);
    return true;
  } catch {
    return false;
  }
};

/** Opens a database only to read or copy it: no migration, no journal change. */
export function openExisting(path: string): Db {
  if (!existsSync(path)) {
    throw new UserError(`There is no remedi database at ${path}.`, { fix: 'Point to the database with --db PATH or REMEDI_DB.' });
  }
  try {
    const db = sqlite(path, { fileMustExist: true });
    db.pragma(`busy_timeout = ${busyTimeoutMs()}`);
    db.pragma('user_version');
    return db;
  } catch (error) {
    throw asOpenError(error, path);
  }
}
