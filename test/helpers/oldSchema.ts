/**
 * For the migration tests: a database as an older remedi left it, and the checks every
 * migrated database must pass.
 */
import Database from 'better-sqlite3';
import { expect } from 'vitest';
import type { Db } from '../../src/store/db.js';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { SCHEMA_VERSION } from '../../src/store/schemaVersion.js';

/** A new file at `path` with the schema's first `version` steps, foreign keys on, open for the test to fill (and close). */
export function schemaDatabase(path: string, version: number): Database.Database {
  const old = new Database(path);
  // Step 5 folds names with remedi's own function; plain lower case is enough for these rows.
  old.function('remedi_fold', (text: unknown) => String(text).toLowerCase());
  old.pragma('foreign_keys = ON');
  for (const migration of MIGRATIONS.slice(0, version)) old.exec(migration);
  old.pragma(`user_version = ${version}`);
  return old;
}

/** Brought up to this remedi's schema, foreign keys on again, every link holding and SQLite's own check passed. */
export function expectUpToDateAndSound(db: Db): void {
  expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
  expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
  expect(db.pragma('foreign_key_check')).toEqual([]);
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
}
