import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/cli.js';
import { detectFileKind } from '../../src/io/fileKind.js';
import { fitToHeader } from '../../src/io/tableSource.js';
import { cellText, readWorkbookRecords } from '../../src/io/workbookInput.js';

describe('cellText: a cell as Excel shows it', () => {
  it.each([
    [10000001, '10000001'],
    [1e7, '10000000'],
    [0.1 + 0.2, '0.3'],
    [37.5, '37.5'],
    ['Band 5', 'Band 5'],
    [new Date(Date.UTC(2025, 0, 15)), '2025-01-15'],
    [new Date(Date.UTC(2025, 0, 15, 9, 30)), '2025-01-15T09:30:00'],
    [{ formula: 'A1+1', result: 10000002 }, '10000002'],
    [{ sharedFormula: 'A2', result: 'Band 6' }, 'Band 6'],
    [{ richText: [{ text: 'Ada ' }, { text: 'Lovelace' }] }, 'Ada Lovelace'],
    [{ text: 'ada@nhs.net', hyperlink: 'mailto:ada@nhs.net' }, 'ada@nhs.net'],
    [true, 'TRUE'],
    [null, ''],
  ])('%j reads %j', (value, text) => {
    expect(cellText(value)).toBe(text);
  });
});

describe('fitToHeader', () => {
  it.each([
    [['a'], 3, ['a', '', '']],
    [['a', 'b', 'c', '', ''], 3, ['a', 'b', 'c']],
    [['a', 'b', 'c', 'd'], 3, ['a', 'b', 'c', 'd']],
  ])('%j to width %i is %j', (cells, width, fitted) => {
    expect(fitToHeader(cells, width)).toEqual(fitted);
  });
});

describe('readWorkbookRecords', () => {
  it('gives the sheet row numbers, skips blank rows, reads date cells and formulas', async () => {
    const dir = tempDir();
    const path = join(dir, 'book.xlsx');
    const book = new ExcelJS.Workbook();
    book.addWorksheet('First').addRow(['ignored']);
    const sheet = book.addWorksheet('Second');
    sheet.getCell('A1').value = 'id';
    sheet.getCell('B1').value = 'trained';
    sheet.getCell('A3').value = 10000001;
    sheet.getCell('B3').value = new Date(Date.UTC(2024, 9, 3));
    sheet.getCell('B3').numFmt = 'dd/mm/yyyy';
    sheet.getCell('A4').value = { formula: 'A3+1', result: 10000002 };
    await book.xlsx.writeFile(path);
    const records = [];
    for await (const record of readWorkbookRecords(path, 'second')) records.push(record);
    expect(records).toEqual([
      { line: 1, cells: ['id', 'trained'], sheet: 'Second' },
      { line: 3, cells: ['10000001', '2024-10-03'], sheet: 'Second' },
      { line: 4, cells: ['10000002'], sheet: 'Second' },
    ]);
  });
});

describe('readWorkbookRecords with the parts in another order', () => {
  it('refuses, saying why, a workbook whose sheets come before the part naming them (exceljs cannot stream it)', async () => {
    const dir = tempDir();
    const book = new ExcelJS.Workbook();
    book.addWorksheet('Staff').addRow(['Employee Number', 'Full Name']);
    book.getWorksheet('Staff')!.addRow([10000001, 'Ada Lovelace']);
    const written = Buffer.from(await book.xlsx.writeBuffer());
    // exceljs depends on jszip: use it to move xl/workbook.xml to the end of the archive.
    const { default: JSZip } = await import('jszip');
    const zip = await JSZip.loadAsync(written);
    const reordered = new JSZip();
    const names = Object.keys(zip.files).filter((name) => !zip.files[name].dir);
    // Shared strings and the parts' links before the sheets, so the sheet is read before the workbook part names it.
    const first = ['xl/_rels/workbook.xml.rels', 'xl/sharedStrings.xml'];
    const last = ['xl/styles.xml', 'xl/workbook.xml'];
    expect(names).toEqual(expect.arrayContaining([...first, ...last]));
    for (const name of [...first, ...names.filter((n) => !first.includes(n) && !last.includes(n)), ...last])
      reordered.file(name, await zip.files[name].async('nodebuffer'));
    const path = join(dir, 'reordered.xlsx');
    writeFileSync(path, await reordered.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
    const read = async () => {
      for await (const record of readWorkbookRecords(path)) void record;
    };
    await expect(read()).rejects.toThrow('reordered.xlsx could not be read as an Excel workbook: its sheets are stored before the part that names them');
  });
});

describe('detectFileKind: from the bytes, not the name', () => {
  it('reads CSV text named .xlsx as CSV, and a workbook named .csv as a workbook', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.xlsx'), 'Employee Number\n1\n');
    expect(await detectFileKind(join(dir, 'a.xlsx'), 'a.xlsx')).toBe('csv');
    const book = new ExcelJS.Workbook();
    book.addWorksheet('Staff').addRow(['Employee Number']);
    await book.xlsx.writeFile(join(dir, 'b.csv'));
    expect(await detectFileKind(join(dir, 'b.csv'), 'b.csv')).toBe('xlsx');
  });
});
