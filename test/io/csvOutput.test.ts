import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvRows, neutraliseFormula, toCsv, type CsvCell } from '../../src/io/csvOutput.js';

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
});
