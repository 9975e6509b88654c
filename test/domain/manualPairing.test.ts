import { describe, expect, it } from 'vitest';
import type { CurrentEnrolment } from '../../src/domain/enrolment.js';
import { planManualPairing, type ManualPairingInput } from '../../src/domain/manualPairing.js';
import { pairKey } from '../../src/domain/pairKey.js';
import { DEFAULT_WEIGHTS, scorePair, type Participant } from '../../src/domain/pairingRules.js';
import { person } from '../helpers/participants.js';

// A board member, a BME mentor and a front-line mentor who can be paired with them.
const board = person('B1', { name: 'Board Member', boardMember: true });
const leader = person('L1', { name: 'Senior Leader', rank: 11 });
const bme = person('M1', { name: 'Bme Mentor', rank: 4, bme: 'yes' });
const frontline = person('M2', { name: 'Front Mentor', rank: 4, functions: ['front line'] });
const plain = person('M3', { name: 'Plain Mentor', rank: 4 });

const enrolled = (entries: Record<string, Partial<CurrentEnrolment> & Pick<CurrentEnrolment, 'role'>>): Map<string, CurrentEnrolment> =>
  new Map(Object.entries(entries).map(([id, e]) => [id, { withdrawnOn: null, ...e }]));

function input(mentee: Participant, mentors: Participant[], fields: Partial<ManualPairingInput> = {}): ManualPairingInput {
  return {
    cohort: 1,
    mentee,
    mentors,
    enrolments: new Map(),
    menteeAlreadyPaired: false,
    rules: { allowUntrained: false, allowRepeat: false, pairedBefore: new Set() },
    weights: DEFAULT_WEIGHTS,
    targeted: new Set(),
    force: false,
    ...fields,
  };
}

describe('planManualPairing: refused whatever --force says', () => {
  it.each([
    [
      'two mentors who are one person',
      input(board, [bme, bme]),
      /^The two mentors of a trio must be two different people; both name Bme Mentor \(M1\)\.$/,
      true,
    ],
    [
      'a withdrawn mentee',
      input(board, [bme], { enrolments: enrolled({ B1: { role: 'mentee', withdrawnOn: '2026-02-01' } }) }),
      /^Not paired: Board Member \(B1\) withdrew from cohort 1 on 1 Feb 2026\.$/,
      false,
    ],
    [
      'a withdrawn mentor',
      input(board, [bme, frontline], { enrolments: enrolled({ M2: { role: 'either', withdrawnOn: '2026-02-01' } }) }),
      /^Not paired: Front Mentor \(M2\) withdrew from cohort 1/,
      false,
    ],
    [
      'a mentee already paired in the cohort',
      input(board, [bme], { menteeAlreadyPaired: true }),
      /^Board Member is already the mentee of a relationship in cohort 1\.$/,
      false,
    ],
  ])('%s', (_case, given, message, usage) => {
    for (const force of [false, true]) {
      const plan = planManualPairing({ ...given, force });
      expect(plan).toMatchObject({ outcome: 'refused', usage });
      if (plan.outcome === 'refused') expect(plan.message).toMatch(message);
    }
  });

  it('says how to take back someone who withdrew, in the role they had', () => {
    const plan = planManualPairing(input(board, [bme], { enrolments: enrolled({ M1: { role: 'mentor', withdrawnOn: '2026-02-01' } }) }));
    expect(plan).toMatchObject({ fix: 'To take them back, enrol them again: remedi cohort enrol 1 --mentor M1' });
  });
});

describe('planManualPairing: refused unless --force, then recorded as an override', () => {
  it.each([
    [
      'the mentee is enrolled as a mentor',
      input(board, [bme], { enrolments: enrolled({ B1: { role: 'mentor' } }) }),
      ['Board Member is enrolled in cohort 1 as a mentor, not a mentee'],
    ],
    [
      'a mentor is enrolled as a mentee',
      input(board, [bme], { enrolments: enrolled({ M1: { role: 'mentee' } }) }),
      ['Bme Mentor is enrolled in cohort 1 as a mentee, not a mentor'],
    ],
    [
      'the mentor is not more junior',
      input(leader, [person('S1', { name: 'Senior Mentor', rank: 11 })]),
      ['Senior Mentor (Band 8d) is not more junior than Senior Leader (Band 8d), so it would not be reverse mentoring'],
    ],
    [
      'the mentee manages the mentor',
      input(board, [person('M9', { name: 'Direct Report', rank: 4, lineManagerId: 'B1' })]),
      ["Board Member is Direct Report's line manager or their manager's manager"],
    ],
    [
      'the mentor has no free capacity',
      input(board, [person('M8', { name: 'Busy Mentor', rank: 4, freeCapacity: 0, capacity: 2 })]),
      ['Busy Mentor has no free capacity (mentoring 2 of 2)'],
    ],
    [
      'the mentor is not RACE-trained',
      input(board, [person('M7', { name: 'New Mentor', rank: 4, raceTrained: false })]),
      ['New Mentor is not RACE-trained (record it with remedi staff train M7)'],
    ],
    [
      'the two were paired in an earlier cohort',
      input(board, [bme], { rules: { allowUntrained: false, allowRepeat: false, pairedBefore: new Set([pairKey('B1', 'M1')]) } }),
      ['Bme Mentor and Board Member were paired in an earlier cohort'],
    ],
    [
      'a trio for someone not on the board',
      input(leader, [bme, frontline]),
      ['Senior Leader is not an Executive Board member; only board members work in trios'],
    ],
    [
      'a trio whose mentors cannot fill both places',
      input(board, [bme, plain]),
      ['a trio needs one BME mentor and one front-line mentor, and Bme Mentor and Plain Mentor cannot fill both'],
    ],
    [
      'several problems at once, in order',
      input(leader, [plain, person('M7', { name: 'New Mentor', rank: 4, raceTrained: false })], { enrolments: enrolled({ L1: { role: 'mentor' } }) }),
      [
        'Senior Leader is enrolled in cohort 1 as a mentor, not a mentee',
        'New Mentor is not RACE-trained (record it with remedi staff train M7)',
        'Senior Leader is not an Executive Board member; only board members work in trios',
        'a trio needs one BME mentor and one front-line mentor, and Plain Mentor and New Mentor cannot fill both',
      ],
    ],
  ])('%s', (_case, given, problems) => {
    const refused = planManualPairing(given);
    expect(refused).toEqual({
      outcome: 'refused',
      usage: false,
      message: `Not paired: ${problems.join('; ')}.`,
      fix: 'Choose another mentor, or add --force to record it anyway, marked as an override.',
    });
    const forced = planManualPairing({ ...given, force: true });
    expect(forced).toMatchObject({ outcome: 'override', problems, relationship: { override: true } });
    if (forced.outcome !== 'override') return;
    expect(forced.relationship.reasons.slice(0, problems.length + 1)).toEqual(['paired by hand', ...problems.map((p) => `override: ${p}`)]);
  });
});

describe('planManualPairing: accepted', () => {
  it.each([
    ['a pair', input(board, [bme]), [{ staffId: 'M1', slot: null }]],
    [
      'a trio, BME mentor first',
      input(board, [bme, frontline]),
      [
        { staffId: 'M1', slot: 'bme' },
        { staffId: 'M2', slot: 'frontline' },
      ],
    ],
    [
      'a trio, front-line mentor first',
      input(board, [frontline, bme]),
      [
        { staffId: 'M2', slot: 'frontline' },
        { staffId: 'M1', slot: 'bme' },
      ],
    ],
    [
      'a mentor enrolled as either',
      input(board, [bme], { enrolments: enrolled({ M1: { role: 'either' }, B1: { role: 'mentee' } }) }),
      [{ staffId: 'M1', slot: null }],
    ],
  ])('%s, with no override and the mentors in the places they fill', (_case, given, mentors) => {
    const plan = planManualPairing(given);
    expect(plan).toMatchObject({ outcome: 'accepted', problems: [], relationship: { mentors, override: false } });
    if (plan.outcome !== 'accepted') return;
    expect(plan.relationship.reasons[0]).toBe('paired by hand');
    expect(plan.relationship.reasons.some((r) => r.startsWith('override'))).toBe(false);
  });

  it('scores a trio as the sum of its two pairs, with both pairs\' reasons after "paired by hand"', () => {
    const plan = planManualPairing(input(board, [bme, frontline]));
    const [a, b] = [scorePair(board, bme, DEFAULT_WEIGHTS, new Set()), scorePair(board, frontline, DEFAULT_WEIGHTS, new Set())];
    expect(a.score).toBeGreaterThan(0);
    expect(plan).toMatchObject({ relationship: { score: a.score + b.score, reasons: ['paired by hand', ...a.reasons, ...b.reasons] } });
  });

  it.each([
    [
      'nobody enrolled yet: everyone is enrolled in the role they take',
      new Map(),
      [
        { staffId: 'B1', role: 'mentee' },
        { staffId: 'M1', role: 'mentor' },
        { staffId: 'M2', role: 'mentor' },
      ],
    ],
    ['everyone enrolled already: nobody is enrolled again', enrolled({ B1: { role: 'mentee' }, M1: { role: 'either' }, M2: { role: 'mentor' } }), []],
    [
      'only the mentee enrolled',
      enrolled({ B1: { role: 'either' } }),
      [
        { staffId: 'M1', role: 'mentor' },
        { staffId: 'M2', role: 'mentor' },
      ],
    ],
  ])('%s', (_case, enrolments, enrol) => {
    expect(planManualPairing(input(board, [bme, frontline], { enrolments }))).toMatchObject({ enrol });
  });

  it('an override enrols the unenrolled too', () => {
    expect(planManualPairing(input(leader, [bme, frontline], { force: true }))).toMatchObject({
      outcome: 'override',
      enrol: [{ staffId: 'L1' }, { staffId: 'M1' }, { staffId: 'M2' }],
    });
  });
});
