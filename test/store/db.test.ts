import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { openDatabase, resolveDbPath } from '../../src/store/db.js';
import { MIGRATIONS, SCHEMA_VERSION } from '../../src/store/migrations.js';
import { tempDir } from '../helpers/cli.js';

describe('openDatabase', () => {
  it('creates the file owner-only, in WAL mode, with foreign keys on and the current schema', async () => {
    const path = join(tempDir(), 'remedi.db');
    const { db, created } = await openDatabase(path, { create: true });
    try {
      expect(created).toBe(true);
      expect(statSync(path).mode & 0o777).toBe(0o600);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      expect(() => db.prepare("INSERT INTO enrolments (cohort, staff_id, role) VALUES (9, 'nobody', 'mentor')").run()).toThrow(/FOREIGN KEY/);
    } finally {
      db.close();
    }
  });

  it('refuses to create anything for a read command when the file is missing', async () => {
    const dir = tempDir();
    const path = join(dir, 'remedi.db');
    await expect(openDatabase(path, { create: false })).rejects.toThrow(UserError);
    expect(existsSync(path)).toBe(false);
  });

  it('refuses a database written by a newer remedi and leaves it untouched', async () => {
    const path = join(tempDir(), 'remedi.db');
    const newer = new Database(path);
    newer.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    newer.close();
    const before = readFileSync(path);
    await expect(openDatabase(path, { create: false })).rejects.toThrow(/newer version of remedi/);
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('brings an older database up to date, after saving a copy of it beside itself', async () => {
    const dir = tempDir();
    const path = join(dir, 'remedi.db');
    const old = new Database(path);
    old.pragma('journal_mode = WAL');
    old.exec(MIGRATIONS[0]);
    old.pragma('user_version = 1');
    old.prepare("INSERT INTO staff (staff_id, name, band, added_on, updated_on) VALUES ('1', 'Ann Lee', '5', '2026-01-01', '2026-01-01')").run();
    // Left open with its last write still in the WAL: a plain file copy would miss it.
    const { db, backup } = await openDatabase(path, { create: false });
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      expect(backup).toBe(join(dir, 'remedi.db.before-update-from-schema-1'));
      expect(statSync(backup!).mode & 0o777).toBe(0o600);
      const copy = new Database(backup!, { readonly: true });
      expect(copy.pragma('user_version', { simple: true })).toBe(1);
      expect(copy.prepare('SELECT name FROM staff').all()).toEqual([{ name: 'Ann Lee' }]);
      copy.close();
    } finally {
      db.close();
      old.close();
    }
  });

  it('refuses a file that is not a database', async () => {
    const path = join(tempDir(), 'notes.txt');
    writeFileSync(path, 'staff_id,name\n1,A\n');
    await expect(openDatabase(path, { create: true })).rejects.toThrow(/not a remedi database/);
    expect(readFileSync(path, 'utf8')).toBe('staff_id,name\n1,A\n');
  });

  it('reopens an existing database without migrating it again', async () => {
    const path = join(tempDir(), 'remedi.db');
    (await openDatabase(path, { create: true })).db.close();
    const again = await openDatabase(path, { create: true });
    expect(again.created).toBe(false);
    again.db.close();
  });
});

describe('resolveDbPath', () => {
  it.each([
    ['--db wins', 'x/flag.db', { REMEDI_DB: '/env/remedi.db' }, '/work/x/flag.db'],
    ['then $REMEDI_DB', undefined, { REMEDI_DB: '/env/remedi.db' }, '/env/remedi.db'],
    ['a blank $REMEDI_DB is ignored', undefined, { REMEDI_DB: ' ' }, '/work/remedi.db'],
    ['else remedi.db here', undefined, {}, '/work/remedi.db'],
  ])('%s', (_label, flag, env, expected) => {
    expect(resolveDbPath(flag, env, '/work')).toBe(expected);
  });
});
