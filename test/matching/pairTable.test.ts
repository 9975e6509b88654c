import { describe, expect, it } from 'vitest';
import type { Seniority } from '../../src/domain/bands.js';
import type { CharacteristicValue } from '../../src/domain/characteristics.js';
import type { BmeStatus } from '../../src/domain/ethnicity.js';
import { FUNCTIONS } from '../../src/domain/functions.js';
import {
  brokenRule,
  DEFAULT_WEIGHTS,
  fitsSlot,
  pairScore,
  pairType,
  parseWeights,
  WEIGHT_NAMES,
  type Participant,
  type Weights,
} from '../../src/domain/pairingRules.js';
import { pairKey } from '../../src/domain/pairKey.js';
import { pairTable } from '../../src/matching/pairTable.js';
import { person } from '../helpers/participants.js';
import { mulberry32 } from '../helpers/random.js';

const DEPARTMENTS = [null, 'Surgery', ' surgery', 'Pharmacy', 'Estates', 'A&E'];
const BME: BmeStatus[] = ['yes', 'no', 'unknown'];
const SENIORITY: Seniority[] = ['junior', 'middle', 'senior'];
const VALUES: CharacteristicValue[] = ['yes', 'no', 'unknown'];

/** A random cohort, with staff ids holding "|" (pairKey's separator), people on both sides, and managers outside the run. */
function randomCohort(seed: number) {
  const rand = mulberry32(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const pick = <T>(items: readonly T[]): T => items[int(0, items.length - 1)];
  const ids = Array.from({ length: int(0, 14) }, (_, k) => pick(['P', 'a|', '|b', 'a', 'x|y']) + k);
  const outsiders = ['OUT1', 'OUT|2'];
  const someone = () => (rand() < 0.4 ? null : rand() < 0.8 ? pick(ids) : pick(outsiders));
  // Characteristics: none most often, a few, or more than fit in one 32-bit word of type bits.
  const enabled = rand() < 0.4 ? [] : Array.from({ length: rand() < 0.25 ? int(40, 50) : int(1, 4) }, (_, k) => `c${k}`);
  const randomPerson = (id: string): Participant => {
    const department = pick(DEPARTMENTS);
    const capacity = int(0, 2);
    return person(id, {
      department,
      rank: int(1, 14),
      ...(rand() < 0.3 ? { seniority: pick(SENIORITY) } : {}),
      bme: pick(BME),
      functions: FUNCTIONS.filter(() => rand() < 0.5),
      boardMember: rand() < 0.2,
      lineManagerId: someone(),
      secondLineManagerId: someone(),
      raceTrained: rand() < 0.8,
      capacity,
      freeCapacity: Math.max(0, capacity - int(0, 1)),
      characteristics: Object.fromEntries(enabled.filter(() => rand() < 0.8).map((name) => [name, pick(VALUES)])),
    });
  };
  // Someone may be on both sides (the same-person rule).
  const mentees = ids.filter(() => rand() < 0.6).map(randomPerson);
  const mentors = ids.filter(() => rand() < 0.6).map(randomPerson);
  const pairedBefore = new Set<string>();
  for (const a of [...ids, ...outsiders]) for (const b of ids) if (rand() < 0.15) pairedBefore.add(pairKey(a, b));
  const functional: Weights = { ...DEFAULT_WEIGHTS };
  if (rand() < 0.6) for (const name of WEIGHT_NAMES) functional[name] = rand() < 0.2 ? 0 : int(0, 1000);
  // Lived experience weights, ties among them and with the functional ones included.
  const livedJson = Object.fromEntries(
    enabled.map((name) => [name, rand() < 0.3 ? 0 : rand() < 0.2 ? pick([functional.race, functional.general, 300]) : int(0, 1000)]),
  );
  const weights: Weights = { ...functional, lived: parseWeights(livedJson, enabled).weights.lived };
  const targeted = new Set(['surgery', 'pharmacy', 'a&e'].filter(() => rand() < 0.4));
  const rules = { allowUntrained: rand() < 0.3, allowRepeat: rand() < 0.3, pairedBefore };
  return { mentees, mentors, weights, targeted, rules };
}

describe('pairTable', () => {
  it('gives brokenRule, pairScore and fitsSlot cell for cell on 2,000 random cohorts', () => {
    let allowedCells = 0;
    let forbiddenCells = 0;
    let livedCells = 0;
    let manyWords = 0;
    for (let seed = 1; seed <= 2000; seed += 1) {
      const { mentees, mentors, weights, targeted, rules } = randomCohort(seed);
      const table = pairTable(mentees, mentors, weights, targeted, rules);
      const menteesAllowed = new Int32Array(mentors.length);
      mentees.forEach((mentee, i) => {
        mentors.forEach((mentor, r) => {
          const where = `seed ${seed}, ${mentee.staffId} with ${mentor.staffId}`;
          const allowed = brokenRule(mentee, mentor, rules) === null;
          expect(table.allowed(i, r), where).toBe(allowed);
          if (allowed) {
            expect(table.score(i, r), where).toBe(pairScore(mentee, mentor, weights, targeted));
            if (pairType(mentee, mentor, weights).startsWith('lived experience')) livedCells += 1;
            menteesAllowed[r] += 1;
            allowedCells += 1;
          } else {
            forbiddenCells += 1;
          }
        });
      });
      expect(table.menteesAllowed).toEqual(menteesAllowed);
      // More than 32 types worth more than general: the type bits take two words.
      if ([weights.race, weights.frontline, weights.clinical, ...weights.lived.map((l) => l.weight)].filter((w) => w > weights.general).length > 32)
        manyWords += 1;
      expect([...table.bmeMentor]).toEqual(mentors.map((m) => (fitsSlot(m, 'bme') ? 1 : 0)));
      expect([...table.frontlineMentor]).toEqual(mentors.map((m) => (fitsSlot(m, 'frontline') ? 1 : 0)));
    }
    // The cohorts must exercise both answers.
    expect(allowedCells).toBeGreaterThan(5000);
    expect(forbiddenCells).toBeGreaterThan(5000);
    expect(livedCells).toBeGreaterThan(150);
    expect(manyWords).toBeGreaterThan(20);
  });

  it.each<[string, string, string, boolean]>([
    ['a plain pair from an earlier cohort', 'E1', 'M1', false],
    ['ids that hold the separator', 'a|b', 'c|d', false],
    ['another pair whose key reads the same (brokenRule sees the same key)', 'a', 'b|c', false],
    ['a pair not seen before', 'E1', 'M2', true],
  ])('forbids pairs from earlier cohorts: %s', (_, menteeId, mentorId, allowed) => {
    const pairedBefore = new Set([pairKey('E1', 'M1'), pairKey('a|b', 'c|d'), pairKey('a|b', 'c')]);
    const mentee = person(menteeId, { rank: 10 });
    const mentor = person(mentorId, { rank: 5 });
    const table = pairTable([mentee], [mentor], DEFAULT_WEIGHTS, new Set(), { allowUntrained: false, allowRepeat: false, pairedBefore });
    expect(table.allowed(0, 0)).toBe(allowed);
    expect(brokenRule(mentee, mentor, { allowUntrained: false, allowRepeat: false, pairedBefore }) === null).toBe(allowed);
  });
});
