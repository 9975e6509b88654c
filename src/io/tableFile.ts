/**
 * Reading an input table (a roster, a session log) the same way: encoding and
 * delimiter detected, headers matched by name, ragged rows refused, blank rows
 * skipped, every problem collected with its line and column. Writes nothing.
 */
import { UserError, UsageError } from '../errors.js';
import { IGNORE, mapColumnsWith, squashHeader, type ColumnMapping } from '../domain/columns.js';
import type { RowProblem } from '../domain/rosterRows.js';
import { restoreFormulaText, type CsvEncoding } from './csvInput.js';
import { fitToHeader, openTableSource, readSourceRecords, type TableSource } from './tableSource.js';

export interface TableSpec<F extends string> {
  /** What the file is, in messages: "roster", "session log". */
  what: string;
  index: ReadonlyMap<string, F>;
  /** How a file with a header and no rows is described: "nobody in it". */
  empty: string;
  /** Fields a file must have one of (a column), with the header names to suggest. */
  required: { fields: F[]; hint: string };
}

export interface TableReadOptions<F extends string> {
  encoding?: CsvEncoding;
  /** `--sheet NAME`: which sheet of an .xlsx workbook (default: the first). */
  sheet?: string;
  /** `--map` pairs: file header -> field (or ignore). */
  maps?: ReadonlyArray<[string, F | typeof IGNORE]>;
}

export interface Table<F extends string> {
  source: TableSource;
  headers: string[];
  mapping: ColumnMapping<F>;
  problems: RowProblem[];
  warnings: RowProblem[];
}

export type RowHandler<F extends string> = (cells: string[], line: number, table: Table<F>) => void;

/** Reads every record; `onRow` gets each row that has the header's shape. */
export async function readTable<F extends string>(
  path: string,
  spec: TableSpec<F>,
  options: TableReadOptions<F>,
  onRow: RowHandler<F>,
): Promise<Table<F>> {
  const source = await openTableSource(path, options);
  let table: Table<F> | null = null;
  let rows = 0;

  for await (const raw of readSourceRecords(source)) {
    const cells: string[] = source.kind === 'xlsx' && table !== null ? fitToHeader(raw.cells, table.headers.length) : raw.cells;
    const record: { line: number; cells: string[] } = { line: raw.line, cells: cells.map(restoreFormulaText) };
    if (table === null) {
      const headers: string[] = (source.kind === 'xlsx' ? fitToHeader(record.cells, 0) : record.cells).map((cell) => cell.trim());
      const mapping = mapHeaderRow(source, headers, spec, options.maps ?? []);
      table = { source, headers, mapping, problems: [], warnings: [] };
      if (mapping.unknown.length > 0) {
        table.warnings.push({
          line: record.line,
          column: null,
          value: null,
          message: `ignored ${mapping.unknown.length === 1 ? 'a column' : `${mapping.unknown.length} columns`} remedi does not use: ${mapping.unknown.join(', ')} (map one with --map "Header=field" if it matters)`,
        });
      }
      continue;
    }
    rows += 1;
    if (record.cells.length !== table.headers.length) {
      table.problems.push({
        line: record.line,
        column: null,
        value: null,
        message: `this row has ${record.cells.length} fields but the header has ${table.headers.length}; a comma inside a value needs the value in double quotes`,
      });
      continue;
    }
    onRow(record.cells, record.line, table);
  }

  if (table === null) {
    throw new UserError(`${source.name} has no rows, only blank lines.`, { fix: `Export the ${spec.what} again with its header row.` });
  }
  if (rows === 0) {
    throw new UserError(`${source.name} has a header row but ${spec.empty}.`, { fix: `Export the ${spec.what} again with its rows.` });
  }
  return table;
}

function mapHeaderRow<F extends string>(
  source: TableSource,
  headers: string[],
  spec: TableSpec<F>,
  maps: ReadonlyArray<[string, F | typeof IGNORE]>,
): ColumnMapping<F> {
  const squashedHeaders = new Set(headers.map(squashHeader));
  for (const [header] of maps) {
    if (!squashedHeaders.has(squashHeader(header))) {
      throw new UsageError(`--map names a column "${header}" that ${source.name} does not have.`, {
        fix: `Its columns are: ${headers.filter((h) => h !== '').join(', ')}.`,
      });
    }
  }
  const mapping = mapColumnsWith(headers, spec.index, new Map(maps.map(([header, target]) => [squashHeader(header), target])));
  if (mapping.problems.length > 0) {
    throw new UserError(`${source.name} was not imported: ${mapping.problems.map((p) => p.message).join('; ')}.`, {
      fix: 'Nothing was written. Remove or map the extra column and import again.',
    });
  }
  if (!spec.required.fields.some((field) => mapping.indexOf[field] !== undefined)) {
    throw new UserError(`${source.name} has no ${spec.required.hint} column.`, {
      fix: `Nothing was written. Name the column with --map "Your Header=${spec.required.fields[0]}".`,
    });
  }
  return mapping;
}

/** Reads `--map "CSV header=field"` options; a malformed one is a usage error. */
export function parseMapOption<F extends string>(pairs: readonly string[], fields: readonly F[]): Array<[string, F | typeof IGNORE]> {
  return pairs.map((pair) => {
    const at = pair.lastIndexOf('=');
    const header = pair.slice(0, at).trim();
    const target = pair.slice(at + 1).trim().toLowerCase();
    if (at < 0 || header === '' || !(target === IGNORE || (fields as readonly string[]).includes(target))) {
      throw new UsageError(`--map "${pair}" is not "CSV header=field".`, {
        fix: `For example --map "Your Header=${fields[0]}". Fields: ${fields.join(', ')}, or ignore.`,
      });
    }
    return [header, target as F | typeof IGNORE];
  });
}
