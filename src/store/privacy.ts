/**
 * Erasing a person (UK GDPR right to erasure): their personal data goes; what cohort
 * statistics need stays, under an anonymous id that leads back to nobody.
 */
import { randomBytes } from 'node:crypto';
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

/** After erasing: overwrite freed pages and empty the WAL, so the old values are not left in the file. */
export function purgeFreedSpace(db: Db): void {
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.exec('VACUUM');
  db.pragma('wal_checkpoint(TRUNCATE)');
}
