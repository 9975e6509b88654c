/**
 * Reading a table file's records on a second thread (node:worker_threads), so the thread that
 * writes them to the database does only that: the worker reads, splits and checks each record
 * (streamRecords, as in-process), and hands the rows over in batches of plain values. Any
 * importer can use it: its worker module calls serveRecords with its RecordSpec and a way to
 * flatten a row; the command calls streamRecordsInWorker with the way back.
 *
 * The worker runs at most BATCHES_AHEAD batches ahead of the thread taking them (it waits on a
 * shared counter), so a million-row file is never held. Errors keep their class, message, fix
 * and details (UserError and UsageError are what a user sees); the table (headers, mapping,
 * problems, warnings) comes back whole at the end, as streamRecords returns it.
 */
import { parentPort, Worker, workerData } from 'node:worker_threads';
import { UsageError, UserError } from '../errors.js';
import { streamRecords, type RecordReadOptions, type RecordSpec, type Table } from './tableFile.js';

/** Rows a batch holds: large enough that a message's own cost is spread thin. */
const ROWS_PER_BATCH = 1024;
/** Batches sent and not yet taken: the worker waits past this (the memory bound). */
const BATCHES_AHEAD = 8;
/** The worker's young generation (V8's default is several times more). */
const YOUNG_GENERATION_MB = 4;

/** What streamRecords is given, less its callbacks (functions do not cross threads). */
export type WorkerReadOptions<F extends string> = Omit<RecordReadOptions<F>, 'onBytes' | 'screen'>;

interface Request<F extends string> {
  path: string;
  options: WorkerReadOptions<F>;
  /** One Int32 on shared memory: batches sent and not yet taken. */
  ahead: SharedArrayBuffer;
}

interface SentError {
  kind: 'UserError' | 'UsageError' | 'Error';
  message: string;
  fix?: string;
  details?: string[];
  stack?: string;
}

type Message<F extends string> =
  | { type: 'batch'; values: unknown[]; rows: number }
  | { type: 'bytes'; read: number; size: number }
  | { type: 'done'; table: Table<F> }
  | { type: 'error'; error: SentError };

/** Flattens one row onto `out` (plain values only); called in the worker. */
export type RowEncoder<R> = (row: R, out: unknown[]) => void;
/** Reads `rows` rows back from a batch's values; called on the thread that takes them. */
export type BatchDecoder<R> = (values: readonly unknown[], rows: number, onRow: (row: R) => void) => void;

export interface WorkerStreamOptions<F extends string> extends WorkerReadOptions<F> {
  onBytes?: (read: number, size: number) => void;
}

/**
 * The worker's side: reads `workerData`'s file with `spec` and posts its rows. As the command's
 * in-process loop does, a row is handed over only while the file has no problem yet: once a
 * record is refused, the rest are read for their problems only.
 */
export function serveRecords<F extends string, R>(spec: RecordSpec<F, R>, encode: RowEncoder<R>): void {
  const port = parentPort;
  if (port === null) throw new Error('serveRecords runs in a worker thread');
  const { path, options, ahead } = workerData as Request<F>;
  const waiting = new Int32Array(ahead);
  const post = (message: Message<F>) => port.postMessage(message);
  let values: unknown[] = [];
  let rows = 0;
  const send = () => {
    if (rows === 0) return;
    // Wait (this thread has nothing else to do) while the other is BATCHES_AHEAD behind.
    for (let now = Atomics.load(waiting, 0); now >= BATCHES_AHEAD; now = Atomics.load(waiting, 0)) Atomics.wait(waiting, 0, now, 1000);
    Atomics.add(waiting, 0, 1);
    post({ type: 'batch', values, rows });
    values = [];
    rows = 0;
  };
  streamRecords(path, spec, { ...options, onBytes: (read, size) => post({ type: 'bytes', read, size }) }, (row, table) => {
    if (table.problems.length > 0) return;
    encode(row, values);
    rows += 1;
    if (rows >= ROWS_PER_BATCH) send();
  }).then(
    (table) => {
      send();
      post({ type: 'done', table });
    },
    (error: unknown) => post({ type: 'error', error: sentError(error) }),
  );
}

/**
 * The taking side: starts the worker module at `workerUrl` (which calls serveRecords) on `path`,
 * and gives `onRow` each row the worker hands over, in file order; resolves with the table
 * once every row is taken, or rejects with the worker's error as it was thrown there.
 */
export function streamRecordsInWorker<F extends string, R>(
  workerUrl: URL,
  path: string,
  options: WorkerStreamOptions<F>,
  decode: BatchDecoder<R>,
  onRow: (row: R) => void,
  youngGenerationMb = YOUNG_GENERATION_MB,
): Promise<Table<F>> {
  const { onBytes, ...readOptions } = options;
  const ahead = new SharedArrayBuffer(4);
  const waiting = new Int32Array(ahead);
  const request: Request<F> = { path, options: readOptions, ahead };
  return new Promise<Table<F>>((resolve, reject) => {
    // A small young generation: the worker's garbage is short-lived rows, and the process's peak
    // memory is both threads' (measured on 200,000 rows: 250 MB with the default, 234 MB with 4 MB).
    // An importer whose writing thread waits on the worker's collections may give it more.
    const worker = new Worker(workerUrl, { workerData: request, resourceLimits: { maxYoungGenerationSizeMb: youngGenerationMb } });
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      void worker.terminate();
      outcome();
    };
    worker.on('message', (message: Message<F>) => {
      if (settled) return;
      try {
        if (message.type === 'batch') {
          decode(message.values, message.rows, onRow);
          Atomics.sub(waiting, 0, 1);
          Atomics.notify(waiting, 0);
        } else if (message.type === 'bytes') onBytes?.(message.read, message.size);
        else if (message.type === 'done') settle(() => resolve(message.table));
        else settle(() => reject(receivedError(message.error)));
      } catch (error) {
        // What the taking thread threw (its own write failing, say) stops the reading too.
        settle(() => reject(error instanceof Error ? error : new Error(String(error))));
      }
    });
    worker.on('error', (error) => settle(() => reject(error)));
    worker.on('exit', (code) => settle(() => reject(new Error(`the file reader stopped (exit code ${code}) before it finished`))));
  });
}

function sentError(error: unknown): SentError {
  if (error instanceof UserError) {
    return { kind: error instanceof UsageError ? 'UsageError' : 'UserError', message: error.message, fix: error.fix, details: error.details };
  }
  if (error instanceof Error) return { kind: 'Error', message: error.message, stack: error.stack };
  return { kind: 'Error', message: String(error) };
}

function receivedError(sent: SentError): Error {
  if (sent.kind === 'Error') {
    const error = new Error(sent.message);
    if (sent.stack !== undefined) error.stack = sent.stack;
    return error;
  }
  const options = { ...(sent.fix === undefined ? {} : { fix: sent.fix }), details: sent.details ?? [] };
  return sent.kind === 'UsageError' ? new UsageError(sent.message, options) : new UserError(sent.message, options);
}
