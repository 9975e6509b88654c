/**
 * Shared set-up for the reliability tests: a programme database made with the real
 * CLI, large generated input files, and read-only checks of a database file made
 * only after every child that wrote to it has exited.
 */
import { copyFileSync, existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect } from 'vitest';
import { FIXTURES, remedi } from '../helpers/cli.js';

export const TODAY = '2026-07-29';
export const ENV = { REMEDI_TODAY: TODAY };
export const run = (args: string[]) => remedi(args, { env: ENV });

/** Cohort 1 (5 Jan to 30 Sep 2026), the 90-person fixture roster, trios saved. Returns the pair ids. */
export function setUpProgramme(db: string): number[] {
  for (const args of [
    ['cohort', 'create', '1', '--start', '2026-01-05', '--end', '2026-09-30', '--db', db],
    ['import', join(FIXTURES, 'roster.csv'), '--cohort', '1', '--db', db],
    ['pair', '--trios', '--save', '--start', '2026-01-05', '--db', db],
  ]) {
    const result = run(args);
    expect(result.code, `remedi ${args.join(' ')}\n${result.stderr}`).toBe(0);
  }
  const listed = run(['pair', 'list', '--json', '--db', db]);
  expect(listed.code, listed.stderr).toBe(0);
  const pairs = (JSON.parse(listed.stdout) as Array<{ id: number }>).map((p) => p.id);
  expect(pairs.length).toBeGreaterThan(0);
  return pairs;
}

/** The ISO date `offset` days after 5 Jan 2026 (the cohort's start). */
export function cohortDay(offset: number): string {
  return new Date(Date.UTC(2026, 0, 5 + offset)).toISOString().slice(0, 10);
}

/** Days from 5 Jan 2026 to 29 Jul 2026 inclusive: every date a session may have. */
export const COHORT_DAYS_SO_FAR = 206;

/** A valid roster of `count` new people (ids from 30000000, a management tree ten wide). */
export function writeLargeRoster(path: string, count: number): void {
  const bands = ['2', '3', '4', '5', '6', '7', '8a', '8b', '8c', '8d', '9'];
  const ethnicities = ['A', 'B', 'C', 'D', 'H', 'J', 'M', 'N', 'R', 'Z'];
  const departments = ['Medicine', 'Surgery', 'Corporate', 'Estates and Facilities', 'Pharmacy'];
  const lines = ['staff_id,name,band,department,ethnicity,board_member,line_manager_id'];
  for (let i = 0; i < count; i += 1) {
    const manager = i === 0 ? '' : String(30000000 + Math.floor((i - 1) / 10));
    lines.push(
      `${30000000 + i},Person ${i},Band ${bands[i % bands.length]},${departments[i % departments.length]},${ethnicities[i % ethnicities.length]},no,${manager}`,
    );
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
}

const KINDS = ['one-to-one', 'observation', 'semi-structured-interview', 'reflective-discussion', 'shadowing', 'networking', 'critical-friend', 'other'];

/** A valid session log with one row per distinct (pair, date, kind); returns its row count. */
export function writeLargeSessionLog(path: string, pairs: readonly number[]): number {
  const lines = ['pair_id,date,minutes,kind,level,themes,lived_experience,notes'];
  let n = 0;
  for (const pair of pairs) {
    for (let day = 0; day < COHORT_DAYS_SO_FAR; day += 1) {
      for (const kind of KINDS) {
        lines.push(`${pair},${cohortDay(day)},${30 + (n % 60)},${kind},team,theme ${n % 7}; topic ${n % 11},${n % 2 === 0 ? 'yes' : 'no'},generated row ${n}`);
        n += 1;
      }
    }
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
  return n;
}

/**
 * A copy of a closed database, with its WAL only if that holds frames (a read-only
 * look can leave an empty one behind; the shared-memory index is never copied).
 */
export function copyDatabase(from: string, to: string): void {
  copyFileSync(from, to);
  if (existsSync(`${from}-wal`) && statSync(`${from}-wal`).size > 0) copyFileSync(`${from}-wal`, `${to}-wal`);
}

export interface DatabaseState {
  integrity: string;
  foreignKeyProblems: number;
  counts: Record<string, number>;
}

/** Opens the file read-only (only once no child is writing) and reports on it. */
export function inspectDatabase(path: string, tables: readonly string[]): DatabaseState {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const integrity = (db.pragma('integrity_check') as Array<{ integrity_check: string }>).map((row) => row.integrity_check).join('; ');
    const foreignKeyProblems = (db.pragma('foreign_key_check') as unknown[]).length;
    const counts: Record<string, number> = {};
    for (const table of tables) counts[table] = (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    return { integrity, foreignKeyProblems, counts };
  } finally {
    db.close();
  }
}
