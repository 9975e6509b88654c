/**
 * CSV for spreadsheets and mail merges. A cell that starts like a formula
 * (= + - @, tab, carriage return) is prefixed with ' so Excel shows it as text
 * instead of running it (OWASP "CSV injection").
 */
import { stringify } from 'csv-stringify/sync';

const FORMULA_START = /^[=+\-@\t\r]/;
const NUMBER = /^-?\d+(\.\d+)?$/;

/** `=SUM(A1)` -> `'=SUM(A1)`; a negative number stays a number. The importers undo it. */
export function neutraliseFormula(cell: string): string {
  return FORMULA_START.test(cell) && !NUMBER.test(cell) ? `'${cell}` : cell;
}

export type CsvCell = string | number | boolean | null | undefined;

export function toCsv(headers: readonly string[], rows: ReadonlyArray<readonly CsvCell[]>): string {
  const text = (cell: CsvCell): string => {
    if (cell === null || cell === undefined) return '';
    if (typeof cell === 'number') return String(cell);
    if (typeof cell === 'boolean') return cell ? 'yes' : 'no';
    return neutraliseFormula(cell);
  };
  return stringify([headers.map(String), ...rows.map((row) => row.map(text))], { record_delimiter: '\r\n' });
}
