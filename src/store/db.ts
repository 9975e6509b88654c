/**
 * The one SQLite file: where it is, opening it safely, and its schema version.
 * It holds special category data (ethnicity), so it is owner-only from its first byte,
 * and every write runs in a BEGIN IMMEDIATE transaction.
 *
 * A brand-new database is built under a temporary name beside its real one and appears
 * under the real name only once its first transaction has committed (`publish()`), so a
 * command that fails never leaves, or deletes, a file at the path someone asked for.
 */
import { randomBytes } from 'node:crypto';
import {
  accessSync,
  chmodSync,
  closeSync,
  constants,
  existsSync,
  fsyncSync,
  linkSync,
  lstatSync,
  openSync,
  readFileSync,
  readSync,
  readlinkSync,
  renameSync,
  rmSync,
  statSync,
  statfsSync,
  unlinkSync,
} from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { UserError, noteCommitted, noteDatabaseOpened, sqliteUserError } from '../errors.js';
import { createOutputFile } from '../io/outputFile.js';
import { foldText } from '../domain/people.js';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations.js';

export type Db = Database.Database;

export const DEFAULT_DB_FILE = 'remedi.db';

/** `--db PATH`, else `$REMEDI_DB`, else `remedi.db` in the current folder. */
export function resolveDbPath(flag: string | undefined, env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string {
  const chosen = flag ?? (env.REMEDI_DB && env.REMEDI_DB.trim() !== '' ? env.REMEDI_DB : DEFAULT_DB_FILE);
  return resolve(cwd, chosen);
}

/**
 * How long a command waits for another remedi's write to finish before giving up: long
 * enough for a typical roster import by someone else (seconds to a minute). The
 * REMEDI_BUSY_TIMEOUT_MS variable is for tests, to see the give-up without the wait.
 */
export function busyTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  const set = env.REMEDI_BUSY_TIMEOUT_MS?.trim();
  return set !== undefined && /^\d+$/.test(set) ? Number(set) : 120_000;
}

export interface OpenOptions {
  /** Commands that write create the database; read commands refuse a missing one. */
  create: boolean;
  /** Read commands: open without writing a byte, so they work on read-only media. */
  readonly?: boolean;
  /**
   * Commands that create: a new database stays under its temporary name until publish(),
   * called once the command's own first transaction has committed. Otherwise a new
   * database gets its name as soon as its schema is in it (or, if another process made
   * one meanwhile, theirs is opened).
   */
  deferPublish?: boolean;
  /** The file system type (statfs f_type) of a folder, or null; tests give one. */
  fileSystemType?: (folder: string) => number | null;
}

export interface OpenedDb {
  db: Db;
  path: string;
  /** True when this call is making the database (a new file, or an empty one). */
  created: boolean;
  /** The database is at `path`: false for a new one until publish() (and for ever if it failed). */
  readonly published: boolean;
  /** When an older schema was brought up to date: the copy saved first. */
  backup: string | null;
  /** Things to tell the user on stderr (permissions tightened, a network folder). */
  notices: string[];
  /**
   * Call after the command's write transaction committed: closes the connection and, for a
   * new database, gives it its real name. Throws DatabaseAppeared when another process
   * made a file there meanwhile (theirs is kept; nothing of this command is).
   */
  publish(): void;
  /** Closes the connection; a new database that was never published is removed (its temporary file only). */
  close(): void;
}

/** Another process created the database while this one was building it under a temporary name. */
export class DatabaseAppeared extends UserError {
  constructor(readonly path: string) {
    super(`Another remedi created the database ${path} while this command was setting it up; nothing of this command was saved.`, {
      fix: 'Run the command again: it will use that database.',
    });
    this.name = 'DatabaseAppeared';
  }
}

/**
 * Opens (or, for a writing command, creates) the database and brings its schema up to
 * date. An older database is first copied beside itself with SQLite's backup API (a
 * plain file copy would miss pages still in the WAL), then migrated in one transaction.
 */
export async function openDatabase(path: string, options: OpenOptions): Promise<OpenedDb> {
  if (path === ':memory:') {
    // A scratch database (a dry run against no file): nothing to create or check.
    const db = new Database(path);
    configure(db);
    migrate(db, path);
    return opened({ db, path, created: false, backup: null, notices: [] });
  }
  const found = whatIsAt(path);
  if (options.readonly) return openForReading(path, found, options);
  if (found === 'missing' || found === 'empty') {
    if (!options.create) throw noDatabase(path, found);
  }
  if (found === 'missing') {
    const building = await openNew(path, options);
    if (options.deferPublish) return building;
    let appeared = false;
    try {
      building.publish();
    } catch (error) {
      if (!(error instanceof DatabaseAppeared)) throw error;
      appeared = true;
    }
    const reopened = await openInPlace(path, false, options);
    return { ...reopened, created: !appeared, notices: [...building.notices, ...reopened.notices] };
  }
  return openInPlace(path, found === 'empty', options);
}

type Found = 'missing' | 'empty' | 'file';

function whatIsAt(path: string): Found {
  if (!existsSync(path)) {
    // A link to nothing is not a free name: a new database could never be put there.
    if (lstatSync(path, { throwIfNoEntry: false })?.isSymbolicLink()) {
      throw new UserError(`${path} is a link to ${readlinkSync(path)}, which does not exist.`, {
        fix: 'Give the path of the database file itself with --db PATH.',
      });
    }
    return 'missing';
  }
  const stats = statSync(path);
  if (stats.isDirectory()) throw new UserError(`${path} is a folder, not a remedi database.`, { fix: 'Give the path of the database file with --db PATH.' });
  return stats.size === 0 ? 'empty' : 'file';
}

function noDatabase(path: string, found: 'missing' | 'empty' | 'no tables'): UserError {
  if (found === 'no tables') {
    return new UserError(`${path} holds no remedi data yet (it is an SQLite file with no tables).`, {
      fix: 'Import a roster first (remedi import roster.csv --db PATH), or point to your database with --db PATH or REMEDI_DB.',
    });
  }
  return new UserError(found === 'empty' ? `${path} is an empty file, not a remedi database yet.` : `There is no remedi database at ${path}.`, {
    fix: 'Import a roster first (remedi import roster.csv), or point to the database with --db PATH or REMEDI_DB.',
  });
}

/**
 * A new database: made under `<path>.new-<random>` (created exclusively, owner-only) and
 * filled there, journal_mode DELETE, so no -wal or -shm is named after the temporary file.
 */
async function openNew(path: string, options: OpenOptions): Promise<OpenedDb> {
  const folder = dirname(path);
  if (!existsSync(folder)) {
    throw new UserError(`Cannot create the database ${path}: the folder ${folder} does not exist.`, {
      fix: 'Create the folder first, or choose another path with --db PATH.',
    });
  }
  const temporary = `${path}.new-${randomBytes(6).toString('hex')}`;
  try {
    closeSync(openSync(temporary, 'wx', 0o600));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
      throw new UserError(`Cannot create the database ${path}: no permission to write in ${folder}. Nothing was changed.`, {
        fix: 'Choose a folder you can write to with --db PATH.',
      });
    }
    if (code === 'ENOSPC' || code === 'EDQUOT') throw sqliteUserError({ code: 'SQLITE_FULL' }, { path, committed: false })!;
    throw error;
  }
  let db: Db | undefined;
  const discard = () => {
    db?.close();
    for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(`${temporary}${suffix}`, { force: true });
  };
  let notices: string[];
  try {
    db = new Database(temporary, { fileMustExist: true });
    configure(db, 'DELETE');
    migrate(db, path);
    notices = networkNotice(db, path, options, { record: true });
  } catch (error) {
    discard();
    throw asOpenError(error, path);
  }
  noteDatabaseOpened(path);
  trackCommits(db);
  const made = db;
  let state: 'building' | 'published' | 'discarded' = 'building';
  return {
    db: made,
    path,
    created: true,
    get published() {
      return state === 'published';
    },
    backup: null,
    notices,
    publish() {
      if (state !== 'building') return;
      // Into WAL, like every remedi database, while nobody else can see it; closing the only
      // connection folds the WAL back in and removes it and the -shm, so only the file is renamed.
      made.pragma('journal_mode = WAL');
      made.close();
      try {
        moveIntoPlace(temporary, path);
      } catch (error) {
        state = 'discarded';
        discard();
        noteCommitted(false);
        throw error;
      }
      state = 'published';
    },
    close() {
      if (state !== 'building') return;
      state = 'discarded';
      discard();
      // Whatever committed went into the temporary file, which is gone.
      noteCommitted(false);
    },
  };
}

/**
 * Gives the finished file its real name without ever replacing one: a hard link fails
 * with EEXIST when another process made the database meanwhile, and theirs is kept.
 */
function moveIntoPlace(temporary: string, path: string): void {
  if (process.platform === 'win32') {
    // Windows: hard links need NTFS (not FAT/exFAT sticks or many shares), and a file just
    // closed is often still held open by antivirus or the indexer, so unlinking the
    // temporary name after linking can fail and leave it behind. Node's rename replaces an
    // existing file there, so look first; the window between the look and the rename is
    // the one race left, and only against another remedi creating the same file.
    renameIfFree(temporary, path);
  } else {
    try {
      linkSync(temporary, path);
      unlinkSync(temporary);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') throw new DatabaseAppeared(path);
      // A file system without hard links (FAT, exFAT, some network shares): as on Windows.
      if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP' || code === 'ENOSYS' || code === 'EMLINK') renameIfFree(temporary, path);
      else throw error;
    }
  }
  syncFolder(dirname(path));
}

function renameIfFree(temporary: string, path: string): void {
  if (existsSync(path)) throw new DatabaseAppeared(path);
  renameSync(temporary, path);
}

/** Makes the new name itself durable (a folder cannot be opened for fsync on Windows). */
function syncFolder(folder: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(folder, 'r');
    fsyncSync(fd);
  } catch {
    // Not possible here: the rename still happened, it is only less certain to survive a power cut.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * An existing file, opened where it is: a remedi database, or an empty file (`touch r.db`),
 * which becomes one (owner-only first). An SQLite file of another program is refused
 * before anything touches it, and so is one written by a newer remedi.
 */
async function openInPlace(path: string, empty: boolean, options: OpenOptions): Promise<OpenedDb> {
  if (empty) ownerOnly(path);
  let db: Db | undefined;
  let backup: string | null = null;
  const notices: string[] = [];
  let created = false;
  try {
    db = new Database(path, { fileMustExist: true });
    db.pragma(`busy_timeout = ${busyTimeoutMs()}`);
    const kind = schemaKind(db);
    if (kind === 'foreign') throw foreignDatabase(path, { writing: true });
    // Refuse a newer schema before anything (even the journal mode) touches the file.
    refuseNewer(db, path);
    created = kind === 'empty';
    if (!empty) {
      const tightened = tightenPermissions(path);
      if (tightened) notices.push(tightened);
    }
    configure(db, 'WAL');
    const version = schemaVersion(db);
    if (version > 0 && version < SCHEMA_VERSION) {
      backup = freeBackupPath(`${path}.before-update-from-schema-${version}`);
      await backupTo(db, backup);
    }
    migrate(db, path);
    notices.push(...networkNotice(db, path, options, { record: true }));
  } catch (error) {
    db?.close();
    throw asOpenError(error, path);
  }
  noteDatabaseOpened(path);
  trackCommits(db);
  return opened({ db, path, created, backup, notices });
}

/**
 * A read command's database: opened read-only, no migration and no journal change. A
 * database in WAL mode in a folder the user cannot write (read-only media) cannot be read
 * in place by SQLite (it must create the -shm index beside it), so it is read from a copy
 * in memory. An older schema is brought up to date by a writing open when that is
 * possible, as before; on read-only media it cannot be, and that is said.
 */
async function openForReading(path: string, found: Found, options: OpenOptions): Promise<OpenedDb> {
  if (found !== 'file') throw noDatabase(path, found);
  const db = openReadOnly(path);
  try {
    const kind = schemaKind(db);
    if (kind === 'foreign') throw foreignDatabase(path, { writing: false });
    if (kind === 'empty') throw noDatabase(path, 'no tables');
    refuseNewer(db, path);
    const version = schemaVersion(db);
    if (version < SCHEMA_VERSION) {
      if (!writable(path)) {
        throw new UserError(
          `${path} was made by an older remedi (schema ${version}; this one needs ${SCHEMA_VERSION}), so it needs updating by a command that writes, and it is read-only here.`,
          { fix: 'Copy it to a folder you can write to and run the command there with --db PATH; the file here was not changed.' },
        );
      }
      db.close();
      return openDatabase(path, { ...options, create: false, readonly: false });
    }
    registerFunctions(db);
    const notices = networkNotice(db, path, options, { record: false });
    return opened({ db, path, created: false, backup: null, notices });
  } catch (error) {
    if (db.open) db.close();
    throw asOpenError(error, path);
  }
}

/**
 * The database opened only to read it, for reading and checking: no schema requirement.
 * Refuses a missing or empty file and a folder; the caller closes it.
 * Where the file and its folder are writable, the connection is SQLite's read-write one
 * held to reads by query_only: closing it removes the -wal and -shm it made, which a
 * read-only connection cannot (it leaves both behind). Elsewhere (read-only media, a
 * folder that is not yours) it is a read-only connection.
 */
export function openReadOnly(path: string): Db {
  const found = whatIsAt(path);
  if (found !== 'file') throw noDatabase(path, found);
  noteDatabaseOpened(path);
  let db: Db | undefined;
  try {
    const inPlace = writable(path);
    db = new Database(path, { readonly: !inPlace, fileMustExist: true });
    db.pragma(`busy_timeout = ${busyTimeoutMs()}`);
    if (inPlace) db.pragma('query_only = ON');
    // Reading the schema is what opens the WAL, where a read-only folder shows.
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    return db;
  } catch (error) {
    db?.close();
    const code = (error as { code?: string }).code ?? '';
    if (inWalMode(path) && (code.startsWith('SQLITE_READONLY') || code === 'SQLITE_CANTOPEN')) return readCopyInMemory(path);
    throw asOpenError(error, path);
  }
}

/** Byte 18 of the header: 2 when the database is in WAL mode. */
function inWalMode(path: string): boolean {
  const header = Buffer.alloc(20);
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    return readSync(fd, header, 0, 20, 0) === 20 && header[18] === 2;
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * The database file read into this process's memory (never onto disk: it holds special
 * category data) and opened there, with its header marked as not WAL so SQLite needs no
 * -shm. Only a file whose WAL is empty or absent is whole on its own.
 */
function readCopyInMemory(path: string): Db {
  const wal = `${path}-wal`;
  if (existsSync(wal) && statSync(wal).size > 0) {
    throw new UserError(`${path} has recent changes in ${wal} that remedi cannot read from a read-only folder.`, {
      fix: 'Run any remedi command on it once where its folder is writable (that folds the changes in), or copy both files to a folder you can write to.',
    });
  }
  if (statSync(path).size > 2 ** 31) {
    throw new UserError(`${path} is too large to read from a read-only folder.`, { fix: 'Copy it to a folder you can write to and use --db PATH.' });
  }
  const bytes = readFileSync(path);
  bytes[18] = 1;
  bytes[19] = 1;
  try {
    return new Database(bytes, { readonly: true });
  } catch (error) {
    throw asOpenError(error, path);
  }
}

const writable = (path: string): boolean => {
  try {
    accessSync(path, constants.W_OK);
    accessSync(dirname(path), constants.W_OK);
    return true;
  } catch {
    return false;
  }
};

/** Busy timeout, journal mode, foreign keys and remedi's SQL functions. */
function configure(db: Db, journal?: 'WAL' | 'DELETE'): void {
  db.pragma(`busy_timeout = ${busyTimeoutMs()}`);
  if (journal) db.pragma(`journal_mode = ${journal}`);
  db.pragma('foreign_keys = ON');
  registerFunctions(db);
}

/** SQL functions remedi's schema relies on (a migration folds the names already stored). */
function registerFunctions(db: Db): void {
  db.function('remedi_fold', { deterministic: true }, (text: unknown) => (typeof text === 'string' ? foldText(text) : null));
}

function opened(fields: Omit<OpenedDb, 'publish' | 'close' | 'published'>): OpenedDb {
  return { ...fields, published: true, publish: () => fields.db.open && fields.db.close(), close: () => fields.db.open && fields.db.close() };
}

export type SchemaKind = 'remedi' | 'empty' | 'foreign';

/**
 * Whose database this is: remedi's (schema version set, its staff and cohorts tables),
 * empty (no tables, version 0: a new file), or another program's (anything else).
 */
export function schemaKind(db: Db): SchemaKind {
  const tables = new Set(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[]);
  const version = schemaVersion(db);
  if (tables.size === 0 && version === 0) return 'empty';
  return version > 0 && tables.has('staff') && tables.has('cohorts') ? 'remedi' : 'foreign';
}

function foreignDatabase(path: string, { writing }: { writing: boolean }): UserError {
  const refusal = writing ? '; remedi does not add its tables to it. It was not changed.' : ', not a remedi database.';
  return new UserError(`${path} is an SQLite database of another program${refusal}`, {
    fix: 'Check the --db path: remedi keeps its own file (remedi.db by default).',
  });
}

/** Makes an empty file owner-only before SQLite writes anything to it. */
function ownerOnly(path: string): void {
  // Windows has no group/other mode bits (access is by ACL, which Node does not set).
  if (process.platform === 'win32') return;
  chmodSync(path, statSync(path).mode & 0o700);
}

/**
 * An existing database readable (or writable) by group or others is made owner-only, and
 * its side files with it; says so, or says it could not (someone else's file).
 * Skipped on Windows, where mode bits do not say who may read a file.
 */
function tightenPermissions(path: string): string | null {
  if (process.platform === 'win32') return null;
  const mode = statSync(path).mode & 0o777;
  if ((mode & 0o077) === 0) return null;
  const octal = (m: number) => `0${m.toString(8)}`;
  try {
    for (const file of [path, `${path}-wal`, `${path}-shm`]) {
      if (existsSync(file)) chmodSync(file, statSync(file).mode & 0o700);
    }
  } catch {
    return `Warning: ${path} can be read by other people on this computer (mode ${octal(mode)}), and remedi could not change that: ask its owner to run chmod 600 ${path}.`;
  }
  return `${path} could be read by other people on this computer (mode ${octal(mode)}); remedi made it readable by you only (${octal(mode & 0o700)}), as it holds special category data.`;
}

const NETWORK_FILE_SYSTEMS = new Map<number, string>([
  [0x6969, 'an NFS network folder'],
  [0x517b, 'an SMB network folder'],
  [0xff534d42, 'a CIFS (Windows share) network folder'],
  [0xfe534d42, 'an SMB2 network folder'],
  [0x65735546, 'a FUSE file system (often a network or cloud-synced folder)'],
]);

const NETWORK_WARNING_KEY = 'network-warning-shown';

/** statfs's f_type for a folder, or null where the platform cannot say (statfsSync, Node 18.15+, throws there). */
function fileSystemType(folder: string): number | null {
  try {
    return statfsSync(folder).type;
  } catch {
    return null;
  }
}

/** What kind of network or synced folder holds `path`, or null for a local disk. */
export function networkFolder(path: string, typeOf: (folder: string) => number | null = fileSystemType): string | null {
  const type = typeOf(dirname(path));
  return type === null ? null : (NETWORK_FILE_SYSTEMS.get(type >>> 0) ?? null);
}

/**
 * The one-time warning for a database on a network or synced folder, remembered in the
 * settings table once a writing command has shown it (a read-only open cannot remember).
 */
function networkNotice(db: Db, path: string, options: OpenOptions, { record }: { record: boolean }): string[] {
  const where = networkFolder(path, options.fileSystemType);
  if (where === null) return [];
  const shown = db.prepare('SELECT 1 FROM settings WHERE key = ?').pluck().get(NETWORK_WARNING_KEY) !== undefined;
  if (shown) return [];
  if (record) db.prepare('INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)').run(NETWORK_WARNING_KEY, where);
  return [
    `Warning: ${path} is on ${where}. SQLite's file locking is not reliable there, so two people using remedi at once ` +
      'can damage the database, and a sync can bring back an older copy over newer changes. Keep the database on this ' +
      "computer's own disk and put backups (remedi backup) in the shared folder instead. (Shown once for this database.)",
  ];
}

/**
 * Notes each committed write transaction, so a failure's last line says only what is true
 * (errors.ts). better-sqlite3 has no commit hook: the connection's transaction() and
 * exec('COMMIT') are wrapped, and a commit counts when it changed rows.
 */
function trackCommits(db: Db): void {
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
    return Object.assign(track(wrapped), {
      default: track(wrapped.default),
      deferred: track(wrapped.deferred),
      immediate: track(wrapped.immediate),
      exclusive: track(wrapped.exclusive),
    });
  }) as Db['transaction'];
}

/**
 * A consistent copy through SQLite's online backup API (it sees pages still in the WAL,
 * and other processes may write meanwhile). The copy goes into a new owner-only file
 * beside `destination`, is checked (integrity, and that it holds a remedi schema), and
 * only then takes the name, which must be free: a full disk, a kill or a bad copy leaves
 * nothing under that name.
 */
export async function backupTo(db: Db, destination: string): Promise<{ path: string; schemaVersion: number }> {
  const { path, result } = await createOutputFile(
    destination,
    async (temporary) => {
      try {
        await db.backup(temporary);
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') {
          throw new UserError(`The database ${db.name} is damaged, so it could not be copied; nothing was written to ${destination}.`, {
            fix: 'Run remedi check on it, and restore it from an earlier backup.',
          });
        }
        throw error;
      }
      return checkCopy(temporary, destination);
    },
    { database: db.name },
  );
  return { path, schemaVersion: result };
}

/** The schema version of a sound copy; a UserError for a copy that is not one. */
function checkCopy(copyPath: string, destination: string): number {
  // Opened for writing, so closing it removes the -wal SQLite makes beside it; exclusive, so
  // it needs no -shm (nobody else has any business with the copy before it has its name).
  const copy = new Database(copyPath, { fileMustExist: true });
  try {
    copy.pragma('locking_mode = EXCLUSIVE');
    let integrity: string;
    try {
      integrity = String(copy.pragma('integrity_check', { simple: true }));
    } catch (error) {
      const code = (error as { code?: string }).code;
      // So damaged the check itself cannot read it; anything else (a full disk) is not about the copy.
      if (code !== 'SQLITE_CORRUPT' && code !== 'SQLITE_NOTADB') throw error;
      integrity = (error as Error).message;
    }
    if (integrity !== 'ok') {
      integrity = integrity
        .replace(/\*\*\* in database main \*\*\*/, '')
        .replace(/\s+/g, ' ')
        .trim()
        .slice(0, 200);
      throw new UserError(`The backup failed its integrity check (${integrity}); nothing was written to ${destination}.`, {
        fix: 'Run remedi check on the database; if it is damaged, restore it from an earlier backup.',
      });
    }
    const version = schemaVersion(copy);
    if (version === 0) {
      throw new UserError(`The copy holds no remedi data (no schema version); nothing was written to ${destination}.`, {
        fix: 'Check the --db path points to your remedi database.',
      });
    }
    return version;
  } finally {
    copy.close();
  }
}

/** `base`, or `base-2`, `base-3`... whichever does not exist yet. */
function freeBackupPath(base: string): string {
  let candidate = base;
  for (let n = 2; existsSync(candidate); n += 1) candidate = `${base}-${n}`;
  return candidate;
}

/** Opens a database only to read or copy it: no migration, no journal change. */
export function openExisting(path: string): Db {
  if (!existsSync(path)) {
    throw new UserError(`There is no remedi database at ${path}.`, { fix: 'Point to the database with --db PATH or REMEDI_DB.' });
  }
  try {
    const db = new Database(path, { fileMustExist: true });
    db.pragma(`busy_timeout = ${busyTimeoutMs()}`);
    db.pragma('user_version');
    return db;
  } catch (error) {
    throw asOpenError(error, path);
  }
}

/**
 * A copy cut short (a backup or a download interrupted): the file is not whole pages, or
 * is shorter than its header says. The header's page count is only trusted when SQLite
 * marks it valid and no WAL holds pages the file does not have yet.
 */
export function partialCopyProblem(path: string): string | null {
  const size = statSync(path).size;
  const header = Buffer.alloc(100);
  const fd = openSync(path, 'r');
  let read: number;
  try {
    read = readSync(fd, header, 0, 100, 0);
  } finally {
    closeSync(fd);
  }
  if (read < 100 || header.toString('latin1', 0, 16) !== 'SQLite format 3\0') return null;
  const pageSize = header.readUInt16BE(16) === 1 ? 65536 : header.readUInt16BE(16);
  const pages = header.readUInt32BE(28);
  const headerValid = header.readUInt32BE(92) === header.readUInt32BE(24);
  if (size % pageSize !== 0) return `the file is ${size} bytes, not a whole number of ${pageSize}-byte pages: it was cut short (a partial copy?)`;
  const wal = `${path}-wal`;
  const walHoldsPages = existsSync(wal) && statSync(wal).size > 0;
  if (headerValid && !walHoldsPages && pages * pageSize > size) {
    return `the file is ${size} bytes but its header says ${pages} pages of ${pageSize} bytes (${pages * pageSize} bytes): it was cut short (a partial copy?)`;
  }
  return null;
}

function asOpenError(error: unknown, path: string): Error {
  if (error instanceof UserError) return error;
  const code = (error as { code?: string }).code ?? '';
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
    return new UserError(`${path} is not a remedi database (or it is damaged).`, {
      fix: 'Check the --db path; if it is your database, restore it from a backup.',
    });
  }
  if (code === 'SQLITE_CANTOPEN' || code.startsWith('SQLITE_READONLY')) {
    // Say which is read-only, the file or its folder (SQLite's codes do not always tell).
    const canWrite = (file: string) => {
      try {
        accessSync(file, constants.W_OK);
        return true;
      } catch {
        return false;
      }
    };
    if (!canWrite(path)) return sqliteUserError({ code: 'SQLITE_READONLY' }, { path, committed: false })!;
    if (!canWrite(dirname(path))) return sqliteUserError({ code: 'SQLITE_READONLY_DIRECTORY' }, { path, committed: false })!;
  }
  return sqliteUserError(error, { path, committed: false }) ?? (error as Error);
}

const schemaVersion = (db: Db): number => db.pragma('user_version', { simple: true }) as number;

function refuseNewer(db: Db, path: string, found = schemaVersion(db)): void {
  if (found <= SCHEMA_VERSION) return;
  throw new UserError(`${path} was written by a newer version of remedi (schema ${found}; this one knows up to ${SCHEMA_VERSION}).`, {
    fix: 'Update remedi (git pull && npm install) and run the command again; the database was not changed.',
  });
}

function migrate(db: Db, path: string): void {
  if (schemaVersion(db) === SCHEMA_VERSION) return;
  db.transaction(() => {
    // Another process may have migrated between our look and our lock.
    const current = schemaVersion(db);
    refuseNewer(db, path, current);
    for (let next = current + 1; next <= SCHEMA_VERSION; next += 1) {
      db.exec(MIGRATIONS[next - 1]);
    }
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }).immediate();
}
