/**
 * What importing a roster changes, row by row: re-importing is an update keyed on staff
 * id (docs/roster.md, "Importing again"). The planner sees one row at a time, so a file of a million
 * people streams through it (test/helpers/rosterPlan.ts runs it over rows held in memory).
 */
import type { RowProblem } from '../errors.js';
import type { RosterRow } from './rosterRows.js';
import { DEFAULT_FACTS, FACT_KEYS, sameFact, type ProgrammeRole, type StaffFacts, type StaffRecord } from './staff.js';

export type ChangedField = keyof StaffFacts | 'active' | 'leftOn';

/** A value set by hand that a non-blank cell of the file replaced (docs/programme-year.md, "Set by hand"). */
export interface HandSetReplacement<K extends keyof StaffFacts = keyof StaffFacts> {
  field: K;
  before: StaffFacts[K];
  after: StaffFacts[K];
}

export interface StaffUpdate {
  before: StaffRecord;
  after: StaffRecord;
  changed: ChangedField[];
  /** Hand-set values the file replaced with a different value. */
  handSetReplaced: readonly HandSetReplacement[];
}

export interface PlanOptions {
  /** The file is the whole staff list: people missing from it have left. */
  missingLeft: boolean;
  /** Column labels, so refusals that concern a field name its column. */
  columnOf: (field: 'name' | 'band' | 'line_manager_id' | 'staff_id') => string | null;
}

export type RowDecision =
  | { kind: 'added'; after: StaffRecord }
  | { kind: 'updated'; update: StaffUpdate }
  /**
   * No fact changed. `rewrite` when the row still needs writing: the file confirmed a value
   * set by hand, so it is HR's word now and no longer marked as set by hand.
   */
  | { kind: 'unchanged'; after: StaffRecord; rewrite: boolean };

/** What planning a file came to, as the rest of an import reads it (RosterPlanner, or firstImportPlan). */
export interface PlanOutcome {
  readonly problems: RowProblem[];
  readonly warnings: RowProblem[];
  readonly added: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly handSetReplaced: number;
  readonly enrolled: Readonly<Record<ProgrammeRole, number>>;
  /** Once every row is read: the warnings for line managers neither the file nor the database holds. */
  finishManagers(): void;
  /** Whether the file has a row for this staff id. */
  inFile(staffId: string): boolean;
}

/** A RosterPlanner's outcome as plain values, with the warnings its finishManagers would add. */
export interface PlanTally {
  problems: RowProblem[];
  warnings: RowProblem[];
  added: number;
  updated: number;
  unchanged: number;
  handSetReplaced: number;
  enrolled: Record<ProgrammeRole, number>;
  unknownManagers: RowProblem[];
}

/**
 * The outcome of a first import (into an empty staff table) planned elsewhere, a reading
 * worker's RosterPlanner, from its tally. Only a first import: nobody already known can be
 * missing from the file, so inFile is never asked (finishImport asks only of people held before).
 */
export function firstImportPlan(tally: PlanTally): PlanOutcome {
  const { unknownManagers, ...outcome } = tally;
  return {
    ...outcome,
    finishManagers: () => {
      for (const warning of unknownManagers) outcome.warnings.push(warning);
      unknownManagers.length = 0;
    },
    inFile: () => {
      throw new Error('a first import planned elsewhere knows nobody who could be missing from it');
    },
  };
}

/** Plans a roster one row at a time; collects problems, warnings and counts. */
export class RosterPlanner implements PlanOutcome {
  readonly problems: RowProblem[] = [];
  readonly warnings: RowProblem[] = [];
  added = 0;
  updated = 0;
  unchanged = 0;
  /** How many hand-set values the file replaced. */
  handSetReplaced = 0;
  readonly enrolled: Record<ProgrammeRole, number> = { mentor: 0, mentee: 0, either: 0 };
  /** Staff id -> the line it is on. */
  private readonly lineOf = new Map<string, number>();
  /** Line managers not known when their row was read: checked again at the end. */
  private readonly pendingManagers: Array<{ line: number; managerId: string }> = [];

  constructor(private readonly options: PlanOptions) {}

  /**
   * One row, given what the database holds for that person (undefined when new) and
   * whether a line manager id is known to the database. Null when the row is refused.
   */
  row(row: RosterRow, before: StaffRecord | undefined, knownToDatabase: (staffId: string) => boolean): RowDecision | null {
    const earlier = this.lineOf.get(row.staffId);
    if (earlier !== undefined) {
      this.problems.push({
        line: row.line,
        column: this.options.columnOf('staff_id'),
        value: row.staffId,
        message: `staff id ${row.staffId} is already on line ${earlier}; each person must appear once`,
      });
      return null;
    }
    this.lineOf.set(row.staffId, row.line);
    const { after, handSetReplaced } = mergeRow(before, row);
    if (after.name === '') {
      this.problems.push({ line: row.line, column: this.options.columnOf('name'), value: '', message: `${row.staffId} is new, so they need a name` });
      return null;
    }
    // No band: seniority unknown, so never paired until it is set; a warning, not a refusal.
    // A leaver is never paired, so needs none; an unknown band already has its own warning.
    if (after.band === null && !after.boardMember && after.active && row.bandUnknown !== true) {
      this.warnings.push({
        line: row.line,
        column: this.options.columnOf('band'),
        value: '',
        message: `the band is missing, so their seniority is unknown and they are not paired until it is set (remedi staff edit STAFF_ID --band ...)`,
      });
    }
    // Only a file that gives the manager is told the manager is unknown: one without the column says nothing of them.
    const manager = row.facts.lineManagerId === undefined ? null : after.lineManagerId;
    if (manager !== null && !this.lineOf.has(manager) && !knownToDatabase(manager)) this.pendingManagers.push({ line: row.line, managerId: manager });
    if (row.role) this.enrolled[row.role] += 1;
    if (before === undefined) {
      this.added += 1;
      return { kind: 'added', after };
    }
    const changed = changedFields(before, after);
    if (changed.length === 0) {
      this.unchanged += 1;
      return { kind: 'unchanged', after, rewrite: (before.handSet?.length ?? 0) !== (after.handSet?.length ?? 0) };
    }
    this.updated += 1;
    this.handSetReplaced += handSetReplaced.length;
    return { kind: 'updated', update: { before, after, changed, handSetReplaced } };
  }

  /** Managers still unknown once every row is read become warnings (in file order). */
  finishManagers(): void {
    for (const warning of this.unknownManagers()) this.warnings.push(warning);
    this.pendingManagers.length = 0;
  }

  /** The warnings finishManagers would add, leaving the planner as it is. */
  unknownManagers(): RowProblem[] {
    return this.pendingManagers
      .filter(({ managerId }) => !this.lineOf.has(managerId))
      .map(({ line, managerId }) => ({
        line,
        column: this.options.columnOf('line_manager_id'),
        value: managerId,
        message: `line manager ${managerId} is not in this file or the database, so remedi cannot check the management chain above them`,
      }));
  }

  /** What the plan came to, as plain values (it crosses threads: see firstImportPlan). */
  tally(): PlanTally {
    const { problems, warnings, added, updated, unchanged, handSetReplaced, enrolled } = this;
    return { problems, warnings, added, updated, unchanged, handSetReplaced, enrolled, unknownManagers: this.unknownManagers() };
  }

  inFile(staffId: string): boolean {
    return this.lineOf.has(staffId);
  }
}

const NONE: readonly HandSetReplacement[] = [];

/**
 * The person after this row: the file's columns over what we knew (or the defaults).
 * A value set by hand is kept when the file has no column for it or a blank cell; a
 * non-blank cell is HR's word and wins, and the value is no longer set by hand
 * (docs/programme-year.md, "Set by hand").
 */
export function mergeRow(before: StaffRecord | undefined, row: RosterRow): { after: StaffRecord; handSetReplaced: readonly HandSetReplacement[] } {
  if (before === undefined) return { after: newPerson(row), handSetReplaced: NONE };
  const handSet = before.handSet;
  if (handSet === undefined || handSet.length === 0)
    return { after: leaving({ ...before, ...row.facts, staffId: row.staffId, active: true }, before, row), handSetReplaced: NONE };
  const { handSet: _handSet, ...base } = before;

  const stated: Partial<StaffFacts> = { ...row.facts };
  const stillHandSet: Array<keyof StaffFacts> = [];
  const handSetReplaced: HandSetReplacement[] = [];
  for (const field of handSet) {
    if (!(field in stated) || row.blank.includes(field)) {
      delete stated[field];
      stillHandSet.push(field);
    } else if (!sameFact(before[field], stated[field]!)) {
      handSetReplaced.push({ field, before: before[field], after: stated[field]! });
    }
  }
  const after: StaffRecord = leaving({ ...base, ...stated, staffId: row.staffId, active: true }, before, row);
  if (stillHandSet.length > 0) after.handSet = stillHandSet;
  return { after, handSetReplaced };
}

/**
 * Someone new: the file's facts over the defaults, here unless the row says they left (on
 * its day, when it gives one). What `leaving({ staffId, name: '', ...DEFAULT_FACTS,
 * ...row.facts, active: true }, undefined, row)` makes, keys in the same order, built in one
 * step: a first import makes one per row (test/domain/rosterPlan.test.ts holds them equal).
 */
function newPerson(row: RosterRow): StaffRecord {
  const f = row.facts;
  const person: StaffRecord = {
    staffId: row.staffId,
    name: f.name !== undefined ? f.name : '',
    email: f.email !== undefined ? f.email : DEFAULT_FACTS.email,
    department: f.department !== undefined ? f.department : DEFAULT_FACTS.department,
    jobTitle: f.jobTitle !== undefined ? f.jobTitle : DEFAULT_FACTS.jobTitle,
    staffGroup: f.staffGroup !== undefined ? f.staffGroup : DEFAULT_FACTS.staffGroup,
    band: f.band !== undefined ? f.band : DEFAULT_FACTS.band,
    ethnicity: f.ethnicity !== undefined ? f.ethnicity : DEFAULT_FACTS.ethnicity,
    bmeOverride: f.bmeOverride !== undefined ? f.bmeOverride : DEFAULT_FACTS.bmeOverride,
    functionsStated: f.functionsStated !== undefined ? f.functionsStated : DEFAULT_FACTS.functionsStated,
    boardMember: f.boardMember !== undefined ? f.boardMember : DEFAULT_FACTS.boardMember,
    lineManagerId: f.lineManagerId !== undefined ? f.lineManagerId : DEFAULT_FACTS.lineManagerId,
    raceTrained: f.raceTrained !== undefined ? f.raceTrained : DEFAULT_FACTS.raceTrained,
    raceTrainedOn: f.raceTrainedOn !== undefined ? f.raceTrainedOn : DEFAULT_FACTS.raceTrainedOn,
    capacity: f.capacity !== undefined ? f.capacity : DEFAULT_FACTS.capacity,
    active: row.active !== false,
  };
  if (row.active === false && row.leftOn !== undefined && row.leftOn !== null) person.leftOn = row.leftOn;
  return person;
}

/**
 * Whether the person after this row is here or has left. A row that says they left (active
 * no, or a left_on day) makes them a leaver, on the file's day, else the day already known
 * (else the import's day, when it is written); any other row means they are here: a leaver
 * who reappears in a roster is active again.
 */
function leaving(after: StaffRecord, before: StaffRecord | undefined, row: RosterRow): StaffRecord {
  const { leftOn: _leftOn, ...here } = after;
  if (row.active !== false) return { ...here, active: true };
  const leftOn = row.leftOn ?? (before?.active === false ? before.leftOn : undefined);
  return leftOn === undefined ? { ...here, active: false } : { ...here, active: false, leftOn };
}

/**
 * A file that would mark more than a fifth of the people now active as left is more
 * likely a partial export than a mass departure (docs/programme-year.md, "Leavers").
 */
export function tooManyLeft(markedLeft: number, activeBefore: number): boolean {
  return markedLeft * 5 > activeBefore;
}

/**
 * What happens to the people now active who are missing from the file: nothing without
 * --missing-left; with it they are marked as having left, unless that is too many
 * (tooManyLeft) and --yes was not given, when the whole import is refused.
 */
export function missingPeopleDecision(options: { missingLeft: boolean; yes: boolean }, missing: number, activeBefore: number): 'keep' | 'mark' | 'refuse' {
  if (!options.missingLeft) return 'keep';
  return !options.yes && tooManyLeft(missing, activeBefore) ? 'refuse' : 'mark';
}

/**
 * What the file's role column did: with --cohort, the people it enrolled, by role; without,
 * nobody is enrolled and the roles it gave are counted as not applied (the summary says so).
 */
export function enrolmentOutcome(
  enrolled: Readonly<Record<ProgrammeRole, number>>,
  withCohort: boolean,
): { enrolled: number; enrolledByRole: Record<ProgrammeRole, number>; rolesNotApplied: number } {
  const roles = enrolled.mentor + enrolled.mentee + enrolled.either;
  return withCohort
    ? { enrolled: roles, enrolledByRole: { ...enrolled }, rolesNotApplied: 0 }
    : { enrolled: 0, enrolledByRole: { mentor: 0, mentee: 0, either: 0 }, rolesNotApplied: roles };
}

function changedFields(before: StaffRecord, after: StaffRecord): ChangedField[] {
  const changed: ChangedField[] = FACT_KEYS.filter((key) => !sameFact(before[key], after[key]));
  if (before.active !== after.active) changed.push('active');
  // A leaver's day is news only when the file gives one that differs from the day known.
  if (!after.active && after.leftOn !== undefined && after.leftOn !== before.leftOn) changed.push('leftOn');
  return changed;
}
