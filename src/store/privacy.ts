/**
 * Erasing a person (UK GDPR right to erasure): their personal data goes; what cohort
 * statistics need stays, under an anonymous id that leads back to nobody.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { IsoDate } from '../domain/dates.js';
import { eraseCharacteristicsOf } from './characteristics.js';
import type { Db } from './db.js';
import { sqlite } from './sqlite.js';

export const FORGOTTEN_NAME = 'Forgotten person';
export const REASONS_REMOVED = 'reasons removed when a participant was forgotten';

export interface ForgetResult {
  anonymousId: string;
  relationships: number;
  sessions: number;
}

/** Call inside a BEGIN IMMEDIATE transaction. */
export function forgetPerson(db: Db, staffId: string, today: IsoDate): ForgetResult {
  // Remember them only as keyed hashes, so a later roster import can skip them
  // (docs/programme-year.md, "Forgotten means forgotten").
  const email = db.prepare('SELECT email FROM staff WHERE staff_id = ?').pluck().get(staffId) as string | null | undefined;
  const key = forgottenKey(db, { create: true })!;
  const remember = db.prepare('INSERT OR IGNORE INTO forgotten (hash, forgotten_on) VALUES (?, ?)');
  remember.run(forgottenHash(key, 'staff id', staffId), today);
  if (email) remember.run(forgottenHash(key, 'email', email), today);
  // Warnings already shown are remembered by a fingerprint of their text, which may hold
  // this person's staff id (as someone's line manager): forget them all, at worst a warning shows again.
  db.prepare('DELETE FROM import_warnings_seen').run();

  let anonymousId: string;
  do anonymousId = `forgotten-${randomBytes(4).toString('hex')}`;
  while (db.prepare('SELECT 1 FROM staff WHERE staff_id = ?').get(anonymousId));

  // The id is a primary key that other tables point to: check the links at commit.
  db.pragma('defer_foreign_keys = ON');
  const relationshipIds = (
    db
      .prepare('SELECT id FROM relationships WHERE mentee_id = ? UNION SELECT relationship_id FROM relationship_mentors WHERE mentor_id = ?')
      .all(staffId, staffId) as Array<{ id: number }>
  ).map((row) => row.id);
  const ids = JSON.stringify(relationshipIds);
  const sessions = (
    db
      .prepare(
        `SELECT id FROM sessions WHERE relationship_id IN (SELECT value FROM json_each(@ids))
         UNION SELECT session_id FROM session_mentors WHERE mentor_id = @staffId`,
      )
      .all({ ids, staffId }) as Array<{ id: number }>
  ).map((row) => row.id);

  // Survey answers are theirs alone, and free text may say anything: erased, not kept under the anonymous id.
  db.prepare('DELETE FROM survey_answers WHERE staff_id = ?').run(staffId);
  // Their protected characteristics are theirs alone too (docs/characteristics.md, "Forgetting").
  eraseCharacteristicsOf(db, staffId);
  db.prepare(
    `UPDATE staff SET staff_id = @anonymousId, name = @name, email = NULL, department = NULL, job_title = NULL,
       staff_group = NULL, band = NULL, ethnicity = NULL, bme_override = NULL, functions = NULL, board_member = 0,
       line_manager_id = NULL, race_trained = 0, race_trained_on = NULL, capacity = 0, active = 0,
       left_on = coalesce(left_on, @today), updated_on = @today, name_key = NULL, hand_set = NULL
     WHERE staff_id = @staffId`,
  ).run({ anonymousId, name: FORGOTTEN_NAME, today, staffId });
  db.prepare('UPDATE staff SET line_manager_id = NULL WHERE line_manager_id = ?').run(staffId);
  // Who came to a cohort meeting is about the person, and no statistic needs it kept (docs/outcomes.md, "Forgetting").
  db.prepare('DELETE FROM meeting_attendance WHERE staff_id = ?').run(staffId);
  db.prepare('UPDATE enrolments SET staff_id = ? WHERE staff_id = ?').run(anonymousId, staffId);
  db.prepare('UPDATE relationships SET mentee_id = ? WHERE mentee_id = ?').run(anonymousId, staffId);
  db.prepare('UPDATE relationship_mentors SET mentor_id = ? WHERE mentor_id = ?').run(anonymousId, staffId);
  db.prepare('UPDATE session_mentors SET mentor_id = ? WHERE mentor_id = ?').run(anonymousId, staffId);
  // Reasons and end notes name people and departments; session notes may say anything.
  db.prepare('UPDATE relationships SET reasons = ?, end_reason = NULL WHERE id IN (SELECT value FROM json_each(?))').run(
    JSON.stringify([REASONS_REMOVED]),
    ids,
  );
  db.prepare('UPDATE sessions SET notes = NULL WHERE id IN (SELECT value FROM json_each(?))').run(JSON.stringify(sessions));
  return { anonymousId, relationships: relationshipIds.length, sessions: sessions.length };
}

/**
 * Erases a person in one BEGIN IMMEDIATE transaction, with SQLite's secure_delete on so what
 * is deleted is overwritten instead of left in free pages (docs/privacy.md, "Erasure").
 */
export function erasePerson(db: Db, staffId: string, today: IsoDate): ForgetResult {
  db.pragma('secure_delete = ON');
  return db.transaction(() => forgetPerson(db, staffId, today)).immediate();
}

/** The key of the forgotten hashes: 32 random bytes, made once, that never leave the database. */
const KEY_SETTING = 'forgotten_hash_key';

function forgottenKey(db: Db, { create }: { create: boolean }): Buffer | null {
  const stored = db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(KEY_SETTING) as string | undefined;
  if (stored !== undefined) return Buffer.from(stored, 'hex');
  if (!create) return null;
  const key = randomBytes(32);
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run(KEY_SETTING, key.toString('hex'));
  return key;
}

/**
 * HMAC-SHA-256 of a staff id (as it is) or an email (lower-cased), each with its kind
 * in front so an id can never match an email. Without the key it cannot be turned back.
 */
function forgottenHash(key: Buffer, kind: 'staff id' | 'email', value: string): string {
  const text = kind === 'email' ? value.trim().toLowerCase() : value.trim();
  return createHmac('sha256', key).update(`${kind}\0${text}`).digest('hex');
}

const MANAGERS_REMEMBERED = 200_000;

export interface ForgottenMatch {
  /** The day the row's person was erased, or null when they were not. */
  erasedOn: IsoDate | null;
  /** Only the email matched, not the staff id. */
  onlyByEmail: boolean;
  /** The row's line manager was erased. */
  managerErased: boolean;
}

/**
 * For a roster import: whether a row's staff id or email, or its line manager's id,
 * belongs to someone erased. Null (nothing to check, no cost) while nobody has been
 * erased. Erasures are few, so their hashes are read once into an index in memory: each
 * row then costs its hashes and a lookup, not a query.
 */
export function forgottenChecker(db: Db): ((row: { staffId: string | null; email: string | null; lineManagerId: string | null }) => ForgottenMatch) | null {
  const key = db.prepare('SELECT 1 FROM forgotten LIMIT 1').get() === undefined ? null : forgottenKey(db, { create: false });
  if (key === null) return null;
  const erasedOnOf = new Map(db.prepare('SELECT hash, forgotten_on FROM forgotten').raw().all() as Array<[string, IsoDate]>);
  // A manager heads many rows: their answer is remembered (hashing is most of the cost).
  const managers = new Map<string, boolean>();
  const managerErased = (id: string): boolean => {
    let erased = managers.get(id);
    if (erased === undefined) {
      erased = erasedOnOf.has(forgottenHash(key, 'staff id', id));
      if (managers.size < MANAGERS_REMEMBERED) managers.set(id, erased);
    }
    return erased;
  };
  return ({ staffId, email, lineManagerId }) => {
    const byId = staffId === null ? undefined : erasedOnOf.get(forgottenHash(key, 'staff id', staffId));
    const byEmail = email === null ? undefined : erasedOnOf.get(forgottenHash(key, 'email', email));
    const erasedOn = byId !== undefined && byEmail !== undefined ? (byId < byEmail ? byId : byEmail) : (byId ?? byEmail ?? null);
    return { erasedOn, onlyByEmail: byId === undefined && byEmail !== undefined, managerErased: lineManagerId !== null && managerErased(lineManagerId) };
  };
}

/** What `PRAGMA wal_checkpoint(TRUNCATE)` says: busy 1 when another connection's read kept it from finishing. */
export interface CheckpointResult {
  busy: number;
  /** Frames in the WAL, and how many of them were copied into the database file (-1 when not in WAL mode). */
  log: number;
  checkpointed: number;
}

/**
 * Copies every change in the WAL into the database file and empties the WAL. While another
 * connection reads an older snapshot, the pages it may still need cannot be overwritten:
 * the result then says busy, and the old values stay in the file. It does not wait (a
 * TRUNCATE checkpoint would otherwise wait the whole busy timeout for the reader): the
 * caller decides how often to try again.
 */
export function checkpointWal(db: Db): CheckpointResult {
  const timeout = db.pragma('busy_timeout', { simple: true }) as number;
  db.pragma('busy_timeout = 0');
  try {
    const [row] = db.pragma('wal_checkpoint(TRUNCATE)') as CheckpointResult[];
    return row;
  } finally {
    db.pragma(`busy_timeout = ${timeout}`);
  }
}

/**
 * checkpointWal, tried a few times a moment apart while another connection's read holds it up
 * (forget and characteristics disable, after their erasure is committed). False when it never finished.
 */
export async function checkpointPatiently(db: Db, tries = 5, waitMs = 200): Promise<boolean> {
  for (let attempt = 1; ; attempt += 1) {
    if (checkpointWal(db).busy === 0) return true;
    if (attempt >= tries) return false;
    await new Promise((resolve) => setTimeout(resolve, waitMs));
  }
}

/** Rebuilds the file, so what was freed (old values included) is not left in free pages. Throws as SQLite does (SQLITE_FULL, SQLITE_BUSY...). */
export function compactFile(db: Db): void {
  db.exec('VACUUM');
}

/** After erasing: overwrite freed pages and empty the WAL, so the old values are not left in the file. False when a reader kept the checkpoint from finishing. */
export function purgeFreedSpace(db: Db): boolean {
  compactFile(db);
  return checkpointWal(db).busy === 0;
}

/**
 * The day a staff id or email (as typed) was erased, or null when it never was: `forget`
 * asked again for someone already erased finishes that erasure instead of failing.
 */
export function erasedOn(db: Db, query: string): IsoDate | null {
  const check = forgottenChecker(db);
  if (check === null) return null;
  const text = query.trim();
  return check({ staffId: text, email: text.includes('@') ? text : null, lineManagerId: null }).erasedOn;
}

/** A copy too big to read into memory to look inside is named as one that may hold them. */
const COPY_CHECKED_UP_TO = 512 * 1024 * 1024;

/**
 * The copies remedi made of the database before updating its layout (store/db.ts names
 * them `<db>.before-update-from-schema-N`, then `-2`, `-3`...), beside it, by whether each
 * still holds the person: those that do, and those that could not be read (which may).
 * Backups made with `remedi backup` can be anywhere, and remedi keeps no list of them.
 */
export function copiesHolding(dbPath: string, person: { staffId: string; email: string | null }): { holding: string[]; unreadable: string[] } {
  const folder = dirname(dbPath);
  const pattern = new RegExp(`^${escapeRegExp(basename(dbPath))}\\.before-update-from-schema-\\d+(-\\d+)?$`);
  let names: string[];
  try {
    names = readdirSync(folder)
      .filter((name) => pattern.test(name))
      .sort();
  } catch {
    return { holding: [], unreadable: [] };
  }
  const holding: string[] = [];
  const unreadable: string[] = [];
  for (const name of names) {
    const path = join(folder, name);
    const holds = copyHolds(path, person);
    if (holds === null) unreadable.push(path);
    else if (holds) holding.push(path);
  }
  return { holding, unreadable };
}

/**
 * Whether one copy holds the person, read from a snapshot of its bytes in memory, so that
 * looking leaves no -wal or -shm file beside it and cannot change it. Null when it cannot be read.
 */
function copyHolds(path: string, person: { staffId: string; email: string | null }): boolean | null {
  let copy: Db | undefined;
  try {
    if (!statSync(path).isFile() || statSync(path).size > COPY_CHECKED_UP_TO) return null;
    const bytes = readFileSync(path);
    // Bytes 18 and 19 say WAL mode (2), which an in-memory database cannot use: read it as a plain file (1).
    if (bytes.length >= 100 && bytes[18] === 2 && bytes[19] === 2) bytes[18] = bytes[19] = 1;
    copy = sqlite(bytes, { readonly: true });
    const found = copy
      .prepare('SELECT 1 FROM staff WHERE staff_id = ? OR (? IS NOT NULL AND lower(email) = lower(?)) LIMIT 1')
      .get(person.staffId, person.email, person.email);
    return found !== undefined;
  } catch {
    return null;
  } finally {
    copy?.close();
  }
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
