/**
 * Timing a whole process: wall time from spawn to exit, and its peak resident memory
 * from GNU time (`/usr/bin/time -f "%e %M"`, maxRSS in KB), written to a side file so
 * the command's own stderr stays its own.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const GNU_TIME = '/usr/bin/time';
export const hasGnuTime = existsSync(GNU_TIME);

export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

export const progress = (text) => process.stderr.write(`${text}\n`);

let counter = 0;

/**
 * Runs `command args` once. stdout goes to `stdoutFile` (or nowhere); returns
 * { seconds, maxRssKb, status, stderr }. Throws when the command fails, unless allowFailure.
 */
export function timeProcess(command, args, { env, cwd, stdoutFile, allowFailure = false } = {}) {
  const timeFile = join(tmpdir(), `remedi-bench-time-${process.pid}-${(counter += 1)}.txt`);
  const out = stdoutFile ? openSync(stdoutFile, 'w') : 'ignore';
  const wrapped = hasGnuTime ? [GNU_TIME, ['-f', '%e %M', '-o', timeFile, command, ...args]] : [command, args];
  const start = process.hrtime.bigint();
  const result = spawnSync(wrapped[0], wrapped[1], {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', out, 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (typeof out === 'number') closeSync(out);
  let maxRssKb = null;
  if (hasGnuTime && existsSync(timeFile)) {
    const lines = readFileSync(timeFile, 'utf8').trim().split('\n');
    const last = lines[lines.length - 1].trim().split(/\s+/);
    maxRssKb = Number(last[1]);
    rmSync(timeFile, { force: true });
  }
  const stderr = result.stderr ? result.stderr.toString() : '';
  if (result.error) throw result.error;
  if (result.status !== 0 && !allowFailure) {
    throw new Error(`${command} ${args.join(' ')} exited ${result.status}:\n${stderr.slice(0, 2000)}`);
  }
  return { seconds, maxRssKb, status: result.status, stderr };
}

/** Runs a command, returning its stdout as text; throws on failure. */
export function run(command, args, { env, cwd, input } = {}) {
  const result = spawnSync(command, args, {
    cwd,
    env: { ...process.env, ...env },
    input,
    maxBuffer: 256 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} exited ${result.status}:\n${result.stderr.toString().slice(0, 2000)}`);
  }
  return result.stdout.toString();
}

/** Summary of repeated runs: median seconds and the largest peak memory in MB. */
export function summarise(runs) {
  const rss = runs.map((r) => r.maxRssKb).filter((kb) => kb !== null);
  return {
    seconds: median(runs.map((r) => r.seconds)),
    runs: runs.map((r) => round(r.seconds, 4)),
    peakMb: rss.length > 0 ? round(Math.max(...rss) / 1024, 1) : null,
  };
}

export const round = (x, digits = 3) => (x === null || x === undefined ? x : Number(x.toFixed(digits)));
