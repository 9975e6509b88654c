/**
 * The second thread of `staff list --json`/`--csv` over a large roster (listSplit.ts): every
 * other block of people by staff id, from its own read-only connection in one read
 * transaction, formatted here and posted as text; never more than `ahead` blocks beyond what
 * the main thread has written, so the list is never held whole.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openReadOnly } from '../../store/readOnlyOpen.js';
import { listWriter, writeBlock, type WorkerBlock, type WorkerSetup } from './listBlock.js';

const setup = workerData as WorkerSetup;
const written = new Int32Array(setup.written);
const db = openReadOnly(setup.path);
const encoder = new TextEncoder();
try {
  db.exec('BEGIN');
  let parts: string[] = [];
  // One writer for every block: each block's text is taken from `parts` once it has ended.
  const list = listWriter(setup, (text) => void parts.push(text), { part: 'middle' });
  const blocks = list.blocks(db);
  let after: string | null = null;
  for (let sent = 0; ; sent += 1) {
    for (let done = Atomics.load(written, 0); sent - done >= setup.ahead; done = Atomics.load(written, 0)) Atomics.wait(written, 0, done);
    const tally = { count: 0, left: 0 };
    // Past the main thread's block, which comes before each of these.
    const { count, last } = writeBlock(blocks(after, setup.skip, setup.block), list, tally);
    list.writer.end();
    // TextEncoder gives each batch a buffer of its own (Buffer.from may share a pool), so each can be moved.
    const bytes = parts.map((text) => encoder.encode(text));
    parts = [];
    parentPort!.postMessage(
      { bytes, count, left: tally.left, last } satisfies WorkerBlock,
      bytes.map((b) => b.buffer),
    );
    if (count < setup.block) break;
    after = last;
  }
  db.exec('COMMIT');
} finally {
  db.close();
}
