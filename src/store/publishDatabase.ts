/**
 * A new database is built under a temporary name beside its real one; here it takes that
 * name, never replacing a file another process made there meanwhile.
 */
import { closeSync, existsSync, fsyncSync, linkSync, openSync, renameSync, unlinkSync } from 'node:fs';
import { dirname } from 'node:path';
import { UserError } from '../errors.js';

/** Another process created the database while this one was building it under a temporary name. */
export class DatabaseAppeared extends UserError {
  constructor(readonly path: string) {
    super(`Another remedi created the database ${path} while this command was setting it up; nothing of this command was saved.`, {
      fix: 'Run the command again: it will use that database.',
    });
    this.name = 'DatabaseAppeared';
  }
}

/**
 * Gives the finished file its real name without ever replacing one: a hard link fails
 * with EEXIST when another process made the database meanwhile, and theirs is kept.
 */
export function moveIntoPlace(temporary: string, path: string): void {
  if (process.platform === 'win32') {
    // Windows: hard links need NTFS (not FAT/exFAT sticks or many shares), and a file just
    // closed is often still held open by antivirus or the indexer, so unlinking the
    // temporary name after linking can fail and leave it behind. Node's rename replaces an
    // existing file there, so look first; the window between the look and the rename is
    // the one race left, and only against another remedi creating the same file.
    renameIfFree(temporary, path);
  } else {
    try {
      linkSync(temporary, path);
      unlinkSync(temporary);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') throw new DatabaseAppeared(path);
      // A file system without hard links (FAT, exFAT, some network shares): as on Windows.
      if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP' || code === 'ENOSYS' || code === 'EMLINK') renameIfFree(temporary, path);
      else throw error;
    }
  }
  syncFolder(dirname(path));
}

function renameIfFree(temporary: string, path: string): void {
  if (existsSync(path)) throw new DatabaseAppeared(path);
  renameSync(temporary, path);
}

/** Makes the new name itself durable (a folder cannot be opened for fsync on Windows). */
function syncFolder(folder: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(folder, 'r');
    fsyncSync(fd);
  } catch {
    // Not possible here: the rename still happened, it is only less certain to survive a power cut.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
