import { describe, expect, it } from 'vitest';
import { chaseList, replacementReason, type ChaseItem } from '../../src/domain/chase.js';
import type { ReportRelationshipInput } from '../../src/domain/cohortReport.js';

type ChaseRelationship = ReportRelationshipInput & { cohort: number; minMonths: number; minPerMonth: number };

const AS_OF = '2024-03-15';

const person = (staffId: string) => ({ staffId, name: `Name ${staffId}` });

interface RelSpec {
  start?: string;
  endedOn?: string | null;
  plannedEnd?: string;
  minMonths?: number;
  minPerMonth?: number;
  cohort?: number;
  mentors?: string[];
}

function rel(id: number, spec: RelSpec = {}): ChaseRelationship {
  return {
    id,
    cohort: spec.cohort ?? 3,
    mentee: person(`E${id}`),
    mentors: (spec.mentors ?? [`M${id}`]).map((m) => ({ ...person(m), slot: 'bme' as const })),
    type: 'race',
    start: spec.start ?? '2024-01-01',
    endedOn: spec.endedOn ?? null,
    plannedEnd: spec.plannedEnd ?? '2024-12-31',
    minMonths: spec.minMonths ?? 8,
    minPerMonth: spec.minPerMonth ?? 2,
  };
}

/** Two sessions (5th and 20th) in each of `months` calendar months from year-month. */
function twiceMonthly(year: number, month: number, months: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < months; i++) {
    const m = month - 1 + i;
    const ym = `${year + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
    out.push(`${ym}-05`, `${ym}-20`);
  }
  return out;
}

function chase(relationships: ChaseRelationship[], dates: Record<number, string[]> = {}, asOf = AS_OF): ChaseItem[] {
  return chaseList(relationships, new Map(Object.entries(dates).map(([id, d]) => [Number(id), d])), asOf);
}

type Expected = Pick<ChaseItem, 'status' | 'sessionsNeeded' | 'by' | 'daysLeft'>;

describe('chaseList: who is chased', () => {
  // Relationship 1 unless said otherwise; starts 1 January 2024, planned to end 31 December 2024, 8 months x 2.
  it.each<{ name: string; spec?: RelSpec; dates?: string[]; asOf?: string; expected: Partial<Expected> | null }>([
    {
      name: 'current month with no sessions',
      dates: twiceMonthly(2024, 1, 2),
      expected: { status: 'on track', sessionsNeeded: 2, by: '2024-03-31', daysLeft: 17 },
    },
    {
      name: 'no session dates at all for the relationship',
      spec: { start: '2024-03-01' },
      expected: { status: 'on track', sessionsNeeded: 2, by: '2024-03-31', daysLeft: 17 },
    },
    {
      name: 'current month with 1 of 2',
      dates: [...twiceMonthly(2024, 1, 2), '2024-03-02'],
      expected: { status: 'on track', sessionsNeeded: 1, by: '2024-03-31', daysLeft: 17 },
    },
    { name: 'current month with 2 of 2', dates: [...twiceMonthly(2024, 1, 2), '2024-03-02', '2024-03-03'], expected: null },
    { name: 'current month with 3 of 2', dates: [...twiceMonthly(2024, 1, 2), '2024-03-02', '2024-03-03', '2024-03-04'], expected: null },
    {
      name: 'a session on the as-of date counts',
      dates: [...twiceMonthly(2024, 1, 2), '2024-03-01', AS_OF],
      expected: null,
    },
    {
      name: 'a session after the as-of date does not count',
      dates: [...twiceMonthly(2024, 1, 2), '2024-03-01', '2024-03-16'],
      expected: { status: 'on track', sessionsNeeded: 1, by: '2024-03-31', daysLeft: 17 },
    },
    {
      name: 'breached but still running',
      dates: ['2024-01-10', ...twiceMonthly(2024, 2, 1)],
      expected: { status: 'breached', sessionsNeeded: 2, by: '2024-03-31', daysLeft: 17 },
    },
    {
      name: 'breached (planned under 8 months) but still running',
      spec: { plannedEnd: '2024-06-30' },
      dates: twiceMonthly(2024, 1, 2),
      expected: { status: 'breached', sessionsNeeded: 2, by: '2024-03-31', daysLeft: 17 },
    },
    {
      name: 'breached and the current month already has enough',
      dates: ['2024-01-10', '2024-02-05', '2024-02-20', '2024-03-02', '2024-03-03'],
      expected: null,
    },
    {
      name: 'at risk: 5 days left in month 1',
      spec: { start: '2024-02-20' },
      expected: { status: 'at risk', sessionsNeeded: 2, by: '2024-03-19', daysLeft: 5 },
    },
    {
      // On its last day the month is already complete (docs/compliance.md, "Complete months"), so short of sessions it is breached.
      name: 'the as-of day is the last of the month: 1 day left',
      dates: twiceMonthly(2024, 1, 2),
      asOf: '2024-03-31',
      expected: { status: 'breached', sessionsNeeded: 2, by: '2024-03-31', daysLeft: 1 },
    },
    {
      name: 'the day before the last of the month: 2 days left, at risk',
      dates: twiceMonthly(2024, 1, 2),
      asOf: '2024-03-30',
      expected: { status: 'at risk', sessionsNeeded: 2, by: '2024-03-31', daysLeft: 2 },
    },
    {
      name: 'starts on the as-of date: the whole first month left',
      spec: { start: AS_OF },
      expected: { status: 'on track', sessionsNeeded: 2, by: '2024-04-14', daysLeft: 31 },
    },
    {
      name: 'month from a 31 January start ends 28 February in a leap year',
      spec: { start: '2024-01-31' },
      asOf: '2024-02-20',
      expected: { sessionsNeeded: 2, by: '2024-02-28', daysLeft: 9 },
    },
    {
      name: 'met, though the current month has none',
      spec: { start: '2023-06-01' },
      dates: twiceMonthly(2023, 6, 8),
      expected: null,
    },
    { name: 'ended before the as-of date', spec: { endedOn: '2024-03-01' }, dates: twiceMonthly(2024, 1, 2), expected: null },
    { name: 'ended the day before the as-of date', spec: { endedOn: '2024-03-14' }, expected: null },
    {
      name: 'ended on the as-of date is still running',
      spec: { endedOn: AS_OF },
      dates: twiceMonthly(2024, 1, 2),
      expected: { status: 'breached', sessionsNeeded: 2 },
    },
    { name: 'not started yet', spec: { start: '2024-03-16' }, expected: null },
    { name: 'as-of date after the planned end', spec: { start: '2023-06-01', plannedEnd: '2024-03-14' }, expected: null },
  ])('$name', ({ spec, dates, asOf, expected }) => {
    const items = chase([rel(1, spec)], dates ? { 1: dates } : {}, asOf ?? AS_OF);
    if (expected === null) expect(items).toStrictEqual([]);
    else {
      expect(items).toHaveLength(1);
      expect(items[0]).toMatchObject(expected);
    }
  });

  it('carries the relationship, its cohort and its people, without mentor slots', () => {
    const [item] = chase([rel(7, { cohort: 4, mentors: ['X', 'Y'] })], { 7: ['2024-03-02'] });
    expect(item).toStrictEqual({
      id: 7,
      cohort: 4,
      mentee: person('E7'),
      mentors: [person('X'), person('Y')],
      status: 'breached',
      sessionsNeeded: 1,
      by: '2024-03-31',
      daysLeft: 17,
    });
  });

  it('ignores session dates of other relationships', () => {
    const items = chase([rel(1, { start: '2024-03-01' }), rel(2, { start: '2024-03-01' })], { 2: ['2024-03-02', '2024-03-03'] });
    expect(items.map((i) => i.id)).toStrictEqual([1]);
  });
});

describe('chaseList: per-relationship thresholds', () => {
  it.each<{ minPerMonth: number; dates: string[]; needed: number | null }>([
    { minPerMonth: 1, dates: [], needed: 1 },
    { minPerMonth: 1, dates: ['2024-03-02'], needed: null },
    { minPerMonth: 2, dates: ['2024-03-02'], needed: 1 },
    { minPerMonth: 3, dates: ['2024-03-02'], needed: 2 },
    { minPerMonth: 3, dates: ['2024-03-02', '2024-03-03', '2024-03-04'], needed: null },
  ])('minimum $minPerMonth with $dates.length this month: needs $needed', ({ minPerMonth, dates, needed }) => {
    const items = chase([rel(1, { start: '2024-03-01', minPerMonth })], { 1: dates });
    expect(items.map((i) => i.sessionsNeeded)).toStrictEqual(needed === null ? [] : [needed]);
  });

  it('each relationship uses its own minimum per month', () => {
    const dates = ['2024-03-02'];
    const items = chase([rel(1, { start: '2024-03-01', minPerMonth: 1 }), rel(2, { start: '2024-03-01', minPerMonth: 2 })], { 1: dates, 2: dates });
    expect(items.map((i) => [i.id, i.sessionsNeeded])).toStrictEqual([[2, 1]]);
  });

  it('each relationship uses its own minimum months: met after 2 is not chased, 8 is', () => {
    const dates = twiceMonthly(2024, 1, 2);
    const items = chase([rel(1, { minMonths: 2 }), rel(2, { minMonths: 8 })], { 1: dates, 2: dates });
    expect(items.map((i) => [i.id, i.status])).toStrictEqual([[2, 'on track']]);
  });
});

describe('chaseList: order', () => {
  it('most urgent first: days left ascending, then sessions needed descending, then id', () => {
    // As of 15 March: a 1 January start has 17 days left, a 20 February start 5, a 10 January start 26.
    const relationships = [
      rel(7, { start: '2024-01-10' }),
      rel(5),
      rel(2),
      rel(1, { start: '2024-02-20' }),
      rel(4),
      rel(9, { start: '2024-02-20' }),
      rel(3, { start: '2024-01-10' }),
    ];
    const items = chase(relationships, { 2: ['2024-03-01'], 1: ['2024-03-01'], 3: ['2024-03-11'] });
    expect(items.map((i) => [i.id, i.daysLeft, i.sessionsNeeded])).toStrictEqual([
      [9, 5, 2],
      [1, 5, 1],
      [4, 17, 2],
      [5, 17, 2],
      [2, 17, 1],
      [7, 26, 2],
      [3, 26, 1],
    ]);
  });

  it('an empty list when nobody needs chasing', () => {
    expect(chase([])).toStrictEqual([]);
  });
});

describe('chaseList: the relationship end comes first', () => {
  it.each([
    ['planned end inside the last relationship month', { start: '2018-06-14', plannedEnd: '2018-12-31' }, '2018-12-20', '2018-12-31', 12],
    ['ended early, on the as-of day', { start: '2024-01-01', endedOn: '2024-03-15' }, '2024-03-15', '2024-03-15', 1],
  ])('%s: sessions are needed by the end, not the month end', (_label, spec, asOf, by, daysLeft) => {
    const [item] = chase([rel(1, spec)], {}, asOf);
    expect(item).toMatchObject({ by, daysLeft });
  });
});

describe('chaseList: a relationship that needs a replacement is never chased', () => {
  it('leaves out the ones named, chases the rest as before', () => {
    const relationships = [rel(1), rel(2), rel(3)];
    const all = chaseList(relationships, new Map(), AS_OF);
    expect(all.map((i) => i.id)).toStrictEqual([1, 2, 3]);
    const apart = chaseList(relationships, new Map(), AS_OF, new Set([2]));
    expect(apart.map((i) => i.id)).toStrictEqual([1, 3]);
    expect(apart).toStrictEqual(all.filter((i) => i.id !== 2));
  });
});

describe('replacementReason: who left, for pair end --reason', () => {
  const mentee = person('E1');
  it.each<[string, string[], string[], string]>([
    ['the mentee left', ['M1'], ['E1'], 'mentee left the trust'],
    ['the mentee and the mentor left', ['M1'], ['E1', 'M1'], 'mentee left the trust'],
    ['the only mentor left', ['M1'], ['M1'], 'mentor left the trust'],
    ['both mentors of a trio left', ['M1', 'M2'], ['M1', 'M2'], 'both mentors left the trust'],
  ])('%s', (_label, mentors, left, reason) => {
    expect(replacementReason({ mentee, mentors: mentors.map(person), left })).toBe(reason);
  });
});
