/**
 * What the reports read, asked of SQLite in the shapes they need: counts and dates, not
 * objects per session (a national programme has a million sessions).
 */
import type { IsoDate } from '../domain/dates.js';
import { bmeStatus, type BmeStatus } from '../domain/ethnicity.js';
import type { ReportInput, ReportRelationshipInput } from '../domain/cohortReport.js';
import type { SessionSummary } from '../domain/sessionSummary.js';
import { KINDS, LEVELS, type Kind, type Level } from '../domain/sessions.js';
import type { PairType, Slot } from '../domain/pairingRules.js';
import type { ChaseRelationship, ReplacementItem } from '../domain/chase.js';
import { inOneRead, type Db } from './connection.js';
import { choiceCounter, dateSplitter, readIntegers } from './joinedValues.js';
import { SessionRelationships, sessionThemeCounts, type ThemeReading } from './sessionThemeCounts.js';
import { relationshipsWithLeavers } from './relationships.js';

/** A cohort's relationships with their people's names (no reasons: reports do not show them). */
export function reportRelationships(db: Db, cohort: number): Array<ReportRelationshipInput & { cohort: number }> {
  return readRelationships(db, { cohort }, null);
}

/**
 * The same, and the BME status of everyone in them (as bmeOfParticipants gives it), read with
 * their names: the report's one pass over their staff rows instead of two.
 */
export function reportRelationshipsWithBme(
  db: Db,
  cohort: number,
): { relationships: Array<ReportRelationshipInput & { cohort: number }>; bmeOf: Map<string, BmeStatus> } {
  const bmeOf = new Map<string, BmeStatus>();
  return { relationships: readRelationships(db, { cohort }, bmeOf), bmeOf };
}

/**
 * These relationships (of any cohorts) with their people's names, by id: for the chase, which
 * decides on chaseRelationships' rows and reads names only for those it lists.
 */
export function relationshipsById(db: Db, ids: readonly number[]): Map<number, ReportRelationshipInput & { cohort: number }> {
  const relationships = readRelationships(db, { ids: [...ids].sort((a, b) => a - b) }, null);
  return new Map(relationships.map((rel) => [rel.id, rel]));
}

/** Relationship ids from `from` to `to`, both included. */
export interface IdRange {
  from: number;
  to: number;
}

export const ALL_IDS: IdRange = { from: 0, to: Number.MAX_SAFE_INTEGER };

/**
 * Where to cut a cohort's relationships in two, by id, so that about `share` of them come from
 * the cut on: the first id of the later part, or null when the cohort has fewer than `minimum`,
 * or too few to cut.
 */
export function cohortIdCut(db: Db, cohort: number, share: number, minimum: number): number | null {
  const count = db.prepare('SELECT count(*) FROM relationships WHERE cohort = ?').pluck().get(cohort) as number;
  const before = Math.round(count * (1 - share));
  if (count < minimum || before < 1 || before >= count) return null;
  return db.prepare('SELECT id FROM relationships WHERE cohort = ? ORDER BY id LIMIT 1 OFFSET ?').pluck().get(cohort, before) as number;
}

/**
 * A cohort's relationships as the chase decides on them, in id order: their dates, the cohort's
 * thresholds and each one's session dates on or before the as-of date (one entry per session),
 * no people. One at a time, each with its dates joined by SQLite in the same row: a
 * relationship's dates are garbage as soon as it is decided, and the chase held every one of
 * fifty thousand relationships' dates at once before (a fifth of its time was collecting them).
 */
export function* chaseRelationships(
  db: Db,
  cohort: { number: number; minMonths: number; minPerMonth: number },
  asOf: IsoDate,
  /** Only those whose id is in this range, for a part read on another thread. */
  ids: IdRange = ALL_IDS,
): Generator<ChaseRelationship & { sessionDates: IsoDate[] }> {
  const rows = db
    .prepare(
      `SELECT r.id, r.start_date, r.ended_on, c.end_date,
         (SELECT group_concat(s.date) FROM sessions s WHERE s.relationship_id = r.id AND s.date <= @asOf)
       FROM relationships r JOIN cohorts c ON c.number = r.cohort
       WHERE r.cohort = @cohort AND r.id BETWEEN @from AND @to ORDER BY r.id`,
    )
    .raw()
    .iterate({ cohort: cohort.number, asOf, from: ids.from, to: ids.to }) as Iterable<[number, IsoDate, IsoDate | null, IsoDate, string | null]>;
  const { number, minMonths, minPerMonth } = cohort;
  const splitDates = dateSplitter();
  for (const [id, start, endedOn, plannedEnd, dates] of rows) {
    yield { id, cohort: number, start, endedOn, plannedEnd, minMonths, minPerMonth, sessionDates: dates === null ? [] : splitDates(dates) };
  }
}

function readRelationships(
  db: Db,
  which: { cohort: number } | { ids: readonly number[] },
  bmeOf: Map<string, BmeStatus> | null,
): Array<ReportRelationshipInput & { cohort: number }> {
  // s.staff_id is null for someone not on the staff list: no BME status (bmeOfParticipants reads only staff rows).
  // The chase list, which needs none, does not read them.
  const bme = bmeOf === null ? '' : ', s.staff_id IS NOT NULL, s.ethnicity, s.bme_override';
  // Both queries below select their relationships by this.
  const [where, param] = 'cohort' in which ? ['r.cohort = ?', which.cohort] : ['r.id IN (SELECT value FROM json_each(?))', JSON.stringify(which.ids)];
  const rows = db
    .prepare(
      `SELECT r.id, r.cohort, r.mentee_id, coalesce(s.name, r.mentee_id) AS mentee_name, r.type, r.start_date, r.ended_on, c.end_date${bme}
       FROM relationships r JOIN cohorts c ON c.number = r.cohort LEFT JOIN staff s ON s.staff_id = r.mentee_id
       WHERE ${where} ORDER BY r.id`,
    )
    .raw()
    .all(param) as Array<[number, number, string, string, PairType, string, string | null, string, number, string | null, number | null]>;
  const relationships = rows.map(([id, number, menteeId, menteeName, type, start, endedOn, plannedEnd, onStaff, ethnicity, override]) => {
    if (bmeOf !== null && onStaff === 1) bmeOf.set(menteeId, bmeStatus(ethnicity, override === null ? null : override === 1));
    return {
      id,
      cohort: number,
      mentee: { staffId: menteeId, name: menteeName },
      mentors: [] as Array<{ staffId: string; name: string; slot: Slot | null }>,
      type,
      start,
      endedOn,
      plannedEnd,
    };
  });
  const mentorRows = db
    .prepare(
      `SELECT m.relationship_id, m.mentor_id, coalesce(s.name, m.mentor_id), m.slot${bme}
       FROM relationship_mentors m JOIN relationships r ON r.id = m.relationship_id LEFT JOIN staff s ON s.staff_id = m.mentor_id
       WHERE ${where} ORDER BY m.relationship_id, m.slot IS NULL, m.slot, m.mentor_id`,
    )
    .raw()
    .iterate(param) as Iterable<[number, string, string, Slot | null, number, string | null, number | null]>;
  // Both in relationship order: each mentor's relationship is found by walking on, with no look-up.
  let at = 0;
  for (const [id, staffId, name, slot, onStaff, ethnicity, override] of mentorRows) {
    while (relationships[at].id < id) at++;
    relationships[at].mentors.push({ staffId, name, slot });
    if (bmeOf !== null && onStaff === 1) bmeOf.set(staffId, bmeStatus(ethnicity, override === null ? null : override === 1));
  }
  return relationships;
}

/**
 * Where a report's session queries look for a cohort's sessions on or before the as-of date:
 * its relationships' ids as one range, read with BETWEEN, when they fill at least half of it
 * (cohorts are paired one after another, so their ids mostly run on), another cohort's rows in
 * the range skipped by `inCohort`; else the ids as an IN list, each of which SQLite seeks in the
 * index one by one (50 ms of the 550 ms scan at fifty thousand relationships).
 */
interface CohortSessions {
  where: string;
  params: Array<number | string>;
  /** Whether a row's relationship is the cohort's; null: every row's is. */
  inCohort: ((relationshipId: number) => boolean) | null;
}

function cohortSessions(db: Db, cohort: number, asOf: IsoDate): CohortSessions {
  const ids = db.prepare('SELECT id FROM relationships WHERE cohort = ? ORDER BY id').pluck().all(cohort) as number[];
  const low = ids.length === 0 ? 0 : ids[0];
  const span = ids.length === 0 ? 0 : ids[ids.length - 1] - low + 1;
  if (ids.length === 0 || span > 2 * ids.length) {
    return { where: 'relationship_id IN (SELECT id FROM relationships WHERE cohort = ?) AND date <= ?', params: [cohort, asOf], inCohort: null };
  }
  const where = 'relationship_id BETWEEN ? AND ? AND date <= ?';
  const params = [low, low + span - 1, asOf];
  if (span === ids.length) return { where, params, inCohort: null };
  const marked = new Uint8Array(span);
  for (const id of ids) marked[id - low] = 1;
  return { where, params, inCohort: (id) => marked[id - low] === 1 };
}

/** What a report needs of the session dates: each relationship's, and the counts they give. */
export type SessionDates = Pick<SessionSummary, 'datesByRelationship' | 'total' | 'minutes' | 'byMonth'>;

/** What a report needs of the sessions' other columns: counts of their kinds, levels and themes. */
export type SessionCounts = Pick<SessionSummary, 'livedExperience' | 'kinds' | 'levels' | 'themes'>;

/** The cohort's sessions on or before the as-of date, summarised (test/helpers/sessionSummary.ts computes the same in memory, to test this against). */
export function cohortSessionSummary(db: Db, cohort: number, asOf: IsoDate, themeReading?: ThemeReading): SessionSummary {
  // One read transaction: the sessions and their themes from the same snapshot.
  return inOneRead(db, () => {
    const where = cohortSessions(db, cohort, asOf);
    const { datesByRelationship, total, minutes, byMonth } = readSessionDates(db, where);
    const { livedExperience, kinds, levels, themes } = readSessionCounts(db, where, themeReading);
    return { datesByRelationship, total, minutes, livedExperience, kinds, levels, byMonth, themes };
  });
}

/** The dates half of cohortSessionSummary: a report on two threads reads it here while the counts are read on the other. */
export function cohortSessionDates(db: Db, cohort: number, asOf: IsoDate): SessionDates {
  return inOneRead(db, () => readSessionDates(db, cohortSessions(db, cohort, asOf)));
}

/** The counts half of cohortSessionSummary (commands/report/reportWorker.ts reads it on its own connection). */
export function cohortSessionCounts(db: Db, cohort: number, asOf: IsoDate, themeReading?: ThemeReading): SessionCounts {
  return inOneRead(db, () => readSessionCounts(db, cohortSessions(db, cohort, asOf), themeReading));
}

// Both halves make one pass over the covering index (relationship, date, kind, level, lived,
// minutes, and the id every index holds), one row per relationship: SQLite sorts nothing (a
// GROUP BY kind or month would sort a million rows), and its columns are joined as they are (an
// expression per session, a CASE for a code, cost SQLite more than the text costs us to count).
// Two passes, each joining only what its half needs, so each can run on a thread of its own;
// on one thread the second pass costs about what joining every column in one would.

function readSessionDates(db: Db, { where, params, inCohort }: CohortSessions): SessionDates {
  const rows = db
    .prepare(`SELECT relationship_id, group_concat(date), sum(minutes) FROM sessions WHERE ${where} GROUP BY relationship_id`)
    .raw()
    .iterate(...params) as Iterable<[number, string, number]>;
  const datesByRelationship = new Map<number, IsoDate[]>();
  const byMonth = new Map<string, number>();
  let total = 0;
  let minutes = 0;
  const splitDates = dateSplitter();
  for (const [id, joined, length] of rows) {
    if (inCohort !== null && !inCohort(id)) continue;
    const dates = splitDates(joined);
    datesByRelationship.set(id, dates);
    total += dates.length;
    minutes += length;
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
  return { datesByRelationship, total, minutes, byMonth };
}

function readSessionCounts(db: Db, { where, params, inCohort }: CohortSessions, themeReading?: ThemeReading): SessionCounts {
  const rows = db
    .prepare(
      `SELECT relationship_id, sum(lived_experience), group_concat(kind), group_concat(level), group_concat(id)
       FROM sessions WHERE ${where} GROUP BY relationship_id`,
    )
    .raw()
    .iterate(...params) as Iterable<[number, number, string, string, string]>;
  const kindCounts = new Array<number>(KINDS.length).fill(0);
  const levelCounts = new Array<number>(LEVELS.length).fill(0);
  const countKinds = choiceCounter(KINDS);
  const countLevels = choiceCounter(LEVELS);
  // Which relationship (its place in the scan, from 1) each session counted belongs to, for the themes.
  const sessions = new SessionRelationships(db);
  const ids: number[] = [];
  let livedExperience = 0;
  for (const [id, lived, kinds, levels, joinedIds] of rows) {
    if (inCohort !== null && !inCohort(id)) continue;
    livedExperience += lived;
    countKinds(kinds, kindCounts);
    countLevels(levels, levelCounts);
    sessions.add(ids, readIntegers(joinedIds, ids, 0));
  }
  const kinds = Object.fromEntries(KINDS.map((k, i) => [k, kindCounts[i]])) as Record<Kind, number>;
  const levels = Object.fromEntries(LEVELS.map((l, j) => [l, levelCounts[j]])) as Record<Level, number>;
  return { livedExperience, kinds, levels, themes: sessionThemeCounts(db, sessions, themeReading) };
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
       WHERE r.cohort IN (SELECT value FROM json_each(?)) ORDER BY st.session_id, st.position`,
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

/**
 * The relationships running on `day` that are not chased because their mentee, or every mentor,
 * has left (docs/compliance.md, "Chase"): those needing a replacement, and one ended that day.
 */
export function leftOutOfChase(db: Db, day: IsoDate, cohort: number): Set<number> {
  return new Set(
    relationshipsWithLeavers(db, day, cohort, 'runs')
      .filter((rel) => rel.needsReplacement)
      .map((rel) => rel.id),
  );
}
