import { describe, expect, it } from 'vitest';
import { ROSTER_HEADERS, type RosterField } from '../../src/domain/rosterColumns.js';
import { parseRosterRecord, type RowResult } from '../../src/domain/rosterRows.js';
import { mapColumns } from '../../src/io/columns.js';

/** A full roster row, column A to O, as an ESR-style export heads it. */
const GOOD: Record<string, string> = {
  'Employee Number': 'E1001', // A
  'Full Name': 'Ada Okafor', // B
  'Pay Band': 'Band 6', // C
  'Email Address': 'ada.okafor@nhs.net', // D
  'Ethnic Origin': 'N Black or Black British - African', // E
  BME: '', // F
  'Board Member': 'no', // G
  Function: 'front line', // H
  'Line Manager Employee Number': 'E2002', // I
  'RACE Trained': '2024-03-14', // J
  Capacity: '2', // K
  Role: 'mentor', // L
  Directorate: 'Emergency Medicine', // M
  'Job Role': 'Staff Nurse', // N
  'Staff Group': 'Nursing and Midwifery Registered', // O
};

/** Parses one record (line 7 unless told) of a file with these columns and values. */
function parse(values: Record<string, string>, line = 7): RowResult {
  const headers = Object.keys(values);
  return parseRosterRecord(
    headers.map((header) => values[header]),
    line,
    mapColumns(headers, ROSTER_HEADERS),
  );
}

const withCell = (header: string, value: string): Record<string, string> => ({ ...GOOD, [header]: value });

describe('parseRosterRecord: a good row', () => {
  it('gives every fact the file states', () => {
    const result = parse(GOOD);
    expect(result.problems).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.row).toEqual({
      line: 7,
      staffId: 'E1001',
      role: 'mentor',
      facts: {
        name: 'Ada Okafor',
        band: '6',
        email: 'ada.okafor@nhs.net',
        ethnicity: 'N',
        bmeOverride: null,
        boardMember: false,
        functionsStated: ['front line'],
        lineManagerId: 'E2002',
        raceTrained: true,
        raceTrainedOn: '2024-03-14',
        capacity: 2,
        department: 'Emergency Medicine',
        jobTitle: 'Staff Nurse',
        staffGroup: 'Nursing and Midwifery Registered',
      },
      blank: ['bmeOverride'],
    });
  });

  it('trims the spaces around cells', () => {
    const result = parse({ 'Employee Number': '  E1001 ', 'Full Name': ' Ada Okafor  ', Directorate: '   ' });
    expect(result.row).toMatchObject({ staffId: 'E1001', facts: { name: 'Ada Okafor', department: null } });
  });
});

describe('parseRosterRecord: refusals', () => {
  it.each<[string, string, string, string, RegExp]>([
    ['missing staff id', 'Employee Number', '  ', 'column A (Employee Number)', /staff id is missing/],
    ['unknown band', 'Pay Band', 'Band 10', 'column C (Pay Band)', /not a pay band/],
    ['a band letter', 'Pay Band', 'Band X', 'column C (Pay Band)', /not a pay band/],
    ['bare band 8 (always 8a to 8d)', 'Pay Band', '8', 'column C (Pay Band)', /not a pay band/],
    ['bad email', 'Email Address', 'ada.okafor', 'column D (Email Address)', /not an email address/],
    ['email with a space', 'Email Address', 'ada okafor@nhs.net', 'column D (Email Address)', /not an email address/],
    ['bad bme yes/no', 'BME', 'maybe', 'column F (BME)', /yes or no/],
    ['bad board yes/no', 'Board Member', 'sometimes', 'column G (Board Member)', /yes or no/],
    ['unknown function', 'Function', 'clinical; operational', 'column H (Function)', /"operational" is not a function/],
    ['own line manager', 'Line Manager Employee Number', 'E1001', 'column I (Line Manager Employee Number)', /own line manager/],
    ['impossible training date', 'RACE Trained', '2024-02-30', 'column J (RACE Trained)', /not a real date: .*no day 30/],
    ['US training date', 'RACE Trained', '03/25/2024', 'column J (RACE Trained)', /not a real date: .*US month-first/],
    ['training neither yes/no nor a date', 'RACE Trained', 'soon', 'column J (RACE Trained)', /expected yes, no, or/],
    ['fractional capacity', 'Capacity', '1.5', 'column K (Capacity)', /whole number/],
    ['negative capacity', 'Capacity', '-1', 'column K (Capacity)', /whole number/],
    ['capacity in words', 'Capacity', 'abc', 'column K (Capacity)', /whole number/],
    ['unknown role', 'Role', 'observer', 'column L (Role)', /mentor, mentee or either/],
  ])('%s', (_case, header, value, column, message) => {
    const result = parse(withCell(header, value), 12);
    expect(result.row).toBeNull();
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatchObject({ line: 12, column, value });
    expect(result.problems[0].message).toMatch(message);
  });

  it('reports every bad cell of a row, not just the first', () => {
    const result = parse({ ...GOOD, 'Pay Band': 'Band 10', Capacity: 'abc', Role: 'observer' });
    expect(result.problems.map((problem) => problem.column)).toEqual(['column C (Pay Band)', 'column K (Capacity)', 'column L (Role)']);
  });

  it.each([
    ['Directorate', 'column M (Directorate)'],
    ['Full Name', 'column B (Full Name)'],
  ])('refuses an over-long field in %s, quoting only its start', (header, column) => {
    const result = parse(withCell(header, 'x'.repeat(1001)), 3);
    expect(result.row).toBeNull();
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatchObject({ line: 3, column, value: `${'x'.repeat(20)}...` });
    expect(result.problems[0].message).toMatch(/1001 characters/);
  });

  it('accepts a field of exactly 1000 characters', () => {
    const result = parse(withCell('Directorate', 'x'.repeat(1000)));
    expect(result.problems).toEqual([]);
    expect(result.row?.facts.department).toHaveLength(1000);
  });
});

describe('parseRosterRecord: cells', () => {
  it.each<[string, boolean, string | null]>([
    ['yes', true, null],
    ['Y', true, null],
    ['no', false, null],
    ['2024-03-14', true, '2024-03-14'],
    ['14/03/2024', true, '2024-03-14'],
    ['29/02/2024', true, '2024-02-29'],
  ])('RACE trained %j -> trained %j on %j', (value, trained, on) => {
    const result = parse(withCell('RACE Trained', value));
    expect(result.problems).toEqual([]);
    expect(result.row?.facts).toMatchObject({ raceTrained: trained, raceTrainedOn: on });
  });

  it('a blank RACE cell states nothing, so training recorded earlier stays', () => {
    const result = parse(withCell('RACE Trained', ' '));
    expect(result.problems).toEqual([]);
    expect(result.row?.facts).not.toHaveProperty('raceTrained');
    expect(result.row?.facts).not.toHaveProperty('raceTrainedOn');
  });

  it.each<[string, 'mentor' | 'mentee' | 'either' | null]>([
    ['mentor', 'mentor'],
    ['Mentor', 'mentor'],
    ['MENTEE', 'mentee'],
    ['either', 'either'],
    ['both', 'either'],
    ['Both', 'either'],
    ['', null],
  ])('role %j is %j', (value, role) => {
    expect(parse(withCell('Role', value)).row?.role).toBe(role);
  });

  it('has no role at all without a role column', () => {
    const { Role: _role, ...noRole } = GOOD;
    const result = parse(noRole);
    expect(result.row).not.toBeNull();
    expect(result.row?.role).toBeUndefined();
  });

  it.each([
    ['', 1],
    ['0', 0],
    ['1', 1],
    ['3', 3],
  ])('capacity %j is %i', (value, capacity) => {
    expect(parse(withCell('Capacity', value)).row?.facts.capacity).toBe(capacity);
  });

  it.each<[string, boolean | null]>([
    ['yes', true],
    ['N', false],
    ['', null],
  ])('bme %j overrides with %j', (value, override) => {
    expect(parse(withCell('BME', value)).row?.facts.bmeOverride).toBe(override);
  });

  it.each<[string, boolean]>([
    ['Yes', true],
    ['1', true],
    ['no', false],
    ['', false],
  ])('board member %j is %j', (value, board) => {
    expect(parse(withCell('Board Member', value)).row?.facts.boardMember).toBe(board);
  });

  it.each<[string, string[] | null]>([
    ['', null],
    ['Clinical, Front-Line', ['clinical', 'front line']],
  ])('function %j is stated as %j', (value, functions) => {
    expect(parse(withCell('Function', value)).row?.facts.functionsStated).toEqual(functions);
  });

  it.each<[string, string | null]>([
    ['AfC Band 8a', '8a'],
    ['Consultant', 'Consultant'],
    ['', null],
  ])('band %j is stored as %j', (value, band) => {
    expect(parse(withCell('Pay Band', value)).row?.facts.band).toBe(band);
  });

  // ESR values that are not a pay band or grade: unknown seniority, a warning, imported.
  it.each(['Non AfC', 'Chair', 'Apprentice', 'N/A', 'Medical Student', 'Manager'])('band %j is stored as unknown, with a warning', (value) => {
    const result = parse(withCell('Pay Band', value), 7);
    expect(result.problems).toEqual([]);
    expect(result.row).toMatchObject({ facts: { band: null }, bandUnknown: true });
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatchObject({ line: 7, column: 'column C (Pay Band)', value });
    expect(result.warnings[0].message).toMatch(/seniority is unknown and they are not paired until it is set \(remedi staff edit STAFF_ID --band/);
  });

  it.each<[string, string | null]>([
    ['', null],
    ['E2002', 'E2002'],
  ])('line manager %j is %j', (value, manager) => {
    expect(parse(withCell('Line Manager Employee Number', value)).row?.facts.lineManagerId).toBe(manager);
  });

  it.each([['Martian'], ['Q']])('an unrecognised ethnicity %j is a warning, not a refusal', (value) => {
    const result = parse(withCell('Ethnic Origin', value), 9);
    expect(result.problems).toEqual([]);
    expect(result.row?.facts.ethnicity).toBeNull();
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatchObject({ line: 9, column: 'column E (Ethnic Origin)', value });
    expect(result.warnings[0].message).toMatch(/unknown/);
  });

  it.each([
    ['', null],
    ['C3', 'C3'],
    ['Indian', 'H'],
  ])('ethnicity %j is stored as %j without a warning', (value, code) => {
    const result = parse(withCell('Ethnic Origin', value));
    expect(result.warnings).toEqual([]);
    expect(result.row?.facts.ethnicity).toBe(code);
  });
});

describe('parseRosterRecord: names', () => {
  it.each<[string, Record<string, string>, string | undefined]>([
    ['first and last name combine', { 'Employee Number': 'E1', Forename: 'Ada', Surname: 'Okafor' }, 'Ada Okafor'],
    ['last name alone', { 'Employee Number': 'E1', 'First Name': '', 'Last Name': 'Okafor' }, 'Okafor'],
    ['first name alone', { 'Employee Number': 'E1', 'First Name': 'Ada' }, 'Ada'],
    ['both blank: no name stated', { 'Employee Number': 'E1', 'First Name': ' ', 'Last Name': '' }, undefined],
    ['a full name column wins', { 'Employee Number': 'E1', Name: 'Ada B. Okafor', 'First Name': 'Ada', 'Last Name': 'Okafor' }, 'Ada B. Okafor'],
    ['a blank full name states none', { 'Employee Number': 'E1', Name: '' }, undefined],
  ])('%s', (_case, values, name) => {
    const result = parse(values);
    expect(result.problems).toEqual([]);
    expect(result.row?.facts.name).toBe(name);
    expect('name' in result.row!.facts).toBe(name !== undefined);
  });
});

describe('parseRosterRecord: only the columns present are stated', () => {
  it.each<[string, Record<string, string>, string[]]>([
    ['id and band', { 'Employee Number': 'E1', 'Pay Band': '7' }, ['band']],
    ['id and RACE training', { 'Employee Number': 'E1', 'RACE Trained': 'yes' }, ['raceTrained', 'raceTrainedOn']],
    ['id, name and capacity', { 'Employee Number': 'E1', 'Full Name': 'Ada', Capacity: '' }, ['name', 'capacity']],
    ['id and ethnicity', { 'Employee Number': 'E1', 'Ethnic Origin': 'M' }, ['ethnicity']],
    ['id alone', { 'Employee Number': 'E1' }, []],
  ])('%s', (_case, values, keys) => {
    const result = parse(values);
    expect(result.problems).toEqual([]);
    expect(Object.keys(result.row!.facts).sort()).toEqual([...keys].sort());
  });
});

describe('parseRosterRecord: which cells were blank', () => {
  // Blank cells that still give a value (board member no, capacity 1, functions derived)
  // are listed too: a value set by hand is kept over them.
  it.each<[string, Record<string, string>, string[]]>([
    ['a full row with a blank BME cell', GOOD, ['bmeOverride']],
    ['a blank board member cell, though it reads as no', withCell('Board Member', ' '), ['bmeOverride', 'boardMember']],
    ['a blank capacity cell, though it reads as 1', withCell('Capacity', ''), ['bmeOverride', 'capacity']],
    ['a blank function cell, though functions are derived', withCell('Function', ''), ['bmeOverride', 'functionsStated']],
    ['a blank RACE cell stands for both of its facts', withCell('RACE Trained', ''), ['bmeOverride', 'raceTrained', 'raceTrainedOn']],
    ['a blank name', withCell('Full Name', ''), ['name', 'bmeOverride']],
    ['first and last name both blank', { 'Employee Number': 'E1', 'First Name': '', 'Last Name': ' ' }, ['name']],
    ['one of first and last name given', { 'Employee Number': 'E1', 'First Name': '', 'Last Name': 'Okafor' }, []],
    ['columns the file does not have are not blank', { 'Employee Number': 'E1', 'Pay Band': '7' }, []],
  ])('%s', (_case, values, blank) => {
    const result = parse(values);
    expect(result.problems).toEqual([]);
    expect([...result.row!.blank].sort()).toEqual([...blank].sort());
  });
});

describe('parseRosterRecord: who has left and when (the active and left_on columns of an export)', () => {
  const base = { staff_id: 'E1', name: 'Ada Okafor', band: '6' };
  it.each<[string, Record<string, string>, { active?: boolean; leftOn?: string | null } | string]>([
    ['no such columns: nothing said', base, {}],
    ['active yes: here', { ...base, active: 'yes' }, { active: true }],
    ['active blank: nothing said', { ...base, active: '' }, {}],
    ['active no, no day: a leaver, day unknown', { ...base, active: 'no' }, { active: false, leftOn: null }],
    ['active no with the day', { ...base, active: 'no', left_on: '2026-02-28' }, { active: false, leftOn: '2026-02-28' }],
    ['a UK date', { ...base, active: 'no', left_on: '28/02/2026' }, { active: false, leftOn: '2026-02-28' }],
    ['a left_on day alone says they left', { ...base, 'Date Left': '2026-02-28' }, { active: false, leftOn: '2026-02-28' }],
    ['active yes and left_on blank: here', { ...base, active: 'yes', left_on: '' }, { active: true }],
    [
      'active yes with a day: refused',
      { ...base, active: 'yes', left_on: '2026-02-28' },
      'the active column says yes, so this person has not left; leave left_on blank, or write no under active',
    ],
    ['not yes or no: refused', { ...base, active: 'gone' }, 'expected yes or no (also y/n, true/false, 1/0)'],
    ['not a date: refused', { ...base, active: 'no', left_on: 'last week' }, 'not a date; expected a date as YYYY-MM-DD or DD/MM/YYYY (the day they left)'],
    [
      'not a real date: refused',
      { ...base, active: 'no', left_on: '2026-02-30' },
      'Feb 2026 has no day 30; expected a date as YYYY-MM-DD or DD/MM/YYYY (the day they left)',
    ],
    [
      'a leaver with a role: refused',
      { ...base, role: 'mentor', active: 'no' },
      'this person has left (active no), so they cannot be enrolled; leave their role blank',
    ],
  ])('%s', (_name, values, expected) => {
    const result = parse(values, 2);
    if (typeof expected === 'string') {
      expect(result.row).toBeNull();
      expect(result.problems.map((p) => p.message)).toEqual([expected]);
      return;
    }
    expect(result.problems).toEqual([]);
    const { active, leftOn } = result.row!;
    expect({ ...(active === undefined ? {} : { active }), ...(leftOn === undefined ? {} : { leftOn }) }).toEqual(expected);
  });
});

describe('parseRosterRecord: the date forms HR files hold', () => {
  it.each<[string, string]>([
    ['05-JAN-2026', '2026-01-05'],
    ['05/01/26', '2026-01-05'],
    ['05/01/2026 00:00', '2026-01-05'],
    ['2026-01-05T00:00:00', '2026-01-05'],
    ['46027', '2026-01-05'],
  ])('RACE trained %j is %s', (value, iso) => {
    const result = parse(withCell('RACE Trained', value));
    expect(result.problems).toEqual([]);
    expect(result.row?.facts).toMatchObject({ raceTrained: true, raceTrainedOn: iso });
  });

  it('warns about Excel day numbers once per column, however many rows hold them', () => {
    const warned = new Set<RosterField>();
    const headers = Object.keys(GOOD);
    const mapping = mapColumns(headers, ROSTER_HEADERS);
    const rows = [7, 8, 9].map((line) =>
      parseRosterRecord(
        headers.map((h) => (h === 'RACE Trained' ? '45000' : GOOD[h])),
        line,
        mapping,
        warned,
      ),
    );
    const serialWarnings = rows.flatMap((r) => r.warnings).filter((w) => /Excel day numbers/.test(w.message));
    expect(serialWarnings).toEqual([expect.objectContaining({ line: 7, column: 'column J (RACE Trained)', value: '45000' })]);
    expect(rows.map((r) => r.row?.facts.raceTrainedOn)).toEqual(['2023-03-15', '2023-03-15', '2023-03-15']);
  });
});
