import { mulberry32 } from '../helpers/random.js';
import { describe, expect, it } from 'vitest';
import { type Assignment, InfeasibleAssignmentError, linearSumAssignment, linearSumAssignmentMax } from '../../src/matching/lsap.js';

function matrix(rows: number[][]): Float64Array {
  return Float64Array.from(rows.flat());
}

/** Least total over every injective assignment of the smaller side, or null when none avoids Infinity. */
function bruteForce(cost: Float64Array, nRows: number, nCols: number): number | null {
  const wide = nRows <= nCols;
  const small = wide ? nRows : nCols;
  const large = wide ? nCols : nRows;
  const at = (s: number, l: number) => (wide ? cost[s * nCols + l] : cost[l * nCols + s]);
  const used = new Array<boolean>(large).fill(false);
  let best = Infinity;
  const walk = (s: number, sum: number): void => {
    if (s === small) {
      if (sum < best) best = sum;
      return;
    }
    for (let l = 0; l < large; l++) {
      if (used[l] || at(s, l) === Infinity) continue;
      used[l] = true;
      walk(s + 1, sum + at(s, l));
      used[l] = false;
    }
  };
  walk(0, 0);
  return best === Infinity ? null : best;
}

/** The assignment is a complete matching of the smaller side over allowed cells, and its total adds up. */
function expectValid(result: Assignment, cost: Float64Array, nRows: number, nCols: number, forbidden = Infinity): void {
  expect(result.rowToCol.length).toBe(nRows);
  expect(result.colToRow.length).toBe(nCols);
  let assigned = 0;
  let sum = 0;
  for (let i = 0; i < nRows; i++) {
    const j = result.rowToCol[i];
    if (j === -1) continue;
    assigned++;
    expect(result.colToRow[j]).toBe(i);
    expect(cost[i * nCols + j]).not.toBe(forbidden);
    sum += cost[i * nCols + j];
  }
  for (let j = 0; j < nCols; j++) {
    const i = result.colToRow[j];
    if (i !== -1) expect(result.rowToCol[i]).toBe(j);
  }
  expect(assigned).toBe(Math.min(nRows, nCols));
  expect(result.total).toBe(sum);
}

/** Textbook O(n^2 m) Hungarian method (potentials and shortest paths), n <= m, finite costs. */
function hungarianTotal(cost: Float64Array, n: number, m: number): number {
  const u = new Float64Array(n + 1);
  const v = new Float64Array(m + 1);
  const p = new Int32Array(m + 1); // p[j]: row (1-based) matched to column j, 0 for none
  const way = new Int32Array(m + 1);
  for (let i = 1; i <= n; i++) {
    p[0] = i;
    let j0 = 0;
    const minv = new Float64Array(m + 1).fill(Infinity);
    const used = new Uint8Array(m + 1);
    do {
      used[j0] = 1;
      const i0 = p[j0];
      let delta = Infinity;
      let j1 = 0;
      for (let j = 1; j <= m; j++) {
        if (used[j]) continue;
        const cur = cost[(i0 - 1) * m + j - 1] - u[i0] - v[j];
        if (cur < minv[j]) {
          minv[j] = cur;
          way[j] = j0;
        }
        if (minv[j] < delta) {
          delta = minv[j];
          j1 = j;
        }
      }
      for (let j = 0; j <= m; j++) {
        if (used[j]) {
          u[p[j]] += delta;
          v[j] -= delta;
        } else {
          minv[j] -= delta;
        }
      }
      j0 = j1;
    } while (p[j0] !== 0);
    do {
      const j1 = way[j0];
      p[j0] = p[j1];
      j0 = j1;
    } while (j0 !== 0);
  }
  let total = 0;
  for (let j = 1; j <= m; j++) if (p[j] !== 0) total += cost[(p[j] - 1) * m + j - 1];
  return total;
}

function randomIntegers(rnd: () => number, length: number, low: number, high: number): Float64Array {
  const cost = new Float64Array(length);
  for (let k = 0; k < length; k++) cost[k] = low + Math.floor(rnd() * (high - low));
  return cost;
}

describe('linearSumAssignment against brute force', () => {
  // Every shape from 0x0 to 6x6, with narrow cost ranges (many ties), negatives, and
  // increasing shares of forbidden cells so that some instances are infeasible.
  const shapes: [number, number][] = [];
  for (let r = 0; r <= 6; r++) for (let c = 0; c <= 6; c++) shapes.push([r, c]);

  it.each(shapes)('%ix%i: same optimum, valid assignment, infeasible exactly when brute force is', (nRows, nCols) => {
    const rnd = mulberry32(1000 * nRows + nCols);
    for (let trial = 0; trial < 12; trial++) {
      const [low, high] = trial % 3 === 0 ? [0, 4] : trial % 3 === 1 ? [-50, 50] : [0, 1000];
      const cost = randomIntegers(rnd, nRows * nCols, low, high);
      const forbiddenShare = [0, 0.2, 0.45, 0.7][trial % 4];
      for (let k = 0; k < cost.length; k++) if (rnd() < forbiddenShare) cost[k] = Infinity;
      const before = cost.slice();

      const best = bruteForce(cost, nRows, nCols);
      if (best === null) {
        expect(() => linearSumAssignment(cost, nRows, nCols)).toThrow(InfeasibleAssignmentError);
      } else {
        const result = linearSumAssignment(cost, nRows, nCols);
        expectValid(result, cost, nRows, nCols);
        expect(result.total).toBe(best);
      }
      expect(cost).toEqual(before);

      // Maximising the same values, with -Infinity as the forbidden mark.
      const value = cost.map((c) => (c === Infinity ? -Infinity : c));
      const bestMax = bruteForce(
        value.map((x) => -x),
        nRows,
        nCols,
      );
      if (bestMax === null) {
        expect(() => linearSumAssignmentMax(value, nRows, nCols)).toThrow(InfeasibleAssignmentError);
      } else {
        const result = linearSumAssignmentMax(value, nRows, nCols);
        expectValid(result, value, nRows, nCols, -Infinity);
        expect(result.total).toBe(-bestMax === 0 ? 0 : -bestMax);
      }
    }
  });
});

describe('linearSumAssignment edge cases', () => {
  it.each([
    [0, 0],
    [0, 4],
    [3, 0],
  ])('a %ix%i matrix assigns nothing and totals 0', (nRows, nCols) => {
    const result = linearSumAssignment(new Float64Array(0), nRows, nCols);
    expect(Array.from(result.rowToCol)).toEqual(new Array(nRows).fill(-1));
    expect(Array.from(result.colToRow)).toEqual(new Array(nCols).fill(-1));
    expect(result.total).toBe(0);
  });

  it('solves a 1x1 matrix', () => {
    const result = linearSumAssignment(matrix([[7]]), 1, 1);
    expect(Array.from(result.rowToCol)).toEqual([0]);
    expect(Array.from(result.colToRow)).toEqual([0]);
    expect(result.total).toBe(7);
  });

  it.each([
    ['square', 2, 2],
    ['wide', 2, 3],
    ['tall', 3, 2],
    ['1x1', 1, 1],
  ])('refuses an all-forbidden %s matrix', (_label, nRows, nCols) => {
    const cost = new Float64Array(nRows * nCols).fill(Infinity);
    expect(() => linearSumAssignment(cost, nRows, nCols)).toThrow(InfeasibleAssignmentError);
  });

  it('finds the only feasible assignment when the cheap cells lead nowhere', () => {
    const I = Infinity;
    const cost = matrix([
      [1, 50, I, I],
      [1, I, I, I],
      [I, 1, 60, I],
      [I, I, 1, 70],
    ]);
    const result = linearSumAssignment(cost, 4, 4);
    expect(Array.from(result.rowToCol)).toEqual([1, 0, 2, 3]);
    expect(result.total).toBe(181);
  });

  it('follows a single feasible path through a band of forbidden cells', () => {
    const I = Infinity;
    const cost = matrix([
      [5, I, I],
      [I, 6, I],
      [I, I, 7],
    ]);
    const result = linearSumAssignment(cost, 3, 3);
    expect(Array.from(result.rowToCol)).toEqual([0, 1, 2]);
    expect(result.total).toBe(18);
  });

  it('handles negative costs', () => {
    const cost = matrix([
      [-5, -1, 0],
      [-7, -8, -2],
    ]);
    const result = linearSumAssignment(cost, 2, 3);
    expect(Array.from(result.rowToCol)).toEqual([0, 1]);
    expect(result.total).toBe(-13);
  });

  it('maximises with linearSumAssignmentMax, leaving the extra row unassigned', () => {
    const value = matrix([
      [4, 1],
      [2, 9],
      [8, 3],
    ]);
    const result = linearSumAssignmentMax(value, 3, 2);
    expect(Array.from(result.rowToCol)).toEqual([-1, 1, 0]);
    expect(Array.from(result.colToRow)).toEqual([2, 1]);
    expect(result.total).toBe(17);
  });

  it('keeps large integer costs exact', () => {
    const big = 1e14;
    const cost = matrix([
      [big + 3, big + 1, big + 7],
      [big + 2, big + 5, big + 11],
      [big + 13, big + 17, big + 19],
    ]);
    const result = linearSumAssignment(cost, 3, 3);
    expect(result.total).toBe(bruteForce(cost, 3, 3));
    let exact = 0n;
    for (let i = 0; i < 3; i++) exact += BigInt(cost[i * 3 + result.rowToCol[i]]);
    expect(exact).toBe(3n * BigInt(big) + 1n + 2n + 19n);
    expect(BigInt(result.total)).toBe(exact);
  });

  it('keeps large integer costs exact on a random 60x60 matrix', () => {
    const rnd = mulberry32(77);
    const cost = randomIntegers(rnd, 60 * 60, 0, 1e6).map((c) => c + 1e13);
    const result = linearSumAssignment(cost, 60, 60);
    let exact = 0n;
    for (let i = 0; i < 60; i++) exact += BigInt(cost[i * 60 + result.rowToCol[i]]);
    expect(BigInt(result.total)).toBe(exact);
    // Shifting every cell by the same amount cannot change the optimal assignment.
    const shifted = linearSumAssignment(
      cost.map((c) => c - 1e13),
      60,
      60,
    );
    expect(result.total - 60 * 1e13).toBe(shifted.total);
  });

  it('does not modify the cost matrix', () => {
    const cost = randomIntegers(mulberry32(5), 8 * 5, 0, 10);
    const before = cost.slice();
    linearSumAssignment(cost, 8, 5);
    linearSumAssignmentMax(cost, 5, 8);
    expect(cost).toEqual(before);
  });
});

describe('linearSumAssignment input checks', () => {
  it.each([
    [NaN, /row 1, column 2 is NaN/],
    [-Infinity, /row 1, column 2 is -Infinity/],
  ])('rejects %s with a RangeError naming the cell', (bad, message) => {
    const cost = new Float64Array(2 * 3);
    cost[1 * 3 + 2] = bad;
    expect(() => linearSumAssignment(cost, 2, 3)).toThrow(RangeError);
    expect(() => linearSumAssignment(cost, 2, 3)).toThrow(message);
  });

  it('rejects +Infinity and NaN when maximising, where -Infinity is the forbidden mark', () => {
    const value = new Float64Array(4);
    value[3] = Infinity;
    expect(() => linearSumAssignmentMax(value, 2, 2)).toThrow(/row 1, column 1 is Infinity/);
    value[3] = NaN;
    expect(() => linearSumAssignmentMax(value, 2, 2)).toThrow(RangeError);
  });

  it('rejects a shape that does not match the array', () => {
    expect(() => linearSumAssignment(new Float64Array(5), 2, 3)).toThrow(RangeError);
    expect(() => linearSumAssignment(new Float64Array(0), -1, 0)).toThrow(RangeError);
  });
});

describe('linearSumAssignment determinism', () => {
  it('gives the identity on a square matrix of equal costs', () => {
    const n = 6;
    const result = linearSumAssignment(new Float64Array(n * n).fill(3), n, n);
    expect(Array.from(result.rowToCol)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(result.total).toBe(18);
  });

  it.each([
    [3, 5, [0, 1, 2], [0, 1, 2, -1, -1]],
    [5, 3, [0, 1, 2, -1, -1], [0, 1, 2]],
  ])('pairs row k with column k on a %ix%i matrix of equal costs', (nRows, nCols, rowToCol, colToRow) => {
    const result = linearSumAssignment(new Float64Array(nRows * nCols).fill(1), nRows, nCols);
    expect(Array.from(result.rowToCol)).toEqual(rowToCol);
    expect(Array.from(result.colToRow)).toEqual(colToRow);
  });

  it('returns the same assignment every time on a tie-heavy matrix', () => {
    const cost = randomIntegers(mulberry32(9), 40 * 50, 0, 3);
    const first = linearSumAssignment(cost, 40, 50);
    const second = linearSumAssignment(cost.slice(), 40, 50);
    expect(second.rowToCol).toEqual(first.rowToCol);
    expect(second.colToRow).toEqual(first.colToRow);
    expect(second.total).toBe(first.total);
  });
});

describe('linearSumAssignment against a textbook Hungarian method', () => {
  it.each([
    [300, 300, 0, 1e6],
    [300, 300, 0, 10],
    [200, 300, -1000, 1000],
    [300, 200, 0, 1e6],
  ])('%ix%i with integer costs in [%d, %d)', (nRows, nCols, low, high) => {
    const rnd = mulberry32(nRows * 7 + nCols + high);
    const cost = randomIntegers(rnd, nRows * nCols, low, high);
    const result = linearSumAssignment(cost, nRows, nCols);
    expectValid(result, cost, nRows, nCols);

    // The reference needs rows <= columns, so it solves the transpose of a tall matrix.
    let reference: number;
    if (nRows <= nCols) {
      reference = hungarianTotal(cost, nRows, nCols);
    } else {
      const transposed = new Float64Array(cost.length);
      for (let i = 0; i < nRows; i++) for (let j = 0; j < nCols; j++) transposed[j * nRows + i] = cost[i * nCols + j];
      reference = hungarianTotal(transposed, nCols, nRows);
    }
    expect(result.total).toBe(reference);
  });
});

describe('linearSumAssignment onProgress', () => {
  it.each([
    ['square, costs far apart', 200, 200, 0, 1e6],
    ['square, many ties', 200, 200, 0, 3],
    ['wide', 150, 220, 0, 1000],
    ['tall (the columns are placed)', 220, 150, 0, 1000],
  ])('%s: rises to every place of the smaller side, and the answer is the one without it', (_, nRows, nCols, low, high) => {
    const cost = randomIntegers(mulberry32(nRows * 31 + nCols), nRows * nCols, low, high);
    const calls: Array<[number, number]> = [];
    const watched = linearSumAssignment(cost, nRows, nCols, { onProgress: (done, total) => calls.push([done, total]) });
    const total = Math.min(nRows, nCols);
    expect(calls.length).toBeGreaterThan(1);
    for (const [k, [done, of]] of calls.entries()) {
      expect(of).toBe(total);
      if (k > 0) expect(done).toBe(calls[k - 1][0] + 1);
    }
    expect(calls.at(-1)).toEqual([total, total]);
    const plain = linearSumAssignment(cost, nRows, nCols);
    expect(watched.rowToCol).toEqual(plain.rowToCol);
    expect(watched.colToRow).toEqual(plain.colToRow);
    expect(watched.total).toBe(plain.total);
  });

  it('counts the rows the quick start placed at once, then one a search', () => {
    // Each column's least cost is in a different row: the column reduction places every row.
    const calls: Array<[number, number]> = [];
    linearSumAssignment(
      matrix([
        [1, 9],
        [9, 1],
      ]),
      2,
      2,
      { onProgress: (done, total) => calls.push([done, total]) },
    );
    expect(calls).toEqual([[2, 2]]);
    // Both columns are cheapest in row 0: it places one row, the search the other.
    const searched: Array<[number, number]> = [];
    linearSumAssignmentMax(
      matrix([
        [5, 5],
        [1, 2],
      ]),
      2,
      2,
      { onProgress: (done, total) => searched.push([done, total]) },
    );
    expect(searched).toEqual([
      [1, 2],
      [2, 2],
    ]);
  });

  it('is not called for an empty matrix', () => {
    const calls: number[] = [];
    linearSumAssignment(new Float64Array(0), 0, 4, { onProgress: (done) => calls.push(done) });
    expect(calls).toEqual([]);
  });
});
