/**
 * The last step of a shortest augmenting path search (lsap.ts, and freeColumnSearch.ts
 * beside it): the path found, from the free column `sink` back to `curRow` through `pred`,
 * flipped, so every row on it takes the column it reached and `curRow` is placed.
 */
export function flipPath(sink: number, curRow: number, pred: Int32Array, row4col: Int32Array, col4row: Int32Array): void {
  let j = sink;
  for (;;) {
    const r = pred[j];
    row4col[j] = r;
    const previous = col4row[r];
    col4row[r] = j;
    if (r === curRow) break;
    j = previous;
  }
}
