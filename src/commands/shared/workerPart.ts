/**
 * Read work split between this thread and a worker with its own connection (a large cohort's
 * chase list, its report's session counts), the two parts read from one snapshot of the database.
 *
 * Two connections each take their own snapshot when their read transaction begins: a witness
 * connection started before either begins (store/changeWitness.ts) is asked once the worker has
 * finished; if anything was committed meanwhile, or the worker fails, this thread reads the
 * worker's part itself, in its own snapshot. Either way the result is the one-thread result.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Context } from '../../cli/context.js';
import { changeWitness } from '../../store/changeWitness.js';
import type { Db } from '../../store/db.js';
import { visible } from '../../ui/terminalText.js';

/** Whether a built worker module is at `url`; not so when the sources run under the tests' TypeScript loader. */
export const workerBuilt = (url: URL): boolean => url.protocol === 'file:' && existsSync(fileURLToPath(url));

/** For the tests: what happens before the witness is asked, and why the worker's part was read here instead. */
export interface WorkerPartHooks {
  beforeCheck?: () => void;
  onFallBack?: (why: Error) => void;
}

/**
 * With --debug, why a worker's part was read on this thread instead (a write committed meanwhile,
 * the worker's own failure), on stderr; without it, nothing: the result is the same either way.
 */
export function fallBackNote(context: Context, debug: boolean | undefined): WorkerPartHooks['onFallBack'] {
  return debug === true ? (why) => context.err(`The second thread's part was read on this one instead: ${visible(why.message)}\n`) : undefined;
}

/** The worker's one message, or its failure. */
function partOf<W>(worker: Worker): Promise<W> {
  return new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', () => reject(new Error('the worker stopped before sending its part')));
  });
}

/**
 * Starts the worker at `url` with `setup` (it reads `db.name` and posts its part once), runs
 * `mine` on this thread meanwhile, and gives both parts; `theirsHere` reads the worker's part
 * on this thread when it cannot be used. Both of this thread's reads are in one read transaction.
 */
export async function withWorkerPart<Mine, Theirs>(
  db: Db,
  { url, setup, mine, theirsHere, beforeCheck, onFallBack }: { url: URL; setup: unknown; mine: () => Mine; theirsHere: () => Theirs } & WorkerPartHooks,
): Promise<{ mine: Mine; theirs: Theirs }> {
  const witness = changeWitness(db.name);
  let worker: Worker | null = null;
  // This thread's read transaction begins with its first read: after the witness began.
  db.exec('BEGIN');
  try {
    worker = new Worker(url, { workerData: setup });
    const arriving = partOf<Theirs>(worker);
    // Its failure is read when this thread asks for its part, not before.
    arriving.catch(() => undefined);
    const own = mine();
    let theirs: Theirs;
    try {
      theirs = await arriving;
      beforeCheck?.();
      if (witness.changed()) throw new Error('the database changed between the two snapshots');
    } catch (error) {
      onFallBack?.(error as Error);
      theirs = theirsHere();
    }
    db.exec('COMMIT');
    return { mine: own, theirs };
  } finally {
    // Also when this thread's own part fails: the worker never keeps the process waiting.
    if (worker !== null) void worker.terminate();
    if (db.inTransaction) db.exec('ROLLBACK');
    witness.close();
  }
}
