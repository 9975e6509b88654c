/**
 * The second thread of `report chase` over a large cohort (chaseSplit.ts): the chase list of the
 * relationships from the cut on, from its own read-only connection in one read transaction,
 * posted back whole (a part is a few thousand entries).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openReadOnly } from '../../store/readOnlyOpen.js';
import { chasePart } from './chasePart.js';
import type { ChaseWorkerSetup } from './chaseSplit.js';

const setup = workerData as ChaseWorkerSetup;
const db = openReadOnly(setup.path);
try {
  db.exec('BEGIN');
  const part = chasePart(db, setup.cohort, setup.asOf, new Set(setup.needsReplacement), setup.ids);
  db.exec('COMMIT');
  parentPort!.postMessage(part);
} finally {
  db.close();
}
