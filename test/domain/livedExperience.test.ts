/** Lived experience pair types (docs/pairing.md, "Pair types"; docs/characteristics.md, "Lived experience pairs"). */
import { describe, expect, it } from 'vitest';
import type { CharacteristicValue } from '../../src/domain/characteristics.js';
import {
  bestType,
  DEFAULT_WEIGHTS,
  fittingTypes,
  fitsType,
  pairScore,
  pairType,
  parseWeights,
  rankTypes,
  scorePair,
  typeWeight,
  weightsJson,
  type PairType,
  type Participant,
  type Weights,
} from '../../src/domain/pairingRules.js';
import { person } from '../helpers/participants.js';

const DISABILITY = 'lived experience (disability)';
const CARER = 'lived experience (carer)';

/** Weights as `--weights` gives them with these characteristics enabled (in this order). */
function weightsOf(json: Record<string, number>, enabled: readonly string[] = ['disability', 'carer']): Weights {
  const { weights, problems } = parseWeights(json, enabled);
  expect(problems).toEqual([]);
  return weights;
}

const leader = (values: Record<string, CharacteristicValue>, fields: Partial<Participant> = {}) =>
  person('L1', { rank: 12, characteristics: values, ...fields });
const mentorWith = (values: Record<string, CharacteristicValue>, fields: Partial<Participant> = {}) =>
  person('M1', { rank: 5, characteristics: values, ...fields });

describe('fitsType for a lived experience type', () => {
  it.each<[string, CharacteristicValue | undefined, CharacteristicValue | undefined, number, boolean]>([
    ['a leader without it and a mentor with it', 'no', 'yes', 12, true],
    ['a leader whose value is unknown (never guessed)', 'unknown', 'yes', 12, false],
    ['a leader with no value read at all', undefined, 'yes', 12, false],
    ['a leader who has it too', 'yes', 'yes', 12, false],
    ['a mentor without it', 'no', 'no', 12, false],
    ['a mentor whose value is unknown', 'no', 'unknown', 12, false],
    ['a mentee who is not a senior leader', 'no', 'yes', 8, false],
  ])('%s', (_, menteeValue, mentorValue, rank, fits) => {
    const mentee = leader(menteeValue === undefined ? {} : { disability: menteeValue }, { rank });
    const mentor = mentorWith(mentorValue === undefined ? {} : { disability: mentorValue });
    expect(fitsType(DISABILITY, mentee, mentor)).toBe(fits);
    // Another characteristic's values never count for this one.
    expect(fitsType(CARER, mentee, mentor)).toBe(false);
  });

  it('reads only own values, never a name Object.prototype holds', () => {
    const mentee = leader({});
    const mentor = mentorWith({});
    expect(fitsType('lived experience (constructor)', mentee, mentor)).toBe(false);
  });
});

describe('weights of lived experience types', () => {
  const mentee = leader({ disability: 'no', carer: 'no' }, { department: 'Surgery' });
  const mentor = mentorWith({ disability: 'yes', carer: 'yes' }, { department: 'Surgery' });

  it.each<[string, Record<string, number>, PairType, number]>([
    ['no weight: the type does not apply', {}, 'general', 0 + 70],
    ['weight 0: the type does not apply', { disability: 0 }, 'general', 70],
    ['a weight above 0: the type applies', { disability: 300 }, DISABILITY, 300 + 70],
    ['two weighted: the one worth most', { disability: 300, carer: 500 }, CARER, 500 + 70],
    ['two tied: the enabled order (disability first)', { disability: 300, carer: 300 }, DISABILITY, 300 + 70],
    ['tied with general: the lived type (general is last)', { disability: 300, general: 300 }, DISABILITY, 300 + 70],
    ['worth less than general: general', { disability: 300, general: 301 }, 'general', 301 + 70],
  ])('%s', (_, json, type, score) => {
    const weights = weightsOf(json);
    expect(pairType(mentee, mentor, weights)).toBe(type);
    expect(pairScore(mentee, mentor, weights, new Set())).toBe(score);
    const explained = scorePair(mentee, mentor, weights, new Set());
    expect(explained).toMatchObject({ type, score });
    expect(bestType(fittingTypes(mentee, mentor, weights), weights)).toBe(type);
  });

  const board = person('B1', {
    rank: 14,
    boardMember: true,
    band: null,
    bme: 'no',
    functions: ['strategic', 'managerial'],
    characteristics: { disability: 'no' },
  });
  const bmeMiddle = person('M2', { rank: 8, bme: 'yes', functions: ['front line', 'clinical'], characteristics: { disability: 'yes' } });
  it.each<[string, Record<string, number>, PairType]>([
    ['default race beats a smaller lived weight', { disability: 399 }, 'race'],
    ['a tie with race goes to race', { disability: 400 }, 'race'],
    ['a tie with frontline goes to frontline', { race: 0, disability: 300 }, 'frontline'],
    ['a tie with clinical goes to clinical', { race: 0, frontline: 0, disability: 200 }, 'clinical'],
    ['a lived weight above every functional one wins', { disability: 401 }, DISABILITY],
  ])('ties and order with the functional types: %s', (_, json, type) => {
    const weights = weightsOf(json);
    expect(pairType(board, bmeMiddle, weights)).toBe(type);
    expect(bestType(fittingTypes(board, bmeMiddle, weights), weights)).toBe(type);
    expect(scorePair(board, bmeMiddle, weights, new Set()).type).toBe(type);
  });

  it('ranks the types: race, frontline, clinical, lived experience in the enabled order, then general, on equal weights', () => {
    const weights = weightsOf({ race: 5, frontline: 5, clinical: 5, general: 5, disability: 5, carer: 5 });
    expect(rankTypes(weights)).toEqual(['race', 'frontline', 'clinical', DISABILITY, CARER, 'general']);
    expect(rankTypes(weightsOf({ carer: 700, disability: 450 }))).toEqual([CARER, DISABILITY, 'race', 'frontline', 'clinical', 'general']);
    expect(rankTypes(DEFAULT_WEIGHTS)).toEqual(['race', 'frontline', 'clinical', 'general']);
  });

  it('a trio takes the better of its two mentors’ types, a lived type on a tie with general', () => {
    const weights = weightsOf({ disability: 300 });
    expect(bestType(['general', DISABILITY], weights)).toBe(DISABILITY);
    expect(bestType([DISABILITY, 'race'], weights)).toBe('race');
    expect(bestType([CARER, DISABILITY], weightsOf({ carer: 300, disability: 300 }))).toBe(DISABILITY);
    expect(typeWeight(CARER, weights)).toBe(0);
  });

  it('its reason names the characteristic and its points, and nothing of anyone’s value', () => {
    const { reasons } = scorePair(mentee, mentor, weightsOf({ disability: 300 }), new Set());
    expect(reasons[0]).toBe('lived experience (disability) (+300)');
    for (const reason of reasons) expect(reason).not.toMatch(/\byes\b|\bno\b|unknown|disabled|has a disability/i);
  });
});

describe('parseWeights with characteristics', () => {
  it('takes an enabled characteristic’s weight, in the enabled order, only when above 0', () => {
    const { weights, problems } = parseWeights({ carer: 10, disability: 300, race: 500 }, ['disability', 'carer', 'sex']);
    expect(problems).toEqual([]);
    expect(weights.race).toBe(500);
    expect(weights.lived).toEqual([
      { name: 'disability', type: DISABILITY, weight: 300 },
      { name: 'carer', type: CARER, weight: 10 },
    ]);
    expect(parseWeights({ disability: 0 }, ['disability']).weights).toEqual(DEFAULT_WEIGHTS);
  });

  it('shows the weights as a weights file would give them: the named ones, then each characteristic that applies', () => {
    expect(weightsJson(weightsOf({ carer: 10, disability: 0 }))).toEqual({ ...weightsJson(DEFAULT_WEIGHTS), carer: 10 });
    expect(Object.keys(weightsJson(weightsOf({ carer: 10 }))).at(-1)).toBe('carer');
    expect(Object.keys(weightsJson(DEFAULT_WEIGHTS))).not.toContain('lived');
  });

  it.each<[string, Record<string, unknown>, readonly string[], RegExp]>([
    [
      'a built-in characteristic not enabled',
      { disability: 300 },
      [],
      /^"disability" is a characteristic that is not enabled, so it has no weight \(to use it: remedi characteristics enable disability\); the weights are race, frontline, .*perBandGap, and one for each enabled characteristic \(none is enabled\)$/,
    ],
    [
      'a built-in not enabled, others enabled',
      { sex: 300 },
      ['disability', 'carer'],
      /remedi characteristics enable sex\).*enabled characteristic \(disability, carer\)$/,
    ],
    [
      'an unknown name',
      { carers: 3 },
      ['disability', 'carer'],
      /^"carers" is not a weight; the weights are race, .*, and one for each enabled characteristic \(disability, carer\)$/,
    ],
    ['a characteristic’s weight over 1000', { disability: 1001 }, ['disability'], /^"disability" is 1001; expected a whole number from 0 to 1000$/],
    ['a characteristic’s weight that is not a number', { disability: 'high' }, ['disability'], /^"disability" is "high"; expected a whole number/],
  ])('refuses %s', (_, json, enabled, message) => {
    const { weights, problems } = parseWeights(json, enabled);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(message);
    expect(weights).toEqual(DEFAULT_WEIGHTS);
  });
});
