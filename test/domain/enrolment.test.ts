import { describe, expect, it } from 'vitest';
import { parseEnrolmentRecord, parseProgrammeRole, planEnrolment, type CurrentEnrolment, type EnrolmentRequest } from '../../src/domain/enrolment.js';
import { ENROLMENT_HEADERS } from '../../src/domain/rosterColumns.js';
import { mapColumns } from '../../src/io/columns.js';

describe('parseProgrammeRole, as the roster reads a role', () => {
  it.each<[string, string | null | undefined]>([
    ['mentor', 'mentor'],
    [' Mentee ', 'mentee'],
    ['EITHER', 'either'],
    ['both', 'either'],
    ['', null],
    ['  ', null],
    ['mentors', undefined],
    ['leader', undefined],
  ])('%j -> %j', (raw, role) => {
    expect(parseProgrammeRole(raw)).toBe(role);
  });
});

describe('parseEnrolmentRecord', () => {
  const parse = (headers: string[], cells: string[]) => parseEnrolmentRecord(cells, 3, mapColumns(headers, ENROLMENT_HEADERS));
  it.each<[string, string[], string[], { person: string; column: string; role: string | null } | null, string[]]>([
    [
      'a name under a roster name header',
      ['Full Name', 'Programme Role'],
      ['Chidi Eze', 'Mentor'],
      { person: 'Chidi Eze', column: 'column A (Full Name)', role: 'mentor' },
      [],
    ],
    [
      'the staff id wins over the name',
      ['Name', 'Employee Number', 'Role'],
      ['Chidi Eze', '10000065', 'mentee'],
      { person: '10000065', column: 'column B (Employee Number)', role: 'mentee' },
      [],
    ],
    [
      'the email when the id is blank',
      ['Staff ID', 'E-mail', 'Role'],
      ['', 'chidi.eze@nhs.net', 'both'],
      { person: 'chidi.eze@nhs.net', column: 'column B (E-mail)', role: 'either' },
      [],
    ],
    ['a blank role enrols nobody', ['Name', 'Role'], ['Chidi Eze', ''], { person: 'Chidi Eze', column: 'column A (Name)', role: null }, []],
    ['a blank row says nothing', ['Name', 'Role'], [' ', ''], null, []],
    [
      'a role with nobody',
      ['Name', 'Role'],
      ['', 'mentor'],
      null,
      ['the name is blank, so the row names nobody (the file has no staff id or email column remedi recognises; name one with --map "Header=email")'],
    ],
    [
      'an unknown role',
      ['Name', 'Role'],
      ['Chidi Eze', 'leader'],
      null,
      ['not a programme role; expected mentor, mentee or either (or blank to enrol nobody)'],
    ],
  ])('%s', (_case, headers, cells, row, problems) => {
    const result = parse(headers, cells);
    expect(result.row === null ? null : { person: result.row.person, column: result.row.column, role: result.row.role }).toEqual(row);
    expect(result.problems.map((p) => p.message)).toEqual(problems);
    for (const problem of result.problems) expect(problem.line).toBe(3);
  });
});

describe('planEnrolment', () => {
  const ask = (staffId: string, role: EnrolmentRequest['role'], source = `--${role} ${staffId}`): EnrolmentRequest => ({
    staffId,
    name: `Person ${staffId}`,
    role,
    source,
  });
  const enrolled = (role: CurrentEnrolment['role'], withdrawnOn: string | null = null): CurrentEnrolment => ({ role, withdrawnOn });

  it.each<[string, EnrolmentRequest[], Array<[string, CurrentEnrolment]>, Array<[string, string[]]>, Record<string, string[]>, number]>([
    ['someone new is enrolled', [ask('1', 'mentee')], [], [], { enrolled: ['1'] }, 0],
    ['the same role again changes nothing', [ask('1', 'mentor')], [['1', enrolled('mentor')]], [], { unchanged: ['1'] }, 0],
    ['another role replaces the old one', [ask('1', 'mentor')], [['1', enrolled('mentee')]], [], { changed: ['1'] }, 0],
    ['the same role given twice is one request', [ask('1', 'mentor'), ask('1', 'mentor', 'people.csv:4')], [], [], { enrolled: ['1'] }, 0],
    ['a withdrawn person comes back', [ask('1', 'mentee')], [['1', enrolled('mentee', '2026-03-01')]], [], { rejoined: ['1'] }, 0],
    ['a withdrawn person comes back with another role', [ask('1', 'either')], [['1', enrolled('mentee', '2026-03-01')]], [], { rejoined: ['1'] }, 0],
    ['the same role while in a relationship is fine', [ask('1', 'mentor')], [['1', enrolled('mentor')]], [['1', ['#4 (mentor)']]], { unchanged: ['1'] }, 0],
    ['another role while in a relationship is refused', [ask('1', 'mentee')], [['1', enrolled('mentor')]], [['1', ['#4 (mentor)']]], {}, 1],
    ['two roles for one person are refused', [ask('1', 'mentee'), ask('1', 'mentor')], [], [], {}, 1],
    ['a refusal does not hide the others', [ask('1', 'mentee'), ask('1', 'mentor'), ask('2', 'mentor')], [], [], { enrolled: ['2'] }, 1],
  ])('%s', (_case, requests, current, held, outcome, problems) => {
    const plan = planEnrolment(1, requests, new Map(current), new Map(held));
    const ids = (list: Array<{ staffId: string }>) => list.map((p) => p.staffId);
    expect({ enrolled: ids(plan.enrolled), changed: ids(plan.changed), rejoined: ids(plan.rejoined), unchanged: ids(plan.unchanged) }).toEqual({
      enrolled: [],
      changed: [],
      rejoined: [],
      unchanged: [],
      ...outcome,
    });
    expect(plan.problems).toHaveLength(problems);
  });

  it('names the relationship that holds a role, and where each of two roles was asked', () => {
    const held = planEnrolment(1, [ask('1', 'mentee')], new Map([['1', enrolled('mentor')]]), new Map([['1', ['#4 (mentor)']]]));
    expect(held.problems[0]).toBe('Person 1 (1) is enrolled in cohort 1 as a mentor and is in running relationship #4 (mentor), so cannot become a mentee.');
    const twice = planEnrolment(1, [ask('1', 'mentee', '--mentee "Person 1"'), ask('1', 'mentor', 'people.csv:4')], new Map(), new Map());
    expect(twice.problems[0]).toBe('Person 1 (1) is given 2 roles: mentee (--mentee "Person 1"), mentor (people.csv:4); give one.');
  });

  it('says what role a changed or returning person had', () => {
    const plan = planEnrolment(
      1,
      [ask('1', 'mentor'), ask('2', 'either')],
      new Map([
        ['1', enrolled('mentee')],
        ['2', enrolled('mentee', '2026-03-01')],
      ]),
      new Map(),
    );
    expect(plan.changed).toEqual([{ staffId: '1', name: 'Person 1', role: 'mentor', from: 'mentee' }]);
    expect(plan.rejoined).toEqual([{ staffId: '2', name: 'Person 2', role: 'either', from: 'mentee', withdrawnOn: '2026-03-01' }]);
  });
});
