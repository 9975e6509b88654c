import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { openDatabase, resolveDbPath } from '../../src/store/db.js';
import { SCHEMA_VERSION } from '../../src/store/migrations.js';
import { tempDir } from '../helpers/cli.js';

describe('openDatabase', () => {
  it('creates the file owner-only, in WAL mode, with foreign keys on and the current schema', () => {
    const path = join(tempDir(), 'remedi.db');
    const { db, created } = openDatabase(path, { create: true });
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

  it('refuses to create anything for a read command when the file is missing', () => {
    const dir = tempDir();
    const path = join(dir, 'remedi.db');
    expect(() => openDatabase(path, { create: false })).toThrow(UserError);
    expect(existsSync(path)).toBe(false);
  });

  it('refuses a database written by a newer remedi and leaves it untouched', () => {
    const path = join(tempDir(), 'remedi.db');
    const newer = new Database(path);
    newer.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    newer.close();
    const before = readFileSync(path);
    expect(() => openDatabase(path, { create: false })).toThrow(/newer version of remedi/);
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('refuses a file that is not a database', () => {
    const path = join(tempDir(), 'notes.txt');
    writeFileSync(path, 'staff_id,name\n1,A\n');
    expect(() => openDatabase(path, { create: true })).toThrow(/not a remedi database/);
    expect(readFileSync(path, 'utf8')).toBe('staff_id,name\n1,A\n');
  });

  it('reopens an existing database without migrating it again', () => {
    const path = join(tempDir(), 'remedi.db');
    openDatabase(path, { create: true }).db.close();
    const again = openDatabase(path, { create: true });
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
