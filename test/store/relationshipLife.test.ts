/**
 * The store's relationship queries against domain/relationshipLife.ts, on random data: the
 * SQL must say exactly what the domain says about every relationship on every day.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addDays, holdsPeopleOn, holdsPlaceInCohortOn, relationshipEnd, runsOn, type RelationshipDates } from '../../src/domain/relationshipLife.js';
import { DEFAULT_FACTS, type StaffRecord } from '../../src/domain/staff.js';
import { saveCohort } from '../../src/store/cohorts.js';
import { openDatabase, type Db } from '../../src/store/db.js';
import {
  endRelationship,
  insertRelationship,
  lifeSql,
  menteesAlreadyPaired,
  relationshipsWithLeavers,
  replaceableRelationships,
  runningMentorLoad,
} from '../../src/store/relationships.js';
import { staffWriter } from '../../src/store/staff.js';
import { tempDir } from '../helpers/cli.js';
import { mulberry32 } from '../helpers/random.js';

interface World {
  cohorts: Array<{ number: number; start: string; end: string }>;
  staff: Array<{ staffId: string; active: boolean }>;
  relationships: Array<RelationshipDates & { id: number; cohort: number; menteeId: string; mentorIds: string[]; hasSessions: boolean }>;
  days: string[];
}

const BASE = '2026-01-01';

/** A random programme: a few cohorts, people some of whom left, relationships ended early or not. */
async function randomWorld(seed: number): Promise<{ db: Db; world: World }> {
  const random = mulberry32(seed);
  const int = (n: number) => Math.floor(random() * n);
  const { db } = await openDatabase(join(tempDir(), 'remedi.db'), { create: true });
  const world: World = { cohorts: [], staff: [], relationships: [], days: [] };
  db.transaction(() => {
    for (let number = 1; number <= 3; number++) {
      const start = addDays(BASE, int(300));
      const end = addDays(start, int(330));
      world.cohorts.push({ number, start, end });
      saveCohort(db, { number, name: null, start, end, minMonths: 8, minPerMonth: 2, meetEvery: null });
    }
    const write = staffWriter(db, BASE);
    for (let k = 0; k < 16; k++) {
      const person: StaffRecord = { staffId: `S${String(k).padStart(2, '0')}`, name: `Person ${k}`, ...DEFAULT_FACTS, band: '5', active: random() > 0.3 };
      write.insert(person);
      world.staff.push({ staffId: person.staffId, active: person.active });
    }
    for (let k = 0; k < 40; k++) {
      const cohort = world.cohorts[int(world.cohorts.length)];
      const length = Math.max(0, (Date.parse(cohort.end) - Date.parse(cohort.start)) / 86_400_000);
      // Mostly at the cohort's start, some replacements later; a few ends on the start, the planned end, or past it.
      const start = random() < 0.5 ? cohort.start : addDays(cohort.start, int(length + 1));
      const roll = random();
      const endedOn = roll < 0.45 ? null : roll < 0.55 ? start : roll < 0.65 ? cohort.end : addDays(start, int(length + 40));
      const people = [...world.staff].sort(() => random() - 0.5);
      const menteeId = people[0].staffId;
      const mentorIds = people.slice(1, 1 + (random() < 0.3 ? 2 : 1)).map((p) => p.staffId);
      const id = insertRelationship(
        db,
        {
          cohort: cohort.number,
          menteeId,
          mentors: mentorIds.map((staffId) => ({ staffId, slot: null })),
          type: 'general',
          score: 0,
          reasons: [],
          start,
          override: false,
        },
        BASE,
      );
      if (endedOn !== null) endRelationship(db, id, endedOn, 'random');
      const hasSessions = random() < 0.3;
      if (hasSessions) {
        db.prepare(`INSERT INTO sessions (relationship_id, date, minutes, kind, level, created_on) VALUES (?, ?, 60, 'other', 'team', ?)`).run(id, start, BASE);
      }
      world.relationships.push({ id, cohort: cohort.number, menteeId, mentorIds, start, endedOn, plannedEnd: cohort.end, hasSessions });
    }
  })();
  // Random days, and the days where the rule turns: starts, ends and the days either side.
  const edges = world.relationships.flatMap((r) => [r.start, relationshipEnd(r), r.plannedEnd].flatMap((d) => [addDays(d, -1), d, addDays(d, 1)]));
  world.days = [...new Set([...Array.from({ length: 25 }, () => addDays(BASE, int(700) - 30)), ...edges.filter(() => random() < 0.25)])].sort();
  return { db, world };
}

const sorted = <T>(values: Iterable<T>) => [...values].sort();

describe("the store's relationship queries follow domain/relationshipLife.ts", () => {
  it.each([1, 2, 3, 4, 5, 6])('on random data (seed %i), every query on every day', async (seed) => {
    const { db, world } = await randomWorld(seed);
    try {
      const life = db.prepare(
        `SELECT r.id, ${lifeSql.end} AS end_day, ${lifeSql.runsOn('@day')} AS runs, ${lifeSql.holdsPeopleOn('@day')} AS holds,
                ${lifeSql.holdsPlaceInCohortOn('@day')} AS place
         FROM relationships r JOIN cohorts c ON c.number = r.cohort ORDER BY r.id`,
      );
      const active = new Map(world.staff.map((p) => [p.staffId, p.active]));
      for (const day of world.days) {
        // The fragments themselves, relationship by relationship.
        const rows = life.all({ day }) as Array<{ id: number; end_day: string; runs: number; holds: number; place: number }>;
        expect(
          rows.map((row) => [row.id, row.end_day, row.runs === 1, row.holds === 1, row.place === 1]),
          day,
        ).toStrictEqual(world.relationships.map((r) => [r.id, relationshipEnd(r), runsOn(r, day), holdsPeopleOn(r, day), holdsPlaceInCohortOn(r, day)]));

        // Mentor load: relationships holding each mentor.
        const load = new Map<string, number>();
        for (const r of world.relationships.filter((rel) => holdsPeopleOn(rel, day))) for (const m of r.mentorIds) load.set(m, (load.get(m) ?? 0) + 1);
        expect(new Map(sorted(runningMentorLoad(db, day))), day).toStrictEqual(new Map(sorted(load)));

        for (const cohort of world.cohorts) {
          const own = world.relationships.filter((r) => r.cohort === cohort.number);
          expect(sorted(menteesAlreadyPaired(db, cohort.number, day)), `${day} cohort ${cohort.number}`).toStrictEqual(
            sorted(new Set(own.filter((r) => holdsPlaceInCohortOn(r, day)).map((r) => r.menteeId))),
          );
          expect(replaceableRelationships(db, cohort.number, day), `${day} cohort ${cohort.number}`).toStrictEqual(
            own.filter((r) => holdsPlaceInCohortOn(r, day) && !r.hasSessions).map((r) => r.id),
          );
        }

        // Leavers: relationships holding their people (or, for the chase, running) in which someone has left.
        const withLeavers = (during: (r: (typeof world.relationships)[number], day: string) => boolean) =>
          world.relationships
            .filter((r) => during(r, day))
            .map((r) => {
              const left = [r.menteeId, ...sorted(r.mentorIds)].filter((id) => !active.get(id));
              const needsReplacement = left.includes(r.menteeId) || r.mentorIds.every((id) => !active.get(id));
              return { id: r.id, cohort: r.cohort, menteeId: r.menteeId, mentorIds: sorted(r.mentorIds), left, needsReplacement };
            })
            .filter((r) => r.left.length > 0);
        const expected = withLeavers(holdsPeopleOn);
        expect(relationshipsWithLeavers(db, day), day).toStrictEqual(expected);
        const running = withLeavers(runsOn);
        expect(relationshipsWithLeavers(db, day, undefined, 'runs'), day).toStrictEqual(running);
        for (const cohort of world.cohorts) {
          expect(relationshipsWithLeavers(db, day, cohort.number)).toStrictEqual(expected.filter((r) => r.cohort === cohort.number));
          expect(relationshipsWithLeavers(db, day, cohort.number, 'runs')).toStrictEqual(running.filter((r) => r.cohort === cohort.number));
        }
      }
    } finally {
      db.close();
    }
  });
});
