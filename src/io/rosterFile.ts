/**
 * Reads and validates a whole roster file, writing nothing: every row is checked
 * and every problem collected, so the administrator fixes them all in one go.
 */
import { UserError, UsageError } from '../errors.js';
import { columnLabel, mapColumns, squashHeader, type ColumnMapping, type ColumnTarget } from '../domain/rosterColumns.js';
import { parseRosterRecord, type RosterRow, type RowProblem } from '../domain/rosterRows.js';
import { openCsv, readCsvRecords, type CsvEncoding, type CsvSource } from './csvInput.js';

export interface RosterFile {
  source: CsvSource;
  headers: string[];
  mapping: ColumnMapping;
  rows: RosterRow[];
  problems: RowProblem[];
  warnings: RowProblem[];
}

export interface RosterReadOptions {
  encoding?: CsvEncoding;
  /** `--map` pairs: file header -> field (or ignore). */
  maps?: ReadonlyArray<[string, ColumnTarget]>;
}

export async function readRosterFile(path: string, options: RosterReadOptions = {}): Promise<RosterFile> {
  const source = await openCsv(path, options.encoding);
  let headers: string[] | null = null;
  let mapping: ColumnMapping | null = null;
  const rows: RosterRow[] = [];
  const problems: RowProblem[] = [];
  const warnings: RowProblem[] = [];

  for await (const record of readCsvRecords(source)) {
    if (headers === null || mapping === null) {
      headers = record.cells.map((cell) => cell.trim());
      mapping = mapHeaderRow(source, headers, options.maps ?? []);
      if (mapping.unknown.length > 0) {
        warnings.push({
          line: record.line,
          column: null,
          value: null,
          message: `ignored ${mapping.unknown.length === 1 ? 'a column' : `${mapping.unknown.length} columns`} remedi does not use: ${mapping.unknown.join(', ')} (map one with --map "Header=field" if it matters)`,
        });
      }
      continue;
    }
    if (record.cells.length !== headers.length) {
      problems.push({
        line: record.line,
        column: null,
        value: null,
        message: `this row has ${record.cells.length} fields but the header has ${headers.length}; a comma inside a value needs the value in double quotes`,
      });
      continue;
    }
    const result = parseRosterRecord(record.cells, record.line, headers, mapping);
    problems.push(...result.problems);
    warnings.push(...result.warnings);
    if (result.row) rows.push(result.row);
  }

  if (headers === null || mapping === null) {
    throw new UserError(`${source.name} has no rows, only blank lines.`, { fix: 'Export the roster again with its header row and the people in it.' });
  }
  if (rows.length === 0 && problems.length === 0) {
    throw new UserError(`${source.name} has a header row but nobody in it.`, { fix: 'Export the roster again with the people in it.' });
  }
  return { source, headers, mapping, rows, problems, warnings };
}

function mapHeaderRow(source: CsvSource, headers: string[], maps: ReadonlyArray<[string, ColumnTarget]>): ColumnMapping {
  const squashedHeaders = new Set(headers.map(squashHeader));
  for (const [header] of maps) {
    if (!squashedHeaders.has(squashHeader(header))) {
      throw new UsageError(`--map names a column "${header}" that ${source.name} does not have.`, {
        fix: `Its columns are: ${headers.filter((h) => h !== '').join(', ')}.`,
      });
    }
  }
  const mapping = mapColumns(headers, new Map(maps.map(([header, target]) => [squashHeader(header), target])));
  if (mapping.problems.length > 0) {
    throw new UserError(`${source.name} was not imported: ${mapping.problems.map((p) => p.message).join('; ')}.`, {
      fix: 'Nothing was written. Remove or map the extra column and import again.',
    });
  }
  if (mapping.indexOf.staff_id === undefined) {
    throw new UserError(`${source.name} has no staff id column (looked for headers like staff_id or Employee Number).`, {
      fix: 'Nothing was written. Name the column with --map "Your Header=staff_id".',
    });
  }
  return mapping;
}

/** `column D (Pay Band)` for a field, or a note that the file has no such column. */
export function fieldColumn(file: RosterFile, field: keyof ColumnMapping['indexOf']): string | null {
  const index = file.mapping.indexOf[field];
  return index === undefined ? `(no ${field} column)` : columnLabel(index, file.headers[index]);
}
