/**
 * One roster record -> the facts it states, or the problems that refuse it.
 * Only the columns present in the file are stated; the rest stay as they were.
 */
import type { RowProblem } from '../errors.js';
import { BAND_EXPECTED, parseBand } from './bands.js';
import { DATE_EXPECTED, parseDate, parseDateCell, SERIAL_DATE_WARNING, type DateResult, type IsoDate } from './dates.js';
import { ETHNICITY_EXPECTED, parseEthnicity } from './ethnicity.js';
import { FUNCTION_EXPECTED, parseFunctions } from './functions.js';
import type { FieldColumns, InputFile } from './inputFile.js';
import { ROSTER_HEADERS, type RosterField } from './rosterColumns.js';
import { parseProgrammeRole, ROLE_EXPECTED } from './enrolment.js';
import type { ProgrammeRole, StaffFacts } from './staff.js';
import { YES_NO_EXPECTED, parseYesNo } from './yesNo.js';

export interface RosterRow {
  /** Physical line where the record starts (the header is line 1). */
  line: number;
  staffId: string;
  /** Only the facts whose columns the file has. */
  facts: Partial<StaffFacts>;
  /** undefined: no role column; null: blank cell (enrols nobody). */
  role: ProgrammeRole | null | undefined;
  /**
   * What the `active` and `left_on` columns say: false, a leaver (a `left_on` day alone says
   * so too); true, still here; undefined, nothing (no column, or blank cells): a person in a
   * roster is taken to be here, as always.
   */
  active?: boolean;
  /** The day a leaver left, from `left_on`; null when the file gives none. Only with active false. */
  leftOn?: IsoDate | null;
  /**
   * Facts whose column the file has but whose cell is blank. Some blanks still become a
   * value in `facts` (board member no, capacity 1, functions derived); a value set by hand
   * is kept over a blank cell (docs/programme-year.md, "Set by hand"), so the planner must know.
   */
  blank: Array<keyof StaffFacts>;
  /** The band cell held something that is not a band (warned already); the band is stored as unknown. */
  bandUnknown?: true;
}

export interface RowResult {
  row: RosterRow | null;
  problems: RowProblem[];
  warnings: RowProblem[];
}

/** No roster cell needs more than this; longer is a broken export, not a name. */
export const MAX_FIELD_LENGTH = 1000;
/** The capacity range and email rule a roster cell and `remedi staff edit` share. */
export const MAX_CAPACITY = 20;
export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The facts each single column states (name, from one or two columns, is handled apart). */
const FACTS_OF_FIELD: ReadonlyArray<[RosterField, Array<keyof StaffFacts>]> = [
  ['email', ['email']],
  ['department', ['department']],
  ['job_title', ['jobTitle']],
  ['staff_group', ['staffGroup']],
  ['band', ['band']],
  ['ethnicity', ['ethnicity']],
  ['bme', ['bmeOverride']],
  ['function', ['functionsStated']],
  ['board_member', ['boardMember']],
  ['line_manager_id', ['lineManagerId']],
  ['race_trained', ['raceTrained', 'raceTrainedOn']],
  ['capacity', ['capacity']],
];

const AFC_LOOKALIKE = /^((agendaforchange|afc)?(payband|band)|\d)/;
/** `Band 10`, `Band X`, `8`, `12`: meant as a band but not one, so a typo to fix, not an unknown band. */
function looksLikeAfcBand(raw: string): boolean {
  return AFC_LOOKALIKE.test(raw.toLowerCase().replace(/[^a-z0-9]/g, ''));
}

/** Why a band that is not a pay band or grade is kept as unknown (a warning, not a refusal). */
export function unknownBandMessage(): string {
  // No staff id in it, so the terminal groups 27 rows of "Non AfC" into one line.
  return `not a pay band or grade remedi knows, so their seniority is unknown and they are not paired until it is set (remedi staff edit STAFF_ID --band ...); expected ${BAND_EXPECTED}, or map it with --map-value "band:Non AfC=VSM"`;
}

/** Blank cells become null; surrounding spaces are never data. */
const text = (value: string): string | null => {
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
};

/**
 * `serialsWarned` holds the date columns already warned about Excel day numbers: the caller
 * keeps one set per file, so the warning comes once per column, not once per row.
 */
export function parseRosterRecord(
  cells: readonly string[],
  line: number,
  columns: FieldColumns<RosterField>,
  serialsWarned: Set<RosterField> = new Set(),
): RowResult {
  const problems: RowProblem[] = [];
  const warnings: RowProblem[] = [];
  const facts: Partial<StaffFacts> = {};
  let role: ProgrammeRole | null | undefined;
  let bandUnknown = false;

  const has = (field: RosterField): boolean => columns.indexOf[field] !== undefined;
  const cell = (field: RosterField): string => cells[columns.indexOf[field]!] ?? '';
  const refuse = (field: RosterField, message: string): void => {
    const index = columns.indexOf[field]!;
    problems.push({ line, column: columns.labels[index], value: cells[index] ?? '', message });
  };
  /** A date cell; an Excel day number is read, with one warning for its column. */
  const dateCell =
    (field: RosterField) =>
    (raw: string): DateResult => {
      const date = parseDateCell(raw);
      if (date.ok && date.serial && !serialsWarned.has(field)) {
        serialsWarned.add(field);
        const index = columns.indexOf[field]!;
        warnings.push({ line, column: columns.labels[index], value: raw, message: SERIAL_DATE_WARNING });
      }
      return date;
    };

  cells.forEach((value, index) => {
    if (value.length > MAX_FIELD_LENGTH) {
      problems.push({
        line,
        column: columns.labels[index],
        value: `${value.slice(0, 20)}...`,
        message: `over-long field of ${value.length} characters; expected at most ${MAX_FIELD_LENGTH}`,
      });
    }
  });
  if (problems.length > 0) return { row: null, problems, warnings };

  const staffId = has('staff_id') ? text(cell('staff_id')) : null;
  if (has('staff_id') && staffId === null) refuse('staff_id', 'the staff id is missing; every person needs their employee number');

  if (has('name')) {
    const name = text(cell('name'));
    if (name !== null) facts.name = name;
  } else if (has('first_name') || has('last_name')) {
    const parts = [has('first_name') ? text(cell('first_name')) : null, has('last_name') ? text(cell('last_name')) : null];
    const name = parts.filter((part) => part !== null).join(' ');
    if (name !== '') facts.name = name;
  }

  if (has('email')) {
    const email = text(cell('email'));
    if (email !== null && !EMAIL.test(email)) refuse('email', 'not an email address; expected something like jane.doe@nhs.net');
    else facts.email = email;
  }
  if (has('department')) facts.department = text(cell('department'));
  if (has('job_title')) facts.jobTitle = text(cell('job_title'));
  if (has('staff_group')) facts.staffGroup = text(cell('staff_group'));

  if (has('band')) {
    const raw = cell('band');
    if (text(raw) === null) facts.band = null;
    else {
      const band = parseBand(raw);
      if (band !== null) facts.band = band.label;
      else if (looksLikeAfcBand(raw)) refuse('band', `not a pay band; expected ${BAND_EXPECTED}`);
      else {
        // ESR holds Non AfC, Chair, Apprentice, N/A...: seniority unknown, never paired until set.
        facts.band = null;
        bandUnknown = true;
        const index = columns.indexOf.band!;
        warnings.push({ line, column: columns.labels[index], value: raw, message: unknownBandMessage() });
      }
    }
  }

  if (has('ethnicity')) {
    const ethnicity = parseEthnicity(cell('ethnicity'));
    facts.ethnicity = ethnicity.code;
    if (ethnicity.unrecognised) {
      const index = columns.indexOf.ethnicity!;
      warnings.push({
        line,
        column: columns.labels[index],
        value: cell('ethnicity'),
        message: `not an ethnic category we know, so BME is recorded as unknown; expected ${ETHNICITY_EXPECTED}`,
      });
    }
  }

  const yesNo = (field: RosterField): boolean | null | undefined => {
    const parsed = parseYesNo(cell(field));
    if (parsed === undefined) refuse(field, `expected ${YES_NO_EXPECTED}`);
    return parsed;
  };
  if (has('bme')) {
    const bme = yesNo('bme');
    if (bme !== undefined) facts.bmeOverride = bme;
  }
  if (has('board_member')) {
    const board = yesNo('board_member');
    if (board !== undefined) facts.boardMember = board ?? false;
  }

  if (has('function')) {
    const parsed = parseFunctions(cell('function'));
    if (parsed.ok) facts.functionsStated = parsed.functions;
    else refuse('function', `"${parsed.unknown}" is not a function; expected ${FUNCTION_EXPECTED}`);
  }

  if (has('line_manager_id')) {
    const manager = text(cell('line_manager_id'));
    if (manager !== null && manager === staffId) refuse('line_manager_id', 'a person cannot be their own line manager');
    else facts.lineManagerId = manager;
  }

  // A blank RACE cell says nothing: training recorded earlier (remedi staff train) stays.
  if (has('race_trained') && text(cell('race_trained')) !== null) {
    const trained = parseRaceTraining(cell('race_trained'), dateCell('race_trained'));
    if (trained === null) refuse('race_trained', `expected yes, no, or ${DATE_EXPECTED} (the day they were trained)`);
    else if (typeof trained === 'string') refuse('race_trained', trained);
    else {
      facts.raceTrained = trained.trained;
      facts.raceTrainedOn = trained.on;
    }
  }

  if (has('capacity')) {
    const raw = text(cell('capacity'));
    if (raw === null) facts.capacity = 1;
    else if (!/^\d+$/.test(raw) || Number(raw) > MAX_CAPACITY) {
      refuse('capacity', `expected a whole number of mentees from 0 to ${MAX_CAPACITY}`);
    } else facts.capacity = Number(raw);
  }

  if (has('role')) {
    const parsed = parseProgrammeRole(cell('role'));
    if (parsed === undefined) refuse('role', `expected ${ROLE_EXPECTED}`);
    else role = parsed;
  }

  // Who has left and when (remedi export's staff.csv): a leaver stays a leaver, with their day.
  let active: boolean | undefined;
  let leftOn: IsoDate | null = null;
  if (has('active')) {
    const stated = yesNo('active');
    if (stated !== undefined && stated !== null) active = stated;
  }
  if (has('left_on') && text(cell('left_on')) !== null) {
    const day = dateCell('left_on')(cell('left_on'));
    if (!day.ok) refuse('left_on', `${day.problem}; expected ${DATE_EXPECTED} (the day they left)`);
    else if (active === true) refuse('left_on', 'the active column says yes, so this person has not left; leave left_on blank, or write no under active');
    else {
      leftOn = day.date;
      active = false;
    }
  }
  if (active === false && role) refuse('role', 'this person has left (active no), so they cannot be enrolled; leave their role blank');

  if (problems.length > 0 || staffId === null) return { row: null, problems, warnings };
  const blank: Array<keyof StaffFacts> = [];
  const nameColumns = has('name') ? ['name' as const] : (['first_name', 'last_name'] as const).filter(has);
  if (nameColumns.length > 0 && nameColumns.every((field) => text(cell(field)) === null)) blank.push('name');
  for (const [field, keys] of FACTS_OF_FIELD) if (has(field) && text(cell(field)) === null) blank.push(...keys);
  const row: RosterRow = { line, staffId, facts, role, blank };
  if (active !== undefined) row.active = active;
  if (active === false) row.leftOn = leftOn;
  if (bandUnknown) row.bandUnknown = true;
  return { row, problems, warnings };
}

/** A roster file, for the table reader: one per file read, since Excel day numbers are warned about once per file. */
export function rosterFile(): InputFile<RosterField, RosterRow> {
  const serialsWarned = new Set<RosterField>();
  return {
    ...ROSTER_HEADERS,
    what: 'roster',
    empty: 'nobody in it',
    required: { fields: ['staff_id'], hint: 'staff id (looked for headers like staff_id or Employee Number)' },
    read: (cells, line, columns) => parseRosterRecord(cells, line, columns, serialsWarned),
  };
}

/**
 * A RACE-training cell: yes/no, or the date they were trained (which means yes).
 * Returns null when unreadable, or a string naming what is wrong with a date.
 */
export function parseRaceTraining(raw: string, readDate: (raw: string) => DateResult = parseDate): { trained: boolean; on: IsoDate | null } | string | null {
  const yes = parseYesNo(raw);
  if (yes !== undefined) return { trained: yes === true, on: null };
  const date = readDate(raw);
  if (date.ok) return { trained: true, on: date.date };
  // Something with a digit in it was meant as a date; anything else is neither.
  if (/\d/.test(raw)) return `not a real date: ${date.problem}; expected ${DATE_EXPECTED}`;
  return null;
}
