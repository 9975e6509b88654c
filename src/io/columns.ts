/**
 * Which column of an input file holds which field. Headers match ignoring case,
 * spaces, underscores and punctuation, under a field's plain name and its aliases.
 * The fields and their aliases are the caller's (the domain says what a roster's
 * columns are called); this module only matches them.
 */

/** `--map "Header=ignore"` drops a column. */
export const IGNORE = 'ignore';

export const squashHeader = (header: string): string => header.toLowerCase().replace(/[^a-z0-9]/g, '');

/** The headers a file of one kind may have: each field, the other names it goes by, and the hierarchy field. */
export interface HeaderSpec<F extends string> {
  fields: readonly F[];
  /** Header spellings per field, beyond the plain name itself. */
  aliases: Readonly<Record<F, readonly string[]>>;
  /** The field ESR organisation hierarchy headers (`Org L3`...) read as, the deepest level present. */
  hierarchy?: F;
}

const indexes = new WeakMap<object, ReadonlyMap<string, string>>();

/** Squashed header -> field, from each field's plain name and its aliases (built once per spec's aliases). */
export function headerIndex<F extends string>(spec: HeaderSpec<F>): ReadonlyMap<string, F> {
  const built = indexes.get(spec.aliases) as ReadonlyMap<string, F> | undefined;
  if (built !== undefined) return built;
  const map = new Map<string, F>();
  for (const field of spec.fields) {
    map.set(squashHeader(field), field);
    for (const alias of spec.aliases[field]) map.set(squashHeader(alias), field);
  }
  indexes.set(spec.aliases, map);
  return map;
}

export interface ColumnProblem {
  column: number;
  message: string;
}

export interface ColumnMapping<F extends string> {
  /** For each column index, its field, or null when ignored or unknown. */
  fields: Array<F | null>;
  /** Column index of each field present. */
  indexOf: Partial<Record<F, number>>;
  /** Headers we did not recognise (ignored, listed in one warning). */
  unknown: string[];
  problems: ColumnProblem[];
  /** For each column index, how messages name it: `column D (Pay Band)`. */
  labels: string[];
}

/** Spreadsheet column letter for a 0-based index: 0 -> A, 26 -> AA. */
export function columnLetter(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return letters;
}

/** `column D (Pay Band)`: the letter for Excel users, the header for everyone. */
export function columnLabel(index: number, header: string | undefined): string {
  const name = header?.trim();
  return name ? `column ${columnLetter(index)} (${name})` : `column ${columnLetter(index)}`;
}

/**
 * Maps headers to fields. `maps` (from `--map`) is keyed by squashed header and wins
 * over the built-in names. Two columns meaning one field are refused.
 */
export function mapColumns<F extends string>(
  headers: string[],
  spec: HeaderSpec<F>,
  maps: ReadonlyMap<string, F | typeof IGNORE> = new Map(),
): ColumnMapping<F> {
  const index = headerIndex(spec);
  const { hierarchy } = spec;
  const levels = hierarchy === undefined ? new Map<number, F>() : hierarchyColumns(headers, index, maps, hierarchy);
  const fields: Array<F | null> = [];
  const indexOf: Partial<Record<F, number>> = {};
  const unknown: string[] = [];
  const problems: ColumnProblem[] = [];
  headers.forEach((header, column) => {
    const key = squashHeader(header);
    const target = maps.get(key) ?? index.get(key) ?? levels.get(column);
    if (target === undefined && hierarchy !== undefined && ORG_LEVEL.test(key)) {
      // Org L2, Org L3...: only the chosen level is read; the others are expected, not news.
      fields.push(null);
      return;
    }
    if (target === undefined || target === IGNORE) {
      fields.push(null);
      if (target === undefined && header.trim() !== '') unknown.push(header.trim());
      return;
    }
    const field = target;
    const earlier = indexOf[field];
    if (earlier !== undefined) {
      problems.push({
        column,
        message:
          `${columnLabel(earlier, headers[earlier])} and ${columnLabel(column, header)} both mean ${field}; ` +
          `keep one, for example with --map "${header.trim()}=ignore"`,
      });
      fields.push(null);
      return;
    }
    indexOf[field] = column;
    fields.push(field);
  });
  return { fields, indexOf, unknown, problems, labels: headers.map((header, column) => columnLabel(column, header)) };
}

/** ESR's organisation hierarchy headers: `Org L3`, `Org Level 3`, `Organisation L4`, `Organization Level 5`. */
const ORG_LEVEL = /^(org|organisation|organization)(level|l)(\d{1,2})$/;

/**
 * Which hierarchy column reads as `field` (the department): none when a column already
 * means it (`Department`, `Organisation`, or a --map), else the deepest level present,
 * since the most specific level of the hierarchy is usually the department itself.
 */
function hierarchyColumns<F extends string>(
  headers: readonly string[],
  index: ReadonlyMap<string, F>,
  maps: ReadonlyMap<string, F | typeof IGNORE>,
  field: F,
): Map<number, F> {
  let deepest = -1;
  let deepestLevel = -1;
  for (const [column, header] of headers.entries()) {
    const key = squashHeader(header);
    if ((maps.get(key) ?? index.get(key)) === field) return new Map<number, F>();
    if (maps.has(key)) continue;
    const level = ORG_LEVEL.exec(key);
    if (level && Number(level[3]) > deepestLevel) {
      deepestLevel = Number(level[3]);
      deepest = column;
    }
  }
  return deepest < 0 ? new Map<number, F>() : new Map([[deepest, field]]);
}
