/**
 * What the reports read, asked of SQLite in the shapes they need: counts and dates, not
 * objects per session (a national programme has a million sessions).
 */
import type { IsoDate } from '../domain/dates.js';
import { bmeStatus, type BmeStatus } from '../domain/ethnicity.js';
import type { ReportInput, ReportRelationshipInput } from '../domain/cohortReport.js';
import { themeOrder, type SessionSummary } from '../domain/sessionSummary.js';
import { KINDS, LEVELS, type Kind, type Level } from '../domain/sessions.js';
import type { PairType, Slot } from '../domain/pairingRules.js';
import type { ReplacementItem } from '../domain/chase.js';
import type { Db } from './db.js';
import { relationshipsWithLeavers } from './relationships.js';

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

/** The cohort's sessions on or before the as-of date, summarised (test/helpers/sessionSummary.ts computes the same in memory, to test this against). */
export function cohortSessionSummary(db: Db, cohort: number, asOf: IsoDate): SessionSummary {
  const datesByRelationship = new Map<number, IsoDate[]>();
  const kinds = Object.fromEntries(KINDS.map((k) => [k, 0])) as Record<Kind, number>;
  const levels = Object.fromEntries(LEVELS.map((l) => [l, 0])) as Record<Level, number>;
  const byDate = new Map<IsoDate, number>();
  let total = 0;
  let minutes = 0;
  let livedExperience = 0;
  // One pass over the covering index (relationship, date, kind, level, lived, minutes).
  const rows = db
    .prepare(
      `SELECT relationship_id, date, kind, level, lived_experience, minutes FROM sessions
       WHERE relationship_id IN (SELECT id FROM relationships WHERE cohort = ?) AND date <= ?
       ORDER BY relationship_id, date`,
    )
    .raw()
    .iterate(cohort, asOf) as Iterable<[number, IsoDate, Kind, Level, number, number]>;
  let current = -1;
  let list: IsoDate[] = [];
  for (const [id, date, kind, level, lived, length] of rows) {
    if (id !== current) {
      current = id;
      list = [];
      datesByRelationship.set(id, list);
    }
    list.push(date);
    kinds[kind] += 1;
    levels[level] += 1;
    byDate.set(date, (byDate.get(date) ?? 0) + 1);
    total += 1;
    minutes += length;
    livedExperience += lived;
  }
  const byMonth = new Map<string, number>();
  for (const [date, count] of byDate) byMonth.set(date.slice(0, 7), (byMonth.get(date.slice(0, 7)) ?? 0) + count);

  const themes = (
    db
      .prepare(
        `SELECT t.label, count(*), count(DISTINCT s.relationship_id)
         FROM session_themes st JOIN sessions s ON s.id = st.session_id JOIN themes t ON t.id = st.theme_id
         WHERE s.relationship_id IN (SELECT id FROM relationships WHERE cohort = ?) AND s.date <= ? GROUP BY st.theme_id`,
      )
      .raw()
      .all(cohort, asOf) as Array<[string, number, number]>
  )
    .map(([theme, sessions, relationships]) => ({ theme, sessions, relationships }))
    .sort(themeOrder);
  return { datesByRelationship, total, minutes, livedExperience, kinds, levels, byMonth, themes };
}

/** BME status of everyone in the cohort's relationships, from their stored ethnicity and override. */
export function bmeOfParticipants(db: Db, cohort: number): Map<string, BmeStatus> {
  const rows = db
    .prepare(
      `SELECT staff_id, ethnicity, bme_override FROM staff WHERE staff_id IN (
         SELECT mentee_id FROM relationships WHERE cohort = ?
         UNION SELECT m.mentor_id FROM relationship_mentors m JOIN relationships r ON r.id = m.relationship_id WHERE r.cohort = ?)`,
    )
    .raw()
    .all(cohort, cohort) as Array<[string, string | null, number | null]>;
  return new Map(rows.map(([id, ethnicity, override]) => [id, bmeStatus(ethnicity, override === null ? null : override === 1)]));
}

/** Every active board member, with their role in this cohort (null: not enrolled) and the day they withdrew from it. */
export function boardWithRoles(db: Db, cohort: number): ReportInput['board'] {
  const rows = db
    .prepare(
      `SELECT s.staff_id, s.name, e.role, e.withdrawn_on FROM staff s LEFT JOIN enrolments e ON e.staff_id = s.staff_id AND e.cohort = ?
       WHERE s.board_member = 1 AND s.active = 1 ORDER BY s.staff_id`,
    )
    .raw()
    .all(cohort) as Array<[string, string, 'mentor' | 'mentee' | 'either' | null, IsoDate | null]>;
  return rows.map(([staffId, name, role, withdrawnOn]) => ({ staffId, name, role, withdrawnOn }));
}

/** The themes of every session in these cohorts, one entry per session that has any. */
export function themedSessions(db: Db, cohorts: readonly number[]): Array<{ cohort: number; relationshipId: number; themes: string[] }> {
  const rows = db
    .prepare(
      `SELECT st.session_id, r.cohort, s.relationship_id, t.label
       FROM session_themes st JOIN sessions s ON s.id = st.session_id JOIN themes t ON t.id = st.theme_id
       JOIN relationships r ON r.id = s.relationship_id
       WHERE r.cohort IN (SELECT value FROM json_each(?)) ORDER BY st.session_id, st.rowid`,
    )
    .raw()
    .iterate(JSON.stringify(cohorts)) as Iterable<[number, number, number, string]>;
  const sessions: Array<{ cohort: number; relationshipId: number; themes: string[] }> = [];
  let current = -1;
  for (const [sessionId, cohort, relationshipId, label] of rows) {
    if (sessionId !== current) {
      current = sessionId;
      sessions.push({ cohort, relationshipId, themes: [] });
    }
    sessions[sessions.length - 1].themes.push(label);
  }
  return sessions;
}

/**
 * Relationships holding their people on `day` that need a replacement (their mentee, or
 * every mentor, has left: docs/programme-year.md, "Leavers"), of one cohort or all, with names.
 */
export function replacementsNeeded(db: Db, day: IsoDate, cohort?: number): Array<ReplacementItem & { cohort: number }> {
  const nameOf = db.prepare('SELECT name FROM staff WHERE staff_id = ?').pluck();
  const person = (staffId: string) => ({ staffId, name: (nameOf.get(staffId) as string | undefined) ?? staffId });
  return relationshipsWithLeavers(db, day, cohort)
    .filter((rel) => rel.needsReplacement)
    .map((rel) => ({ id: rel.id, cohort: rel.cohort, mentee: person(rel.menteeId), mentors: rel.mentorIds.map(person), left: rel.left }));
}
