/**
 * Small counts of people by ethnicity hidden in a report that leaves the programme team
 * (--suppress-below K), so no one can be picked out from them.
 */

/** A count of people by ethnicity may be shown as "<K" in a report that leaves the programme team. */
export type Count = number | string;

/** What a count hidden only to protect another shows. */
export const SECONDARY = 'suppressed';

/**
 * Suppresses a group of counts for publication: each sensitive count from 1 to K-1 shows
 * as "<K" (primary); when that leaves exactly one hidden cell, which the group's total
 * would give away, the smallest other non-zero cell is hidden too, or every other cell
 * when none is non-zero (secondary suppression).
 */
export function protectCounts<K extends string>(counts: Record<K, number>, sensitive: readonly K[], below: number | null): Record<K, Count> {
  const keys = Object.keys(counts) as K[];
  const shown = { ...counts } as Record<K, Count>;
  if (below === null) return shown;
  const primary = keys.filter((k) => sensitive.includes(k) && counts[k] >= 1 && counts[k] < below);
  for (const k of primary) shown[k] = `<${below}`;
  if (primary.length !== 1) return shown;
  const others = keys.filter((k) => k !== primary[0]);
  const nonZero = others.filter((k) => counts[k] > 0).sort((a, b) => counts[a] - counts[b]);
  for (const k of nonZero.length > 0 ? [nonZero[0]] : others) shown[k] = SECONDARY;
  return shown;
}
