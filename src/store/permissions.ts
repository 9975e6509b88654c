/**
 * Who may read the database file: it holds special category data (ethnicity), so it is
 * owner-only, an empty file before SQLite writes to it and an existing one with its side files.
 */
import { chmodSync, existsSync, statSync } from 'node:fs';

/** Makes an empty file owner-only before SQLite writes anything to it. */
export function ownerOnly(path: string): void {
  // Windows has no group/other mode bits (access is by ACL, which Node does not set).
  if (process.platform === 'win32') return;
  chmodSync(path, statSync(path).mode & 0o700);
}

/**
 * An existing database readable (or writable) by group or others is made owner-only, and
 * its side files with it; says so, or says it could not (someone else's file).
 * Skipped on Windows, where mode bits do not say who may read a file.
 */
export function tightenPermissions(path: string): string | null {
  if (process.platform === 'win32') return null;
  const mode = statSync(path).mode & 0o777;
  if ((mode & 0o077) === 0) return null;
  const octal = (m: number) => `0${m.toString(8)}`;
  try {
    for (const file of [path, `${path}-wal`, `${path}-shm`]) {
      if (existsSync(file)) chmodSync(file, statSync(file).mode & 0o700);
    }
  } catch {
    return `Warning: ${path} can be read by other people on this computer (mode ${octal(mode)}), and remedi could not change that: ask its owner to run chmod 600 ${path}.`;
  }
  return `${path} could be read by other people on this computer (mode ${octal(mode)}); remedi made it readable by you only (${octal(mode & 0o700)}), as it holds special category data.`;
}
