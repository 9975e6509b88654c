/**
 * One block of `staff list --json`/`--csv` of a whole roster, as both threads of a large list
 * format it (listSplit.ts on the main thread, listWorker.ts on the second), and the one-thread
 * list (list.ts): the people through the list's own writer, and what the summary needs of them.
 * The JSON is written by SQLite from the person's template (ui/staffOutput.ts
 * personJsonTemplate), the CSV from the people as records.
 */
import type { Db } from '../../store/db.js';
import {
  characteristicsFrom,
  classifiedFactsOf,
  eachListedStaff,
  staffListBlocks,
  staffTextBlocks,
  staffTextRows,
  type StaffTextRow,
} from '../../store/staff.js';
import {
  personJsonTemplate,
  staffCsvWriter,
  staffJsonOfList,
  staffJsonTextWriter,
  withCharacteristics,
  type ListPart,
  type ListWriter,
  type PersonWithRole,
} from '../../ui/staffOutput.js';

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

/** A list's writer for its format: what each of its rows is (a person, or a row of the JSON's text) stays between the writer and its reader. */
export interface FormatWriter {
  writer: ListWriter<never>;
  /** The rows of everyone by staff id (or of the cohort), for the one-thread list. */
  rows(db: Db, cohort?: number): Iterable<never>;
  /** Blocks of everyone by staff id, for the two threads (call inside a read transaction). */
  blocks(db: Db): (after: string | null, skip: number, limit: number) => Iterable<never>;
  /** Counts one row written into `tally`; returns its staff id. */
  count(row: never, tally: ListTally): string;
}

/** The writer of `format` into `out`, with what reads its rows. */
export function listWriter(format: ListFormat, out: (text: string) => void, { part = 'whole' }: ListPart = {}): FormatWriter {
  const enabled = format.characteristics.map((name) => ({ name }));
  if (!format.csv) {
    const template = personJsonTemplate({ role: format.cohort, enabled });
    const writer = staffJsonTextWriter(out, { factsOf: classifiedFactsOf, storedOf: characteristicsFrom, enabled, role: format.cohort, part });
    return asFormatWriter<StaffTextRow>({
      writer,
      rows: (db, cohort) => staffTextRows(db, template, cohort),
      blocks: (db) => staffTextBlocks(db, template),
      // The store puts the staff id and active after the template's text.
      count: (row, tally) => {
        if (row[row.length - 1] !== 1) tally.left += 1;
        return row[row.length - 2] as string;
      },
    });
  }
  const csv = staffCsvWriter(out, { cohort: format.cohort, characteristics: format.characteristics, part });
  const withValues = enabled.length > 0;
  const json = staffJsonOfList();
  return asFormatWriter<PersonWithRole>({
    writer: {
      add: (person) => csv.add(withValues ? withCharacteristics(json(person), enabled, person.characteristics) : json(person)),
      flush: () => csv.flush(),
      end: () => csv.end(),
    },
    rows: (db, cohort) => eachListedStaff(db, cohort, { characteristics: withValues }),
    blocks: (db) => staffListBlocks(db, { characteristics: withValues }),
    count: (person, tally) => {
      if (!person.active) tally.left += 1;
      return person.staffId;
    },
  });
}

const asFormatWriter = <Row>(typed: {
  writer: ListWriter<Row>;
  rows(db: Db, cohort?: number): Iterable<Row>;
  blocks(db: Db): (after: string | null, skip: number, limit: number) => Iterable<Row>;
  count(row: Row, tally: ListTally): string;
}): FormatWriter => typed as unknown as FormatWriter;

/** Each row of `rows` through the format's writer, counted into `tally`; returns how many and the last staff id. */
export function writeBlock(rows: Iterable<never>, format: FormatWriter, tally: ListTally): { count: number; last: string | null } {
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
