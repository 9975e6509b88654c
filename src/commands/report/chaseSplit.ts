/**
 * `report chase` of a large cohort on two threads: reading each relationship's sessions, deciding
 * on it and reading the names of those listed is the whole of the work, it splits by relationship
 * id, and the machine has a second core. This thread does the ids before the cut, a worker
 * (chaseWorker.ts) those from it on, from its own connection and the same snapshot
 * (shared/workerPart.ts); the two lists are put together in the chase list's order. The output is
 * exactly the one-thread list's.
 */
import type { IsoDate } from '../../domain/dates.js';
import type { Db } from '../../store/db.js';
import type { IdRange } from '../../store/reportData.js';
import { withWorkerPart, workerBuilt, type WorkerPartHooks } from '../shared/workerPart.js';
import { chasePart, joinChaseParts, type ChasePart } from './chasePart.js';

/** What the worker is given. */
export interface ChaseWorkerSetup {
  path: string;
  cohort: { number: number; minMonths: number; minPerMonth: number };
  asOf: IsoDate;
  needsReplacement: number[];
  ids: IdRange;
}

const WORKER = new URL('./chaseWorker.js', import.meta.url);
export const chaseWorkerBuilt = (): boolean => workerBuilt(WORKER);

export async function chaseOnTwoThreads(
  db: Db,
  {
    cohort,
    asOf,
    needsReplacement,
    cut,
    worker: url = WORKER,
    ...hooks
  }: {
    cohort: ChaseWorkerSetup['cohort'];
    asOf: IsoDate;
    needsReplacement: ReadonlySet<number>;
    /** The first relationship id of the worker's part. */
    cut: number;
    /** For the tests: the worker's module. */
    worker?: URL;
  } & WorkerPartHooks,
): Promise<ChasePart> {
  const theirs: IdRange = { from: cut, to: Number.MAX_SAFE_INTEGER };
  const setup: ChaseWorkerSetup = { path: db.name, cohort, asOf, needsReplacement: [...needsReplacement], ids: theirs };
  const parts = await withWorkerPart(db, {
    url,
    setup,
    mine: () => chasePart(db, cohort, asOf, needsReplacement, { from: 0, to: cut - 1 }),
    theirsHere: () => chasePart(db, cohort, asOf, needsReplacement, theirs),
    ...hooks,
  });
  return joinChaseParts(parts.mine, parts.theirs);
}
