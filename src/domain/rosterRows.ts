/**
 * One roster record -> the facts it states, or the problems that refuse it.
 * Only the columns present in the file are stated; the rest stay as they were.
 */
import type { RowProblem } from '../errors.js';
import { BAND_EXPECTED, parseBand } from './bands.js';
import { DATE_EXPECTED, parseDate, parseDateCell, SERIAL_DATE_WARNING, type DateResult, type IsoDate } from './dates.js';
import { ETHNICITY_EXPECTED, parseEthnicity, type Ethnicity } from './ethnicity.js';
import { FUNCTION_EXPECTED, parseFunctions, type FunctionsResult } from './functions.js';
import type { FieldColumns, InputFile } from './inputFile.js';
import { ROSTER_FIELDS, type RosterField } from './rosterColumns.js';
import { parseProgrammeRole, ROLE_EXPECTED } from './enrolment.js';
import type { ProgrammeRole, StaffFacts } from './staff.js';
import { YES_NO_EXPECTED, parseYesNo } from './yesNo.js';
import type { CharacteristicValue } from './characteristics.js';
import { characteristicReader, rosterHeadersWith, type RosterColumn } from './rosterCharacteristics.js';

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
  /** The enabled characteristics whose column the file has, each with this row's value (unknown for a blank). */
  characteristics?: ReadonlyArray<readonly [string, CharacteristicValue]>;
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
 * What a cell of a column that repeats heavily (bands, ethnic codes, functions) reads as, per
 * distinct text: a million-row roster holds a few hundred distinct values in each, so each is
 * read once. Kept for one file (rosterFile); the readings are the parsers' own, never mutated.
 */
export class RosterCellCache {
  /** No more distinct values than this are kept per column: beyond it a cell is read afresh. */
  static readonly LIMIT = 4096;
  readonly band = new Map<string, BandReading>();
  readonly ethnicity = new Map<string, Ethnicity>();
  readonly functions = new Map<string, FunctionsResult>();
}

/** A non-blank band cell: a band's label, a typo to refuse, or a value kept as unknown (warned). */
type BandReading = { label: string } | 'refuse' | 'unknown';

function readBand(raw: string): BandReading {
  const band = parseBand(raw);
  if (band !== null) return { label: band.label };
  return looksLikeAfcBand(raw) ? 'refuse' : 'unknown';
}

function cached<T>(cache: Map<string, T>, raw: string, read: (raw: string) => T): T {
  let reading = cache.get(raw);
  if (reading === undefined) {
    reading = read(raw);
    if (cache.size < RosterCellCache.LIMIT) cache.set(raw, reading);
  }
  return reading;
}

/** Whether a cell is blank (only spaces): most cells start with a letter or digit, which settles it at once. */
function blankCell(value: string): boolean {
  if (value === '') return true;
  const first = value.charCodeAt(0);
  if (first > 0x20 && first < 0x7f) return false;
  return value.trim() === '';
}

/** Where each roster field is in a file's records (-1: no such column), found once per file. */
type RosterLayout = Readonly<Record<RosterField, number>> & {
  /** The columns whose blank cell leaves facts blank, with those facts (FACTS_OF_FIELD order). */
  readonly blankable: ReadonlyArray<readonly [number, ReadonlyArray<keyof StaffFacts>]>;
  /** The name's columns: `name`, else `first_name` and `last_name` as present. */
  readonly nameColumns: readonly number[];
};

const layouts = new WeakMap<FieldColumns<RosterField>, RosterLayout>();

function layoutOf(columns: FieldColumns<RosterField>): RosterLayout {
  let layout = layouts.get(columns);
  if (layout === undefined) {
    const at = (field: RosterField): number => columns.indexOf[field] ?? -1;
    const indexes = Object.fromEntries(ROSTER_FIELDS.map((field) => [field, at(field)])) as Record<RosterField, number>;
    const nameFields: RosterField[] = indexes.name >= 0 ? ['name'] : (['first_name', 'last_name'] as const).filter((field) => indexes[field] >= 0);
    layout = {
      ...indexes,
      blankable: FACTS_OF_FIELD.filter(([field]) => indexes[field] >= 0).map(([field, keys]) => [indexes[field], keys] as const),
      nameColumns: nameFields.map((field) => indexes[field]),
    };
    layouts.set(columns, layout);
  }
  return layout;
}

/**
 * `serialsWarned` holds the date columns already warned about Excel day numbers: the caller
 * keeps one set per file, so the warning comes once per column, not once per row. `cache`
 * keeps the file's repeated cell readings (one per file, as rosterFile makes).
 */
export function parseRosterRecord(
  cells: readonly string[],
  line: number,
  columns: FieldColumns<RosterField>,
  serialsWarned: Set<RosterField> = new Set(),
  cache: RosterCellCache = new RosterCellCache(),
): RowResult {
  const problems: RowProblem[] = [];
  const warnings: RowProblem[] = [];
  const facts: Partial<StaffFacts> = {};
  let role: ProgrammeRole | null | undefined;
  let bandUnknown = false;
  const at = layoutOf(columns);

  const cell = (field: RosterField): string => cells[at[field]] ?? '';
  const refuse = (field: RosterField, message: string): void => {
    const index = at[field];
    problems.push({ line, column: columns.labels[index], value: cells[index] ?? '', message });
  };
  /** A date cell; an Excel day number is read, with one warning for its column. */
  const dateCell =
    (field: RosterField) =>
    (raw: string): DateResult => {
      const date = parseDateCell(raw);
      if (date.ok && date.serial && !serialsWarned.has(field)) {
        serialsWarned.add(field);
        const index = at[field];
        warnings.push({ line, column: columns.labels[index], value: raw, message: SERIAL_DATE_WARNING });
      }
      return date;
    };

  for (let index = 0; index < cells.length; index += 1) {
    const value = cells[index];
    if (value.length > MAX_FIELD_LENGTH) {
      problems.push({
        line,
        column: columns.labels[index],
        value: `${value.slice(0, 20)}...`,
        message: `over-long field of ${value.length} characters; expected at most ${MAX_FIELD_LENGTH}`,
      });
    }
  }
  if (problems.length > 0) return { row: null, problems, warnings };

  const staffId = at.staff_id >= 0 ? text(cell('staff_id')) : null;
  if (at.staff_id >= 0 && staffId === null) refuse('staff_id', 'the staff id is missing; every person needs their employee number');

  if (at.name >= 0) {
    const name = text(cell('name'));
    if (name !== null) facts.name = name;
  } else if (at.first_name >= 0 || at.last_name >= 0) {
    const parts = [at.first_name >= 0 ? text(cell('first_name')) : null, at.last_name >= 0 ? text(cell('last_name')) : null];
    const name = parts.filter((part) => part !== null).join(' ');
    if (name !== '') facts.name = name;
  }

  if (at.email >= 0) {
    const email = text(cell('email'));
    if (email !== null && !EMAIL.test(email)) refuse('email', 'not an email address; expected something like jane.doe@nhs.net');
    else facts.email = email;
  }
  if (at.department >= 0) facts.department = text(cell('department'));
  if (at.job_title >= 0) facts.jobTitle = text(cell('job_title'));
  if (at.staff_group >= 0) facts.staffGroup = text(cell('staff_group'));

  if (at.band >= 0) {
    const raw = cell('band');
    if (blankCell(raw)) facts.band = null;
    else {
      const band = cached(cache.band, raw, readBand);
      if (band === 'refuse') refuse('band', `not a pay band; expected ${BAND_EXPECTED}`);
      else if (band === 'unknown') {
        // ESR holds Non AfC, Chair, Apprentice, N/A...: seniority unknown, never paired until set.
        facts.band = null;
        bandUnknown = true;
        warnings.push({ line, column: columns.labels[at.band], value: raw, message: unknownBandMessage() });
      } else facts.band = band.label;
    }
  }

  if (at.ethnicity >= 0) {
    const raw = cell('ethnicity');
    const ethnicity = cached(cache.ethnicity, raw, parseEthnicity);
    facts.ethnicity = ethnicity.code;
    if (ethnicity.unrecognised) {
      warnings.push({
        line,
        column: columns.labels[at.ethnicity],
        value: raw,
        message: `not an ethnic category we know, so BME is recorded as unknown; expected ${ETHNICITY_EXPECTED}`,
      });
    }
  }

  const yesNo = (field: RosterField): boolean | null | undefined => {
    const parsed = parseYesNo(cell(field));
    if (parsed === undefined) refuse(field, `expected ${YES_NO_EXPECTED}`);
    return parsed;
  };
  if (at.bme >= 0) {
    const bme = yesNo('bme');
    if (bme !== undefined) facts.bmeOverride = bme;
  }
  if (at.board_member >= 0) {
    const board = yesNo('board_member');
    if (board !== undefined) facts.boardMember = board ?? false;
  }

  if (at.function >= 0) {
    const raw = cell('function');
    const parsed = blankCell(raw) ? BLANK_FUNCTIONS : cached(cache.functions, raw, parseFunctions);
    if (parsed.ok) facts.functionsStated = parsed.functions === null ? null : [...parsed.functions];
    else refuse('function', `"${parsed.unknown}" is not a function; expected ${FUNCTION_EXPECTED}`);
  }

  if (at.line_manager_id >= 0) {
    const manager = text(cell('line_manager_id'));
    if (manager !== null && manager === staffId) refuse('line_manager_id', 'a person cannot be their own line manager');
    else facts.lineManagerId = manager;
  }

  // A blank RACE cell says nothing: training recorded earlier (remedi staff train) stays.
  if (at.race_trained >= 0 && !blankCell(cell('race_trained'))) {
    const trained = parseRaceTraining(cell('race_trained'), dateCell('race_trained'));
    if (trained === null) refuse('race_trained', `expected yes, no, or ${DATE_EXPECTED} (the day they were trained)`);
    else if (typeof trained === 'string') refuse('race_trained', trained);
    else {
      facts.raceTrained = trained.trained;
      facts.raceTrainedOn = trained.on;
    }
  }

  if (at.capacity >= 0) {
    const raw = text(cell('capacity'));
    if (raw === null) facts.capacity = 1;
    else if (!/^\d+$/.test(raw) || Number(raw) > MAX_CAPACITY) {
      refuse('capacity', `expected a whole number of mentees from 0 to ${MAX_CAPACITY}`);
    } else facts.capacity = Number(raw);
  }

  if (at.role >= 0) {
    const parsed = parseProgrammeRole(cell('role'));
    if (parsed === undefined) refuse('role', `expected ${ROLE_EXPECTED}`);
    else role = parsed;
  }

  // Who has left and when (remedi export's staff.csv): a leaver stays a leaver, with their day.
  let active: boolean | undefined;
  let leftOn: IsoDate | null = null;
  if (at.active >= 0) {
    const stated = yesNo('active');
    if (stated !== undefined && stated !== null) active = stated;
  }
  if (at.left_on >= 0 && !blankCell(cell('left_on'))) {
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
  const { nameColumns } = at;
  if (nameColumns.length > 0 && nameColumns.every((index) => blankCell(cells[index] ?? ''))) blank.push('name');
  for (const [index, keys] of at.blankable) if (blankCell(cells[index] ?? '')) for (const key of keys) blank.push(key);
  const row: RosterRow = { line, staffId, facts, role, blank };
  if (active !== undefined) row.active = active;
  if (active === false) row.leftOn = leftOn;
  if (bandUnknown) row.bandUnknown = true;
  return { row, problems, warnings };
}

const BLANK_FUNCTIONS: FunctionsResult = { ok: true, functions: null };

/**
 * A roster file, for the table reader: one per file read, since Excel day numbers are warned
 * about once per file. `characteristics`: the enabled ones, whose columns are read too; with
 * none, each record is read by parseRosterRecord alone, as it always was.
 */
export function rosterFile(characteristics: readonly string[] = []): InputFile<RosterColumn, RosterRow> {
  const serialsWarned = new Set<RosterField>();
  const cache = new RosterCellCache();
  const withCharacteristics = characteristics.length === 0 ? null : characteristicReader(characteristics, MAX_FIELD_LENGTH);
  return {
    ...rosterHeadersWith(characteristics),
    what: 'roster',
    empty: 'nobody in it',
    required: { fields: ['staff_id'], hint: 'staff id (looked for headers like staff_id or Employee Number)' },
    read:
      withCharacteristics === null
        ? (cells, line, columns) => parseRosterRecord(cells, line, columns, serialsWarned, cache)
        : (cells, line, columns) => withCharacteristics(parseRosterRecord(cells, line, columns, serialsWarned, cache), cells, line, columns),
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
