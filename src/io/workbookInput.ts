/**
 * Reading the rows of an .xlsx workbook as text, the way Excel shows them, streamed with
 * exceljs's WorkbookReader so a large workbook is never held whole. One sheet is read:
 * the first, or the one named. Rows come out like CSV records (see csvInput.ts), with the
 * sheet's own row numbers, so every check after this is the one a CSV gets.
 */
import type * as ExcelJs from 'exceljs';
import { createReadStream, ReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import { UserError, UsageError } from '../errors.js';
import type { CsvRecord, OnBytes } from './csvInput.js';

export interface WorkbookSource {
  kind: 'xlsx';
  path: string;
  /** How the file is named in messages: "roster.xlsx, sheet Staff" (see ui/problems.ts). */
  name: string;
  file: string;
  sheet: string;
}

/** The label messages use for a sheet of a workbook; problems read "..., row 4, column G". */
export function workbookLabel(file: string, sheet: string): string {
  return `${file}, sheet ${sheet}`;
}

interface SheetEntry {
  name: string;
  id: number;
}

type ExcelModule = typeof ExcelJs;

async function loadExcel(): Promise<ExcelModule> {
  const module = (await import('exceljs')) as ExcelModule & { default?: ExcelModule };
  return module.default ?? module;
}

/**
 * Streams the rows of one sheet. The sheet names come from the workbook part, which
 * Excel writes before the sheets; an unknown sheet is refused naming the sheets there are.
 * onBytes says how far through the sheet's rows the reading is (see sheetPosition).
 */
export async function* readWorkbookRecords(path: string, wantedSheet?: string, onBytes?: OnBytes): AsyncGenerator<CsvRecord & { sheet: string }> {
  const file = basename(path);
  const Excel = await loadExcel();
  const input = createReadStream(path);
  const reader = new Excel.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  let target: string | null = null;
  let found = false;
  try {
    for await (const worksheet of reader) {
      const sheet = worksheet as unknown as { name?: string; [Symbol.asyncIterator](): AsyncIterator<RowLike> };
      if (target === null) target = chooseSheet(file, sheetsOf(reader), wantedSheet);
      if (sheet.name !== target || found) {
        // exceljs must read past a sheet to reach the next one.
        for await (const _row of sheet as AsyncIterable<RowLike>) void _row;
        continue;
      }
      found = true;
      const position = onBytes === undefined ? null : sheetPosition(sheet, input, path);
      let reported = -1;
      for await (const row of sheet as AsyncIterable<RowLike>) {
        if (position !== null && position.read() !== reported) onBytes!((reported = position.read()), position.size);
        const cells = rowCells(row);
        if (cells.some((cell) => cell.trim() !== '')) yield { line: row.number, cells, sheet: target };
      }
      if (position !== null) onBytes!(position.size, position.size);
    }
  } catch (error) {
    if (error instanceof UserError || error instanceof UsageError) throw error;
    // exceljs reads the zip in stored order and needs the part naming the sheets before the sheets when
    // the shared strings come first (as some programs other than Excel save them).
    const reason = /reading 'sheets'/.test((error as Error).message)
      ? 'its sheets are stored before the part that names them, which remedi cannot read as it streams'
      : (error as Error).message;
    throw new UserError(`${file} could not be read as an Excel workbook: ${reason}.`, {
      fix: 'Open it in Excel and save it again as .xlsx or CSV UTF-8 (File > Save As), then import that file.',
    });
  } finally {
    input.destroy();
  }
  if (target === null) throw new UserError(`${file} has no sheets.`, { fix: 'Open it in Excel and check it holds the table.' });
  if (!found) throw new UserError(`${workbookLabel(file, target)} has no rows.`, { fix: 'Open it in Excel and check the sheet holds the table.' });
}

/**
 * Where the reading of a sheet's rows stands, in bytes. Excel and exceljs store the shared
 * strings after the sheets, so exceljs unpacks each sheet to a temporary file while it reads
 * the zip and parses the rows from there: the position is then that file's bytes read (the
 * zip is all read by the first row). A workbook with its shared strings first is parsed as
 * the zip streams: the position is the workbook's own bytes read. Either never falls.
 */
function sheetPosition(sheet: unknown, input: ReadStream, path: string): { read(): number; size: number } {
  // exceljs keeps the stream a sheet's rows are parsed from as `iterator`; the temporary file's is a ReadStream.
  const from = (sheet as { iterator?: unknown }).iterator;
  const stream = from instanceof ReadStream && typeof from.path === 'string' ? from : input;
  const size = statSync(stream === input ? path : stream.path).size;
  return { read: () => Math.min(stream.bytesRead, size), size };
}

function sheetsOf(reader: unknown): SheetEntry[] {
  const model = (reader as { model?: { sheets?: Array<{ name: string; id: number; state?: string }> } }).model;
  return (model?.sheets ?? []).map((sheet) => ({ name: sheet.name, id: sheet.id }));
}

function chooseSheet(file: string, sheets: SheetEntry[], wanted?: string): string {
  if (sheets.length === 0) throw new UserError(`${file} has no sheets.`, { fix: 'Open it in Excel and check it holds the table.' });
  if (wanted === undefined) return sheets[0].name;
  const exact = sheets.find((sheet) => sheet.name === wanted);
  if (exact) return exact.name;
  // Excel's own sheet names ignore case.
  const folded = sheets.find((sheet) => sheet.name.toLowerCase() === wanted.trim().toLowerCase());
  if (folded) return folded.name;
  throw new UsageError(`--sheet "${wanted}": ${file} has no sheet of that name.`, {
    fix: `Its sheets are: ${sheets.map((sheet) => sheet.name).join(', ')}.`,
  });
}

interface RowLike {
  number: number;
  values: unknown[] | Record<string, unknown>;
}

/** The row's cells as text, from column A; columns the sheet leaves out are empty. */
function rowCells(row: RowLike): string[] {
  const values = Array.isArray(row.values) ? row.values : [];
  const cells: string[] = [];
  for (let column = 1; column < values.length; column += 1) cells.push(cellText(values[column]));
  return cells;
}

/** A cell as Excel shows it: dates as ISO dates, numbers without float noise, formulas by their saved result. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return numberText(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return dateText(value);
  if (typeof value === 'object') {
    const object = value as Record<string, unknown>;
    if ('result' in object || 'formula' in object || 'sharedFormula' in object) return cellText(object.result);
    if (Array.isArray(object.richText)) return (object.richText as Array<{ text?: string }>).map((part) => part.text ?? '').join('');
    if ('text' in object) return cellText(object.text);
    if ('error' in object) return String(object.error);
  }
  // exceljs gives no other cell value shapes than those above; anything new shows as JavaScript prints it.
  // eslint-disable-next-line @typescript-eslint/no-base-to-string
  return String(value);
}

/** Excel keeps 15 significant digits: 10000001 reads "10000001", 0.1+0.2 reads "0.3". */
function numberText(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value) && Math.abs(value) < 1e15) return value.toFixed(0);
  return String(Number(value.toPrecision(15)));
}

/** Excel dates have no time zone; exceljs gives them as UTC. A date alone reads YYYY-MM-DD. */
function dateText(date: Date): string {
  if (Number.isNaN(date.getTime())) return '';
  const iso = date.toISOString();
  if (iso.endsWith('T00:00:00.000Z')) return iso.slice(0, 10);
  return iso.slice(0, 19);
}
