/** `remedi sessions list`: the recorded sessions, all or one relationship's, cohort's or person's. */
import type { Context } from '../../cli/context.js';
import { loadRelationships } from '../../store/relationships.js';
import { listSessions } from '../../store/sessions.js';
import { staffFinder } from '../../store/staff.js';
import { page } from '../../ui/pager.js';
import { SESSION_CSV_HEADER, sessionCsvRows, sessionJson, type SessionJson } from '../../ui/sessionOutput.js';
import { renderSessions } from '../../ui/sessionTable.js';
import { visible } from '../../ui/terminalText.js';
import { resolveCohort } from '../shared/resolveCohort.js';
import { resolvePerson } from '../shared/resolvePerson.js';
import { notFound, printCsv, printJson, readDatabase, refuseJsonAndCsv } from '../shared/skeleton.js';
import type { SessionsListOptions } from './command.js';

export async function runSessionsList(options: SessionsListOptions, context: Context): Promise<SessionJson[]> {
  refuseJsonAndCsv(options);
  return readDatabase(options, context, (db) => {
    if (options.cohort !== undefined) resolveCohort(db, options.cohort, context);
    if (options.pair !== undefined && loadRelationships(db, { ids: [options.pair] }).length === 0) throw notFound.relationship(options.pair);
    // Leavers' sessions are history worth seeing, so anyone ever on the staff list is found.
    const person = options.staff === undefined ? undefined : resolvePerson(db, options.staff);
    const sessions = listSessions(db, { relationshipId: options.pair, cohort: options.cohort, staffId: person?.staffId }).map(sessionJson);
    const find = staffFinder(db);
    const nameOf = (id: string) => find(id)?.name ?? id;
    const who = person && visible(`${person.name} (${person.staffId})`);
    if (options.json) printJson(context, sessions);
    else if (options.csv) {
      const relationships = new Map(loadRelationships(db, { ids: [...new Set(sessions.map((s) => s.pairId))] }).map((r) => [r.id, r]));
      const peopleOf = (pairId: number) => {
        const rel = relationships.get(pairId);
        return rel ? { cohort: rel.cohort, menteeId: rel.menteeId, menteeName: nameOf(rel.menteeId) } : null;
      };
      printCsv(context, SESSION_CSV_HEADER, sessionCsvRows(sessions, peopleOf, nameOf));
    } else if (sessions.length > 0) {
      page(context, renderSessions(sessions, nameOf, context));
      context.err(`${sessions.length} ${sessions.length === 1 ? 'session' : 'sessions'}${who ? ` with ${who}` : ''}.\n`);
    }
    if (sessions.length === 0 && !options.json) {
      context.err(
        who
          ? `No sessions recorded for ${who}.\n`
          : 'No sessions recorded yet. Record one with remedi log-session, or import a file with remedi import-sessions.\n',
      );
    }
    return sessions;
  });
}
