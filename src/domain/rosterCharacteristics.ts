/**
 * The roster's columns of protected characteristics (docs/characteristics.md, "Importing"): an
 * enabled characteristic's column is read, found by its name, ESR's headers or
 * `--characteristic "Header=name"`; a column of one of remedi's that is not enabled is
 * recognised only so the import can say it did not read it. A file read with none enabled
 * reads each record exactly as before (rosterFile): nothing is added to a row.
 */
import type { RowProblem } from '../errors.js';
import {
  BUILT_IN_CHARACTERISTICS,
  CHARACTERISTIC_HEADERS,
  characteristicExpected,
  isBuiltIn,
  readCharacteristic,
  type CharacteristicValue,
} from './characteristics.js';
import type { FieldColumns, FileHeaders, RecordResult } from './inputFile.js';
import { ROSTER_FIELDS, ROSTER_HEADERS, type RosterField } from './rosterColumns.js';
import type { RosterRow } from './rosterRows.js';

/** A characteristic's column among the roster's fields: its own key, so a trust's name never meets a roster field's. */
export type CharacteristicColumn = `${string} (characteristic)`;
export type RosterColumn = RosterField | CharacteristicColumn;

export const characteristicColumn = (name: string): CharacteristicColumn => `${name} (characteristic)`;

const squash = (header: string): string => header.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * The roster's headers with the characteristics' columns: every one of remedi's (enabled or
 * not, so a column of one not enabled is told apart from a column remedi does not use) and
 * each enabled one of the trust's own, under its name. A header a roster field already has
 * stays the roster field's.
 */
export function rosterHeadersWith(enabled: readonly string[]): FileHeaders<RosterColumn> {
  const taken = new Set<string>();
  for (const field of ROSTER_FIELDS) for (const header of [field, ...ROSTER_HEADERS.aliases[field]]) taken.add(squash(header));
  const names = [...BUILT_IN_CHARACTERISTICS, ...enabled.filter((name) => !isBuiltIn(name))];
  const aliases: Record<string, readonly string[]> = { ...ROSTER_HEADERS.aliases };
  for (const name of names) {
    const headers = [name, ...(isBuiltIn(name) ? CHARACTERISTIC_HEADERS[name] : [])];
    aliases[characteristicColumn(name)] = headers.filter((header) => !taken.has(squash(header)));
  }
  return {
    fields: [...ROSTER_FIELDS, ...names.map(characteristicColumn)],
    aliases: aliases as Record<RosterColumn, readonly string[]>,
    hierarchy: ROSTER_HEADERS.hierarchy,
  };
}

/** The characteristics a file's columns hold, and where: read (enabled) or not read (one of remedi's, not enabled). */
export function characteristicColumnsOf(
  columns: FieldColumns<RosterColumn>,
  enabled: readonly string[],
): { read: Array<{ name: string; index: number }>; notRead: Array<{ name: string; column: string }> } {
  const read: Array<{ name: string; index: number }> = [];
  const notRead: Array<{ name: string; column: string }> = [];
  for (const name of new Set([...BUILT_IN_CHARACTERISTICS, ...enabled])) {
    const index = columns.indexOf[characteristicColumn(name)];
    if (index === undefined) continue;
    if (enabled.includes(name)) read.push({ name, index });
    else notRead.push({ name, column: columns.labels[index] });
  }
  return { read, notRead };
}

/** Distinct cell texts remembered per characteristic: a column holds a handful. */
const REMEMBERED = 4096;

/**
 * Reads the enabled characteristics' cells of a record the roster's own reader has read
 * (`result`): each value into the row, each cell that is no answer of its characteristic a
 * problem (file, line, column, value, what it may say), which refuses the row.
 * `maxLength`: a longer cell was refused already, as over-long.
 */
export function characteristicReader(
  enabled: readonly string[],
  maxLength: number,
): (result: RecordResult<RosterRow>, cells: readonly string[], line: number, columns: FieldColumns<RosterColumn>) => RecordResult<RosterRow> {
  const layouts = new WeakMap<FieldColumns<RosterColumn>, Array<{ name: string; index: number; known: Map<string, CharacteristicValue | null> }>>();
  return (result, cells, line, columns) => {
    let layout = layouts.get(columns);
    if (layout === undefined) {
      layout = characteristicColumnsOf(columns, enabled).read.map(({ name, index }) => ({ name, index, known: new Map() }));
      layouts.set(columns, layout);
    }
    if (layout.length === 0) return result;
    const values: Array<readonly [string, CharacteristicValue]> = [];
    const problems: RowProblem[] = [];
    for (const { name, index, known } of layout) {
      const raw = cells[index] ?? '';
      if (raw.length > maxLength) continue;
      let value = known.get(raw);
      if (value === undefined) {
        value = readCharacteristic(name, raw);
        if (known.size < REMEMBERED) known.set(raw, value);
      }
      if (value === null)
        problems.push({ line, column: columns.labels[index], value: raw, message: `not a value of ${name}; expected ${characteristicExpected(name)}` });
      else values.push([name, value]);
    }
    if (problems.length > 0) return { row: null, problems: [...result.problems, ...problems], warnings: result.warnings };
    // The row is the reader's own, made for this record: given its values in place (no copy a row).
    if (result.row !== null) result.row.characteristics = values;
    return result;
  };
}
