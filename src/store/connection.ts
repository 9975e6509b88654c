/**
 * What every connection to the database is given: the busy timeout, the journal mode,
 * foreign keys, remedi's SQL functions, and the commit tracking behind a failure's last line.
 */
import type Database from 'better-sqlite3';
import { noteCommitted } from '../errors.js';
import { foldText } from '../domain/people.js';

export type Db = Database.Database;

/**
 * How long a command waits for another remedi's write to finish before giving up: long
 * enough for a typical roster import by someone else (seconds to a minute). The
 * REMEDI_BUSY_TIMEOUT_MS variable is for tests, to see the give-up without the wait.
 */
export function busyTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  const set = env.REMEDI_BUSY_TIMEOUT_MS?.trim();
  return set !== undefined && /^\d+$/.test(set) ? Number(set) : 120_000;
}

/** Busy timeout, journal mode, foreign keys and remedi's SQL functions. */
export function configure(db: Db, journal?: 'WAL' | 'DELETE'): void {
  db.pragma(`busy_timeout = ${busyTimeoutMs()}`);
  if (journal) db.pragma(`journal_mode = ${journal}`);
  db.pragma('foreign_keys = ON');
  registerFunctions(db);
}

/** SQL functions remedi's schema relies on (a migration folds the names already stored). */
export function registerFunctions(db: Db): void {
  db.function('remedi_fold', { deterministic: true }, (text: unknown) => (typeof text === 'string' ? foldText(text) : null));
}

/**
 * Notes each committed write transaction, so a failure's last line says only what is true
 * (errors.ts). better-sqlite3 has no commit hook: the connection's transaction() and
 * exec('COMMIT') are wrapped, and a commit counts when it changed rows.
 */
export function trackCommits(db: Db): void {
  const totalChanges = db.prepare('SELECT total_changes()').pluck();
  const changes = () => totalChanges.get() as number;
  const exec = db.exec.bind(db);
  let atBegin = 0;
  db.exec = (source: string) => {
    const before = db.inTransaction;
    if (!before) atBegin = changes();
    exec(source);
    if (before && !db.inTransaction && /^\s*(COMMIT|END)\b/i.test(source) && changes() > atBegin) noteCommitted();
    return db;
  };
  const transaction = db.transaction.bind(db);
  db.transaction = ((fn: (...args: unknown[]) => unknown) => {
    const wrapped = transaction(fn);
    const track =
      (run: (...args: unknown[]) => unknown) =>
      (...args: unknown[]) => {
        const outer = !db.inTransaction;
        const before = outer ? changes() : 0;
        const result = run(...args);
        if (outer && changes() > before) noteCommitted();
        return result;
      };
    // better-sqlite3 declares the variants as methods, but they are plain functions: bound to no
    // receiver, each is called exactly as before (track calls it without one).
    return Object.assign(track(wrapped), {
      default: track(wrapped.default.bind(undefined)),
      deferred: track(wrapped.deferred.bind(undefined)),
      immediate: track(wrapped.immediate.bind(undefined)),
      exclusive: track(wrapped.exclusive.bind(undefined)),
    });
  }) as Db['transaction'];
}

/** `read` in one read transaction: the one it is in, else its own (every read in it sees one snapshot). */
export function inOneRead<T>(db: Db, read: () => T): T {
  return db.inTransaction ? read() : db.transaction(read).deferred();
}
