/**
 * `remedi staff edit P`: one person's details without a CSV, set by hand so later imports
 * keep them unless HR's cell says otherwise (docs/programme-year.md, "Set by hand").
 * Every value is checked first; then every field given is written in one transaction.
 */
import { UserError } from '../../errors.js';
import type { Context } from '../../cli/context.js';
import { findManagementLoop, planStaffEdit, type StaffEditPlan } from '../../domain/staffEdit.js';
import { checkedStaffEdit } from '../../domain/staffRequests.js';
import type { StaffFacts } from '../../domain/staff.js';
import type { Db } from '../../store/db.js';
import { lookUpPerson, namesOf } from '../../store/people.js';
import { editStaff, lineManagerFinder, staffFinder } from '../../store/staff.js';
import { renderEdit, staffJson, type StaffJson } from '../../ui/staffOutput.js';
import { resolvePerson } from '../shared/resolvePerson.js';
import { printJson, writeDatabase } from '../shared/skeleton.js';
import type { StaffEditOptions } from './command.js';

export async function runStaffEdit(query: string, options: StaffEditOptions, context: Context): Promise<StaffJson> {
  const facts = checkedStaffEdit(options, context.today);
  const { plan, names } = await writeDatabase(options, context, (db) => {
    const person = resolvePerson(db, query);
    if (options.lineManager !== undefined) facts.lineManagerId = lineManagerFor(db, person.staffId, person.name, options.lineManager);
    if (facts.email) refuseSharedEmail(db, person.staffId, facts.email);
    const plan = planStaffEdit(person, facts);
    if (!plan.nothingToChange) editStaff(db, person.staffId, facts, plan.after.handSet ?? [], context.today);
    const managers = [plan.before.lineManagerId, plan.after.lineManagerId].filter((id): id is string => id !== null);
    return { plan: { ...plan, after: staffFinder(db)(person.staffId)! } satisfies StaffEditPlan, names: namesOf(db, managers) };
  });
  const json = staffJson(plan.after);
  if (options.json) printJson(context, json);
  else if (plan.nothingToChange) context.err(`Nothing to change: ${plan.after.name} (${plan.after.staffId}) already has those values, set by hand.\n`);
  else context.out(renderEdit(plan, (staffId) => names.get(staffId)));
  if (!plan.nothingToChange && plan.after.band === null && !plan.after.boardMember) {
    context.err(`${plan.after.name} now has no band and is not on the board, so remedi cannot tell their seniority: give one with --band.\n`);
  }
  return json;
}

/**
 * The new line manager's staff id (null for `--line-manager ""`): someone still here, not
 * the person themself, and not anyone they manage, however far down (that would be a loop).
 */
function lineManagerFor(db: Db, staffId: string, name: string, query: string): StaffFacts['lineManagerId'] {
  if (query.trim() === '') return null;
  const manager = resolvePerson(db, query, { activeOnly: true });
  const shown = `--line-manager ${JSON.stringify(query.trim())}`;
  if (manager.staffId === staffId) {
    throw new UserError(`Nothing was changed: ${shown} is ${name} (${staffId}) themself; a person cannot be their own line manager.`);
  }
  const loop = findManagementLoop(staffId, manager.staffId, lineManagerFinder(db));
  if (loop !== null) {
    const names = namesOf(db, loop);
    const [first, ...above] = loop.map((id) => names.get(id) ?? id);
    const chain = `${first} reports to ${above.join(', who reports to ')}`;
    throw new UserError(`Nothing was changed: ${shown}: ${chain}, so ${manager.name} cannot be ${name}'s line manager: that would be a management loop.`, {
      fix: 'Change the line manager further down that chain first, or give someone outside it.',
    });
  }
  return manager.staffId;
}

/** Two people with one email could no longer be told apart by it. */
function refuseSharedEmail(db: Db, staffId: string, email: string): void {
  const holder = lookUpPerson(db, email).byEmail.find((p) => p.staffId !== staffId);
  if (holder) {
    throw new UserError(
      `Nothing was changed: --email ${JSON.stringify(email)} is already ${holder.name}'s (${holder.staffId}); two people cannot share an email.`,
    );
  }
}
