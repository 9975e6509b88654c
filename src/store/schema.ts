/**
 * Whose database a file is (remedi's, nobody's yet, another program's), its schema version,
 * and bringing an older one up to date with the steps in migrations.ts.
 */
import { UserError } from '../errors.js';
import type { Db } from './connection.js';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations.js';

export type SchemaKind = 'remedi' | 'empty' | 'foreign';

/**
 * Whose database this is: remedi's (schema version set, its staff and cohorts tables),
 * empty (no tables, version 0: a new file), or another program's (anything else).
 */
export function schemaKind(db: Db): SchemaKind {
  const tables = new Set(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[]);
  const version = schemaVersion(db);
  if (tables.size === 0 && version === 0) return 'empty';
  return version > 0 && tables.has('staff') && tables.has('cohorts') ? 'remedi' : 'foreign';
}

export const schemaVersion = (db: Db): number => db.pragma('user_version', { simple: true }) as number;

export function refuseNewer(db: Db, path: string, found = schemaVersion(db)): void {
  if (found <= SCHEMA_VERSION) return;
  throw new UserError(`${path} was written by a newer version of remedi (schema ${found}; this one knows up to ${SCHEMA_VERSION}).`, {
    fix: 'Update remedi (git pull && npm install) and run the command again; the database was not changed.',
  });
}

export function migrate(db: Db, path: string): void {
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
