/**
 * Relationships: a mentee with one mentor (a pair) or two (a trio), in a cohort.
 * Their life (end, running, holding their people) is domain/relationshipLife.ts's rule;
 * the queries here mirror it in SQL (lifeSql), and a store test holds them to it.
 */
import type { IsoDate } from '../domain/dates.js';
import { pairKey } from '../domain/pairKey.js';
import type { PairType, Slot } from '../domain/pairingRules.js';
import type { RelationshipRecord, RelationshipWithLeavers } from '../domain/relationships.js';
import type { SessionTarget } from '../domain/sessions.js';
import type { Db } from './db.js';

export type NewRelationship = Omit<RelationshipRecord, 'id' | 'endedOn' | 'endReason' | 'plannedEnd'>;

interface RelationshipRow {
  id: number;
  cohort: number;
  mentee_id: string;
  type: PairType;
  score: number;
  reasons: string;
  start_date: string;
  ended_on: string | null;
  end_reason: string | null;
  override: number;
  planned_end: string;
}

/**
 * domain/relationshipLife.ts in SQL, over `r` (relationships) joined with `c` (its cohort);
 * `day` is an SQL expression (a parameter such as @today). Each mirrors the function of the
 * same name (docs/programme-year.md, "A relationship's life").
 */
export const lifeSql = {
  /** relationshipEnd: the day it was ended, else its cohort's end. */
  end: 'coalesce(r.ended_on, c.end_date)',
  /** runsOn: from its start to its end, both inclusive. */
  runsOn: (day: string) => `(r.start_date <= ${day} AND ${day} <= coalesce(r.ended_on, c.end_date))`,
  /** holdsPeopleOn: to the end of its planned end day, or to the start of the day it was ended. */
  holdsPeopleOn: (day: string) => `(CASE WHEN r.ended_on IS NULL THEN ${day} <= c.end_date ELSE ${day} < r.ended_on END)`,
  /** holdsPlaceInCohortOn: holds them on the day or, once the cohort is over, on its last day. */
  holdsPlaceInCohortOn: (day: string) => lifeSql.holdsPeopleOn(`min(${day}, c.end_date)`),
};

export function loadRelationships(db: Db, filter: { cohort?: number; ids?: number[] } = {}): RelationshipRecord[] {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  if (filter.cohort !== undefined) {
    where.push('r.cohort = @cohort');
    params.cohort = filter.cohort;
  }
  if (filter.ids !== undefined) {
    where.push('r.id IN (SELECT value FROM json_each(@ids))');
    params.ids = JSON.stringify(filter.ids);
  }
  const rows = db
    .prepare(
      `SELECT r.*, c.end_date AS planned_end FROM relationships r JOIN cohorts c ON c.number = r.cohort
       ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY r.cohort, r.id`,
    )
    .all(params) as RelationshipRow[];
  const mentorRows = db
    .prepare('SELECT relationship_id, mentor_id, slot FROM relationship_mentors ORDER BY relationship_id, slot IS NULL, slot, mentor_id')
    .all() as Array<{ relationship_id: number; mentor_id: string; slot: Slot | null }>;
  const mentorsOf = new Map<number, Array<{ staffId: string; slot: Slot | null }>>();
  for (const row of mentorRows) {
    const list = mentorsOf.get(row.relationship_id) ?? [];
    list.push({ staffId: row.mentor_id, slot: row.slot });
    mentorsOf.set(row.relationship_id, list);
  }
  return rows.map((row) => ({
    id: row.id,
    cohort: row.cohort,
    menteeId: row.mentee_id,
    mentors: mentorsOf.get(row.id) ?? [],
    type: row.type,
    score: row.score,
    reasons: JSON.parse(row.reasons) as string[],
    start: row.start_date,
    endedOn: row.ended_on,
    endReason: row.end_reason,
    plannedEnd: row.planned_end,
    override: row.override === 1,
  }));
}

/**
 * Every relationship as a session is checked against (its dates and mentors) with its mentee, for
 * an import of sessions: loadRelationships' mentors in the same order, without the scores, reasons
 * and the rest, which a 50,000-relationship database made a tenth of a session import's start.
 */
export function loadSessionTargets(db: Db): Array<SessionTarget & { menteeId: string }> {
  const mentorsOf = new Map<number, string[]>();
  const mentors = db
    .prepare('SELECT relationship_id, mentor_id FROM relationship_mentors ORDER BY relationship_id, slot IS NULL, slot, mentor_id')
    .raw()
    .iterate() as IterableIterator<[number, string]>;
  for (const [relationshipId, mentorId] of mentors) {
    const list = mentorsOf.get(relationshipId);
    if (list === undefined) mentorsOf.set(relationshipId, [mentorId]);
    else list.push(mentorId);
  }
  const rows = db
    .prepare(
      'SELECT r.id, r.start_date, r.ended_on, c.end_date, r.mentee_id FROM relationships r JOIN cohorts c ON c.number = r.cohort ORDER BY r.cohort, r.id',
    )
    .raw()
    .all() as Array<[number, IsoDate, IsoDate | null, IsoDate, string]>;
  return rows.map(([id, start, endedOn, plannedEnd, menteeId]) => ({ id, start, endedOn, plannedEnd, mentorIds: mentorsOf.get(id) ?? [], menteeId }));
}

/**
 * Mentees of this cohort's relationships that still hold their place in it (even once the
 * cohort is over, unless ended early): they are paired already, so pairing again leaves them be.
 */
export function menteesAlreadyPaired(db: Db, cohort: number, today: IsoDate): Set<string> {
  const rows = db
    .prepare(
      `SELECT r.mentee_id FROM relationships r JOIN cohorts c ON c.number = r.cohort
       WHERE r.cohort = @cohort AND ${lifeSql.holdsPlaceInCohortOn('@today')}`,
    )
    .all({ cohort, today }) as Array<{ mentee_id: string }>;
  return new Set(rows.map((row) => row.mentee_id));
}

/** How many relationships hold each mentor on `today`, across every cohort (capacity is "at once"). */
export function runningMentorLoad(db: Db, today: IsoDate): Map<string, number> {
  const rows = db
    .prepare(
      `SELECT m.mentor_id, count(*) AS n FROM relationship_mentors m
       JOIN relationships r ON r.id = m.relationship_id JOIN cohorts c ON c.number = r.cohort
       WHERE ${lifeSql.holdsPeopleOn('@today')} GROUP BY m.mentor_id`,
    )
    .all({ today }) as Array<{ mentor_id: string; n: number }>;
  return new Map(rows.map((row) => [row.mentor_id, row.n]));
}

/** Mentee-mentor pairs from cohorts other than this one (a repeat needs --allow-repeat). */
export function pairsFromOtherCohorts(db: Db, cohort: number): Set<string> {
  const rows = db
    .prepare(
      `SELECT r.mentee_id, m.mentor_id FROM relationships r JOIN relationship_mentors m ON m.relationship_id = r.id
       WHERE r.cohort <> ?`,
    )
    .all(cohort) as Array<{ mentee_id: string; mentor_id: string }>;
  return new Set(rows.map((row) => pairKey(row.mentee_id, row.mentor_id)));
}

/** The names of everyone in a relationship, by staff id, for showing the relationships. */
export function namesInRelationships(db: Db): Map<string, string> {
  const rows = db
    .prepare(
      `SELECT staff_id, name FROM staff
       WHERE staff_id IN (SELECT mentee_id FROM relationships UNION SELECT mentor_id FROM relationship_mentors)`,
    )
    .raw()
    .all() as Array<[string, string]>;
  return new Map(rows);
}

/** Call inside a transaction. Returns the new relationship's id. */
export function insertRelationship(db: Db, relationship: NewRelationship, today: IsoDate): number {
  const result = db
    .prepare(
      `INSERT INTO relationships (cohort, mentee_id, type, score, reasons, start_date, override, created_on)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      relationship.cohort,
      relationship.menteeId,
      relationship.type,
      relationship.score,
      JSON.stringify(relationship.reasons),
      relationship.start,
      relationship.override ? 1 : 0,
      today,
    );
  const id = Number(result.lastInsertRowid);
  const addMentor = db.prepare('INSERT INTO relationship_mentors (relationship_id, mentor_id, slot) VALUES (?, ?, ?)');
  for (const mentor of relationship.mentors) addMentor.run(id, mentor.staffId, mentor.slot);
  return id;
}

export function endRelationship(db: Db, id: number, on: IsoDate, reason: string | null): void {
  db.prepare('UPDATE relationships SET ended_on = ?, end_reason = ? WHERE id = ?').run(on, reason, id);
}

/**
 * For `pair --replace`: the cohort's relationships still holding their place in it that have
 * no sessions yet. (Relationships with sessions hold a record that cannot be recreated: they stay.)
 */
export function replaceableRelationships(db: Db, cohort: number, today: IsoDate): number[] {
  const rows = db
    .prepare(
      `SELECT r.id FROM relationships r JOIN cohorts c ON c.number = r.cohort
       WHERE r.cohort = @cohort AND ${lifeSql.holdsPlaceInCohortOn('@today')}
       AND NOT EXISTS (SELECT 1 FROM sessions s WHERE s.relationship_id = r.id)
       ORDER BY r.id`,
    )
    .all({ cohort, today }) as Array<{ id: number }>;
  return rows.map((row) => row.id);
}

export function deleteRelationships(db: Db, ids: readonly number[]): void {
  const remove = db.prepare('DELETE FROM relationships WHERE id = ?');
  for (const id of ids) remove.run(id);
}

/**
 * Relationships still holding their people on `today` in which someone has left the trust
 * (docs/programme-year.md, "Leavers"), optionally of one cohort, by id. With `during: 'runs'`,
 * those running on `today` instead: one ended that day too, which is never chased.
 */
export function relationshipsWithLeavers(db: Db, today: IsoDate, cohort?: number, during: 'holdsPeople' | 'runs' = 'holdsPeople'): RelationshipWithLeavers[] {
  const rows = db
    .prepare(
      // The leavers first, once, then their relationships by the people indexes: joining every
      // relationship to the staff table to find the few with a leaver scanned it twice (80 ms
      // against 8 ms at fifty thousand relationships and a hundred thousand staff).
      `WITH leavers AS MATERIALIZED (SELECT staff_id FROM staff WHERE active = 0)
       SELECT r.id, r.cohort, r.mentee_id, m.mentor_id, ms.active AS mentee_active, mm.active AS mentor_active
       FROM relationships r JOIN cohorts c ON c.number = r.cohort
       JOIN relationship_mentors m ON m.relationship_id = r.id
       JOIN staff ms ON ms.staff_id = r.mentee_id JOIN staff mm ON mm.staff_id = m.mentor_id
       WHERE ${during === 'runs' ? lifeSql.runsOn('@today') : lifeSql.holdsPeopleOn('@today')} AND (@cohort IS NULL OR r.cohort = @cohort)
         AND r.id IN (
           SELECT r2.id FROM relationships r2 WHERE r2.mentee_id IN leavers
           UNION SELECT m2.relationship_id FROM relationship_mentors m2 WHERE m2.mentor_id IN leavers)
       ORDER BY r.id, m.mentor_id`,
    )
    .all({ today, cohort: cohort ?? null }) as Array<{
    id: number;
    cohort: number;
    mentee_id: string;
    mentor_id: string;
    mentee_active: number;
    mentor_active: number;
  }>;
  const byId = new Map<number, RelationshipWithLeavers & { activeMentors: number }>();
  for (const row of rows) {
    let entry = byId.get(row.id);
    if (!entry) {
      entry = {
        id: row.id,
        cohort: row.cohort,
        menteeId: row.mentee_id,
        mentorIds: [],
        left: row.mentee_active === 0 ? [row.mentee_id] : [],
        needsReplacement: false,
        activeMentors: 0,
      };
      byId.set(row.id, entry);
    }
    entry.mentorIds.push(row.mentor_id);
    if (row.mentor_active === 0) entry.left.push(row.mentor_id);
    else entry.activeMentors += 1;
  }
  return [...byId.values()].map(({ activeMentors, ...entry }) => ({ ...entry, needsReplacement: entry.left.includes(entry.menteeId) || activeMentors === 0 }));
}
