/**
 * What the report and the research export read of the characteristics a trust enabled
 * (docs/characteristics.md, "In reports" and "The research export"): counts for a cohort's
 * participants, and values for the people of the research export. Only yes and no are
 * stored; unknown is the absence of a row.
 */
import type { CharacteristicCount } from '../domain/cohortReport.js';
import { enabledCharacteristics, storedCharacteristics } from './characteristics.js';
import type { Db } from './db.js';

/**
 * Each enabled characteristic, in its order, with how many of the people in the cohort's
 * relationships (the people the report counts by BME status: store/reportData.ts,
 * bmeOfParticipants) said yes and no. Nothing is read beyond the list when none is enabled.
 */
export function characteristicCountsOfParticipants(db: Db, cohort: number): CharacteristicCount[] {
  const enabled = enabledCharacteristics(db);
  if (enabled.length === 0) return [];
  const rows = db
    .prepare(
      `SELECT name, sum(value = 'yes'), sum(value = 'no') FROM staff_characteristics WHERE staff_id IN (
         SELECT mentee_id FROM relationships WHERE cohort = ?
         UNION SELECT m.mentor_id FROM relationship_mentors m JOIN relationships r ON r.id = m.relationship_id WHERE r.cohort = ?)
       GROUP BY name`,
    )
    .raw()
    .all(cohort, cohort) as Array<[string, number, number]>;
  const counted = new Map(rows.map(([name, yes, no]) => [name, { yes, no }]));
  return enabled.map(({ name }) => ({ name, yes: counted.get(name)?.yes ?? 0, no: counted.get(name)?.no ?? 0 }));
}

/** The enabled characteristics' names, in their order, and everyone's stored values, for the research export. */
export function characteristicsForResearch(db: Db): { names: string[]; valuesOf: Map<string, Map<string, 'yes' | 'no'>> } {
  const names = enabledCharacteristics(db).map((c) => c.name);
  return { names, valuesOf: names.length === 0 ? new Map<string, Map<string, 'yes' | 'no'>>() : storedCharacteristics(db) };
}
