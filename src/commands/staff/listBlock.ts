/**
 * One block of `staff list --json`/`--csv` of a whole roster, as both threads of a large list
 * format it (listSplit.ts on the main thread, listWorker.ts on the second), and the one-thread
 * list (list.ts): the people through the list's own writer, and what the summary needs of them.
 * SQLite writes each person's text from their template (ui/staffOutput.ts personJsonTemplate
 * and personCsvTemplate), remedi what only it can (the classification).
 */
import type { Db } from '../../store/db.js';
import {
  characteristicsFrom,
  classifiedFactsOf,
  raceTrainingOf,
  staffTextBlocks,
  staffTextRowOf,
  staffTextRows,
  type StaffTextRow,
} from '../../store/staff.js';
import { personCsvTemplate, personJsonTemplate, staffCsvTextWriter, staffJsonTextWriter, type ListPart, type ListWriter } from '../../ui/staffOutput.js';

/** What the second thread is given: the database, the format, the block sizes, and the shared count of its blocks written. */
export interface WorkerSetup extends ListFormat {
  path: string;
  /** People in each of its blocks. */
  block: number;
  /** People in each of the main thread's blocks, which come before each of its own. */
  skip: number;
  /** How many of its blocks the second thread may have sent and not yet seen written. */
  ahead: number;
  /** One Int32: how many of the second thread's blocks the main thread has written. */
  written: SharedArrayBuffer;
}

/** How the list is written: JSON or CSV, a cohort's or everyone's, with the enabled characteristics (names, in order; none: no characteristics). */
export interface ListFormat {
  csv: boolean;
  cohort: boolean;
  characteristics: readonly string[];
}

/** A block formatted by the second thread: its text, and its people counted. */
export interface WorkerBlock {
  /**
   * The writer's own batches as UTF-8, encoded on the second thread and moved, not copied, to the
   * main thread, which writes them as they are: no text of the whole block is made on either.
   */
  bytes: Uint8Array[];
  count: number;
  left: number;
  /** The staff id of its last person (null for an empty block). */
  last: string | null;
}

/** Counts of the people written. */
export interface ListTally {
  count: number;
  left: number;
}

/** A list's writer for its format, with what reads its rows (each person's template text, as the store reads it). */
export interface FormatWriter {
  writer: ListWriter<StaffTextRow>;
  /** The rows of everyone by staff id (or of the cohort), for the one-thread list. */
  rows(db: Db, cohort?: number): Iterable<StaffTextRow>;
  /** Blocks of everyone by staff id, for the two threads (call inside a read transaction). */
  blocks(db: Db): (after: string | null, skip: number, limit: number) => Iterable<StaffTextRow>;
  /** Counts one row written into `tally`; returns its staff id. */
  count(row: StaffTextRow, tally: ListTally): string;
}

/** The writer of `format` into `out`, with what reads its rows: the text of each person's template, written by SQLite (store/staff.ts staffTextRows). */
export function listWriter(format: ListFormat, out: (text: string) => void, { part = 'whole' }: ListPart = {}): FormatWriter {
  const shown = { cohort: format.cohort, enabled: format.characteristics.map((name) => ({ name })) };
  const options = { ...shown, factsOf: classifiedFactsOf, raceTrainingOf, storedOf: characteristicsFrom, part };
  // The CSV is read plain and written by the CSV's rules here (io/csvOutput.ts csvOfPlainCells):
  // SQLite's quote and formula checks were most of its work a line. A line with a cell holding the
  // plain separator is read again with SQLite writing each cell by the rules.
  const template = format.csv ? personCsvTemplate({ ...shown, plain: true }) : personJsonTemplate(shown);
  const missing = (staffId: string): never => {
    throw new Error(`staff list: ${staffId}, read plain, was not there to read again`);
  };
  let fullRowOf: (staffId: string) => StaffTextRow = missing;
  // In the same read transaction as the plain rows (a statement still reading holds it), so the same snapshot.
  const readsFrom = (db: Db, cohort?: number) => {
    const one = staffTextRowOf(db, personCsvTemplate(shown), cohort);
    fullRowOf = (staffId) => one(staffId) ?? missing(staffId);
  };
  return {
    writer: format.csv ? staffCsvTextWriter(out, { ...options, fullRowOf: (staffId) => fullRowOf(staffId) }) : staffJsonTextWriter(out, options),
    rows: (db, cohort) => {
      if (format.csv) readsFrom(db, cohort);
      return staffTextRows(db, template, cohort);
    },
    blocks: (db) => {
      if (format.csv) readsFrom(db);
      return staffTextBlocks(db, template);
    },
    // The store puts the staff id and active after the template's text.
    count: (row, tally) => {
      if (row[row.length - 1] !== 1) tally.left += 1;
      return row[row.length - 2] as string;
    },
  };
}

/** Each row of `rows` through the format's writer, counted into `tally`; returns how many and the last staff id. */
export function writeBlock(rows: Iterable<StaffTextRow>, format: FormatWriter, tally: ListTally): { count: number; last: string | null } {
  let count = 0;
  let last: string | null = null;
  for (const row of rows) {
    format.writer.add(row);
    last = format.count(row, tally);
    count += 1;
  }
  tally.count += count;
  return { count, last };
}
