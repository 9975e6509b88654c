/** A disability weight changes the optimum (issue 17's test), and only a weight does. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_WEIGHTS, parseWeights, type RuleContext } from '../../src/domain/pairingRules.js';
import { proposePairings } from '../../src/matching/pairing.js';
import { person } from '../helpers/participants.js';

const STRICT: RuleContext = { allowUntrained: false, allowRepeat: false, pairedBefore: new Set() };

describe('a disability weight in a proposal', () => {
  // A leader without a disability; mentor D has one, mentor B does not but is BME and further from the leader's band.
  const leader = person('L1', { rank: 12, department: 'Surgery', characteristics: { disability: 'no' } });
  const disabled = person('D1', { rank: 6, department: 'Surgery', characteristics: { disability: 'yes' } });
  const bme = person('B1', { rank: 5, bme: 'yes', department: 'Pharmacy', characteristics: { disability: 'unknown' } });
  const propose = (weights = DEFAULT_WEIGHTS, mentee = leader) =>
    proposePairings({ mentees: [mentee], mentors: [disabled, bme], weights, trios: false, targeted: new Set(), rules: STRICT });
  const weights = (json: Record<string, number>) => parseWeights(json, ['disability']).weights;

  it('gives the leader the mentor with the lived experience only when it has points', () => {
    // Without: B1 is worth 100 (BME) + 50 (departments) + 70 (gap) = 220 against D1's 60.
    const without = propose();
    expect(without.relationships[0].mentors[0].mentor.staffId).toBe('B1');
    expect(without.relationships[0].type).toBe('general');
    expect(propose(weights({ disability: 0 }))).toEqual(without);
    // With 300: D1 is worth 300 + 60 = 360.
    const withWeight = propose(weights({ disability: 300 }));
    expect(withWeight.relationships[0].mentors[0].mentor.staffId).toBe('D1');
    expect(withWeight.relationships[0].type).toBe('lived experience (disability)');
    expect(withWeight.relationships[0].reasons).toEqual(['lived experience (disability) (+300)', '6 steps of seniority apart (Band 6 and Band 9) (+60)']);
    expect(withWeight.totals.score).toBe(360);
    // 100 is not enough to beat 220.
    expect(propose(weights({ disability: 100 })).relationships[0].mentors[0].mentor.staffId).toBe('B1');
  });

  it('a leader whose value is unknown is not a lived experience pair, whatever the weight', () => {
    const unknown = { ...leader, characteristics: {} };
    const proposal = propose(weights({ disability: 1000 }), unknown);
    expect(proposal.relationships[0].mentors[0].mentor.staffId).toBe('B1');
  });

  it('a trio takes the better of its two mentors’ types, and says each mentor’s reason by name', () => {
    const board = person('E1', { rank: 14, boardMember: true, band: null, functions: ['strategic'], characteristics: { disability: 'no' } });
    const bmeMentor = person('B2', { rank: 8, bme: 'yes', characteristics: { disability: 'yes' } });
    const frontline = person('F1', { rank: 4, functions: ['front line'] });
    const proposal = proposePairings({
      mentees: [board],
      mentors: [bmeMentor, frontline],
      weights: weights({ disability: 350 }),
      trios: true,
      targeted: new Set(),
      rules: STRICT,
    });
    const [trio] = proposal.relationships;
    expect(trio.mentors.map((m) => [m.mentor.staffId, m.type])).toEqual([
      ['B2', 'lived experience (disability)'],
      ['F1', 'frontline'],
    ]);
    expect(trio.type).toBe('lived experience (disability)');
    expect(trio.reasons[0]).toBe('Person B2: lived experience (disability) (+350)');
  });
});
