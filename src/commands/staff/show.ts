/** `remedi staff show P`: everything held about one person, their cohorts and their relationships. */
import type { Context } from '../../cli/context.js';
import { characteristicsOfPerson, enabledCharacteristics } from '../../store/characteristics.js';
import { enrolmentsOf, namesOf, relationshipIdsOf, sessionCounts } from '../../store/people.js';
import { loadRelationships } from '../../store/relationships.js';
import { relationshipJson } from '../../ui/relationshipOutput.js';
import { renderStaffShow, staffShowJson, type StaffShowJson } from '../../ui/staffShowOutput.js';
import { resolvePerson } from '../shared/resolvePerson.js';
import { printJson, readDatabase } from '../shared/skeleton.js';
import type { StaffShowOptions } from './command.js';

export async function runStaffShow(query: string, options: StaffShowOptions, context: Context): Promise<StaffShowJson> {
  const { show, names } = await readDatabase(options, context, (db) => {
    const person = resolvePerson(db, query);
    const records = loadRelationships(db, { ids: relationshipIdsOf(db, person.staffId) });
    const sessions = sessionCounts(
      db,
      records.map((r) => r.id),
    );
    const names = namesOf(db, [
      ...(person.lineManagerId === null ? [] : [person.lineManagerId]),
      ...records.flatMap((r) => [r.menteeId, ...r.mentors.map((m) => m.staffId)]),
    ]);
    const nameOf = (staffId: string) => names.get(staffId) ?? staffId;
    const relationships = records.map((record) => ({ json: relationshipJson(record, nameOf, context.today), sessions: sessions.get(record.id) ?? 0 }));
    const characteristics = { enabled: enabledCharacteristics(db), stored: characteristicsOfPerson(db, person.staffId) };
    return { show: staffShowJson(person, enrolmentsOf(db, person.staffId), relationships, characteristics), names };
  });
  if (options.json) printJson(context, show);
  else context.out(renderStaffShow(show, (staffId) => names.get(staffId), context));
  return show;
}
