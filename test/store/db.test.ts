import { chmodSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { UserError, databaseActivity, noteCommitted, sqliteUserError } from '../../src/errors.js';
import { saveCohort, type Cohort } from '../../src/store/cohorts.js';
import { partialCopyProblem } from '../../src/store/backup.js';
import { busyTimeoutMs } from '../../src/store/connection.js';
import { DatabaseAppeared, openDatabase, resolveDbPath } from '../../src/store/db.js';
import { networkFolder } from '../../src/store/networkFolder.js';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { SCHEMA_VERSION } from '../../src/store/schemaVersion.js';
import { tempDir } from '../helpers/cli.js';

const COHORT: Cohort = { number: 1, name: null, start: '2026-01-05', end: '2026-09-30', minMonths: 8, minPerMonth: 2, meetEvery: null };

/** A published database at `path` holding cohort 1. */
async function newDatabase(path: string): Promise<void> {
  const opened = await openDatabase(path, { create: true, deferPublish: true });
  opened.db.transaction(() => saveCohort(opened.db, COHORT)).immediate();
  opened.publish();
}

describe('openDatabase', () => {
  it('builds a new database under a temporary name, owner-only, and gives it its name only once published', async () => {
    const dir = tempDir();
    const path = join(dir, 'remedi.db');
    const opened = await openDatabase(path, { create: true, deferPublish: true });
    expect(opened.created).toBe(true);
    expect(opened.published).toBe(false);
    expect(existsSync(path)).toBe(false);
    const [temporary] = readdirSync(dir);
    expect(temporary).toMatch(/^remedi\.db\.new-[0-9a-f]{12}$/);
    expect(statSync(join(dir, temporary)).mode & 0o777).toBe(0o600);
    opened.db.transaction(() => saveCohort(opened.db, COHORT)).immediate();
    opened.publish();
    expect(opened.published).toBe(true);
    // Only the file, under its name: no temporary file, and no -wal, -shm or -journal under either name.
    expect(readdirSync(dir)).toEqual(['remedi.db']);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const again = await openDatabase(path, { create: false });
    try {
      expect(again.created).toBe(false);
      expect(again.db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(again.db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(again.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      expect(again.db.prepare('SELECT count(*) FROM cohorts').pluck().get()).toBe(1);
      expect(() => again.db.prepare("INSERT INTO enrolments (cohort, staff_id, role) VALUES (9, 'nobody', 'mentor')").run()).toThrow(/FOREIGN KEY/);
    } finally {
      again.close();
    }
  });

  it('without deferPublish, gives a new database its name once its schema is in it, or opens the one another process made', async () => {
    const dir = tempDir();
    const path = join(dir, 'remedi.db');
    const building = await openDatabase(path, { create: true, deferPublish: true });
    const plain = await openDatabase(path, { create: true });
    try {
      expect({ created: plain.created, published: plain.published }).toEqual({ created: true, published: true });
      expect(
        readdirSync(dir)
          .filter((name) => !name.includes('.new-'))
          .sort(),
      ).toEqual(['remedi.db', 'remedi.db-shm', 'remedi.db-wal']);
      expect(plain.db.pragma('journal_mode', { simple: true })).toBe('wal');
      saveCohort(plain.db, COHORT);
    } finally {
      plain.close();
    }
    expect(() => building.publish()).toThrow(DatabaseAppeared);
    const again = await openDatabase(join(dir, 'other.db'), { create: true });
    again.close();
    expect(readdirSync(dir).sort()).toEqual(['other.db', 'remedi.db']);
  });

  it('leaves nothing behind when a new database is closed without being published (a refused first import)', async () => {
    const dir = tempDir();
    const opened = await openDatabase(join(dir, 'remedi.db'), { create: true, deferPublish: true });
    opened.db.transaction(() => saveCohort(opened.db, COHORT)).immediate();
    opened.close();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('never replaces a database another process made while it built its own, and removes only its own file', async () => {
    const dir = tempDir();
    const path = join(dir, 'remedi.db');
    const slow = await openDatabase(path, { create: true, deferPublish: true });
    const fast = await openDatabase(path, { create: true, deferPublish: true });
    fast.db.transaction(() => saveCohort(fast.db, COHORT)).immediate();
    fast.publish();
    const theirs = readFileSync(path);
    slow.db.transaction(() => saveCohort(slow.db, { ...COHORT, number: 2 })).immediate();
    expect(() => slow.publish()).toThrow(DatabaseAppeared);
    expect(readFileSync(path).equals(theirs)).toBe(true);
    expect(readdirSync(dir)).toEqual(['remedi.db']);
  });

  it('makes an empty file (touch remedi.db) a database where it is, owner-only first', async () => {
    const path = join(tempDir(), 'remedi.db');
    writeFileSync(path, '');
    chmodSync(path, 0o644);
    const opened = await openDatabase(path, { create: true });
    try {
      expect({ created: opened.created, published: opened.published, notices: opened.notices }).toEqual({ created: true, published: true, notices: [] });
      expect(statSync(path).mode & 0o777).toBe(0o600);
      expect(opened.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    } finally {
      opened.close();
    }
  });

  it('treats an empty file as no database for a read command', async () => {
    const path = join(tempDir(), 'remedi.db');
    writeFileSync(path, '');
    await expect(openDatabase(path, { create: false })).rejects.toThrow(/empty file, not a remedi database/);
    await expect(openDatabase(path, { create: false, readonly: true })).rejects.toThrow(/empty file, not a remedi database/);
    expect(statSync(path).size).toBe(0);
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
    newer.exec(MIGRATIONS[0]);
    newer.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    newer.close();
    const before = readFileSync(path);
    await expect(openDatabase(path, { create: false })).rejects.toThrow(/newer version of remedi/);
    await expect(openDatabase(path, { create: false, readonly: true })).rejects.toThrow(/newer version of remedi/);
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
    await newDatabase(path);
    const again = await openDatabase(path, { create: true });
    expect(again.created).toBe(false);
    expect(again.backup).toBeNull();
    again.close();
  });

  it('refuses an SQLite database of another program and leaves it exactly as it was', async () => {
    const dir = tempDir();
    const path = join(dir, 'other-app.sqlite');
    const other = new Database(path);
    other.exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('keep me')");
    other.close();
    chmodSync(path, 0o644);
    const before = readFileSync(path);
    await expect(openDatabase(path, { create: true })).rejects.toThrow(/is an SQLite database of another program; remedi does not add its tables to it/);
    await expect(openDatabase(path, { create: false, readonly: true })).rejects.toThrow(/is an SQLite database of another program, not a remedi database/);
    expect(readFileSync(path).equals(before)).toBe(true);
    expect(statSync(path).mode & 0o777).toBe(0o644);
    expect(readdirSync(dir)).toEqual(['other-app.sqlite']);
    const look = new Database(path, { readonly: true });
    expect(look.pragma('journal_mode', { simple: true })).toBe('delete');
    look.close();
  });

  it.skipIf(process.platform === 'win32')('tightens a database that others can read to owner-only when it opens it to write, and says so', async () => {
    const path = join(tempDir(), 'remedi.db');
    await newDatabase(path);
    chmodSync(path, 0o644);
    const reading = await openDatabase(path, { create: false, readonly: true });
    reading.close();
    expect(statSync(path).mode & 0o777).toBe(0o644);
    const writing = await openDatabase(path, { create: false });
    writing.close();
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(writing.notices).toEqual([
      `${path} could be read by other people on this computer (mode 0644); remedi made it readable by you only (0600), as it holds special category data.`,
    ]);
  });

  it("opens a read command's database without writing to it", async () => {
    const path = join(tempDir(), 'remedi.db');
    await newDatabase(path);
    const before = readFileSync(path);
    const { db, close } = await openDatabase(path, { create: false, readonly: true });
    try {
      expect(db.prepare('SELECT count(*) FROM cohorts').pluck().get()).toBe(1);
      expect(() => saveCohort(db, { ...COHORT, number: 2 })).toThrow(/readonly/);
    } finally {
      close();
    }
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('brings an older database up to date for a read command when it can write to it', async () => {
    const dir = tempDir();
    const path = join(dir, 'remedi.db');
    const old = new Database(path);
    old.exec(MIGRATIONS[0]);
    old.pragma('user_version = 1');
    old.close();
    const opened = await openDatabase(path, { create: false, readonly: true });
    try {
      expect(opened.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      expect(opened.backup).toBe(join(dir, 'remedi.db.before-update-from-schema-1'));
    } finally {
      opened.close();
    }
  });

  it('warns once that a network folder is not safe for SQLite, remembering it only when it can write', async () => {
    const path = join(tempDir(), 'remedi.db');
    const nfs = () => 0x6969;
    const first = await openDatabase(path, { create: true, deferPublish: true, fileSystemType: nfs });
    first.db.transaction(() => saveCohort(first.db, COHORT)).immediate();
    first.publish();
    expect(first.notices).toHaveLength(1);
    expect(first.notices[0]).toMatch(/is on an NFS network folder\. SQLite's file locking is not reliable there/);
    const later = await openDatabase(path, { create: false, readonly: true, fileSystemType: nfs });
    later.close();
    expect(later.notices).toEqual([]);

    const other = join(tempDir(), 'remedi.db');
    await newDatabase(other);
    const cifs = () => 0xff534d42;
    for (let n = 0; n < 2; n += 1) {
      const reading = await openDatabase(other, { create: false, readonly: true, fileSystemType: cifs });
      reading.close();
      expect(reading.notices[0]).toMatch(/CIFS/);
    }
  });

  it.each([
    ['NFS', 0x6969, 'an NFS network folder'],
    ['SMB', 0x517b, 'an SMB network folder'],
    ['CIFS', 0xff534d42, 'a CIFS (Windows share) network folder'],
    ['SMB2', 0xfe534d42, 'an SMB2 network folder'],
    ['FUSE', 0x65735546, 'a FUSE file system (often a network or cloud-synced folder)'],
    ['ext4', 0xef53, null],
    ['a platform that cannot say', null, null],
  ])('names %s as a network folder or not', (_label, type, expected) => {
    expect(networkFolder('/somewhere/remedi.db', () => type)).toBe(expected);
  });
});

describe('a copy cut short', () => {
  it('is named by its size against its header, and a whole file is not', async () => {
    const dir = tempDir();
    const path = join(dir, 'remedi.db');
    await newDatabase(path);
    expect(partialCopyProblem(path)).toBeNull();
    const whole = readFileSync(path);
    writeFileSync(join(dir, 'cut.db'), whole.subarray(0, 8192));
    expect(partialCopyProblem(join(dir, 'cut.db'))).toMatch(/^the file is 8192 bytes but its header says \d+ pages of 4096 bytes/);
    writeFileSync(join(dir, 'ragged.db'), whole.subarray(0, 10000));
    expect(partialCopyProblem(join(dir, 'ragged.db'))).toMatch(/not a whole number of 4096-byte pages/);
  });
});

describe('what a failing command may claim', () => {
  it('notes a committed change, and not a rolled-back one or a read', async () => {
    const path = join(tempDir(), 'remedi.db');
    await newDatabase(path);
    const { db, close } = await openDatabase(path, { create: false });
    try {
      noteCommitted(false);
      db.transaction(() => db.prepare('SELECT count(*) FROM cohorts').get()).immediate();
      expect(() =>
        db
          .transaction(() => {
            saveCohort(db, { ...COHORT, number: 2 });
            throw new Error('refused');
          })
          .immediate(),
      ).toThrow('refused');
      db.exec('BEGIN IMMEDIATE');
      saveCohort(db, { ...COHORT, number: 3 });
      db.exec('ROLLBACK');
      expect(databaseActivity()).toEqual({ path, committed: false });
      db.exec('BEGIN IMMEDIATE');
      saveCohort(db, { ...COHORT, number: 4 });
      db.exec('COMMIT');
      expect(databaseActivity().committed).toBe(true);
      noteCommitted(false);
      db.transaction(() => saveCohort(db, { ...COHORT, number: 5 })).immediate();
      expect(databaseActivity().committed).toBe(true);
    } finally {
      close();
      noteCommitted(false);
    }
  });

  const db = '/data/remedi.db';
  it.each([
    [
      'SQLITE_BUSY',
      false,
      /^Another remedi is writing to this database \(\/data\/remedi\.db\); this one waited and gave up\. Nothing was changed\.$/,
      /^Try again when it finishes/,
    ],
    ['SQLITE_FULL', false, /^The disk is full: .* Nothing was changed\.$/, /^Free some space/],
    ['SQLITE_FULL', true, /^The disk is full: .* Changes this command made before it were saved\.$/, /^Free some space/],
    ['SQLITE_IOERR_WRITE', false, /the last change may or may not have been saved\.$/, /run remedi check/],
    ['SQLITE_READONLY', false, /^Cannot write to \/data\/remedi\.db: the file is read-only for you\. Nothing was changed\.$/, /write access/],
    ['SQLITE_READONLY_DIRECTORY', false, /^Cannot write to \/data\/remedi\.db: its folder is read-only for you\. Nothing was changed\.$/, /write access/],
    ['SQLITE_CORRUPT', false, /is damaged/, /restore the database from your latest backup/],
  ])('%s (committed before: %s) is a user error with a fix', (code, committed, message, fix) => {
    const error = sqliteUserError(Object.assign(new Error('sqlite says'), { code }), { path: db, committed });
    expect(error).toBeInstanceOf(UserError);
    expect(error!.exitCode).toBe(1);
    expect(error!.message).toMatch(message);
    expect(error!.fix).toMatch(fix);
  });

  it.each([['SQLITE_MISUSE'], ['SQLITE_CONSTRAINT_FOREIGNKEY'], ['ENOENT'], [undefined]])("%s is not (it is a bug, or not SQLite's)", (code) => {
    expect(sqliteUserError(Object.assign(new Error('x'), { code }), { path: db, committed: false })).toBeNull();
  });
});

describe('busyTimeoutMs', () => {
  it('waits two minutes for another writer, unless a test sets REMEDI_BUSY_TIMEOUT_MS', () => {
    expect(busyTimeoutMs({})).toBe(120_000);
    expect(busyTimeoutMs({ REMEDI_BUSY_TIMEOUT_MS: '250' })).toBe(250);
    expect(busyTimeoutMs({ REMEDI_BUSY_TIMEOUT_MS: 'soon' })).toBe(120_000);
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
