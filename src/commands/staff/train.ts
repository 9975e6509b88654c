/**
 * `remedi staff train`: RACE training done after the roster was imported, set by hand so a
 * later import's blank cell keeps it (docs/programme-year.md, "Set by hand"). All or nothing.
 */
import type { Context } from '../../cli/context.js';
import { trainingDay, trainingEdit } from '../../domain/staffRequests.js';
import { editStaff, staffFinder } from '../../store/staff.js';
import { renderTrained, staffJson, type StaffJson } from '../../ui/staffOutput.js';
import { resolvePeople } from '../shared/resolvePerson.js';
import { printJson, writeDatabase } from '../shared/skeleton.js';
import type { StaffTrainOptions } from './command.js';

export async function runStaffTrain(queries: string[], options: StaffTrainOptions, context: Context): Promise<StaffJson[]> {
  const on = trainingDay(options.on, context.today);
  const trained = await writeDatabase(options, context, (db) => {
    const people = [...new Map(resolvePeople(db, queries, { what: 'Nobody was recorded' }).map((p) => [p.staffId, p])).values()];
    for (const person of people) {
      const edit = trainingEdit(person.handSet, on);
      editStaff(db, person.staffId, edit.facts, edit.handSet, context.today);
    }
    const find = staffFinder(db);
    return people.map((p) => staffJson(find(p.staffId)!));
  });
  if (options.json) printJson(context, trained);
  else context.out(renderTrained(trained, on));
  return trained;
}
