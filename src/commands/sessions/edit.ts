/** `remedi sessions edit`: correct a recorded session; only the fields given change, and the result is checked again. */
import type { Context } from '../../cli/context.js';
import { choiceFlag, editedSession, sessionTarget } from '../../domain/sessionDraft.js';
import { parseKind, parseLevel } from '../../domain/sessions.js';
import { loadRelationships } from '../../store/relationships.js';
import { listSessions, sessionWriter } from '../../store/sessions.js';
import { sessionJson, type SessionJson } from '../../ui/sessionOutput.js';
import { notFound, printJson, writeDatabase } from '../shared/skeleton.js';
import type { SessionsEditOptions } from './command.js';
import { checkSession, flagAnswers } from './checkSession.js';

export async function runSessionsEdit(id: number, options: SessionsEditOptions, context: Context): Promise<SessionJson> {
  const kind = choiceFlag(options.kind, parseKind, '--kind');
  const level = choiceFlag(options.level, parseLevel, '--level');
  const json = await writeDatabase(options, context, (db) => {
    const [before] = listSessions(db, { ids: [id] });
    if (!before) throw notFound.session(id);
    const relationshipId = options.pair ?? before.relationshipId;
    const [relationship] = loadRelationships(db, { ids: [relationshipId] });
    if (!relationship) throw notFound.relationship(relationshipId);
    const target = sessionTarget(relationship);
    const after = editedSession(before, flagAnswers(db, options, { kind, level }), target);
    checkSession(db, after, target, context.today, options.force === true, id);
    sessionWriter(db, context.today).update(id, after);
    return sessionJson(listSessions(db, { ids: [id] })[0]);
  });
  if (options.json) printJson(context, json);
  else context.out(`Updated session #${id}.\n`);
  return json;
}
