/**
 * Reading an input table (a roster, a session log) the same way: encoding and
 * delimiter detected, headers matched by name, ragged rows refused, blank rows
 * skipped, every problem collected with its line and column. Writes nothing.
 * What a kind of file holds (its fields, their names, how a record reads) is the
 * caller's RecordSpec: this module knows files, not what is in them.
 */
import { UserError, UsageError, type RowProblem } from '../errors.js';
import { headerIndex, IGNORE, mapColumns, squashHeader, type ColumnMapping, type HeaderSpec } from './columns.js';
import { restoreFormulaText } from './csvInput.js';
import { fitToHeader, openTableSource, readSourceRecords, type SourceOptions, type TableSource } from './tableSource.js';

export interface TableSpec<F extends string> extends HeaderSpec<F> {
  /** What the file is, in messages: "roster", "session log". */
  what: string;
  /** How a file with a header and no rows is described: "nobody in it". */
  empty: string;
  /** Fields a file must have one of (a column), with the header names to suggest. */
  required: { fields: readonly F[]; hint: string };
  /** The caller reads the columns it does not name (a survey's questions): no warning that they are ignored. */
  readsUnknownColumns?: boolean;
}

/** A table whose records the caller reads: `read` turns one record's cells into a row, or refuses it. */
export interface RecordSpec<F extends string, R> extends TableSpec<F> {
  read(cells: string[], line: number, mapping: ColumnMapping<F>): { row: R | null; problems: readonly RowProblem[]; warnings?: readonly RowProblem[] };
  /** A last check once every record is read (a column only the whole file can miss); throws a UserError. */
  complete?(table: Table<F>): void;
}

export interface TableReadOptions<F extends string> extends SourceOptions {
  /** `--map` pairs: file header -> field (or ignore); a third part names another option that gave the pair, for its messages. */
  maps?: ReadonlyArray<HeaderMap<F>>;
  /** `--map-value` rules: a field's value replaced before it is read. */
  valueMaps?: ReadonlyArray<ValueMap<F>>;
  /** `--header-row N`: the headers are on physical line N; the lines above are skipped. */
  headerRow?: number;
}

/** A header read as a field: `--map "Header=field"`, or another option's pair, as written (`--characteristic "Header=name"`). */
export type HeaderMap<F extends string> = readonly [header: string, target: F | typeof IGNORE, option?: string];

/** `--map-value "band:Non AfC=VSM"`: in the band column, a cell reading "non afc" (any case) reads as VSM. */
export interface ValueMap<F extends string> {
  field: F;
  from: string;
  to: string;
}

export interface Table<F extends string> {
  source: TableSource;
  headers: string[];
  mapping: ColumnMapping<F>;
  problems: RowProblem[];
  warnings: RowProblem[];
}

export type RowHandler<F extends string> = (cells: string[], line: number, table: Table<F>) => void;

/** Without --header-row, the header row is looked for in the first lines only. */
export const HEADER_SEARCH_LINES = 10;

/** Reads every record; `onRow` gets each row that has the header's shape. */
export async function readTable<F extends string>(path: string, spec: TableSpec<F>, options: TableReadOptions<F>, onRow: RowHandler<F>): Promise<Table<F>> {
  const source = await openTableSource(path, options);
  const maps = options.maps ?? [];
  const mapped = new Map(maps.map(([header, target]) => [squashHeader(header), target]));
  const index = headerIndex(spec);
  const namesRequired = (cells: string[]): boolean =>
    cells.some((cell) => {
      const key = squashHeader(cell);
      const target = mapped.get(key) ?? index.get(key);
      return target !== undefined && target !== IGNORE && spec.required.fields.includes(target);
    });
  let table: Table<F> | null = null;
  let rows = 0;
  /** Value maps by column index, built once the headers are known. */
  let valueMaps: Array<[number, Map<string, string>]> = [];
  /** Lines read while looking for the header row (none with --header-row). */
  const before: Array<{ line: number; cells: string[] }> = [];
  let looking = options.headerRow === undefined;

  const start = (record: { line: number; cells: string[] }, skipped: number): Table<F> => {
    const headers = (source.kind === 'xlsx' ? fitToHeader(record.cells, 0) : record.cells).map((cell) => cell.trim());
    const mapping = mapHeaderRow(source, headers, spec, maps);
    const started: Table<F> = { source, headers, mapping, problems: [], warnings: [] };
    valueMaps = valueMapsByColumn(source, mapping, options.valueMaps ?? []);
    if (skipped > 0) {
      const lines = record.line === 2 ? 'line 1' : `lines 1-${record.line - 1}`;
      started.warnings.push({ line: record.line, column: null, value: null, message: `headers found on line ${record.line}; ${lines} skipped` });
    }
    if (mapping.unknown.length > 0 && spec.readsUnknownColumns !== true) {
      started.warnings.push({
        line: record.line,
        column: null,
        value: null,
        message: `ignored ${mapping.unknown.length === 1 ? 'a column' : `${mapping.unknown.length} columns`} remedi does not use: ${mapping.unknown.join(', ')} (map one with --map "Header=field" if it matters)`,
      });
    }
    return started;
  };

  for await (const piece of readSourceRecords(source, options.onBytes)) {
    for (const raw of piece) {
      // A sheet's rows end at their last filled cell: a data row is fitted to the header's width.
      const cells: string[] = source.kind === 'xlsx' && table !== null ? fitToHeader(raw.cells, table.headers.length) : raw.cells;
      // In place: the records are the reader's new arrays, and a copy of each was a large file's garbage.
      for (let i = 0; i < cells.length; i += 1) cells[i] = restoreFormulaText(cells[i]);
      const record = { line: raw.line, cells };
      if (table === null) {
        if (options.headerRow !== undefined) {
          if (record.line >= options.headerRow) table = start(record, record.line - 1);
          continue;
        }
        if (looking && !namesRequired(record.cells)) {
          before.push(record);
          // Not found in the first lines: line 1 is the header, and its refusal says what to do.
          if (record.line >= HEADER_SEARCH_LINES) table = start(before[0], 0);
          continue;
        }
        looking = false;
        table = start(record, before.length);
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
      for (const [column, map] of valueMaps) {
        const replacement = map.get(record.cells[column].trim().toLowerCase());
        if (replacement !== undefined) record.cells[column] = replacement;
      }
      onRow(record.cells, record.line, table);
    }
  }

  if (table === null && before.length > 0) table = start(before[0], 0);
  if (table === null) {
    if (options.headerRow !== undefined) {
      throw new UsageError(`${source.name} has no line ${options.headerRow} to read the headers from.`, {
        fix: 'Give --header-row the line the column names are on.',
      });
    }
    throw new UserError(`${source.name} has no rows, only blank lines.`, { fix: `Export the ${spec.what} again with its header row.` });
  }
  if (rows === 0) {
    throw new UserError(`${source.name} has a header row but ${spec.empty}.`, { fix: `Export the ${spec.what} again with its rows.` });
  }
  return table;
}

export interface RecordReadOptions<F extends string> extends TableReadOptions<F> {
  /**
   * Sees each record's cells before they are read. 'skip' drops the record without a
   * trace (no row, no problem, no warning); it may blank a cell that must not be read.
   */
  screen?: (cells: string[], table: Table<F>) => 'read' | 'skip';
}

/** Reads a file's records as `spec` says: each good row goes to `onRow` as it is read, every problem is collected. */
export async function streamRecords<F extends string, R>(
  path: string,
  spec: RecordSpec<F, R>,
  options: RecordReadOptions<F>,
  onRow: (row: R, table: Table<F>) => void,
): Promise<Table<F>> {
  const table = await readTable(path, spec, options, recordReader(spec, options.screen, onRow));
  spec.complete?.(table);
  return table;
}

/**
 * How streamRecords reads each record readTable gives it: screened, read by `spec`, its problems
 * and warnings collected, a good row given to `onRow`. For records split elsewhere (a reading
 * worker's, io/tableWorker.ts) to be read exactly so; `spec.complete` is then the caller's to call.
 */
export function recordReader<F extends string, R>(
  spec: RecordSpec<F, R>,
  screen: RecordReadOptions<F>['screen'],
  onRow: (row: R, table: Table<F>) => void,
): RowHandler<F> {
  return (cells, line, table) => {
    if (screen && screen(cells, table) === 'skip') return;
    const result = spec.read(cells, line, table.mapping);
    for (const problem of result.problems) table.problems.push(problem);
    if (result.warnings) for (const warning of result.warnings) table.warnings.push(warning);
    if (result.row !== null) onRow(result.row, table);
  };
}

export interface RecordTable<F extends string, R> extends Table<F> {
  rows: R[];
}

/** Reads and checks a whole file, its rows held in memory (a session log, an enrolment list). */
export async function readRecords<F extends string, R>(path: string, spec: RecordSpec<F, R>, options: RecordReadOptions<F> = {}): Promise<RecordTable<F, R>> {
  const rows: R[] = [];
  const table = await streamRecords(path, spec, options, (row) => rows.push(row));
  return { ...table, rows };
}

/** `column D (Pay Band)` for a field, or a note that the file has no such column. */
export function fieldColumn<F extends string>(table: Table<F>, field: F): string {
  const index = table.mapping.indexOf[field];
  return index === undefined ? `(no ${field} column)` : table.mapping.labels[index];
}

/** Each `--map-value` rule on its column: compiled once, so a million rows cost a lookup each. */
function valueMapsByColumn<F extends string>(
  source: TableSource,
  mapping: ColumnMapping<F>,
  rules: ReadonlyArray<ValueMap<F>>,
): Array<[number, Map<string, string>]> {
  const byColumn = new Map<number, Map<string, string>>();
  for (const rule of rules) {
    const column = mapping.indexOf[rule.field];
    if (column === undefined) {
      throw new UsageError(`--map-value "${rule.field}:${rule.from}=${rule.to}" names ${rule.field}, but ${source.name} has no ${rule.field} column.`, {
        fix: `Name the column with --map "Your Header=${rule.field}", or leave this --map-value out.`,
      });
    }
    if (!byColumn.has(column)) byColumn.set(column, new Map());
    byColumn.get(column)!.set(rule.from.trim().toLowerCase(), rule.to);
  }
  return [...byColumn];
}

function mapHeaderRow<F extends string>(source: TableSource, headers: string[], spec: TableSpec<F>, maps: ReadonlyArray<HeaderMap<F>>): ColumnMapping<F> {
  const squashedHeaders = new Set(headers.map(squashHeader));
  for (const [header, , option] of maps) {
    if (!squashedHeaders.has(squashHeader(header))) {
      throw new UsageError(`${option ?? '--map'} names a column "${header}" that ${source.name} does not have.`, {
        fix: `Its columns are: ${headers.filter((h) => h !== '').join(', ')}.`,
      });
    }
  }
  const mapping = mapColumns(headers, spec, new Map(maps.map(([header, target]) => [squashHeader(header), target])));
  if (mapping.problems.length > 0) {
    throw new UserError(`${source.name} was not imported: ${mapping.problems.map((p) => p.message).join('; ')}.`, {
      fix: 'Nothing was written. Remove or map the extra column and import again.',
    });
  }
  if (!spec.required.fields.some((field) => mapping.indexOf[field] !== undefined)) {
    throw new UserError(`${source.name} has no ${spec.required.hint} column.`, {
      fix: `Nothing was written. Name the column with --map "Your Header=${spec.required.fields[0]}"; if the column names are not on line 1, give their line with --header-row N.`,
    });
  }
  return mapping;
}

/** Reads `--map "CSV header=field"` options; a malformed one is a usage error. */
export function parseMapOption<F extends string>(pairs: readonly string[], fields: readonly F[]): Array<[string, F | typeof IGNORE]> {
  return pairs.map((pair) => {
    const at = pair.lastIndexOf('=');
    const header = pair.slice(0, at).trim();
    const target = pair
      .slice(at + 1)
      .trim()
      .toLowerCase();
    if (at < 0 || header === '' || !(target === IGNORE || (fields as readonly string[]).includes(target))) {
      throw new UsageError(`--map "${pair}" is not "CSV header=field".`, {
        fix: `For example --map "Your Header=${fields[0]}". Fields: ${fields.join(', ')}, or ignore.`,
      });
    }
    return [header, target as F | typeof IGNORE];
  });
}

/**
 * Reads `--map-value "field:value=replacement"` options (e.g. "band:Non AfC=VSM"); the value
 * matches a whole cell, ignoring case and surrounding spaces. A malformed one is a usage error.
 */
export function parseValueMapOption<F extends string>(rules: readonly string[], fields: readonly F[]): Array<ValueMap<F>> {
  return rules.map((rule) => {
    const colon = rule.indexOf(':');
    const equals = rule.indexOf('=', colon + 1);
    const field = rule.slice(0, Math.max(colon, 0)).trim().toLowerCase();
    const from = rule.slice(colon + 1, equals).trim();
    if (colon < 0 || equals < 0 || from === '' || !(fields as readonly string[]).includes(field)) {
      throw new UsageError(`--map-value "${rule}" is not "field:value=replacement".`, {
        fix: `For example --map-value "band:Non AfC=VSM". Fields: ${fields.join(', ')}.`,
      });
    }
    return { field: field as F, from, to: rule.slice(equals + 1).trim() };
  });
}
