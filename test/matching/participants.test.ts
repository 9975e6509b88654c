import { describe, expect, it } from 'vitest';
import { selectParticipants, toParticipant, type Enrolled } from '../../src/matching/participants.js';
import { DEFAULT_FACTS, type ProgrammeRole, type StaffRecord } from '../../src/domain/staff.js';

function record(staffId: string, fields: Partial<StaffRecord> = {}): StaffRecord {
  return { ...DEFAULT_FACTS, staffId, name: `Person ${staffId}`, active: true, band: '6', raceTrained: true, ...fields };
}

const enrol = (role: ProgrammeRole, staffId: string, fields: Partial<StaffRecord> = {}): Enrolled => ({ record: record(staffId, fields), role });
const none = new Map<string, number>();
const noManagers = new Map<string, string | null>();

describe('selectParticipants', () => {
  it.each<[string, Partial<StaffRecord>, 'mentees' | 'mentors', string]>([
    ['a band 8c', { name: 'Ann Lee', band: '8c' }, 'mentees', 'Ann Lee (role "either") takes part as a mentee: a senior leader.'],
    ['a VSM', { name: 'Ann Lee', band: 'VSM' }, 'mentees', 'Ann Lee (role "either") takes part as a mentee: a senior leader.'],
    ['a board member', { name: 'Ann Lee', band: null, boardMember: true }, 'mentees', 'Ann Lee (role "either") takes part as a mentee: a senior leader.'],
    ['a band 8b', { name: 'Bo Ng', band: '8b' }, 'mentors', 'Bo Ng (role "either") takes part as a mentor: not a senior leader.'],
    ['a band 3', { name: 'Bo Ng', band: '3' }, 'mentors', 'Bo Ng (role "either") takes part as a mentor: not a senior leader.'],
  ])('resolves "either" for %s, with a note naming them', (_, fields, side, note) => {
    const result = selectParticipants([enrol('either', 'S1', fields)], noManagers, none, new Set());
    expect(result[side].map((p) => p.staffId)).toEqual(['S1']);
    expect(result[side === 'mentees' ? 'mentors' : 'mentees']).toEqual([]);
    expect(result.notes).toEqual([note]);
  });

  it.each<[string, ProgrammeRole, Partial<StaffRecord>]>([
    ['a senior leader enrolled as a mentor', 'mentor', { band: '9' }],
    ['a junior enrolled as a mentee', 'mentee', { band: '4' }],
  ])('keeps %s as enrolled, with no note', (_, role, fields) => {
    const result = selectParticipants([enrol(role, 'S1', fields)], noManagers, none, new Set());
    expect(result[role === 'mentee' ? 'mentees' : 'mentors']).toHaveLength(1);
    expect(result.notes).toEqual([]);
  });

  it.each<[string, Enrolled[], string]>([
    ['one leaver', [enrol('mentor', 'S1', { active: false }), enrol('mentor', 'S2')], '1 enrolled person has left the trust and is not offered for pairing.'],
    [
      'two leavers',
      [enrol('mentee', 'S1', { band: '9', active: false }), enrol('either', 'S3', { active: false }), enrol('mentor', 'S2')],
      '2 enrolled people have left the trust and are not offered for pairing.',
    ],
  ])('leaves out leavers (%s) with a note', (_, enrolled, note) => {
    const result = selectParticipants(enrolled, noManagers, none, new Set());
    expect([...result.mentees, ...result.mentors].map((p) => p.staffId)).toEqual(['S2']);
    expect(result.notes).toEqual([note]);
  });

  it.each<[string, string[], string[], string]>([
    ['one mentee', ['S1'], ['S2', 'S3'], '1 mentee is already in a running relationship in this cohort and kept as they are.'],
    ['two mentees', ['S1', 'S3'], ['S2'], '2 mentees are already in a running relationship in this cohort and kept as they are.'],
  ])('leaves out %s already paired, with a note', (_, paired, left, note) => {
    const enrolled = ['S1', 'S2', 'S3'].map((id) => enrol('mentee', id, { band: '9' }));
    const result = selectParticipants(enrolled, noManagers, none, new Set(paired));
    expect(result.mentees.map((p) => p.staffId)).toEqual(left);
    expect(result.notes).toEqual([note]);
  });

  it('says nothing about the role of an "either" senior leader who is already paired', () => {
    const result = selectParticipants([enrol('either', 'S1', { band: '9' })], noManagers, none, new Set(['S1']));
    expect(result.mentees).toEqual([]);
    expect(result.notes).toEqual(['1 mentee is already in a running relationship in this cohort and kept as they are.']);
  });

  it('does not leave out a mentor who is already mentoring someone (their load lowers free capacity instead)', () => {
    const result = selectParticipants([enrol('mentor', 'S1', { capacity: 2 })], noManagers, new Map([['S1', 1]]), new Set(['S1']));
    expect(result.mentors.map((p) => [p.staffId, p.freeCapacity])).toEqual([['S1', 1]]);
  });

  it.each<[number, number | undefined, number]>([
    [1, undefined, 1],
    [2, 0, 2],
    [2, 1, 1],
    [2, 2, 0],
    [1, 3, 0],
    [0, undefined, 0],
    [3, 1, 2],
  ])('capacity %i with %s running gives free capacity %i', (capacity, running, free) => {
    const load = running === undefined ? none : new Map([['S1', running]]);
    const [mentor] = selectParticipants([enrol('mentor', 'S1', { capacity })], noManagers, load, new Set()).mentors;
    expect(mentor.capacity).toBe(capacity);
    expect(mentor.freeCapacity).toBe(free);
  });

  it('sorts mentees and mentors by staff id, whatever the enrolment order', () => {
    const enrolled = [
      enrol('mentor', 'M3'),
      enrol('mentee', 'E2', { band: '9' }),
      enrol('mentor', 'M1'),
      enrol('either', 'E10', { band: 'VSM' }),
      enrol('mentee', 'E1', { band: '9' }),
      enrol('either', 'M2', { band: '5' }),
    ];
    const result = selectParticipants(enrolled, noManagers, none, new Set());
    expect(result.mentees.map((p) => p.staffId)).toEqual(['E1', 'E10', 'E2']);
    expect(result.mentors.map((p) => p.staffId)).toEqual(['M1', 'M2', 'M3']);
  });
});

describe('toParticipant', () => {
  const managerOf = new Map<string, string | null>([
    ['S1', 'S2'],
    ['S2', 'S3'],
    ['S3', null],
  ]);

  it.each<[string, string | null, string | null]>([
    ['S2', 'S2', 'S3'],
    ['S3', 'S3', null],
    ['unknown manager', 'X9', null],
    ['no manager', null, null],
  ])('line manager %s gives second line manager %s', (_, manager, second) => {
    const participant = toParticipant(record('S1', { lineManagerId: manager }), managerOf);
    expect(participant.lineManagerId).toBe(manager);
    expect(participant.secondLineManagerId).toBe(second);
  });

  it('fills every field from the record and its classification', () => {
    const participant = toParticipant(
      record('S1', {
        name: 'Ann Lee',
        email: 'ann@example.nhs.uk',
        department: '  Surgery ',
        band: '8c',
        ethnicity: 'A',
        staffGroup: 'Nursing and Midwifery Registered',
        lineManagerId: 'S2',
        raceTrained: false,
        capacity: 2,
      }),
      managerOf,
      1,
    );
    expect(participant).toEqual({
      staffId: 'S1',
      name: 'Ann Lee',
      email: 'ann@example.nhs.uk',
      department: '  Surgery ',
      departmentKey: 'surgery',
      band: '8c',
      rank: 10,
      seniority: 'senior',
      bme: 'no',
      functions: ['managerial', 'clinical'],
      boardMember: false,
      lineManagerId: 'S2',
      secondLineManagerId: 'S3',
      raceTrained: false,
      capacity: 2,
      freeCapacity: 1,
      characteristics: {},
    });
  });

  it.each<[string, Partial<StaffRecord>, number, string, string]>([
    ['a board member', { band: null, boardMember: true }, 14, 'senior', 'strategic'],
    ['a BME band 7 with stated functions', { band: '7', ethnicity: 'M', functionsStated: ['front line'] }, 7, 'middle', 'front line'],
  ])('classifies %s', (_, fields, rank, seniority, fn) => {
    const participant = toParticipant(record('S1', fields), managerOf);
    expect(participant.rank).toBe(rank);
    expect(participant.seniority).toBe(seniority);
    expect(participant.functions).toContain(fn);
  });
});

describe('selectParticipants: a band not known', () => {
  it.each<[ProgrammeRole, 'mentee' | 'mentor']>([
    ['mentee', 'mentee'],
    ['mentor', 'mentor'],
    ['either', 'mentor'],
  ])('a %s with no band is left out, saying how to set it', (role, as) => {
    const result = selectParticipants([enrol(role, 'S1', { band: null }), enrol('mentor', 'S2', { band: '6' })], noManagers, none, new Set());
    expect(result.mentees).toEqual([]);
    expect(result.mentors.map((p) => p.staffId)).toEqual(['S2']);
    expect(result.leftOut).toMatchObject([{ role: as, person: { staffId: 'S1' }, reasons: ['band not known: set it with remedi staff edit S1 --band ...'] }]);
  });

  it('a board member with no band takes part', () => {
    const result = selectParticipants([enrol('mentee', 'B1', { band: null, boardMember: true })], noManagers, none, new Set());
    expect(result.mentees.map((p) => p.staffId)).toEqual(['B1']);
    expect(result.leftOut).toEqual([]);
  });
});
