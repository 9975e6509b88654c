import { mulberry32 } from '../helpers/random.js';
import { describe, expect, it } from 'vitest';
import { type Assignment, linearSumAssignment, linearSumAssignmentMax } from '../../src/matching/lsap.js';

// The searches with free column lists (src/matching/freeColumnSearch.ts) must give the plain
// search's answer exactly (the same cells, not only the same total), ties and all: remedi's
// proposals are the solver's choice among equal optima.

function randomIntegers(rnd: () => number, length: number, low: number, high: number): Float64Array {
  const cost = new Float64Array(length);
  for (let k = 0; k < length; k++) cost[k] = low + Math.floor(rnd() * (high - low));
  return cost;
}

/** What a solve gives: the assignment, or the error's message when it throws. */
function outcome(solve: () => Assignment): { rowToCol: number[]; colToRow: number[]; total: number } | { error: string } {
  try {
    const { rowToCol, colToRow, total } = solve();
    return { rowToCol: Array.from(rowToCol), colToRow: Array.from(colToRow), total };
  } catch (error) {
    return { error: `${(error as Error).name}: ${(error as Error).message}` };
  }
}

function expectSameAsPlain(cost: Float64Array, nRows: number, nCols: number): void {
  const listed = outcome(() => linearSumAssignment(cost, nRows, nCols));
  const plain = outcome(() => linearSumAssignment(cost, nRows, nCols, { freeColumnLists: false }));
  expect(listed).toEqual(plain);
  const value = cost.map((c) => (c === Infinity ? -Infinity : -c));
  expect(outcome(() => linearSumAssignmentMax(value, nRows, nCols))).toEqual(
    outcome(() => linearSumAssignmentMax(value, nRows, nCols, { freeColumnLists: false })),
  );
}

/** Costs shaped like a cohort's: a row part, a column part, a few kinds of column, and one forbidden-like high cost. */
function cohortLike(rnd: () => number, nRows: number, nCols: number, forbiddenShare: number): Float64Array {
  const rowPart = Array.from({ length: nRows }, () => Math.floor(rnd() * 20) * 10);
  const columnPart = Array.from({ length: nCols }, () => Math.floor(rnd() * 8) * 10);
  const kind = Array.from({ length: nCols }, () => Math.floor(rnd() * 3));
  const wants = Array.from({ length: nRows }, () => Math.floor(rnd() * 4));
  const cost = new Float64Array(nRows * nCols);
  for (let i = 0; i < nRows; i++) {
    for (let j = 0; j < nCols; j++) {
      cost[i * nCols + j] = rnd() < forbiddenShare ? 10_000 : 5_000 - rowPart[i] + columnPart[j] - (kind[j] === wants[i] ? 300 : 0);
    }
  }
  return cost;
}

describe('free column lists give the plain search exactly', () => {
  it.each([
    // [rows, columns, low, high]: narrow ranges make ties everywhere
    [40, 40, 0, 3],
    [40, 41, 0, 3],
    [60, 100, 0, 2],
    [100, 60, 0, 2],
    [90, 90, 0, 1000],
    [120, 130, -20, 20],
    [7, 200, 0, 5],
    [200, 7, 0, 5],
  ])('%ix%i with integer costs in [%d, %d), with and without forbidden cells', (nRows, nCols, low, high) => {
    const rnd = mulberry32(nRows * 1009 + nCols * 13 + high);
    for (const forbiddenShare of [0, 0.3, 0.8]) {
      const cost = randomIntegers(rnd, nRows * nCols, low, high);
      for (let k = 0; k < cost.length; k++) if (rnd() < forbiddenShare) cost[k] = Infinity;
      expectSameAsPlain(cost, nRows, nCols);
    }
  });

  it.each([
    [150, 160, 0],
    [150, 160, 0.2],
    [160, 150, 0.1],
    [200, 200, 0.05],
  ])('%ix%i cohort-like costs (forbidden share %d): the same cells', (nRows, nCols, forbiddenShare) => {
    const rnd = mulberry32(nRows + nCols * 7);
    for (let trial = 0; trial < 5; trial++) expectSameAsPlain(cohortLike(rnd, nRows, nCols, forbiddenShare), nRows, nCols);
  });

  it('agrees on every small shape, feasible or not (brute-force sizes)', () => {
    const rnd = mulberry32(77);
    for (let nRows = 0; nRows <= 6; nRows++) {
      for (let nCols = 0; nCols <= 6; nCols++) {
        for (let trial = 0; trial < 20; trial++) {
          const cost = randomIntegers(rnd, nRows * nCols, 0, trial % 2 === 0 ? 3 : 100);
          for (let k = 0; k < cost.length; k++) if (rnd() < [0, 0.3, 0.6][trial % 3]) cost[k] = Infinity;
          expectSameAsPlain(cost, nRows, nCols);
        }
      }
    }
  });

  it('reports the same progress', () => {
    const cost = randomIntegers(mulberry32(5), 80 * 90, 0, 4);
    const calls = (freeColumnLists: boolean) => {
      const seen: Array<[number, number]> = [];
      linearSumAssignment(cost, 80, 90, { freeColumnLists, onProgress: (done, total) => seen.push([done, total]) });
      return seen;
    };
    expect(calls(true)).toEqual(calls(false));
  });

  it('names the same row that cannot be placed', () => {
    // Rows 0 and 1 can only use column 0; row 1 is the one left without a place.
    const inf = Infinity;
    const cost = Float64Array.from([1, inf, inf, 2, inf, inf, 3, 4, 5]);
    const listed = outcome(() => linearSumAssignment(cost, 3, 3));
    expect(listed).toEqual(outcome(() => linearSumAssignment(cost, 3, 3, { freeColumnLists: false })));
    expect(listed).toMatchObject({ error: expect.stringContaining('cannot be placed') });
  });

  it('keeps the plain search for costs that are not whole numbers, or too large to add exactly', () => {
    const rnd = mulberry32(3);
    const fractions = new Float64Array(30 * 30).map(() => Math.floor(rnd() * 4) / 3);
    expectSameAsPlain(fractions, 30, 30);
    const huge = randomIntegers(rnd, 30 * 31, 0, 3).map((c) => c * 2 ** 45);
    expectSameAsPlain(huge, 30, 31);
  });
});
