/** How far through a file the readers are (onBytes), for the import's progress line. */
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { FIXTURES, ROOT, tempDir } from '../helpers/cli.js';
import { rosterFile } from '../../src/domain/rosterRows.js';
import { streamRecords } from '../../src/io/tableFile.js';
import { openTableSource, readSourceRecords } from '../../src/io/tableSource.js';

interface Reading {
  /** Every onBytes call, in order. */
  calls: Array<[read: number, size: number]>;
  /** How many onBytes calls had come when each record arrived. */
  callsBefore: number[];
  records: Array<{ line: number; cells: string[] }>;
}

async function readAll(path: string, withCallback = true): Promise<Reading> {
  const reading: Reading = { calls: [], callsBefore: [], records: [] };
  const source = await openTableSource(path, {});
  const onBytes = withCallback ? (read: number, size: number) => void reading.calls.push([read, size]) : undefined;
  for await (const piece of readSourceRecords(source, onBytes)) {
    for (const record of piece) {
      reading.callsBefore.push(reading.calls.length);
      reading.records.push(record);
    }
  }
  return reading;
}

/** read never falls, size never changes, and the last call has read all of it. */
function expectRisingToTheEnd(calls: Array<[number, number]>, size: number): void {
  expect(calls.length).toBeGreaterThan(0);
  for (const [k, [read, callSize]] of calls.entries()) {
    expect(callSize).toBe(size);
    expect(read).toBeGreaterThan(0);
    expect(read).toBeLessThanOrEqual(size);
    if (k > 0) expect(read).toBeGreaterThanOrEqual(calls[k - 1][0]);
  }
  expect(calls.at(-1)).toEqual([size, size]);
}

/** A workbook of one sheet, `rows` people with text cells (so it has shared strings), as exceljs writes it. */
async function bigWorkbook(rows: number): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Staff');
  sheet.addRow(['Employee Number', 'Full Name', 'Pay Band']);
  for (let k = 1; k <= rows; k += 1) sheet.addRow([10_000_000 + k, `Person ${k}`, `Band ${5 + (k % 4)}`]);
  return Buffer.from(await book.xlsx.writeBuffer());
}

describe('a CSV file', () => {
  it('reports the bytes read, piece by piece before its records, up to the file size', async () => {
    const dir = tempDir();
    const path = join(dir, 'roster.csv');
    const { writeRoster } = (await import(join(ROOT, 'bench', 'generate.mjs'))) as {
      writeRoster: (path: string, options: { rows: number; seed: number }) => Promise<void>;
    };
    await writeRoster(path, { rows: 3000, seed: 1 });
    const size = statSync(path).size;
    expect(size).toBeGreaterThan(4 * 65_536);
    const reading = await readAll(path);
    expectRisingToTheEnd(reading.calls, size);
    expect(reading.calls.length).toBeGreaterThan(4);
    // The first record comes after the first piece is counted, the last after the last.
    expect(reading.callsBefore[0]).toBeGreaterThanOrEqual(1);
    expect(reading.callsBefore.at(-1)).toBe(reading.calls.length);
    expect(reading.records).toHaveLength(3001);
    expect((await readAll(path, false)).records).toEqual(reading.records);
  });

  it('a small file is one piece: all of it at once', async () => {
    const path = join(FIXTURES, 'roster.csv');
    const reading = await readAll(path);
    expect(reading.calls).toEqual([[statSync(path).size, statSync(path).size]]);
  });

  it('reaches the reader through streamRecords, as the roster import wires it', async () => {
    const path = join(FIXTURES, 'roster.csv');
    const calls: Array<[number, number]> = [];
    let rows = 0;
    await streamRecords(path, rosterFile(), { onBytes: (read, size) => calls.push([read, size]) }, () => (rows += 1));
    expect(rows).toBeGreaterThan(0);
    expectRisingToTheEnd(calls, statSync(path).size);
  });
});

describe('an .xlsx workbook', () => {
  it('as Excel and exceljs store it (the sheet before its shared strings): the unpacked sheet read, up to its size', async () => {
    const dir = tempDir();
    const path = join(dir, 'roster.xlsx');
    writeFileSync(path, await bigWorkbook(10_000));
    const reading = await readAll(path);
    const [, size] = reading.calls[0];
    // The size is the sheet's XML, unpacked to a temporary file: bigger than the zip.
    expect(size).toBeGreaterThan(statSync(path).size);
    expectRisingToTheEnd(reading.calls, size);
    expect(reading.calls.length).toBeGreaterThan(10);
    // Counted from the first row on, never all at once at the start.
    expect(reading.calls[0][0]).toBeLessThan(size / 4);
    expect(reading.records).toHaveLength(10_001);
    expect((await readAll(path, false)).records).toEqual(reading.records);
  });

  it('with its shared strings and workbook part first (read as the zip streams): the file read, up to its size', async () => {
    const dir = tempDir();
    const { default: JSZip } = await import('jszip');
    const zip = await JSZip.loadAsync(await bigWorkbook(10_000));
    const names = Object.keys(zip.files).filter((name) => !zip.files[name].dir);
    const first = ['[Content_Types].xml', '_rels/.rels', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/sharedStrings.xml', 'xl/styles.xml'];
    expect(names).toEqual(expect.arrayContaining(first));
    const reordered = new JSZip();
    for (const name of [...first, ...names.filter((n) => !first.includes(n))]) reordered.file(name, await zip.files[name].async('nodebuffer'));
    const path = join(dir, 'streamed.xlsx');
    writeFileSync(path, await reordered.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
    const reading = await readAll(path);
    expectRisingToTheEnd(reading.calls, statSync(path).size);
    expect(reading.calls.length).toBeGreaterThan(1);
    expect(reading.records).toHaveLength(10_001);
  });
});
