/**
 * The one SQLite file: opening it safely, whichever way a command needs it.
 * It holds special category data (ethnicity), so it is owner-only from its first byte,
 * and every write runs in a BEGIN IMMEDIATE transaction.
 *
 * A brand-new database is built under a temporary name beside its real one and appears
 * under the real name only once its first transaction has committed (`publish()`), so a
 * command that fails never leaves, or deletes, a file at the path someone asked for.
 *
 * The pieces are beside it: dbPath (where), connection (how every connection is set up),
 * schema (whose and which version), permissions, publishDatabase (the real name),
 * networkFolder, readOnlyOpen, backup, and openErrors (what a failure means to the user).
 */
import { closeSync, existsSync, openSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { UserError, noteCommitted, noteDatabaseOpened, sqliteUserError } from '../errors.js';
import { busyTimeoutMs, configure, registerFunctions, trackCommits, type Db } from './connection.js';
import { whatIsAt, type Found } from './dbPath.js';
import { networkNotice } from './networkFolder.js';
import { asOpenError, foreignDatabase, noDatabase } from './openErrors.js';
import { ownerOnly, tightenPermissions } from './permissions.js';
import { DatabaseAppeared, moveIntoPlace } from './publishDatabase.js';
import { openReadOnly, writable } from './readOnlyOpen.js';
import { loadMigrations, migrate, needsMigrating, refuseNewer, schemaKind, schemaVersion, type Migrations } from './schema.js';
import { SCHEMA_VERSION } from './schemaVersion.js';
import { sqlite } from './sqlite.js';

export type { Db } from './connection.js';
export { resolveDbPath } from './dbPath.js';
// publish() throws it, and the commands that create a database catch it.
export { DatabaseAppeared } from './publishDatabase.js';

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
  publish: () => void;
  /**
   * Closes the connection; a new database that was never published is removed (its temporary file only).
   * publish and close are properties, not methods: callers take them out of the OpenedDb (`const { db, close } = ...`).
   */
  close: () => void;
}

/**
 * Opens (or, for a writing command, creates) the database and brings its schema up to
 * date. An older database is first copied beside itself with SQLite's backup API (a
 * plain file copy would miss pages still in the WAL), then migrated in one transaction.
 */
export async function openDatabase(path: string, options: OpenOptions): Promise<OpenedDb> {
  if (path === ':memory:') {
    // A scratch database (a dry run against no file): nothing to create or check.
    const db = sqlite(path);
    configure(db);
    migrate(db, path, await loadMigrations());
    return opened({ db, path, created: false, backup: null, notices: [] });
  }
  const found = whatIsAt(path);
  if (options.readonly) return openForReading(path, found, options);
  if (found === 'missing' || found === 'empty') {
    if (!options.create) throw noDatabase(path, found);
  }
  if (found === 'missing') {
    const building = openNew(path, options, await loadMigrations());
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

/**
 * A new database: made under `<path>.new-<random>` (created exclusively, owner-only) and
 * filled there, journal_mode DELETE, so no -wal or -shm is named after the temporary file.
 */
function openNew(path: string, options: OpenOptions, migrations: Migrations): OpenedDb {
  const folder = dirname(path);
  if (!existsSync(folder)) {
    throw new UserError(`Cannot create the database ${path}: the folder ${folder} does not exist.`, {
      fix: 'Create the folder first, or choose another path with --db PATH.',
    });
  }
  // node:crypto is loaded only here, to create a database: its modules were a tenth of every command's start-up above node's own.
  const temporary = `${path}.new-${process.getBuiltinModule('node:crypto').randomBytes(6).toString('hex')}`;
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
    db = sqlite(temporary, { fileMustExist: true });
    configure(db, 'DELETE');
    migrate(db, path, migrations);
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
    db = sqlite(path, { fileMustExist: true });
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
      // Loaded only for an update: the copy's checks (health, the report's reads) are not every command's start-up.
      const { backupTo, freeBackupPath } = await import('./backup.js');
      backup = freeBackupPath(`${path}.before-update-from-schema-${version}`);
      await backupTo(db, backup);
    }
    if (needsMigrating(db)) migrate(db, path, await loadMigrations());
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
    if (version >= SCHEMA_VERSION) {
      registerFunctions(db);
      const notices = networkNotice(db, path, options, { record: false });
      return opened({ db, path, created: false, backup: null, notices });
    }
    if (!writable(path)) {
      throw new UserError(
        `${path} was made by an older remedi (schema ${version}; this one needs ${SCHEMA_VERSION}), so it needs updating by a command that writes, and it is read-only here.`,
        { fix: 'Copy it to a folder you can write to and run the command there with --db PATH; the file here was not changed.' },
      );
    }
    db.close();
  } catch (error) {
    if (db.open) db.close();
    throw asOpenError(error, path);
  }
  // An older schema in a file that may be written: a writing open brings it up to date (and says what goes wrong itself).
  return openDatabase(path, { ...options, create: false, readonly: false });
}

function opened(fields: Omit<OpenedDb, 'publish' | 'close' | 'published'>): OpenedDb {
  return { ...fields, published: true, publish: () => fields.db.open && fields.db.close(), close: () => fields.db.open && fields.db.close() };
}
