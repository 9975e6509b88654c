/**
 * What two connections reading one database see (staff list on two threads, listSplit.ts):
 * each read transaction takes its own snapshot when it begins, so a write committed between
 * two beginnings gives them different data, and the witness is what tells.
 */
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { changeWitness } from '../../src/store/changeWitness.js';
import { openDatabase } from '../../src/store/db.js';
import { openReadOnly } from '../../src/store/readOnlyOpen.js';
import { tempDir } from '../helpers/cli.js';

async function database(journal: 'wal' | 'delete') {
  const path = join(tempDir(), 'remedi.db');
  const { db } = await openDatabase(path, { create: true });
  db.pragma(`journal_mode = ${journal}`);
  db.prepare("INSERT INTO cohorts (number, start_date, end_date, min_months, min_per_month) VALUES (1, '2026-01-05', '2026-09-30', 8, 2)").run();
  return { path, db };
}
const count = (db: Database.Database) => db.prepare('SELECT count(*) FROM cohorts').pluck().get();
const addCohort = (db: Database.Database, n: number) =>
  db.prepare("INSERT INTO cohorts (number, start_date, end_date, min_months, min_per_month) VALUES (?, '2026-01-05', '2026-09-30', 8, 2)").run(n);

describe("two readers of one database in WAL mode (remedi's own)", () => {
  it('a write between two read transactions beginning gives them different data, and the witness says so', async () => {
    const { path, db: writer } = await database('wal');
    const witness = changeWitness(path);
    const first = openReadOnly(path);
    first.exec('BEGIN');
    expect(count(first)).toBe(1);
    addCohort(writer, 2);
    const second = openReadOnly(path);
    second.exec('BEGIN');
    expect(count(second)).toBe(2);
    expect(count(first)).toBe(1);
    expect(witness.changed()).toBe(true);
    for (const db of [first, second, writer]) db.close();
    witness.close();
  });

  it('without a write between them, both read one snapshot, and a write after both began is seen by neither', async () => {
    const { path, db: writer } = await database('wal');
    const witness = changeWitness(path);
    const first = openReadOnly(path);
    first.exec('BEGIN');
    expect(count(first)).toBe(1);
    const second = openReadOnly(path);
    second.exec('BEGIN');
    expect(count(second)).toBe(1);
    expect(witness.changed()).toBe(false);
    addCohort(writer, 3);
    expect([count(first), count(second)]).toEqual([1, 1]);
    for (const db of [first, second, writer]) db.close();
    witness.close();
  });
});

describe('two readers in rollback journal mode', () => {
  it('no write can commit while the first reader reads, so the second sees what it sees', async () => {
    const { path, db: writer } = await database('delete');
    writer.pragma('busy_timeout = 0');
    const witness = changeWitness(path);
    const first = openReadOnly(path);
    first.exec('BEGIN');
    expect(count(first)).toBe(1);
    expect(() => addCohort(writer, 2)).toThrow(/locked|busy/i);
    const second = openReadOnly(path);
    second.exec('BEGIN');
    expect(count(second)).toBe(1);
    expect(witness.changed()).toBe(false);
    for (const db of [first, second, writer]) db.close();
    witness.close();
  });
});
