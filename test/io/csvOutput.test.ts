import { stringify } from 'csv-stringify/sync';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  csvCells,
  csvCellSql,
  csvPieces,
  csvOfPlainCells,
  csvRows,
  neutraliseFormula,
  PLAIN_CELL_SEPARATOR,
  toCsv,
  type CsvCell,
} from '../../src/io/csvOutput.js';

/** What toCsv wrote through csv-stringify before its rows were written by hand (issue 15). */
const cellText = (cell: CsvCell): string =>
  cell === null || cell === undefined
    ? ''
    : typeof cell === 'number'
      ? String(cell)
      : typeof cell === 'boolean'
        ? cell
          ? 'yes'
          : 'no'
        : neutraliseFormula(cell);
const byCsvStringify = (headers: string[], rows: CsvCell[][]) =>
  stringify([headers, ...rows.map((row) => row.map(cellText))], { record_delimiter: '\r\n', quoted_match: /[\r\n]/ });

const cell = fc.oneof(
  fc.string({ unit: fc.constantFrom('a', ' ', ',', '"', "'", '\r', '\n', '=', '+', '-', '@', '\t', '1', '.', 'é', '李', '😀') }),
  fc.string(),
  fc.integer(),
  fc.double({ noNaN: true }),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
);

describe('toCsv and csvRows', () => {
  it('write what csv-stringify wrote, cell for cell', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string(), { minLength: 1, maxLength: 4 }),
        fc.array(fc.array(cell, { minLength: 1, maxLength: 6 }), { maxLength: 8 }),
        (headers, rows) => {
          expect(toCsv(headers, rows)).toBe(byCsvStringify(headers, rows));
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('a list written in batches is the list written at once', () => {
    const rows: CsvCell[][] = [
      ['=1', 'a,b'],
      ['x"y', 'two\nlines'],
      [null, 3],
    ];
    expect(toCsv(['h'], rows.slice(0, 1)) + csvRows(rows.slice(1))).toBe(toCsv(['h'], rows));
  });

  it.each([0, 1, 511, 512, 513, 1_100])('csvPieces of %i rows, made as they are taken, join to toCsv of them', (count) => {
    const rows: CsvCell[][] = Array.from({ length: count }, (_, i) => [i, i % 7 === 0 ? `=${i}` : `name ${i}`, i % 5 === 0 ? 'a "quoted", cell' : null]);
    let made = 0;
    const each = function* () {
      for (const row of rows) {
        made += 1;
        yield row;
      }
    };
    const pieces = csvPieces(['id', 'name', 'notes'], each());
    // Nothing is made before the first piece is asked for, and no more than a piece ahead after it.
    expect(made).toBe(0);
    const first = pieces.next();
    expect(made).toBeLessThanOrEqual(512);
    expect([first.value, ...pieces].join('')).toBe(toCsv(['id', 'name', 'notes'], rows));
    expect(made).toBe(count);
  });
});

describe('csvCellSql: the cell rules as SQLite writes them', () => {
  const db = new Database(':memory:');
  db.exec('CREATE TABLE cells (t TEXT, n INTEGER, f INTEGER)');
  const sqlCells = (texts: readonly (string | null)[]): string[] => {
    db.exec('DELETE FROM cells');
    const insert = db.prepare('INSERT INTO cells (t) VALUES (?)');
    db.transaction(() => texts.forEach((t) => insert.run(t)))();
    return db
      .prepare(`SELECT ${csvCellSql('t', 'text')} FROM cells ORDER BY rowid`)
      .pluck()
      .all() as string[];
  };

  it('writes every text of up to four of the characters that matter as csvCells does', () => {
    // NUL too: SQLite's GLOB stops at one, and a cell holding one must still be quoted and neutralised as any other.
    const alphabet = ["'", '=', '+', '-', '@', '\t', '\r', '\n', '"', ',', '0', '.', 'a', '\u0000'];
    let texts: string[] = [''];
    const all: string[] = [''];
    for (let length = 1; length <= 4; length += 1) {
      texts = texts.flatMap((text) => alphabet.map((c) => text + c));
      all.push(...texts);
    }
    const got = sqlCells(all);
    const mismatches = all.filter((text, i) => got[i] !== csvCells([text]));
    expect(mismatches).toEqual([]);
    expect(all.length).toBe(1 + 14 + 14 ** 2 + 14 ** 3 + 14 ** 4);
  });

  it('writes any text, and nothing for none, as csvCells does', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string({ unit: 'grapheme' }), fc.string(), fc.constant(null)), { maxLength: 20 }), (texts) => {
        // SQLite stores text as UTF-8: a lone surrogate comes back as U+FFFD, as a roster's would.
        const stored = texts.map((t) => (t === null ? null : Buffer.from(t, 'utf8').toString('utf8')));
        expect(sqlCells(stored)).toEqual(stored.map((t) => csvCells([t])));
      }),
      { numRuns: 300 },
    );
  });

  it('writes numbers and flags as csvCells does', () => {
    db.exec('DELETE FROM cells');
    const values = [0, 1, 3, -2, 1_000_000, null];
    const insert = db.prepare('INSERT INTO cells (n, f) VALUES (?, ?)');
    for (const value of values) insert.run(value, value === null ? 0 : value === 0 ? 0 : 1);
    const rows = db
      .prepare(`SELECT ${csvCellSql('n', 'number')}, ${csvCellSql('f', 'flag')} FROM cells ORDER BY rowid`)
      .raw()
      .all() as string[][];
    expect(rows).toEqual(values.map((value) => [csvCells([value]), csvCells([value !== null && value !== 0])]));
  });
});

describe('csvOfPlainCells: a line written plain, as the rules write it', () => {
  const SEP = PLAIN_CELL_SEPARATOR;
  const cells = fc.array(
    fc.oneof(
      fc.string({ unit: fc.constantFrom('a', ' ', ',', '"', "'", '\r', '\n', '=', '+', '-', '@', '\t', '1', '.', 'é', '\u0000') }),
      fc.string(),
      fc.constant(null),
    ),
    { minLength: 1, maxLength: 6 },
  );

  it('writes what csvCells writes, the line end kept', () => {
    fc.assert(
      fc.property(cells, fc.boolean(), (row, lineEnd) => {
        const end = lineEnd ? '\r\n' : '';
        expect(csvOfPlainCells(row.map((c) => c ?? '').join(SEP) + end, row.length - 1, end.length)).toBe(csvCells(row) + end);
      }),
      { numRuns: 5_000 },
    );
  });

  it('keeps an ordinary line as it is but for its commas, and gives null when a cell holds the separator', () => {
    expect(csvOfPlainCells(['10000001', 'Grace Lewis', 'grace.lewis@nhs.net', '', 'Nurse'].join(SEP), 4)).toBe(
      '10000001,Grace Lewis,grace.lewis@nhs.net,,Nurse',
    );
    expect(csvOfPlainCells(`${SEP}Band 5${SEP}no${SEP}\r\n`, 3, 2)).toBe(',Band 5,no,\r\n');
    expect(csvOfPlainCells(`a${SEP}b${SEP}c`, 1)).toBeNull();
    expect(csvOfPlainCells('a', 1)).toBeNull();
  });
});
