import { describe, expect, it } from 'vitest';
import { ROSTER_HEADERS } from '../../src/domain/rosterColumns.js';
import { SESSION_HEADERS } from '../../src/domain/sessionRows.js';
import { mapColumns } from '../../src/io/columns.js';
import { exportTables, type ExportContents } from '../../src/ui/exportOutput.js';

const empty: ExportContents = { staff: [], enrolments: [], cohorts: [], relationships: [], sessions: [], targetedDepartments: [] };
const trio: ExportContents = {
  ...empty,
  relationships: [
    {
      id: 7,
      cohort: 1,
      menteeId: '10000003',
      mentors: [
        { staffId: '10000090', slot: 'bme' },
        { staffId: '10000080', slot: 'clinical' },
      ],
      type: 'race',
      score: 12.5,
      reasons: ['BME mentor', 'same department'],
      start: '2026-01-05',
      endedOn: null,
      endReason: null,
      plannedEnd: '2026-09-30',
      override: false,
    },
  ],
};
const table = (contents: ExportContents, subjectAccess: boolean, file: string) => exportTables(contents, { subjectAccess }).find((t) => t.file === file)!;

describe('exportTables: the files of remedi export', () => {
  it('writes the same seven files, in order, for everything and for one person', () => {
    const files = ['staff.csv', 'enrolments.csv', 'cohorts.csv', 'relationships.csv', 'sessions.csv', 'targeted-departments.csv', 'meetings.csv'];
    expect(exportTables(empty, { subjectAccess: false }).map((t) => t.file)).toEqual(files);
    expect(exportTables(empty, { subjectAccess: true }).map((t) => t.file)).toEqual(files);
  });

  it('staff.csv has only columns remedi import reads back, each to its own field', () => {
    const headers = [...table(empty, false, 'staff.csv').headers];
    const mapping = mapColumns(headers, ROSTER_HEADERS);
    expect(mapping.unknown).toEqual([]);
    expect(mapping.problems).toEqual([]);
    expect(mapping.fields).toEqual(headers);
  });

  it('sessions.csv has the columns remedi import-sessions reads, beside the session id', () => {
    const headers = [...table(empty, false, 'sessions.csv').headers];
    expect(mapColumns(headers, SESSION_HEADERS).fields).toEqual(headers.map((h) => (h === 'session_id' ? null : h)));
  });

  it.each([
    [
      false,
      [
        '7',
        '1',
        '10000003',
        '10000090; 10000080',
        'bme; clinical',
        'race',
        '12.5',
        '2026-01-05',
        null,
        '2026-09-30',
        null,
        false,
        'BME mentor | same department',
      ],
    ],
    // A subject access request tells nobody another person's BME status: no slots, type, score or reasons, mentors by staff id.
    [true, ['7', '1', '10000003', '10000080; 10000090', '2026-01-05', null, '2026-09-30', null, false]],
  ])('relationships.csv for a subject access request %s', (subjectAccess, row) => {
    const relationships = table(trio, subjectAccess, 'relationships.csv');
    expect([...relationships.rows].map((r) => r.map((cell) => (typeof cell === 'number' ? String(cell) : cell)))).toEqual([row]);
    expect(relationships.headers.length).toBe(row.length);
    if (subjectAccess) for (const hidden of ['slots', 'type', 'score', 'reasons']) expect(relationships.headers).not.toContain(hidden);
  });
});
