import { describe, expect, it } from 'vitest';
import type { CurrentEnrolment } from '../../src/domain/enrolment.js';
import { planWithdrawal, refuseUnendable, withdrawalDay, type WithdrawnRelationship } from '../../src/domain/withdrawal.js';
import { UserError } from '../../src/errors.js';

const today = '2026-03-15';
const NAMES: Record<string, string> = { a: 'Ann', b: 'Bob', c: 'Cat', m: 'Mo' };
const nameOf = (id: string) => NAMES[id] ?? id;
const person = (staffId: string) => ({ staffId, name: nameOf(staffId) });
const enrolments = new Map<string, CurrentEnrolment>([
  ['a', { role: 'mentor', withdrawnOn: null }],
  ['b', { role: 'mentee', withdrawnOn: '2026-02-01' }],
  ['m', { role: 'mentee', withdrawnOn: null }],
]);
const rel = (id: number, menteeId: string, mentors: string[], endedOn: string | null = null): WithdrawnRelationship => ({
  id,
  cohort: 1,
  menteeId,
  mentors: mentors.map((staffId) => ({ staffId })),
  start: '2026-01-05',
  endedOn,
  plannedEnd: '2026-09-30',
});
const request = (people: string[], relationships: WithdrawnRelationship[], endRelationships = false) => ({
  cohort: 1,
  people: people.map(person),
  enrolments,
  relationships,
  on: today,
  today,
  endRelationships,
  nameOf,
});

describe('withdrawalDay', () => {
  it.each([
    [undefined, today],
    ['2026-03-01', '2026-03-01'],
    [today, today],
  ])('--on %s is %s', (on, expected) => {
    expect(withdrawalDay(on, today)).toBe(expected);
  });

  it('refuses a day still to come', () => {
    expect(() => withdrawalDay('2026-03-16', today)).toThrow('--on 16 Mar 2026 is after today (15 Mar 2026).');
  });
});

describe('planWithdrawal', () => {
  it.each<[string, string[], WithdrawnRelationship[], boolean, { leaving: string[]; already: string[]; ending: number[] }]>([
    ['one leaves, nothing running', ['a'], [], false, { leaving: ['a'], already: [], ending: [] }],
    ['who had withdrawn is told apart', ['a', 'b'], [], false, { leaving: ['a'], already: ['b'], ending: [] }],
    ['an ended relationship does not stop it', ['a'], [rel(1, 'm', ['a'], '2026-02-01')], false, { leaving: ['a'], already: [], ending: [] }],
    ['with --end-relationships the running one ends', ['a'], [rel(1, 'm', ['a']), rel(2, 'c', ['x'])], true, { leaving: ['a'], already: [], ending: [1] }],
  ])('%s', (_, people, relationships, endThem, expected) => {
    const plan = planWithdrawal(request(people, relationships, endThem));
    expect(plan.leaving.map((p) => p.staffId)).toEqual(expected.leaving);
    expect(plan.alreadyWithdrawn.map((p) => p.staffId)).toEqual(expected.already);
    expect(plan.ending.map((r) => r.id)).toEqual(expected.ending);
  });

  it.each<[string, string[], WithdrawnRelationship[], string, string[]]>([
    ['someone not enrolled', ['a', 'c'], [], 'Nothing was withdrawn: Cat (c) is not enrolled in cohort 1.', []],
    [
      'someone in a running relationship, without --end-relationships',
      ['a'],
      [rel(3, 'm', ['a'])],
      'Nothing was withdrawn: a relationship of theirs is still running.',
      ['  Ann: relationship #3 (Mo with Ann) is still running'],
    ],
  ])('refuses %s', (_, people, relationships, message, details) => {
    try {
      planWithdrawal(request(people, relationships));
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(UserError);
      expect((error as UserError).message).toBe(message);
      expect((error as UserError).details).toEqual(details);
    }
  });
});

describe('refuseUnendable', () => {
  it('lets a relationship with no later session end', () => {
    expect(() => refuseUnendable([{ ...rel(1, 'm', ['a']), lastSession: { id: 9, date: '2026-03-01' } }], today, today)).not.toThrow();
  });

  it('refuses one with a session after the day', () => {
    expect(() => refuseUnendable([{ ...rel(1, 'm', ['a']), lastSession: { id: 9, date: '2026-03-10' } }], '2026-03-05', today)).toThrow(
      'Nothing was withdrawn: a relationship cannot end on 5 Mar 2026.',
    );
  });
});
