/**
 * `report chase` of a large cohort on two threads: reading each relationship's sessions, deciding
 * on it and reading the names of those listed is the whole of the work, it splits by relationship
 * id, and the machine has a second core. This thread does the ids before the cut, a worker
 * (chaseWorker.ts) those from it on, from its own connection; the two lists are put together in
 * the chase list's order. The output is exactly the one-thread list's.
 *
 * One snapshot, as listSplit.ts does for the staff list: a witness connection started before
 * either read transaction begins is asked once the worker has finished; if anything was
 * committed meanwhile, or the worker fails, this thread reads the worker's part itself, in its
 * own snapshot.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { IsoDate } from '../../domain/dates.js';
import { changeWitness } from '../../store/changeWitness.js';
import type { Db } from '../../store/db.js';
import type { IdRange } from '../../store/reportData.js';
import { chasePart, joinChaseParts, type ChasePart } from './chasePart.js';

/** What the worker is given. */
export interface ChaseWorkerSetup {
  path: string;
  cohort: { number: number; minMonths: number; minPerMonth: number };
  asOf: IsoDate;
  needsReplacement: number[];
  ids: IdRange;
}

/** The built worker beside this module; not there when the sources run under the tests' TypeScript loader. */
const WORKER = new URL('./chaseWorker.js', import.meta.url);
export const chaseWorkerBuilt = (): boolean => WORKER.protocol === 'file:' && existsSync(fileURLToPath(WORKER));

/** The worker's part, or its failure. */
function partOf(worker: Worker): Promise<ChasePart> {
  return new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', () => reject(new Error('the chase worker stopped before sending its part')));
  });
}

export async function chaseOnTwoThreads(
  db: Db,
  {
    cohort,
    asOf,
    needsReplacement,
    cut,
    worker: url = WORKER,
    beforeCheck,
    onFallBack,
  }: {
    cohort: ChaseWorkerSetup['cohort'];
    asOf: IsoDate;
    needsReplacement: ReadonlySet<number>;
    /** The first relationship id of the worker's part. */
    cut: number;
    /** For the tests: the worker's module, what happens before the witness is asked, and why the worker's part was read here instead. */
    worker?: URL;
    beforeCheck?: () => void;
    onFallBack?: (why: Error) => void;
  },
): Promise<ChasePart> {
  const theirs: IdRange = { from: cut, to: Number.MAX_SAFE_INTEGER };
  const witness = changeWitness(db.name);
  let worker: Worker | null = null;
  // This thread's read transaction begins with its first read: after the witness began.
  db.exec('BEGIN');
  try {
    const setup: ChaseWorkerSetup = { path: db.name, cohort, asOf, needsReplacement: [...needsReplacement], ids: theirs };
    worker = new Worker(url, { workerData: setup });
    const arriving = partOf(worker);
    // Its failure is read when this thread asks for its part, not before.
    arriving.catch(() => undefined);
    const own = chasePart(db, cohort, asOf, needsReplacement, { from: 0, to: cut - 1 });
    let other: ChasePart;
    try {
      other = await arriving;
      beforeCheck?.();
      if (witness.changed()) throw new Error('the database changed between the two snapshots');
    } catch (error) {
      onFallBack?.(error as Error);
      other = chasePart(db, cohort, asOf, needsReplacement, theirs);
    }
    db.exec('COMMIT');
    return joinChaseParts(own, other);
  } finally {
    // Also when this thread's own part fails: the worker never keeps the process waiting.
    if (worker !== null) void worker.terminate();
    if (db.inTransaction) db.exec('ROLLBACK');
    witness.close();
  }
}
