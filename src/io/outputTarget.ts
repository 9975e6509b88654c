/**
 * Where remedi may write a file: never onto the database, its side files or any SQLite
 * file, never through a link or onto a device, a pipe or a folder, and over an existing
 * file only when asked to (a report). outputFile.ts does the writing.
 */
import { closeSync, constants, fstatSync, lstatSync, openSync, readlinkSync, readSync, realpathSync, statSync, type Stats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UserError } from '../errors.js';
import { writeProblem } from './writeProblem.js';

export interface OutputOptions {
  /** The database in use: neither it nor its side files may be a target. */
  database?: string;
  /** An existing regular file may be replaced (a report). Backups and exports never replace. */
  replace?: boolean;
}

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');
const DATABASE_SIDE_FILES: Array<[suffix: string, what: string]> = [
  ['', 'the remedi database itself'],
  ['-wal', "the database's write-ahead log"],
  ['-shm', "the database's shared-memory file"],
  ['-journal', "the database's journal"],
];

export const READ_NO_LINK = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0);

/** The full path of a new folder to make: its parent exists and nothing is at it yet. */
export function checkNewFolder(path: string): string {
  const target = resolve(path);
  requireFolder(target);
  if (exists(target)) throw folderExists(target);
  return target;
}

export function folderExists(target: string): UserError {
  return new UserError(`${target} already exists; remedi writes an export into a new folder.`, { fix: 'Give the name of a folder that does not exist yet.' });
}

/**
 * Where `path` may be written, as a full path; refuses the database, its side files, any
 * SQLite file, and anything there that is not a regular file (or, without `replace`, anything there).
 */
export function checkTarget(path: string, options: OutputOptions = {}): string {
  const target = resolve(path);
  requireFolder(target);
  if (options.database !== undefined && options.database !== ':memory:') {
    const database = resolve(options.database);
    const real = realName(target);
    for (const [suffix, what] of DATABASE_SIDE_FILES) {
      if (samePath(real, realName(`${database}${suffix}`))) {
        throw new UserError(`${target} is ${what}; remedi never writes over it.`, { fix: 'Give another file name.' });
      }
    }
  }
  let stats: Stats;
  try {
    stats = lstatSync(target);
  } catch {
    return target;
  }
  const refusal = notAFile(stats, target);
  if (refusal !== null) throw refusal;
  if (options.database !== undefined && isDatabaseFile(stats, options.database)) {
    throw new UserError(`${target} is the remedi database itself (another name for it); remedi never writes over it.`, { fix: 'Give another file name.' });
  }
  if (startsLikeSqlite(target)) {
    throw new UserError(`${target} is a SQLite database; remedi never writes over one.`, { fix: 'Give another file name.' });
  }
  if (!options.replace) throw alreadyExists(target);
  return target;
}

export function alreadyExists(target: string): UserError {
  return new UserError(`${target} already exists; remedi does not overwrite it.`, { fix: "Give a new name, for example one with today's date in it." });
}

/** The folder `target` goes in, which must exist. */
function requireFolder(target: string): string {
  const folder = dirname(target);
  let stats: Stats;
  try {
    stats = statSync(folder);
  } catch {
    throw new UserError(`Cannot write ${target}: the folder ${folder} does not exist.`, { fix: 'Create the folder first, or choose another path.' });
  }
  if (!stats.isDirectory()) throw new UserError(`Cannot write ${target}: ${folder} is not a folder.`, { fix: 'Choose another path.' });
  return folder;
}

/** Why what is at `path` may not be written, when it is not a regular file; null for a regular file. */
export function notAFile(stats: Stats, path: string): UserError | null {
  const refuse = (what: string, why: string, fix: string) => new UserError(`${path} is ${what}; ${why}.`, { fix });
  if (stats.isSymbolicLink()) {
    let to = '';
    try {
      to = ` (to ${readlinkSync(path)})`;
    } catch {
      // An unreadable link is refused all the same.
    }
    return refuse(`a link${to}`, 'remedi never writes through a link', 'Give the path of the file itself, or a new name.');
  }
  const file = 'remedi writes only to an ordinary file';
  const fix = 'Give the path of an ordinary file, or a new name.';
  if (stats.isDirectory()) return refuse('a folder', file, 'Give the path of a file in it, or a new name.');
  if (stats.isFIFO()) return refuse('a named pipe', file, fix);
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return refuse('a device', file, fix);
  if (stats.isSocket()) return refuse('a socket', file, fix);
  return stats.isFile() ? null : refuse('not an ordinary file', file, fix);
}

/** The real folder (links resolved) joined with the base name: how two paths are compared. */
function realName(path: string): string {
  const folder = dirname(path);
  try {
    return join(realpathSync(folder), basename(path));
  } catch {
    return path;
  }
}

/** Windows and macOS file systems ignore case by default. */
function samePath(a: string, b: string): boolean {
  return process.platform === 'win32' || process.platform === 'darwin' ? a.toLowerCase() === b.toLowerCase() : a === b;
}

/** The same file as the database or one of its side files (a hard link, a differently spelt path). */
function isDatabaseFile(stats: Stats, database: string): boolean {
  return DATABASE_SIDE_FILES.some(([suffix]) => {
    try {
      const other = statSync(`${database}${suffix}`);
      return other.dev === stats.dev && other.ino === stats.ino && other.ino !== 0;
    } catch {
      return false;
    }
  });
}

function startsLikeSqlite(path: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, READ_NO_LINK);
  } catch (error) {
    throw new UserError(
      `Cannot replace ${path}: remedi cannot read it to make sure it is not a database (${writeProblem(error) ?? (error as Error).message}).`,
      { fix: 'Give another file name.' },
    );
  }
  try {
    if (!fstatSync(fd).isFile()) return false;
    const head = Buffer.alloc(SQLITE_HEADER.length);
    const n = readSync(fd, head, 0, head.length, 0);
    return n === head.length && head.equals(SQLITE_HEADER);
  } finally {
    closeSync(fd);
  }
}

export function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}
