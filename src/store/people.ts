/**
 * Finding people by what administrators type: a staff id, an email (any case), or a
 * name folded as domain/people.ts folds it. Indexed lookups, so a national staff list
 * answers at once.
 */
import { foldText, looksLikeEmail, searchWords } from '../domain/people.js';
import type { IsoDate } from '../domain/dates.js';
import type { ProgrammeRole, StaffRecord } from '../domain/staff.js';
import type { Db } from './db.js';
import { staffFromRow, type StaffRow } from './staff.js';

export interface PersonLookup {
  byId: StaffRecord[];
  byEmail: StaffRecord[];
  byName: StaffRecord[];
}

/** Erased people (anonymous ids) are never found by a name, email or id. */
const NOT_FORGOTTEN = "staff_id NOT LIKE 'forgotten-%'";

export function lookUpPerson(db: Db, query: string): PersonLookup {
  const text = query.trim();
  const rows = (sql: string, value: string) =>
    (db.prepare(`SELECT * FROM staff WHERE ${sql} AND ${NOT_FORGOTTEN} ORDER BY staff_id LIMIT 20`).all(value) as StaffRow[]).map(staffFromRow);
  return {
    byId: rows('staff_id = ?', text),
    byEmail: looksLikeEmail(text) ? rows('lower(email) = lower(?)', text) : [],
    byName: rows('name_key = ?', foldText(text)),
  };
}

/**
 * lookUpPerson for many texts (an import's column of names): the statements are prepared
 * once, and the caller keeps each distinct text's answer.
 */
export function personLookup(db: Db): (query: string) => PersonLookup {
  const statement = (sql: string) => db.prepare(`SELECT * FROM staff WHERE ${sql} AND ${NOT_FORGOTTEN} ORDER BY staff_id LIMIT 20`);
  const byId = statement('staff_id = ?');
  const byEmail = statement('lower(email) = lower(?)');
  const byName = statement('name_key = ?');
  const rows = (found: unknown[]) => (found as StaffRow[]).map(staffFromRow);
  return (query) => {
    const text = query.trim();
    return {
      byId: rows(byId.all(text)),
      byEmail: looksLikeEmail(text) ? rows(byEmail.all(text)) : [],
      byName: rows(byName.all(foldText(text))),
    };
  };
}

/** Near misses for "Did you mean": people whose name holds one of the query's words. */
export function nearMisses(db: Db, query: string, limit = 5): StaffRecord[] {
  const words = searchWords(query.replace(/@.*$/, ''));
  if (words.length === 0) return [];
  const found = new Map<string, StaffRecord>();
  const statement = db.prepare(
    `SELECT * FROM staff WHERE (name_key LIKE ? ESCAPE '\\' OR lower(email) LIKE ? ESCAPE '\\') AND ${NOT_FORGOTTEN} ORDER BY active DESC, staff_id LIMIT ?`,
  );
  for (const word of words) {
    const pattern = `%${escapeLike(word)}%`;
    for (const row of statement.all(pattern, pattern, limit) as StaffRow[]) {
      if (found.size >= limit) break;
      found.set(row.staff_id, staffFromRow(row));
    }
  }
  return [...found.values()];
}

/**
 * `remedi staff find`: everyone whose name, email or staff id contains the text (names
 * and emails folded: no accents, any case). Active people first, then by staff id.
 *
 * A '%text%' test can use no index, so the one query scans every row and sorts the matches.
 * A common text is answered from the first rows in staff id order instead: when the first
 * FIND_PREFIX people by staff id (the primary key's index) hold more than `limit` active
 * matches, those are the first active matches of all. Otherwise the full query, as before.
 */
export function searchStaff(db: Db, text: string, limit: number): { people: StaffRecord[]; more: boolean } {
  const folded = foldText(text);
  const values = { pattern: `%${escapeLike(folded)}%`, raw: `%${escapeLike(text.trim())}%`, limit: limit + 1, prefix: FIND_PREFIX };
  const matches = `(name_key LIKE @pattern ESCAPE '\\' OR lower(email) LIKE @pattern ESCAPE '\\' OR staff_id LIKE @raw ESCAPE '\\') AND ${NOT_FORGOTTEN}`;
  const first = db
    .prepare(`SELECT * FROM (SELECT * FROM staff ORDER BY staff_id LIMIT @prefix) WHERE active = 1 AND ${matches} ORDER BY staff_id LIMIT @limit`)
    .all(values) as StaffRow[];
  const rows =
    first.length > limit ? first : (db.prepare(`SELECT * FROM staff WHERE ${matches} ORDER BY active DESC, staff_id LIMIT @limit`).all(values) as StaffRow[]);
  return { people: rows.slice(0, limit).map(staffFromRow), more: rows.length > limit };
}

/** How many people, in staff id order, staff find reads first: a few milliseconds, and 2% of a national roster. */
const FIND_PREFIX = 20_000;

/** Names of the given people (for messages and listings that name a few, not everyone). */
export function namesOf(db: Db, staffIds: Iterable<string>): Map<string, string> {
  const rows = db
    .prepare('SELECT staff_id, name FROM staff WHERE staff_id IN (SELECT value FROM json_each(?))')
    .raw()
    .all(JSON.stringify([...new Set(staffIds)]));
  return new Map(rows as Array<[string, string]>);
}

export interface PersonEnrolment {
  cohort: number;
  role: ProgrammeRole;
  withdrawnOn: IsoDate | null;
  withdrawReason: string | null;
}

/** `remedi staff show`: every cohort a person was enrolled in, withdrawn ones too. */
export function enrolmentsOf(db: Db, staffId: string): PersonEnrolment[] {
  return db
    .prepare('SELECT cohort, role, withdrawn_on AS withdrawnOn, withdraw_reason AS withdrawReason FROM enrolments WHERE staff_id = ? ORDER BY cohort')
    .all(staffId) as PersonEnrolment[];
}

/** Ids of the relationships a person is (or was) in, as mentee or as mentor. */
export function relationshipIdsOf(db: Db, staffId: string): number[] {
  return db
    .prepare('SELECT id FROM relationships WHERE mentee_id = @id UNION SELECT relationship_id FROM relationship_mentors WHERE mentor_id = @id ORDER BY 1')
    .pluck()
    .all({ id: staffId }) as number[];
}

/** How many sessions each relationship has recorded (0 for none). */
export function sessionCounts(db: Db, relationshipIds: readonly number[]): Map<number, number> {
  const counts = new Map(relationshipIds.map((id) => [id, 0]));
  const rows = db
    .prepare('SELECT relationship_id, count(*) FROM sessions WHERE relationship_id IN (SELECT value FROM json_each(?)) GROUP BY relationship_id')
    .raw()
    .all(JSON.stringify(relationshipIds)) as Array<[number, number]>;
  for (const [id, n] of rows) counts.set(id, n);
  return counts;
}

const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);
