/**
 * The hard rules and soft scores of domain/pairingRules.ts (brokenRule, pairScore), compiled
 * once per person into numbers so that the mentees x mentors cells of a large cohort are
 * judged without strings, sets or per-cell objects: 25 million cells at 5,000 x 5,000.
 *
 * The answers are the domain functions' answers, cell for cell (test/matching/pairTable.test.ts
 * checks them against brokenRule and pairScore on random cohorts); the score is summed in
 * the same order, so it is the same double.
 */
import { pairKey } from '../domain/pairKey.js';
import type { Participant, RuleContext, Weights } from '../domain/pairingRules.js';

export interface PairTable {
  /** Whether brokenRule(mentees[i], mentors[r]) is null. */
  allowed: (i: number, r: number) => boolean;
  /** How many mentees each mentor may take (allowed cells in the mentor's column). */
  menteesAllowed: Int32Array;
  /** pairScore(mentees[i], mentors[r]) of an allowed pair. */
  score: (i: number, r: number) => number;
  /** fitsSlot(mentors[r], 'bme') and fitsSlot(mentors[r], 'frontline'), as 0 or 1. */
  bmeMentor: Uint8Array;
  frontlineMentor: Uint8Array;
}

// Bits of the functional pair types a mentee asks for and a mentor offers (fitsType): a pair
// fits a type when both have its bit.
const RACE = 1;
const FRONTLINE = 2;
const CLINICAL = 4;
const TYPE_BIT = { race: RACE, frontline: FRONTLINE, clinical: CLINICAL, general: 0 } as const;

function menteeTypes(mentee: Participant): number {
  if (mentee.seniority !== 'senior') return 0;
  return (mentee.bme === 'no' ? RACE : 0) | (mentee.functions.includes('strategic') ? FRONTLINE : 0) | (mentee.functions.includes('managerial') ? CLINICAL : 0);
}

function mentorTypes(mentor: Participant): number {
  return (
    (mentor.seniority === 'middle' && mentor.bme === 'yes' ? RACE : 0) |
    (mentor.functions.includes('front line') ? FRONTLINE : 0) |
    (mentor.functions.includes('clinical') && mentor.rank >= 7 ? CLINICAL : 0)
  );
}

export function pairTable(
  mentees: readonly Participant[],
  mentors: readonly Participant[],
  weights: Weights,
  targeted: ReadonlySet<string>,
  rules: RuleContext,
): PairTable {
  const nMentees = mentees.length;
  const nMentors = mentors.length;

  // Staff ids, managers and departments as small integers (-1: none, or nobody in this run).
  const idOf = new Map<string, number>();
  for (const person of [...mentees, ...mentors]) if (!idOf.has(person.staffId)) idOf.set(person.staffId, idOf.size);
  const personId = (id: string | null) => (id === null ? -1 : (idOf.get(id) ?? -1));
  const departmentOf = new Map<string, number>();
  const department = (key: string | null) => {
    if (key === null) return -1;
    if (!departmentOf.has(key)) departmentOf.set(key, departmentOf.size);
    return departmentOf.get(key)!;
  };
  const features = (people: readonly Participant[]) => ({
    id: Int32Array.from(people, (p) => idOf.get(p.staffId)!),
    manager: Int32Array.from(people, (p) => personId(p.lineManagerId)),
    secondManager: Int32Array.from(people, (p) => personId(p.secondLineManagerId)),
    rank: Float64Array.from(people, (p) => p.rank),
    department: Int32Array.from(people, (p) => department(p.departmentKey)),
  });
  const mentee = features(mentees);
  const mentor = features(mentors);
  const menteeTargeted = Uint8Array.from(mentees, (p) => (p.departmentKey !== null && targeted.has(p.departmentKey) ? 1 : 0));
  const menteeType = Int32Array.from(mentees, menteeTypes);
  const mentorType = Int32Array.from(mentors, mentorTypes);
  const mentorUsable = Uint8Array.from(mentors, (p) => (p.freeCapacity > 0 && (p.raceTrained || rules.allowUntrained) ? 1 : 0));
  const bmeMentorPoints = Float64Array.from(mentors, (p) => (p.bme === 'yes' ? weights.bmeMentor : 0));

  // The worth of the best fitting type for each set of shared type bits (pairType: the type
  // worth most that fits; general always fits, so it is the least a pair is worth).
  const typeWorth = new Float64Array(8);
  for (let shared = 0; shared < 8; shared += 1) {
    let worth = weights.general;
    for (const type of ['race', 'frontline', 'clinical'] as const) if ((shared & TYPE_BIT[type]) !== 0) worth = Math.max(worth, weights[type]);
    typeWorth[shared] = worth;
  }
  const lived = weights.lived.length === 0 ? null : livedTypes(mentees, mentors, weights);

  // One bit a cell: at 5,000 x 5,000 a byte a cell would be 25 MB of a peak that must stay under 400.
  const allowedBits = new Uint8Array(Math.ceil((nMentees * nMentors) / 8));
  const menteesAllowed = new Int32Array(nMentors);
  for (let i = 0; i < nMentees; i += 1) {
    const id = mentee.id[i];
    const rank = mentee.rank[i];
    const manager = mentee.manager[i];
    const second = mentee.secondManager[i];
    const offset = i * nMentors;
    for (let r = 0; r < nMentors; r += 1) {
      const other = mentor.id[r];
      if (other === id || mentor.rank[r] >= rank || mentorUsable[r] === 0) continue;
      if (manager === other || second === other || mentor.manager[r] === id || mentor.secondManager[r] === id) continue;
      const cell = offset + r;
      allowedBits[cell >> 3] |= 1 << (cell & 7);
    }
  }
  if (!rules.allowRepeat) forbidPairedBefore(allowedBits, mentees, mentors, rules.pairedBefore);
  const allowed = (i: number, r: number): boolean => {
    const cell = i * nMentors + r;
    return ((allowedBits[cell >> 3] >> (cell & 7)) & 1) === 1;
  };
  for (let i = 0; i < nMentees; i += 1) for (let r = 0; r < nMentors; r += 1) if (allowed(i, r)) menteesAllowed[r] += 1;

  const { targetedMentee, sameTargetedDepartment, differentDepartment, perBandGap } = weights;
  // Two copies of one sum, in pairScore's order (type, BME mentor, departments, band gap), so
  // each is the same double: without a lived experience type the hot loop stays as it was.
  const score =
    lived === null
      ? (i: number, r: number): number => {
          const own = mentee.department[i];
          const theirs = mentor.department[r];
          const departmentPoints =
            menteeTargeted[i] === 1
              ? own === theirs
                ? targetedMentee + sameTargetedDepartment
                : targetedMentee
              : own !== -1 && theirs !== -1 && own !== theirs
                ? differentDepartment
                : 0;
          return typeWorth[menteeType[i] & mentorType[r]] + bmeMentorPoints[r] + departmentPoints + perBandGap * (mentee.rank[i] - mentor.rank[r]);
        }
      : (i: number, r: number): number => {
          const own = mentee.department[i];
          const theirs = mentor.department[r];
          const departmentPoints =
            menteeTargeted[i] === 1
              ? own === theirs
                ? targetedMentee + sameTargetedDepartment
                : targetedMentee
              : own !== -1 && theirs !== -1 && own !== theirs
                ? differentDepartment
                : 0;
          return lived.worth(i, r) + bmeMentorPoints[r] + departmentPoints + perBandGap * (mentee.rank[i] - mentor.rank[r]);
        };
  return {
    allowed,
    menteesAllowed,
    score,
    bmeMentor: Uint8Array.from(mentors, (p) => (p.bme === 'yes' ? 1 : 0)),
    frontlineMentor: Uint8Array.from(mentors, (p) => (p.functions.includes('front line') ? 1 : 0)),
  };
}

/**
 * The worth of a pair's type when lived experience types apply (weights.lived): every type
 * worth more than general gets a bit, the most valuable type the lowest bit, so the worth of
 * the shared bits is the weight of the lowest one (or general's, when none is shared). The
 * bits are packed 32 to a word: as many characteristics as a trust enables, exactly.
 */
function livedTypes(mentees: readonly Participant[], mentors: readonly Participant[], weights: Weights): { worth: (i: number, r: number) => number } {
  const senior = (p: Participant) => p.seniority === 'senior';
  // Each type's side of fitsType: what the mentee asks for and what the mentor offers.
  const types: Array<{ weight: number; asks: (p: Participant) => boolean; offers: (p: Participant) => boolean }> = [
    { weight: weights.race, asks: (p) => senior(p) && p.bme === 'no', offers: (p) => p.seniority === 'middle' && p.bme === 'yes' },
    { weight: weights.frontline, asks: (p) => senior(p) && p.functions.includes('strategic'), offers: (p) => p.functions.includes('front line') },
    {
      weight: weights.clinical,
      asks: (p) => senior(p) && p.functions.includes('managerial'),
      offers: (p) => p.functions.includes('clinical') && p.rank >= 7,
    },
    ...weights.lived.map(({ name, weight }) => ({
      weight,
      asks: (p: Participant) => senior(p) && p.characteristics[name] === 'no',
      offers: (p: Participant) => p.characteristics[name] === 'yes',
    })),
  ];
  const general = weights.general;
  // A type worth no more than general never raises a pair's worth: it needs no bit.
  const counted = types.filter((t) => t.weight > general).sort((a, b) => b.weight - a.weight);
  const words = Math.ceil(counted.length / 32);
  const bitWeight = Float64Array.from(counted, (t) => t.weight);
  const masks = (people: readonly Participant[], side: 'asks' | 'offers') => {
    const mask = new Int32Array(people.length * words);
    people.forEach((p, index) => {
      counted.forEach((type, bit) => {
        if (type[side](p)) mask[index * words + (bit >> 5)] |= 1 << (bit & 31);
      });
    });
    return mask;
  };
  const asked = masks(mentees, 'asks');
  const offered = masks(mentors, 'offers');
  // The lowest set bit's index: 31 - clz32(x & -x).
  if (words <= 1) {
    return {
      worth: (i, r) => {
        const shared = words === 0 ? 0 : asked[i] & offered[r];
        return shared === 0 ? general : bitWeight[31 - Math.clz32(shared & -shared)];
      },
    };
  }
  return {
    worth: (i, r) => {
      for (let w = 0; w < words; w += 1) {
        const shared = asked[i * words + w] & offered[r * words + w];
        if (shared !== 0) return bitWeight[(w << 5) + 31 - Math.clz32(shared & -shared)];
      }
      return general;
    },
  };
}

/**
 * Clears the cells of pairs from earlier cohorts. Each key is pairKey(a, b) = "a|b"; ids may
 * themselves hold "|", so every split is tried and kept only when it gives back the key.
 */
function forbidPairedBefore(
  allowedBits: Uint8Array,
  mentees: readonly Participant[],
  mentors: readonly Participant[],
  pairedBefore: ReadonlySet<string>,
): void {
  const indexOf = (people: readonly Participant[]) => new Map(people.map((p, index) => [p.staffId, index]));
  const menteeIndex = indexOf(mentees);
  const mentorIndex = indexOf(mentors);
  const forbid = (menteeId: string, mentorId: string) => {
    const i = menteeIndex.get(menteeId);
    const r = mentorIndex.get(mentorId);
    if (i === undefined || r === undefined) return;
    const cell = i * mentors.length + r;
    allowedBits[cell >> 3] &= ~(1 << (cell & 7));
  };
  for (const key of pairedBefore) {
    for (let at = key.indexOf('|'); at !== -1; at = key.indexOf('|', at + 1)) {
      const a = key.slice(0, at);
      const b = key.slice(at + 1);
      if (pairKey(a, b) !== key) continue;
      forbid(a, b);
      forbid(b, a);
    }
  }
}
