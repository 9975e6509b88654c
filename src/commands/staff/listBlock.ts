/**
 * One block of `staff list --json`/`--csv` of a whole roster, as both threads of a large list
 * format it (listSplit.ts on the main thread, listWorker.ts on the second): the people of the
 * block through the list's own writer, and what the summary needs of them.
 */
import { staffJsonOfList, withCharacteristics, type ListWriter, type PersonWithRole, type StaffJson } from '../../ui/staffOutput.js';

/** What the second thread is given: the database, the format, the block sizes, and the shared count of its blocks written. */
export interface WorkerSetup {
  path: string;
  csv: boolean;
  /** The enabled characteristics, in order (none: the list has no characteristics). */
  characteristics: string[];
  /** People in each of its blocks. */
  block: number;
  /** People in each of the main thread's blocks, which come before each of its own. */
  skip: number;
  /** How many of its blocks the second thread may have sent and not yet seen written. */
  ahead: number;
  /** One Int32: how many of the second thread's blocks the main thread has written. */
  written: SharedArrayBuffer;
}

/** A block formatted by the second thread: its text, and its people counted. */
export interface WorkerBlock {
  /** In the writer's own batches: no text of the whole block is made, here or on the main thread. */
  texts: string[];
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

/** One memory of classifications for every block this thread writes. */
const jsonOfThisThread = staffJsonOfList();

/**
 * Each person of `people` through `writer`, counted into `tally`; returns how many and the last
 * staff id. `characteristics`: the enabled ones, whose values the people were read with.
 */
export function writeBlock(
  people: Iterable<PersonWithRole>,
  writer: ListWriter<StaffJson>,
  tally: ListTally,
  characteristics: readonly { name: string }[] = [],
): { count: number; last: string | null } {
  let count = 0;
  let last: string | null = null;
  for (const person of people) {
    const json =
      characteristics.length === 0 ? jsonOfThisThread(person) : withCharacteristics(jsonOfThisThread(person), characteristics, person.characteristics);
    writer.add(json);
    count += 1;
    if (!json.active) tally.left += 1;
    last = person.staffId;
  }
  tally.count += count;
  return { count, last };
}
