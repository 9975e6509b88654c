/**
 * A process killed (SIGKILL) in the middle of a large import leaves a database that
 * passes PRAGMA integrity_check and holds either all or none of that import.
 *
 * Each kill point runs the real CLI on a fresh copy of the same database and kills it
 * either a fixed time after spawn or at a moment of the write itself: when the
 * database's WAL file is first seen (the command has opened the database), while the
 * child holds SQLite's WAL write lock (inside BEGIN IMMEDIATE ... COMMIT, seen in
 * /proc/locks on Linux), or when the WAL first holds frames (the commit is being
 * written). A child that finishes before its kill point must have imported everything.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, ROOT } from '../helpers/cli.js';
import { copyDatabase, ENV, inspectDatabase, run, setUpProgramme, writeLargeRoster, writeLargeSessionLog } from './support.js';

const BIN = join(ROOT, 'bin', 'remedi.js');

type KillPoint =
  | { label: string; afterMs: number }
  /** Kill when the -wal file exists (delayMs after first seeing it). */
  | { label: string; walExists: true; delayMs: number }
  /** Kill delayMs after the child is first seen holding the WAL write lock (Linux only). */
  | { label: string; writeLock: true; delayMs: number }
  /** Kill as soon as the -wal file holds more than its header: frames are being written. */
  | { label: string; walFrames: true };

interface KilledRun {
  point: string;
  /** The child's own exit code, or null when the kill ended it. */
  code: number | null;
  signal: NodeJS.Signals | null;
  ms: number;
  /** When (ms after spawn) the -wal file was first seen, the write lock first held, the WAL first held frames; -1 if never. */
  walSeenMs: number;
  writeLockMs: number;
  walFramesMs: number;
  /** The child held the WAL write lock when it was killed: it died inside the write transaction. */
  killedInWrite: boolean;
  stderr: string;
}

/** /proc/locks shows who holds which byte locks; SQLite's WAL write lock is byte 120 of the -shm file. */
const PROC_LOCKS = '/proc/locks';
const CAN_SEE_LOCKS = existsSync(PROC_LOCKS);
const WAL_WRITE_LOCK_BYTE = 120;

function holdsWalWriteLock(pid: number, db: string): boolean {
  if (!CAN_SEE_LOCKS) return false;
  let inode: number;
  try {
    inode = statSync(`${db}-shm`).ino;
  } catch {
    return false;
  }
  const wanted = new RegExp(`^\\d+: POSIX\\s+ADVISORY\\s+WRITE ${pid} [0-9a-f]+:[0-9a-f]+:${inode} ${WAL_WRITE_LOCK_BYTE} ${WAL_WRITE_LOCK_BYTE}$`, 'm');
  return wanted.test(readFileSync(PROC_LOCKS, 'utf8'));
}

/** A WAL file is 32 bytes of header, then frames. */
const WAL_HEADER = 32;

const walSize = (db: string): number => {
  try {
    return statSync(`${db}-wal`).size;
  } catch {
    return -1;
  }
};

/** Runs `remedi <args> --db db` and SIGKILLs it at the kill point (if it is still running). */
function runAndKill(args: string[], db: string, point: KillPoint): Promise<KilledRun> {
  // The fresh copy has no WAL, so one appearing means the child has opened the database.
  expect(walSize(db), `${db}-wal before the run`).toBe(-1);
  const started = Date.now();
  const child = spawn(process.execPath, [BIN, ...args, '--db', db], {
    env: { ...process.env, ...ENV, NO_COLOR: '1', REMEDI_DB: '' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  let exited = false;
  let killedInWrite = false;
  const kill = () => {
    if (exited || child.killed) return;
    killedInWrite = holdsWalWriteLock(child.pid!, db);
    child.kill('SIGKILL');
  };
  const timer = 'afterMs' in point ? setTimeout(kill, point.afterMs) : undefined;
  let walSeenMs = -1;
  let writeLockMs = -1;
  let walFramesMs = -1;
  const poll = setInterval(() => {
    if (exited) return;
    const size = walSize(db);
    const now = Date.now() - started;
    if (size >= 0 && walSeenMs < 0) walSeenMs = now;
    if (walSeenMs >= 0 && writeLockMs < 0 && walFramesMs < 0 && holdsWalWriteLock(child.pid!, db)) writeLockMs = now;
    if (size > WAL_HEADER && walFramesMs < 0) walFramesMs = now;
    if ('walFrames' in point && walFramesMs >= 0) kill();
    if ('walExists' in point && walSeenMs >= 0 && now - walSeenMs >= point.delayMs) kill();
    if ('writeLock' in point && writeLockMs >= 0 && now - writeLockMs >= point.delayMs) kill();
  }, 1);
  return new Promise((resolve) => {
    child.on('close', (code, signal) => {
      exited = true;
      clearTimeout(timer);
      clearInterval(poll);
      resolve({ point: point.label, code, signal, ms: Date.now() - started, walSeenMs, writeLockMs, walFramesMs, killedInWrite, stderr });
    });
  });
}

type Outcome = 'none' | 'all';

/**
 * The kill points of one import: fixed times after spawn, two moments of the write,
 * and one well after a whole run would have finished.
 */
function killPoints(whole: KilledRun): KillPoint[] {
  const wholeRunMs = whole.ms;
  // Halfway from opening the database (roster: inside the write; sessions: while reading
  // the file) and from taking the write lock, to the commit.
  const midWrite = Math.max(1, Math.round((whole.walFramesMs - whole.walSeenMs) / 2));
  const midLock = Math.max(1, Math.round((whole.walFramesMs - whole.writeLockMs) / 2));
  return [
    { label: '50 ms', afterMs: 50 },
    { label: '200 ms', afterMs: 200 },
    { label: '500 ms', afterMs: 500 },
    { label: '1000 ms', afterMs: 1000 },
    { label: '1500 ms', afterMs: 1500 },
    { label: `${Math.round(wholeRunMs * 0.9)} ms (90% of a whole run)`, afterMs: Math.round(wholeRunMs * 0.9) },
    { label: `WAL opened + ${midWrite} ms (halfway to the commit)`, walExists: true, delayMs: midWrite },
    ...(CAN_SEE_LOCKS
      ? [
          { label: 'write lock taken', writeLock: true as const, delayMs: 0 },
          { label: `write lock + ${midLock} ms (halfway to the commit)`, writeLock: true as const, delayMs: midLock },
        ]
      : []),
    { label: 'WAL frames being written', walFrames: true },
    { label: `${wholeRunMs + 1000} ms (after it finished)`, afterMs: wholeRunMs + 1000 },
  ];
}

/**
 * Kills the import at every point on a fresh copy of `base`, and checks each result:
 * intact, and either `before` rows (none) or `before + added` rows (all) in `table`.
 */
async function killAtEveryPoint(options: {
  name: string;
  base: string;
  dir: string;
  args: string[];
  table: string;
  before: number;
  added: number;
}): Promise<void> {
  const { name, base, dir, args, table, before, added } = options;
  const tables = [table];

  // A whole run first: it must succeed, and tells how long a run takes on this machine.
  const wholeDb = join(dir, `${name}-whole.db`);
  copyDatabase(base, wholeDb);
  const whole = await runAndKill(args, wholeDb, { label: 'never', afterMs: 120_000 });
  expect({ code: whole.code, stderr: whole.stderr.match(/error|locked|busy/i)?.[0] ?? null }).toEqual({ code: 0, stderr: null });
  expect(whole.walSeenMs, 'the whole run opened the database').toBeGreaterThanOrEqual(0);
  expect(whole.walFramesMs, 'the whole run wrote WAL frames').toBeGreaterThanOrEqual(whole.walSeenMs);
  if (CAN_SEE_LOCKS) expect(whole.writeLockMs, 'the whole run was seen holding the write lock').toBeGreaterThanOrEqual(0);
  const wholeState = inspectDatabase(wholeDb, tables);
  expect(wholeState.integrity).toBe('ok');
  expect(wholeState.counts[table]).toBe(before + added);

  const seen: Array<{ point: string; outcome: Outcome; ended: string; ms: number; inWrite: boolean }> = [];
  for (const [index, point] of killPoints(whole).entries()) {
    const db = join(dir, `${name}-${index}.db`);
    copyDatabase(base, db);
    const result = await runAndKill(args, db, point);
    // Open the file only now that the child has gone.
    const state = inspectDatabase(db, tables);
    const count = state.counts[table];
    const where = `${name}, killed at ${point.label} (${result.signal ?? `exit ${result.code}`} after ${result.ms} ms): ${count} rows in ${table}`;
    expect(state.integrity, where).toBe('ok');
    expect(state.foreignKeyProblems, where).toBe(0);
    expect([before, before + added], where).toContain(count);
    if (result.signal === null) {
      // It finished before the kill: then it must have succeeded, and imported everything.
      expect({ code: result.code, count }, `${where}\n${result.stderr}`).toEqual({ code: 0, count: before + added });
    }
    seen.push({
      point: point.label,
      outcome: count === before ? 'none' : 'all',
      ended: result.signal ?? `exit ${result.code}`,
      ms: result.ms,
      inWrite: result.killedInWrite,
    });
  }
  console.log(
    `${name}: a whole run took ${whole.ms} ms (database opened at ${whole.walSeenMs} ms, write lock at ${whole.writeLockMs} ms, commit began at ${whole.walFramesMs} ms)\n` +
      seen.map((s) => `  ${s.point} -> ${s.outcome} (${s.ended} at ${s.ms} ms${s.inWrite ? ', inside the write transaction' : ''})`).join('\n'),
  );
  // At least one kill landed before the commit and left nothing of the import behind.
  expect(seen.map((s) => s.outcome)).toContain('none');
  // And, where the locks can be seen, at least one kill landed inside the write transaction itself.
  if (CAN_SEE_LOCKS) expect(seen.filter((s) => s.inWrite).length, 'kills inside the write transaction').toBeGreaterThan(0);
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'remedi-kill-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ROSTER_ROWS = 60_000;

describe('SIGKILL in the middle of a large import', () => {
  it(`a roster import of ${ROSTER_ROWS.toLocaleString('en-GB')} people is all or nothing`, async () => {
    const base = join(dir, 'roster-base.db');
    const small = run(['import', join(FIXTURES, 'roster-plain.csv'), '--db', base]);
    expect(small.code, small.stderr).toBe(0);
    const before = inspectDatabase(base, ['staff']).counts.staff;
    expect(before).toBe(6);
    const big = join(dir, 'big-roster.csv');
    writeLargeRoster(big, ROSTER_ROWS);

    await killAtEveryPoint({ name: 'import', base, dir, args: ['import', big], table: 'staff', before, added: ROSTER_ROWS });
  }, 60_000);

  it('a bulk session import is all or nothing', async () => {
    const base = join(dir, 'sessions-base.db');
    const pairs = setUpProgramme(base);
    const before = inspectDatabase(base, ['sessions']).counts.sessions;
    const log = join(dir, 'big-sessions.csv');
    const rows = writeLargeSessionLog(log, pairs);

    await killAtEveryPoint({ name: 'import-sessions', base, dir, args: ['import-sessions', log], table: 'sessions', before, added: rows });
  }, 60_000);
});
