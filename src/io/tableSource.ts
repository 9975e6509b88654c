/**
 * Where an input table's records come from: a CSV file or a sheet of an .xlsx workbook,
 * told apart by the file's bytes (fileKind.ts). Both give the same records, so reading a
 * table (tableFile.ts) is the same for either.
 */
import { basename } from 'node:path';
import { UsageError } from '../errors.js';
import { checkInputFile, openCsv, readCsvRecords, type CsvEncoding, type CsvRecord, type CsvSource, type OnBytes } from './csvInput.js';
import { detectFileKind } from './fileKind.js';
import { readWorkbookRecords, workbookLabel, type WorkbookSource } from './workbookInput.js';

export type TableSource = (CsvSource & { kind: 'csv' }) | WorkbookSource;

export interface SourceOptions {
  encoding?: CsvEncoding;
  /** `--sheet NAME`: which sheet of a workbook (default: the first). */
  sheet?: string;
  /** How far through the file the records are, for a progress line (see OnBytes). */
  onBytes?: OnBytes;
}

export async function openTableSource(path: string, options: SourceOptions): Promise<TableSource> {
  checkInputFile(path);
  const file = basename(path);
  const kind = await detectFileKind(path, file);
  if (kind === 'xlsx') return { kind, path, file, name: file, sheet: options.sheet ?? '' };
  if (options.sheet !== undefined) {
    throw new UsageError(`--sheet "${options.sheet}": ${file} is a CSV file, which has no sheets.`, {
      fix: 'Leave out --sheet for a CSV file; it is for .xlsx workbooks.',
    });
  }
  return { kind, ...(await openCsv(path, options.encoding)) };
}

/**
 * The source's records, a piece of the file at a time (a CSV's: each read's records; a
 * workbook's: one row, as its reader gives them); a workbook's name becomes "file, sheet
 * NAME" once its sheet is known.
 */
export async function* readSourceRecords(source: TableSource, onBytes?: OnBytes): AsyncGenerator<CsvRecord[]> {
  if (source.kind === 'csv') {
    yield* readCsvRecords(source, onBytes);
    return;
  }
  for await (const record of readWorkbookRecords(source.path, source.sheet === '' ? undefined : source.sheet, onBytes)) {
    if (source.sheet !== record.sheet || source.name === source.file) {
      source.sheet = record.sheet;
      source.name = workbookLabel(source.file, record.sheet);
    }
    yield [{ line: record.line, cells: record.cells }];
  }
}

/**
 * A sheet leaves out empty cells at the end of a row: a row shorter than the header is
 * padded, and empty cells past the header's last column are dropped.
 */
export function fitToHeader(cells: string[], width: number): string[] {
  if (cells.length < width) return [...cells, ...Array<string>(width - cells.length).fill('')];
  let end = cells.length;
  while (end > width && cells[end - 1].trim() === '') end -= 1;
  return end === cells.length ? cells : cells.slice(0, end);
}
