/**
 * Whose database a file is (remedi's, nobody's yet, another program's), its schema version,
 * and bringing an older one up to date with the steps in migrations.ts, which are loaded only
 * for that (loadMigrations): a database at this version never needs them.
 */
import { UserError } from '../errors.js';
import type { Db } from './connection.js';
import { SCHEMA_VERSION } from './schemaVersion.js';

/** The steps of migrations.ts, as migrate takes them. */
export interface Migrations {
  MIGRATIONS: readonly string[];
  REBUILDS_TABLES: ReadonlySet<number>;
}

/** The steps, when a database needs them (needsMigrating), or a new one is made. */
export const loadMigrations = (): Promise<Migrations> => import('./migrations.js');

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

/** Whether the database is older than this remedi's schema (a new one, version 0, too). */
export const needsMigrating = (db: Db): boolean => schemaVersion(db) < SCHEMA_VERSION;

export function migrate(db: Db, path: string, { MIGRATIONS, REBUILDS_TABLES }: Migrations): void {
  const before = schemaVersion(db);
  if (before === SCHEMA_VERSION) return;
  // A step that rebuilds a table others point to would, with foreign keys on, delete their
  // rows with it (ON DELETE CASCADE): such steps run with them off, and every link is checked
  // before the commit instead. The pragma cannot change inside a transaction.
  const rebuilds = [...REBUILDS_TABLES].some((step) => step > before);
  const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number;
  if (rebuilds) db.pragma('foreign_keys = OFF');
  try {
    db.transaction(() => {
      // Another process may have migrated between our look and our lock.
      const current = schemaVersion(db);
      refuseNewer(db, path, current);
      for (let next = current + 1; next <= SCHEMA_VERSION; next += 1) {
        db.exec(MIGRATIONS[next - 1]);
      }
      if (rebuilds && (db.pragma('foreign_key_check') as unknown[]).length > 0) {
        throw new UserError(`${path} has links between its tables that do not hold, so remedi could not update its layout; the database was not changed.`, {
          fix: 'Run remedi check for what is wrong, or restore a backup.',
        });
      }
      db.pragma(`user_version = ${SCHEMA_VERSION}`);
    }).immediate();
  } finally {
    if (rebuilds) db.pragma(`foreign_keys = ${foreignKeys}`);
  }
}
