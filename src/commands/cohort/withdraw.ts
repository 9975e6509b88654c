/**
 * `remedi cohort withdraw`: people who left a cohort, kept with the day and why
 * (docs/cohorts.md, "Withdrawing"). All or nothing, in one transaction.
 */
import type { Context } from '../../cli/context.js';
import { involves, planWithdrawal, refuseUnendable, withdrawalDay } from '../../domain/withdrawal.js';
import { enrolmentsOf, withdrawEnrolments } from '../../store/cohorts.js';
import { endRelationship, loadRelationships } from '../../store/relationships.js';
import { lastSessions } from '../../store/sessions.js';
import { staffFinder } from '../../store/staff.js';
import { renderWithdrawal, withdrawalJson, type WithdrawalJson } from '../../ui/enrolmentOutput.js';
import { existingCohort } from '../shared/resolveCohort.js';
import { resolvePeople } from '../shared/resolvePerson.js';
import { printJson, writeDatabase } from '../shared/skeleton.js';
import type { WithdrawOptions } from './command.js';

export async function runCohortWithdraw(number: number, queries: string[], options: WithdrawOptions, context: Context): Promise<WithdrawalJson> {
  const on = withdrawalDay(options.on, context.today);
  const reason = options.reason?.trim() || null;
  const json = await writeDatabase(options, context, (db) => {
    existingCohort(db, number);
    const people = [...new Map(resolvePeople(db, queries, { what: 'Nothing was withdrawn' }).map((p) => [p.staffId, p])).values()];
    const relationships = loadRelationships(db, { cohort: number });
    const find = staffFinder(db);
    const nameOf = (staffId: string) => find(staffId)?.name ?? staffId;
    const plan = planWithdrawal({
      cohort: number,
      people,
      enrolments: enrolmentsOf(db, number),
      relationships,
      on,
      today: context.today,
      endRelationships: options.endRelationships === true,
      nameOf,
    });
    const last = lastSessions(
      db,
      plan.ending.map((rel) => rel.id),
    );
    refuseUnendable(
      plan.ending.map((rel) => ({ ...rel, lastSession: last.get(rel.id) ?? null })),
      on,
      context.today,
    );

    withdrawEnrolments(
      db,
      number,
      plan.leaving.map((p) => p.staffId),
      on,
      reason,
    );
    for (const rel of plan.ending) {
      const who = plan.leaving.filter((p) => involves(rel, p.staffId)).map((p) => p.name);
      endRelationship(db, rel.id, on, reason ?? `${who.join(' and ')} withdrew from cohort ${number}`);
    }
    return withdrawalJson(number, on, reason, plan, nameOf);
  });
  if (options.json) printJson(context, json);
  else context.out(renderWithdrawal(json));
  return json;
}
