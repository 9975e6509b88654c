/**
 * A whole roster planned in memory, rows held in an array: RosterPlanner (src/domain/rosterPlan.ts)
 * driven the way the import streams a file through it, so its tests can state a file's rows
 * and the plan that follows in a few lines.
 */
import { RosterPlanner, type PlanOptions, type StaffUpdate } from '../../src/domain/rosterPlan.js';
import type { RosterRow } from '../../src/domain/rosterRows.js';
import type { RowProblem } from '../../src/errors.js';
import type { ProgrammeRole, StaffRecord } from '../../src/domain/staff.js';

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

/** The whole plan for rows held in memory, against the people the database holds. */
export function planRosterImport(existing: ReadonlyMap<string, StaffRecord>, rows: readonly RosterRow[], options: PlanOptions): RosterPlan {
  const planner = new RosterPlanner(options);
  const plan: RosterPlan = {
    added: [],
    updated: [],
    unchanged: 0,
    notInFile: [],
    markedLeft: [],
    enrolments: [],
    problems: planner.problems,
    warnings: planner.warnings,
  };
  for (const row of rows) {
    const decision = planner.row(row, existing.get(row.staffId), (id) => existing.has(id));
    if (decision === null) continue;
    if (row.role) plan.enrolments.push({ staffId: row.staffId, role: row.role });
    if (decision.kind === 'added') plan.added.push(decision.after);
    else if (decision.kind === 'updated') plan.updated.push(decision.update);
  }
  planner.finishManagers();
  plan.unchanged = planner.unchanged;
  for (const person of existing.values()) {
    if (!person.active || planner.inFile(person.staffId)) continue;
    plan.notInFile.push(person);
    if (options.missingLeft) plan.markedLeft.push({ ...person, active: false });
  }
  return plan;
}
