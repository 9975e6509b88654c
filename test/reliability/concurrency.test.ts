/**
 * Two (here four) administrators writing to one database at the same moment: writes
 * wait for each other (WAL, busy timeout, BEGIN IMMEDIATE) and none is lost.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/cli.js';
import { ENV, inspectDatabase, run, setUpProgramme } from './support.js';

const WORKER = join(import.meta.dirname, 'workers', 'logSessions.mjs');
const WORKERS = 4;
const PER_WORKER = 100;

interface WorkerRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

interface WorkerSummary {
  worker: number;
  ok: number;
  failed: number;
  startedAt: number;
  finishedAt: number;
}

describe('four processes logging sessions into one database at once', () => {
  it('ends with exactly 400 sessions, every one of them, and no "database is locked"', async () => {
    const dir = tempDir();
    const db = join(dir, 'remedi.db');
    const pairs = setUpProgramme(db);
    const goFile = join(dir, 'go');

    // Start every worker, wait until each has loaded the code, then release them together.
    let ready = 0;
    let allReady!: () => void;
    const everyoneReady = new Promise<void>((resolve) => (allReady = resolve));
    const runs = Array.from({ length: WORKERS }, (_, worker) => {
      const child = spawn(process.execPath, [WORKER, db, String(worker), String(PER_WORKER), goFile, pairs.join(',')], {
        env: { ...process.env, ...ENV, NO_COLOR: '1', REMEDI_DB: '' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      let counted = false;
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        stdout += chunk;
        if (!counted && stdout.startsWith('ready\n')) {
          counted = true;
          ready += 1;
          if (ready === WORKERS) allReady();
        }
      });
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      return new Promise<WorkerRun>((resolve) => {
        child.on('close', (code, signal) => {
          // A worker that dies before it is ready must not leave the others waiting for ever.
          if (!counted) {
            counted = true;
            ready += 1;
            if (ready === WORKERS) allReady();
          }
          resolve({ code, signal, stdout, stderr });
        });
      });
    });
    await everyoneReady;
    writeFileSync(goFile, '');
    const results = await Promise.all(runs);

    for (const [worker, result] of results.entries()) {
      expect(result.stderr, `worker ${worker} stderr`).not.toMatch(/database is locked|SQLITE_BUSY/i);
      expect({ worker, code: result.code, signal: result.signal, stderr: result.stderr }).toEqual({ worker, code: 0, signal: null, stderr: '' });
    }
    const summaries = results.map((r) => JSON.parse(r.stdout.trim().split('\n').at(-1)!) as WorkerSummary);
    expect(summaries.map((s) => s.ok)).toEqual(Array(WORKERS).fill(PER_WORKER));

    // They really ran at the same time: every worker started before any other finished.
    const lastStart = Math.max(...summaries.map((s) => s.startedAt));
    const firstFinish = Math.min(...summaries.map((s) => s.finishedAt));
    expect(lastStart).toBeLessThan(firstFinish);

    const listed = run(['sessions', 'list', '--json', '--db', db]);
    expect(listed.code, listed.stderr).toBe(0);
    const sessions = JSON.parse(listed.stdout) as Array<{ id: number; notes: string | null }>;
    expect(sessions).toHaveLength(WORKERS * PER_WORKER);
    // Each call's session is there exactly once: none lost, none written twice.
    const expected = Array.from({ length: WORKERS * PER_WORKER }, (_, n) => `worker ${Math.floor(n / PER_WORKER)} call ${n % PER_WORKER}`);
    expect(sessions.map((s) => s.notes).sort()).toEqual(expected.sort());
    expect(new Set(sessions.map((s) => s.id)).size).toBe(WORKERS * PER_WORKER);

    const state = inspectDatabase(db, ['sessions', 'session_mentors']);
    expect(state.integrity).toBe('ok');
    expect(state.foreignKeyProblems).toBe(0);
    expect(state.counts.sessions).toBe(WORKERS * PER_WORKER);
    console.log(
      `concurrency: ${WORKERS} workers x ${PER_WORKER} sessions; released within ${lastStart - Math.min(...summaries.map((s) => s.startedAt))} ms; ` +
        `each took ${summaries.map((s) => s.finishedAt - s.startedAt).join(', ')} ms`,
    );
  }, 60_000);
});
