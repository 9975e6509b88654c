/**
 * The one way remedi writes a file (a report, an export, a backup, the copy made before a
 * schema update), so a file on disk is either the whole new one or what was there before:
 * - never onto the database, its side files (-wal, -shm, -journal) or any SQLite file;
 * - into a new temporary file in the same folder, created exclusively and never through a
 *   link, every byte checked written, synced, and only then renamed to its name;
 * - an existing target is replaced only when it is a regular file (a report); a link, a
 *   device, a named pipe or a folder is refused, and nothing is chmodded;
 * - on any failure the temporary file is removed and the old target is untouched.
 *
 * Permissions: the temporary file is 0600 from the moment it exists. On Windows mode bits
 * are not applied: the file inherits its folder's ACL (the README says where to keep the
 * database and its exports).
 */
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  constants,
  fstatSync,
  fsyncSync,
  linkSync,
  lstatSync,
  mkdtempSync,
  openSync,
  readlinkSync,
  readSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
  writeSync,
  type Stats,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UserError } from '../errors.js';

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

/** Open flags for a new file: exclusive (never an existing path) and, where the platform has it, never a link. */
const CREATE_NEW = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0);
const READ_NO_LINK = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0);

/** Writes `data` to `path` through a temporary file; returns the full path written. */
export function writeOutputFile(path: string, data: string | Uint8Array, options: OutputOptions = {}): string {
  const target = checkTarget(path, options);
  const existed = exists(target);
  try {
    writeThroughTemporary(target, data, options);
  } catch (error) {
    throw asWriteError(error, target, existed);
  }
  return target;
}

/** The write itself: a new temporary file, every byte, fsync, then its name. Leaves no temporary file behind. */
function writeThroughTemporary(target: string, data: string | Uint8Array, options: OutputOptions): void {
  const temp = temporaryPath(target);
  try {
    const fd = openSync(temp, CREATE_NEW, 0o600);
    try {
      writeAll(fd, data);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    putInPlace(temp, target, options);
  } catch (error) {
    removeQuietly(temp);
    throw error;
  }
  syncFolder(dirname(target));
}

/**
 * Makes a new file at `path` by handing `fill` a new, empty, owner-only temporary file
 * beside it (for SQLite's backup API, which writes to a path). `fill` may check what it
 * wrote and throw; the file gets its final name only after `fill` returns.
 */
export async function createOutputFile<T>(
  path: string,
  fill: (temporary: string) => Promise<T>,
  options: OutputOptions = {},
): Promise<{ path: string; result: T }> {
  const target = checkTarget(path, options);
  const temp = temporaryPath(target);
  const existed = exists(target);
  let result: T;
  try {
    closeSync(openSync(temp, CREATE_NEW, 0o600));
    result = await fill(temp);
    const fd = openSync(temp, READ_NO_LINK);
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    putInPlace(temp, target, options);
  } catch (error) {
    // SQLite may have left its own side files beside the temporary one.
    for (const suffix of ['', '-journal', '-wal', '-shm']) removeQuietly(`${temp}${suffix}`);
    throw asWriteError(error, target, existed);
  }
  syncFolder(dirname(target));
  return { path: target, result };
}

/**
 * Makes a new folder at `path`: `fill` writes its files (by name, through `write`) into a
 * fresh owner-only folder created beside it, which is renamed into place only when every
 * file is written. An existing path is refused; a failure leaves nothing under the final name.
 */
export function createOutputFolder(path: string, fill: (write: (file: string, data: string | Uint8Array) => void) => void): string {
  const target = checkNewFolder(path);
  const parent = dirname(target);
  let temp: string | undefined;
  try {
    // mkdtemp makes the folder 0700 under a new name: nobody else can plant a link in it.
    const folder = mkdtempSync(join(parent, `${basename(target)}.partial-`));
    temp = folder;
    fill((file, data) => {
      if (basename(file) !== file) throw new Error(`not a plain file name: ${file}`);
      writeThroughTemporary(join(folder, file), data, {});
    });
    if (exists(target)) throw folderExists(target);
    renameSync(folder, target);
  } catch (error) {
    if (temp !== undefined) rmSync(temp, { recursive: true, force: true });
    const code = (error as NodeJS.ErrnoException).code;
    // A folder with files in it, or a link or file, put there while we wrote.
    if (code === 'ENOTEMPTY' || code === 'EEXIST' || code === 'ENOTDIR' || code === 'EISDIR') throw folderExists(target);
    throw asWriteError(error, target, false);
  }
  syncFolder(parent);
  return target;
}

/** The full path of a new folder to make: its parent exists and nothing is at it yet. */
export function checkNewFolder(path: string): string {
  const target = resolve(path);
  requireFolder(target);
  if (exists(target)) throw folderExists(target);
  return target;
}

function folderExists(target: string): UserError {
  return new UserError(`${target} already exists; remedi writes an export into a new folder.`, { fix: 'Give the name of a folder that does not exist yet.' });
}

/** Writes every byte of `data` to an open file descriptor, however many calls that takes. */
export function writeAll(fd: number, data: string | Uint8Array): void {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  let offset = 0;
  while (offset < bytes.length) {
    const written = writeSync(fd, bytes, offset, bytes.length - offset);
    if (written <= 0) throw Object.assign(new Error('the write made no progress'), { code: 'EIO' });
    offset += written;
  }
}

/** Why a write failed, in plain words, for an errno or SQLite code; null when we have no plain words for it. */
export function writeProblem(error: unknown): string | null {
  const code = String((error as { code?: unknown }).code ?? '');
  if (code === 'ENOSPC' || code === 'SQLITE_FULL') return 'the disk is full';
  if (code === 'EDQUOT') return 'your disk quota is used up';
  if (code === 'EFBIG') return 'the file is too large for this disk';
  if (code === 'EROFS' || code.startsWith('SQLITE_READONLY')) return 'the disk is read-only';
  if (code === 'EACCES' || code === 'EPERM' || code === 'SQLITE_CANTOPEN') return 'permission denied';
  if (code === 'EIO' || code.startsWith('SQLITE_IOERR')) return 'the disk reported an input/output error';
  if (code === 'EPIPE') return 'the program reading it has closed it';
  return null;
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

function alreadyExists(target: string): UserError {
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
function notAFile(stats: Stats, path: string): UserError | null {
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

function temporaryPath(target: string): string {
  return join(dirname(target), `${basename(target)}.partial-${randomBytes(6).toString('hex')}`);
}

/** Gives the finished temporary file its name: replacing only a regular file, or only where nothing is. */
function putInPlace(temp: string, target: string, options: OutputOptions): void {
  if (options.replace) {
    // Whatever was put there meanwhile: a rename replaces the name itself, never what a link points to.
    let stats: Stats | undefined;
    try {
      stats = lstatSync(target);
    } catch {
      stats = undefined;
    }
    const refusal = stats === undefined ? null : notAFile(stats, target);
    if (refusal !== null) throw refusal;
    renameSync(temp, target);
    return;
  }
  // A hard link fails if the name is taken, so nothing put there meanwhile is overwritten.
  try {
    linkSync(temp, target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw alreadyExists(target);
    // File systems without hard links (FAT, some network shares): look, then rename.
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS' && code !== 'EMLINK') throw error;
    if (exists(target)) throw alreadyExists(target);
    renameSync(temp, target);
    return;
  }
  unlinkSync(temp);
}

/** The rename itself reaches the disk (POSIX); Windows cannot open a folder, and does not need to. */
function syncFolder(folder: string): void {
  try {
    const fd = openSync(folder, constants.O_RDONLY);
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Best effort: the file itself is already synced.
  }
}

function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Not there (never made, or already renamed).
  }
}

function asWriteError(error: unknown, target: string, existed: boolean): Error {
  if (error instanceof UserError) return error;
  const problem = writeProblem(error);
  if (problem === null) return error as Error;
  const left = existed ? `the ${basename(target)} already there is as it was` : 'nothing was written under that name';
  const fix =
    problem === 'the disk is full' || problem === 'your disk quota is used up'
      ? ' Free some space, or choose another place.'
      : problem === 'permission denied' || problem === 'the disk is read-only'
        ? ' Choose a folder you can write to.'
        : '';
  return new UserError(`Cannot write ${target}: ${problem}; ${left}.${fix}`);
}
