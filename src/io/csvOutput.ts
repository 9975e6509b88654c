/**
 * CSV for spreadsheets and mail merges. A cell that starts like a formula
 * (= + - @, tab, carriage return) is prefixed with ' so Excel shows it as text
 * instead of running it (OWASP "CSV injection").
 */
import { createRequire } from 'node:module';
import type { stringify as Stringify } from 'csv-stringify/sync';

/**
 * csv-stringify's synchronous writer, loaded the first time a header is written: most commands
 * print no CSV, and its nine ES modules were a measurable part of every command's start. It is
 * the package's own CommonJS build (one file, the same code), which require() loads in place,
 * so toCsv stays synchronous.
 */
let stringifyCsv: typeof Stringify | undefined;
function stringify(...args: Parameters<typeof Stringify>): string {
  stringifyCsv ??= (createRequire(import.meta.url)('csv-stringify/sync') as { stringify: typeof Stringify }).stringify;
  return stringifyCsv(...args);
}

/** A formula start, or one already escaped by a ' (escaped again so it survives the round trip). */
const FORMULA_START = /^'*[=+\-@\t\r]/;
const NUMBER = /^-?\d+(\.\d+)?$/;

/** `=SUM(A1)` -> `'=SUM(A1)`; a negative number stays a number. The importers undo it. */
export function neutraliseFormula(cell: string): string {
  return FORMULA_START.test(cell) && !NUMBER.test(cell) ? `'${cell}` : cell;
}

export type CsvCell = string | number | boolean | null | undefined;

// Quote any cell with a line break in it, not only the ones holding a whole CRLF.
const CSV_OPTIONS = { record_delimiter: '\r\n', quoted_match: /[\r\n]/ } as const;

export function toCsv(headers: readonly string[], rows: ReadonlyArray<readonly CsvCell[]>): string {
  // The header is ours, written as it is; only the cells are data.
  return stringify([headers.map(String)], CSV_OPTIONS) + csvRows(rows);
}

/** toCsv's lines without the header, for a long list written in batches: header and batches joined are toCsv's text. */
export function csvRows(rows: ReadonlyArray<readonly CsvCell[]>): string {
  // csv-stringify's rules for these options, by hand: its sync API was a third of writing a million rows.
  // A cell is quoted when it holds a quote, a comma or a line break, its quotes doubled (test/io/csvOutput.test.ts checks them equal).
  let text = '';
  for (const row of rows) {
    for (let i = 0; i < row.length; i += 1) {
      const cell = cellText(row[i]);
      if (i > 0) text += ',';
      text += NEEDS_QUOTES.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
    }
    text += '\r\n';
  }
  return text;
}

const NEEDS_QUOTES = /[",\r\n]/;

function cellText(cell: CsvCell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') return String(cell);
  if (typeof cell === 'boolean') return cell ? 'yes' : 'no';
  return neutraliseFormula(cell);
}
