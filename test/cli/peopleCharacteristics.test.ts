/**
 * A person's characteristics where the administrator and the person see them (issue 17):
 * `staff show` (as ethnicity is shown there), never `staff find`; the person's own values in
 * their subject access export; every enabled one a column of the full export's staff.csv, which
 * imports back as it was; and `forget` leaving none of them in the database file.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/cli.js';
import { run } from '../helpers/inProcess.js';

const ROSTER = [
  'Employee Number,Full Name,Email,Pay Band,Ethnic Origin,Disability,Religion,Network Q',
  '1001,Ann Lee,ann.lee@nhs.net,8a,A,Yes,Christianity,yes',
  '1002,Bob Ng,bob.ng@nhs.net,5,B,No,,no',
  '1003,Cat Roy,cat.roy@nhs.net,6,C,,Atheism,',
].join('\n');

async function withCharacteristics(): Promise<{ dir: string; db: string }> {
  const dir = tempDir();
  const db = join(dir, 'remedi.db');
  const roster = join(dir, 'roster.csv');
  writeFileSync(roster, `${ROSTER}\n`);
  expect((await run(['import', roster, '--db', db])).code).toBe(0);
  for (const args of [['disability'], ['religion'], ['zz_network_q', '--own']])
    expect((await run(['characteristics', 'enable', ...args, '--db', db])).code).toBe(0);
  const imported = await run(['import', roster, '--characteristic', 'Network Q=zz_network_q', '--db', db]);
  expect(imported.code, imported.stderr).toBe(0);
  return { dir, db };
}

const stored = (db: string) => {
  const conn = new Database(db, { readonly: true });
  try {
    return conn.prepare('SELECT staff_id, name, value FROM staff_characteristics ORDER BY staff_id, name').all();
  } finally {
    conn.close();
  }
};

describe('staff show and find', () => {
  it('staff show --json gives the enabled characteristics, unknown where none is held; without any enabled, no key', async () => {
    const { db } = await withCharacteristics();
    const show = JSON.parse((await run(['staff', 'show', '1003', '--json', '--db', db])).stdout);
    expect(show.person.characteristics).toEqual({ disability: 'unknown', religion: 'no', zz_network_q: 'unknown' });
    const plain = join(tempDir(), 'plain.db');
    const roster = join(tempDir(), 'r.csv');
    writeFileSync(roster, `${ROSTER}\n`);
    expect((await run(['import', roster, '--db', plain])).code).toBe(0);
    const none = await run(['staff', 'show', '1001', '--json', '--db', plain]);
    expect(JSON.parse(none.stdout).person).not.toHaveProperty('characteristics');
    expect(none.stdout).not.toContain('characteristics');
  });

  it("staff show's page gives each value on its own line after BME, as ethnicity is shown; staff find shows none", async () => {
    const { db } = await withCharacteristics();
    const page = (await run(['staff', 'show', '1001', '--db', db])).stdout;
    expect(page).toMatch(/BME +no\nDisability +yes\nReligion +yes\nZz network q +yes\nFunctions/);
    const find = await run(['staff', 'find', 'Ann', '--json', '--db', db]);
    expect(find.stdout).not.toMatch(/characteristics|disability/);
    const table = await run(['staff', 'list', '--db', db]);
    expect(table.stdout).not.toMatch(/disability|religion|zz_network_q/);
  });
});

describe('export and forget', () => {
  it("export --staff gives the person their own values, and no one else's", async () => {
    const { dir, db } = await withCharacteristics();
    const out = join(dir, 'sar');
    const result = await run(['export', out, '--staff', '1001', '--db', db]);
    expect(result.code, result.stderr).toBe(0);
    const lines = readFileSync(join(out, 'staff.csv'), 'utf8').trim().split(/\r?\n/);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/,active,left_on,disability,religion,zz_network_q$/);
    expect(lines[1]).toMatch(/^1001,Ann Lee,.*,has a disability or long-term condition,has a religion or belief,yes$/);
  });

  it('the full export writes every enabled characteristic as a column that imports back as it was', async () => {
    const { dir, db } = await withCharacteristics();
    const out = join(dir, 'all');
    expect((await run(['export', out, '--db', db])).code).toBe(0);
    const csv = readFileSync(join(out, 'staff.csv'), 'utf8');
    expect(csv).toContain('has none');
    expect(csv).toContain('no religion (atheism)');
    expect(csv).toContain(',unknown');
    const copy = join(tempDir(), 'copy.db');
    const first = join(tempDir(), 'first.csv');
    writeFileSync(first, 'staff_id,name\n1001,Ann Lee\n');
    expect((await run(['import', first, '--db', copy])).code).toBe(0);
    for (const args of [['disability'], ['religion'], ['zz_network_q', '--own']])
      expect((await run(['characteristics', 'enable', ...args, '--db', copy])).code).toBe(0);
    // The trust's own column is recognised under its name: no --characteristic needed.
    const back = await run(['import', join(out, 'staff.csv'), '--db', copy]);
    expect(back.code, back.stderr).toBe(0);
    expect(back.stderr).not.toContain('ignored');
    expect(stored(copy)).toEqual(stored(db));
    expect(stored(db)).toHaveLength(6);
  });

  it("forget leaves none of a person's values in the database file or its WAL", async () => {
    const { db } = await withCharacteristics();
    // Values only this person has, so their bytes can be looked for.
    const conn = new Database(db);
    conn.prepare("INSERT INTO characteristics (name, own, enabled_on) VALUES ('zz_only_ann', 1, '2026-03-15')").run();
    conn.prepare("INSERT INTO staff_characteristics (staff_id, name, value) VALUES ('1001', 'zz_only_ann', 'yes')").run();
    conn.close();
    const result = await run(['forget', '1001', '--yes', '--db', db]);
    expect(result.code, result.stderr).toBe(0);
    const rows = stored(db) as Array<{ staff_id: string }>;
    expect(rows.some((row) => row.staff_id === '1001')).toBe(false);
    expect(rows.length).toBeGreaterThan(0);
    const bytes = Buffer.concat([readFileSync(db), ...(existsSync(`${db}-wal`) ? [readFileSync(`${db}-wal`)] : [])]).toString('latin1');
    expect(bytes).not.toContain('Ann Lee');
    // The staff_characteristics key starts with the staff id: no row of 1001's is left.
    expect(bytes).not.toMatch(/1001zz_only_ann/);
  });
});
