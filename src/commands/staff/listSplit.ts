/**
 * `staff list --json`/`--csv` of a large roster on two threads: reading a million rows
 * through better-sqlite3 (making their strings) is most of listing them, and the machine
 * has a second core. The people by staff id are cut into blocks; this thread reads and
 * writes blocks 0, 2, 4..., a worker (listWorker.ts) formats blocks 1, 3, 5... from its own
 * connection and hands each back as UTF-8 bytes, written here in its place. The output is
 * byte for byte the one-thread list's.
 *
 * One snapshot: each connection's read transaction takes its own, so a write committed
 * between the two beginnings would mix two states of the table. A witness connection
 * started before either begins is asked once both have (store/changeWitness.ts); if
 * anything was committed, or the worker fails, this thread reads the rest itself, from
 * its own snapshot, after the last person written.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { changeWitness } from '../../store/changeWitness.js';
import type { Db } from '../../store/db.js';
import { writeBlock, type FormatWriter, type ListFormat, type ListTally, type WorkerBlock, type WorkerSetup } from './listBlock.js';

/** People a block: about a megabyte of JSON, so the blocks in flight stay small beside the heap. */
export const BLOCK = 2_500;
/** Blocks the worker may have formatted and not yet seen written: it keeps formatting while this thread writes. */
const AHEAD = 2;
/**
 * The worker's block beside this thread's: this thread writes the bytes of the whole list
 * (the write calls about a fifth of its time in the JSON's profile) and the worker encodes its
 * own, so the two finish together when the worker formats about 1.2 people for each one here;
 * a CSV line is more of SQLite's work and fewer bytes, so there one each (3 interleaved runs
 * of 0.9, 1.0 and 1.2 on a million people).
 */
const WORKER_SHARE = { json: 1.2, csv: 1.0 };

/** The built worker beside this module; not there when the sources run under the tests' TypeScript loader. */
const WORKER = new URL('./listWorker.js', import.meta.url);
export const workerBuilt = (): boolean => WORKER.protocol === 'file:' && existsSync(fileURLToPath(WORKER));

/** The worker's blocks as they come, one at a time, or its failure. */
function blocksOf(worker: Worker): () => Promise<WorkerBlock> {
  const arrived: WorkerBlock[] = [];
  let waiting: { resolve: (block: WorkerBlock) => void; reject: (error: Error) => void } | null = null;
  let failure: Error | null = null;
  const fail = (error: Error) => {
    failure ??= error;
    waiting?.reject(failure);
    waiting = null;
  };
  worker.on('message', (block: WorkerBlock) => {
    if (waiting === null) arrived.push(block);
    else {
      waiting.resolve(block);
      waiting = null;
    }
  });
  worker.on('error', fail);
  worker.on('exit', () => fail(new Error('the staff list worker stopped before its last block')));
  return () => {
    const block = arrived.shift();
    if (block !== undefined) return Promise.resolve(block);
    if (failure !== null) return Promise.reject(failure);
    return new Promise((resolve, reject) => (waiting = { resolve, reject }));
  };
}

/**
 * The whole staff list (no cohort) through `list`, on two threads; `out` writes the
 * worker's text between this thread's blocks. Returns the people counted.
 */
export async function listOnTwoThreads(
  db: Db,
  { format, list, out, block = BLOCK }: { format: ListFormat; list: FormatWriter; out: (data: string | Uint8Array) => void; block?: number },
): Promise<ListTally> {
  const tally: ListTally = { count: 0, left: 0 };
  const witness = changeWitness(db.name);
  const written = new SharedArrayBuffer(4);
  // The worker's share of people (WORKER_SHARE): this thread also writes every byte of both.
  const theirBlock = Math.ceil(block * WORKER_SHARE[format.csv ? 'csv' : 'json']);
  const setup: WorkerSetup = { ...format, characteristics: [...format.characteristics], path: db.name, block: theirBlock, skip: block, ahead: AHEAD, written };
  const worker = new Worker(WORKER, { workerData: setup });
  worker.unref();
  const next = blocksOf(worker);
  // Read transactions, here and in the worker, begin with their first read: both after the witness.
  db.exec('BEGIN');
  try {
    const blocks = list.blocks(db);
    let own = writeBlock(blocks(null, 0, block), list, tally);
    list.writer.flush();
    let last = own.last;
    let checked = false;
    while (own.count === block) {
      let theirs: WorkerBlock;
      try {
        theirs = await next();
        // The worker's first block was read in its transaction: has anything been committed since the witness began?
        if (!checked && witness.changed()) throw new Error('the database changed between the two snapshots');
        checked = true;
      } catch {
        // One thread, one snapshot: the rest after the last person written.
        writeBlock(blocks(last, 0, -1), list, tally);
        break;
      }
      for (const bytes of theirs.bytes) out(bytes);
      tally.count += theirs.count;
      tally.left += theirs.left;
      Atomics.add(new Int32Array(written), 0, 1);
      Atomics.notify(new Int32Array(written), 0);
      if (theirs.count < theirBlock) break;
      last = theirs.last;
      own = writeBlock(blocks(last, 0, block), list, tally);
      list.writer.flush();
      if (own.last !== null) last = own.last;
    }
    db.exec('COMMIT');
  } finally {
    if (db.inTransaction) db.exec('ROLLBACK');
    witness.close();
    void worker.terminate();
  }
  return tally;
}
