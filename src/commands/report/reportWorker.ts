/**
 * The second thread of the report of a large cohort (reportSplit.ts): the counts of the cohort's
 * sessions (kinds, levels, lived experience, themes), from its own read-only connection in one
 * read transaction, posted back whole (a few dozen numbers).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openReadOnly } from '../../store/readOnlyOpen.js';
import { cohortSessionCounts } from '../../store/reportData.js';
import type { ReportWorkerSetup } from './reportSplit.js';

const setup = workerData as ReportWorkerSetup;
const db = openReadOnly(setup.path);
try {
  parentPort!.postMessage(cohortSessionCounts(db, setup.cohort, setup.asOf));
} finally {
  db.close();
}
