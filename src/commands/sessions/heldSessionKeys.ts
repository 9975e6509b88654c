/**
 * The sessions a database holds before a large import-sessions, as a filter of their keys
 * (domain/sessionKeyFilter.ts) that the reading worker fills on shared memory while the importing
 * thread is behind (io/tableWorker.ts SpareWork), beside a filter of the sessions this import
 * writes: once both are there, the importing thread asks the database about a row's duplicates
 * only when one of them may hold its key. Looking up every row was the importing thread's largest
 * cost after writing (1,000,000 keys: 0.7-0.8 s, more while writing). Filling the filter before
 * reading the file kept the importing thread waiting 0.9 s for its first rows.
 */
import { statSync } from 'node:fs';
import { filterWords, sessionKeyFilter, type SessionKeyFilter } from '../../domain/sessionKeyFilter.js';
import type { SpareWork } from '../../io/tableWorker.js';
import type { Db } from '../../store/db.js';
import { heldSessionKeys, type SessionImportFilters } from '../../store/sessions.js';
import { sqlite } from '../../store/sqlite.js';

/** What the worker is given (plain values and shared memory). */
export interface HeldKeysSetup {
  database: string;
  words: SharedArrayBuffer;
  /** One Int32: 1 once every session held is in `words`. */
  filled: SharedArrayBuffer;
}

/**
 * On the importing thread, inside the import's BEGIN IMMEDIATE: what to give the worker, and the
 * filters for the writer. The worker's own connection reads what this transaction began with: no
 * other connection can commit while this one holds the write lock, what this one writes is not
 * seen until it commits, and the worker's read ends before the file's last rows are taken (before
 * this one commits). Hence not for a dry run (a plain BEGIN holds no lock), nor outside WAL, where
 * a reader on another connection would hold this one's writes back.
 */
export function heldKeysRequest(db: Db, file: string): { setup: HeldKeysSetup; filters: SessionImportFilters } | null {
  // The file this connection has open, whichever path named it.
  const database = db.name;
  if (db.memory || db.pragma('journal_mode', { simple: true }) !== 'wal') return null;
  const held = db.prepare('SELECT coalesce(max(id), 0) FROM sessions').pluck().get() as number;
  let bytes = 0;
  try {
    bytes = statSync(file).size;
  } catch {
    // The reader says why the file cannot be read.
  }
  const words = new SharedArrayBuffer(4 * filterWords(held));
  const filled = new SharedArrayBuffer(4);
  let heldFilter: SessionKeyFilter | null = null;
  return {
    setup: { database, words, filled },
    filters: {
      // This import's sessions: a row takes 40 bytes or more.
      written: sessionKeyFilter(new Int32Array(filterWords(bytes / 40))),
      held: () => (heldFilter ??= Atomics.load(new Int32Array(filled), 0) === 1 ? sessionKeyFilter(new Int32Array(words)) : null),
    },
  };
}

/** Slices of reading relationships' sessions (each about 40 relationships of 20 sessions: a millisecond or two). */
const RELATIONSHIPS_A_STEP = 40;

/**
 * In the worker: the filling of the filter as spare work, from a read-only connection of its own,
 * opened at the first step; marked filled after the last. Stopped before that, or failing, it is
 * left unfilled, and the importing thread asks the database about every row, as without it.
 */
export function heldKeysFiller(setup: HeldKeysSetup): SpareWork {
  let db: Db | undefined;
  let reading: ReturnType<typeof heldSessionKeys> | undefined;
  const stop = () => {
    try {
      reading?.stop();
    } finally {
      reading = undefined;
      db?.close();
      db = undefined;
    }
  };
  return {
    step() {
      try {
        if (db === undefined) {
          db = sqlite(setup.database, { readonly: true, fileMustExist: true });
          reading = heldSessionKeys(db, sessionKeyFilter(new Int32Array(setup.words)));
        }
        if (reading!.step(RELATIONSHIPS_A_STEP)) return true;
        stop();
        Atomics.store(new Int32Array(setup.filled), 0, 1);
      } catch {
        stop();
      }
      return false;
    },
    stop,
  };
}
