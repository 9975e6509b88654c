/**
 * `remedi log-session`: record one mentoring interaction, by flags (scripts) or by questions
 * at a terminal (logSessionQuestions.ts), checked before it is saved.
 */
import type { Context } from '../../cli/context.js';
import { choiceFlag, draftSession, missingSessionFlags, sessionTarget, type Answers } from '../../domain/sessionDraft.js';
import { parseKind, parseLevel } from '../../domain/sessions.js';
import { UsageError } from '../../errors.js';
import { loadRelationships } from '../../store/relationships.js';
import { listSessions, sessionWriter } from '../../store/sessions.js';
import { staffFinder } from '../../store/staff.js';
import { describeSession, sessionJson, type SessionJson } from '../../ui/sessionOutput.js';
import { notFound, printJson, withDatabase } from '../shared/skeleton.js';
import type { LogSessionOptions } from './command.js';
import { checkSession, flagAnswers } from './checkSession.js';

export async function runLogSession(options: LogSessionOptions, context: Context): Promise<SessionJson> {
  const missing = missingSessionFlags(options);
  // Whether it may ask is asked only when something is missing: the question loads node:tty.
  if (missing.length > 0 && !(context.interactive && options.json !== true)) {
    throw new UsageError(`Missing ${missing.join(', ')}.`, {
      fix: 'Without a terminal, give --pair, --date, --minutes, --kind and --level (see remedi log-session --help).',
    });
  }
  const kind = choiceFlag(options.kind, parseKind, '--kind');
  const level = choiceFlag(options.level, parseLevel, '--level');

  return withDatabase(options, context, { create: false }, async (db) => {
    const findStaff = staffFinder(db);
    const nameOf = (id: string) => findStaff(id)?.name ?? id;
    // With --pair, only that relationship is read: a national database has tens of thousands.
    const relationships = loadRelationships(db, options.pair === undefined ? {} : { ids: [options.pair] });
    let relationship = options.pair === undefined ? undefined : relationships.find((r) => r.id === options.pair);
    if (options.pair !== undefined && !relationship) throw notFound.relationship(options.pair);
    const answers: Answers = flagAnswers(db, options, { kind, level });
    let mayDuplicate = options.force === true;

    if (missing.length > 0) {
      const { askForSession } = await import('./logSessionQuestions.js');
      ({ relationship, mayDuplicate } = await askForSession({ db, relationships, relationship, answers, force: mayDuplicate, context, findStaff }));
    }

    const target = sessionTarget(relationship!);
    const session = draftSession(answers, target);
    checkSession(db, session, target, context.today, mayDuplicate);
    const saved = db
      .transaction(() => {
        // Checked again under the write lock: another administrator may have just saved it.
        checkSession(db, session, target, context.today, mayDuplicate);
        return sessionWriter(db, context.today).insert(session);
      })
      .immediate();
    const json = sessionJson(listSessions(db, { ids: [saved] })[0]);
    if (options.json) printJson(context, json);
    else context.out(`Recorded session #${saved}: ${describeSession(session, relationship!, nameOf)}\n`);
    return json;
  });
}
