/**
 * NHS Data Dictionary ethnic category, and BME status as the Workforce Race Equality
 * Standard counts it (docs/roster.md, "Ethnic category and BME"). Unknown is never guessed.
 */

export type BmeStatus = 'yes' | 'no' | 'unknown';

/** National category letters and their descriptions. */
const CATEGORIES: ReadonlyArray<[string, string, string]> = [
  // [code, group, description]
  ['A', 'White', 'British'],
  ['B', 'White', 'Irish'],
  ['C', 'White', 'Any other White background'],
  ['D', 'Mixed', 'White and Black Caribbean'],
  ['E', 'Mixed', 'White and Black African'],
  ['F', 'Mixed', 'White and Asian'],
  ['G', 'Mixed', 'Any other mixed background'],
  ['H', 'Asian or Asian British', 'Indian'],
  ['J', 'Asian or Asian British', 'Pakistani'],
  ['K', 'Asian or Asian British', 'Bangladeshi'],
  ['L', 'Asian or Asian British', 'Any other Asian background'],
  ['M', 'Black or Black British', 'Caribbean'],
  ['N', 'Black or Black British', 'African'],
  ['P', 'Black or Black British', 'Any other Black background'],
  ['R', 'Other ethnic groups', 'Chinese'],
  ['S', 'Other ethnic groups', 'Any other ethnic group'],
  ['Z', 'Not stated', 'Not stated'],
];

const NATIONAL_LETTERS = new Set(CATEGORIES.map(([code]) => code));
const BME_LETTERS = new Set('DEFGHJKLMNPRS'.split(''));

const squash = (text: string): string => text.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Descriptions (squashed) to codes: "White - British", "White British", "Indian", ... */
const CODE_OF_DESCRIPTION: ReadonlyMap<string, string> = (() => {
  const map = new Map<string, string>();
  for (const [code, group, description] of CATEGORIES) {
    map.set(squash(`${group} ${description}`), code);
    map.set(squash(description), code);
  }
  // The descriptions people actually type, and ESR's own words for "not stated".
  const extra: Array<[string, string]> = [
    ['White British', 'A'],
    ['White Irish', 'B'],
    ['Other White', 'C'],
    ['White Other', 'C'],
    ['Chinese', 'R'],
    ['Other Chinese', 'R'],
    ['Any other ethnic group', 'S'],
    ['Other', 'S'],
    ['Not stated', 'Z'],
    ['Unspecified', 'Z'],
    ['Prefer not to say', 'Z'],
    ['I do not wish to disclose my ethnic origin', 'Z'],
    ['Not known', '99'],
    ['Unknown', '99'],
  ];
  for (const [text, code] of extra) map.set(squash(text), code);
  return map;
})();

export interface Ethnicity {
  /** The code as given, upper-cased: `M`, `C3`, `Z`, `99`; null when blank or unrecognised. */
  code: string | null;
  /** True when the cell held something we could not read as an ethnic category. */
  unrecognised: boolean;
}

/** A code is a national letter, a local two-character code, or 99. */
function asCode(token: string): string | null {
  const upper = token.toUpperCase();
  if (upper === '99') return '99';
  // "NA" in a spreadsheet means "not applicable", not a local code under N.
  if (upper === 'NA') return null;
  if (/^[A-Z][A-Z0-9]?$/.test(upper) && NATIONAL_LETTERS.has(upper[0])) return upper;
  return null;
}

/**
 * Reads an ethnicity cell: a code (`M`, `C3`), an ESR value
 * (`M Black or Black British - Caribbean`: the code is the first token) or a
 * category's description (`Black or Black British - Caribbean`, `Indian`).
 */
export function parseEthnicity(raw: string): Ethnicity {
  const text = raw.trim();
  if (text === '') return { code: null, unrecognised: false };
  const firstToken = text.split(/\s+/)[0];
  const code = asCode(firstToken);
  if (code !== null) return { code, unrecognised: false };
  const described = CODE_OF_DESCRIPTION.get(squash(text));
  if (described !== undefined) return { code: described, unrecognised: false };
  return { code: null, unrecognised: true };
}

/** BME from a code; an explicit yes/no (the `bme` column) overrides it. */
export function bmeStatus(code: string | null, override: boolean | null): BmeStatus {
  if (override !== null) return override ? 'yes' : 'no';
  if (code === null || code === '99') return 'unknown';
  const letter = code[0];
  if (BME_LETTERS.has(letter)) return 'yes';
  if (letter === 'A' || letter === 'B' || letter === 'C') return 'no';
  return 'unknown';
}

export const ETHNICITY_EXPECTED =
  'an NHS ethnic category code (A to S, Z or 99, e.g. "M" or "C3"), an ESR value such as "M Black or Black British - Caribbean", or a description such as "Indian"';
