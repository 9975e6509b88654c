/**
 * A roster carrying protected characteristics (docs/characteristics.md, "Importing"): an enabled
 * one's column is read, a column of one not enabled is not (one note), a refused cell refuses
 * the file with nothing written, and a later import sets the values again or leaves them.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { snapshotFolder, tempDir } from '../helpers/cli.js';
import { run } from '../helpers/inProcess.js';

const HEADER = 'Employee Number,Full Name,Pay Band,Ethnic Origin,Disability,Sexual Orientation,Unpaid carer';
const ROWS = [
  '1001,Ann Lee,8a,A,Yes,Gay or Lesbian,y',
  '1002,Bob Ng,5,B,No,,n',
  '1003,Cat Roy,6,C,Not Declared,Heterosexual or Straight,',
  '1004,Dan Oz,7,D,,2,1',
];

function roster(dir: string, rows: readonly string[] = ROWS, header = HEADER, name = 'roster.csv'): string {
  const path = join(dir, name);
  writeFileSync(path, `${header}\n${rows.join('\n')}\n`);
  return path;
}

/** What the database holds, straight from the file: the values by person. */
function stored(db: string): Record<string, Record<string, string>> {
  const conn = new Database(db, { readonly: true });
  try {
    const result: Record<string, Record<string, string>> = {};
    for (const row of conn.prepare('SELECT staff_id, name, value FROM staff_characteristics ORDER BY staff_id, name').all() as Array<{
      staff_id: string;
      name: string;
      value: string;
    }>)
      (result[row.staff_id] ??= {})[row.name] = row.value;
    return result;
  } finally {
    conn.close();
  }
}

async function enabled(dir: string, ...names: string[]): Promise<string> {
  const db = join(dir, 'remedi.db');
  // A first import makes the database; characteristics are enabled on it.
  expect((await run(['import', roster(dir, ['1001,Ann Lee,8a'], 'Employee Number,Full Name,Pay Band', 'first.csv'), '--db', db])).code).toBe(0);
  for (const name of names) {
    const own = ['carer', 'zz_network_q'].includes(name) ? ['--own'] : [];
    const result = await run(['characteristics', 'enable', name, ...own, '--db', db]);
    expect(result.code, result.stderr).toBe(0);
  }
  return db;
}

describe('import of a roster with characteristics', () => {
  it('reads an enabled characteristic by its ESR header, unknown for a blank or "Not Declared", and says how many were recorded', async () => {
    const dir = tempDir();
    const db = await enabled(dir, 'disability');
    const result = await run(['import', roster(dir), '--db', db]);
    expect(result.code, result.stderr).toBe(0);
    expect(stored(db)).toEqual({ '1001': { disability: 'yes' }, '1002': { disability: 'no' } });
    expect(result.stdout).toContain('disability: a value was recorded for 2 people (the others unknown).');
    // Counts only: no name beside a value.
    for (const line of result.stdout.split('\n').filter((text) => /Ann Lee|Bob Ng/.test(text))) expect(line).not.toMatch(/disab|yes|no\b/i);
    const json = JSON.parse((await run(['import', roster(dir), '--db', db, '--json'])).stdout);
    expect(json.characteristics).toEqual({ disability: 2 });
  });

  it('does not read the column of a characteristic that is not enabled: one note naming it and the enable command', async () => {
    const dir = tempDir();
    const db = await enabled(dir, 'disability');
    const result = await run(['import', roster(dir), '--db', db]);
    expect(result.stderr).toContain('Note: column F (Sexual Orientation) was not read: sexual_orientation is not enabled, so remedi records nothing of it.');
    expect(result.stderr).toContain('To record it: remedi characteristics enable sexual_orientation, then import again.');
    expect(result.stderr.match(/Sexual Orientation/g)).toHaveLength(1);
    expect(JSON.stringify(stored(db))).not.toContain('sexual_orientation');
    // With nothing enabled, nothing is stored and no values are counted.
    const none = join(tempDir(), 'none.db');
    const plain = await run(['import', roster(dir), '--db', none, '--json']);
    expect(plain.code).toBe(0);
    expect(JSON.parse(plain.stdout).characteristics).toBeUndefined();
    expect(plain.stderr).toContain('column E (Disability) was not read: disability is not enabled');
    expect(stored(none)).toEqual({});
  });

  it('reads a column named by --characteristic for a trust-defined one; refuses one not enabled (exit 2) and a header not in the file', async () => {
    const dir = tempDir();
    const file = roster(dir);
    const db = await enabled(dir, 'carer');
    const notEnabled = await run(['import', file, '--characteristic', 'Sexual Orientation=religion', '--db', db]);
    expect(notEnabled.code).toBe(2);
    expect(notEnabled.stderr).toContain('--characteristic "Sexual Orientation=religion" names religion, which is not enabled');
    expect(notEnabled.stderr).toContain('remedi characteristics enable religion');
    const ownNotEnabled = await run(['import', file, '--characteristic', 'Unpaid carer=parent', '--db', db]);
    expect(ownNotEnabled.code).toBe(2);
    expect(ownNotEnabled.stderr).toContain('remedi characteristics enable parent --own');
    const missing = await run(['import', file, '--characteristic', 'Carer status=carer', '--db', db]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--characteristic "Carer status=carer" names a column "Carer status" that roster.csv does not have.');
    const malformed = await run(['import', file, '--characteristic', 'Unpaid carer', '--db', db]);
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toContain('is not "Header=name"');
    expect(stored(db)).toEqual({});

    const result = await run(['import', file, '--characteristic', 'Unpaid carer=carer', '--db', db]);
    expect(result.code, result.stderr).toBe(0);
    expect(stored(db)).toEqual({ '1001': { carer: 'yes' }, '1002': { carer: 'no' }, '1004': { carer: 'yes' } });
    expect(result.stderr).not.toContain('ignored a column remedi does not use: Unpaid carer');
    // Without the option, the trust's own column is not recognised: the values stay.
    const without = await run(['import', file, '--db', db]);
    expect(without.code).toBe(0);
    expect(stored(db)).toEqual({ '1001': { carer: 'yes' }, '1002': { carer: 'no' }, '1004': { carer: 'yes' } });
  });

  it('refuses an unrecognised cell with the file, line, column, value and what it may say, every problem at once, and writes nothing', async () => {
    const dir = tempDir();
    const db = await enabled(dir, 'disability', 'sexual_orientation');
    const before = snapshotFolder(dir);
    const bad = roster(dir, ['1001,Ann Lee,8a,A,Maybe,Gay,', '1002,Bob Ng,5,B,No,Hetero,', '1003,Cat Roy,6,C,Yes,,'], HEADER, 'bad.csv');
    const result = await run(['import', bad, '--db', db]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('bad.csv was not imported: 2 problems found, and nothing was written.');
    expect(result.stderr).toContain('bad.csv:2 column E (Disability) "Maybe": not a value of disability; expected Yes or No');
    expect(result.stderr).toContain('bad.csv:3 column F (Sexual Orientation) "Hetero": not a value of sexual_orientation; expected an ESR sexual orientation');
    const after = snapshotFolder(dir);
    delete after['bad.csv'];
    expect(after).toEqual(before);
    expect(stored(db)).toEqual({});
  });

  it('sets the values again on a re-import with the column (a blank deletes), and leaves them without it; a dry run writes none', async () => {
    const dir = tempDir();
    const db = await enabled(dir, 'disability', 'sexual_orientation');
    expect((await run(['import', roster(dir), '--db', db])).code).toBe(0);
    expect(stored(db)).toEqual({
      '1001': { disability: 'yes', sexual_orientation: 'yes' },
      '1002': { disability: 'no' },
      '1003': { sexual_orientation: 'no' },
      '1004': { sexual_orientation: 'yes' },
    });
    const again = ['1001,Ann Lee,8a,A,,Gay', '1002,Bob Ng,5,B,Yes,Heterosexual', '1003,Cat Roy,6,C,No,Not stated'];
    const header = 'Employee Number,Full Name,Pay Band,Ethnic Origin,Disability,Sexual Orientation';
    const dry = await run(['import', roster(dir, again, header, 'again.csv'), '--db', db, '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('disability: a value would be recorded for 2 people');
    expect(stored(db)['1001']).toEqual({ disability: 'yes', sexual_orientation: 'yes' });
    expect((await run(['import', roster(dir, again, header, 'again.csv'), '--db', db])).code).toBe(0);
    expect(stored(db)).toEqual({
      '1001': { sexual_orientation: 'yes' },
      '1002': { disability: 'yes', sexual_orientation: 'no' },
      '1003': { disability: 'no' },
      // Not in this file: as they were.
      '1004': { sexual_orientation: 'yes' },
    });
    const noColumns = roster(dir, ['1001,Ann Lee,8a', '1002,Bob Ng,5'], 'Employee Number,Full Name,Pay Band', 'plain.csv');
    const plain = await run(['import', noColumns, '--db', db, '--json']);
    expect(plain.code).toBe(0);
    expect(JSON.parse(plain.stdout).characteristics).toBeUndefined();
    expect(stored(db)['1002']).toEqual({ disability: 'yes', sexual_orientation: 'no' });
  });

  it('reads the same values from an .xlsx roster as from the CSV', async () => {
    const dir = tempDir();
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Staff');
    for (const line of [HEADER, ...ROWS]) sheet.addRow(line.split(',').map((cell) => (/^\d+$/.test(cell) && cell.length > 1 ? Number(cell) : cell)));
    const xlsx = join(dir, 'roster.xlsx');
    await workbook.xlsx.writeFile(xlsx);
    const fromCsv = await enabled(dir, 'disability', 'sexual_orientation', 'carer');
    const other = join(tempDir(), 'remedi.db');
    expect((await run(['import', roster(dir), '--db', other])).code).toBe(0);
    for (const name of ['disability', 'sexual_orientation']) expect((await run(['characteristics', 'enable', name, '--db', other])).code).toBe(0);
    expect((await run(['characteristics', 'enable', 'carer', '--own', '--db', other])).code).toBe(0);
    const csv = await run(['import', roster(dir), '--characteristic', 'Unpaid carer=carer', '--db', fromCsv]);
    const sheetResult = await run(['import', xlsx, '--characteristic', 'Unpaid carer=carer', '--db', other]);
    expect(csv.code, csv.stderr).toBe(0);
    expect(sheetResult.code, sheetResult.stderr).toBe(0);
    expect(stored(other)).toEqual(stored(fromCsv));
    expect(Object.keys(stored(other))).toHaveLength(4);
  });

  it('an enrolment file never reads a characteristic column', async () => {
    const dir = tempDir();
    const db = await enabled(dir, 'disability');
    expect((await run(['import', roster(dir), '--db', db])).code).toBe(0);
    expect((await run(['cohort', 'create', '1', '--start', '2026-01-05', '--end', '2026-09-30', '--db', db])).code).toBe(0);
    const from = join(dir, 'enrol.csv');
    writeFileSync(from, 'staff_id,role,Disability\n1003,mentee,Yes\n');
    const result = await run(['cohort', 'enrol', '1', '--from', from, '--db', db]);
    expect(result.code, result.stderr).toBe(0);
    expect(stored(db)['1003']).toBeUndefined();
  });
});
