import { describe, expect, it } from 'vitest';
import { buildCohortReport, type CohortReport, type ReportCohort, type ReportInput, type ReportRelationshipInput } from '../../src/domain/cohortReport.js';
import { buildPublicationReport, isPublication } from '../../src/domain/publicationReport.js';
import type { BmeStatus } from '../../src/domain/ethnicity.js';
import type { PairType, Slot } from '../../src/domain/pairingRules.js';
import { KINDS, LEVELS } from '../../src/domain/sessions.js';
import { summariseSessions, type ReportSessionInput } from '../helpers/sessionSummary.js';

// ---------------------------------------------------------------- factories

const COHORT: ReportCohort = { number: 3, name: 'Cohort three', start: '2024-01-01', end: '2024-12-31', minMonths: 8, minPerMonth: 2, meetEvery: null };
const AS_OF = '2024-03-15';

const person = (staffId: string) => ({ staffId, name: `Name ${staffId}` });

interface RelSpec {
  mentee?: string;
  mentors?: string[];
  slots?: Array<Slot | null>;
  type?: PairType;
  start?: string;
  endedOn?: string | null;
  plannedEnd?: string;
}

function rel(id: number, spec: RelSpec = {}): ReportRelationshipInput {
  const mentors = spec.mentors ?? [`M${id}`];
  return {
    id,
    mentee: person(spec.mentee ?? `E${id}`),
    mentors: mentors.map((m, i) => ({ ...person(m), slot: spec.slots?.[i] ?? null })),
    type: spec.type ?? 'general',
    start: spec.start ?? '2024-01-01',
    endedOn: spec.endedOn ?? null,
    plannedEnd: spec.plannedEnd ?? '2024-12-31',
  };
}

function session(relationshipId: number, date: string, extra: Partial<ReportSessionInput> = {}): ReportSessionInput {
  return { relationshipId, date, minutes: 60, kind: 'one-to-one', level: 'individual', livedExperience: false, themes: [], ...extra };
}

/** Sessions on the given dates for one relationship. */
const sessionsOn = (relationshipId: number, dates: string[]) => dates.map((d) => session(relationshipId, d));

interface BoardSpec {
  id: string;
  enrolled?: boolean;
  role?: 'mentor' | 'mentee' | 'either';
  withdrawnOn?: string;
}

function report(
  input: Partial<Omit<ReportInput, 'board' | 'bmeOf' | 'sessions'>> & {
    board?: BoardSpec[];
    bmeOf?: Record<string, BmeStatus>;
    sessions?: ReportSessionInput[];
  } = {},
): CohortReport {
  return buildCohortReport({
    cohort: input.cohort ?? COHORT,
    asOf: input.asOf ?? AS_OF,
    relationships: input.relationships ?? [],
    sessions: summariseSessions(input.sessions ?? [], input.asOf ?? AS_OF),
    board: (input.board ?? []).map((b) => ({ ...person(b.id), role: (b.enrolled ?? true) ? (b.role ?? 'mentee') : null, withdrawnOn: b.withdrawnOn ?? null })),
    bmeOf: new Map(Object.entries(input.bmeOf ?? {})),
    suppressBelow: input.suppressBelow ?? null,
  });
}

// ---------------------------------------------------------------- participation

describe('buildCohortReport: participation', () => {
  it.each<{ name: string; relationships: ReportRelationshipInput[]; bmeOf: Record<string, BmeStatus>; expected: CohortReport['participation'] }>([
    {
      name: 'no relationships',
      relationships: [],
      bmeOf: {},
      expected: {
        mentees: 0,
        mentors: 0,
        relationships: 0,
        pairs: 0,
        trios: 0,
        byType: { race: 0, frontline: 0, clinical: 0, general: 0 },
        byBme: { yes: 0, no: 0, unknown: 0 },
        characteristics: {},
      },
    },
    {
      name: 'a mentor in two relationships counts once (also in byBme)',
      relationships: [
        rel(1, { mentee: 'A', mentors: ['X'], type: 'race' }),
        rel(2, { mentee: 'B', mentors: ['X', 'Y'], type: 'race' }),
        rel(3, { mentee: 'C', mentors: ['Z'], type: 'clinical' }),
      ],
      // C is missing from bmeOf: unknown.
      bmeOf: { A: 'yes', B: 'no', X: 'yes', Y: 'no', Z: 'yes' },
      expected: {
        mentees: 3,
        mentors: 3,
        relationships: 3,
        pairs: 2,
        trios: 1,
        byType: { race: 2, frontline: 0, clinical: 1, general: 0 },
        byBme: { yes: 3, no: 2, unknown: 1 },
        characteristics: {},
      },
    },
    {
      name: 'all trios, every type, bmeOf saying unknown explicitly',
      relationships: [
        rel(1, { mentee: 'A', mentors: ['P', 'Q'], type: 'frontline' }),
        rel(2, { mentee: 'B', mentors: ['R', 'S'], type: 'general' }),
        rel(3, { mentee: 'C', mentors: ['P', 'S'], type: 'race' }),
        rel(4, { mentee: 'D', mentors: ['T', 'Q'], type: 'clinical' }),
      ],
      bmeOf: { A: 'unknown', B: 'no', C: 'no', D: 'no', P: 'yes', Q: 'yes', R: 'yes', S: 'no', T: 'unknown' },
      expected: {
        mentees: 4,
        mentors: 5,
        relationships: 4,
        pairs: 0,
        trios: 4,
        byType: { race: 1, frontline: 1, clinical: 1, general: 1 },
        byBme: { yes: 3, no: 4, unknown: 2 },
        characteristics: {},
      },
    },
    {
      name: 'a mentee of one relationship who mentors in another is one participant in byBme',
      relationships: [rel(1, { mentee: 'A', mentors: ['X'] }), rel(2, { mentee: 'X', mentors: ['Y'] })],
      bmeOf: { A: 'no', X: 'yes', Y: 'no' },
      expected: {
        mentees: 2,
        mentors: 2,
        relationships: 2,
        pairs: 2,
        trios: 0,
        byType: { race: 0, frontline: 0, clinical: 0, general: 2 },
        byBme: { yes: 1, no: 2, unknown: 0 },
        characteristics: {},
      },
    },
    {
      name: 'nobody in bmeOf: every distinct person is unknown',
      relationships: [rel(1, { mentee: 'A', mentors: ['X'] }), rel(2, { mentee: 'B', mentors: ['X'] })],
      bmeOf: {},
      expected: {
        mentees: 2,
        mentors: 1,
        relationships: 2,
        pairs: 2,
        trios: 0,
        byType: { race: 0, frontline: 0, clinical: 0, general: 2 },
        byBme: { yes: 0, no: 0, unknown: 3 },
        characteristics: {},
      },
    },
  ])('$name', ({ relationships, bmeOf, expected }) => {
    const { pairsByType: _pairs, triosByType: _trios, ...participation } = report({ relationships, bmeOf }).participation;
    expect(participation).toStrictEqual(expected);
  });
});

// ---------------------------------------------------------------- board coverage

describe('buildCohortReport: board coverage', () => {
  // COHORT runs 1 Jan to 31 Dec 2024; AS_OF is 15 Mar 2024.
  it.each<{
    name: string;
    enrolled: boolean;
    role?: 'mentor' | 'mentee' | 'either';
    withdrawnOn?: string;
    relationships: ReportRelationshipInput[];
    during: string | null;
    now: string | null;
  }>([
    { name: 'mentee of a running relationship', enrolled: true, relationships: [rel(1, { mentee: 'B1' })], during: null, now: null },
    { name: 'relationship starts on the as-of date', enrolled: true, relationships: [rel(1, { mentee: 'B1', start: AS_OF })], during: null, now: null },
    {
      name: 'relationship ended on the as-of date (it still runs that day)',
      enrolled: true,
      relationships: [rel(1, { mentee: 'B1', endedOn: AS_OF })],
      during: null,
      now: null,
    },
    {
      name: 'relationship planned to end on the as-of date',
      enrolled: true,
      relationships: [rel(1, { mentee: 'B1', plannedEnd: AS_OF })],
      during: null,
      now: null,
    },
    {
      name: 'one ended and one running relationship',
      enrolled: true,
      relationships: [rel(1, { mentee: 'B1', endedOn: '2024-02-01' }), rel(2, { mentee: 'B1', start: '2024-02-02' })],
      during: null,
      now: null,
    },
    { name: 'not enrolled', enrolled: false, relationships: [], during: 'not enrolled in this cohort', now: null },
    { name: 'enrolled, no relationship', enrolled: true, relationships: [], during: 'enrolled but not paired', now: null },
    { name: 'enrolled as a mentor', enrolled: true, role: 'mentor', relationships: [], during: 'enrolled as a mentor, not as a mentee', now: null },
    { name: 'enrolled, only other people are paired', enrolled: true, relationships: [rel(1, { mentee: 'E1' })], during: 'enrolled but not paired', now: null },
    {
      name: 'relationship ended the day before: covered during the cohort, not now',
      enrolled: true,
      relationships: [rel(1, { mentee: 'B1', endedOn: '2024-03-14' })],
      during: null,
      now: 'their relationship ended on 14 Mar 2024',
    },
    {
      name: 'relationship starts the day after',
      enrolled: true,
      relationships: [rel(1, { mentee: 'B1', start: '2024-03-16' })],
      during: 'their relationship starts on 16 Mar 2024',
      now: null,
    },
    {
      name: 'as-of date after the planned end: covered during the cohort, not now',
      enrolled: true,
      relationships: [rel(1, { mentee: 'B1', start: '2023-06-01', plannedEnd: '2024-03-14' })],
      during: null,
      now: 'their relationship ended on 14 Mar 2024',
    },
    {
      name: 'a relationship that ran only before the cohort started',
      enrolled: true,
      relationships: [rel(1, { mentee: 'B1', start: '2023-06-01', endedOn: '2023-12-31' })],
      during: 'their relationship ran before the cohort started',
      now: null,
    },
    {
      name: 'withdrew, never paired',
      enrolled: true,
      withdrawnOn: '2024-03-12',
      relationships: [],
      during: 'withdrew from this cohort on 12 Mar 2024',
      now: null,
    },
    {
      name: 'withdrew as a mentor',
      enrolled: true,
      role: 'mentor',
      withdrawnOn: '2024-03-12',
      relationships: [],
      during: 'withdrew from this cohort on 12 Mar 2024',
      now: null,
    },
    {
      name: 'withdrew on the as-of date',
      enrolled: true,
      withdrawnOn: AS_OF,
      relationships: [],
      during: 'withdrew from this cohort on 15 Mar 2024',
      now: null,
    },
    {
      name: 'withdraws after the as-of date: still enrolled on it',
      enrolled: true,
      withdrawnOn: '2024-03-16',
      relationships: [],
      during: 'enrolled but not paired',
      now: null,
    },
    {
      name: 'withdrew after being a mentee during the cohort: covered during the cohort, not now',
      enrolled: true,
      withdrawnOn: '2024-03-12',
      relationships: [rel(1, { mentee: 'B1', endedOn: '2024-03-12' })],
      during: null,
      now: 'their relationship ended on 12 Mar 2024',
    },
  ])('$name', ({ enrolled, role, withdrawnOn, relationships, during, now }) => {
    const board = report({ relationships, board: [{ id: 'B1', enrolled, role, withdrawnOn }] }).board;
    expect(board.total).toBe(1);
    expect(board.covered).toBe(during === null ? 1 : 0);
    expect(board.uncovered).toStrictEqual(during === null ? [] : [{ staffId: 'B1', name: 'Name B1', why: during }]);
    expect(board.coveredNow).toBe(during === null && now === null ? 1 : 0);
    expect(board.notCoveredNow).toStrictEqual(now === null ? [] : [{ staffId: 'B1', name: 'Name B1', why: now }]);
  });

  it('counts every board member given, enrolled or not, and lists the uncovered in board order', () => {
    const board = report({
      relationships: [
        rel(1, { mentee: 'B1' }),
        rel(2, { mentee: 'B4', endedOn: '2024-02-29' }),
        rel(3, { mentee: 'B5', start: '2024-04-01' }),
        rel(4, { mentee: 'B6' }),
        // A running relationship whose mentee is not on the board adds nothing.
        rel(5, { mentee: 'NOT-BOARD' }),
      ],
      board: [{ id: 'B1' }, { id: 'B2', enrolled: false }, { id: 'B3' }, { id: 'B4' }, { id: 'B5' }, { id: 'B6' }],
    }).board;
    expect(board.total).toBe(6);
    expect(board.covered).toBe(3);
    expect(board.coveredNow).toBe(2);
    expect(board.uncovered.map((m) => [m.staffId, m.why])).toStrictEqual([
      ['B2', 'not enrolled in this cohort'],
      ['B3', 'enrolled but not paired'],
      ['B5', 'their relationship starts on 1 Apr 2024'],
    ]);
    expect(board.notCoveredNow.map((m) => [m.staffId, m.why])).toStrictEqual([['B4', 'their relationship ended on 29 Feb 2024']]);
  });

  it.each<{ name: string; asOf: string; covered: number; coveredNow: number }>([
    // B1 ran the whole cohort; B2 ended early on 30 Jun; B3 was replaced on 1 Jul and ran to the end.
    { name: "as at the cohort's end: everyone who took part, and those still running on its last day", asOf: '2024-12-31', covered: 3, coveredNow: 2 },
    { name: 'mid-cohort, before the replacement', asOf: '2024-06-15', covered: 2, coveredNow: 2 },
    { name: 'after the cohort: covered during it, nobody now', asOf: '2025-03-01', covered: 3, coveredNow: 0 },
    { name: 'before the cohort starts: nobody yet', asOf: '2023-12-01', covered: 0, coveredNow: 0 },
  ])('during the cohort and now: $name', ({ asOf, covered, coveredNow }) => {
    const board = report({
      asOf,
      relationships: [rel(1, { mentee: 'B1' }), rel(2, { mentee: 'B2', endedOn: '2024-06-30' }), rel(3, { mentee: 'B3', start: '2024-07-01' })],
      board: [{ id: 'B1' }, { id: 'B2' }, { id: 'B3' }],
    }).board;
    expect([board.covered, board.coveredNow]).toStrictEqual([covered, coveredNow]);
    expect(board.total - board.uncovered.length).toBe(covered);
  });

  it('an empty board has 0 of 0 covered', () => {
    expect(report({ relationships: [rel(1)] }).board).toStrictEqual({ covered: 0, coveredNow: 0, total: 0, uncovered: [], notCoveredNow: [] });
  });
});

// ---------------------------------------------------------------- compliance rows and summary

/** Two sessions on the 5th and 20th of each month from `from` (YYYY-MM), for `months` months. */
function twiceMonthly(relationshipId: number, year: number, month: number, months: number): ReportSessionInput[] {
  const out: ReportSessionInput[] = [];
  for (let i = 0; i < months; i++) {
    const m = month - 1 + i;
    const ym = `${year + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
    out.push(session(relationshipId, `${ym}-05`), session(relationshipId, `${ym}-20`));
  }
  return out;
}

describe('buildCohortReport: statuses and summary', () => {
  // As of 15 March 2024.
  const relationships = [
    rel(1, { start: '2023-06-01' }), // met: June 2023 to January 2024, twice a month
    rel(2, { start: '2024-01-01' }), // breached: January had 1 session
    rel(3, { start: '2024-02-20' }), // at risk: month 1 ends 19 March, 5 days left, 0 sessions
    rel(4, { start: '2024-03-01' }), // on track: 17 days left
    rel(5, { start: '2024-02-01' }), // on track: February had 2
    rel(6, { start: '2024-01-01', plannedEnd: '2024-06-30' }), // breached: planned under 8 months
  ];
  const sessions = [
    ...twiceMonthly(1, 2023, 6, 8),
    session(2, '2024-01-10'),
    session(2, '2024-02-10'),
    session(2, '2024-02-11'),
    session(5, '2024-02-03'),
    session(5, '2024-02-25'),
    ...twiceMonthly(6, 2024, 1, 2),
  ];
  const built = report({ relationships, sessions });

  it.each([
    [1, 'met'],
    [2, 'breached'],
    [3, 'at risk'],
    [4, 'on track'],
    [5, 'on track'],
    [6, 'breached'],
  ])('relationship %i is %s', (id, status) => {
    expect(built.relationships.find((r) => r.id === id)?.status).toBe(status);
  });

  it('the summary counts equal the statuses', () => {
    expect(built.summary).toStrictEqual({ met: 1, onTrack: 2, atRisk: 1, breached: 2 });
    const count = (s: string) => built.relationships.filter((r) => r.status === s).length;
    expect(built.summary).toStrictEqual({ met: count('met'), onTrack: count('on track'), atRisk: count('at risk'), breached: count('breached') });
  });

  it('rows keep their dates: end is the recorded end or null', () => {
    const r = report({ relationships: [rel(1, { endedOn: '2024-03-01', plannedEnd: '2024-12-31' }), rel(2)] }).relationships;
    expect(r.map((x) => [x.id, x.start, x.end, x.plannedEnd, x.running])).toStrictEqual([
      [1, '2024-01-01', '2024-03-01', '2024-12-31', false],
      [2, '2024-01-01', null, '2024-12-31', true],
    ]);
  });

  it.each<{ name: string; dates: string[]; asOf: string; monthsComplete: number; sessions: number; rate: number | null }>([
    { name: 'no month complete yet', dates: ['2024-01-05'], asOf: '2024-01-20', monthsComplete: 0, sessions: 1, rate: null },
    { name: 'one complete month with 1', dates: ['2024-01-05'], asOf: '2024-02-10', monthsComplete: 1, sessions: 1, rate: 1 },
    {
      name: '5 sessions over 3 complete months rounds to 1.67',
      dates: ['2024-01-05', '2024-01-06', '2024-02-05', '2024-02-06', '2024-03-05'],
      asOf: '2024-04-15',
      monthsComplete: 3,
      sessions: 5,
      rate: 1.67,
    },
    {
      name: '2 sessions over 3 complete months rounds to 0.67',
      dates: ['2024-01-05', '2024-03-05'],
      asOf: '2024-04-15',
      monthsComplete: 3,
      sessions: 2,
      rate: 0.67,
    },
    {
      name: 'current-month sessions count in sessions, not in rate',
      dates: ['2024-01-05', '2024-01-06', '2024-01-07', '2024-02-01', '2024-02-02'],
      asOf: '2024-02-10',
      monthsComplete: 1,
      sessions: 5,
      rate: 3,
    },
  ])('rate: $name', ({ dates, asOf, monthsComplete, sessions, rate }) => {
    const [row] = report({ asOf, relationships: [rel(1)], sessions: sessionsOn(1, dates) }).relationships;
    expect([row.monthsComplete, row.sessions, row.rate]).toStrictEqual([monthsComplete, sessions, rate]);
  });
});

// ---------------------------------------------------------------- the as-of date

describe('buildCohortReport: sessions after the as-of date', () => {
  const asOf = '2024-02-28';
  const built = report({
    asOf,
    relationships: [rel(1)],
    sessions: [
      session(1, '2024-01-10', { minutes: 30, themes: ['Racism'] }),
      session(1, '2024-01-20', { minutes: 45, livedExperience: true }),
      session(1, '2024-02-28', { minutes: 50, level: 'team' }), // on the as-of date: counted
      session(1, '2024-02-29', { minutes: 90, kind: 'shadowing', level: 'system', livedExperience: true, themes: ['Late theme', 'racism'] }),
      session(1, '2024-03-20', { minutes: 90, kind: 'shadowing', themes: ['Later theme'] }),
    ],
  });

  it('are left out of the interactions', () => {
    expect(built.interactions.total).toBe(3);
    expect(built.interactions.minutes).toBe(125);
    expect(built.interactions.kinds.shadowing).toBe(0);
    expect(built.interactions.levels.system).toBe(0);
    expect(built.interactions.livedExperience).toStrictEqual({ sessions: 1, share: 0.333 });
  });

  it('are left out of the status', () => {
    const [row] = built.relationships;
    expect(row.sessions).toBe(3);
    // Month 2 (February) has 1 session as of 28 Feb with 2 days left: at risk, not on track.
    expect(row.status).toBe('at risk');
    expect(row.months.map((m) => m.sessions)).toStrictEqual([2, 1]);
  });

  it('are left out of the themes', () => {
    expect(built.themes).toStrictEqual([{ theme: 'Racism', sessions: 1, relationships: 1 }]);
  });
});

// ---------------------------------------------------------------- interactions

describe('buildCohortReport: interactions', () => {
  it('counts kinds, levels, minutes and the lived-experience share', () => {
    const { interactions } = report({
      relationships: [rel(1), rel(2)],
      sessions: [
        session(1, '2024-01-05', { kind: 'one-to-one', level: 'individual', minutes: 30, livedExperience: true }),
        session(1, '2024-01-25', { kind: 'one-to-one', level: 'team', minutes: 45 }),
        session(2, '2024-02-05', { kind: 'observation', level: 'team', minutes: 60 }),
        session(2, '2024-03-01', { kind: 'critical-friend', level: 'system', minutes: 90 }),
      ],
    });
    expect(interactions.total).toBe(4);
    expect(interactions.minutes).toBe(225);
    expect(Object.keys(interactions.kinds)).toStrictEqual([...KINDS]);
    expect(Object.keys(interactions.levels)).toStrictEqual([...LEVELS]);
    expect(interactions.kinds).toMatchObject({ 'one-to-one': 2, observation: 1, 'critical-friend': 1, shadowing: 0, other: 0 });
    expect(interactions.levels).toStrictEqual({ individual: 1, team: 2, department: 0, organisation: 0, system: 1 });
    expect(interactions.livedExperience).toStrictEqual({ sessions: 1, share: 0.25 });
  });

  it('with no sessions: zero totals and a null share', () => {
    const { interactions } = report({ relationships: [rel(1)] });
    expect(interactions.total).toBe(0);
    expect(interactions.minutes).toBe(0);
    expect(Object.values(interactions.kinds).every((n) => n === 0)).toBe(true);
    expect(interactions.livedExperience).toStrictEqual({ sessions: 0, share: null });
  });

  it.each<{ name: string; asOf: string; relationships: ReportRelationshipInput[]; sessions: ReportSessionInput[]; expected: number | null }>([
    {
      name: 'null before any month completes',
      asOf: '2024-01-30',
      relationships: [rel(1)],
      sessions: sessionsOn(1, ['2024-01-05', '2024-01-06', '2024-01-07']),
      expected: null,
    },
    {
      name: 'a month completes on its last day',
      asOf: '2024-01-31',
      relationships: [rel(1)],
      sessions: sessionsOn(1, ['2024-01-05', '2024-01-06', '2024-01-07']),
      expected: 3,
    },
    {
      name: 'null with no relationships',
      asOf: AS_OF,
      relationships: [],
      sessions: [],
      expected: null,
    },
    {
      name: 'one relationship, 2 complete months, current month left out',
      asOf: AS_OF,
      relationships: [rel(1)],
      sessions: sessionsOn(1, ['2024-01-05', '2024-01-06', '2024-01-07', '2024-02-05', '2024-03-01', '2024-03-02']),
      expected: 2,
    },
    {
      name: 'pooled over relationships: 5 sessions in 3 complete months',
      asOf: AS_OF,
      relationships: [rel(1), rel(2, { start: '2024-02-01' })],
      sessions: [...sessionsOn(1, ['2024-01-05', '2024-01-06', '2024-01-07', '2024-02-05']), ...sessionsOn(2, ['2024-02-10', '2024-03-10'])],
      expected: 1.67,
    },
    {
      name: 'a relationship without complete months adds nothing',
      asOf: AS_OF,
      relationships: [rel(1), rel(2, { start: '2024-03-01' })],
      sessions: [...sessionsOn(1, ['2024-01-05', '2024-02-05', '2024-02-06']), ...sessionsOn(2, ['2024-03-02', '2024-03-03', '2024-03-04'])],
      expected: 1.5,
    },
  ])('perRelationshipPerMonth: $name', ({ asOf, relationships, sessions, expected }) => {
    expect(report({ asOf, relationships, sessions }).interactions.perRelationshipPerMonth).toBe(expected);
  });
});

// ---------------------------------------------------------------- themes

describe('buildCohortReport: themes', () => {
  const t = (relationshipId: number, date: string, themes: string[]) => session(relationshipId, date, { themes });

  it('merges case and spacing variants, keeps the first label, counts relationships distinctly', () => {
    const { themes } = report({
      relationships: [rel(1), rel(2), rel(3)],
      sessions: [
        t(1, '2024-01-02', ['Racism', 'staff  Wellbeing ']),
        t(1, '2024-01-03', ['racism  ']),
        t(2, '2024-01-04', ['  RACISM', 'Staff wellbeing']),
        t(3, '2024-01-05', ['STAFF\tWELLBEING']),
      ],
    });
    expect(themes).toStrictEqual([
      { theme: 'staff Wellbeing', sessions: 3, relationships: 3 },
      { theme: 'Racism', sessions: 3, relationships: 2 },
    ]);
  });

  it('ignores empty and blank labels', () => {
    const { themes } = report({ relationships: [rel(1)], sessions: [t(1, '2024-01-02', ['', '   ']), t(1, '2024-01-03', [])] });
    expect(themes).toStrictEqual([]);
  });

  it('sorts by relationships, then sessions, then name', () => {
    const { themes } = report({
      relationships: [rel(1), rel(2), rel(3), rel(4)],
      sessions: [
        // Zebra: 1 relationship, 4 sessions (most sessions, but fewest relationships).
        t(1, '2024-01-02', ['Zebra', 'Beta']),
        t(1, '2024-01-03', ['Zebra', 'Alpha']),
        t(1, '2024-01-04', ['Zebra']),
        t(1, '2024-01-05', ['Zebra']),
        // Yak: 3 relationships, 3 sessions. Xenon: 2 relationships, 3 sessions. Wolf: 2 relationships, 2 sessions.
        t(2, '2024-01-02', ['Yak', 'Xenon', 'Wolf']),
        t(3, '2024-01-02', ['Yak', 'Xenon']),
        t(3, '2024-01-03', ['Xenon', 'Wolf']),
        t(4, '2024-01-02', ['Yak']),
      ],
    });
    expect(themes.map((x) => [x.theme, x.relationships, x.sessions])).toStrictEqual([
      ['Yak', 3, 3],
      ['Xenon', 2, 3],
      ['Wolf', 2, 2],
      ['Zebra', 1, 4],
      ['Alpha', 1, 1],
      ['Beta', 1, 1],
    ]);
  });
});

// ---------------------------------------------------------------- --suppress-below

describe('buildCohortReport: --suppress-below', () => {
  interface SuppressCase {
    k: number | null;
    types: Record<PairType, number>;
    yes: number;
    no: number;
    byType: Record<PairType, number | string>;
    byBme: Record<BmeStatus, number | string>;
  }

  /** Relationships with the given type counts, each a distinct pair; the first `yes` people are BME, the next `no` not, the rest unknown. */
  function suppressed(c: SuppressCase): CohortReport {
    const relationships: ReportRelationshipInput[] = [];
    for (const type of ['race', 'frontline', 'clinical', 'general'] as const) {
      for (let i = 0; i < c.types[type]; i++) relationships.push(rel(relationships.length + 1, { type }));
    }
    const people = relationships.flatMap((r) => [r.mentee.staffId, ...r.mentors.map((m) => m.staffId)]);
    const bmeOf: Record<string, BmeStatus> = {};
    people.slice(0, c.yes).forEach((id) => (bmeOf[id] = 'yes'));
    people.slice(c.yes, c.yes + c.no).forEach((id) => (bmeOf[id] = 'no'));
    return report({ relationships, bmeOf, suppressBelow: c.k });
  }

  it.each<SuppressCase>([
    {
      k: 3,
      types: { race: 0, frontline: 1, clinical: 1, general: 2 },
      yes: 0,
      no: 1,
      byType: { race: 0, frontline: 1, clinical: 1, general: 2 },
      // One hidden cell would be given away by the total: the smallest other is hidden too.
      byBme: { yes: 0, no: '<3', unknown: 'suppressed' },
    },
    {
      k: 3,
      types: { race: 1, frontline: 2, clinical: 0, general: 0 },
      yes: 2,
      no: 3,
      byType: { race: '<3', frontline: 'suppressed', clinical: 0, general: 0 },
      byBme: { yes: '<3', no: 3, unknown: '<3' },
    },
    {
      k: 3,
      types: { race: 2, frontline: 0, clinical: 0, general: 1 },
      yes: 3,
      no: 2,
      byType: { race: '<3', frontline: 0, clinical: 0, general: 'suppressed' },
      byBme: { yes: 3, no: '<3', unknown: '<3' },
    },
    {
      k: 3,
      types: { race: 3, frontline: 0, clinical: 0, general: 0 },
      yes: 4,
      no: 0,
      byType: { race: 3, frontline: 0, clinical: 0, general: 0 },
      byBme: { yes: 'suppressed', no: 0, unknown: '<3' },
    },
    {
      k: 5,
      types: { race: 4, frontline: 0, clinical: 0, general: 0 },
      yes: 5,
      no: 3,
      // Every relationship is a race one: the other cells are hidden so the total cannot tell.
      byType: { race: '<5', frontline: 'suppressed', clinical: 'suppressed', general: 'suppressed' },
      byBme: { yes: 'suppressed', no: '<5', unknown: 0 },
    },
    {
      k: 5,
      types: { race: 5, frontline: 0, clinical: 0, general: 0 },
      yes: 10,
      no: 0,
      byType: { race: 5, frontline: 0, clinical: 0, general: 0 },
      byBme: { yes: 10, no: 0, unknown: 0 },
    },
    {
      k: 2,
      types: { race: 1, frontline: 1, clinical: 0, general: 0 },
      yes: 1,
      no: 2,
      byType: { race: '<2', frontline: 'suppressed', clinical: 0, general: 0 },
      byBme: { yes: '<2', no: 2, unknown: '<2' },
    },
    {
      k: null,
      types: { race: 1, frontline: 1, clinical: 0, general: 0 },
      yes: 1,
      no: 2,
      byType: { race: 1, frontline: 1, clinical: 0, general: 0 },
      byBme: { yes: 1, no: 2, unknown: 1 },
    },
  ])('K=$k, race relationships $types.race, BME yes $yes, no $no', (c) => {
    const { participation, suppressBelow } = suppressed(c);
    expect(suppressBelow).toBe(c.k);
    expect(participation.byType).toStrictEqual(c.byType);
    expect(participation.byBme).toStrictEqual(c.byBme);
  });

  it('splits pairs and trios by type, and leaves that split out under suppression (its sums would undo it)', () => {
    const relationships = [rel(1, { type: 'race' }), rel(2, { type: 'race', mentors: ['X', 'Y'] }), rel(3, { type: 'frontline', mentors: ['P', 'Q'] })];
    const plain = report({ relationships }).participation;
    expect(plain.pairsByType).toStrictEqual({ race: 1, frontline: 0, clinical: 0, general: 0 });
    expect(plain.triosByType).toStrictEqual({ race: 1, frontline: 1, clinical: 0, general: 0 });
    const hidden = report({ relationships, suppressBelow: 3 }).participation;
    expect(hidden).not.toHaveProperty('pairsByType');
    expect(hidden).not.toHaveProperty('triosByType');
  });

  it('leaves counts that are not by ethnicity as numbers', () => {
    const { participation } = report({ relationships: [rel(1, { type: 'race' }), rel(2, { type: 'race', mentors: ['X', 'Y'] })], suppressBelow: 5 });
    expect([participation.mentees, participation.mentors, participation.relationships, participation.pairs, participation.trios]).toStrictEqual([
      2, 3, 2, 1, 1,
    ]);
  });

  const rows = [rel(1, { type: 'race', mentors: ['X', 'Y'], slots: ['bme', null] }), rel(2, { type: 'frontline', slots: ['frontline'] })];

  it('under suppression, rows lose type and mentor slots', () => {
    const built = report({ relationships: rows, suppressBelow: 3 });
    for (const row of built.relationships) {
      expect(Object.keys(row)).not.toContain('type');
      for (const m of row.mentors) expect(Object.keys(m)).not.toContain('slot');
    }
    expect(built.relationships.map((r) => [r.mentee, r.mentors])).toStrictEqual([
      [person('E1'), [person('X'), person('Y')]],
      [person('E2'), [person('M2')]],
    ]);
  });

  it('without suppression, rows keep type and mentor slots', () => {
    const built = report({ relationships: rows, suppressBelow: null });
    expect(built.relationships.map((r) => [r.type, r.mentors])).toStrictEqual([
      [
        'race',
        [
          { ...person('X'), slot: 'bme' },
          { ...person('Y'), slot: null },
        ],
      ],
      ['frontline', [{ ...person('M2'), slot: 'frontline' }]],
    ]);
  });
});

// ---------------------------------------------------------------- for publication

describe('buildPublicationReport: figures only, for a paper that may be published', () => {
  const input = (suppressBelow: number | null): ReportInput => ({
    cohort: COHORT,
    asOf: AS_OF,
    relationships: [
      rel(1, { type: 'race', mentee: 'B1', mentors: ['X', 'Y'], slots: ['bme', 'frontline'] }),
      rel(2, { type: 'general', mentee: 'B2' }),
      rel(3),
    ],
    sessions: summariseSessions([session(1, '2024-01-10', { themes: ['Belonging'] }), session(2, '2024-02-01')], AS_OF),
    board: [
      { ...person('B1'), role: 'mentee', withdrawnOn: null },
      { ...person('B3'), role: null, withdrawnOn: null },
    ],
    bmeOf: new Map<string, BmeStatus>([
      ['X', 'yes'],
      ['Y', 'yes'],
      ['M2', 'yes'],
      ['B1', 'no'],
      ['B2', 'no'],
    ]),
    suppressBelow,
  });

  it.each<[string, number | null, number]>([
    ['defaults to suppressing below 5', null, 5],
    ['takes --suppress-below', 3, 3],
  ])('%s', (_name, given, k) => {
    const published = buildPublicationReport(input(given));
    const full = buildCohortReport({ ...input(given), suppressBelow: k });
    expect(isPublication(published)).toBe(true);
    expect(isPublication(full)).toBe(false);
    expect(published.suppressBelow).toBe(k);
    expect(published.summary).toEqual(full.summary);
    expect(published.interactions).toEqual(full.interactions);
    expect(published.themes).toEqual(full.themes);
    expect(published.board).toEqual({ covered: 1, coveredNow: 1, total: 2 });
    const { pairsByType: _p, triosByType: _t, ...participation } = full.participation;
    expect(published.participation).toEqual(participation);
  });

  it('holds no name, staff id or relationship row anywhere', () => {
    const text = JSON.stringify(buildPublicationReport(input(null)));
    for (const id of ['B1', 'B2', 'B3', 'X', 'Y', 'M2', 'E3', 'M3']) expect(text).not.toContain(`Name ${id}`);
    expect(text).not.toMatch(/staffId|"relationships":\[|uncovered|slot/);
    expect(buildPublicationReport(input(null)).participation.byBme).toEqual({ yes: '<5', no: '<5', unknown: '<5' });
  });
});
