/**
 * `report chase`'s list for the cohort's relationships in a range of ids: each one decided as it
 * is read, then names read for those listed only. The whole list is one part; a large cohort's
 * is two, one on each thread (chaseSplit.ts), put together by joinChaseParts.
 */
import { chaseDue, chaseOrder, withPeople, type ChaseItem, type ChaseRelationship } from '../../domain/chase.js';
import type { IsoDate } from '../../domain/dates.js';
import { runsOn } from '../../domain/relationshipLife.js';
import type { Db } from '../../store/db.js';
import { ALL_IDS, chaseRelationships, relationshipsById, type IdRange } from '../../store/reportData.js';

export interface ChasePart {
  /** In the chase list's order. */
  items: ChaseItem[];
  /** How many of the part's relationships run on the as-of day. */
  running: number;
}

export function chasePart(
  db: Db,
  cohort: { number: number; minMonths: number; minPerMonth: number },
  asOf: IsoDate,
  /** Relationships listed apart as needing a replacement: never chased. */
  needsReplacement: ReadonlySet<number>,
  ids: IdRange = ALL_IDS,
): ChasePart {
  let running = 0;
  // Counted as they pass: the relationships come one at a time.
  const counted = function* (relationships: Iterable<ChaseRelationship & { sessionDates: readonly IsoDate[] }>) {
    for (const rel of relationships) {
      if (runsOn(rel, asOf)) running += 1;
      yield rel;
    }
  };
  const due = chaseDue(counted(chaseRelationships(db, cohort, asOf, ids)), asOf, needsReplacement);
  const people = relationshipsById(
    db,
    due.map((entry) => entry.id),
  );
  return { items: due.map((entry) => withPeople(entry, people.get(entry.id)!)), running };
}

/** Two parts as the one list of both. */
export function joinChaseParts(a: ChasePart, b: ChasePart): ChasePart {
  return { items: [...a.items, ...b.items].sort(chaseOrder), running: a.running + b.running };
}
