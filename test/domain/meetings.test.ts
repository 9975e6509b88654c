import { describe, expect, it } from 'vitest';
import {
  attendanceShare,
  buildMeetingsSection,
  cleanActions,
  meetingDateProblem,
  meetingDue,
  participantsOn,
  participatesOn,
  publicationMeetings,
  type CohortMember,
  type MeetingRecord,
} from '../../src/domain/meetings.js';

const member = (staffId: string, facts: Partial<CohortMember> = {}): CohortMember => ({
  staffId,
  name: `Person ${staffId}`,
  withdrawnOn: null,
  leftOn: null,
  forgotten: false,
  ...facts,
});

describe('meetingDue: N months after the last meeting, or the start', () => {
  it.each<{ name: string; start: string; every: number | null; dates: string[]; asOf: string; expected: ReturnType<typeof meetingDue> }>([
    { name: 'no rhythm: never due', start: '2026-01-05', every: null, dates: ['2026-02-01'], asOf: '2026-06-01', expected: null },
    {
      name: 'none held: from the start',
      start: '2026-01-05',
      every: 3,
      dates: [],
      asOf: '2026-03-01',
      expected: { due: '2026-04-05', overdue: false, last: null },
    },
    {
      name: 'the due day itself is on time',
      start: '2026-01-05',
      every: 3,
      dates: [],
      asOf: '2026-04-05',
      expected: { due: '2026-04-05', overdue: false, last: null },
    },
    {
      name: 'the day after is overdue',
      start: '2026-01-05',
      every: 3,
      dates: [],
      asOf: '2026-04-06',
      expected: { due: '2026-04-05', overdue: true, last: null },
    },
    {
      name: 'from the last meeting, in any order',
      start: '2026-01-05',
      every: 2,
      dates: ['2026-03-10', '2026-02-01'],
      asOf: '2026-04-01',
      expected: { due: '2026-05-10', overdue: false, last: '2026-03-10' },
    },
    {
      name: 'a meeting after the as-of day does not count',
      start: '2026-01-05',
      every: 1,
      dates: ['2026-01-20', '2026-03-01'],
      asOf: '2026-02-25',
      expected: { due: '2026-02-20', overdue: true, last: '2026-01-20' },
    },
    {
      name: 'months clamp to the month end',
      start: '2026-01-31',
      every: 1,
      dates: [],
      asOf: '2026-02-10',
      expected: { due: '2026-02-28', overdue: false, last: null },
    },
  ])('$name', ({ start, every, dates, asOf, expected }) => {
    expect(meetingDue({ start, meetEvery: every }, dates, asOf)).toEqual(expected);
  });
});

describe('participatesOn: enrolled, not withdrawn and not gone by the day', () => {
  it.each<[string, Partial<CohortMember>, string, boolean]>([
    ['enrolled', {}, '2026-03-01', true],
    ['withdrew later', { withdrawnOn: '2026-04-01' }, '2026-03-01', true],
    ['withdrew that day', { withdrawnOn: '2026-03-01' }, '2026-03-01', false],
    ['withdrew before', { withdrawnOn: '2026-02-01' }, '2026-03-01', false],
    ['left the trust later', { leftOn: '2026-03-02' }, '2026-03-01', true],
    ['left the trust that day', { leftOn: '2026-03-01' }, '2026-03-01', false],
    ['forgotten', { forgotten: true }, '2026-03-01', false],
  ])('%s', (_name, facts, day, expected) => {
    expect(participatesOn(member('1', facts), day)).toBe(expected);
  });

  it('participantsOn lists them by staff id', () => {
    const members = [member('3'), member('1', { withdrawnOn: '2026-01-10' }), member('2')];
    expect(participantsOn(members, '2026-02-01').map((m) => m.staffId)).toEqual(['2', '3']);
  });
});

describe('meetingDateProblem: inside the cohort and not in the future', () => {
  const cohort = { number: 1, start: '2026-01-05', end: '2026-09-30' };
  it.each<[string, string, string | null]>([
    ['2026-01-05', '2026-06-01', null],
    ['2026-09-30', '2026-12-01', null],
    ['2026-01-04', '2026-06-01', 'cohort 1 starts on 5 Jan 2026, after 4 Jan 2026'],
    ['2026-10-01', '2026-12-01', 'cohort 1 ended on 30 Sep 2026, before 1 Oct 2026'],
    ['2026-06-02', '2026-06-01', '2 Jun 2026 is in the future; record a cohort meeting once it has happened'],
  ])('%s (today %s)', (date, today, expected) => {
    expect(meetingDateProblem(cohort, date, today)).toBe(expected);
  });
});

describe('attendanceShare', () => {
  it.each<[number, number, number | null]>([
    [0, 10, 0],
    [5, 10, 0.5],
    [10, 10, 1],
    [0, 0, null],
  ])('%i of %i', (attended, participants, expected) => {
    expect(attendanceShare(attended, participants)).toBe(expected);
  });
});

it('cleanActions trims, collapses spaces and drops blanks, keeping order and repeats', () => {
  expect(cleanActions(['  Review   panels ', '', ' ', 'Publish data', 'Review panels'])).toEqual(['Review panels', 'Publish data', 'Review panels']);
});

describe('buildMeetingsSection', () => {
  const cohort = { end: '2026-09-30' };
  const members = [
    member('1'),
    member('2'),
    member('3'),
    member('4', { withdrawnOn: '2026-01-05' }),
    member('5', { forgotten: true }),
    member('6', { withdrawnOn: '2026-03-01' }),
    member('7', { leftOn: '2026-03-01' }),
  ];
  const meetings: MeetingRecord[] = [
    { id: 7, date: '2026-04-01', attended: ['1', '2'], themes: ['Speaking up', 'career progression'], actions: ['Second'] },
    { id: 3, date: '2026-02-01', attended: ['1', '6'], themes: ['Career Progression'], actions: ['First a', 'First b'] },
    { id: 9, date: '2026-08-01', attended: ['3'], themes: ['Later'], actions: ['Later'] },
  ];

  it('counts meetings up to the as-of day, in date order, with themes first agreed and actions by date then as given', () => {
    const section = buildMeetingsSection(meetings, members, cohort, '2026-06-01');
    // Participants: 1, 2 and 3 take part on the day; 6 withdrew but came once; 7 left having come to none.
    expect(section).toEqual({
      held: 2,
      participants: 4,
      attendance: [
        { date: '2026-02-01', attended: 2 },
        { date: '2026-04-01', attended: 2 },
      ],
      neverAttended: [{ staffId: '3', name: 'Person 3' }],
      themes: ['Career Progression', 'Speaking up'],
      actions: ['First a', 'First b', 'Second'],
    });
  });

  it('is the JSON contract when stringified: who attended none by staff id only', () => {
    const json = JSON.parse(JSON.stringify(buildMeetingsSection(meetings, members, cohort, '2026-06-01'))) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual(['held', 'participants', 'attendance', 'neverAttended', 'themes', 'actions']);
    expect(json.neverAttended).toEqual(['3']);
  });

  it('with no meetings held yet lists nobody as never attending, though it counts the participants', () => {
    const section = buildMeetingsSection([], members, cohort, '2026-06-01');
    expect(section.held).toBe(0);
    expect(section.participants).toBe(3);
    expect(section.neverAttended).toEqual([]);
    // Before they withdrew or left, 6 and 7 were taking part too.
    expect(buildMeetingsSection([], members, cohort, '2026-02-01').participants).toBe(5);
  });

  it("takes part on the cohort's end when the as-of day is later", () => {
    expect(buildMeetingsSection([], [member('1', { leftOn: '2026-10-15' })], cohort, '2026-12-01').participants).toBe(1);
  });

  it('for publication gives who attended none as a count', () => {
    const section = publicationMeetings(buildMeetingsSection(meetings, members, cohort, '2026-09-01'));
    expect(section.neverAttended).toBe(0);
    expect(JSON.stringify(section)).not.toContain('Person');
  });
});
