import { mulberry32 } from '../helpers/random.js';
import { person } from '../helpers/participants.js';
import { describe, expect, it, vi } from 'vitest';
import { FUNCTIONS } from '../../src/domain/functions.js';
import { DEFAULT_WEIGHTS, type Participant } from '../../src/domain/pairingRules.js';
import { departmentKey } from '../../src/domain/staff.js';
import type * as Lsap from '../../src/matching/lsap.js';

// Every solve inside proposePairings goes through this switch: with free column lists (the
// default) or with the plain search, so one cohort can be proposed both ways.
const solver = vi.hoisted(() => ({ freeColumnLists: true }));
vi.mock('../../src/matching/lsap.js', async (importOriginal) => {
  const lsap = await importOriginal<typeof Lsap>();
  return {
    ...lsap,
    linearSumAssignment: (cost: Float64Array, nRows: number, nCols: number, options: Lsap.SolveOptions = {}) =>
      lsap.linearSumAssignment(cost, nRows, nCols, { ...options, freeColumnLists: solver.freeColumnLists }),
  };
});
const { proposePairings } = await import('../../src/matching/pairing.js');

const DEPARTMENTS = ['Surgery', 'Pharmacy', 'Estates', 'Medicine', null];

/** A cohort big enough for many searches and rebuilt lists: a few kinds of people, so scores tie everywhere. */
function cohort(seed: number, nMentees: number, nMentors: number, trios: boolean) {
  const rand = mulberry32(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)];
  const mentees: Participant[] = Array.from({ length: nMentees }, (_, k) => {
    const board = rand() < 0.2;
    const department = pick(DEPARTMENTS);
    return person(`E${String(k).padStart(4, '0')}`, {
      department,
      departmentKey: departmentKey(department),
      boardMember: board,
      rank: board ? 14 : 10 + Math.floor(rand() * 4),
      bme: pick(['yes', 'no', 'unknown'] as const),
      functions: FUNCTIONS.filter(() => rand() < 0.4),
    });
  });
  const mentors: Participant[] = Array.from({ length: nMentors }, (_, k) => {
    const department = pick(DEPARTMENTS);
    const capacity = rand() < 0.2 ? 2 : 1;
    return person(`M${String(k).padStart(4, '0')}`, {
      department,
      departmentKey: departmentKey(department),
      rank: 1 + Math.floor(rand() * 9),
      bme: pick(['yes', 'no'] as const),
      functions: FUNCTIONS.filter(() => rand() < 0.4),
      raceTrained: rand() < 0.9,
      capacity,
      freeCapacity: capacity,
      lineManagerId: rand() < 0.1 ? pick(mentees).staffId : null,
    });
  });
  return {
    mentees,
    mentors,
    weights: DEFAULT_WEIGHTS,
    trios,
    targeted: new Set(rand() < 0.5 ? ['surgery'] : []),
    rules: { allowUntrained: false, allowRepeat: false, pairedBefore: new Set<string>() },
  };
}

describe('proposePairings with and without free column lists', () => {
  it.each([
    [60, 60, false],
    [60, 60, true],
    [120, 90, false],
    [90, 120, true],
    [150, 150, true],
  ])('%i mentees, %i mentors, trios %s: the same proposal, pair for pair and reason for reason', (nMentees, nMentors, trios) => {
    for (let seed = 1; seed <= 4; seed++) {
      const problem = cohort(seed * 1000 + nMentees + nMentors, nMentees, nMentors, trios);
      solver.freeColumnLists = true;
      const listed = proposePairings(problem);
      solver.freeColumnLists = false;
      const plain = proposePairings(problem);
      expect(listed.relationships.length).toBeGreaterThan(0);
      expect(listed).toEqual(plain);
    }
  });
});
