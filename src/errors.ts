/**
 * The one exit path: commands throw these, only the entry (cli.ts) prints them and
 * sets the exit code. Anything else that escapes is an internal error (exit 70).
 */

export const EXIT_OK = 0;
export const EXIT_REFUSED = 1;
export const EXIT_USAGE = 2;
export const EXIT_INTERNAL = 70;

/** The data was refused or a file is missing: nothing was written. Exit 1. */
export class UserError extends Error {
  readonly exitCode: number = EXIT_REFUSED;
  /** Extra lines shown under the message (for example a list of row problems). */
  readonly details: string[];
  /** One sentence that says how to fix it. */
  readonly fix?: string;

  constructor(message: string, options: { fix?: string; details?: string[] } = {}) {
    super(message);
    this.name = 'UserError';
    this.fix = options.fix;
    this.details = options.details ?? [];
  }
}

/** A bad command line: unknown flag, missing argument, malformed flag value. Exit 2. */
export class UsageError extends UserError {
  override readonly exitCode: number = EXIT_USAGE;

  constructor(message: string, options: { fix?: string; details?: string[] } = {}) {
    super(message, options);
    this.name = 'UsageError';
  }
}

/**
 * A problem with one cell (or row) of an input file: refused rows and warnings alike.
 * Shared by the file readers (io), the rules that check each cell (domain) and the
 * listings (ui), so it lives here beside the errors it ends up in.
 */
export interface RowProblem {
  line: number;
  /** `column D (Pay Band)`, or null for a whole-row problem. */
  column: string | null;
  value: string | null;
  message: string;
}

/**
 * What the running command has done to its database so far, so that the last line of a
 * failure says only what is true. The store notes the file it opened and each write
 * transaction that committed (better-sqlite3 has no commit hook, so store/db.ts notes them).
 */
export interface DatabaseActivity {
  /** The database file the command opened, if any. */
  path: string | null;
  /** A transaction that changed data committed before the failure. */
  committed: boolean;
}

const activity: DatabaseActivity = { path: null, committed: false };

export const databaseActivity = (): DatabaseActivity => ({ ...activity });
export function noteDatabaseOpened(path: string): void {
  activity.path = path;
}
export function noteCommitted(committed = true): void {
  activity.committed = committed;
}
/** A new command starts with nothing opened and nothing written (tests run many in one process). */
export function resetDatabaseActivity(): void {
  activity.path = null;
  activity.committed = false;
}

/**
 * The SQLite conditions a user can meet and fix (a lock held by another remedi, a full
 * disk, a file or folder they cannot write, a failing disk), as a UserError with the fix;
 * null for anything else (a bug, shown as an internal error). Matched by the error's code
 * only, so the entry need not load better-sqlite3 to report it.
 * "Nothing was changed" is said only where it is true: the failing transaction was rolled
 * back and no earlier transaction of this command had committed.
 */
export function sqliteUserError(error: unknown, { path, committed }: DatabaseActivity = databaseActivity()): UserError | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return null;
  const file = path ?? 'the database';
  const unchanged = committed ? ' Changes this command made before it were saved.' : ' Nothing was changed.';
  const kind = code.replace(/^SQLITE_/, '').split('_')[0];
  switch (kind) {
    case 'BUSY':
    case 'LOCKED':
      // Only taking the write lock waits: the step never started.
      return new UserError(`Another remedi is writing to this database (${file}); this one waited and gave up.${unchanged}`, {
        fix: 'Try again when it finishes (a large roster import can take a minute or two).',
      });
    case 'FULL':
      // SQLite rolls back the transaction a full disk stopped, even at COMMIT.
      return new UserError(`The disk is full: remedi could not write to ${file} (or to the temporary files SQLite needs).${unchanged}`, {
        fix: "Free some space on that disk (or the temporary folder's) and run the command again.",
      });
    case 'READONLY': {
      const folder = code === 'SQLITE_READONLY_DIRECTORY';
      return new UserError(`Cannot write to ${file}: ${folder ? 'its folder is' : 'the file is'} read-only for you.${unchanged}`, {
        fix: 'Ask for write access, or copy the database to a folder you can write to and point to it with --db PATH.',
      });
    }
    case 'IOERR':
      // An I/O error at COMMIT may leave the last change saved or not: say neither.
      return new UserError(`The disk reported an error while remedi was using ${file} (${code}); the last change may or may not have been saved.`, {
        fix: 'Check the disk, USB stick or network folder is still there, run remedi check, and look whether the change is there before running the command again.',
      });
    case 'CORRUPT':
    case 'NOTADB':
      return new UserError(`${file} is damaged (or is not a remedi database).`, {
        fix: 'Run remedi check; if it fails, restore the database from your latest backup and keep the damaged file for investigation.',
      });
    case 'CANTOPEN':
      return new UserError(`Cannot open ${file}: the file or its folder cannot be read or written by you.${unchanged}`, {
        fix: 'Check the path, and that the file and its folder are yours to use.',
      });
    default:
      return null;
  }
}
