/**
 * The report of a large cohort on two threads: reading its sessions is most of the work, and
 * what the report needs of them comes in two halves (store/reportData.ts): each relationship's
 * dates, and counts of the other columns with the themes. A worker (reportWorker.ts) reads the
 * counts on its own connection, from the same snapshot (shared/workerPart.ts), while this thread
 * reads the dates and everything else. The report is exactly the one-thread report.
 */
import type { IsoDate } from '../../domain/dates.js';
import type { Db } from '../../store/db.js';
import { cohortSessionCounts, type SessionCounts } from '../../store/reportData.js';
import { withWorkerPart, workerBuilt, type WorkerPartHooks } from '../shared/workerPart.js';

/** What the worker is given. */
export interface ReportWorkerSetup {
  path: string;
  cohort: number;
  asOf: IsoDate;
}

const WORKER = new URL('./reportWorker.js', import.meta.url);
export const reportWorkerBuilt = (): boolean => workerBuilt(WORKER);

/** `mine` (this thread's reads) and the cohort's session counts read on the worker, from one snapshot. */
export async function withCountsOnAWorker<Mine>(
  db: Db,
  {
    cohort,
    asOf,
    worker: url = WORKER,
    ...hooks
  }: { cohort: number; asOf: IsoDate; /** For the tests: the worker's module. */ worker?: URL } & WorkerPartHooks,
  mine: () => Mine,
): Promise<{ mine: Mine; counts: SessionCounts }> {
  const setup: ReportWorkerSetup = { path: db.name, cohort, asOf };
  const parts = await withWorkerPart(db, { url, setup, mine, theirsHere: () => cohortSessionCounts(db, cohort, asOf), ...hooks });
  return { mine: parts.mine, counts: parts.theirs };
}
