/**
 * Files remedi writes outside the database (report --out, export, backup) and standard
 * output: never onto the database or any SQLite file, never through a link or onto a
 * device, all or nothing on a full disk or a kill, and a one-line error when they fail.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  closeSync,
  copyFileSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  rmSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { FIXTURES, ROOT, remedi, tempDir, type RunResult } from '../helpers/cli.js';
import { fillUp, fullDiskSupport, mountFullDisk } from '../helpers/fullDisk.js';

const BIN = join(ROOT, 'bin', 'remedi.js');
const env = { REMEDI_TODAY: '2026-07-29', NO_COLOR: '1', REMEDI_DB: '' };

/** The real CLI with a time limit: a write that waits for a reader (a named pipe) fails instead of hanging. */
function run(args: string[], stdio: { stdout?: number } = {}): RunResult {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 20_000,
    stdio: ['ignore', stdio.stdout ?? 'pipe', 'pipe'],
  });
  return { code: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
}

const lines = (text: string) => text.trim().split('\n');
const bytes = (path: string) => readFileSync(path);
const mode = (path: string) => lstatSync(path).mode & 0o777;

/** One programme (cohort 1, the fixture roster, trios, sessions), built once and copied into each test. */
let programme: string;
const afterAllDone: Array<() => void> = [];
afterAll(() => afterAllDone.forEach((done) => done()));
beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), 'remedi-test-'));
  afterAllDone.push(() => rmSync(dir, { recursive: true, force: true }));
  programme = join(dir, 'programme.db');
  for (const args of [
    ['cohort', 'create', '1', '--start', '2026-01-05', '--end', '2026-09-30'],
    ['import', join(FIXTURES, 'roster.csv'), '--cohort', '1'],
    ['pair', '--trios', '--save', '--start', '2026-01-05'],
    ['import-sessions', join(FIXTURES, 'sessions.csv')],
  ]) {
    const result = remedi([...args, '--db', programme], { env });
    expect(result.code, result.stderr).toBe(0);
  }
}, 60_000);

function setUp(): { dir: string; db: string } {
  const dir = tempDir();
  const db = join(dir, 'remedi.db');
  copyFileSync(programme, db);
  return { dir, db };
}

const report = (db: string, out: string) => run(['report', '--cohort', '1', '--format', 'markdown', '--out', out, '--db', db]);

describe('report --out never writes over a database', () => {
  it('refuses the database itself, and leaves it as it was', () => {
    const { db } = setUp();
    const before = bytes(db);
    const result = report(db, db);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`remedi: ${db} is the remedi database itself; remedi never writes over it.`);
    expect(bytes(db)).toEqual(before);
    expect(run(['check', '--db', db]).code).toBe(0);
  });

  it('refuses its -wal while another program has the database open, and leaves the -wal as it was', () => {
    const { db } = setUp();
    const reader = new Database(db);
    onTestFinished(() => {
      reader.close();
    });
    reader.prepare('UPDATE cohorts SET name = ? WHERE number = 1').run('Board cohort');
    const wal = `${db}-wal`;
    const before = bytes(wal);
    const result = report(db, wal);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("is the database's write-ahead log; remedi never writes over it.");
    expect(bytes(wal)).toEqual(before);
  });

  it('refuses any other SQLite file', () => {
    const { dir, db } = setUp();
    const other = join(dir, 'other-app.sqlite');
    const foreign = new Database(other);
    foreign.exec("CREATE TABLE accounts (name TEXT); INSERT INTO accounts VALUES ('kept')");
    foreign.close();
    const before = bytes(other);
    const result = report(db, other);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`remedi: ${other} is a SQLite database; remedi never writes over one.`);
    expect(bytes(other)).toEqual(before);
  });

  it('replaces an ordinary file with the whole report, owner-only, and `--out -` prints it instead', () => {
    const { dir, db } = setUp();
    const paper = join(dir, 'board-paper.md');
    writeFileSync(paper, 'last month', { mode: 0o644 });
    chmodSync(paper, 0o644);
    const result = report(db, paper);
    expect(result.code, result.stderr).toBe(0);
    const screen = report(db, '-');
    expect(screen.code, screen.stderr).toBe(0);
    expect(readFileSync(paper, 'utf8')).toBe(screen.stdout);
    expect(screen.stdout).toContain('# Cohort 1');
    expect(mode(paper)).toBe(0o600);
    expect(readdirSync(dir).sort()).toEqual(['board-paper.md', 'remedi.db']);
  });
});

describe('report --out never writes through a link or onto a device', () => {
  it('refuses a link, and neither writes nor chmods the file it points to', () => {
    const { dir, db } = setUp();
    const victim = join(dir, 'victim.txt');
    writeFileSync(victim, 'not yours');
    chmodSync(victim, 0o644);
    const link = join(dir, 'stdout');
    symlinkSync(victim, link);
    const result = report(db, link);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`remedi: ${link} is a link (to ${victim}); remedi never writes through a link.`);
    expect(readFileSync(victim, 'utf8')).toBe('not yours');
    expect(mode(victim)).toBe(0o644);
  });

  it.skipIf(process.platform === 'win32')('refuses a named pipe at once, and leaves its mode alone', () => {
    const { dir, db } = setUp();
    const fifo = join(dir, 'null');
    execFileSync('mkfifo', ['-m', '0666', fifo]);
    const result = report(db, fifo);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`remedi: ${fifo} is a named pipe; remedi writes only to an ordinary file.`);
    expect(statSync(fifo).isFIFO()).toBe(true);
    expect(mode(fifo)).toBe(0o666);
  });
});

describe('export writes into a new folder of its own', () => {
  it('refuses a folder that exists, with a link planted in it, and writes nothing through the link', () => {
    const { dir, db } = setUp();
    const victim = join(dir, 'victim.txt');
    writeFileSync(victim, 'not yours');
    const folder = join(dir, 'shared');
    mkdirSync(folder);
    symlinkSync(victim, join(folder, 'notes.csv'));
    const result = run(['export', folder, '--db', db]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`remedi: ${folder} already exists; remedi writes an export into a new folder.`);
    expect(readFileSync(victim, 'utf8')).toBe('not yours');
    expect(readdirSync(folder)).toEqual(['notes.csv']);
  });

  it('refuses a link to another folder, and writes nothing there', () => {
    const { dir, db } = setUp();
    const elsewhere = join(dir, 'elsewhere');
    mkdirSync(elsewhere);
    symlinkSync(elsewhere, join(dir, 'export'));
    const result = run(['export', join(dir, 'export'), '--db', db]);
    expect(result.code).toBe(1);
    expect(readdirSync(elsewhere)).toEqual([]);
  });

  it('never writes through a link planted while it writes: it refuses, or writes around it', async () => {
    const { dir, db } = setUp();
    const victim = join(dir, 'victim.txt');
    writeFileSync(victim, 'not yours');
    const target = join(dir, 'export');
    const child = spawn(process.execPath, [BIN, 'export', target, '--db', db], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    // Watch (busily: the writes take a few milliseconds) for the folder the export is writing
    // into, whatever its name, and plant a link to the victim under the name of a file it writes.
    let planted = false;
    const deadline = Date.now() + 15_000;
    while (!planted && Date.now() < deadline && !existsSync(join(target, 'sessions.csv'))) {
      const folder = readdirSync(dir).find((name) => name.startsWith('export'));
      if (folder === undefined) continue;
      try {
        symlinkSync(victim, join(dir, folder, 'sessions.csv'));
        planted = true;
      } catch {
        // Already written, or the folder was renamed meanwhile: look again.
      }
    }
    const code = await exited;
    expect(readFileSync(victim, 'utf8')).toBe('not yours');
    expect(stderr).not.toMatch(/\n\s+at /);
    if (code === 0) {
      // It finished first, or wrote around the link: what is under the name is the whole export.
      expect(readdirSync(target).sort()).toEqual([
        'cohorts.csv',
        'enrolments.csv',
        'meetings.csv',
        'relationships.csv',
        'sessions.csv',
        'staff.csv',
        'survey-answers.csv',
        'targeted-departments.csv',
      ]);
    } else {
      expect(code).toBe(1);
      expect(existsSync(target)).toBe(false);
    }
  });
});

describe('a backup gets its name only once it is whole and sound', () => {
  it('leaves no file under the name when killed (-9) while copying', async () => {
    const { dir, db } = setUp();
    // A database big enough that the copy takes a while: 40 MB in a table remedi ignores.
    const big = new Database(db);
    big.exec('CREATE TABLE padding (b BLOB)');
    const insert = big.prepare('INSERT INTO padding VALUES (randomblob(1048576))');
    for (let i = 0; i < 40; i += 1) insert.run();
    big.close();
    const target = join(dir, 'copy.db');
    const child = spawn(process.execPath, [BIN, 'backup', target, '--db', db], { env: { ...process.env, ...env }, stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('close', (_code, signal) => resolve(signal)));
    // Kill as soon as any file for the backup appears, under its name or a temporary one.
    const deadline = Date.now() + 15_000;
    let seen: string | undefined;
    while (seen === undefined && Date.now() < deadline) {
      seen = readdirSync(dir).find((name) => name.startsWith('copy.db'));
    }
    child.kill('SIGKILL');
    expect(await exited, `the backup finished before a file for it was seen (${seen})`).toBe('SIGKILL');
    expect(seen).toBeDefined();
    expect(existsSync(target)).toBe(false);
    const check = run(['check', '--db', target]);
    expect(check.code).toBe(1);
  });

  it('refuses a copy that fails its integrity check (exit 1, one message), and leaves no file', () => {
    const { dir, db } = setUp();
    // Damage a page of an index, as a failing disk might.
    const probe = new Database(db, { readonly: true });
    const { rootpage } = probe.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'sqlite_autoindex_staff_1'").get() as { rootpage: number };
    probe.close();
    const file = readFileSync(db);
    const pageSize = file.readUInt16BE(16);
    file.fill(0x41, (rootpage - 1) * pageSize + 200, rootpage * pageSize - 100);
    writeFileSync(db, file);
    const target = join(dir, 'copy.db');
    const result = run(['backup', target, '--db', db]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^remedi: The backup failed its integrity check \(.+\); nothing was written to .*copy\.db\.\n/);
    expect(readdirSync(dir)).toEqual(['remedi.db']);
  });

  it('refuses the database and its side files as the backup', () => {
    const { db } = setUp();
    for (const target of [db, `${db}-wal`, `${db}-journal`]) {
      const result = run(['backup', target, '--db', db]);
      expect(result.code, target).toBe(1);
      expect(result.stderr, target).toContain('remedi never writes over it');
      expect(existsSync(`${db}-journal`)).toBe(false);
    }
  });
});

const disk = fullDiskSupport();
describe.skipIf(!disk.ok)(`on a full disk${disk.ok ? '' : ` (skipped: ${disk.why})`}`, () => {
  function fullFolder(): { db: string; full: string } {
    const { dir, db } = setUp();
    const full = join(dir, 'full');
    mkdirSync(full);
    mountFullDisk(full);
    return { db, full };
  }

  it('report --out: one line, exit 1, and the board paper already there is as it was (not cut short)', () => {
    const { db, full } = fullFolder();
    const paper = join(full, 'board-paper.html');
    writeFileSync(paper, 'last month');
    // Room for the first few KB of the page only: the rest of it does not fit.
    fillUp(full, 8192);
    const result = run(['report', '--cohort', '1', '--format', 'html', '--out', paper, '--db', db]);
    expect(result.code).toBe(1);
    expect(lines(result.stderr)).toEqual([
      `remedi: Cannot write ${paper}: the disk is full; the board-paper.html already there is as it was. Free some space, or choose another place.`,
    ]);
    expect(readFileSync(paper, 'utf8')).toBe('last month');
    expect(readdirSync(full).sort()).toEqual(['board-paper.html', 'filler']);
  });

  it('export: one line, exit 1, and nothing under the folder name', () => {
    const { db, full } = fullFolder();
    fillUp(full);
    const result = run(['export', join(full, 'export'), '--db', db]);
    expect(result.code).toBe(1);
    expect(lines(result.stderr)).toEqual([
      `remedi: Cannot write ${join(full, 'export')}: the disk is full; nothing was written under that name. Free some space, or choose another place.`,
    ]);
    expect(readdirSync(full)).toEqual(['filler']);
  });

  it('backup: one line, exit 1, and no file under its name', () => {
    const { db, full } = fullFolder();
    fillUp(full);
    const result = run(['backup', join(full, 'copy.db'), '--db', db]);
    expect(result.code).toBe(1);
    expect(lines(result.stderr)).toEqual([
      `remedi: Cannot write ${join(full, 'copy.db')}: the disk is full; nothing was written under that name. Free some space, or choose another place.`,
    ]);
    expect(readdirSync(full)).toEqual(['filler']);
  });

  it('backup running out of space partway: one line, exit 1, and no file under its name', () => {
    const { db, full } = fullFolder();
    const big = new Database(db);
    big.exec('CREATE TABLE padding (b BLOB); INSERT INTO padding VALUES (randomblob(1048576));');
    big.close();
    const result = run(['backup', join(full, 'copy.db'), '--db', db]);
    expect(result.code).toBe(1);
    expect(lines(result.stderr)).toEqual([
      `remedi: Cannot write ${join(full, 'copy.db')}: the disk is full; nothing was written under that name. Free some space, or choose another place.`,
    ]);
    expect(readdirSync(full)).toEqual([]);
  });
});

describe.skipIf(!existsSync('/dev/full'))('standard output on a full disk (/dev/full)', () => {
  it('staff list > /dev/full: exit 1 and one line, no stack trace', () => {
    const { db } = setUp();
    const full = openSync('/dev/full', 'w');
    onTestFinished(() => closeSync(full));
    const result = run(['staff', 'list', '--db', db], { stdout: full });
    expect(result.code).toBe(1);
    expect(lines(result.stderr)).toEqual(['remedi: Cannot write to standard output: the disk is full.']);
  });
});
