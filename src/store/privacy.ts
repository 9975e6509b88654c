/**
 * Erasing a person (UK GDPR right to erasure): their personal data goes; what cohort
 * statistics need stays, under an anonymous id that leads back to nobody.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { IsoDate } from '../domain/dates.js';
import type { Db } from './db.js';

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

  db.prepare(
    `UPDATE staff SET staff_id = @anonymousId, name = @name, email = NULL, department = NULL, job_title = NULL,
       staff_group = NULL, band = NULL, ethnicity = NULL, bme_override = NULL, functions = NULL, board_member = 0,
       line_manager_id = NULL, race_trained = 0, race_trained_on = NULL, capacity = 0, active = 0,
       left_on = coalesce(left_on, @today), updated_on = @today, name_key = NULL, hand_set = NULL
     WHERE staff_id = @staffId`,
  ).run({ anonymousId, name: FORGOTTEN_NAME, today, staffId });
  db.prepare('UPDATE staff SET line_manager_id = NULL WHERE line_manager_id = ?').run(staffId);
  db.prepare('UPDATE enrolments SET staff_id = ? WHERE staff_id = ?').run(anonymousId, staffId);
  db.prepare('UPDATE relationships SET mentee_id = ? WHERE mentee_id = ?').run(anonymousId, staffId);
  db.prepare('UPDATE relationship_mentors SET mentor_id = ? WHERE mentor_id = ?').run(anonymousId, staffId);
  db.prepare('UPDATE session_mentors SET mentor_id = ? WHERE mentor_id = ?').run(anonymousId, staffId);
  // Reasons and end notes name people and departments; session notes may say anything.
  db.prepare('UPDATE relationships SET reasons = ?, end_reason = NULL WHERE id IN (SELECT value FROM json_each(?))').run(JSON.stringify([REASONS_REMOVED]), ids);
  db.prepare('UPDATE sessions SET notes = NULL WHERE id IN (SELECT value FROM json_each(?))').run(JSON.stringify(sessions));
  return { anonymousId, relationships: relationshipIds.length, sessions: sessions.length };
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

/** After erasing: overwrite freed pages and empty the WAL, so the old values are not left in the file. */
export function purgeFreedSpace(db: Db): void {
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.exec('VACUUM');
  db.pragma('wal_checkpoint(TRUNCATE)');
}
