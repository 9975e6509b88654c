/**
 * The roster import's fast paths (issue 15) against the plain code they stand for, on random
 * data: a cell read through the file's cache of repeated readings reads as it does afresh;
 * a new person built in one step is the spread of the defaults and the row's facts, keys in
 * the same order; name_key's ASCII shortcut folds as foldText does.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergeRow } from '../../src/domain/rosterPlan.js';
import { ROSTER_FIELDS, ROSTER_HEADERS, type RosterField } from '../../src/domain/rosterColumns.js';
import { MAX_FIELD_LENGTH, parseRosterRecord, RosterCellCache, rosterFile, type RosterRow } from '../../src/domain/rosterRows.js';
import { characteristicExpected, readCharacteristic } from '../../src/domain/characteristics.js';
import type { RowProblem } from '../../src/errors.js';
import { foldText } from '../../src/domain/people.js';
import { DEFAULT_FACTS, type StaffRecord } from '../../src/domain/staff.js';
import { nameKey } from '../../src/store/staff.js';
import { mapColumns } from '../../src/io/columns.js';

/** Cells as rosters hold them, good and bad, with spaces around some and repeats across rows. */
const CELLS: Record<RosterField, string[]> = {
  staff_id: ['1001', ' 1002 ', '', 'E77', '1001'],
  name: ['Ada Okafor', '  José  Núñez ', '', 'Ｍｅｉ Zhang'],
  first_name: ['Ada', '', ' Bola'],
  last_name: ['Okafor', '', 'Adeyemi '],
  email: ['ada@nhs.net', 'not-an-email', '', ' b@x.org '],
  department: ['Medicine', '', ' Surgery ', 'Directorate 12'],
  job_title: ['Nurse', '', 'Porter'],
  band: ['Band 6', '8a', ' 8C ', 'Non AfC', 'Band X', '8', '', 'VSM', 'Consultant', 'st3', 'Chair', '12'],
  staff_group: ['Medical and Dental', '', 'Estates and Ancillary'],
  ethnicity: ['A', 'M Black or Black British - Caribbean', 'Indian', 'C3', 'NA', 'zz top', '', '99', ' n '],
  bme: ['yes', 'no', '', 'maybe', 'Y'],
  function: ['', 'clinical', 'front line; clinical', 'strategic,managerial', 'wizard', ';', ' ,clinical'],
  board_member: ['no', 'yes', '', 'sometimes'],
  line_manager_id: ['', '1001', '2002', ' 1002'],
  role: ['', 'mentor', 'mentee', 'either', 'both', 'chief'],
  race_trained: ['', 'yes', 'no', '2024-03-14', '45000', '31/02/2024', 'soon'],
  capacity: ['', '1', '3', '21', 'two'],
  active: ['', 'yes', 'no', 'perhaps'],
  left_on: ['', '2025-12-31', '2025-13-01', '46000'],
};

const header = fc.subarray([...ROSTER_FIELDS], { minLength: 1 }).filter((fields) => !(fields.includes('name') && fields.includes('first_name')));

describe('roster reading with the cache of repeated cells', () => {
  it('reads every record as a fresh read does, warnings and refusals included', () => {
    fc.assert(
      fc.property(
        header.chain((fields) =>
          fc.tuple(fc.constant(fields), fc.array(fc.tuple(...fields.map((field) => fc.constantFrom(...CELLS[field]))), { minLength: 1, maxLength: 30 })),
        ),
        ([fields, records]) => {
          const columns = mapColumns(fields, ROSTER_HEADERS);
          const cache = new RosterCellCache();
          const cachedWarned = new Set<RosterField>();
          const freshWarned = new Set<RosterField>();
          records.forEach((cells, index) => {
            const viaCache = parseRosterRecord(cells, index + 2, columns, cachedWarned, cache);
            const fresh = parseRosterRecord(cells, index + 2, columns, freshWarned);
            expect(JSON.stringify(viaCache)).toBe(JSON.stringify(fresh));
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('a roster read with characteristics enabled', () => {
  /** Cells of the characteristics' columns: each one's words, the ways of not saying, and cells refused. */
  const VALUES = [
    '',
    ' ',
    'Yes',
    'no',
    'Not Declared',
    'Prefer not to say',
    'Female',
    'M',
    'Gay or Lesbian',
    '2',
    'Christianity',
    'None',
    'maybe',
    'x'.repeat(1001),
    'y',
  ];
  const NAMES = ['disability', 'sex', 'sexual_orientation', 'religion', 'carer'];
  const HEADERS: Record<string, string> = {
    disability: 'Disability',
    sex: 'Gender',
    sexual_orientation: 'Sexual Orientation',
    religion: 'Religion',
    carer: 'carer',
  };

  it('reads each record as the plain reader does, plus each cell as readCharacteristic reads it (refused cells refuse the row)', () => {
    fc.assert(
      fc.property(
        header.chain((fields) =>
          fc.tuple(
            fc.constant(fields),
            fc.subarray(NAMES, { minLength: 1 }),
            fc.subarray(NAMES),
            fc.array(
              fc.tuple(
                fc.tuple(...fields.map((field) => fc.constantFrom(...CELLS[field]))),
                fc.array(fc.constantFrom(...VALUES), { minLength: 5, maxLength: 5 }),
              ),
              {
                minLength: 1,
                maxLength: 20,
              },
            ),
          ),
        ),
        ([fields, inFile, enabled, records]) => {
          const headers = [...fields, ...inFile.map((name) => HEADERS[name])];
          const spec = rosterFile(enabled);
          const columns = mapColumns(headers, spec);
          const plain = rosterFile();
          const plainColumns = mapColumns(headers, plain);
          records.forEach(([cells, values], index) => {
            const record = [...cells, ...values.slice(0, inFile.length)];
            const line = index + 2;
            const read = spec.read(record, line, columns);
            const before = plain.read(record, line, plainColumns);
            const expected: RowProblem[] = [...before.problems];
            const stated: Array<[string, string]> = [];
            // Columns are looked at in remedi's order, then the trust's.
            for (const name of NAMES) {
              const at = inFile.indexOf(name);
              if (at < 0 || !enabled.includes(name)) continue;
              const raw = values[at];
              if (raw.length > MAX_FIELD_LENGTH) continue;
              const value = readCharacteristic(name, raw);
              if (value === null)
                expected.push({
                  line,
                  column: columns.labels[fields.length + at],
                  value: raw,
                  message: `not a value of ${name}; expected ${characteristicExpected(name)}`,
                });
              else stated.push([name, value]);
            }
            expect(read.problems).toEqual(expected);
            expect(read.warnings ?? []).toEqual(before.warnings ?? []);
            if (expected.length > 0 || before.row === null) expect(read.row).toBeNull();
            else if (stated.length === 0) expect(read.row).toEqual(before.row);
            else expect(read.row).toEqual({ ...before.row, characteristics: stated });
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('a new person built in one step', () => {
  /** What mergeRow made of a new person before: the defaults, the row's facts over them, then whether they left. */
  function plainNewPerson(row: RosterRow): StaffRecord {
    const spread: StaffRecord = { staffId: row.staffId, name: '', ...DEFAULT_FACTS, ...row.facts, active: true };
    const { leftOn: _leftOn, ...here } = spread;
    if (row.active !== false) return { ...here, active: true };
    const leftOn = row.leftOn ?? undefined;
    return leftOn === undefined ? { ...here, active: false } : { ...here, active: false, leftOn };
  }

  it('is the spread of the defaults and the facts, key for key and in order', () => {
    fc.assert(
      fc.property(header, fc.array(fc.nat(20), { minLength: 19, maxLength: 19 }), (fields, picks) => {
        const columns = mapColumns(fields, ROSTER_HEADERS);
        const cells = fields.map((field, i) => {
          const choices = CELLS[field];
          return field === 'staff_id' ? '1001' : choices[picks[i] % choices.length];
        });
        const { row } = parseRosterRecord(cells, 2, columns);
        if (row === null) return;
        const { after } = mergeRow(undefined, row);
        expect(JSON.stringify(after)).toBe(JSON.stringify(plainNewPerson(row)));
        expect(Object.keys(after)).toEqual(Object.keys(plainNewPerson(row)));
      }),
      { numRuns: 500 },
    );
  });
});

describe('name_key', () => {
  it('folds as foldText does, ASCII names or not', () => {
    const pieces = fc.constantFrom('Ada', 'OKAFOR', ' ', '  ', '\t', 'é', 'É', 'Ｍ', 'ß', "O'Neill", '-', 'İ', '\u00a0', 'x', '');
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.array(pieces).map((parts) => parts.join('')),
        ),
        (name) => {
          expect(nameKey(name)).toBe(foldText(name));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
