/**
 * The rectangular linear sum assignment problem: pick min(nRows, nCols) cells, no two
 * in the same row or column, with the least total cost.
 *
 * The method is Crouse's shortest augmenting path ("On implementing 2D rectangular
 * assignment algorithms", IEEE TAES 2016), the one behind SciPy's
 * `linear_sum_assignment`: each row in turn is joined to the current matching by a
 * Dijkstra search over reduced costs, then the row and column potentials are moved so
 * every reduced cost stays non-negative. Potentials only ever gain or lose a difference
 * of costs, so integer costs keep integer potentials and an exact total.
 *
 * Before searching, a cheap reduction places many rows directly (Jonker-Volgenant column
 * reduction on a square matrix, row reduction on a wide one), which halves the work on
 * dense random matrices and keeps pace with SciPy.
 *
 * On integer costs (remedi's), the searches keep each row's best free columns in a list
 * instead of scanning every free column (freeColumnSearch.ts): the same steps and the same
 * answer, with far fewer cells read. This file keeps the reductions, the tie rule and the
 * plain search, which is the reference for the other and serves any other costs.
 *
 * Tie rule (it makes the result deterministic; "row" and "column" swap roles when
 * nRows > nCols, since the transposed problem is solved):
 * - Reductions: a column's least cost is taken at its lowest row, a row's at its lowest
 *   column; columns (square) or rows (wide) are placed in index order, first come first
 *   served.
 * - Searches: the remaining rows are joined in index order. When several unvisited
 *   columns share the least tentative distance, an unassigned column (one that ends the
 *   search) wins over an assigned one, and otherwise the lowest column index wins. A
 *   column's predecessor row changes only on a strict improvement.
 * So a square matrix of equal costs gives the identity, and a wide or tall one gives
 * row k <-> column k for every k below min(nRows, nCols).
 */

import { flipPath } from './augment.js';
import { searchWithFreeColumnLists } from './freeColumnSearch.js';

export interface Assignment {
  /** For each row, its column, or -1 when the row is left unassigned (only possible when nRows > nCols). */
  rowToCol: Int32Array;
  /** For each column, its row, or -1. */
  colToRow: Int32Array;
  /** Sum of the chosen costs (exact when every cost is an integer and sums stay below 2^53). */
  total: number;
}

export interface SolveOptions {
  /**
   * Called as the rows of the smaller side are placed: once after the quick start (done is
   * the rows it placed), then after each search; done rises to total = min(nRows, nCols).
   * Called once per row at most, outside the search loop.
   */
  onProgress?: (done: number, total: number) => void;
  /**
   * Whether the searches may keep each row's best free columns in a list instead of scanning
   * every free column (freeColumnSearch.ts): the same results, step for step, used only when
   * the costs are integers small enough for every sum to be exact. Default true; false always
   * scans (the tests compare the two).
   */
  freeColumnLists?: boolean;
}

/** No complete assignment of the smaller side avoids the forbidden (Infinity) cells. */
export class InfeasibleAssignmentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InfeasibleAssignmentError';
  }
}

/**
 * Minimises the total cost of assigning min(nRows, nCols) rows to distinct columns.
 * cost is row-major (cost[i * nCols + j]); Infinity marks a forbidden cell, which is never chosen.
 * Throws InfeasibleAssignmentError when no complete assignment of the smaller side avoids forbidden cells.
 * Throws RangeError on a NaN or -Infinity cell, or when the shape does not match cost.length.
 * Does not modify `cost`.
 */
export function linearSumAssignment(cost: Float64Array, nRows: number, nCols: number, options: SolveOptions = {}): Assignment {
  checkShape(cost, nRows, nCols);
  let largest = 0;
  let integers = true;
  for (let k = 0; k < cost.length; k++) {
    const c = cost[k];
    if (c !== c || c === -Infinity) throw badCell('cost', c, k, nCols, 'Infinity marks a forbidden cell');
    if (c === Infinity) continue;
    if (integers && !Number.isInteger(c)) integers = false;
    const size = c < 0 ? -c : c;
    if (size > largest) largest = size;
  }
  return solve(cost, cost, nRows, nCols, options, integers && exact(largest, nRows, nCols));
}

/**
 * Same, maximising: -Infinity marks a forbidden cell, and NaN or +Infinity is a RangeError.
 * The total is the sum of the chosen values.
 */
export function linearSumAssignmentMax(value: Float64Array, nRows: number, nCols: number, options: SolveOptions = {}): Assignment {
  checkShape(value, nRows, nCols);
  const negated = new Float64Array(value.length);
  let largest = 0;
  let integers = true;
  for (let k = 0; k < value.length; k++) {
    const x = value[k];
    if (x !== x || x === Infinity) {
      throw badCell('value', x, k, nCols, 'when maximising, -Infinity marks a forbidden cell');
    }
    negated[k] = -x;
    if (x === -Infinity) continue;
    if (integers && !Number.isInteger(x)) integers = false;
    const size = x < 0 ? -x : x;
    if (size > largest) largest = size;
  }
  return solve(negated, value, nRows, nCols, options, integers && exact(largest, nRows, nCols));
}

/**
 * Whether every potential and distance of a solve over integer costs of at most `largest` in
 * size stays an exact integer (pairing.ts's EXACT_LIMIT bound): then comparisons never round.
 */
function exact(largest: number, nRows: number, nCols: number): boolean {
  return (nRows + nCols + 1) * largest * 2 <= 2 ** 52;
}

function checkShape(cost: Float64Array, nRows: number, nCols: number): void {
  if (!Number.isInteger(nRows) || nRows < 0 || !Number.isInteger(nCols) || nCols < 0) {
    throw new RangeError(`The matrix shape ${nRows}x${nCols} must be two non-negative integers`);
  }
  if (cost.length !== nRows * nCols) {
    throw new RangeError(`A ${nRows}x${nCols} matrix needs ${nRows * nCols} cells, got ${cost.length}`);
  }
}

function badCell(what: string, x: number, k: number, nCols: number, hint: string): RangeError {
  const row = Math.floor(k / nCols);
  return new RangeError(`The ${what} at row ${row}, column ${k - row * nCols} is ${x}; ${hint}`);
}

/**
 * `cost` is what we minimise (already validated); `original` gives the reported total;
 * `exactCosts` when every sum of costs is an exact integer.
 */
function solve(cost: Float64Array, original: Float64Array, nRows: number, nCols: number, options: SolveOptions, exactCosts: boolean): Assignment {
  const { onProgress } = options;
  const listed = exactCosts && options.freeColumnLists !== false;
  const rowToCol = new Int32Array(nRows).fill(-1);
  const colToRow = new Int32Array(nCols).fill(-1);
  if (nRows === 0 || nCols === 0) return { rowToCol, colToRow, total: 0 };

  if (nRows <= nCols) {
    solveWide(cost, nRows, nCols, rowToCol, colToRow, 'row', onProgress, listed);
  } else {
    // Search from the smaller side, as SciPy does: the transpose has nCols rows.
    const transposed = new Float64Array(cost.length);
    for (let i = 0; i < nRows; i++) {
      const base = i * nCols;
      for (let j = 0; j < nCols; j++) transposed[j * nRows + i] = cost[base + j];
    }
    solveWide(transposed, nCols, nRows, colToRow, rowToCol, 'column', onProgress, listed);
  }

  let total = 0;
  for (let i = 0; i < nRows; i++) {
    const j = rowToCol[i];
    if (j >= 0) total += original[i * nCols + j];
  }
  return { rowToCol, colToRow, total };
}

/**
 * Assigns every one of the nr <= nc rows, filling col4row and row4col in place.
 * Written as one flat function over typed arrays: the inner loop is the whole cost of
 * the solver, so it holds no calls, closures or allocations.
 */
function solveWide(
  cost: Float64Array,
  nr: number,
  nc: number,
  col4row: Int32Array,
  row4col: Int32Array,
  rowWord: string,
  onProgress: SolveOptions['onProgress'],
  listed: boolean,
): void {
  const u = new Float64Array(nr); // row potentials
  const v = new Float64Array(nc); // column potentials
  const dist = new Float64Array(nc); // shortest reduced path length to each column
  const pred = new Int32Array(nc); // row from which each column was last reached
  // Columns not yet visited in this search sit in cols[0, unvisited); visited ones are
  // swapped to the tail, so the potential update walks exactly the visited columns.
  const cols = new Int32Array(nc);

  if (nr === nc) reduceColumns(cost, nr, u, v, col4row, row4col, rowWord);
  else reduceRows(cost, nr, nc, u, col4row, row4col, rowWord);
  let placed = 0;
  if (onProgress !== undefined) {
    for (let i = 0; i < nr; i++) if (col4row[i] !== -1) placed++;
    onProgress(placed, nr);
  }

  if (listed) {
    const stuck = searchWithFreeColumnLists({ cost, nr, nc, u, v, col4row, row4col }, () => onProgress?.(++placed, nr));
    if (stuck !== -1) throw cannotPlace(rowWord, stuck);
    return;
  }
  for (let curRow = 0; curRow < nr; curRow++) {
    if (col4row[curRow] !== -1) continue; // placed by the reduction
    dist.fill(Infinity);
    for (let j = 0; j < nc; j++) cols[j] = j;
    let unvisited = nc;
    let i = curRow;
    let minVal = 0;
    let sink = -1;

    while (sink === -1) {
      const base = i * nc;
      const shift = minVal - u[i];
      let lowest = Infinity;
      let bestK = -1;
      for (let k = 0; k < unvisited; k++) {
        const j = cols[k];
        let d = shift + cost[base + j] - v[j];
        const old = dist[j];
        if (d < old) {
          dist[j] = d;
          pred[j] = i;
        } else {
          d = old;
        }
        if (d <= lowest) {
          if (d < lowest) {
            lowest = d;
            bestK = k;
          } else if (bestK >= 0) {
            const b = cols[bestK];
            const jFree = row4col[j] === -1;
            if (jFree !== (row4col[b] === -1) ? jFree : j < b) bestK = k;
          }
        }
      }
      if (lowest === Infinity) {
        throw cannotPlace(rowWord, curRow);
      }
      minVal = lowest;
      const j = cols[bestK];
      unvisited--;
      cols[bestK] = cols[unvisited];
      cols[unvisited] = j;
      if (row4col[j] === -1) sink = j;
      else i = row4col[j];
    }

    // Move the potentials so reduced costs stay non-negative and the path becomes tight.
    u[curRow] += minVal;
    for (let k = unvisited; k < nc; k++) {
      const j = cols[k];
      if (j === sink) continue; // its delta is zero and it has no row yet
      const delta = minVal - dist[j];
      u[row4col[j]] += delta;
      v[j] -= delta;
    }

    flipPath(sink, curRow, pred, row4col, col4row);
    if (onProgress !== undefined) onProgress(++placed, nr);
  }
}

function cannotPlace(rowWord: string, row: number): InfeasibleAssignmentError {
  return new InfeasibleAssignmentError(`No assignment of every ${rowWord} avoids the forbidden cells (${rowWord} ${row} cannot be placed)`);
}

/**
 * Square start (Jonker-Volgenant column reduction and reduction transfer): each column's
 * potential is its least cost, and each column goes to the row holding that least cost
 * (the lowest such row) when that row is still free, in column order. Typically this
 * places about two thirds of the rows and roughly halves the search work on dense
 * random matrices. Only valid when every column must be assigned (nr === nc): an
 * unassigned column must keep a zero potential.
 */
function reduceColumns(cost: Float64Array, n: number, u: Float64Array, v: Float64Array, col4row: Int32Array, row4col: Int32Array, rowWord: string): void {
  const argmin = new Int32Array(n);
  v.fill(Infinity);
  for (let i = 0; i < n; i++) {
    const base = i * n;
    for (let j = 0; j < n; j++) {
      const c = cost[base + j];
      if (c < v[j]) {
        v[j] = c;
        argmin[j] = i;
      }
    }
  }
  for (let j = 0; j < n; j++) {
    if (v[j] === Infinity) {
      const colWord = rowWord === 'row' ? 'column' : 'row';
      throw new InfeasibleAssignmentError(`Every cell of ${colWord} ${j} is forbidden, so no complete assignment exists`);
    }
    const i = argmin[j];
    if (col4row[i] === -1) {
      col4row[i] = j;
      row4col[j] = i;
    }
  }
  // Reduction transfer: lower each assigned column's potential by its row's slack
  // elsewhere, so that later searches start from tighter prices.
  for (let i = 0; i < n; i++) {
    const own = col4row[i];
    if (own === -1) continue;
    const base = i * n;
    let slack = Infinity;
    for (let j = 0; j < n; j++) {
      if (j === own) continue;
      const r = cost[base + j] - v[j];
      if (r < slack) slack = r;
    }
    if (slack !== Infinity) v[own] -= slack;
    u[i] = cost[base + own] - v[own];
  }
}

/**
 * Rectangular start (nr < nc): each row's potential is its least cost, and it takes that
 * column (the lowest such) when no earlier row has. Column potentials stay zero.
 */
function reduceRows(cost: Float64Array, nr: number, nc: number, u: Float64Array, col4row: Int32Array, row4col: Int32Array, rowWord: string): void {
  for (let i = 0; i < nr; i++) {
    const base = i * nc;
    let least = Infinity;
    let at = -1;
    for (let j = 0; j < nc; j++) {
      const c = cost[base + j];
      if (c < least) {
        least = c;
        at = j;
      }
    }
    if (at === -1) {
      throw new InfeasibleAssignmentError(`Every cell of ${rowWord} ${i} is forbidden, so no complete assignment exists`);
    }
    u[i] = least;
    if (row4col[at] === -1) {
      row4col[at] = i;
      col4row[i] = at;
    }
  }
}
