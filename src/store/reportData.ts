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

/** A cohort's sessions on or before the as-of date, one query's WHERE (bound: cohort, as-of). */
const COHORT_SESSIONS = 'relationship_id IN (SELECT id FROM relationships WHERE cohort = ?) AND date <= ?';

/**
 * Each relationship's session dates (one entry per session) on or before the as-of date: what
 * compliance and the chase list need. One row per relationship, its dates joined by SQLite
 * (a million rows through the driver cost several times what fifty thousand strings do to split).
 */
export function cohortSessionDates(db: Db, cohort: number, asOf: IsoDate): Map<number, IsoDate[]> {
  const rows = db
    .prepare(`SELECT relationship_id, group_concat(date) FROM sessions WHERE ${COHORT_SESSIONS} GROUP BY relationship_id`)
    .raw()
    .iterate(cohort, asOf) as Iterable<[number, string]>;
  const datesByRelationship = new Map<number, IsoDate[]>();
  const splitDates = dateSplitter();
  for (const [id, dates] of rows) datesByRelationship.set(id, splitDates(dates));
  return datesByRelationship;
}

/**
 * Splits a relationship's joined dates, each distinct day one shared string: a cohort's million
 * sessions fall on a few hundred days, and a string per session is most of the report's garbage.
 * Dates are ISO days (validated as sessions are written), so never hold the separator; anything
 * not ten characters apart is split plainly.
 */
function dateSplitter(): (joined: string) => IsoDate[] {
  const days = new Map<number, IsoDate>();
  return (joined) => {
    if ((joined.length + 1) % 11 !== 0) return joined.split(',');
    const dates: IsoDate[] = new Array<IsoDate>((joined.length + 1) / 11);
    for (let i = 0, at = 0; at < joined.length; i++, at += 11) {
      if (at + 10 < joined.length && joined.charCodeAt(at + 10) !== 44) return joined.split(',');
      // The day's ten characters as one number, each (from the dash, 45, to the digits, 48 to 57) one hex digit.
      let key = 0;
      for (let c = at; c < at + 10; c++) {
        const digit = joined.charCodeAt(c) - 45;
        if (digit < 0 || digit > 15) return joined.split(',');
        key = key * 16 + digit;
      }
      let date = days.get(key);
      if (date === undefined) {
        date = joined.slice(at, at + 10);
        days.set(key, date);
      }
      dates[i] = date;
    }
    return dates;
  };
}

/**
 * A session's kind and level as one character (`0` + kind * levels + level), so a relationship's
 * are one string. Written into the SQL (our own constants: no quotes in them), which SQLite
 * compares faster than bound values.
 */
const caseOf = (column: string, values: readonly string[], times: number) =>
  `CASE ${column} ${values.map((value, i) => `WHEN '${value}' THEN ${i * times}`).join(' ')} END`;
const KIND_LEVEL_CODE = `char(48 + ${caseOf('kind', KINDS, LEVELS.length)} + ${caseOf('level', LEVELS, 1)})`;

/** The cohort's sessions on or before the as-of date, summarised (test/helpers/sessionSummary.ts computes the same in memory, to test this against). */
export function cohortSessionSummary(db: Db, cohort: number, asOf: IsoDate): SessionSummary {
  // One pass over the covering index (relationship, date, kind, level, lived, minutes), one row
  // per relationship: SQLite sorts nothing (a GROUP BY kind or month would sort a million rows).
  const rows = db
    .prepare(
      `SELECT relationship_id, group_concat(date), sum(minutes), sum(lived_experience), group_concat(${KIND_LEVEL_CODE}, '')
       FROM sessions WHERE ${COHORT_SESSIONS} GROUP BY relationship_id`,
    )
    .raw()
    .iterate(cohort, asOf) as Iterable<[number, string, number, number, string]>;
  const datesByRelationship = new Map<number, IsoDate[]>();
  const kindLevel = new Array<number>(KINDS.length * LEVELS.length).fill(0);
  const byMonth = new Map<string, number>();
  let total = 0;
  let minutes = 0;
  let livedExperience = 0;
  const splitDates = dateSplitter();
  for (const [id, joined, length, lived, codes] of rows) {
    const dates = splitDates(joined);
    datesByRelationship.set(id, dates);
    total += dates.length;
    minutes += length;
    livedExperience += lived;
    for (let i = 0; i < codes.length; i++) kindLevel[codes.charCodeAt(i) - 48] += 1;
    // A relationship's dates come month by month (the index's order): count a run before touching the map.
    let month = '';
    let run = 0;
    for (const date of dates) {
      if (run > 0 && date.startsWith(month)) run += 1;
      else {
        if (run > 0) byMonth.set(month, (byMonth.get(month) ?? 0) + run);
        month = date.slice(0, 7);
        run = 1;
      }
    }
    if (run > 0) byMonth.set(month, (byMonth.get(month) ?? 0) + run);
  }
  const kinds = Object.fromEntries(KINDS.map((k, i) => [k, kindLevel.slice(i * LEVELS.length, (i + 1) * LEVELS.length).reduce((a, b) => a + b, 0)])) as Record<
    Kind,
    number
  >;
  const levels = Object.fromEntries(LEVELS.map((l, j) => [l, KINDS.reduce((sum, _k, i) => sum + kindLevel[i * LEVELS.length + j], 0)])) as Record<
    Level,
    number
  >;
  return { datesByRelationship, total, minutes, livedExperience, kinds, levels, byMonth, themes: cohortThemes(db, cohort, asOf) };
}

/**
 * Each theme raised in the cohort's sessions up to the as-of date, with its sessions and
 * distinct relationships. Read one row per relationship in the index's order (a session has a
 * theme at most once: the key is (session, theme)), counted here, so SQLite sorts nothing.
 */
function cohortThemes(db: Db, cohort: number, asOf: IsoDate): SessionSummary['themes'] {
  const rows = db
    .prepare(
      `SELECT s.relationship_id, group_concat(st.theme_id) FROM sessions s JOIN session_themes st ON st.session_id = s.id
       WHERE s.relationship_id IN (SELECT id FROM relationships WHERE cohort = ?) AND s.date <= ? GROUP BY s.relationship_id`,
    )
    .raw()
    .iterate(cohort, asOf) as Iterable<[number, string]>;
  const counts = new Map<number, { sessions: number; relationships: number; lastRelationship: number }>();
  for (const [relationshipId, themeIds] of rows) {
    for (const text of themeIds.split(',')) {
      const themeId = Number(text);
      let count = counts.get(themeId);
      if (count === undefined) {
        count = { sessions: 0, relationships: 0, lastRelationship: -1 };
        counts.set(themeId, count);
      }
      count.sessions += 1;
      if (count.lastRelationship !== relationshipId) {
        count.lastRelationship = relationshipId;
        count.relationships += 1;
      }
    }
  }
  if (counts.size === 0) return [];
  const labels = new Map(db.prepare('SELECT id, label FROM themes').raw().all() as Array<[number, string]>);
  return [...counts].map(([themeId, { sessions, relationships }]) => ({ theme: labels.get(themeId) ?? '', sessions, relationships })).sort(themeOrder);
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
