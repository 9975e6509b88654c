import { describe, expect, it } from 'vitest';
import { planSessionImport, type KnownRelationship, type PlannedSession } from '../../src/domain/sessionImport.js';
import { SESSION_HEADERS, parseSessionRecord, type SessionRow } from '../../src/domain/sessionRows.js';
import { sessionRow } from '../helpers/sessionRow.js';
import { duplicateKey } from '../../src/domain/sessions.js';
import { choosePerson, foldText, type PersonCandidate } from '../../src/domain/people.js';
import { mapColumns } from '../../src/io/columns.js';
import type { SessionPeople } from '../../src/domain/sessionImport.js';

/** A session log with the plain headers, column A to J. */
const GOOD: Record<string, string> = {
  pair_id: '1', // A
  date: '2024-03-05', // B
  minutes: '45', // C
  kind: 'one-to-one', // D
  level: 'team', // E
  themes: 'Career  progression; micro-aggressions', // F
  lived_experience: 'yes', // G
  mentors: 'M2;M3', // H
  notes: 'Talked about the rota', // I
  mentee_id: '', // J
};

/** Parses one record (line 4 unless told) of a file with these columns and values. */
function parse(values: Record<string, string>, line = 4) {
  const headers = Object.keys(values);
  return parseSessionRecord(
    headers.map((header) => values[header]),
    line,
    mapColumns(headers, SESSION_HEADERS),
  );
}

const withCell = (header: string, value: string): Record<string, string> => ({ ...GOOD, [header]: value });
const without = (...headers: string[]): Record<string, string> => Object.fromEntries(Object.entries(GOOD).filter(([header]) => !headers.includes(header)));

const PLAIN_COLUMNS: SessionRow['columns'] = {
  pair: 'column A (pair_id)',
  date: 'column B (date)',
  minutes: 'column C (minutes)',
  mentors: 'column H (mentors)',
  themes: 'column F (themes)',
};

const DATE_EXPECTED = 'expected a date as YYYY-MM-DD or DD/MM/YYYY';
const KIND_LIST = 'one-to-one, observation, semi-structured-interview, reflective-discussion, shadowing, networking, critical-friend, other';
const LEVEL_LIST = 'individual, team, department, organisation, system';

describe('parseSessionRecord: good rows', () => {
  it('gives every fact a row with plain headers states', () => {
    const result = parse(GOOD);
    expect(result.problems).toEqual([]);
    expect(result.row).toEqual({
      line: 4,
      pairId: 1,
      menteeId: null,
      date: '2024-03-05',
      minutes: 45,
      kind: 'one-to-one',
      level: 'team',
      themes: [
        { key: 'career progression', label: 'Career progression' },
        { key: 'micro-aggressions', label: 'micro-aggressions' },
      ],
      livedExperience: true,
      mentors: ['M2', 'M3'],
      notes: 'Talked about the rota',
      columns: PLAIN_COLUMNS,
    } satisfies SessionRow);
  });

  it('reads a form export under its own headers', () => {
    const values: Record<string, string> = {
      Timestamp: '12/09/2024 17:03:11', // A
      'Mentee Employee Number': 'L100', // B
      'Session Date': '12/09/2024', // C
      'Duration (minutes)': '90', // D
      'Type of Activity': 'Acting as a critical friend', // E
      'Focus Level': 'Organisational', // F
      'Themes Discussed': 'Recruitment panels;recruitment  PANELS; Flexible working', // G
      'Explored Lived Experience': 'No', // H
      Comments: '  Reviewed the shortlisting notes  ', // I
    };
    const headers = Object.keys(values);
    const mapping = mapColumns(headers, SESSION_HEADERS);
    expect(mapping.unknown).toEqual(['Timestamp']);
    expect(mapping.problems).toEqual([]);
    const result = parse(values, 12);
    expect(result.problems).toEqual([]);
    expect(result.row).toEqual({
      line: 12,
      pairId: null,
      menteeId: 'L100',
      date: '2024-09-12',
      minutes: 90,
      kind: 'critical-friend',
      level: 'organisation',
      themes: [
        { key: 'recruitment panels', label: 'Recruitment panels' },
        { key: 'flexible working', label: 'Flexible working' },
      ],
      livedExperience: false,
      mentors: null,
      notes: 'Reviewed the shortlisting notes',
      columns: {
        pair: 'column B (Mentee Employee Number)',
        date: 'column C (Session Date)',
        minutes: 'column D (Duration (minutes))',
        mentors: '(no mentors column: every mentor)',
        themes: 'column G (Themes Discussed)',
      },
    } satisfies SessionRow);
  });

  it.each([
    ['12/09/2024', '2024-09-12'],
    ['1/9/2024', '2024-09-01'],
    ['01/09/2024', '2024-09-01'],
    [' 29/02/2024 ', '2024-02-29'],
    ['31/12/2024', '2024-12-31'],
    ['2024-09-12', '2024-09-12'],
  ])('reads the date %j as %j', (raw, date) => {
    expect(parse(withCell('date', raw)).row?.date).toBe(date);
  });

  it.each<[string, Record<string, string>, number | null, string | null]>([
    ['a pair number', withCell('pair_id', '12'), 12, null],
    ['a pair number written #12', withCell('pair_id', '#12'), 12, null],
    ['a pair number with spaces', withCell('pair_id', ' 12 '), 12, null],
    ['a mentee id alone', { ...withCell('pair_id', ''), mentee_id: 'L100' }, null, 'L100'],
    ['a mentee id with spaces', { ...withCell('pair_id', ''), mentee_id: '  L100 ' }, null, 'L100'],
    ['both', { ...withCell('pair_id', '#3'), mentee_id: 'L300' }, 3, 'L300'],
    ['a mentee id with no pair_id column', { ...without('pair_id'), mentee_id: 'L100' }, null, 'L100'],
  ])('reads %s', (_name, values, pairId, menteeId) => {
    const { row, problems } = parse(values);
    expect(problems).toEqual([]);
    expect(row?.pairId).toBe(pairId);
    expect(row?.menteeId).toBe(menteeId);
  });

  it.each<[string, string[] | null]>([
    ['M2;M3', ['M2', 'M3']],
    ['M2,M3', ['M2', 'M3']],
    [' M2 ; M3 ', ['M2', 'M3']],
    ['M2, M3; M4', ['M2', 'M3', 'M4']],
    ['M2;M3;M2', ['M2', 'M3']],
    ['M2,M2', ['M2']],
    ['M2', ['M2']],
    ['', null],
    ['   ', null],
    [';', null],
    [' ; , ', null],
  ])('reads the mentors %j as %j', (raw, mentors) => {
    expect(parse(withCell('mentors', raw)).row?.mentors).toEqual(mentors);
  });

  it('reads no mentors column as every mentor', () => {
    const { row } = parse(without('mentors'));
    expect(row?.mentors).toBeNull();
    expect(row?.columns.mentors).toBe('(no mentors column: every mentor)');
  });

  it.each<[string, boolean]>([
    ['yes', true],
    ['Y', true],
    ['TRUE', true],
    ['1', true],
    ['no', false],
    ['n', false],
    ['0', false],
    ['', false],
    ['  ', false],
  ])('reads lived_experience %j as %s', (raw, lived) => {
    expect(parse(withCell('lived_experience', raw)).row?.livedExperience).toBe(lived);
  });

  it.each<[string, string, string | null]>([
    ['blank notes', '', null],
    ['notes of 5000 characters', 'n'.repeat(5000), 'n'.repeat(5000)],
    ['padded notes', '  see you in May  ', 'see you in May'],
  ])('reads %s', (_name, raw, notes) => {
    const { row, problems } = parse(withCell('notes', raw));
    expect(problems).toEqual([]);
    expect(row?.notes).toBe(notes);
  });

  it.each([
    ['60', 60],
    ['1', 1],
    ['600', 600],
    [' 30 ', 30],
  ])('reads minutes %j as %d', (raw, minutes) => {
    expect(parse(withCell('minutes', raw)).row?.minutes).toBe(minutes);
  });
});

describe('parseSessionRecord: refusals', () => {
  it.each<[string, Record<string, string>, string | null, string | null, string]>([
    ['no pair_id or mentee_id value', withCell('pair_id', ''), 'column A (pair_id)', '', 'which relationship? give pair_id, or the mentee_id of the mentee'],
    [
      'blank pair_id and mentee_id cells',
      { ...withCell('pair_id', '  '), mentee_id: ' ' },
      'column A (pair_id)',
      '',
      'which relationship? give pair_id, or the mentee_id of the mentee',
    ],
    [
      'no pair_id column and a blank mentee_id',
      without('pair_id'),
      'column I (mentee_id)',
      '',
      'which relationship? give pair_id, or the mentee_id of the mentee',
    ],
    ['neither column', without('pair_id', 'mentee_id'), null, '', 'which relationship? give pair_id, or the mentee_id of the mentee'],
    ['pair_id not a number', withCell('pair_id', 'twelve'), 'column A (pair_id)', 'twelve', 'expected a relationship number, as in remedi pair list'],
    ['pair_id 12a', withCell('pair_id', '12a'), 'column A (pair_id)', '12a', 'expected a relationship number, as in remedi pair list'],
    ['pair_id 1.5', withCell('pair_id', '1.5'), 'column A (pair_id)', '1.5', 'expected a relationship number, as in remedi pair list'],
    ['a missing date', withCell('date', ''), 'column B (date)', '', `the date is missing; ${DATE_EXPECTED}`],
    ['not a date', withCell('date', 'March 5th 2024'), 'column B (date)', 'March 5th 2024', `not a date; ${DATE_EXPECTED}`],
    [
      'a US month-first date',
      withCell('date', '03/25/2024'),
      'column B (date)',
      '03/25/2024',
      `there is no month 25 (it looks like a US month-first date; write it day first, DD/MM/YYYY); ${DATE_EXPECTED}`,
    ],
    ['a day the month lacks', withCell('date', '31/09/2024'), 'column B (date)', '31/09/2024', `Sep 2024 has no day 31; ${DATE_EXPECTED}`],
    ['0 minutes', withCell('minutes', '0'), 'column C (minutes)', '0', 'expected a whole number of minutes from 1 to 600'],
    ['601 minutes', withCell('minutes', '601'), 'column C (minutes)', '601', 'expected a whole number of minutes from 1 to 600'],
    ['minutes abc', withCell('minutes', 'abc'), 'column C (minutes)', 'abc', 'expected a whole number of minutes from 1 to 600'],
    ['minutes 1.5', withCell('minutes', '1.5'), 'column C (minutes)', '1.5', 'expected a whole number of minutes from 1 to 600'],
    ['minutes -30', withCell('minutes', '-30'), 'column C (minutes)', '-30', 'expected a whole number of minutes from 1 to 600'],
    ['missing minutes', withCell('minutes', ''), 'column C (minutes)', '', 'expected a whole number of minutes from 1 to 600'],
    [
      'a near-miss kind',
      withCell('kind', 'obsrvation'),
      'column D (kind)',
      'obsrvation',
      `"obsrvation" is not a kind of session; did you mean "observation"? expected one of ${KIND_LIST}`,
    ],
    ['an unknown kind', withCell('kind', 'lunch'), 'column D (kind)', 'lunch', `"lunch" is not a kind of session; expected one of ${KIND_LIST}`],
    ['a missing kind', withCell('kind', ''), 'column D (kind)', '', 'the kind of session is missing'],
    ['a near-miss level', withCell('level', 'teem'), 'column E (level)', 'teem', `"teem" is not a level; did you mean "team"? expected one of ${LEVEL_LIST}`],
    ['an unknown level', withCell('level', 'national'), 'column E (level)', 'national', `"national" is not a level; expected one of ${LEVEL_LIST}`],
    ['a missing level', withCell('level', ''), 'column E (level)', '', 'the level is missing'],
    ['lived_experience maybe', withCell('lived_experience', 'maybe'), 'column G (lived_experience)', 'maybe', 'expected yes or no (also y/n, true/false, 1/0)'],
    [
      'notes over 5000 characters',
      withCell('notes', 'n'.repeat(5001)),
      'column I (notes)',
      'n'.repeat(5001),
      'notes of 5001 characters; expected at most 5000',
    ],
  ])('refuses %s', (_name, values, column, value, message) => {
    const result = parse(values, 9);
    expect(result.row).toBeNull();
    expect(result.problems).toEqual([{ line: 9, column, value, message }]);
  });

  it('reports every problem in a row at once', () => {
    const result = parse({ ...GOOD, pair_id: 'x', date: '13/13/2024', minutes: '0', kind: 'teem', level: '', lived_experience: 'perhaps' }, 21);
    expect(result.row).toBeNull();
    expect(result.problems.map((p) => [p.line, p.column, p.value])).toEqual([
      [21, 'column A (pair_id)', 'x'],
      [21, 'column B (date)', '13/13/2024'],
      [21, 'column C (minutes)', '0'],
      [21, 'column D (kind)', 'teem'],
      [21, 'column E (level)', ''],
      [21, 'column G (lived_experience)', 'perhaps'],
    ]);
  });
});

/** Relationships as the store would give them; today is 30 Nov 2024. */
const RELATIONSHIPS: KnownRelationship[] = [
  { id: 1, menteeId: 'L100', start: '2024-01-15', endedOn: null, plannedEnd: '2024-12-31', mentorIds: ['M1'] },
  { id: 2, menteeId: 'L200', start: '2024-01-15', endedOn: null, plannedEnd: '2024-12-31', mentorIds: ['M2', 'M3'] },
  // L300 ended one relationship early and started another in the next cohort.
  { id: 3, menteeId: 'L300', start: '2024-01-15', endedOn: '2024-05-31', plannedEnd: '2024-12-31', mentorIds: ['M4'] },
  { id: 4, menteeId: 'L300', start: '2024-07-01', endedOn: null, plannedEnd: '2025-06-30', mentorIds: ['M5'] },
  // L400 has two relationships overlapping in May to December.
  { id: 5, menteeId: 'L400', start: '2024-01-15', endedOn: null, plannedEnd: '2024-12-31', mentorIds: ['M6'] },
  { id: 6, menteeId: 'L400', start: '2024-05-01', endedOn: null, plannedEnd: '2025-04-30', mentorIds: ['M7'] },
];
const TODAY = '2024-11-30';

/** A parsed row of a plain-headed file; pair 1 on 5 Mar 2024 unless told. */
const row = (changes: Partial<SessionRow> = {}): SessionRow => sessionRow({ line: 2, pairId: 1, date: '2024-03-05', columns: PLAIN_COLUMNS, ...changes });

const plan = (rows: SessionRow[], recorded: string[] = [], skipDuplicates = false) =>
  planSessionImport(rows, RELATIONSHIPS, new Set(recorded), TODAY, skipDuplicates);

describe('planSessionImport: finding the relationship', () => {
  it('plans a session by pair_id with every fact of the row', () => {
    const themes = [{ key: 'career progression', label: 'Career progression' }];
    const result = plan([
      row({ pairId: 2, line: 3, minutes: 60, kind: 'shadowing', level: 'system', themes, livedExperience: true, mentors: ['M3'], notes: 'ward round' }),
    ]);
    expect(result).toEqual({
      sessions: [
        {
          line: 3,
          relationshipId: 2,
          date: '2024-03-05',
          minutes: 60,
          kind: 'shadowing',
          level: 'system',
          themes,
          livedExperience: true,
          mentors: ['M3'],
          notes: 'ward round',
        } satisfies PlannedSession,
      ],
      duplicates: 0,
      problems: [],
    });
  });

  it.each<[string, Partial<SessionRow>, number]>([
    ['pair_id', { pairId: 1 }, 1],
    ['pair_id with the matching mentee_id', { pairId: 1, menteeId: 'L100' }, 1],
    ['mentee_id with one relationship', { pairId: null, menteeId: 'L100' }, 1],
    ['mentee_id on a date in the first of two relationships', { pairId: null, menteeId: 'L300', date: '2024-03-10' }, 3],
    ['mentee_id on a date in the second of two relationships', { pairId: null, menteeId: 'L300', date: '2024-08-10' }, 4],
    ['mentee_id on the end day of an ended relationship', { pairId: null, menteeId: 'L300', date: '2024-05-31' }, 3],
    ['mentee_id on the start day of the next relationship', { pairId: null, menteeId: 'L300', date: '2024-07-01' }, 4],
    ['mentee_id before two relationships overlap', { pairId: null, menteeId: 'L400', date: '2024-04-30' }, 5],
    ['pair_id where the mentee_id would be ambiguous', { pairId: 6, menteeId: 'L400', date: '2024-06-01' }, 6],
    ['pair_id of an ended relationship, on its end day', { pairId: 3, date: '2024-05-31' }, 3],
  ])('finds it by %s', (_name, changes, relationshipId) => {
    const result = plan([row(changes)]);
    expect(result.problems).toEqual([]);
    expect(result.sessions.map((s) => s.relationshipId)).toEqual([relationshipId]);
  });

  it.each<[string, Partial<SessionRow>, string | null, string]>([
    [
      'a mentee with two relationships running on the date',
      { pairId: null, menteeId: 'L400', date: '2024-06-01' },
      'L400',
      'L400 has 2 relationships running on 2024-06-01 (#5, #6); give pair_id',
    ],
    [
      'a mentee between relationships',
      { pairId: null, menteeId: 'L300', date: '2024-06-15' },
      'L300',
      'L300 is not the mentee of any relationship running on 2024-06-15',
    ],
    [
      'a mentee before any relationship',
      { pairId: null, menteeId: 'L100', date: '2024-01-14' },
      'L100',
      'L100 is not the mentee of any relationship running on 2024-01-14',
    ],
    ['an unknown mentee', { pairId: null, menteeId: 'L999' }, 'L999', 'L999 is not the mentee of any relationship running on 2024-03-05'],
    ['a mentee of a mentor', { pairId: null, menteeId: 'M1' }, 'M1', 'M1 is not the mentee of any relationship running on 2024-03-05'],
    ["pair_id with another mentee's id", { pairId: 1, menteeId: 'L200' }, '1', "relationship #1 is not L200's (its mentee is L100)"],
    ['an unknown pair', { pairId: 99 }, '99', 'there is no relationship #99'],
    ['an unknown pair with a known mentee', { pairId: 99, menteeId: 'L100' }, '99', 'there is no relationship #99'],
  ])('refuses %s', (_name, changes, value, message) => {
    const result = plan([row({ ...changes, line: 8 })]);
    expect(result.sessions).toEqual([]);
    expect(result.duplicates).toBe(0);
    expect(result.problems).toEqual([{ line: 8, column: 'column A (pair_id)', value, message }]);
  });

  it('names the mentee_id column when the file has no pair_id column', () => {
    const result = plan([row({ pairId: null, menteeId: 'L999', columns: { ...PLAIN_COLUMNS, pair: 'column B (Mentee Employee Number)' } })]);
    expect(result.problems.map((p) => p.column)).toEqual(['column B (Mentee Employee Number)']);
  });
});

describe('planSessionImport: checking each session', () => {
  it.each<[string, Partial<SessionRow>, string, string, string]>([
    ['a date in the future', { date: '2024-12-01' }, 'column B (date)', '2024-12-01', '1 Dec 2024 is in the future; record a session once it has happened'],
    ['a date before the start', { date: '2024-01-14' }, 'column B (date)', '2024-01-14', 'relationship #1 starts on 15 Jan 2024, after 14 Jan 2024'],
    [
      'a date after an ended relationship',
      { pairId: 3, date: '2024-06-01' },
      'column B (date)',
      '2024-06-01',
      'relationship #3 ended on 31 May 2024, before 1 Jun 2024',
    ],
    ['0 minutes', { minutes: 0 }, 'column C (minutes)', '0', '0 minutes is not a session length; expected a whole number from 1 to 600'],
    ['601 minutes', { minutes: 601 }, 'column C (minutes)', '601', '601 minutes is not a session length; expected a whole number from 1 to 600'],
    [
      'a mentor not in the relationship',
      { pairId: 2, mentors: ['M2', 'M1'] },
      'column H (mentors)',
      'M1',
      'M1 is not a mentor in relationship #2 (its mentors: M2, M3)',
    ],
    [
      'a theme over 80 characters',
      { themes: [{ key: 't'.repeat(81), label: 't'.repeat(81) }] },
      'column F (themes)',
      't'.repeat(81),
      `the theme "${'t'.repeat(20)}..." is longer than 80 characters; themes are short tags`,
    ],
  ])('refuses %s, naming its column', (_name, changes, column, value, message) => {
    const result = plan([row({ ...changes, line: 6 })]);
    expect(result.sessions).toEqual([]);
    expect(result.problems).toEqual([{ line: 6, column, value, message }]);
  });

  it('refuses a session after the planned end of a running relationship', () => {
    const result = planSessionImport([row({ date: '2025-01-02' })], RELATIONSHIPS, new Set(), '2025-02-01', false);
    expect(result.sessions).toEqual([]);
    expect(result.problems).toEqual([
      { line: 2, column: 'column B (date)', value: '2025-01-02', message: "relationship #1 runs to 31 Dec 2024 (the cohort's end), before 2 Jan 2025" },
    ]);
  });

  it('reports every problem of a row', () => {
    const result = plan([row({ pairId: 2, date: '2024-12-02', minutes: 0, mentors: ['M9'] })]);
    expect(result.problems.map((p) => [p.column, p.value])).toEqual([
      ['column B (date)', '2024-12-02'],
      ['column C (minutes)', '0'],
      ['column H (mentors)', 'M9'],
    ]);
  });

  it.each<[string, Partial<SessionRow>, string[]]>([
    ['blank mentors in a trio', { pairId: 2, mentors: null }, ['M2', 'M3']],
    ['blank mentors in a pair', { pairId: 1, mentors: null }, ['M1']],
    ['blank mentors by mentee_id', { pairId: null, menteeId: 'L200', mentors: null }, ['M2', 'M3']],
    ['one mentor of a trio', { pairId: 2, mentors: ['M3'] }, ['M3']],
    ['both mentors of a trio', { pairId: 2, mentors: ['M3', 'M2'] }, ['M3', 'M2']],
  ])('records the mentors present for %s', (_name, changes, mentors) => {
    const result = plan([row(changes)]);
    expect(result.problems).toEqual([]);
    expect(result.sessions.map((s) => s.mentors)).toEqual([mentors]);
  });

  it("still takes sessions up to an ended relationship's end date", () => {
    const result = plan([
      row({ line: 2, pairId: 3, date: '2024-02-01' }),
      row({ line: 3, pairId: 3, date: '2024-05-31' }),
      row({ line: 4, pairId: null, menteeId: 'L300', date: '2024-05-30' }),
    ]);
    expect(result.problems).toEqual([]);
    expect(result.sessions.map((s) => [s.line, s.relationshipId, s.date])).toEqual([
      [2, 3, '2024-02-01'],
      [3, 3, '2024-05-31'],
      [4, 3, '2024-05-30'],
    ]);
  });

  it('plans the good rows and reports the bad ones of one file', () => {
    const result = plan([row({ line: 2 }), row({ line: 3, pairId: 99 }), row({ line: 4, pairId: 2, date: '2024-04-01' })]);
    expect(result.sessions.map((s) => s.line)).toEqual([2, 4]);
    expect(result.problems.map((p) => p.line)).toEqual([3]);
  });
});

describe('planSessionImport: duplicates', () => {
  const RECORDED = [duplicateKey(1, '2024-03-05', 'one-to-one'), duplicateKey(2, '2024-04-01', 'shadowing')];

  it.each<[string, SessionRow[], Array<{ line: number; value: string; message: string }>, number[]]>([
    [
      'a session already recorded',
      [row({ line: 5 })],
      [
        {
          line: 5,
          value: '2024-03-05',
          message: 'a one-to-one session on 2024-03-05 is already recorded for relationship #1 (use --skip-duplicates to skip rows already recorded)',
        },
      ],
      [],
    ],
    [
      'a session already recorded, found by mentee_id',
      [row({ line: 5, pairId: null, menteeId: 'L200', date: '2024-04-01', kind: 'shadowing' })],
      [
        {
          line: 5,
          value: '2024-04-01',
          message: 'a shadowing session on 2024-04-01 is already recorded for relationship #2 (use --skip-duplicates to skip rows already recorded)',
        },
      ],
      [],
    ],
    [
      'a session repeated in the file',
      [row({ line: 2, date: '2024-06-01' }), row({ line: 3, date: '2024-06-02' }), row({ line: 4, date: '2024-06-01', minutes: 30 })],
      [{ line: 4, value: '2024-06-01', message: 'the same session (relationship #1, 2024-06-01, one-to-one) is already on line 2' }],
      [2, 3],
    ],
    [
      'a session repeated in the file, once by pair_id and once by mentee_id',
      [row({ line: 2, pairId: 2, date: '2024-06-01' }), row({ line: 7, pairId: null, menteeId: 'L200', date: '2024-06-01' })],
      [{ line: 7, value: '2024-06-01', message: 'the same session (relationship #2, 2024-06-01, one-to-one) is already on line 2' }],
      [2],
    ],
  ])('refuses %s, naming the date column', (_name, rows, problems, plannedLines) => {
    const result = plan(rows, RECORDED);
    expect(result.problems).toEqual(problems.map((p) => ({ column: 'column B (date)', ...p })));
    expect(result.sessions.map((s) => s.line)).toEqual(plannedLines);
    expect(result.duplicates).toBe(0);
  });

  it.each<[string, SessionRow[], number[], number]>([
    ['nothing repeated', [row({ line: 2, date: '2024-06-01' }), row({ line: 3, date: '2024-06-02' })], [2, 3], 0],
    [
      'another kind on the same day',
      [
        row({ line: 2, date: '2024-03-05', kind: 'observation' }),
        row({ line: 3, date: '2024-06-01' }),
        row({ line: 4, date: '2024-06-01', kind: 'networking' }),
      ],
      [2, 3, 4],
      0,
    ],
    [
      'the same day and kind in another relationship',
      [row({ line: 2, pairId: 2, date: '2024-03-05' }), row({ line: 3, pairId: 5, date: '2024-03-05' })],
      [2, 3],
      0,
    ],
    ['a session already recorded', [row({ line: 2 }), row({ line: 3, date: '2024-06-01' })], [3], 1],
    [
      'a cumulative export imported again',
      [
        row({ line: 2 }),
        row({ line: 3, pairId: 2, date: '2024-04-01', kind: 'shadowing' }),
        row({ line: 4, pairId: 2, date: '2024-10-01' }),
        row({ line: 5, pairId: null, menteeId: 'L100', date: '2024-11-01' }),
      ],
      [4, 5],
      2,
    ],
    [
      'a session repeated in the file',
      [row({ line: 2, date: '2024-06-01' }), row({ line: 3, date: '2024-06-01' }), row({ line: 4, date: '2024-06-01' })],
      [2],
      2,
    ],
  ])('with skipDuplicates, plans %s and counts the rest', (_name, rows, plannedLines, duplicates) => {
    const result = plan(rows, RECORDED, true);
    expect(result.problems).toEqual([]);
    expect(result.sessions.map((s) => s.line)).toEqual(plannedLines);
    expect(result.duplicates).toBe(duplicates);
  });

  // An import plans 512 rows at a time, asking for the duplicates of each batch at once.
  const MIXED = [
    row({ line: 2, date: '2024-06-01' }),
    row({ line: 3, minutes: 0, date: '2024-06-03' }),
    row({ line: 4 }),
    row({ line: 5, date: '2024-06-01' }),
    row({ line: 6, pairId: 99 }),
    row({ line: 7, date: '2024-06-01', kind: 'shadowing' }),
    row({ line: 8, date: '2024-06-01', kind: 'shadowing', minutes: 30 }),
    row({ line: 9, pairId: 2, date: '2024-04-01', kind: 'shadowing' }),
  ];
  it.each([1, 2, 3, 5, 8])('plans alike %i rows at a time, every problem in the order of the rows', (batch) => {
    for (const skipDuplicates of [false, true]) {
      const whole = planSessionImport(MIXED, RELATIONSHIPS, new Set(RECORDED), TODAY, skipDuplicates);
      const batched = planSessionImport(MIXED, RELATIONSHIPS, new Set(RECORDED), TODAY, skipDuplicates, undefined, batch);
      expect(batched).toEqual(whole);
    }
    const { problems, sessions } = planSessionImport(MIXED, RELATIONSHIPS, new Set(RECORDED), TODAY, false, undefined, batch);
    expect(sessions.map((s) => s.line)).toEqual([2, 7]);
    expect(problems.map((p) => [p.line, p.message])).toEqual([
      [3, expect.stringContaining('minutes')],
      [4, expect.stringContaining('already recorded for relationship #1')],
      [5, 'the same session (relationship #1, 2024-06-01, one-to-one) is already on line 2'],
      [6, 'there is no relationship #99'],
      [8, 'the same session (relationship #1, 2024-06-01, shadowing) is already on line 7'],
      [9, expect.stringContaining('already recorded for relationship #2')],
    ]);
  });

  it('with skipDuplicates, still refuses a bad row that repeats a recorded one', () => {
    const result = plan([row({ line: 2, minutes: 0 })], RECORDED, true);
    expect(result.sessions).toEqual([]);
    expect(result.duplicates).toBe(0);
    expect(result.problems.map((p) => p.column)).toEqual(['column C (minutes)']);
  });
});

describe('parseSessionRecord: people by name, email or staff id', () => {
  it.each([
    ['Mentee', 'mentee'],
    ['Mentee name', 'mentee'],
    ['Mentee email', 'mentee'],
    ['Who did you meet?', 'mentee'],
    ['Mentee Employee Number', 'mentee_id'],
    ['Email', 'respondent'],
    ['Email Address', 'respondent'],
  ])('reads a column headed %j as %s', (header, field) => {
    expect(mapColumns([header], SESSION_HEADERS).fields).toEqual([field]);
  });

  it('keeps the mentee and the respondent as written, for planning to resolve', () => {
    const values: Record<string, string> = {
      Email: 'mei.chen@nhs.net',
      'Mentee name': ' Siobhan Kelly ',
      date: '2024-03-05',
      minutes: '45',
      kind: 'One-to-one conversation',
      level: 'Team',
    };
    const { row, problems } = parse(values);
    expect(problems).toEqual([]);
    expect(row).toMatchObject({ pairId: null, menteeId: null, mentee: 'Siobhan Kelly', respondent: 'mei.chen@nhs.net', mentors: null });
    expect(row?.columns).toMatchObject({ pair: 'column B (Mentee name)', mentee: 'column B (Mentee name)' });
  });

  it('refuses a row whose mentee is blank', () => {
    const { problems } = parse({ 'Mentee name': '', date: '2024-03-05', minutes: '45', kind: 'one-to-one', level: 'team' });
    expect(problems).toEqual([{ line: 4, column: 'column A (Mentee name)', value: '', message: 'which relationship? the mentee is missing' }]);
  });

  it.each([
    ['Chidi Eze;Ada Obi;', ['Chidi Eze', 'Ada Obi']],
    ['Chidi Eze, Ada Obi', ['Chidi Eze', 'Ada Obi']],
    ['chidi.eze@nhs.net', ['chidi.eze@nhs.net']],
  ])('splits the mentors %j at ; and , (names are written First Last)', (raw, mentors) => {
    expect(parse(withCell('mentors', raw)).row?.mentors).toEqual(mentors);
  });
});

/** People of the RELATIONSHIPS below, found as the store finds them: id, email (any case), folded name. */
const PEOPLE: PersonCandidate[] = [
  { staffId: 'L100', name: 'Siobhán Kelly', email: 'siobhan.kelly@nhs.net', department: 'Surgery', active: true },
  { staffId: 'L200', name: 'Margaret Ellison', email: 'margaret.ellison@nhs.net', department: 'Board', active: true },
  { staffId: 'L300', name: 'Chidi Eze', email: 'chidi.eze@nhs.net', department: 'Surgery', active: true },
  { staffId: 'L999', name: 'Chidi Eze', email: 'c.eze@nhs.net', department: 'Pharmacy', active: true },
  { staffId: 'M1', name: 'Mei Chen', email: 'mei.chen@nhs.net', department: 'Pharmacy', active: true },
  { staffId: 'M2', name: 'Priya Sharma', email: 'priya.sharma@nhs.net', department: 'Nursing', active: true },
  { staffId: 'M3', name: 'Tendai Moyo', email: 'tendai.moyo@nhs.net', department: 'Estates', active: true },
  { staffId: 'M9', name: 'Jessica Lane', email: 'jessica.lane@nhs.net', department: 'Theatres', active: true },
];

/** A SessionPeople over PEOPLE; near misses share a word of the name. */
function fakePeople(): SessionPeople {
  return {
    resolve(text, nearMisses) {
      const key = text.trim();
      const exact = {
        byId: PEOPLE.filter((p) => p.staffId === key),
        byEmail: PEOPLE.filter((p) => p.email?.toLowerCase() === key.toLowerCase()),
        byName: PEOPLE.filter((p) => foldText(p.name) === foldText(key)),
      };
      const words = foldText(key).split(' ');
      return choosePerson(exact, nearMisses ? PEOPLE.filter((p) => words.some((w) => foldText(p.name).split(' ').includes(w))) : []);
    },
    personOf: (staffId) => {
      const person = PEOPLE.find((p) => p.staffId === staffId);
      return person ? `${person.name} (${staffId})` : staffId;
    },
  };
}

const MENTEE_COLUMNS: SessionRow['columns'] = { ...PLAIN_COLUMNS, pair: 'column A (Mentee)', mentee: 'column A (Mentee)' };
const byMentee = (mentee: string, changes: Partial<SessionRow> = {}): SessionRow => row({ pairId: null, mentee, columns: MENTEE_COLUMNS, ...changes });
const planWith = (rows: SessionRow[], people = fakePeople()) => planSessionImport(rows, RELATIONSHIPS, new Set(), TODAY, false, people);

describe('planSessionImport: the mentee by staff id, email or name', () => {
  it.each([
    ['a staff id', 'L100', 1],
    ['an email in capitals', 'Margaret.Ellison@NHS.net', 2],
    ['a name without its accent, in lower case', 'siobhan  kelly', 1],
    ['a name as written', 'Margaret Ellison', 2],
  ])('finds the relationship from %s', (_how, mentee, relationshipId) => {
    const result = planWith([byMentee(mentee)]);
    expect(result.problems).toEqual([]);
    expect(result.sessions.map((s) => s.relationshipId)).toEqual([relationshipId]);
  });

  it.each([
    [
      'an unknown name, with the near misses',
      'Siobhan Kelley',
      'there is nobody with this staff id, email or name; did you mean L100 Siobhán Kelly (Surgery)?',
    ],
    ['an unknown email, with nobody near', 'nobody@nhs.net', 'there is nobody with this staff id, email or name'],
    ['a name two people share', 'Chidi Eze', 'this matches 2 people: L300 Chidi Eze (Surgery); L999 Chidi Eze (Pharmacy); give the staff id or email instead'],
    ['someone who is no mentee', 'Mei Chen', 'Mei Chen (M1) is not the mentee of any relationship running on 2024-03-05'],
  ])('refuses %s with the column and the value', (_what, mentee, message) => {
    const result = planWith([byMentee(mentee, { line: 7 })]);
    expect(result.sessions).toEqual([]);
    expect(result.problems).toEqual([{ line: 7, column: 'column A (Mentee)', value: mentee, message }]);
  });

  it('refuses a mentee who is not the mentee_id on the same row', () => {
    const result = planWith([byMentee('Margaret Ellison', { menteeId: 'L100' })]);
    expect(result.problems.map((p) => p.message)).toEqual(['Margaret Ellison (L200) is not L100, the mentee_id on this row']);
  });

  it("refuses a pair_id that is not the named mentee's, naming both", () => {
    const result = planWith([row({ pairId: 1, mentee: 'margaret.ellison@nhs.net' })]);
    expect(result.problems.map((p) => p.message)).toEqual(["relationship #1 is not Margaret Ellison (L200)'s (its mentee is Siobhán Kelly (L100))"]);
  });
});

describe("planSessionImport: the mentors present by name, and the form's respondent", () => {
  it.each([
    ['names and emails', ['priya sharma', 'TENDAI.MOYO@nhs.net'], undefined, ['M2', 'M3']],
    ['a staff id and the same person by name, once', ['M2', 'Priya Sharma'], undefined, ['M2']],
    ['the respondent, a mentor of the relationship', null, 'tendai.moyo@nhs.net', ['M3']],
    ['the respondent, the mentee: every mentor', null, 'margaret.ellison@nhs.net', ['M2', 'M3']],
    ['an unknown respondent: every mentor', null, 'anonymous', ['M2', 'M3']],
    ['the mentors column over the respondent', ['Priya Sharma'], 'tendai.moyo@nhs.net', ['M2']],
  ])('records %s', (_what, mentors, respondent, present) => {
    const result = planWith([byMentee('Margaret Ellison', { mentors, ...(respondent === undefined ? {} : { respondent }) })]);
    expect(result.problems).toEqual([]);
    expect(result.sessions.map((s) => s.mentors)).toEqual([present]);
  });

  it.each([
    [
      'a mentor who is not in the relationship, by name',
      'Jessica Lane',
      'Jessica Lane (M9) is not a mentor in relationship #2 (its mentors: Priya Sharma (M2), Tendai Moyo (M3))',
    ],
    ['an unknown name', 'Priya Sharme', 'there is nobody with this staff id, email or name; did you mean M2 Priya Sharma (Nursing)?'],
    ['a shared name', 'Chidi Eze', 'this matches 2 people: L300 Chidi Eze (Surgery); L999 Chidi Eze (Pharmacy); give the staff id or email instead'],
    ['an unknown staff id', 'M77', 'M77 is not a mentor in relationship #2 (its mentors: Priya Sharma (M2), Tendai Moyo (M3))'],
  ])('refuses %s in the mentors column, with the value as written', (_what, mentor, message) => {
    const result = planWith([byMentee('Margaret Ellison', { mentors: ['M2', mentor] })]);
    expect(result.sessions).toEqual([]);
    expect(result.problems).toEqual([{ line: 2, column: 'column H (mentors)', value: mentor, message }]);
  });
});
