/**
 * What importRosterWorker.ts is told, and the people a first import adds as they cross from it
 * (io/tableWorker.ts): each one as the staff insert's values (store/staff.ts's staffInsertValues)
 * and their role, plain values in a fixed order, which structured clone copies far faster than
 * objects.
 */
import type { ProgrammeRole, StaffRecord } from '../../domain/staff.js';
import type { IsoDate } from '../../domain/dates.js';
import { STAFF_INSERT_ID, STAFF_INSERT_WIDTH, staffInsertValues } from '../../store/staff.js';

export interface RosterWorkerSetup {
  /** The characteristics enabled (the columns a roster file has may include theirs). */
  characteristics: string[];
  /**
   * A first import into an empty staff table (no characteristics enabled, nobody forgotten):
   * the worker reads, checks and plans every row and hands over the people to insert. Null: the
   * worker only splits the file, and each record's cells are read on the importing thread.
   */
  firstImport: { today: IsoDate; missingLeft: boolean } | null;
}

/** Each person's values in a batch: the insert's, then their role (null without one). */
const WIDTH = STAFF_INSERT_WIDTH + 1;

/** The worker's side: one person the import adds. */
export function encodeAddedPerson(person: StaffRecord, role: ProgrammeRole | null | undefined, today: IsoDate, out: unknown[]): void {
  staffInsertValues(person, today, out);
  out.push(role ?? null);
}

/**
 * The importing thread's side: for each person of a batch, where their insert values start in
 * `values`, their staff id and their role.
 */
export function eachAddedPerson(
  values: readonly unknown[],
  rows: number,
  onPerson: (values: readonly unknown[], at: number, staffId: string, role: ProgrammeRole | null) => void,
): void {
  for (let at = 0; at < rows * WIDTH; at += WIDTH) {
    onPerson(values, at, values[at + STAFF_INSERT_ID] as string, values[at + STAFF_INSERT_WIDTH] as ProgrammeRole | null);
  }
}
