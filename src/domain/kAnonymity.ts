/**
 * k-anonymity for the research export: every combination of the identifying columns is shared
 * by at least k rows, by emptying cells, and as a last resort leaving rows out
 * (docs/outcomes.md, "The research export").
 */

export interface Anonymised<R, C extends string = string> {
  rows: R[];
  /** Cells emptied in the rows kept, per column, in the order the columns were given. */
  suppressed: Array<{ column: C; cells: number }>;
  /** Rows left out because even with every identifying cell empty they were fewer than k. */
  leftOut: number;
}

const keyOf = <R>(row: R, columns: ReadonlyArray<keyof R>): string => columns.map((c) => String(row[c])).join('\u0000');

/** The size of each row's combination of the columns. */
function classSizes<R>(rows: readonly R[], columns: ReadonlyArray<keyof R>): number[] {
  const counts = new Map<string, number>();
  const keys = rows.map((row) => keyOf(row, columns));
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return keys.map((key) => counts.get(key) as number);
}

/** The fewest rows sharing a combination of the columns (Infinity for no rows). */
export function rarestCombination<R>(rows: readonly R[], columns: ReadonlyArray<keyof R>): number {
  return classSizes(rows, columns).reduce((least, size) => Math.min(least, size), Infinity);
}

/**
 * Empties, in the rows whose combination is rarer than k, the first column given (an empty string); counts
 * again over every row; then the next column for the rows still rarer; and so on. The
 * columns are given in the order they may be given up (the least needed first). Rows still
 * rarer than k with every identifying cell empty are left out. An empty cell is a value of
 * its own (a blank that was unknown and one emptied here look the same).
 */
export function kAnonymise<C extends string, R extends Record<C, string>>(input: readonly R[], columns: readonly C[], k: number): Anonymised<R, C> {
  const rows = input.map((row) => ({ ...row }));
  for (const column of columns) {
    const sizes = classSizes(rows, columns);
    if (sizes.every((size) => size >= k)) break;
    rows.forEach((row, i) => {
      if (sizes[i] < k) (row as Record<C, string>)[column] = '';
    });
  }
  const sizes = classSizes(rows, columns);
  const kept = rows.flatMap((row, i) => (sizes[i] >= k ? [{ row, before: input[i] }] : []));
  // Cells emptied in the rows kept (a row left out is counted as left out, not as emptied).
  const suppressed = columns.map((column) => ({ column, cells: kept.filter(({ row, before }) => row[column] !== before[column]).length }));
  return { rows: kept.map(({ row }) => row), suppressed, leftOut: rows.length - kept.length };
}
