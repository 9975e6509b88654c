/**
 * What importing a roster would change, worked out before anything is written:
 * re-importing is an update keyed on staff id (DOMAIN.md section 2).
 */
import type { RosterRow, RowProblem } from './rosterRows.js';
import { DEFAULT_FACTS, FACT_KEYS, sameFact, type ProgrammeRole, type StaffFacts, type StaffRecord } from './staff.js';

export type ChangedField = keyof StaffFacts | 'active';

export interface StaffUpdate {
  before: StaffRecord;
  after: StaffRecord;
  changed: ChangedField[];
}

export interface RosterPlan {
  added: StaffRecord[];
  updated: StaffUpdate[];
  unchanged: number;
  /** Active people already known who are not in this file. */
  notInFile: StaffRecord[];
  /** With `missingLeft`: the people marked as having left. */
  markedLeft: StaffRecord[];
  /** Enrolments the file's role column asks for (applied only with a cohort). */
  enrolments: Array<{ staffId: string; role: ProgrammeRole }>;
  problems: RowProblem[];
  warnings: RowProblem[];
}

export interface PlanOptions {
  /** The file is the whole staff list: people missing from it have left. */
  missingLeft: boolean;
  /** Column labels, so refusals that concern a field name its column. */
  columnOf: (field: 'name' | 'band' | 'line_manager_id' | 'staff_id') => string | null;
}

export function planRosterImport(
  existing: ReadonlyMap<string, StaffRecord>,
  rows: readonly RosterRow[],
  options: PlanOptions,
): RosterPlan {
  const plan: RosterPlan = {
    added: [],
    updated: [],
    unchanged: 0,
    notInFile: [],
    markedLeft: [],
    enrolments: [],
    problems: [],
    warnings: [],
  };
  const firstLineOf = new Map<string, number>();
  for (const row of rows) {
    const earlier = firstLineOf.get(row.staffId);
    if (earlier !== undefined) {
      plan.problems.push({
        line: row.line,
        column: options.columnOf('staff_id'),
        value: row.staffId,
        message: `staff id ${row.staffId} is already on line ${earlier}; each person must appear once`,
      });
      continue;
    }
    firstLineOf.set(row.staffId, row.line);
  }
  if (plan.problems.length > 0) return plan;

  for (const row of rows) {
    const before = existing.get(row.staffId);
    const after = mergeRow(before, row);
    if (after.name === '') {
      plan.problems.push({
        line: row.line,
        column: options.columnOf('name'),
        value: '',
        message: `${row.staffId} is new, so they need a name`,
      });
      continue;
    }
    if (after.band === null && !after.boardMember) {
      plan.problems.push({
        line: row.line,
        column: options.columnOf('band'),
        value: '',
        message: 'the band is missing; everyone but Executive Board members needs a band or grade to be paired',
      });
      continue;
    }
    if (after.lineManagerId !== null && !existing.has(after.lineManagerId) && !firstLineOf.has(after.lineManagerId)) {
      plan.warnings.push({
        line: row.line,
        column: options.columnOf('line_manager_id'),
        value: after.lineManagerId,
        message: `line manager ${after.lineManagerId} is not in this file or the database, so remedi cannot check the management chain above them`,
      });
    }
    if (row.role) plan.enrolments.push({ staffId: row.staffId, role: row.role });
    if (before === undefined) {
      plan.added.push(after);
      continue;
    }
    const changed = changedFields(before, after);
    if (changed.length === 0) plan.unchanged += 1;
    else plan.updated.push({ before, after, changed });
  }

  for (const person of existing.values()) {
    if (!person.active || firstLineOf.has(person.staffId)) continue;
    plan.notInFile.push(person);
    if (options.missingLeft) plan.markedLeft.push({ ...person, active: false });
  }
  return plan;
}

/** The person after this row: the file's columns over what we knew (or the defaults). */
function mergeRow(before: StaffRecord | undefined, row: RosterRow): StaffRecord {
  const base: StaffRecord = before ?? { staffId: row.staffId, name: '', ...DEFAULT_FACTS, active: true };
  // A leaver who reappears in a roster is active again.
  return { ...base, ...row.facts, staffId: row.staffId, active: true };
}

function changedFields(before: StaffRecord, after: StaffRecord): ChangedField[] {
  const changed: ChangedField[] = FACT_KEYS.filter((key) => !sameFact(before[key], after[key]));
  if (before.active !== after.active) changed.push('active');
  return changed;
}
