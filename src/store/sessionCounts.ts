/**
 * Sessions counted per relationship month, kept by SQLite triggers as sessions are written
 * (whatever writes them: log-session, import-sessions, sessions edit and delete), so the
 * reports read a few hundred thousand small rows instead of a million sessions. The counts
 * cover every session; a report as of a day subtracts the few sessions dated after the last
 * day it counts, read directly (countedMonthSessions). `remedi check` recomputes them
 * (sessionCountMismatches).
 */
import type { CountMismatch } from '../domain/databaseCheck.js';
import type { IsoDate } from '../domain/dates.js';
import { monthIndexOn } from '../domain/relationshipLife.js';
import type { Db } from './connection.js';

/**
 * domain/relationshipLife.ts's monthIndexOn in SQL (0 before the start): the calendar months
 * from the start's to the day's, plus one when the day is on or after the start's day of the
 * month, or is its month's last day (start + k months clamps to it). `start` and `day` are SQL
 * expressions of ISO days; test/store/sessionCounts.test.ts holds it to the domain.
 */
export const monthIndexSql = (start: string, day: string): string =>
  `(CASE WHEN ${day} < ${start} THEN 0 ELSE
     (CAST(substr(${day}, 1, 4) AS INTEGER) - CAST(substr(${start}, 1, 4) AS INTEGER)) * 12
     + CAST(substr(${day}, 6, 2) AS INTEGER) - CAST(substr(${start}, 6, 2) AS INTEGER)
     + CASE WHEN substr(${day}, 9, 2) >= substr(${start}, 9, 2) OR substr(date(${day}, '+1 day'), 9, 2) = '01' THEN 1 ELSE 0 END END)`;

const monthOf = (session: 'new' | 'old') =>
  `(SELECT ${monthIndexSql('r.start_date', `${session}.date`)} FROM relationships r WHERE r.id = ${session}.relationship_id)`;

const countIn = `INSERT INTO session_months (relationship_id, month, sessions)
      SELECT new.relationship_id, ${monthIndexSql('r.start_date', 'new.date')}, 1 FROM relationships r WHERE r.id = new.relationship_id
      ON CONFLICT (relationship_id, month) DO UPDATE SET sessions = sessions + 1;`;
const countOut = `UPDATE session_months SET sessions = sessions - 1 WHERE relationship_id = old.relationship_id AND month = ${monthOf('old')};
    DELETE FROM session_months WHERE relationship_id = old.relationship_id AND sessions <= 0;`;

/**
 * The rows a recount gives: every session of a relationship that exists, in its month.
 * (A session whose relationship is missing is a broken link, which check reports apart.)
 */
const RECOUNT = `SELECT s.relationship_id, ${monthIndexSql('r.start_date', 's.date')} AS month, count(*) AS sessions
  FROM sessions s JOIN relationships r ON r.id = s.relationship_id GROUP BY 1, 2`;

/**
 * Migration 6's SQL (store/migrations.ts): the table, its triggers, and the counts of the
 * sessions already recorded. Never edit once shipped: add a migration.
 */
export const SESSION_MONTHS_MIGRATION = `
  CREATE TABLE session_months (
    relationship_id INTEGER NOT NULL,
    month           INTEGER NOT NULL,
    sessions        INTEGER NOT NULL CHECK (sessions >= 0),
    PRIMARY KEY (relationship_id, month)
  ) STRICT, WITHOUT ROWID;

  CREATE TRIGGER session_months_insert AFTER INSERT ON sessions BEGIN
    ${countIn}
  END;
  CREATE TRIGGER session_months_delete AFTER DELETE ON sessions BEGIN
    ${countOut}
  END;
  CREATE TRIGGER session_months_update AFTER UPDATE OF relationship_id, date ON sessions BEGIN
    ${countOut}
    ${countIn}
  END;
  CREATE TRIGGER session_months_relationship AFTER DELETE ON relationships BEGIN
    DELETE FROM session_months WHERE relationship_id = old.id;
  END;

  INSERT INTO session_months (relationship_id, month, sessions) ${RECOUNT};
  `;

/** Counts made again from the sessions: what check's fix, and a bulk writer, call (inside a transaction). */
export function rebuildSessionCounts(db: Db): void {
  db.exec(`DELETE FROM session_months; INSERT INTO session_months (relationship_id, month, sessions) ${RECOUNT};`);
}

/** Every relationship month whose stored count disagrees with a recount from the sessions. */
export function sessionCountMismatches(db: Db): CountMismatch[] {
  const rows = db
    .prepare(
      `WITH counted AS (${RECOUNT})
       SELECT coalesce(c.relationship_id, m.relationship_id), coalesce(c.month, m.month), coalesce(m.sessions, 0), coalesce(c.sessions, 0)
       FROM counted c FULL JOIN session_months m ON m.relationship_id = c.relationship_id AND m.month = c.month
       WHERE c.sessions IS NOT m.sessions ORDER BY 1, 2`,
    )
    .raw()
    .all() as Array<[number, number, number, number]>;
  return rows.map(([relationshipId, month, stored, counted]) => ({ relationshipId, month, stored, counted }));
}

/** What counting a relationship's months needs of it. */
export interface CountedRelationship {
  id: number;
  start: IsoDate;
  endedOn: IsoDate | null;
  plannedEnd: IsoDate;
}

/**
 * Each relationship's sessions per relationship month (index k: month k; 0 unused), counting
 * only sessions from its start to its last day counted as of `asOf` (the as-of day, or its end
 * once over), as compliance counts them (domain/compliance.ts, monthSessions). Relationships
 * without sessions are left out.
 */
export function countedMonthSessions(db: Db, cohort: number, asOf: IsoDate, relationships: readonly CountedRelationship[]): Map<number, number[]> {
  const rows = db
    .prepare(
      `SELECT relationship_id, group_concat(month || ':' || sessions) FROM session_months
       WHERE relationship_id IN (SELECT id FROM relationships WHERE cohort = ?) AND month > 0 GROUP BY relationship_id`,
    )
    .raw()
    .iterate(cohort) as Iterable<[number, string]>;
  const counts = new Map<number, number[]>();
  for (const [id, joined] of rows) counts.set(id, parseMonthCounts(joined));
  // The stored counts hold every session: take off those after the last day counted (as a rule
  // few: those after the as-of day, and any after an early end), each found in its month by the domain's rule.
  const byId = new Map(relationships.map((rel) => [rel.id, rel]));
  const later = db
    .prepare(
      `SELECT s.relationship_id, s.date FROM relationships r JOIN cohorts c ON c.number = r.cohort
       JOIN sessions s ON s.relationship_id = r.id AND s.date > min(?, coalesce(r.ended_on, c.end_date))
       WHERE r.cohort = ?`,
    )
    .raw()
    .iterate(asOf, cohort) as Iterable<[number, IsoDate]>;
  for (const [id, date] of later) {
    const rel = byId.get(id);
    const months = counts.get(id);
    if (rel === undefined || months === undefined) continue;
    const index = monthIndexOn(rel.start, date);
    if (index !== null && index < months.length && months[index] > 0) months[index] -= 1;
  }
  return counts;
}

/** "1:3,2:2,4:1" (month:sessions) as an array by month, zeros between. */
function parseMonthCounts(joined: string): number[] {
  const months: number[] = [];
  let number = 0;
  let month = 0;
  for (let i = 0; i <= joined.length; i++) {
    const code = i < joined.length ? joined.charCodeAt(i) : 44;
    if (code === 58) {
      month = number;
      number = 0;
    } else if (code === 44) {
      while (months.length <= month) months.push(0);
      months[month] = number;
      number = 0;
    } else number = number * 10 + (code - 48);
  }
  return months;
}
