/**
 * What `remedi check` reads from a database file: SQLite's integrity check, the links between
 * records (foreign keys), and, for a sound file of today's schema, the running relationships a
 * leaver left behind (docs/programme-year.md, "Leavers").
 */
import { UserError } from '../errors.js';
import type { ReplacementItem } from '../domain/chase.js';
import type { IsoDate } from '../domain/dates.js';
import type { Db } from './connection.js';
import { SCHEMA_VERSION } from './schemaVersion.js';
import { openReadOnly } from './readOnlyOpen.js';
import { replacementsNeeded } from './reportData.js';
import { schemaKind, schemaVersion } from './schema.js';

/** A record that points to one that is not there. */
export interface BrokenLink {
  table: string;
  rowid: number;
  parent: string;
}

export interface DatabaseHealth {
  schemaVersion: number;
  /** SQLite's integrity check, line by line: ['ok'] for a sound file. */
  integrity: string[];
  foreignKeys: BrokenLink[];
}

/**
 * An error SQLite raises because the file is damaged (not a disk, lock or permission problem):
 * for a check it is the answer, not a crash. Extended codes (SQLITE_CORRUPT_INDEX...) count too.
 */
export function isDamage(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB' || code === 'SQLITE_IOERR_SHORT_READ');
}

/** SQLite's integrity check, every line of it. */
export const integrityCheck = (db: Db): string[] => (db.pragma('integrity_check') as Array<{ integrity_check: string }>).map((row) => row.integrity_check);

/** Every record whose link (foreign key) points to a record that is not there. */
export const brokenLinks = (db: Db): BrokenLink[] =>
  (db.pragma('foreign_key_check') as BrokenLink[]).map(({ table, rowid, parent }) => ({ table, rowid, parent }));

export interface InspectHow {
  /** Whether the file is sound, given what was read: only a sound file is asked for its to-dos. */
  sound: (health: DatabaseHealth) => boolean;
  /** The error to throw when the file cannot be opened at all (by default, what opening said). */
  cannotOpen?: (error: unknown) => Error;
}

/**
 * Opens `path` read-only (so a database on read-only media can be checked, and an older schema
 * is checked as it is), reads its health and, for a sound file of today's schema, the
 * relationships needing a replacement; closes it. A file SQLite stops reading part-way is
 * answered by its error message as the integrity line.
 */
export function inspectDatabase(
  path: string,
  today: IsoDate,
  how: InspectHow,
): DatabaseHealth & { needsReplacement: Array<ReplacementItem & { cohort: number }> } {
  let db: Db;
  try {
    db = openReadOnly(path);
  } catch (error) {
    throw how.cannotOpen?.(error) ?? error;
  }
  try {
    let health: DatabaseHealth = { schemaVersion: 0, integrity: [], foreignKeys: [] };
    try {
      refuseNotRemedi(db, path);
      health.schemaVersion = schemaVersion(db);
      health = { ...health, integrity: integrityCheck(db), foreignKeys: brokenLinks(db) };
    } catch (error) {
      if (!isDamage(error)) throw error;
      health = { ...health, integrity: [`SQLite cannot read the file: ${(error as Error).message}`], foreignKeys: [] };
    }
    // A damaged file is not asked for more than its health, nor an older schema for today's tables.
    const needsReplacement = how.sound(health) && health.schemaVersion === SCHEMA_VERSION ? replacementsNeeded(db, today) : [];
    return { ...health, needsReplacement };
  } finally {
    db.close();
  }
}

function refuseNotRemedi(db: Db, path: string): void {
  const kind = schemaKind(db);
  if (kind === 'remedi') return;
  throw new UserError(
    kind === 'empty'
      ? `${path} is an SQLite database with no remedi tables in it, not a remedi database.`
      : `${path} is an SQLite database of another program, not a remedi database.`,
    { fix: 'Check the --db path: remedi keeps its own file (remedi.db by default).' },
  );
}
