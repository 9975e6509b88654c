import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { FIXTURES, snapshotFolder, tempDir } from '../helpers/cli.js';
import { run as inProcess } from '../helpers/inProcess.js';

const TODAY = { REMEDI_TODAY: '2026-07-29' };
const run = (args: string[]) => inProcess(args, { env: TODAY });
const staff = async (db: string) => JSON.parse((await run(['staff', 'list', '--json', '--db', db])).stdout);

describe('remedi import of an .xlsx roster', () => {
  it('imports roster.xlsx (numeric staff ids, date cells, ESR-style bands) exactly as roster.csv', async () => {
    const dir = tempDir();
    const fromCsv = join(dir, 'csv.db');
    const fromXlsx = join(dir, 'xlsx.db');
    expect((await run(['import', join(FIXTURES, 'roster.csv'), '--db', fromCsv])).code).toBe(0);
    const result = await run(['import', join(FIXTURES, 'roster.xlsx'), '--db', fromXlsx, '--json']);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout).added).toBe(90);
    const people = await staff(fromXlsx);
    expect(people).toEqual(await staff(fromCsv));
    expect(people.map((p: { staffId: string }) => p.staffId)).toContain('10000001');
    // Its warning names the sheet, the row and the column letter.
    expect(result.stderr).toContain('roster.xlsx, sheet Staff, row 90, column L (Line Manager Employee Number) "19999999"');
  });

  it('reads the sheet --sheet names; the first sheet otherwise; an unknown sheet is refused naming the sheets', async () => {
    const dir = tempDir();
    const db = join(dir, 'remedi.db');
    const first = await run(['import', join(FIXTURES, 'roster-two-sheets.xlsx'), '--db', db]);
    expect(first.code).toBe(1);
    expect(first.stderr).toContain('roster-two-sheets.xlsx, sheet Read me has no staff id (looked for headers like staff_id or Employee Number) column');
    const unknown = await run(['import', join(FIXTURES, 'roster-two-sheets.xlsx'), '--sheet', 'People', '--db', db]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--sheet "People": roster-two-sheets.xlsx has no sheet of that name');
    expect(unknown.stderr).toContain('Its sheets are: Read me, Staff.');
    const chosen = await run(['import', join(FIXTURES, 'roster-two-sheets.xlsx'), '--sheet', 'Staff', '--db', db, '--json']);
    expect(chosen.code, chosen.stderr).toBe(0);
    expect(JSON.parse(chosen.stdout).added).toBe(90);
  });

  it('refuses --sheet for a CSV, and reads a CSV named .xlsx as the CSV it is', async () => {
    const dir = tempDir();
    const db = join(dir, 'remedi.db');
    const sheetOnCsv = await run(['import', join(FIXTURES, 'roster.csv'), '--sheet', 'Staff', '--db', db]);
    expect(sheetOnCsv.code).toBe(2);
    expect(sheetOnCsv.stderr).toContain('roster.csv is a CSV file, which has no sheets');
    const misnamed = join(dir, 'roster.xlsx');
    copyFileSync(join(FIXTURES, 'roster.csv'), misnamed);
    const result = await run(['import', misnamed, '--db', db, '--json']);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout).added).toBe(90);
  });

  it('names the sheet, row and column of a bad cell, and writes nothing', async () => {
    const dir = tempDir();
    const path = join(dir, 'roster.xlsx');
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Staff');
    sheet.addRow(['Employee Number', 'Full Name', 'Email', 'Pay Band', 'RACE Trained']);
    sheet.addRow([10000001, 'Ada Lovelace', 'ada@nhs.net', 'Band 5', new Date(Date.UTC(2025, 0, 15))]);
    sheet.getCell('E2').numFmt = 'dd/mm/yyyy';
    sheet.addRow([10000002, 'Bob Smith', 'bob@nhs.net', 'Band 6', 'sometime']);
    await book.xlsx.writeFile(path);
    const before = snapshotFolder(dir);
    const result = await run(['import', path, '--db', join(dir, 'remedi.db')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('roster.xlsx, sheet Staff was not imported: 1 problem found');
    expect(result.stderr).toMatch(/roster\.xlsx, sheet Staff, row 3, column E \(RACE Trained\) "sometime"/);
    expect(snapshotFolder(dir)).toEqual(before);
  });
});

describe('files that are not a CSV or an .xlsx workbook are refused with what to do', () => {
  const OLE2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  it.each([
    [
      'an old .xls renamed .xlsx',
      'roster.xlsx',
      Buffer.concat([OLE2, Buffer.alloc(2000, 0x20), Buffer.from('Workbook', 'utf16le')]),
      'is an old Excel 97-2003 workbook (.xls)',
    ],
    [
      'a password-protected workbook',
      'roster.xlsx',
      Buffer.concat([OLE2, Buffer.alloc(70000, 0), Buffer.from('EncryptedPackage', 'utf16le')]),
      'is a password-protected workbook',
    ],
  ])('%s', async (_what, name, bytes, message) => {
    const dir = tempDir();
    const path = join(dir, name);
    writeFileSync(path, bytes);
    const result = await run(['import', path, '--db', join(dir, 'remedi.db')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(message);
    expect(result.stderr).toMatch(/save .* as \.xlsx or CSV/);
    expect(result.stderr).not.toContain('UTF-16');
    expect(snapshotFolder(dir)).toEqual({ [name]: expect.any(String) });
  });

  it('an .ods and a renamed plain zip', async () => {
    const dir = tempDir();
    // exceljs's own zip writer is not public; build the archives with jszip, which it depends on.
    const { default: JSZip } = await import('jszip');
    const ods = new JSZip();
    ods.file('mimetype', 'application/vnd.oasis.opendocument.spreadsheet', { compression: 'STORE' });
    ods.file('content.xml', '<office:document-content/>');
    writeFileSync(join(dir, 'roster.ods'), await ods.generateAsync({ type: 'nodebuffer' }));
    const zip = new JSZip();
    zip.file('roster.csv', 'Employee Number\n1\n');
    writeFileSync(join(dir, 'roster.xlsx'), await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));

    const odsRun = await run(['import', join(dir, 'roster.ods'), '--db', join(dir, 'remedi.db')]);
    expect(odsRun.code).toBe(1);
    expect(odsRun.stderr).toContain('roster.ods is an OpenDocument spreadsheet (.ods)');
    expect(odsRun.stderr).toContain('save it as .xlsx or CSV UTF-8 (File > Save As)');
    const zipRun = await run(['import', join(dir, 'roster.xlsx'), '--db', join(dir, 'remedi.db')]);
    expect(zipRun.code).toBe(1);
    expect(zipRun.stderr).toContain('roster.xlsx is a zip archive, not a spreadsheet remedi can read');
    expect(snapshotFolder(dir)).not.toHaveProperty('remedi.db');
  });
});

describe('remedi import-sessions of an .xlsx session log', () => {
  it('records the same sessions as the CSV', async () => {
    const dir = tempDir();
    const setUp = async (db: string) => {
      expect((await run(['cohort', 'create', '1', '--start', '2026-01-05', '--end', '2026-09-30', '--db', db])).code).toBe(0);
      expect((await run(['import', join(FIXTURES, 'roster.csv'), '--cohort', '1', '--db', db])).code).toBe(0);
      expect((await run(['pair', '--trios', '--save', '--start', '2026-01-05', '--db', db])).code).toBe(0);
    };
    const a = join(dir, 'a.db');
    const b = join(dir, 'b.db');
    await setUp(a);
    await setUp(b);
    const csv = await run(['import-sessions', join(FIXTURES, 'sessions.csv'), '--db', a]);
    const xlsx = await run(['import-sessions', join(FIXTURES, 'sessions.xlsx'), '--db', b]);
    expect(xlsx.code, xlsx.stderr).toBe(csv.code);
    const list = async (db: string) => (await run(['sessions', 'list', '--json', '--db', db])).stdout;
    expect(JSON.parse(await list(b)).length).toBeGreaterThan(0);
    expect(await list(b)).toEqual(await list(a));
  });
});

describe('remedi cohort enrol --from an .xlsx workbook', () => {
  it('enrols the people on the sheet --sheet names, by numeric staff id and by email', async () => {
    const dir = tempDir();
    const db = join(dir, 'remedi.db');
    expect((await run(['cohort', 'create', '2', '--start', '2026-01-05', '--end', '2026-09-30', '--db', db])).code).toBe(0);
    expect((await run(['import', join(FIXTURES, 'roster.csv'), '--db', db])).code).toBe(0);
    const path = join(dir, 'participants.xlsx');
    const book = new ExcelJS.Workbook();
    book.addWorksheet('Notes').addRow(['Not the list']);
    const sheet = book.addWorksheet('Participants');
    sheet.addRow(['Employee Number', 'Email', 'Role']);
    sheet.addRow([10000004, null, 'Mentee']);
    sheet.addRow([null, 'chloe.adebayo@nhs.net', 'either']);
    await book.xlsx.writeFile(path);
    const result = await run(['cohort', 'enrol', '2', '--from', path, '--sheet', 'Participants', '--json', '--db', db]);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout).enrolled.map((p: { staffId: string; role: string }) => [p.staffId, p.role])).toEqual([
      ['10000004', 'mentee'],
      ['10000023', 'either'],
    ]);
  });
});
