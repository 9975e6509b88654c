/**
 * Copies of the database: a consistent backup that is checked before it takes its name,
 * and telling a copy that was cut short.
 */
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { UserError } from '../errors.js';
import { createOutputFile } from '../io/outputFile.js';
import type { Db } from './connection.js';
import { integrityCheck, isDamage } from './health.js';
import { openExisting } from './readOnlyOpen.js';
import { schemaVersion } from './schema.js';
import { sqlite } from './sqlite.js';

/** How the pages get into the copy: SQLite's online backup API, unless a test puts a failing disk in between. */
export type CopyPages = (db: Db, temporary: string) => Promise<unknown>;
const onlineBackup: CopyPages = (db, temporary) => db.backup(temporary);

/** `remedi backup`: opens the database at `source` only to copy it, copies it to `destination` (backupTo), closes it. */
export async function backupDatabase(
  source: string,
  destination: string,
  copyPages: CopyPages = onlineBackup,
): Promise<{ path: string; schemaVersion: number }> {
  const db = openExisting(source);
  try {
    return await backupTo(db, destination, copyPages);
  } finally {
    db.close();
  }
}

/**
 * A consistent copy through SQLite's online backup API (it sees pages still in the WAL,
 * and other processes may write meanwhile). The copy goes into a new owner-only file
 * beside `destination`, is checked (integrity, and that it holds a remedi schema), and
 * only then takes the name, which must be free: a full disk, a kill or a bad copy leaves
 * nothing under that name.
 */
export async function backupTo(db: Db, destination: string, copyPages: CopyPages = onlineBackup): Promise<{ path: string; schemaVersion: number }> {
  const { path, result } = await createOutputFile(
    destination,
    async (temporary) => {
      try {
        await copyPages(db, temporary);
      } catch (error) {
        if (isDamage(error)) {
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
  const copy = sqlite(copyPath, { fileMustExist: true });
  try {
    copy.pragma('locking_mode = EXCLUSIVE');
    let integrity: string;
    try {
      integrity = integrityCheck(copy)[0] ?? '';
    } catch (error) {
      // So damaged the check itself cannot read it; anything else (a full disk) is not about the copy.
      if (!isDamage(error)) throw error;
      integrity = (error as Error).message;
    }
    if (integrity !== 'ok') {
      integrity = integrity
        .replace(/\*\*\* in database main \*\*\*/, '')
        .replace(/\s+/g, ' ')
        .trim()
        .slice(0, 200);
      throw new UserError(`The backup failed its integrity check (${integrity}); nothing was written to ${destination}.`, {
        fix: 'Run remedi check on the database; if it is damaged, restore it from an earlier backup.',
      });
    }
    const version = schemaVersion(copy);
    if (version === 0) {
      throw new UserError(`The copy holds no remedi data (no schema version); nothing was written to ${destination}.`, {
        fix: 'Check the --db path points to your remedi database.',
      });
    }
    return version;
  } finally {
    copy.close();
  }
}

/** `base`, or `base-2`, `base-3`... whichever does not exist yet. */
export function freeBackupPath(base: string): string {
  let candidate = base;
  for (let n = 2; existsSync(candidate); n += 1) candidate = `${base}-${n}`;
  return candidate;
}

/**
 * A copy cut short (a backup or a download interrupted): the file is not whole pages, or
 * is shorter than its header says. The header's page count is only trusted when SQLite
 * marks it valid and no WAL holds pages the file does not have yet.
 */
export function partialCopyProblem(path: string): string | null {
  const size = statSync(path).size;
  const header = Buffer.alloc(100);
  const fd = openSync(path, 'r');
  let read: number;
  try {
    read = readSync(fd, header, 0, 100, 0);
  } finally {
    closeSync(fd);
  }
  if (read < 100 || header.toString('latin1', 0, 16) !== 'SQLite format 3\0') return null;
  const pageSize = header.readUInt16BE(16) === 1 ? 65536 : header.readUInt16BE(16);
  const pages = header.readUInt32BE(28);
  const headerValid = header.readUInt32BE(92) === header.readUInt32BE(24);
  if (size % pageSize !== 0) return `the file is ${size} bytes, not a whole number of ${pageSize}-byte pages: it was cut short (a partial copy?)`;
  const wal = `${path}-wal`;
  const walHoldsPages = existsSync(wal) && statSync(wal).size > 0;
  if (headerValid && !walHoldsPages && pages * pageSize > size) {
    return `the file is ${size} bytes but its header says ${pages} pages of ${pageSize} bytes (${pages * pageSize} bytes): it was cut short (a partial copy?)`;
  }
  return null;
}
