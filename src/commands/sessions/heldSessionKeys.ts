/**
 * The sessions a database holds before a large import-sessions, as a filter of their keys
 * (domain/sessionKeyFilter.ts) that the reading worker fills before it reads the file, on shared
 * memory: the importing thread then asks the database about a row's duplicates only when the
 * filter may hold its key. Looking up every row was the importing thread's largest cost after
 * writing (1,000,000 keys: 0.7-0.8 s, more while writing); the worker fills it in 0.4-0.5 s,
 * while this thread would otherwise wait for its first rows.
 */
import { statSync } from 'node:fs';
import { filterWords, sessionKeyFilter, type SessionKeyFilter } from '../../domain/sessionKeyFilter.js';
import type { Db } from '../../store/db.js';
import { addHeldSessionKeys } from '../../store/sessions.js';
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
 * filter once it is filled (null before, or if it never was). The worker's own connection then
 * reads what this transaction began with: no other connection can commit while this one holds
 * the write lock, and what this one writes is not seen until it commits. Hence not for a dry run
 * (a plain BEGIN holds no lock), nor outside WAL, where a reader on another connection would hold
 * this one's writes back.
 */
export function heldKeysRequest(db: Db, file: string): { setup: HeldKeysSetup; filter: () => SessionKeyFilter | null } | null {
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
  // Room for this import's sessions too, which are added as they are written: a row takes 40 bytes or more.
  const words = new SharedArrayBuffer(4 * filterWords(held + bytes / 40));
  const filled = new SharedArrayBuffer(4);
  return {
    setup: { database, words, filled },
    filter: () => (Atomics.load(new Int32Array(filled), 0) === 1 ? sessionKeyFilter(new Int32Array(words)) : null),
  };
}

/** In the worker, before it reads the file: every session held added to the filter, from a read-only connection of its own. */
export function fillHeldKeys(setup: HeldKeysSetup): void {
  let db: Db | undefined;
  try {
    db = sqlite(setup.database, { readonly: true, fileMustExist: true });
    addHeldSessionKeys(db, sessionKeyFilter(new Int32Array(setup.words)));
    Atomics.store(new Int32Array(setup.filled), 0, 1);
  } catch {
    // Left unfilled: the importing thread asks the database about every row, as without a filter.
  } finally {
    db?.close();
  }
}
