/** Writing a report to a file: owner-only from the first byte, with a clear error. */
import { chmodSync, closeSync, existsSync, openSync, statSync, writeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UserError } from '../errors.js';

export function writeOutputFile(path: string, text: string): string {
  const full = resolve(path);
  const folder = dirname(full);
  if (!existsSync(folder)) throw new UserError(`Cannot write ${full}: the folder ${folder} does not exist.`, { fix: 'Create the folder first, or choose another --out path.' });
  if (existsSync(full) && statSync(full).isDirectory()) throw new UserError(`${full} is a folder.`, { fix: 'Give --out the path of a file.' });
  let fd: number;
  try {
    fd = openSync(full, 'w', 0o600);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
      throw new UserError(`Cannot write ${full}: permission denied.`, { fix: 'Choose a folder you can write to.' });
    }
    throw error;
  }
  try {
    // An existing file keeps its old mode on open: make it owner-only too.
    chmodSync(full, 0o600);
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
  return full;
}
