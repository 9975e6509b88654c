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
 *
 * Which paths may be written is outputTarget.ts; a failed write in plain words, writeProblem.ts.
 */
import { closeSync, constants, fsyncSync, linkSync, lstatSync, mkdtempSync, openSync, readdirSync, renameSync, rmSync, unlinkSync, type Stats } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { UserError } from '../errors.js';
import { READ_NO_LINK, alreadyExists, checkNewFolder, checkTarget, exists, folderExists, notAFile, type OutputOptions } from './outputTarget.js';
import { writeAll } from './writeAll.js';
import { writeProblem } from './writeProblem.js';

/** Open flags for a new file: exclusive (never an existing path) and, where the platform has it, never a link. */
const CREATE_NEW = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0);

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

/** A file's contents: whole, or in pieces made as they are written (the file is still whole or not at all). */
export type FileContents = string | Uint8Array | Iterable<string>;

/** The write itself: a new temporary file, every byte, fsync, then its name. Leaves no temporary file behind. */
function writeThroughTemporary(target: string, data: FileContents, options: OutputOptions): void {
  const temp = temporaryPath(target);
  try {
    const fd = openSync(temp, CREATE_NEW, 0o600);
    try {
      if (typeof data === 'string' || data instanceof Uint8Array) writeAll(fd, data);
      else for (const piece of data) writeAll(fd, piece);
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
export function createOutputFolder(path: string, fill: (write: (file: string, data: FileContents) => void) => void): string {
  const target = checkNewFolder(path);
  const parent = dirname(target);
  let temp: string | undefined;
  try {
    // mkdtemp makes the folder 0700 under a new name: nobody else can plant a link in it.
    removeLeftovers(target);
    const folder = mkdtempSync(join(parent, partialPrefix(target)));
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

/**
 * A temporary name beside the target: `<name>.partial-<pid>-<random>`. The process id lets a
 * later write of the same name remove what a remedi that was stopped half-way (Ctrl+C, a
 * closed window, a power cut) left behind (removeLeftovers).
 */
function temporaryPath(target: string): string {
  removeLeftovers(target);
  // node:crypto is loaded only when a file is written (store/db.ts says why).
  return join(dirname(target), `${partialPrefix(target)}${process.getBuiltinModule('node:crypto').randomBytes(6).toString('hex')}`);
}

const partialPrefix = (target: string): string => `${basename(target)}.partial-${process.pid}-`;

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Removes the temporary files and folders of earlier writes of this target whose process is
 * no longer running: an export or backup cut short holds the same personal data as a whole
 * one, and nobody would think to look for it. A process still running (another remedi
 * writing the same name) is left alone; so is anything else in the folder.
 */
export function removeLeftovers(target: string): void {
  const folder = dirname(target);
  const pattern = new RegExp(`^${escapeRegExp(basename(target))}\\.partial-(\\d+)-[0-9A-Za-z]{6,12}(-journal|-wal|-shm)?$`);
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return;
  }
  for (const name of names) {
    const match = pattern.exec(name);
    if (match === null || running(Number(match[1]))) continue;
    try {
      rmSync(join(folder, name), { recursive: true, force: true });
    } catch {
      // Not ours to remove after all (another user's folder): left as it is.
    }
  }
}

/** Whether a process runs under this id (a signal 0 only asks; EPERM: it runs, as someone else). */
function running(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
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
