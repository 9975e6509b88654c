import { describe, expect, it } from 'vitest';
import { ROSTER_HEADERS } from '../../src/domain/rosterColumns.js';
import { mapColumns } from '../../src/io/columns.js';

describe('ESR organisation headers read as the department', () => {
  it.each<[string[], string | null, string[]]>([
    [['Employee Number', 'Organisation'], 'Organisation', []],
    [['Employee Number', 'Org L2', 'Org L3'], 'Org L3', []],
    [['Employee Number', 'Org Level 3', 'Org Level 4', 'Org Level 2'], 'Org Level 4', []],
    [['Employee Number', 'Organisation L4', 'Organisation L10'], 'Organisation L10', []],
    [['Employee Number', 'Organization Level 5'], 'Organization Level 5', []],
    // An explicit department column wins; the hierarchy levels are then not read, and not news.
    [['Employee Number', 'Organisation', 'Org L3', 'Org L4'], 'Organisation', []],
    [['Employee Number', 'Department', 'Org L3'], 'Department', []],
    [['Employee Number', 'Org Unit'], null, ['Org Unit']],
  ])('%j: the department is %j', (headers, department, unknown) => {
    const mapping = mapColumns(headers, ROSTER_HEADERS);
    expect(mapping.problems).toEqual([]);
    const index = mapping.indexOf.department;
    expect(index === undefined ? null : headers[index]).toBe(department);
    expect(mapping.unknown).toEqual(unknown);
  });

  it('a --map of a level wins over the deepest level', () => {
    const headers = ['Employee Number', 'Org L3', 'Org L4'];
    const mapping = mapColumns(headers, ROSTER_HEADERS, new Map([['orgl3', 'department']]));
    expect(mapping.indexOf.department).toBe(1);
    expect(mapping.problems).toEqual([]);
  });
});
