/**
 * The second thread of `staff list --json`/`--csv` over a large roster (listSplit.ts): every
 * other block of people by staff id, from its own read-only connection in one read
 * transaction, formatted here and posted as text; never more than `ahead` blocks beyond what
 * the main thread has written, so the list is never held whole.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openReadOnly } from '../../store/readOnlyOpen.js';
import { staffListBlocks } from '../../store/staff.js';
import { staffCsvWriter, staffJsonWriter } from '../../ui/staffOutput.js';
import { writeBlock, type WorkerBlock, type WorkerSetup } from './listBlock.js';

const setup = workerData as WorkerSetup;
const written = new Int32Array(setup.written);
const db = openReadOnly(setup.path);
try {
  db.exec('BEGIN');
  const characteristics = setup.characteristics.map((name) => ({ name }));
  const blocks = staffListBlocks(db, { characteristics: characteristics.length > 0 });
  let after: string | null = null;
  for (let sent = 0; ; sent += 1) {
    for (let done = Atomics.load(written, 0); sent - done >= setup.ahead; done = Atomics.load(written, 0)) Atomics.wait(written, 0, done);
    const parts: string[] = [];
    const out = (text: string) => void parts.push(text);
    const writer = setup.csv
      ? staffCsvWriter(out, { cohort: false, characteristics: setup.characteristics, part: 'middle' })
      : staffJsonWriter(out, { part: 'middle' });
    const tally = { count: 0, left: 0 };
    // Past the main thread's block, which comes before each of these.
    const { count, last } = writeBlock(blocks(after, setup.skip, setup.block), writer, tally, characteristics);
    writer.end();
    parentPort!.postMessage({ texts: parts, count, left: tally.left, last } satisfies WorkerBlock);
    if (count < setup.block) break;
    after = last;
  }
  db.exec('COMMIT');
} finally {
  db.close();
}
