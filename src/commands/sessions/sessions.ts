/** `remedi sessions list | edit | delete`: the recorded sessions, seen and corrected. */
import { page } from '../../ui/pager.js';
import { UserError, UsageError } from '../../errors.js';
import { promptsOf, type Context } from '../../cli/context.js';
import { parseKind, parseLevel, parseThemes, type Theme } from '../../domain/sessions.js';
import { openCommandDb } from '../shared/openDb.js';
import { loadRelationships } from '../../store/relationships.js';
import { listSessions, sessionWriter, type NewSession, type SessionRecord } from '../../store/sessions.js';
import { staffFinder } from '../../store/staff.js';
import { renderSessions, sessionCsv, sessionJson, type SessionJson } from '../../ui/sessionOutput.js';
import { visible } from '../../ui/terminalText.js';
import { checkSession, describeSession, type SessionFlags } from './logSession.js';
import { resolveCohort } from '../shared/resolveCohort.js';
import { resolvePeople, resolvePerson } from '../shared/resolvePerson.js';
import type { SessionsDeleteOptions, SessionsListOptions } from './command.js';

export async function runSessionsList(options: SessionsListOptions, context: Context): Promise<SessionJson[]> {
  if (options.json && options.csv) throw new UsageError('Choose one of --json and --csv.');
  const { db } = await openCommandDb(options, context, { create: false, readonly: true });
  try {
    if (options.cohort !== undefined) resolveCohort(db, options.cohort, context);
    if (options.pair !== undefined && loadRelationships(db, { ids: [options.pair] }).length === 0) {
      throw new UserError(`There is no relationship #${options.pair}.`, { fix: 'See the relationships with remedi pair list.' });
    }
    // Leavers' sessions are history worth seeing, so anyone ever on the staff list is found.
    const person = options.staff === undefined ? undefined : resolvePerson(db, options.staff);
    const sessions = listSessions(db, { relationshipId: options.pair, cohort: options.cohort, staffId: person?.staffId }).map(sessionJson);
    const find = staffFinder(db);
    const nameOf = (id: string) => find(id)?.name ?? id;
    if (options.json) {
      context.out(`${JSON.stringify(sessions, null, 2)}\n`);
    } else if (options.csv) {
      const relationships = new Map(loadRelationships(db, { ids: [...new Set(sessions.map((s) => s.pairId))] }).map((r) => [r.id, r]));
      context.out(
        sessionCsv(
          sessions,
          (pairId) => {
            const rel = relationships.get(pairId);
            return rel ? { cohort: rel.cohort, menteeId: rel.menteeId, menteeName: nameOf(rel.menteeId) } : null;
          },
          nameOf,
        ),
      );
    } else if (sessions.length > 0) {
      page(context, renderSessions(sessions, nameOf, context));
      context.err(
        `${sessions.length} ${sessions.length === 1 ? 'session' : 'sessions'}${person ? ` with ${visible(`${person.name} (${person.staffId})`)}` : ''}.\n`,
      );
    }
    if (sessions.length === 0 && !options.json) {
      context.err(
        person
          ? `No sessions recorded for ${visible(`${person.name} (${person.staffId})`)}.\n`
          : 'No sessions recorded yet. Record one with remedi log-session, or import a file with remedi import-sessions.\n',
      );
    }
    return sessions;
  } finally {
    db.close();
  }
}

function findSession(sessions: SessionRecord[], id: number): SessionRecord {
  const session = sessions[0];
  if (!session) throw new UserError(`There is no session #${id}.`, { fix: 'See the sessions with remedi sessions list.' });
  return session;
}

/** Changes the fields given as flags; the result is checked as a new session would be. */
export async function runSessionsEdit(id: number, options: SessionFlags, context: Context): Promise<SessionJson> {
  const kind = options.kind === undefined ? undefined : parseKind(options.kind);
  if (kind && !kind.ok) throw new UsageError(`--kind: ${kind.problem}.`);
  const level = options.level === undefined ? undefined : parseLevel(options.level);
  if (level && !level.ok) throw new UsageError(`--level: ${level.problem}.`);
  const { db } = await openCommandDb(options, context, { create: false });
  try {
    const json = db
      .transaction(() => {
        const before = findSession(listSessions(db, { ids: [id] }), id);
        const relationshipId = options.pair ?? before.relationshipId;
        const [relationship] = loadRelationships(db, { ids: [relationshipId] });
        if (!relationship) throw new UserError(`There is no relationship #${relationshipId}.`, { fix: 'See the relationships with remedi pair list.' });
        const moved = relationshipId !== before.relationshipId;
        // Any way of naming a person, as log-session takes it (docs/programme-year.md, "Naming
        // people"); whether they are a mentor of this relationship is checked with the rest.
        const mentors = options.mentor && [...new Set(resolvePeople(db, options.mentor, { what: 'Not saved' }).map((person) => person.staffId))];
        const themes: Theme[] = parseThemes(options.theme ?? before.themes);
        const after: NewSession = {
          relationshipId,
          date: options.date ?? before.date,
          minutes: options.minutes ?? before.minutes,
          kind: kind?.ok ? kind.value : before.kind,
          level: level?.ok ? level.value : before.level,
          themes,
          livedExperience: options.livedExperience ?? before.livedExperience,
          mentors: mentors ?? (moved ? relationship.mentors.map((m) => m.staffId) : before.mentors),
          notes: options.notes === undefined ? before.notes : options.notes.trim() || null,
        };
        checkSession(db, after, relationship, context.today, options.force === true, id);
        sessionWriter(db, context.today).update(id, after);
        return sessionJson(listSessions(db, { ids: [id] })[0]);
      })
      .immediate();
    if (options.json) context.out(`${JSON.stringify(json, null, 2)}\n`);
    else context.out(`Updated session #${id}.\n`);
    return json;
  } finally {
    db.close();
  }
}

export async function runSessionsDelete(id: number, options: SessionsDeleteOptions, context: Context): Promise<void> {
  const { db } = await openCommandDb(options, context, { create: false });
  try {
    const session = findSession(listSessions(db, { ids: [id] }), id);
    if (!options.yes) {
      if (!context.interactive) {
        throw new UsageError(`Deleting session #${id} needs --yes when there is no terminal to confirm it.`, { fix: `remedi sessions delete ${id} --yes` });
      }
      const [relationship] = loadRelationships(db, { ids: [session.relationshipId] });
      const find = staffFinder(db);
      const summary = describeSession({ ...session, themes: parseThemes(session.themes) }, relationship, (sid) => find(sid)?.name ?? sid);
      const { confirmDelete } = await promptsOf(context);
      if (!(await confirmDelete(`session #${id} (${summary.replace(/\.$/, '')})`))) {
        context.err('Nothing was deleted.\n');
        return;
      }
    }
    db.transaction(() => sessionWriter(db, context.today).remove(id)).immediate();
    context.out(`Deleted session #${id}.\n`);
  } finally {
    db.close();
  }
}
