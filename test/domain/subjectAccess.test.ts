import { describe, expect, it } from 'vitest';
import { exportScope, type HeldData } from '../../src/domain/subjectAccess.js';

const person = (staffId: string) => ({ staffId });
const rel = (id: number, menteeId: string, ...mentors: string[]) => ({ id, menteeId, mentors: mentors.map(person) });
const session = (id: number, relationshipId: number) => ({ id, relationshipId });

/** Ada mentored by Ben (#1); Cy in a trio with Ben and Dee (#2); Eve mentored by Dee (#3). */
const held = {
  staff: ['ada', 'ben', 'cy', 'dee', 'eve'].map(person),
  enrolments: [
    { cohort: 1, staffId: 'ada' },
    { cohort: 1, staffId: 'ben' },
    { cohort: 2, staffId: 'ben' },
    { cohort: 1, staffId: 'eve' },
  ],
  cohorts: [{ number: 1 }, { number: 2 }],
  relationships: [rel(1, 'ada', 'ben'), rel(2, 'cy', 'ben', 'dee'), rel(3, 'eve', 'dee')],
  sessions: [session(10, 1), session(11, 2), session(12, 3), session(13, 1)],
  targetedDepartments: ['Medicine'],
};

const ids = (scope: HeldData<{ staffId: string }, { cohort: number; staffId: string }, unknown, { id: number }, { id: number }>) => ({
  staff: [...scope.staff].map((p) => p.staffId),
  enrolments: scope.enrolments.map((e) => `${e.cohort}:${e.staffId}`),
  cohorts: scope.cohorts.length,
  relationships: scope.relationships.map((r) => r.id),
  sessions: scope.sessions.map((s) => s.id),
  targetedDepartments: scope.targetedDepartments,
});

describe('exportScope: everything, or only what is about one person', () => {
  it('without --staff: everything held', () => {
    expect(exportScope(held, undefined)).toEqual(held);
  });

  it.each([
    ['a mentee: their relationship and its sessions', 'ada', { staff: ['ada'], enrolments: ['1:ada'], relationships: [1], sessions: [10, 13] }],
    [
      'a mentor in a pair and a trio: both, with every session of each',
      'ben',
      { staff: ['ben'], enrolments: ['1:ben', '2:ben'], relationships: [1, 2], sessions: [10, 11, 13] },
    ],
    ['a second mentor of a trio', 'dee', { staff: ['dee'], enrolments: [], relationships: [2, 3], sessions: [11, 12] }],
    ['someone in no relationship', 'zed', { staff: [], enrolments: [], relationships: [], sessions: [] }],
  ])('%s', (_case, who, expected) => {
    // Never the cohorts or the targeted departments: they are not about the person.
    expect(ids(exportScope(held, who))).toEqual({ ...expected, cohorts: 0, targetedDepartments: [] });
  });
});
