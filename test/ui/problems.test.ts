import { describe, expect, it } from 'vitest';
import type { RowProblem } from '../../src/errors.js';
import { formatProblemList, problemsCsv } from '../../src/ui/problems.js';

const band = (line: number, value = 'Non AfC'): RowProblem => ({ line, column: 'column E (Pay Band)', value, message: 'not a pay band; expected a band' });

describe('formatProblemList groups repeated problems', () => {
  it('one line for the same message about the same value in the same column', () => {
    const problems = [4, 9, 15, 21, 30, 31, 40].map((line) => band(line));
    expect(formatProblemList('esr.csv', problems)).toEqual([
      '  esr.csv column E (Pay Band): 7 rows hold "Non AfC" (lines 4, 9, 15, 21, 30 and 2 more): not a pay band; expected a band',
    ]);
  });

  it.each<[string, RowProblem[], string[]]>([
    ['a single problem as before', [band(4)], ['  esr.csv:4 column E (Pay Band) "Non AfC": not a pay band; expected a band']],
    ['two rows', [band(4), band(6)], ['  esr.csv column E (Pay Band): 2 rows hold "Non AfC" (lines 4, 6): not a pay band; expected a band']],
    [
      'different values apart, in the order first seen',
      [band(4), band(5, 'Chair'), band(6)],
      [
        '  esr.csv column E (Pay Band): 2 rows hold "Non AfC" (lines 4, 6): not a pay band; expected a band',
        '  esr.csv:5 column E (Pay Band) "Chair": not a pay band; expected a band',
      ],
    ],
    [
      'whole-row problems by message',
      [
        { line: 3, column: null, value: null, message: 'ragged' },
        { line: 8, column: null, value: null, message: 'ragged' },
      ],
      ['  esr.csv: 2 rows (lines 3, 8): ragged'],
    ],
  ])('%s', (_case, problems, lines) => {
    expect(formatProblemList('esr.csv', problems)).toEqual(lines);
  });

  it('shows 20 distinct problems, then counts the rest and says where to see them', () => {
    const problems = Array.from({ length: 25 }, (_, i) => band(i + 2, `X${i}`));
    const lines = formatProblemList('esr.csv', problems);
    expect(lines).toHaveLength(21);
    expect(lines[20]).toBe('  ... and 5 more problems (25 in all; add --problems FILE to have every one as CSV).');
    expect(formatProblemList('esr.csv', problems, 'problem', 'all.csv')[20]).toBe('  ... and 5 more problems (25 in all; every one is in all.csv).');
  });
});

describe('problemsCsv', () => {
  it('lists every problem and warning by line, with the column letter, header, value, problem and fix', () => {
    const csv = problemsCsv(
      [
        band(5),
        { line: 2, column: null, value: null, message: 'this row has 3 fields but the header has 4; a comma inside a value needs the value in double quotes' },
      ],
      [{ line: 3, column: 'column C (Full, Name)', value: '=cmd', message: 'a warning with no fix' }],
    );
    expect(csv.trim().split(/\r?\n/)).toEqual([
      'kind,line,column,header,value,problem,fix',
      'problem,2,,,,this row has 3 fields but the header has 4,a comma inside a value needs the value in double quotes',
      `warning,3,C,"Full, Name",'=cmd,a warning with no fix,`,
      'problem,5,E,Pay Band,Non AfC,not a pay band,expected a band',
    ]);
  });
});
