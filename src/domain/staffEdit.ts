/**
 * `remedi staff edit`: one person's details set by hand (docs/programme-year.md, "Set by
 * hand"). Each flag is read with the parser the roster uses for that column, so a flag
 * accepts what a roster cell accepts. Pure: the command resolves people and writes.
 */
import { BAND_EXPECTED, parseBand } from './bands.js';
import { DATE_EXPECTED, formatDate, type IsoDate } from './dates.js';
import { FUNCTION_EXPECTED, parseFunctions } from './functions.js';
import { EMAIL, MAX_CAPACITY, MAX_FIELD_LENGTH, parseRaceTraining } from './rosterRows.js';
import { FACT_KEYS, sameFact, type StaffFacts, type StaffRecord } from './staff.js';
import { YES_NO_EXPECTED, parseYesNo } from './yesNo.js';

/** The flags as typed (`--line-manager` is resolved to a staff id by the command). */
export interface StaffEditFlags {
  email?: string;
  department?: string;
  band?: string;
  function?: string;
  board?: string;
  capacity?: string;
  raceTrained?: string;
}

/** A flag value refused: `--band "12": not a pay band; expected ...`. */
export interface FlagProblem {
  flag: string;
  value: string;
  message: string;
}

/** What one flag sets, as the administrator thinks of it, and the facts it covers. */
export type EditField = 'email' | 'department' | 'band' | 'functions' | 'boardMember' | 'capacity' | 'raceTraining' | 'lineManager';

export const EDIT_FIELDS: ReadonlyArray<{ field: EditField; flag: string; keys: ReadonlyArray<keyof StaffFacts> }> = [
  { field: 'email', flag: '--email', keys: ['email'] },
  { field: 'department', flag: '--department', keys: ['department'] },
  { field: 'band', flag: '--band', keys: ['band'] },
  { field: 'functions', flag: '--function', keys: ['functionsStated'] },
  { field: 'boardMember', flag: '--board', keys: ['boardMember'] },
  { field: 'capacity', flag: '--capacity', keys: ['capacity'] },
  { field: 'raceTraining', flag: '--race-trained', keys: ['raceTrained', 'raceTrainedOn'] },
  { field: 'lineManager', flag: '--line-manager', keys: ['lineManagerId'] },
];

export function formatFlagProblem(problem: FlagProblem): string {
  return `${problem.flag} ${JSON.stringify(problem.value)}: ${problem.message}`;
}

/**
 * Reads the flags given into facts, or names every value that is wrong. Blank means:
 * no email, no department, functions derived again; a blank band, board, capacity or
 * RACE training is refused (it would be a slip, not a choice).
 */
export function parseStaffEdit(flags: StaffEditFlags, today: IsoDate): { facts: Partial<StaffFacts>; problems: FlagProblem[] } {
  const facts: Partial<StaffFacts> = {};
  const problems: FlagProblem[] = [];
  const refuse = (flag: string, value: string, message: string) => problems.push({ flag, value, message });
  const read = (flag: string, value: string | undefined, apply: (text: string) => void) => {
    if (value === undefined) return;
    if (value.length > MAX_FIELD_LENGTH) refuse(flag, `${value.slice(0, 20)}...`, `${value.length} characters; expected at most ${MAX_FIELD_LENGTH}`);
    else apply(value.trim());
  };

  read('--email', flags.email, (text) => {
    if (text === '') facts.email = null;
    else if (EMAIL.test(text)) facts.email = text;
    else refuse('--email', text, 'not an email address; expected something like jane.doe@nhs.net (or "" for none)');
  });
  read('--department', flags.department, (text) => {
    facts.department = text === '' ? null : text;
  });
  read('--band', flags.band, (text) => {
    const band = parseBand(text);
    if (band === null) refuse('--band', text, `not a pay band; expected ${BAND_EXPECTED}`);
    else facts.band = band.label;
  });
  read('--function', flags.function, (text) => {
    const parsed = parseFunctions(text);
    if (parsed.ok) facts.functionsStated = parsed.functions;
    else refuse('--function', text, `"${parsed.unknown}" is not a function; expected ${FUNCTION_EXPECTED} (or "" to derive it again)`);
  });
  read('--board', flags.board, (text) => {
    const board = parseYesNo(text);
    if (board === undefined || board === null) refuse('--board', text, `expected ${YES_NO_EXPECTED}`);
    else facts.boardMember = board;
  });
  read('--capacity', flags.capacity, (text) => {
    if (!/^\d+$/.test(text) || Number(text) > MAX_CAPACITY) refuse('--capacity', text, `expected a whole number of mentees from 0 to ${MAX_CAPACITY}`);
    else facts.capacity = Number(text);
  });
  read('--race-trained', flags.raceTrained, (text) => {
    const trained = text === '' ? null : parseRaceTraining(text);
    if (trained === null) refuse('--race-trained', text, `expected the day they were trained (${DATE_EXPECTED}), yes if the day is not known, or no`);
    else if (typeof trained === 'string') refuse('--race-trained', text, trained);
    else if (trained.on !== null && trained.on > today)
      refuse('--race-trained', text, `${formatDate(trained.on)} is in the future; expected the day they were trained`);
    else {
      facts.raceTrained = trained.trained;
      facts.raceTrainedOn = trained.on;
    }
  });
  return { facts, problems };
}

/** The facts set by hand once `added` are too, in the one order every listing uses. */
export function mergeHandSet(existing: ReadonlyArray<keyof StaffFacts> | undefined, added: ReadonlyArray<keyof StaffFacts>): Array<keyof StaffFacts> {
  return FACT_KEYS.filter((key) => (existing ?? []).includes(key) || added.includes(key));
}

export interface FieldChange {
  field: EditField;
  /** The value differs from what was held. */
  changed: boolean;
  /** The value was already held, but was not yet marked as set by hand. */
  newlyHandSet: boolean;
}

export interface StaffEditPlan {
  before: StaffRecord;
  after: StaffRecord;
  /** One per field given, in the order of EDIT_FIELDS. */
  changes: FieldChange[];
  /** Nothing to write: every value is held already, and already marked as set by hand. */
  nothingToChange: boolean;
}

/**
 * Every field given becomes the person's value and is marked as set by hand, so a later
 * import with no such column, or a blank cell, keeps it (docs/programme-year.md, "Set by hand").
 */
export function planStaffEdit(person: StaffRecord, facts: Partial<StaffFacts>): StaffEditPlan {
  const given = FACT_KEYS.filter((key) => key in facts);
  const handSet = mergeHandSet(person.handSet, given);
  const after: StaffRecord = { ...person, ...facts, handSet };
  const wasHandSet = (key: keyof StaffFacts) => (person.handSet ?? []).includes(key);
  const changes = EDIT_FIELDS.filter(({ keys }) => keys.some((key) => key in facts)).map(({ field, keys }) => {
    const changed = keys.some((key) => !sameFact(person[key], after[key]));
    return { field, changed, newlyHandSet: !changed && keys.some((key) => !wasHandSet(key)) };
  });
  return { before: person, after, changes, nothingToChange: changes.every((c) => !c.changed && !c.newlyHandSet) };
}

/**
 * Whether making `managerId` the line manager of `personId` closes a loop: the chain from
 * the new manager up (following `managerOf`) reaches the person. Returns that chain, from
 * the manager to the person, or null. A loop already above that never passes through the
 * person is not this edit's doing and is not reported.
 */
export function findManagementLoop(personId: string, managerId: string, managerOf: (staffId: string) => string | null): string[] | null {
  if (managerId === personId) return [personId];
  const chain = [managerId];
  const seen = new Set(chain);
  for (let current = managerOf(managerId); current !== null; current = managerOf(current)) {
    if (current === personId) return [...chain, personId];
    if (seen.has(current)) return null;
    chain.push(current);
    seen.add(current);
  }
  return null;
}
