import { describe, expect, it } from 'vitest';
import {
  enrolmentOutcome,
  missingPeopleDecision,
  tooManyLeft,
  type ChangedField,
  type HandSetReplacement,
  type PlanOptions,
} from '../../src/domain/rosterPlan.js';
import type { RosterRow } from '../../src/domain/rosterRows.js';
import { DEFAULT_FACTS, type ProgrammeRole, type StaffFacts, type StaffRecord } from '../../src/domain/staff.js';
import { planRosterImport } from '../helpers/rosterPlan.js';

const COLUMNS: Record<string, string> = {
  staff_id: 'column A (Employee Number)',
  name: 'column B (Full Name)',
  band: 'column C (Pay Band)',
  line_manager_id: 'column D (Line Manager)',
};
const options = (missingLeft = false): PlanOptions => ({ missingLeft, columnOf: (field) => COLUMNS[field] ?? null });

const known = (staffId: string, facts: Partial<Omit<StaffRecord, 'staffId' | 'active'>> = {}, active = true): StaffRecord => ({
  staffId,
  name: `Person ${staffId}`,
  ...DEFAULT_FACTS,
  band: '6',
  ...facts,
  active,
});
const db = (...people: StaffRecord[]): Map<string, StaffRecord> => new Map(people.map((p) => [p.staffId, p]));
const row = (line: number, staffId: string, facts: Partial<StaffFacts> = {}, role?: ProgrammeRole | null, blank: Array<keyof StaffFacts> = []): RosterRow => ({
  line,
  staffId,
  facts,
  role,
  blank,
});

describe('planRosterImport: added, updated, unchanged', () => {
  it.each<[string, StaffRecord[], RosterRow[], { added: string[]; updated: Array<[string, ChangedField[]]>; unchanged: number }]>([
    [
      'an empty database: everyone is added',
      [],
      [row(2, 'E1', { name: 'Ada', band: '6' }), row(3, 'E2', { name: 'Ben', band: '8c' })],
      { added: ['E1', 'E2'], updated: [], unchanged: 0 },
    ],
    ['the same facts again: unchanged', [known('E1')], [row(2, 'E1', { name: 'Person E1', band: '6' })], { added: [], updated: [], unchanged: 1 }],
    ['a new band: updated', [known('E1')], [row(2, 'E1', { band: '7' })], { added: [], updated: [['E1', ['band']]], unchanged: 0 }],
    [
      'several fields changed, listed',
      [known('E1', { department: 'ED' })],
      [row(2, 'E1', { band: '7', department: 'Theatres', functionsStated: ['clinical'] })],
      { added: [], updated: [['E1', ['band', 'department', 'functionsStated']]], unchanged: 0 },
    ],
    [
      'the same stated functions: unchanged',
      [known('E1', { functionsStated: ['clinical', 'front line'] })],
      [row(2, 'E1', { functionsStated: ['clinical', 'front line'] })],
      { added: [], updated: [], unchanged: 1 },
    ],
    [
      'a mix',
      [known('E1'), known('E2'), known('E3')],
      [row(2, 'E1', { band: '6' }), row(3, 'E2', { capacity: 3 }), row(4, 'E9', { name: 'Nia', band: '4' })],
      { added: ['E9'], updated: [['E2', ['capacity']]], unchanged: 1 },
    ],
  ])('%s', (_case, existing, rows, expected) => {
    const plan = planRosterImport(db(...existing), rows, options());
    expect(plan.problems).toEqual([]);
    expect(plan.added.map((p) => p.staffId)).toEqual(expected.added);
    expect(plan.updated.map((u) => [u.after.staffId, [...u.changed].sort()])).toEqual(expected.updated.map(([id, changed]) => [id, [...changed].sort()]));
    expect(plan.unchanged).toBe(expected.unchanged);
  });

  it('a new person gets the defaults for what the file does not say', () => {
    const plan = planRosterImport(db(), [row(2, 'E1', { name: 'Ada', band: '5' })], options());
    expect(plan.added).toEqual([{ ...DEFAULT_FACTS, staffId: 'E1', name: 'Ada', band: '5', active: true }]);
  });

  it('columns absent from the file leave what we knew alone', () => {
    const before = known('E1', { email: 'e1@nhs.net', department: 'ED', ethnicity: 'M', raceTrained: true, raceTrainedOn: '2024-01-10', capacity: 2 });
    const plan = planRosterImport(db(before), [row(2, 'E1', { band: '7' })], options());
    expect(plan.updated).toHaveLength(1);
    expect(plan.updated[0].after).toEqual({ ...before, band: '7' });
  });
});

describe('planRosterImport: refusals', () => {
  it('refuses a staff id that appears twice, naming the earlier line', () => {
    const plan = planRosterImport(
      db(),
      [row(2, 'E1', { name: 'Ada', band: '6' }), row(3, 'E2', { name: 'Ben', band: '6' }), row(5, 'E1', { name: 'Ada', band: '6' })],
      options(),
    );
    expect(plan.problems).toHaveLength(1);
    expect(plan.problems[0]).toMatchObject({ line: 5, column: 'column A (Employee Number)', value: 'E1' });
    expect(plan.problems[0].message).toMatch(/already on line 2/);
  });

  it.each<[string, StaffRecord[], RosterRow, string, RegExp]>([
    ['a new person with no name', [], row(4, 'E1', { band: '6' }), 'column B (Full Name)', /E1 is new, so they need a name/],
  ])('%s', (_case, existing, bad, column, message) => {
    const plan = planRosterImport(db(...existing), [row(2, 'E7', { name: 'Ok', band: '5' }), bad], options());
    expect(plan.problems).toHaveLength(1);
    expect(plan.problems[0]).toMatchObject({ line: 4, column });
    expect(plan.problems[0].message).toMatch(message);
    expect(plan.added.map((p) => p.staffId)).toEqual(['E7']);
  });

  // No band is unknown seniority: imported with a warning, never paired until it is set.
  it.each<[string, StaffRecord[], RosterRow]>([
    ['a new person with no band', [], row(4, 'E1', { name: 'Ada' })],
    ['a known person whose band is blanked', [known('E1')], row(4, 'E1', { band: null })],
    ['someone no longer on the board, with no band', [known('E1', { band: null, boardMember: true })], row(4, 'E1', { boardMember: false })],
  ])('imports %s, with a warning saying how to set it', (_case, existing, bare) => {
    const plan = planRosterImport(db(...existing), [row(2, 'E7', { name: 'Ok', band: '5' }), bare], options());
    expect(plan.problems).toEqual([]);
    expect(plan.warnings).toHaveLength(1);
    expect(plan.warnings[0]).toMatchObject({ line: 4, column: 'column C (Pay Band)' });
    expect(plan.warnings[0].message).toMatch(/band is missing, so their seniority is unknown .*remedi staff edit STAFF_ID --band/);
    expect(plan.added.length + plan.updated.length).toBe(2);
  });

  it('a band cell that is not a band warns once, from the row, not again from the plan', () => {
    const plan = planRosterImport(db(), [{ ...row(4, 'E1', { name: 'Ada', band: null }), bandUnknown: true }], options());
    expect(plan.warnings).toEqual([]);
    expect(plan.added).toHaveLength(1);
  });

  it.each<[string, StaffRecord[], RosterRow]>([
    ['a new board member without a band', [], row(2, 'E1', { name: 'Chief Exec', boardMember: true })],
    ['a known person named before, in a file without names', [known('E1')], row(2, 'E1', { band: '8a' })],
  ])('accepts %s', (_case, existing, ok) => {
    const plan = planRosterImport(db(...existing), [ok], options());
    expect(plan.problems).toEqual([]);
    expect(plan.added.length + plan.updated.length).toBe(1);
  });
});

describe('planRosterImport: line managers', () => {
  it.each<[string, StaffRecord[], RosterRow[], string[]]>([
    ['a manager nobody knows is a warning', [], [row(2, 'E1', { name: 'Ada', band: '5', lineManagerId: 'M9' })], ['M9']],
    [
      'a manager later in the same file is fine',
      [],
      [row(2, 'E1', { name: 'Ada', band: '5', lineManagerId: 'M1' }), row(3, 'M1', { name: 'Mo', band: '7' })],
      [],
    ],
    [
      'a manager earlier in the same file is fine',
      [],
      [row(2, 'M1', { name: 'Mo', band: '7' }), row(3, 'E1', { name: 'Ada', band: '5', lineManagerId: 'M1' })],
      [],
    ],
    ['a manager already in the database is fine', [known('M1', { band: '8a' })], [row(2, 'E1', { name: 'Ada', band: '5', lineManagerId: 'M1' })], []],
    ['no manager is fine', [], [row(2, 'E1', { name: 'Ada', band: '5', lineManagerId: null })], []],
  ])('%s', (_case, existing, rows, warned) => {
    const plan = planRosterImport(db(...existing), rows, options());
    expect(plan.problems).toEqual([]);
    expect(plan.warnings.map((w) => w.value)).toEqual(warned);
    for (const warning of plan.warnings) {
      expect(warning).toMatchObject({ line: 2, column: 'column D (Line Manager)' });
      expect(warning.message).toMatch(/not in this file or the database/);
    }
    expect(plan.added).toHaveLength(rows.length);
  });
});

describe('planRosterImport: people not in the file', () => {
  const existing = [known('E1'), known('E2'), known('E3'), known('L1', {}, false)];
  const rows = [row(2, 'E1', { band: '6' })];

  it.each([
    [false, ['E2', 'E3'], []],
    [true, ['E2', 'E3'], ['E2', 'E3']],
  ])('with missingLeft %j, not in file %j, marked left %j', (missingLeft, notInFile, markedLeft) => {
    const plan = planRosterImport(db(...existing), rows, options(missingLeft));
    expect(plan.notInFile.map((p) => p.staffId)).toEqual(notInFile);
    expect(plan.markedLeft.map((p) => p.staffId)).toEqual(markedLeft);
    for (const person of plan.markedLeft) expect(person.active).toBe(false);
    for (const person of plan.notInFile) expect(person.active).toBe(true);
  });

  it.each<[string, RosterRow, ChangedField[]]>([
    ['unchanged otherwise', row(2, 'L1', { band: '6' }), ['active']],
    ['with a new band', row(2, 'L1', { band: '7' }), ['band', 'active']],
  ])('a leaver who reappears is active again (%s)', (_case, back, changed) => {
    const plan = planRosterImport(db(known('L1', {}, false)), [back], options(true));
    expect(plan.unchanged).toBe(0);
    expect(plan.updated).toHaveLength(1);
    expect(plan.updated[0].after.active).toBe(true);
    expect([...plan.updated[0].changed].sort()).toEqual([...changed].sort());
    expect(plan.notInFile).toEqual([]);
    expect(plan.markedLeft).toEqual([]);
  });
});

describe('planRosterImport: enrolments', () => {
  it('enrols the people whose role cell says so', () => {
    const plan = planRosterImport(
      db(known('E3')),
      [
        row(2, 'E1', { name: 'Ada', band: '5' }, 'mentor'),
        row(3, 'E2', { name: 'Ben', band: '8d' }, 'mentee'),
        row(4, 'E3', {}, 'either'),
        row(5, 'E4', { name: 'Cy', band: '4' }, null),
        row(6, 'E5', { name: 'Di', band: '4' }, undefined),
        row(7, 'E6', { name: 'Ed' }, 'mentor'), // no band: enrolled, but not paired until it is set
        row(8, 'E7', {}, 'mentor'), // refused: new, with no name
      ],
      options(),
    );
    expect(plan.enrolments).toEqual([
      { staffId: 'E1', role: 'mentor' },
      { staffId: 'E2', role: 'mentee' },
      { staffId: 'E3', role: 'either' },
      { staffId: 'E6', role: 'mentor' },
    ]);
  });
});

describe('planRosterImport: values set by hand', () => {
  // Jade was marked front line, trained and given two mentees by hand (remedi staff edit).
  const jade = known('E1', {
    functionsStated: ['front line'],
    capacity: 2,
    boardMember: false,
    email: 'jade@nhs.net',
    handSet: ['functionsStated', 'capacity'],
  });
  type Expected = { after: Partial<StaffRecord>; handSet: Array<keyof StaffFacts> | undefined; replaced: HandSetReplacement[]; changed: ChangedField[] };

  it.each<[string, RosterRow, Expected]>([
    [
      'kept when the file has no column for them',
      row(2, 'E1', { band: '7' }),
      { after: { functionsStated: ['front line'], capacity: 2, band: '7' }, handSet: ['functionsStated', 'capacity'], replaced: [], changed: ['band'] },
    ],
    [
      'kept over blank cells, though a blank reads as derived functions and capacity 1',
      row(2, 'E1', { band: '7', functionsStated: null, capacity: 1 }, undefined, ['functionsStated', 'capacity']),
      { after: { functionsStated: ['front line'], capacity: 2 }, handSet: ['functionsStated', 'capacity'], replaced: [], changed: ['band'] },
    ],
    [
      'replaced by a non-blank cell, reported, and no longer set by hand',
      row(2, 'E1', { functionsStated: ['clinical'], capacity: 1 }, undefined, ['capacity']),
      {
        after: { functionsStated: ['clinical'], capacity: 2 },
        handSet: ['capacity'],
        replaced: [{ field: 'functionsStated', before: ['front line'], after: ['clinical'] }],
        changed: ['functionsStated'],
      },
    ],
    [
      'both replaced',
      row(2, 'E1', { functionsStated: ['clinical'], capacity: 3 }),
      {
        after: { functionsStated: ['clinical'], capacity: 3 },
        handSet: undefined,
        replaced: [
          { field: 'functionsStated', before: ['front line'], after: ['clinical'] },
          { field: 'capacity', before: 2, after: 3 },
        ],
        changed: ['functionsStated', 'capacity'],
      },
    ],
    [
      'a blank cell for a value not set by hand still clears it',
      row(2, 'E1', { email: null }, undefined, ['email']),
      { after: { email: null, capacity: 2 }, handSet: ['functionsStated', 'capacity'], replaced: [], changed: ['email'] },
    ],
  ])('%s', (_case, incoming, expected) => {
    const plan = planRosterImport(db(jade), [incoming], options());
    expect(plan.problems).toEqual([]);
    expect(plan.updated).toHaveLength(1);
    const [update] = plan.updated;
    expect(update.after).toMatchObject(expected.after);
    expect(update.after.handSet).toEqual(expected.handSet);
    expect(update.handSetReplaced).toEqual(expected.replaced);
    expect([...update.changed].sort()).toEqual([...expected.changed].sort());
  });

  it('a cell that confirms a hand-set value changes nothing but is no longer set by hand', () => {
    const plan = planRosterImport(db(jade), [row(2, 'E1', { capacity: 2 })], options());
    expect(plan.unchanged).toBe(1);
    expect(plan.updated).toEqual([]);
  });
});

describe('tooManyLeft: a file that would mark more than a fifth of the active people as left', () => {
  it.each<[number, number, boolean]>([
    [0, 0, false],
    [0, 90, false],
    [18, 90, false], // exactly a fifth
    [19, 90, true],
    [85, 90, true],
    [1, 4, true], // a quarter
    [1, 5, false],
    [2, 5, true],
    [200_000, 1_000_000, false],
    [200_001, 1_000_000, true],
  ])('%i of %i active -> refused %j', (left, active, refused) => {
    expect(tooManyLeft(left, active)).toBe(refused);
  });
});

describe('mergeRow and the planner: a row that says the person has left', () => {
  const leaving = (line: number, staffId: string, facts: Partial<StaffFacts>, active: boolean | undefined, leftOn?: string | null): RosterRow => ({
    ...row(line, staffId, facts),
    ...(active === undefined ? {} : { active }),
    ...(leftOn === undefined ? {} : { leftOn }),
  });
  const leaver = (staffId: string, leftOn?: string): StaffRecord => ({ ...known(staffId, {}, false), ...(leftOn ? { leftOn } : {}) });

  it.each<[string, StaffRecord[], RosterRow, { active: boolean; leftOn?: string }, ChangedField[] | 'added' | 'unchanged']>([
    [
      'a new person who has left, with the day',
      [],
      leaving(2, 'E1', { name: 'Ada', band: '6' }, false, '2026-01-31'),
      { active: false, leftOn: '2026-01-31' },
      'added',
    ],
    [
      'a new leaver with no band (an erased person in an export): no band needed',
      [],
      leaving(2, 'E1', { name: 'Forgotten person', band: null }, false, '2026-01-31'),
      { active: false, leftOn: '2026-01-31' },
      'added',
    ],
    ['a new person who has left, day unknown (today, when written)', [], leaving(2, 'E1', { name: 'Ada', band: '6' }, false, null), { active: false }, 'added'],
    [
      'someone here now leaves, on the day given',
      [known('E1')],
      leaving(2, 'E1', {}, false, '2026-01-31'),
      { active: false, leftOn: '2026-01-31' },
      ['active', 'leftOn'],
    ],
    ['someone here now leaves, no day given', [known('E1')], leaving(2, 'E1', {}, false, null), { active: false }, ['active']],
    [
      'a leaver stays a leaver on the day known',
      [leaver('E1', '2026-01-31')],
      leaving(2, 'E1', {}, false, null),
      { active: false, leftOn: '2026-01-31' },
      'unchanged',
    ],
    [
      'the same day again: unchanged',
      [leaver('E1', '2026-01-31')],
      leaving(2, 'E1', {}, false, '2026-01-31'),
      { active: false, leftOn: '2026-01-31' },
      'unchanged',
    ],
    ['a corrected day', [leaver('E1', '2026-01-31')], leaving(2, 'E1', {}, false, '2026-01-15'), { active: false, leftOn: '2026-01-15' }, ['leftOn']],
    ['active yes brings a leaver back', [leaver('E1', '2026-01-31')], leaving(2, 'E1', {}, true), { active: true }, ['active']],
    ['a roster without the columns brings a leaver back, as always', [leaver('E1', '2026-01-31')], row(2, 'E1', {}), { active: true }, ['active']],
  ])('%s', (_case, existing, given, expected, changes) => {
    const plan = planRosterImport(db(...existing), [given], options());
    expect(plan.problems).toEqual([]);
    const after = changes === 'added' ? plan.added[0] : changes === 'unchanged' ? undefined : plan.updated[0]?.after;
    if (changes === 'unchanged') {
      expect(plan.unchanged).toBe(1);
      return;
    }
    expect(after!.active).toBe(expected.active);
    expect(after!.leftOn).toBe(expected.leftOn);
    if (changes !== 'added') expect([...plan.updated[0].changed].sort()).toEqual([...changes].sort());
  });
});

describe('missingPeopleDecision: what happens to the active people missing from the file', () => {
  it.each<[string, { missingLeft: boolean; yes: boolean }, number, number, 'keep' | 'mark' | 'refuse']>([
    ['without --missing-left nobody is marked, however many are missing', { missingLeft: false, yes: false }, 85, 90, 'keep'],
    ['a fifth or fewer are marked', { missingLeft: true, yes: false }, 18, 90, 'mark'],
    ['nobody missing: nothing to refuse', { missingLeft: true, yes: false }, 0, 0, 'mark'],
    ['over a fifth is refused', { missingLeft: true, yes: false }, 19, 90, 'refuse'],
    ['over a fifth with --yes is marked', { missingLeft: true, yes: true }, 85, 90, 'mark'],
    ['--yes alone changes nothing', { missingLeft: false, yes: true }, 85, 90, 'keep'],
  ])('%s', (_case, options, missing, active, expected) => {
    expect(missingPeopleDecision(options, missing, active)).toBe(expected);
  });
});

describe('enrolmentOutcome: what the role column did', () => {
  const roles = { mentor: 3, mentee: 5, either: 1 };
  it.each([
    ['with --cohort, everyone with a role is enrolled', true, { enrolled: 9, enrolledByRole: roles, rolesNotApplied: 0 }],
    ['without --cohort, the roles are counted as not applied', false, { enrolled: 0, enrolledByRole: { mentor: 0, mentee: 0, either: 0 }, rolesNotApplied: 9 }],
  ])('%s', (_case, withCohort, expected) => {
    expect(enrolmentOutcome(roles, withCohort)).toEqual(expected);
  });
});
