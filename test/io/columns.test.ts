import { describe, expect, it } from 'vitest';
import { ROSTER_HEADERS, type RosterField } from '../../src/domain/rosterColumns.js';
import { columnLabel, columnLetter, mapColumns, squashHeader, type IGNORE } from '../../src/io/columns.js';

/** The roster's headers (domain/rosterColumns.ts) as the file reader matches them. */
const mapRoster = (headers: string[], maps?: ReadonlyMap<string, ColumnTarget>) => mapColumns(headers, ROSTER_HEADERS, maps);
type ColumnTarget = RosterField | typeof IGNORE;

describe('mapColumns over the roster headers: header names', () => {
  it.each<[string, RosterField]>([
    ['staff_id', 'staff_id'],
    ['Employee Number', 'staff_id'],
    ['EMPLOYEE_NUMBER', 'staff_id'],
    ['employee-number', 'staff_id'],
    ['  Employee  Number ', 'staff_id'],
    ['Pay Band', 'band'],
    ['Band', 'band'],
    ['Ethnic Origin', 'ethnicity'],
    ['Line Manager Employee Number', 'line_manager_id'],
    ['Directorate', 'department'],
    ['Job Role', 'job_title'],
    ['Full Name', 'name'],
    ['Email Address', 'email'],
    ['E-mail', 'email'],
    ['Staff Group', 'staff_group'],
    ['First Name', 'first_name'],
    ['Surname', 'last_name'],
    ['Board Member', 'board_member'],
    ['RACE Trained', 'race_trained'],
    ['Programme Role', 'role'],
    ['BME', 'bme'],
    ['Function', 'function'],
    ['Capacity', 'capacity'],
  ])('%j is %s', (header, field) => {
    const mapping = mapRoster(['Something Else', header]);
    expect(mapping.fields[1]).toBe(field);
    expect(mapping.indexOf[field]).toBe(1);
    expect(mapping.problems).toEqual([]);
  });

  it('lists the headers it does not know, and ignores their columns', () => {
    const mapping = mapRoster(['Employee Number', 'Assignment Category', ' Cost Centre ', '', 'Pay Band']);
    expect(mapping.unknown).toEqual(['Assignment Category', 'Cost Centre']);
    expect(mapping.fields).toEqual(['staff_id', null, null, null, 'band']);
    // Every column is named in messages the same way, known or not.
    expect(mapping.labels).toEqual([
      'column A (Employee Number)',
      'column B (Assignment Category)',
      'column C (Cost Centre)',
      'column D',
      'column E (Pay Band)',
    ]);
  });
});

describe('mapColumns over the roster headers: two headers meaning one field', () => {
  it.each([
    [['Employee Number', 'Full Name', 'Staff ID'], 0, 2, 'column A (Employee Number)', 'column C (Staff ID)', 'staff_id'],
    [['Employee Number', 'Pay Band', 'Grade'], 1, 2, 'column B (Pay Band)', 'column C (Grade)', 'band'],
    [['Email', 'Name', 'Directorate', 'E-mail Address'], 0, 3, 'column A (Email)', 'column D (E-mail Address)', 'email'],
  ] as const)('%j is refused, naming both columns', (headers, kept, column, first, second, field) => {
    const mapping = mapRoster([...headers]);
    expect(mapping.problems).toHaveLength(1);
    const [problem] = mapping.problems;
    expect(problem.column).toBe(column);
    expect(problem.message).toContain(first);
    expect(problem.message).toContain(second);
    expect(problem.message).toContain(field);
    // the first column keeps the field; the second is left out
    expect(mapping.indexOf[field]).toBe(kept);
    expect(mapping.fields[column]).toBeNull();
  });
});

describe('mapColumns over the roster headers: --map', () => {
  it.each<[string, string[], Array<[string, ColumnTarget]>, Array<RosterField | null>, string[]]>([
    ['names an unknown header', ['Payroll Ref', 'Pay Band'], [['Payroll Ref', 'staff_id']], ['staff_id', 'band'], []],
    ['wins over a built-in name', ['Employee Number', 'Grade'], [['Grade', 'job_title']], ['staff_id', 'job_title'], []],
    ['ignores a column', ['Employee Number', 'Grade', 'Pay Band'], [['Grade', 'ignore']], ['staff_id', null, 'band'], []],
    ['ignores an unknown header without listing it', ['Employee Number', 'Cost Centre'], [['Cost Centre', 'ignore']], ['staff_id', null], []],
    ['matches headers spelled differently', ['Employee Number', 'ASSIGNMENT_GRADE'], [['Assignment Grade', 'band']], ['staff_id', 'band'], []],
  ])('%s', (_case, headers, maps, fields, unknown) => {
    const mapping = mapRoster(headers, new Map(maps.map(([header, target]) => [squashHeader(header), target])));
    expect(mapping.fields).toEqual(fields);
    expect(mapping.unknown).toEqual(unknown);
    expect(mapping.problems).toEqual([]);
  });
});

describe('columnLetter', () => {
  it.each([
    [0, 'A'],
    [1, 'B'],
    [25, 'Z'],
    [26, 'AA'],
    [27, 'AB'],
    [51, 'AZ'],
    [52, 'BA'],
    [701, 'ZZ'],
    [702, 'AAA'],
  ])('column %i is %s', (index, letters) => {
    expect(columnLetter(index)).toBe(letters);
  });
});

describe('columnLabel', () => {
  it.each([
    [2, 'Pay Band', 'column C (Pay Band)'],
    [3, ' Pay Band ', 'column D (Pay Band)'],
    [0, '', 'column A'],
    [26, undefined, 'column AA'],
  ])('column %i headed %j is %j', (index, header, label) => {
    expect(columnLabel(index, header)).toBe(label);
  });
});
