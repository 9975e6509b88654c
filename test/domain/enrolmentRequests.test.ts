import { describe, expect, it } from 'vitest';
import { flaggedPeople, relationshipsHolding, type EnrolFlags, type HeldRelationship } from '../../src/domain/enrolmentRequests.js';
import { UsageError } from '../../src/errors.js';

describe('flaggedPeople', () => {
  it.each<[EnrolFlags, Array<[string, string]>]>([
    [
      { mentee: ['a', 'b'], mentor: ['c'], either: ['d'] },
      [
        ['a', 'mentee'],
        ['b', 'mentee'],
        ['c', 'mentor'],
        ['d', 'either'],
      ],
    ],
    [
      { either: ['d'], mentor: ['c'] },
      [
        ['c', 'mentor'],
        ['d', 'either'],
      ],
    ],
    [{ from: 'people.csv' }, []],
    [{ from: 'people.csv', map: ['Participant=name'], mentee: ['a'] }, [['a', 'mentee']]],
  ])('%o asks for %j', (flags, expected) => {
    expect(flaggedPeople(2, flags).map((p) => [p.query, p.role])).toEqual(expected);
  });

  it.each<[EnrolFlags, string]>([
    [{}, 'Say who to enrol: --mentee, --mentor or --either (each repeatable), or --from FILE.'],
    [{ mentee: [] }, 'Say who to enrol'],
    [{ mentee: ['a'], map: ['Participant=name'] }, '--map applies to the --from file; give --from FILE too.'],
  ])('%o is a usage mistake: %s', (flags, message) => {
    expect(() => flaggedPeople(2, flags)).toThrow(UsageError);
    expect(() => flaggedPeople(2, flags)).toThrow(message);
  });
});

describe('relationshipsHolding', () => {
  const rel = (id: number, menteeId: string, mentors: string[], endedOn: string | null = null): HeldRelationship => ({
    id,
    menteeId,
    mentors: mentors.map((staffId) => ({ staffId })),
    start: '2026-01-05',
    endedOn,
    plannedEnd: '2026-09-30',
  });

  it.each<[string, HeldRelationship[], Record<string, string[]>]>([
    ['nobody, without relationships', [], {}],
    ['the mentee and each mentor of a running trio', [rel(4, 'm1', ['a', 'b'])], { m1: ['#4 (mentee)'], a: ['#4 (mentor)'], b: ['#4 (mentor)'] }],
    ['someone in two, both named', [rel(1, 'm1', ['a']), rel(2, 'm2', ['a'])], { m1: ['#1 (mentee)'], m2: ['#2 (mentee)'], a: ['#1 (mentor)', '#2 (mentor)'] }],
    ['nobody held by a relationship that has ended', [rel(5, 'm1', ['a'], '2026-02-01')], {}],
  ])('%s', (_, relationships, expected) => {
    expect(Object.fromEntries(relationshipsHolding(relationships, '2026-03-15'))).toEqual(expected);
  });
});
