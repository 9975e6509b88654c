/**
 * Which roster column holds which field. Headers match ignoring case, spaces,
 * underscores and punctuation, under their plain names and the names HR exports use.
 */

export const ROSTER_FIELDS = [
  'staff_id',
  'name',
  'first_name',
  'last_name',
  'email',
  'department',
  'job_title',
  'band',
  'staff_group',
  'ethnicity',
  'bme',
  'function',
  'board_member',
  'line_manager_id',
  'role',
  'race_trained',
  'capacity',
] as const;

export type RosterField = (typeof ROSTER_FIELDS)[number];

/** `--map "Header=ignore"` drops a column. */
export const IGNORE = 'ignore';
export type ColumnTarget = RosterField | typeof IGNORE;

export const squashHeader = (header: string): string => header.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Header spellings per field, beyond the plain name itself. */
const ALIASES: Record<RosterField, string[]> = {
  staff_id: ['Employee Number', 'Employee No', 'Employee ID', 'Staff Number', 'Staff No', 'Person Number', 'ESR Number', 'Emp No', 'Payroll Number'],
  name: ['Full Name', 'Employee Name', 'Staff Name', 'Display Name'],
  first_name: ['Forename', 'Forenames', 'Given Name', 'First Names'],
  last_name: ['Surname', 'Family Name'],
  email: ['Email Address', 'E-mail', 'Work Email', 'Work Email Address', 'NHSmail', 'NHS Mail Address'],
  department: ['Directorate', 'Dept', 'Department Name'],
  job_title: ['Job Role', 'Position Title', 'Position', 'Job', 'Post Title'],
  band: ['Pay Band', 'Grade', 'Pay Grade', 'AfC Band', 'Band/Grade'],
  staff_group: ['Staff Group Name'],
  ethnicity: ['Ethnic Origin', 'Ethnic Category', 'Ethnicity Code', 'Ethnic Group'],
  bme: ['BAME', 'Is BME', 'BME Status'],
  function: ['Functions'],
  board_member: ['Board', 'Executive Board', 'Exec Board', 'Board Level', 'Is Board Member', 'Executive Board Member'],
  line_manager_id: [
    'Line Manager Employee Number',
    'Line Manager Staff ID',
    'Line Manager Number',
    'Manager ID',
    'Manager Employee Number',
    'Manager Staff ID',
    'Supervisor Employee Number',
  ],
  role: ['Programme Role', 'Program Role', 'ReMEDI Role', 'Mentoring Role'],
  race_trained: ['RACE Training', 'RACE Trained On', 'RACE Training Date', 'RACE Date'],
  capacity: ['Max Mentees', 'Mentor Capacity'],
};

const FIELD_OF_HEADER: ReadonlyMap<string, RosterField> = (() => {
  const map = new Map<string, RosterField>();
  for (const field of ROSTER_FIELDS) {
    map.set(squashHeader(field), field);
    for (const alias of ALIASES[field]) map.set(squashHeader(alias), field);
  }
  return map;
})();

export function isColumnTarget(text: string): text is ColumnTarget {
  return text === IGNORE || (ROSTER_FIELDS as readonly string[]).includes(text);
}

export interface ColumnProblem {
  column: number;
  message: string;
}

export interface ColumnMapping {
  /** For each column index, its field, or null when ignored or unknown. */
  fields: Array<RosterField | null>;
  /** Column index of each field present. */
  indexOf: Partial<Record<RosterField, number>>;
  /** Headers we did not recognise (ignored, listed in one warning). */
  unknown: string[];
  problems: ColumnProblem[];
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
export function mapColumns(headers: string[], maps: ReadonlyMap<string, ColumnTarget> = new Map()): ColumnMapping {
  const fields: Array<RosterField | null> = [];
  const indexOf: Partial<Record<RosterField, number>> = {};
  const unknown: string[] = [];
  const problems: ColumnProblem[] = [];
  headers.forEach((header, index) => {
    const key = squashHeader(header);
    const target = maps.get(key) ?? FIELD_OF_HEADER.get(key);
    if (target === undefined || target === IGNORE) {
      fields.push(null);
      if (target === undefined && header.trim() !== '') unknown.push(header.trim());
      return;
    }
    const earlier = indexOf[target];
    if (earlier !== undefined) {
      problems.push({
        column: index,
        message:
          `${columnLabel(earlier, headers[earlier])} and ${columnLabel(index, header)} both mean ${target}; ` +
          `keep one, for example with --map "${header.trim()}=ignore"`,
      });
      fields.push(null);
      return;
    }
    indexOf[target] = index;
    fields.push(target);
  });
  return { fields, indexOf, unknown, problems };
}
