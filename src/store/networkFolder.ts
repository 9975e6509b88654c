/** A database on a network or synced folder, where SQLite's locking is not reliable: telling the user, once. */
import { statfsSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Db } from './connection.js';

const NETWORK_FILE_SYSTEMS = new Map<number, string>([
  [0x6969, 'an NFS network folder'],
  [0x517b, 'an SMB network folder'],
  [0xff534d42, 'a CIFS (Windows share) network folder'],
  [0xfe534d42, 'an SMB2 network folder'],
  [0x65735546, 'a FUSE file system (often a network or cloud-synced folder)'],
]);

const NETWORK_WARNING_KEY = 'network-warning-shown';

/** statfs's f_type for a folder, or null where the platform cannot say (statfsSync, Node 18.15+, throws there). */
function fileSystemType(folder: string): number | null {
  try {
    return statfsSync(folder).type;
  } catch {
    return null;
  }
}

/** What kind of network or synced folder holds `path`, or null for a local disk. */
export function networkFolder(path: string, typeOf: (folder: string) => number | null = fileSystemType): string | null {
  const type = typeOf(dirname(path));
  return type === null ? null : (NETWORK_FILE_SYSTEMS.get(type >>> 0) ?? null);
}

/**
 * The one-time warning for a database on a network or synced folder, remembered in the
 * settings table once a writing command has shown it (a read-only open cannot remember).
 */
export function networkNotice(
  db: Db,
  path: string,
  options: { fileSystemType?: (folder: string) => number | null },
  { record }: { record: boolean },
): string[] {
  const where = networkFolder(path, options.fileSystemType);
  if (where === null) return [];
  const shown = db.prepare('SELECT 1 FROM settings WHERE key = ?').pluck().get(NETWORK_WARNING_KEY) !== undefined;
  if (shown) return [];
  if (record) db.prepare('INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)').run(NETWORK_WARNING_KEY, where);
  return [
    `Warning: ${path} is on ${where}. SQLite's file locking is not reliable there, so two people using remedi at once ` +
      'can damage the database, and a sync can bring back an older copy over newer changes. Keep the database on this ' +
      "computer's own disk and put backups (remedi backup) in the shared folder instead. (Shown once for this database.)",
  ];
}
