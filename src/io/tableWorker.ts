/**
 * Reading a table file's records on a second thread (node:worker_threads), so the thread that
 * writes them to the database does only that: the worker reads, splits and checks each record
 * (streamRecords, as in-process), and hands the rows over in batches of plain values. Any
 * importer can use it: its worker module calls serveRecords with its RecordSpec and a way to
 * flatten a row (or serveRows, to decide itself which rows it sends, and send a result at the
 * end); the command calls streamRecordsInWorker with the way back. When what reads a record
 * needs the database (the roster's forgotten people, its lookups of who is known), the worker
 * only reads and splits: serveCells hands over each record's cells, and streamCellsInWorker
 * gives them to the same handler streamRecords would (tableFile.ts's recordReader).
 *
 * The worker runs at most BATCHES_AHEAD batches ahead of the thread taking them (it waits on a
 * shared counter), so a million-row file is never held. Errors keep their class, message, fix
 * and details (UserError and UsageError are what a user sees); the table (headers, mapping,
 * problems, warnings) comes back whole at the end, as streamRecords returns it.
 */
import { parentPort, Worker, workerData } from 'node:worker_threads';
import { UsageError, UserError } from '../errors.js';
import type { RowProblem } from '../errors.js';
import { readTable, streamRecords, type RecordReadOptions, type RecordSpec, type RowHandler, type Table, type TableSpec } from './tableFile.js';

/** Rows a batch holds: large enough that a message's own cost is spread thin. */
const ROWS_PER_BATCH = 1024;
/** Batches sent and not yet taken: the worker waits past this (the memory bound). */
const BATCHES_AHEAD = 8;
/** The worker's young generation, unless told otherwise (V8's default is several times more). */
const YOUNG_GENERATION_MB = 4;

/** What streamRecords is given, less its callbacks (functions do not cross threads). */
export type WorkerReadOptions<F extends string> = Omit<RecordReadOptions<F>, 'onBytes' | 'screen'>;

interface Request<F extends string> {
  path: string;
  options: WorkerReadOptions<F>;
  /** One Int32 on shared memory: batches sent and not yet taken. */
  ahead: SharedArrayBuffer;
  /** What else the worker module is told (workerSetup), as plain values. */
  setup?: unknown;
}

interface SentError {
  kind: 'UserError' | 'UsageError' | 'Error';
  message: string;
  fix?: string;
  details?: string[];
  stack?: string;
}

type Message<F extends string> =
  /** `problems`: the ones found (by serveCells) since the batch before, records the batch does not hold. */
  | { type: 'batch'; values: unknown[]; rows: number; problems?: RowProblem[] }
  | { type: 'bytes'; read: number; size: number }
  /** serveCells: the headers are read; the table as it is before its first record. */
  | { type: 'start'; table: Table<F> }
  | { type: 'done'; table: Table<F>; result?: unknown }
  | { type: 'error'; error: SentError };

/** Flattens one row onto `out` (plain values only); called in the worker. */
export type RowEncoder<R> = (row: R, out: unknown[]) => void;
/**
 * Packs rows into buffers of its own, for rows whose values are mostly numbers and repeated texts:
 * `add` packs one row; `seal` ends the batch, puts what it packed onto `out` (plain values and
 * typed arrays) and gives the buffers to move with the message rather than copy. Called in the worker.
 */
export interface RowPacker<R> {
  add: (row: R) => void;
  seal: (out: unknown[]) => ArrayBuffer[];
}
/**
 * Work the worker does while the taking thread is behind, a slice at a time, instead of waiting:
 * `step` does one slice (a few milliseconds) and says whether there is more; `stop`, once every
 * record is read and before the last message, ends it wherever it is.
 */
export interface SpareWork {
  step: () => boolean;
  stop: () => void;
}
/** Reads `rows` rows back from a batch's values; called on the thread that takes them. */
export type BatchDecoder<R> = (values: readonly unknown[], rows: number, onRow: (row: R) => void) => void;

export interface WorkerStreamOptions<F extends string> extends WorkerReadOptions<F> {
  onBytes?: (read: number, size: number) => void;
  /** Given to the worker module (workerSetup): plain values only. */
  setup?: unknown;
  /** What the worker sent with its last message (serveRows' `finish`), before the table resolves. */
  onResult?: (result: unknown) => void;
  /**
   * The worker's young generation in MB; null for V8's own. A worker that keeps what it reads
   * (a planner's staff ids) wants V8's: a small one moves all of it to the old generation early.
   */
  youngGenerationMb?: number | null;
}

/** In a worker module: what the command gave as `setup`. */
export function workerSetup<T>(): T {
  return (workerData as Request<string>).setup as T;
}

/** The worker's side of a batch: rows flattened onto `values`, and the wait while the taker is too far behind. */
function batchSender<F extends string>(seal?: (out: unknown[]) => ArrayBuffer[], spare?: SpareWork) {
  const port = parentPort;
  if (port === null) throw new Error('a reading worker runs in a worker thread');
  const { path, options, ahead } = workerData as Request<F>;
  const waiting = new Int32Array(ahead);
  const post = (message: Message<F>) => port.postMessage(message);
  const batch = { values: [] as unknown[], rows: 0, problems: [] as RowProblem[] };
  let spareLeft = spare !== undefined;
  const send = () => {
    if (batch.rows === 0 && batch.problems.length === 0) return;
    // While the other is BATCHES_AHEAD behind: the spare work, a slice at a time, then wait (this thread has nothing else to do).
    for (let now = Atomics.load(waiting, 0); now >= BATCHES_AHEAD; now = Atomics.load(waiting, 0)) {
      if (spareLeft) spareLeft = spare!.step();
      else Atomics.wait(waiting, 0, now, 1000);
    }
    Atomics.add(waiting, 0, 1);
    const moved = seal === undefined || batch.rows === 0 ? [] : seal(batch.values);
    port.postMessage(
      { type: 'batch', values: batch.values, rows: batch.rows, ...(batch.problems.length === 0 ? {} : { problems: batch.problems }) } satisfies Message<F>,
      moved,
    );
    batch.values = [];
    batch.rows = 0;
    batch.problems = [];
  };
  const onBytes = (read: number, size: number) => post({ type: 'bytes', read, size });
  const finish = (reading: Promise<Table<F>>, result?: (table: Table<F>) => unknown) =>
    reading.then(
      (table) => {
        send();
        spare?.stop();
        post({ type: 'done', table, ...(result === undefined ? {} : { result: result(table) }) });
      },
      (error: unknown) => {
        spare?.stop();
        post({ type: 'error', error: sentError(error) });
      },
    );
  return { path, options, post, batch, send, onBytes, finish };
}

/**
 * The worker's side: reads `workerData`'s file with `spec` and posts its rows. As the command's
 * in-process loop does, a row is handed over only while the file has no problem yet: once a
 * record is refused, the rest are read for their problems only.
 */
export function serveRecords<F extends string, R>(spec: RecordSpec<F, R>, encode: RowEncoder<R> | RowPacker<R>, spare?: SpareWork): void {
  const packer = typeof encode === 'function' ? null : encode;
  servePacked(
    spec,
    (row, table, out) => {
      if (table.problems.length > 0) return false;
      if (packer === null) (encode as RowEncoder<R>)(row, out);
      else packer.add(row);
      return true;
    },
    undefined,
    packer?.seal,
    spare,
  );
}

/**
 * serveRecords with the choice of rows the worker's own: `take` sees every row read, flattens
 * onto `out` the ones to hand over and says whether it did. `finish`, once every record is read,
 * gives what goes back with the table (plain values: what the worker worked out on the way).
 */
export function serveRows<F extends string, R>(
  spec: RecordSpec<F, R>,
  take: (row: R, table: Table<F>, out: unknown[]) => boolean,
  finish?: (table: Table<F>) => unknown,
): void {
  servePacked(spec, take, finish);
}

function servePacked<F extends string, R>(
  spec: RecordSpec<F, R>,
  take: (row: R, table: Table<F>, out: unknown[]) => boolean,
  finish?: (table: Table<F>) => unknown,
  seal?: (out: unknown[]) => ArrayBuffer[],
  spare?: SpareWork,
): void {
  const { path, options, batch, send, onBytes, finish: end } = batchSender<F>(seal, spare);
  const reading = streamRecords(path, spec, { ...options, onBytes }, (row, table) => {
    if (!take(row, table, batch.values)) return;
    batch.rows += 1;
    if (batch.rows >= ROWS_PER_BATCH) send();
  });
  void end(reading, finish);
}

/**
 * The worker's side when the records are read on the other thread: reads `workerData`'s file
 * (readTable: headers matched, ragged rows refused, --map-value applied) and posts each record's
 * line and cells, the table once its headers are read, and every problem found here.
 */
export function serveCells<F extends string>(spec: TableSpec<F>): void {
  const { path, options, post, batch, send, onBytes, finish } = batchSender<F>();
  let started = false;
  let problemsSent = 0;
  const reading = readTable(path, spec, { ...options, onBytes }, (cells, line, table) => {
    if (!started) {
      started = true;
      post({ type: 'start', table: { ...table, problems: [] } });
    }
    // A ragged row's problem, found here, goes over with the batch it falls in.
    for (; problemsSent < table.problems.length; problemsSent += 1) batch.problems.push(table.problems[problemsSent]);
    batch.values.push(line, cells);
    batch.rows += 1;
    if (batch.rows >= ROWS_PER_BATCH) send();
  });
  void finish(
    reading.then((table) => {
      for (; problemsSent < table.problems.length; problemsSent += 1) batch.problems.push(table.problems[problemsSent]);
      return table;
    }),
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
): Promise<Table<F>> {
  return takeFromWorker(workerUrl, path, options, {
    batch: (message) => decode(message.values, message.rows, onRow),
    done: (table) => table,
  });
}

/**
 * The taking side of serveCells: `onCells` is given each record's cells with the table, in file
 * order, as readTable gives them (tableFile.ts's recordReader reads them as streamRecords does).
 * What `onCells` adds to the table's problems joins the worker's in file order.
 */
export function streamCellsInWorker<F extends string>(
  workerUrl: URL,
  path: string,
  options: WorkerStreamOptions<F>,
  onCells: RowHandler<F>,
): Promise<Table<F>> {
  let table: Table<F> | null = null;
  return takeFromWorker(workerUrl, path, options, {
    start: (started) => (table = started),
    batch: ({ values, rows, problems }) => {
      // Before any record has the header's shape, the problems come back with the table itself.
      const into = table;
      if (into === null) return;
      if (problems !== undefined) for (const problem of problems) into.problems.push(problem);
      for (let i = 0; i < rows * 2; i += 2) onCells(values[i + 1] as string[], values[i] as number, into);
    },
    // Each record's problems come from one thread or the other, in order: ordered by line, they are as one thread finds them.
    done: (read) => (table === null ? read : { ...table, problems: table.problems.sort((a, b) => a.line - b.line) }),
  });
}

interface Taker<F extends string> {
  start?: (table: Table<F>) => void;
  batch: (message: { values: unknown[]; rows: number; problems?: RowProblem[] }) => void;
  done: (table: Table<F>) => Table<F>;
}

function takeFromWorker<F extends string>(workerUrl: URL, path: string, options: WorkerStreamOptions<F>, take: Taker<F>): Promise<Table<F>> {
  const { onBytes, onResult, setup, youngGenerationMb = YOUNG_GENERATION_MB, ...readOptions } = options;
  const ahead = new SharedArrayBuffer(4);
  const waiting = new Int32Array(ahead);
  const request: Request<F> = { path, options: readOptions, ahead, setup };
  return new Promise<Table<F>>((resolve, reject) => {
    // A small young generation: the worker's garbage is short-lived rows, and the process's peak
    // memory is both threads' (measured on 200,000 rows: 250 MB with the default, 234 MB with 4 MB).
    const resourceLimits = youngGenerationMb === null ? {} : { maxYoungGenerationSizeMb: youngGenerationMb };
    const worker = new Worker(workerUrl, { workerData: request, resourceLimits });
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
          take.batch(message);
          Atomics.sub(waiting, 0, 1);
          Atomics.notify(waiting, 0);
        } else if (message.type === 'bytes') onBytes?.(message.read, message.size);
        else if (message.type === 'start') take.start?.(message.table);
        else if (message.type === 'done') {
          const table = take.done(message.table);
          onResult?.(message.result);
          settle(() => resolve(table));
        } else settle(() => reject(receivedError(message.error)));
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
