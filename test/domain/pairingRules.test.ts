import { person } from '../helpers/participants.js';
import { describe, expect, it } from 'vitest';
import {
  bestType,
  brokenRule,
  DEFAULT_WEIGHTS,
  fittingTypes,
  fitsType,
  fitsSlot,
  pairScore,
  pairType,
  parseWeights,
  rankTypes,
  scorePair,
  WEIGHT_NAMES,
  type HardRule,
  type PairType,
  type Participant,
  type RuleContext,
  type Weights,
} from '../../src/domain/pairingRules.js';
import { pairKey } from '../../src/domain/pairKey.js';

/** Band labels by rank (index); rank 14 is the board, which has no band. */

const STRICT: RuleContext = { allowUntrained: false, allowRepeat: false, pairedBefore: new Set() };

describe('brokenRule', () => {
  const leader = person('L1', { rank: 12 });
  const nurse = person('N1', { rank: 5 });

  it.each<[string, Participant, Participant, RuleContext, HardRule | null]>([
    ['an allowed pair', leader, nurse, STRICT, null],
    ['the same person on both sides', leader, { ...leader }, STRICT, 'same-person'],
    ['a mentor of equal rank', leader, person('N2', { rank: 12 }), STRICT, 'not-junior'],
    ['a mentor senior to the mentee', nurse, leader, STRICT, 'not-junior'],
    ['a VSM mentoring a board member', person('B1', { rank: 14, boardMember: true, band: null }), person('V1', { rank: 13, band: 'VSM' }), STRICT, null],
    ['the mentor is the mentee’s line manager', person('L2', { rank: 12, lineManagerId: 'N1' }), nurse, STRICT, 'line-chain'],
    ['the mentor is the mentee’s manager’s manager', person('L2', { rank: 12, lineManagerId: 'X', secondLineManagerId: 'N1' }), nurse, STRICT, 'line-chain'],
    ['the mentee is the mentor’s line manager', leader, person('N2', { rank: 5, lineManagerId: 'L1' }), STRICT, 'line-chain'],
    ['the mentee is the mentor’s manager’s manager', leader, person('N2', { rank: 5, lineManagerId: 'W1', secondLineManagerId: 'L1' }), STRICT, 'line-chain'],
    [
      'three levels apart (the chain stops at two)',
      person('L2', { rank: 12, lineManagerId: 'X', secondLineManagerId: 'Y' }),
      person('N2', { rank: 5, lineManagerId: 'W1', secondLineManagerId: 'W2' }),
      STRICT,
      null,
    ],
    ['a mentor with no free capacity', leader, person('N2', { rank: 5, capacity: 1, freeCapacity: 0 }), STRICT, 'no-capacity'],
    ['an untrained mentor', leader, person('N2', { rank: 5, raceTrained: false }), STRICT, 'untrained'],
    [
      'an untrained mentor when untrained mentors are allowed',
      leader,
      person('N2', { rank: 5, raceTrained: false }),
      { ...STRICT, allowUntrained: true },
      null,
    ],
    ['a pair from an earlier cohort', leader, nurse, { ...STRICT, pairedBefore: new Set([pairKey('L1', 'N1')]) }, 'paired-before'],
    ['a pair from an earlier cohort, keyed the other way round', leader, nurse, { ...STRICT, pairedBefore: new Set([pairKey('N1', 'L1')]) }, 'paired-before'],
    [
      'a pair from an earlier cohort when repeats are allowed',
      leader,
      nurse,
      { allowUntrained: false, allowRepeat: true, pairedBefore: new Set([pairKey('L1', 'N1')]) },
      null,
    ],
    ['a different earlier pair', leader, nurse, { ...STRICT, pairedBefore: new Set([pairKey('L1', 'N9')]) }, null],
  ])('%s', (_, mentee, mentor, context, rule) => {
    expect(brokenRule(mentee, mentor, context)).toBe(rule);
  });

  it.each([
    ['A', 'B'],
    ['B', 'A'],
    ['10', '9'],
  ])('pairKey(%j, %j) does not depend on the order', (a, b) => {
    expect(pairKey(a, b)).toBe(pairKey(b, a));
    expect(pairKey(a, b)).not.toBe(pairKey(a, `${b}x`));
  });
});

describe('fitsSlot', () => {
  it.each<[string, Partial<Participant>, 'bme' | 'frontline' | null, boolean]>([
    ['a BME mentor in the BME slot', { bme: 'yes' }, 'bme', true],
    ['a mentor of unknown ethnicity in the BME slot', { bme: 'unknown' }, 'bme', false],
    ['a front-line mentor in the front-line slot', { functions: ['clinical', 'front line'] }, 'frontline', true],
    ['a clinical mentor in the front-line slot', { functions: ['clinical'] }, 'frontline', false],
    ['anyone in a pair', { bme: 'no' }, null, true],
  ])('%s', (_, fields, slot, fits) => {
    expect(fitsSlot(person('M1', fields), slot)).toBe(fits);
  });
});

describe('fittingTypes', () => {
  const seniorWhite = { rank: 11, bme: 'no' as const, functions: [] };
  it.each<[string, Partial<Participant>, Partial<Participant>, PairType[]]>([
    ['race: senior leader not BME, middle manager BME', seniorWhite, { rank: 8, bme: 'yes' }, ['race', 'general']],
    ['no race pair for a leader of unknown ethnicity', { ...seniorWhite, bme: 'unknown' }, { rank: 8, bme: 'yes' }, ['general']],
    ['no race pair for a BME leader', { ...seniorWhite, bme: 'yes' }, { rank: 8, bme: 'yes' }, ['general']],
    ['no race pair with a junior BME mentor', seniorWhite, { rank: 6, bme: 'yes' }, ['general']],
    [
      'frontline: strategic leader, front-line mentor',
      { rank: 13, functions: ['strategic'] },
      { rank: 3, functions: ['front line'] },
      ['frontline', 'general'],
    ],
    ['no front-line pair for a managerial leader', { rank: 11, functions: ['managerial'] }, { rank: 3, functions: ['front line'] }, ['general']],
    [
      'clinical: managerial leader, clinical mentor at band 7',
      { rank: 11, functions: ['managerial'] },
      { rank: 7, functions: ['clinical'] },
      ['clinical', 'general'],
    ],
    ['no clinical pair with a clinical mentor at band 6', { rank: 11, functions: ['managerial'] }, { rank: 6, functions: ['clinical'] }, ['general']],
    [
      'every type at once',
      { rank: 14, boardMember: true, bme: 'no', functions: ['strategic', 'managerial'] },
      { rank: 8, bme: 'yes', functions: ['clinical', 'front line'] },
      ['race', 'frontline', 'clinical', 'general'],
    ],
    [
      'only general for a middle-manager mentee',
      { rank: 9, bme: 'no', functions: ['strategic', 'managerial'] },
      { rank: 8, bme: 'yes', functions: ['clinical', 'front line'] },
      ['general'],
    ],
    ['general when nothing fits', seniorWhite, { rank: 3, bme: 'no' }, ['general']],
  ])('%s', (_, menteeFields, mentorFields, types) => {
    expect(fittingTypes(person('E1', menteeFields), person('M1', mentorFields))).toEqual(types);
  });
});

describe('bestType', () => {
  it.each<[string, PairType[], Partial<Weights>, PairType]>([
    ['the default weights put race first', ['race', 'frontline', 'clinical', 'general'], {}, 'race'],
    ['frontline over clinical by default', ['frontline', 'clinical', 'general'], {}, 'frontline'],
    ['a heavier frontline weight beats race', ['race', 'frontline', 'general'], { frontline: 500 }, 'frontline'],
    ['a heavier clinical weight beats race and frontline', ['race', 'frontline', 'clinical', 'general'], { clinical: 999 }, 'clinical'],
    ['general can win when it weighs most', ['race', 'general'], { general: 401 }, 'general'],
    ['a tie between race and frontline goes to race', ['race', 'frontline', 'general'], { frontline: 400 }, 'race'],
    ['a tie between frontline and clinical goes to frontline', ['frontline', 'clinical', 'general'], { clinical: 300 }, 'frontline'],
    ['a tie between clinical and general goes to clinical', ['clinical', 'general'], { clinical: 0 }, 'clinical'],
    ['a tie goes by the documented order, whatever order the types come in', ['general', 'frontline', 'race'], { frontline: 400 }, 'race'],
    ['only general', ['general'], {}, 'general'],
  ])('%s', (_, types, weights, best) => {
    expect(bestType(types, { ...DEFAULT_WEIGHTS, ...weights })).toBe(best);
  });
});

describe('rankTypes and pairType', () => {
  it.each<[string, Partial<Weights>, PairType[]]>([
    ['the default weights', {}, ['race', 'frontline', 'clinical', 'general']],
    ['frontline heavier than race', { frontline: 500 }, ['frontline', 'race', 'clinical', 'general']],
    ['all equal: the documented order', { race: 5, frontline: 5, clinical: 5, general: 5 }, ['race', 'frontline', 'clinical', 'general']],
    ['general heaviest, clinical tied with race', { general: 900, clinical: 400 }, ['general', 'race', 'clinical', 'frontline']],
  ])('rankTypes with %s', (_, weights, ranking) => {
    expect(rankTypes({ ...DEFAULT_WEIGHTS, ...weights })).toEqual(ranking);
  });

  // A board member who fits every type with this mentor, and one who fits only some.
  const board = person('B1', { rank: 14, boardMember: true, band: null, bme: 'no', functions: ['strategic', 'managerial'] });
  const everything = person('M1', { rank: 8, bme: 'yes', functions: ['clinical', 'front line'] });
  const frontOnly = person('M2', { rank: 3, bme: 'yes', functions: ['front line'] });
  it.each<[string, Participant, Partial<Weights>, PairType]>([
    ['every type fits, default weights', everything, {}, 'race'],
    ['every type fits, clinical heaviest', everything, { clinical: 450 }, 'clinical'],
    ['every type fits, frontline tied with race', everything, { frontline: 400 }, 'race'],
    ['a junior BME front-line mentor: frontline, not race', frontOnly, {}, 'frontline'],
    ['a junior BME front-line mentor, race heaviest: still frontline', frontOnly, { race: 1000 }, 'frontline'],
    ['a junior BME front-line mentor, general heaviest', frontOnly, { general: 301 }, 'general'],
  ])('pairType: %s', (_, mentor, weights, type) => {
    const w = { ...DEFAULT_WEIGHTS, ...weights };
    expect(pairType(board, mentor, w)).toBe(type);
    expect(pairType(board, mentor, w)).toBe(bestType(fittingTypes(board, mentor), w));
  });

  it.each<[PairType, boolean]>([
    ['race', false],
    ['frontline', true],
    ['clinical', false],
    ['general', true],
  ])('fitsType(%s) for a strategic board member and a junior BME front-line mentor is %s', (type, fits) => {
    expect(fitsType(type, board, frontOnly)).toBe(fits);
  });
});

describe('scorePair', () => {
  // Reference pair: a white managerial leader (8d) and a BME clinical band 7, different departments.
  const mentee = person('E1', { rank: 11, bme: 'no', functions: ['managerial'], department: 'Surgery' });
  const mentor = person('M1', { rank: 7, bme: 'yes', functions: ['clinical'], department: 'Pharmacy' });
  const noTargets = new Set<string>();
  const score = (e: Participant, m: Participant, w: Partial<Weights> = {}, targeted: ReadonlySet<string> = noTargets): number =>
    scorePair(e, m, { ...DEFAULT_WEIGHTS, ...w }, targeted).score;

  it('scores the reference pair as the sum of its parts', () => {
    // Race (400) beats clinical (200); BME mentor 100; different departments 50; 4 steps * 10.
    const result = scorePair(mentee, mentor, DEFAULT_WEIGHTS, noTargets);
    expect(result.type).toBe('race');
    expect(result.score).toBe(400 + 100 + 50 + 40);
  });

  it.each<[string, Participant, Participant, Partial<Weights>, ReadonlySet<string>, number]>([
    ['the type weight (race)', mentee, mentor, { race: 401 }, noTargets, 1],
    ['the type weight (clinical, with a mentor who is not BME)', mentee, { ...mentor, bme: 'no' }, { clinical: 237 }, noTargets, 37],
    [
      'the type weight (frontline)',
      person('E3', { rank: 13, functions: ['strategic'] }),
      person('M7', { rank: 2, functions: ['front line'] }),
      { frontline: 333 },
      noTargets,
      33,
    ],
    ['a weight of a type that does not fit changes nothing', mentee, mentor, { frontline: 999 }, noTargets, 0],
    ['the type weight (general, when nothing else fits)', person('E2', { rank: 11, bme: 'no' }), person('M2', { rank: 3 }), { general: 25 }, noTargets, 25],
    ['bmeMentor', mentee, mentor, { bmeMentor: 130 }, noTargets, 30],
    ['bmeMentor does not apply to a mentor who is not BME', mentee, { ...mentor, bme: 'no' }, { bmeMentor: 130 }, noTargets, 0],
    ['differentDepartment', mentee, mentor, { differentDepartment: 75 }, noTargets, 25],
    [
      'differentDepartment is not earned in the same department, any case or spacing',
      mentee,
      person('M3', { rank: 7, bme: 'yes', department: ' SURGERY ' }),
      { differentDepartment: 75 },
      noTargets,
      0,
    ],
    [
      'differentDepartment is not earned when the mentor has no department',
      mentee,
      person('M4', { rank: 7, bme: 'yes', department: null }),
      { differentDepartment: 75 },
      noTargets,
      0,
    ],
    [
      'differentDepartment is not earned when the mentee has no department',
      { ...mentee, department: null, departmentKey: null },
      mentor,
      { differentDepartment: 75 },
      noTargets,
      0,
    ],
    ['targetedMentee', mentee, mentor, { targetedMentee: 160 }, new Set(['surgery']), 10],
    ['targetedMentee does not apply outside a targeted department', mentee, mentor, { targetedMentee: 160 }, new Set(['pharmacy']), 0],
    ['differentDepartment is not earned by a leader in a targeted department', mentee, mentor, { differentDepartment: 75 }, new Set(['surgery']), 0],
    ['sameTargetedDepartment', mentee, person('M3', { rank: 7, bme: 'yes', department: 'surgery' }), { sameTargetedDepartment: 90 }, new Set(['surgery']), 40],
    ['sameTargetedDepartment is not earned by a mentor from another department', mentee, mentor, { sameTargetedDepartment: 90 }, new Set(['surgery']), 0],
    ['perBandGap, times the gap of 4', mentee, mentor, { perBandGap: 12 }, noTargets, 8],
    [
      'perBandGap, times the gap of 13 (board and band 1)',
      person('B1', { rank: 14, boardMember: true }),
      person('M5', { rank: 1 }),
      { perBandGap: 11 },
      noTargets,
      13,
    ],
  ])('%s', (_, e, m, weights, targeted, change) => {
    expect(score(e, m, weights, targeted) - score(e, m, {}, targeted)).toBe(change);
  });

  it.each<[string, ReadonlySet<string>, string, number]>([
    ['a leader in a targeted department with a same-department mentor', new Set(['surgery']), 'Surgery', 400 + 100 + 150 + 50 + 40],
    ['a leader in a targeted department with a mentor from elsewhere', new Set(['surgery']), 'Pharmacy', 400 + 100 + 150 + 40],
    ['no targets, same department', noTargets, 'surgery', 400 + 100 + 40],
  ])('%s scores %#', (_, targeted, department, total) => {
    const m = person('M6', { rank: 7, bme: 'yes', department });
    expect(score(mentee, m, {}, targeted)).toBe(total);
  });

  it.each<[string, Participant, Participant, Partial<Weights>, ReadonlySet<string>]>([
    ['the reference pair', mentee, mentor, {}, noTargets],
    ['a targeted, same-department pair', mentee, person('M3', { rank: 7, bme: 'yes', department: 'Surgery' }), {}, new Set(['surgery'])],
    ['a targeted pair across departments', mentee, mentor, {}, new Set(['surgery'])],
    ['a general pair', person('E2', { rank: 9 }), person('M2', { rank: 8 }), {}, noTargets],
    ['a pair whose best type changes with the weights', mentee, mentor, { race: 0, clinical: 500 }, noTargets],
  ])('pairScore (the number alone) gives the same score as scorePair for %s', (_, e, m, w, targeted) => {
    const weights = { ...DEFAULT_WEIGHTS, ...w };
    const explained = scorePair(e, m, weights, targeted);
    expect(pairScore(e, m, weights, targeted)).toBe(explained.score);
    expect(pairScore(e, m, weights, targeted, rankTypes(weights))).toBe(explained.score);
    expect(pairType(e, m, weights)).toBe(explained.type);
  });

  it('gives one reason per point, each with its points, adding up to the score', () => {
    const m = person('M3', { rank: 7, bme: 'yes', department: 'Surgery' });
    const { reasons, score: total } = scorePair(mentee, m, DEFAULT_WEIGHTS, new Set(['surgery']));
    expect(reasons).toEqual([
      'race pair: a senior leader who is not BME with a BME middle manager (+400)',
      'BME mentor (+100)',
      'leader in a targeted department (Surgery) (+150)',
      'mentor from the same targeted department (+50)',
      '4 steps of seniority apart (Band 7 and Band 8d) (+40)',
    ]);
    const points = reasons.map((reason) => Number(/\(\+(\d+)\)$/.exec(reason)![1]));
    expect(points.reduce((a, b) => a + b, 0)).toBe(total);
  });

  it.each<[string, Participant, Participant, string[]]>([
    ['different departments are named', mentee, mentor, ['different departments (Pharmacy and Surgery) (+50)']],
    [
      'a one-step gap reads "1 step"',
      person('E2', { rank: 9, band: '8b' }),
      person('M2', { rank: 8, band: '8a' }),
      ['general reverse pair (+0)', '1 step of seniority apart (Band 8a and Band 8b) (+10)'],
    ],
    [
      'a board member reads "board"',
      person('B1', { rank: 14, boardMember: true, band: null, functions: ['strategic'] }),
      person('M2', { rank: 3, band: '3', functions: ['front line'] }),
      ['front-line pair: a strategic leader with a front-line mentor (+300)', '11 steps of seniority apart (Band 3 and board) (+110)'],
    ],
  ])('reasons: %s', (_, e, m, expected) => {
    const { reasons } = scorePair(e, m, DEFAULT_WEIGHTS, noTargets);
    for (const reason of expected) expect(reasons).toContain(reason);
  });
});

describe('parseWeights', () => {
  it('returns the defaults for an empty object', () => {
    expect(parseWeights({})).toEqual({ weights: DEFAULT_WEIGHTS, problems: [] });
  });

  it.each(WEIGHT_NAMES.map((name) => [name] as const))('sets %s and keeps every other default', (name) => {
    const { weights, problems } = parseWeights({ [name]: 7 });
    expect(problems).toEqual([]);
    expect(weights).toEqual({ ...DEFAULT_WEIGHTS, [name]: 7 });
  });

  it.each<[string, Record<string, unknown>, Partial<Weights>]>([
    ['a subset', { race: 500, perBandGap: 5 }, { race: 500, perBandGap: 5 }],
    ['the bounds 0 and 1000', { general: 0, race: 1000 }, { general: 0, race: 1000 }],
  ])('merges %s with the defaults', (_, json, expected) => {
    expect(parseWeights(json)).toEqual({ weights: { ...DEFAULT_WEIGHTS, ...expected }, problems: [] });
  });

  it.each<[string, unknown, RegExp]>([
    ['an unknown key', { racee: 5 }, /"racee" is not a weight; the weights are race, frontline/],
    ['a negative weight', { race: -1 }, /"race" is -1; expected a whole number from 0 to 1000/],
    ['a weight over 1000', { race: 1001 }, /"race" is 1001; expected a whole number from 0 to 1000/],
    ['a fraction', { perBandGap: 2.5 }, /"perBandGap" is 2\.5; expected a whole number/],
    ['a string', { bmeMentor: '100' }, /"bmeMentor" is "100"; expected a whole number/],
    ['null', { bmeMentor: null }, /"bmeMentor" is null; expected a whole number/],
  ])('reports %s and keeps the defaults', (_, json, message) => {
    const { weights, problems } = parseWeights(json);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(message);
    expect(weights).toEqual(DEFAULT_WEIGHTS);
  });

  it('reports every problem, keeping the good values', () => {
    const { weights, problems } = parseWeights({ race: 'high', frontline: 350, colour: 1 });
    expect(problems).toHaveLength(2);
    expect(weights).toEqual({ ...DEFAULT_WEIGHTS, frontline: 350 });
  });

  it.each<[string, unknown]>([
    ['an array', [1, 2]],
    ['null', null],
    ['a number', 5],
    ['a string', 'race=500'],
  ])('reports %s as not an object', (_, json) => {
    const { weights, problems } = parseWeights(json);
    expect(problems).toEqual(['expected a JSON object such as {"race": 500, "perBandGap": 5}']);
    expect(weights).toEqual(DEFAULT_WEIGHTS);
  });
});
