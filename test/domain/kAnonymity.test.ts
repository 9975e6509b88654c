import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kAnonymise, rarestCombination } from '../../src/domain/kAnonymity.js';

interface Row {
  id: number;
  cohort: string;
  role: string;
  seniority_group: string;
  bme: string;
}
const COLUMNS = ['seniority_group', 'bme', 'role', 'cohort'] as const;

const rows = (spec: Array<[number, string, string, string, string]>): Row[] => {
  let id = 0;
  return spec.flatMap(([count, cohort, role, seniority_group, bme]) => Array.from({ length: count }, () => ({ id: id++, cohort, role, seniority_group, bme })));
};

describe('kAnonymise', () => {
  it('changes nothing when every combination is shared by k rows', () => {
    const input = rows([
      [3, '1', 'mentor', 'junior', 'yes'],
      [3, '1', 'mentee', 'senior', 'no'],
    ]);
    const result = kAnonymise(input, COLUMNS, 3);
    expect(result.rows).toEqual(input);
    expect(result.suppressed.every((s) => s.cells === 0)).toBe(true);
    expect(result.leftOut).toBe(0);
  });

  it('empties the seniority group of a rare combination first', () => {
    const input = rows([
      [3, '1', 'mentor', 'junior', 'yes'],
      [2, '1', 'mentor', 'middle', 'yes'],
      [1, '1', 'mentor', 'senior', 'yes'],
    ]);
    const result = kAnonymise(input, COLUMNS, 3);
    expect(result.rows.map((r) => r.seniority_group)).toEqual(['junior', 'junior', 'junior', '', '', '']);
    expect(result.suppressed).toEqual([
      { column: 'seniority_group', cells: 3 },
      { column: 'bme', cells: 0 },
      { column: 'role', cells: 0 },
      { column: 'cohort', cells: 0 },
    ]);
  });

  it('goes on to BME, then role, and leaves out rows still too rare with every cell empty', () => {
    const input = rows([
      [5, '1', 'mentor', 'junior', 'yes'],
      [1, '1', 'mentee', 'senior', 'no'],
    ]);
    const result = kAnonymise(input, COLUMNS, 5);
    expect(result.leftOut).toBe(1);
    expect(result.rows).toHaveLength(5);
    expect(rarestCombination(result.rows, COLUMNS)).toBeGreaterThanOrEqual(5);
  });

  it('on any rows, leaves no combination rarer than k, only empties identifying cells, and keeps other columns', () => {
    const value = (values: string[]) => fc.constantFrom(...values);
    const row = fc.record({
      cohort: value(['1', '2', '3']),
      role: value(['mentor', 'mentee']),
      seniority_group: value(['junior', 'middle', 'senior', '']),
      bme: value(['yes', 'no', '']),
    });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 80 }), fc.integer({ min: 2, max: 8 }), (cells, k) => {
        const input: Row[] = cells.map((c, id) => ({ id, ...c }));
        const result = kAnonymise(input, COLUMNS, k);
        expect(rarestCombination(result.rows, COLUMNS)).toBeGreaterThanOrEqual(k);
        expect(result.rows.length + result.leftOut).toBe(input.length);
        for (const out of result.rows) {
          const original = input[out.id];
          for (const column of COLUMNS) expect([original[column], '']).toContain(out[column]);
        }
        for (const [index, column] of COLUMNS.entries()) {
          expect(result.suppressed[index]).toEqual({ column, cells: result.rows.filter((out) => out[column] !== input[out.id][column]).length });
        }
      }),
    );
  });
});
