/**
 * Nothing lost around the database (issue 12): first imports racing each other, a writer
 * blocked by another, read-only folders and media, a full disk, copies cut short, loose
 * permissions and another program's SQLite file. Each runs the real CLI in child processes.
 */
import { spawn, spawnSync } from 'node:child_process';
import {
  appendFileSync,
  chmodSync,
  chownSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, ROOT, remedi, snapshotFolder, tempDir, type RunResult } from '../helpers/cli.js';

const BIN = join(ROOT, 'bin', 'remedi.js');
const ENV = { NO_COLOR: '1', REMEDI_DB: '', REMEDI_TODAY: '2026-03-15' };
const ROSTER = join(FIXTURES, 'roster.csv');
const COHORT_1 = ['cohort', 'create', '1', '--start', '2026-01-05', '--end', '2026-09-30'];
const root = process.getuid?.() === 0;

/** The real CLI in a child process that runs alongside the test (and the other children). */
function remediAsync(args: string[], env: NodeJS.ProcessEnv = {}): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, ...ENV, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Resolves once `dir` holds a file: the first import has opened its database and is writing. */
async function untilSomethingIn(dir: string): Promise<void> {
  for (let waited = 0; readdirSync(dir).length === 0; waited += 10) {
    if (waited > 20_000) throw new Error(`nothing appeared in ${dir}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** How many people `db` holds (read-write but query-only, so closing removes the -wal and -shm it made). */
function staffCount(db: string): number {
  const look = new Database(db, { fileMustExist: true });
  look.pragma('query_only = ON');
  try {
    return look.prepare('SELECT count(*) FROM staff').pluck().get() as number;
  } finally {
    look.close();
  }
}

const cohortNumbers = (db: string): number[] =>
  (JSON.parse(remedi(['cohort', 'list', '--json', '--db', db]).stdout) as Array<{ number: number }>).map((c) => c.number);

// Two 200,000-person rosters, made once: one good, one refused for its last row.
let rosters: string;
let goodBig: string;
let badBig: string;
beforeAll(async () => {
  rosters = mkdtempSync(join(tmpdir(), 'remedi-rosters-'));
  goodBig = join(rosters, 'big.csv');
  badBig = join(rosters, 'big-bad.csv');
  const { writeRoster } = (await import(join(ROOT, 'bench', 'generate.mjs'))) as {
    writeRoster: (path: string, options: { rows: number; seed: number }) => Promise<void>;
  };
  await writeRoster(goodBig, { rows: 200_000, seed: 12 });
  copyFileSync(goodBig, badBig);
  // A new person with no name: the whole file is refused, after every row was read.
  appendFileSync(badBig, '99999999,,,,,,,,,,,,\n');
}, 60_000);
afterAll(() => rmSync(rosters, { recursive: true, force: true }));

describe('a first import racing another command on a new database', () => {
  it.each([1, 2, 3])('a refused 200,000-row first import never deletes the database a second import made meanwhile (run %i)', async () => {
    const dir = tempDir();
    const db = join(dir, 'remedi.db');
    const failing = remediAsync(['import', badBig, '--db', db]);
    await untilSomethingIn(dir);
    const good = await remediAsync(['import', ROSTER, '--db', db]);
    const bad = await failing;
    expect(good.code, good.stderr).toBe(0);
    expect(good.stdout).toContain('90 added');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('was not imported');
    expect(readdirSync(dir)).toEqual(['remedi.db']);
    expect(staffCount(db)).toBe(90);
    expect(remedi(['check', '--db', db]).code).toBe(0);
  });

  it('a refused first import never deletes the database a cohort create made meanwhile', async () => {
    const dir = tempDir();
    const db = join(dir, 'remedi.db');
    const failing = remediAsync(['import', badBig, '--db', db]);
    await untilSomethingIn(dir);
    const created = await remediAsync([...COHORT_1, '--db', db]);
    const bad = await failing;
    expect(created.code, created.stderr).toBe(0);
    expect(created.stderr).toContain(`Created the remedi database ${db}`);
    expect(bad.code).toBe(1);
    expect(readdirSync(dir)).toEqual(['remedi.db']);
    expect(cohortNumbers(db)).toEqual([1]);
  });

  it('a first import that finds a database made meanwhile imports into it: both are kept', async () => {
    const dir = tempDir();
    const db = join(dir, 'remedi.db');
    const slow = remediAsync(['import', goodBig, '--db', db]);
    await untilSomethingIn(dir);
    const created = await remediAsync([...COHORT_1, '--db', db]);
    const imported = await slow;
    expect(created.code, created.stderr).toBe(0);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stderr).toContain(`Another remedi created ${db} meanwhile; importing into it instead.`);
    expect(imported.stderr).not.toContain('Created the remedi database');
    expect(readdirSync(dir)).toEqual(['remedi.db']);
    expect(cohortNumbers(db)).toEqual([1]);
    expect(staffCount(db)).toBe(200_000);
  }, 60_000);

  it('a dry run still creates nothing, not even in an empty file', () => {
    const dir = tempDir();
    const db = join(dir, 'remedi.db');
    expect(remedi(['import', ROSTER, '--dry-run', '--db', db]).code).toBe(0);
    expect(readdirSync(dir)).toEqual([]);
    writeFileSync(db, '');
    expect(remedi(['import', ROSTER, '--dry-run', '--db', db]).code).toBe(0);
    expect(statSync(db).size).toBe(0);
  });
});

describe('a writer blocked by another process writing', () => {
  /** A child holding a write transaction on `db` for `ms`; resolves once it holds it, and again when it let go. */
  async function holdWriteLock(db: string, ms: number): Promise<{ released: Promise<void> }> {
    const script = `
      const Database = require('better-sqlite3');
      const db = new Database(process.argv[1]);
      db.exec('BEGIN IMMEDIATE');
      process.stdout.write('locked\\n');
      setTimeout(() => { db.exec('ROLLBACK'); db.close(); }, Number(process.argv[2]));`;
    const child = spawn(process.execPath, ['-e', script, db, String(ms)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    const released = new Promise<void>((resolve) => child.on('close', () => resolve()));
    await new Promise<void>((resolve, reject) => {
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => chunk.includes('locked') && resolve());
      child.on('close', () => reject(new Error('the lock holder exited early')));
    });
    return { released };
  }

  it('gives up after the busy timeout with a one-line message, exit 1, and changes nothing', async () => {
    const dir = tempDir();
    const db = join(dir, 'remedi.db');
    expect(remedi([...COHORT_1, '--db', db]).code).toBe(0);
    const holder = await holdWriteLock(db, 2_500);
    const blocked = await remediAsync(['cohort', 'create', '2', '--start', '2026-01-05', '--end', '2026-09-30', '--db', db], { REMEDI_BUSY_TIMEOUT_MS: '300' });
    // Reading is not blocked by a writer.
    const listed = await remediAsync(['cohort', 'list', '--json', '--db', db], { REMEDI_BUSY_TIMEOUT_MS: '300' });
    await holder.released;
    expect(blocked.code).toBe(1);
    expect(blocked.stderr).toBe(
      `remedi: Another remedi is writing to this database (${db}); this one waited and gave up. Nothing was changed.\n` +
        'Try again when it finishes (a large roster import can take a minute or two).\n',
    );
    expect(listed.code, listed.stderr).toBe(0);
    expect(cohortNumbers(db)).toEqual([1]);
  });

  it('waits for a write that finishes within the timeout, then writes', async () => {
    const db = join(tempDir(), 'remedi.db');
    expect(remedi([...COHORT_1, '--db', db]).code).toBe(0);
    const holder = await holdWriteLock(db, 1_500);
    const waited = await remediAsync(['import', ROSTER, '--db', db]);
    await holder.released;
    expect(waited.code, waited.stderr).toBe(0);
    expect(staffCount(db)).toBe(90);
  });
});

/** A programme database (cohort 1, the 90-person roster enrolled) in `dir`, closed. */
function programmeIn(dir: string): string {
  const db = join(dir, 'remedi.db');
  for (const args of [
    [...COHORT_1, '--db', db],
    ['import', ROSTER, '--cohort', '1', '--db', db],
  ]) {
    const result = remedi(args);
    expect(result.code, result.stderr).toBe(0);
  }
  return db;
}

/** The reads that must work, and the writes that must be refused, where nothing can be written. */
function expectReadsWorkAndWritesRefused(db: string, run: (args: string[]) => RunResult, readOnly: RegExp): void {
  const folder = snapshotFolder(join(db, '..'));
  for (const args of [
    ['check'],
    ['report', '--cohort', '1'],
    ['report', 'chase'],
    ['report', 'themes'],
    ['staff', 'list'],
    ['staff', 'find', 'Ellison'],
    ['staff', 'show', '10000001'],
    ['pair', 'list'],
    ['sessions', 'list'],
    ['cohort', 'list'],
    ['department', 'list'],
  ]) {
    const result = run([...args, '--db', db]);
    expect({ args, code: result.code, stderr: result.stderr }).toEqual({ args, code: 0, stderr: expect.not.stringMatching(/error/i) });
  }
  const staff = JSON.parse(run(['staff', 'list', '--json', '--db', db]).stdout) as unknown[];
  expect(staff).toHaveLength(90);
  for (const args of [
    ['import', ROSTER],
    ['cohort', 'create', '2', '--start', '2026-01-05', '--end', '2026-09-30'],
  ]) {
    const result = run([...args, '--db', db]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(readOnly);
    expect(result.stderr).toContain('Nothing was changed.');
    expect(result.stderr.trim().split('\n')).toHaveLength(2);
  }
  expect(snapshotFolder(join(db, '..'))).toEqual(folder);
}

describe('a database in a read-only folder', () => {
  // Root ignores folder permissions, so as root the commands run as the user "nobody".
  const nobody = root && spawnSync('id', ['-u', 'nobody'], { encoding: 'utf8' }).stdout.trim() !== '';
  it.skipIf(root && !nobody)(
    'can be read and checked; writes are refused with the read-only message (as root: run as nobody; skipped without that user)',
    () => {
      const base = tempDir();
      const dir = join(base, 'shared');
      mkdirSync(dir);
      const db = programmeIn(dir);
      const as = root
        ? {
            uid: Number(spawnSync('id', ['-u', 'nobody'], { encoding: 'utf8' }).stdout),
            gid: Number(spawnSync('id', ['-g', 'nobody'], { encoding: 'utf8' }).stdout),
          }
        : null;
      if (as) {
        chmodSync(base, 0o755);
        for (const file of [dir, db]) chownSync(file, as.uid, as.gid);
      }
      chmodSync(dir, 0o555);
      try {
        const run = (args: string[]): RunResult => {
          const result = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, ...ENV }, ...(as ?? {}) });
          return { code: result.status, stdout: result.stdout, stderr: result.stderr };
        };
        expectReadsWorkAndWritesRefused(db, run, new RegExp(`^remedi: Cannot write to ${db}: its folder is read-only for you\\.`));
      } finally {
        chmodSync(dir, 0o755);
      }
    },
  );
});

/** A small tmpfs mounted for one test (root only); null, with the reason, when that is not possible. */
function mountTmpfs(size: string): { dir: string; reason: null } | { dir: null; reason: string } {
  if (!root) return { dir: null, reason: 'needs root to mount a tmpfs' };
  const dir = tempDir();
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size},mode=0700`, 'tmpfs', dir], { encoding: 'utf8' });
  if (mounted.status !== 0) return { dir: null, reason: `mount failed: ${mounted.stderr.trim() || mounted.error?.message}` };
  return { dir, reason: null };
}
const unmount = (dir: string) => spawnSync('umount', [dir]);

describe('a database on read-only media', () => {
  it('can be read and checked; writes are refused (a tmpfs remounted read-only; skipped unless root can mount)', (context) => {
    const media = mountTmpfs('8m');
    if (media.dir === null) return context.skip(`skipped: ${media.reason}`);
    try {
      const db = programmeIn(media.dir);
      expect(spawnSync('mount', ['-o', 'remount,ro', media.dir]).status).toBe(0);
      expectReadsWorkAndWritesRefused(db, (args) => remedi(args), new RegExp(`^remedi: Cannot write to ${db}: the file is read-only for you\\.`));
    } finally {
      unmount(media.dir);
    }
  });
});

describe('a full disk', () => {
  it('refuses an import that does not fit, says so and that nothing was changed, and loses nothing (a 1 MB tmpfs; skipped unless root can mount)', (context) => {
    const disk = mountTmpfs('1m');
    if (disk.dir === null) return context.skip(`skipped: ${disk.reason}`);
    try {
      const db = programmeIn(disk.dir);
      const full = remedi(['import', goodBig, '--db', db]);
      expect(full.code).toBe(1);
      expect(full.stderr).toBe(
        `remedi: The disk is full: remedi could not write to ${db} (or to the temporary files SQLite needs). Nothing was changed.\n` +
          "Free some space on that disk (or the temporary folder's) and run the command again.\n",
      );
      expect(remedi(['check', '--db', db]).code).toBe(0);
      expect(staffCount(db)).toBe(90);

      // A first import that does not fit leaves no file behind.
      const fresh = join(disk.dir, 'new.db');
      const first = remedi(['import', goodBig, '--db', fresh]);
      expect(first.code).toBe(1);
      expect(first.stderr).toContain('The disk is full');
      expect(readdirSync(disk.dir).sort()).toEqual(['remedi.db']);
    } finally {
      unmount(disk.dir);
    }
  }, 60_000);
});

describe('remedi check', () => {
  it('fails on an empty file, a foreign SQLite file and a copy cut short, and passes a whole database', () => {
    const dir = tempDir();
    const db = programmeIn(dir);
    expect(remedi(['check', '--db', db]).code).toBe(0);

    const empty = join(dir, 'empty.db');
    writeFileSync(empty, '');
    expect(remedi(['check', '--db', empty])).toEqual({
      code: 1,
      stdout: '',
      stderr: `remedi: ${empty} is empty (0 bytes): it is not a remedi database, nor a whole copy of one.\nCheck the --db path; if this is a backup, it is no good: make another with remedi backup.\n`,
    });

    const foreign = join(dir, 'other.sqlite');
    const other = new Database(foreign);
    other.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)');
    other.close();
    const foreignCheck = remedi(['check', '--db', foreign]);
    expect(foreignCheck.code).toBe(1);
    expect(foreignCheck.stderr).toContain(`${foreign} is an SQLite database of another program, not a remedi database.`);

    const noTables = join(dir, 'blank.sqlite');
    const blank = new Database(noTables);
    blank.exec('CREATE TABLE scratch (a); DROP TABLE scratch');
    blank.close();
    expect(remedi(['check', '--db', noTables]).stderr).toContain('with no remedi tables in it');

    const whole = readFileSync(db);
    for (const bytes of [whole.length / 2, whole.length - 4096, 10_000]) {
      const cut = join(dir, `cut-${bytes}.db`);
      writeFileSync(cut, whole.subarray(0, bytes));
      const result = remedi(['check', '--db', cut]);
      expect({ bytes, code: result.code }).toEqual({ bytes, code: 1 });
      expect(result.stderr).toMatch(/it was cut short \(a partial copy\?\)/);
      expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
    }
  });
});

describe("permissions and other programs' files", () => {
  it.skipIf(process.platform === 'win32')('an existing database that others can read is made owner-only by the next command that writes, with a notice', () => {
    const dir = tempDir();
    const db = programmeIn(dir);
    chmodSync(db, 0o644);
    expect(remedi(['staff', 'list', '--db', db]).code).toBe(0);
    expect(statSync(db).mode & 0o777).toBe(0o644);
    const result = remedi(['staff', 'train', '10000001', '--db', db]);
    expect(result.code, result.stderr).toBe(0);
    expect(statSync(db).mode & 0o777).toBe(0o600);
    expect(result.stderr).toContain(`${db} could be read by other people on this computer (mode 0644); remedi made it readable by you only (0600)`);
    expect(remedi(['staff', 'train', '10000002', '--db', db]).stderr).not.toContain('could be read by other people');
  });

  it('an empty file (touch r.db) becomes an owner-only database', () => {
    const dir = tempDir();
    const db = join(dir, 'r.db');
    writeFileSync(db, '');
    chmodSync(db, 0o644);
    const result = remedi(['import', ROSTER, '--db', db]);
    expect(result.code, result.stderr).toBe(0);
    expect(statSync(db).mode & 0o777).toBe(0o600);
    expect(staffCount(db)).toBe(90);
  });

  it("another program's SQLite database is refused and left exactly as it was: same bytes, not switched to WAL", () => {
    const dir = tempDir();
    const path = join(dir, 'other-app.sqlite');
    const other = new Database(path);
    other.exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('keep me')");
    other.close();
    const before = snapshotFolder(dir);
    for (const args of [['import', ROSTER], COHORT_1, ['staff', 'list'], ['report']]) {
      const result = remedi([...args, '--db', path]);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(new RegExp(`^remedi: ${path} is an SQLite database of another program`));
    }
    expect(snapshotFolder(dir)).toEqual(before);
    expect(existsSync(`${path}-wal`)).toBe(false);
    const look = new Database(path, { readonly: true });
    expect(look.pragma('journal_mode', { simple: true })).toBe('delete');
    expect(look.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all()).toEqual(['notes']);
    look.close();
  });
});
