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
  for (const row of rows) text += `${csvCells(row)}\r\n`;
  return text;
}

/** Lines per piece of csvPieces: about 64 KB of a roster's text. */
const LINES_PER_PIECE = 512;

/**
 * toCsv's text in pieces, its rows made as the pieces are taken (export's staff.csv, written
 * as its rows are read): joined, the pieces are toCsv's text.
 */
export function* csvPieces(headers: readonly string[], rows: Iterable<readonly CsvCell[]>): Generator<string> {
  let piece = toCsv(headers, []);
  let lines = 0;
  for (const row of rows) {
    piece += `${csvCells(row)}\r\n`;
    lines += 1;
    if (lines % LINES_PER_PIECE === 0) {
      yield piece;
      piece = '';
    }
  }
  yield piece;
}

/** One row's cells as csvRows writes them, without the line's end. */
export function csvCells(row: readonly CsvCell[]): string {
  let text = '';
  for (let i = 0; i < row.length; i += 1) {
    const cell = cellText(row[i]);
    if (i > 0) text += ',';
    text += NEEDS_QUOTES.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
  }
  return text;
}

/** What separates the cells of a line written plain (csvOfPlainCells): the unit separator, which a roster's text hardly ever holds. */
export const PLAIN_CELL_SEPARATOR = '\u001f';

/**
 * The CSV of `text`, cells written as they are (nothing for none) with PLAIN_CELL_SEPARATOR
 * between them, `separators` of them: what csvCells writes for those cells. Most lines need
 * neither quotes nor a formula guard, and are the text with commas for separators; any other is
 * cut at its separators and written by the rules. The text's last `skip` characters are kept as
 * they are (the line's end). Null when a cell holds the separator itself (the cut would be
 * wrong): the caller writes that line from its values.
 */
export function csvOfPlainCells(text: string, separators: number, skip = 0): string | null {
  let seen = 0;
  let cellStart = true;
  let plain = true;
  const end = text.length - skip;
  for (let i = 0; i < end; i += 1) {
    const c = text.charCodeAt(i);
    if (c === SEPARATOR) {
      seen += 1;
      cellStart = true;
      continue;
    }
    if (c === COMMA || c === QUOTE || c === LF || c === CR) plain = false;
    else if (cellStart && (c === APOSTROPHE || c === EQUALS || c === PLUS || c === MINUS || c === AT || c === TAB)) plain = false;
    cellStart = false;
  }
  if (seen !== separators) return null;
  if (plain) return separators === 0 ? text : text.replaceAll(PLAIN_CELL_SEPARATOR, ',');
  return csvCells(text.slice(0, end).split(PLAIN_CELL_SEPARATOR)) + text.slice(end);
}

const code = (c: string): number => c.charCodeAt(0);
const [SEPARATOR, COMMA, QUOTE, LF, CR, APOSTROPHE, EQUALS, PLUS, MINUS, AT, TAB] = [
  code(PLAIN_CELL_SEPARATOR),
  code(','),
  code('"'),
  code('\n'),
  code('\r'),
  code("'"),
  code('='),
  code('+'),
  code('-'),
  code('@'),
  code('\t'),
];

/**
 * A cell as csvCells writes it, as an SQL expression over `value` (an SQL expression of that
 * type): for a line of a long list SQLite writes whole (`staff list --csv`, a line whose cell
 * holds the plain separator). The same rules:
 * nothing for NULL; yes or no for a flag; a formula start neutralised unless the text is a
 * negative number; quotes when a quote, a comma or a line break is inside, quotes doubled.
 * test/io/csvOutput.test.ts holds the two equal over every short text of the characters
 * that matter.
 */
export function csvCellSql(value: string, type: 'text' | 'number' | 'flag'): string {
  if (type === 'number') return `coalesce(CAST(${value} AS TEXT), '')`; // whole numbers (a real would not print as String does)
  if (type === 'flag') return `iif(${value}, 'yes', 'no')`;
  // FORMULA_START after any quotes, and not NUMBER: only a text starting with - can be both.
  // GLOB reads a text only up to a NUL character, instr the whole of it: a text holding one is no number, and is searched by instr.
  const afterQuotes = `substr(ltrim(${value}, ''''), 1, 1)`;
  const negativeNumber = `(${value} GLOB '-[0-9]*' AND substr(${value}, 2) NOT GLOB '*[^0-9.]*' AND ${value} NOT GLOB '*.*.*' AND ${value} NOT GLOB '*.' AND NOT instr(${value}, char(0)))`;
  const prefix = `iif(${afterQuotes} IN ('=', '+', '-', '@', char(9), char(13)) AND NOT ${negativeNumber}, '''', '')`;
  const needsQuotes = `(instr(${value}, '"') OR instr(${value}, ',') OR instr(${value}, char(10)) OR instr(${value}, char(13)))`;
  return `CASE WHEN ${value} IS NULL THEN '' WHEN ${needsQuotes} THEN '"' || ${prefix} || replace(${value}, '"', '""') || '"' ELSE ${prefix} || ${value} END`;
}

const NEEDS_QUOTES = /[",\r\n]/;

function cellText(cell: CsvCell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') return String(cell);
  if (typeof cell === 'boolean') return cell ? 'yes' : 'no';
  return neutraliseFormula(cell);
}
