/**
 * What the reports read, asked of SQLite in the shapes they need: counts and dates, not
 * objects per session (a national programme has a million sessions).
 */
import type { IsoDate } from '../domain/dates.js';
import { bmeStatus, type BmeStatus } from '../domain/ethnicity.js';
import { themeOrder, type ReportRelationshipInput, type SessionSummary } from '../domain/cohortReport.js';
import { KINDS, LEVELS, type Kind, type Level } from '../domain/sessions.js';
import type { PairType, Slot } from '../domain/pairingRules.js';
import type { Db } from './db.js';

/** A cohort's relationships with their people's names (no reasons: reports do not show them). */
export function reportRelationships(db: Db, cohort: number): Array<ReportRelationshipInput & { cohort: number }> {
  const rows = db
    .prepare(
      `SELECT r.id, r.cohort, r.mentee_id, coalesce(s.name, r.mentee_id) AS mentee_name, r.type, r.start_date, r.ended_on, c.end_date
       FROM relationships r JOIN cohorts c ON c.number = r.cohort LEFT JOIN staff s ON s.staff_id = r.mentee_id
       WHERE r.cohort = ? ORDER BY r.id`,
    )
    .raw()
    .all(cohort) as Array<[number, number, string, string, PairType, string, string | null, string]>;
  const mentors = new Map<number, Array<{ staffId: string; name: string; slot: Slot | null }>>();
  const mentorRows = db
    .prepare(
      `SELECT m.relationship_id, m.mentor_id, coalesce(s.name, m.mentor_id), m.slot
       FROM relationship_mentors m JOIN relationships r ON r.id = m.relationship_id LEFT JOIN staff s ON s.staff_id = m.mentor_id
       WHERE r.cohort = ? ORDER BY m.relationship_id, m.slot IS NULL, m.slot, m.mentor_id`,
    )
    .raw()
    .iterate(cohort) as Iterable<[number, string, string, Slot | null]>;
  for (const [id, staffId, name, slot] of mentorRows) {
    const list = mentors.get(id) ?? [];
    list.push({ staffId, name, slot });
    mentors.set(id, list);
  }
  return rows.map(([id, number, menteeId, menteeName, type, start, endedOn, plannedEnd]) => ({
    id,
    cohort: number,
    mentee: { staffId: menteeId, name: menteeName },
    mentors: mentors.get(id) ?? [],
    type,
    start,
    endedOn,
    plannedEnd,
  }));
}

/** The cohort's sessions on or before the as-of date, summarised (as summariseSessions does in memory). */
export function cohortSessionSummary(db: Db, cohort: number, asOf: IsoDate): SessionSummary {
  const datesByRelationship = new Map<number, IsoDate[]>();
  const dates = db
    .prepare(
      `SELECT s.relationship_id, s.date FROM sessions s JOIN relationships r ON r.id = s.relationship_id
       WHERE r.cohort = ? AND s.date <= ? ORDER BY s.relationship_id, s.date`,
    )
    .raw()
    .iterate(cohort, asOf) as Iterable<[number, string]>;
  let current = -1;
  let list: IsoDate[] = [];
  for (const [id, date] of dates) {
    if (id !== current) {
      current = id;
      list = [];
      datesByRelationship.set(id, list);
    }
    list.push(date);
  }

  const kinds = Object.fromEntries(KINDS.map((k) => [k, 0])) as Record<Kind, number>;
  const levels = Object.fromEntries(LEVELS.map((l) => [l, 0])) as Record<Level, number>;
  const byMonth = new Map<string, number>();
  let total = 0;
  let minutes = 0;
  let livedExperience = 0;
  const groups = db
    .prepare(
      `SELECT s.kind, s.level, substr(s.date, 1, 7), s.lived_experience, count(*), sum(s.minutes)
       FROM sessions s JOIN relationships r ON r.id = s.relationship_id
       WHERE r.cohort = ? AND s.date <= ? GROUP BY 1, 2, 3, 4`,
    )
    .raw()
    .all(cohort, asOf) as Array<[Kind, Level, string, number, number, number]>;
  for (const [kind, level, month, lived, count, sum] of groups) {
    kinds[kind] += count;
    levels[level] += count;
    byMonth.set(month, (byMonth.get(month) ?? 0) + count);
    total += count;
    minutes += sum;
    if (lived === 1) livedExperience += count;
  }

  const themes = (
    db
      .prepare(
        `SELECT t.label, count(*), count(DISTINCT s.relationship_id)
         FROM session_themes st JOIN themes t ON t.id = st.theme_id JOIN sessions s ON s.id = st.session_id
         JOIN relationships r ON r.id = s.relationship_id
         WHERE r.cohort = ? AND s.date <= ? GROUP BY t.id`,
      )
      .raw()
      .all(cohort, asOf) as Array<[string, number, number]>
  )
    .map(([theme, sessions, relationships]) => ({ theme, sessions, relationships }))
    .sort(themeOrder);
  return { datesByRelationship, total, minutes, livedExperience, kinds, levels, byMonth, themes };
}

/** BME status of the given people, from their stored ethnicity and override. */
export function bmeOfPeople(db: Db, staffIds: Iterable<string>): Map<string, BmeStatus> {
  const find = db.prepare('SELECT ethnicity, bme_override FROM staff WHERE staff_id = ?').raw();
  const result = new Map<string, BmeStatus>();
  for (const id of staffIds) {
    const row = find.get(id) as [string | null, number | null] | undefined;
    if (row) result.set(id, bmeStatus(row[0], row[1] === null ? null : row[1] === 1));
  }
  return result;
}

/** Every active board member, with their role in this cohort (null: not enrolled). */
export function boardWithRoles(db: Db, cohort: number): Array<{ staffId: string; name: string; role: 'mentor' | 'mentee' | 'either' | null }> {
  const rows = db
    .prepare(
      `SELECT s.staff_id, s.name, e.role FROM staff s LEFT JOIN enrolments e ON e.staff_id = s.staff_id AND e.cohort = ?
       WHERE s.board_member = 1 AND s.active = 1 ORDER BY s.staff_id`,
    )
    .raw()
    .all(cohort) as Array<[string, string, 'mentor' | 'mentee' | 'either' | null]>;
  return rows.map(([staffId, name, role]) => ({ staffId, name, role }));
}
