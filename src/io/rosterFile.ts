/**
 * Reads and validates a whole roster file, writing nothing: every row is checked
 * and every problem collected, so the administrator fixes them all in one go.
 */
import { columnLabel } from '../domain/columns.js';
import { ROSTER_FIELDS, ROSTER_HEADER_INDEX, type ColumnMapping, type RosterField } from '../domain/rosterColumns.js';
import { parseRosterRecord, type RosterRow } from '../domain/rosterRows.js';
import { readTable, type Table, type TableReadOptions } from './tableFile.js';

export interface RosterFile extends Table<RosterField> {
  mapping: ColumnMapping;
  rows: RosterRow[];
}

export { ROSTER_FIELDS };

export async function readRosterFile(path: string, options: TableReadOptions<RosterField> = {}): Promise<RosterFile> {
  const rows: RosterRow[] = [];
  const table = await readTable(
    path,
    { what: 'roster', empty: 'nobody in it', index: ROSTER_HEADER_INDEX, required: { fields: ['staff_id'], hint: 'staff id (looked for headers like staff_id or Employee Number)' } },
    options,
    (cells, line, { headers, mapping, problems, warnings }) => {
      const result = parseRosterRecord(cells, line, headers, mapping);
      problems.push(...result.problems);
      warnings.push(...result.warnings);
      if (result.row) rows.push(result.row);
    },
  );
  return { ...table, rows };
}

/** `column D (Pay Band)` for a field, or a note that the file has no such column. */
export function fieldColumn(file: RosterFile, field: RosterField): string | null {
  const index = file.mapping.indexOf[field];
  return index === undefined ? `(no ${field} column)` : columnLabel(index, file.headers[index]);
}
