/** Yes/no cells: `yes no y n true false 1 0` in any case (docs/roster.md, "Yes/no cells"). */

const YES = new Set(['yes', 'y', 'true', '1']);
const NO = new Set(['no', 'n', 'false', '0']);

export const YES_NO_EXPECTED = 'yes or no (also y/n, true/false, 1/0)';

/** Returns true, false, null for a blank cell, or undefined when it is neither. */
export function parseYesNo(raw: string): boolean | null | undefined {
  const text = raw.trim().toLowerCase();
  if (text === '') return null;
  if (YES.has(text)) return true;
  if (NO.has(text)) return false;
  return undefined;
}
