/**
 * The shortest augmenting path searches of lsap.ts, giving exactly its results with far
 * fewer cells read when costs are integers (see `exact` in lsap.ts).
 *
 * Why it can skip cells. A free column (one with no row yet) is never visited by a search
 * except as the sink that ends it, so its potential v[j] does not move while it is free. Its
 * tentative distance after visiting rows i1, i2, ... is the least of
 * shift(i) + (cost[i][j] - v[j]), and a search only ever asks which free column has the least
 * distance (the lowest index on a tie). Row i's best free column is the one with the least
 * key cost[i][j] - v[j] (lowest index on a tie), whatever the search: so each row keeps a short
 * list of its free columns in key order, computed once, and a search reads one cell per
 * visited row for the free side instead of scanning every free column. Columns only ever
 * leave the free set, so a list stays a correct prefix of the row's order once the columns
 * taken since are skipped; it is rebuilt when used up. Assigned columns are scanned as before.
 *
 * Exactness. Every quantity is an integer below 2^53 (lsap.ts checks the bound), so each
 * sum is exact and ordering by key is ordering by distance: the columns chosen, the
 * predecessors kept (only on a strict improvement) and the potentials are those of the
 * plain search, step for step. test/matching/freeColumnSearch.test.ts compares the two.
 *
 * In remedi's cohorts about two thirds of the cells a plain search reads are free columns'
 * (every mentee prefers the same few mentors, so the quick start places almost nobody).
 */
import { flipPath } from './augment.js';

/**
 * How many of a row's best free columns its list holds. Rebuilding by insertion costs more per
 * column as the list grows: on the bench's pair 2,000 matrix (callgrind, solve only plus loading
 * it) 8: 4.31G instructions, 16: 4.23G, 24: 4.42G, 32: 4.60G, 128: 8.77G.
 */
const LISTED = 16;

export interface SearchState {
  cost: Float64Array;
  nr: number;
  nc: number;
  u: Float64Array;
  v: Float64Array;
  col4row: Int32Array;
  row4col: Int32Array;
}

/**
 * Joins every row still unassigned after the quick start, in index order, as lsap.ts's
 * plain search does. Returns -1, or the first row that cannot be placed (every path from it
 * ends in forbidden cells). `placedOne` is called after each search.
 */
export function searchWithFreeColumnLists(state: SearchState, placedOne: () => void): number {
  const { cost, nr, nc, u, v, col4row, row4col } = state;
  const dist = new Float64Array(nc);
  const pred = new Int32Array(nc);

  // Assigned columns in index order (read in order, the cost row is read in order), and a
  // copy for each search with the unvisited ones first (visited ones are swapped behind them).
  const assignedColumns = new Int32Array(nc);
  const cols = new Int32Array(nc);
  let assigned = 0;
  // Free columns in index order.
  const free = new Int32Array(nc);
  let nFree = 0;
  for (let j = 0; j < nc; j++) {
    if (row4col[j] === -1) free[nFree++] = j;
    else assignedColumns[assigned++] = j;
  }

  const lists = new FreeColumnLists(nr);
  const { listed, head, size } = lists;

  for (let curRow = 0; curRow < nr; curRow++) {
    if (col4row[curRow] !== -1) continue; // placed by the quick start
    cols.set(assignedColumns.subarray(0, assigned));
    for (let k = 0; k < assigned; k++) dist[cols[k]] = Infinity;
    let unvisited = assigned;
    let i = curRow;
    let minVal = 0;
    // The free side: the least distance of any free column so far, the column and its predecessor.
    let freeLowest = Infinity;
    let freeBest = -1;
    let freePred = -1;
    let sink = -1;

    while (sink === -1) {
      const base = i * nc;
      const shift = minVal - u[i];
      // Row i's free side first: a free column at distance minVal ends the search at once, as
      // no unvisited column is nearer (reduced costs are never negative) and free columns win ties.
      let j = -1;
      for (let k = head[i], at = i * LISTED; k < size[i]; k++) {
        const listedJ = listed[at + k];
        if (row4col[listedJ] === -1) {
          head[i] = k;
          j = listedJ;
          break;
        }
      }
      if (j === -1) j = lists.rebuild(i, cost, v, nc, free, nFree);
      if (j !== -1) {
        // A strict improvement, or the same distance at a lower index (which must then improve on j's own: see above).
        const d = shift + cost[base + j] - v[j];
        if (d < freeLowest || (d === freeLowest && j < freeBest)) {
          freeLowest = d;
          freeBest = j;
          freePred = i;
        }
      }
      if (freeLowest === minVal) {
        sink = freeBest;
        pred[sink] = freePred;
        break;
      }
      const bestK = relaxRow(cost, base, shift, v, dist, pred, cols, unvisited, i);
      const bestJ = bestK === -1 ? -1 : cols[bestK];
      const lowest = bestK === -1 ? Infinity : dist[bestJ];
      if (lowest === Infinity && freeLowest === Infinity) return curRow;
      if (freeLowest <= lowest) {
        // A free column wins a tie with an assigned one: the search ends there.
        minVal = freeLowest;
        sink = freeBest;
        pred[sink] = freePred;
      } else {
        minVal = lowest;
        unvisited--;
        cols[bestK] = cols[unvisited];
        cols[unvisited] = bestJ;
        i = row4col[bestJ];
      }
    }

    // Move the potentials of the visited (assigned) columns and their rows; the sink's delta is zero.
    u[curRow] += minVal;
    for (let k = unvisited; k < assigned; k++) {
      const j = cols[k];
      const delta = minVal - dist[j];
      u[row4col[j]] += delta;
      v[j] -= delta;
    }

    flipPath(sink, curRow, pred, row4col, col4row);
    const at = lowerBound(free, nFree, sink);
    free.copyWithin(at, at + 1, nFree);
    nFree--;
    const into = lowerBound(assignedColumns, assigned, sink);
    assignedColumns.copyWithin(into + 1, into, assigned);
    assignedColumns[into] = sink;
    assigned++;
    placedOne();
  }
  return -1;
}

/**
 * Relaxes the unvisited assigned columns cols[0, unvisited) from row i (base = i * nc, shift =
 * the distance to row i less its potential) and returns the position in cols of the nearest
 * (the lowest index on a tie), or -1 when there is none. Its own small function: compiled on
 * its own, the loop that is most of the solver's time keeps its values in registers.
 */
function relaxRow(
  cost: Float64Array,
  base: number,
  shift: number,
  v: Float64Array,
  dist: Float64Array,
  pred: Int32Array,
  cols: Int32Array,
  unvisited: number,
  i: number,
): number {
  let lowest = Infinity;
  let bestK = -1;
  let bestJ = 0;
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
    if (d < lowest || (d === lowest && (bestK === -1 || j < bestJ))) {
      lowest = d;
      bestK = k;
      bestJ = j;
    }
  }
  return bestK;
}

/**
 * Each row's list of its best free columns: listed[i * LISTED + k] for k in [head[i], size[i]),
 * in (key, index) order; complete[i] when the list held every free column of finite key when
 * it was built (then none is left to find once it is used up).
 */
class FreeColumnLists {
  readonly listed: Int32Array;
  readonly head: Int32Array;
  readonly size: Int32Array;
  private readonly complete: Uint8Array;
  private readonly keys = new Float64Array(LISTED);

  constructor(nr: number) {
    this.listed = new Int32Array(nr * LISTED);
    this.head = new Int32Array(nr);
    this.size = new Int32Array(nr);
    this.complete = new Uint8Array(nr);
  }

  /**
   * Row i's list once its columns are all taken: the LISTED least (key, index) among the free
   * columns (free[0, nFree), in index order, so a tie never moves an earlier column back), by
   * insertion. Returns the first, or -1 when every free cell of the row is forbidden.
   */
  rebuild(i: number, cost: Float64Array, v: Float64Array, nc: number, free: Int32Array, nFree: number): number {
    const { listed, keys } = this;
    const at = i * LISTED;
    this.head[i] = 0;
    if (this.complete[i] === 1) {
      this.size[i] = 0;
      return -1;
    }
    const base = i * nc;
    let n = 0;
    for (let f = 0; f < nFree; f++) {
      const j = free[f];
      const key = cost[base + j] - v[j];
      if (key === Infinity) continue;
      if (n === LISTED && key >= keys[n - 1]) continue;
      let k = n < LISTED ? n++ : n - 1;
      while (k > 0 && keys[k - 1] > key) {
        keys[k] = keys[k - 1];
        listed[at + k] = listed[at + k - 1];
        k--;
      }
      keys[k] = key;
      listed[at + k] = j;
    }
    this.size[i] = n;
    this.complete[i] = n < LISTED ? 1 : 0;
    return n === 0 ? -1 : listed[at];
  }
}

/** The position of x in the sorted values[0, n). */
function lowerBound(values: Int32Array, n: number, x: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
