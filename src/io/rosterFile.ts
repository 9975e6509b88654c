/**
 * Reads a roster file row by row (see tableFile.ts): each good row goes to the caller
 * as it is read, every problem is collected, and nothing is held but what the caller keeps.
 */
import { columnLabel } from '../domain/columns.js';
import { ROSTER_HEADER_INDEX, ROSTER_HIERARCHY, type RosterField } from '../domain/rosterColumns.js';
import { parseRosterRecord, type RosterRow } from '../domain/rosterRows.js';
import { readTable, type Table, type TableReadOptions } from './tableFile.js';

export type RosterTable = Table<RosterField>;

export interface RosterReadOptions extends TableReadOptions<RosterField> {
  /**
   * Sees each record's cells before they are read. 'skip' drops the record without a
   * trace (no row, no problem, no warning); it may blank a cell that must not be read.
   */
  screen?: (cells: string[], table: RosterTable) => 'read' | 'skip';
}

export async function streamRosterFile(path: string, options: RosterReadOptions, onRow: (row: RosterRow, table: RosterTable) => void): Promise<RosterTable> {
  const { screen } = options;
  const serialsWarned = new Set<RosterField>();
  return readTable(
    path,
    {
      what: 'roster',
      empty: 'nobody in it',
      index: ROSTER_HEADER_INDEX,
      required: { fields: ['staff_id'], hint: 'staff id (looked for headers like staff_id or Employee Number)' },
      hierarchy: ROSTER_HIERARCHY,
    },
    options,
    (cells, line, table) => {
      if (screen && screen(cells, table) === 'skip') return;
      const result = parseRosterRecord(cells, line, table.headers, table.mapping, serialsWarned);
      for (const problem of result.problems) table.problems.push(problem);
      for (const warning of result.warnings) table.warnings.push(warning);
      if (result.row) onRow(result.row, table);
    },
  );
}

/** `column D (Pay Band)` for a field, or a note that the file has no such column. */
export function fieldColumn(table: RosterTable, field: RosterField): string | null {
  const index = table.mapping.indexOf[field];
  return index === undefined ? `(no ${field} column)` : columnLabel(index, table.headers[index]);
}
