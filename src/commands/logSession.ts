/**
 * `remedi log-session` and `remedi sessions edit`: record one mentoring interaction,
 * by flags (scripts) or by questions at a terminal, checked before it is saved.
 */
import { UserError, UsageError } from '../errors.js';
import { type CommonOptions, type Context } from '../context.js';
import { formatDate, parseDate, type IsoDate } from '../domain/dates.js';
import {
  KIND_LABELS,
  parseKind,
  parseLevel,
  parseThemes,
  sessionOfKind,
  sessionProblems,
  type Kind,
  type Level,
  type SessionTarget,
} from '../domain/sessions.js';
import { openCommandDb } from './openDb.js';
import { type Db } from '../store/db.js';
import { loadRelationships, type RelationshipRecord } from '../store/relationships.js';
import { hasSession, knownThemes, listSessions, sessionWriter, type NewSession } from '../store/sessions.js';
import { staffFinder } from '../store/staff.js';
import { sessionJson, type SessionJson } from '../ui/sessionOutput.js';

export interface SessionFlags extends CommonOptions {
  pair?: number;
  date?: string;
  minutes?: number;
  kind?: string;
  level?: string;
  theme?: string[];
  mentor?: string[];
  livedExperience?: boolean;
  notes?: string;
  force?: boolean;
}

const REQUIRED: Array<[keyof SessionFlags, string]> = [
  ['pair', '--pair'],
  ['date', '--date'],
  ['minutes', '--minutes'],
  ['kind', '--kind'],
  ['level', '--level'],
];

/** A kind or level given as a flag: a near miss is a usage error with a suggestion. */
function flagChoice<T extends string>(raw: string | undefined, parse: (raw: string) => { ok: true; value: T } | { ok: false; problem: string }, flag: string): T | undefined {
  if (raw === undefined) return undefined;
  const parsed = parse(raw);
  if (!parsed.ok) throw new UsageError(`${flag}: ${parsed.problem}.`);
  return parsed.value;
}

export function targetOf(relationship: RelationshipRecord): SessionTarget {
  return {
    id: relationship.id,
    start: relationship.start,
    endedOn: relationship.endedOn,
    plannedEnd: relationship.plannedEnd,
    mentorIds: relationship.mentors.map((m) => m.staffId),
  };
}

export async function runLogSession(options: SessionFlags, context: Context): Promise<SessionJson> {
  const missing = REQUIRED.filter(([key]) => options[key] === undefined).map(([, flag]) => flag);
  const interactive = context.interactive && !options.json;
  if (missing.length > 0 && !interactive) {
    throw new UsageError(`Missing ${missing.join(', ')}.`, {
      fix: 'Without a terminal, give --pair, --date, --minutes, --kind and --level (see remedi log-session --help).',
    });
  }
  let kind = flagChoice(options.kind, parseKind, '--kind');
  let level = flagChoice(options.level, parseLevel, '--level');

  const { db } = await openCommandDb(options, context, { create: false });
  try {
    const findStaff = staffFinder(db);
    const nameOf = (id: string) => findStaff(id)?.name ?? id;
    // With --pair, only that relationship is read: a national database has tens of thousands.
    const relationships = loadRelationships(db, options.pair === undefined ? {} : { ids: [options.pair] });
    const find = (id: number) => {
      const found = relationships.find((r) => r.id === id);
      if (!found) throw new UserError(`There is no relationship #${id}.`, { fix: 'See the relationships with remedi pair list.' });
      return found;
    };
    let relationship = options.pair === undefined ? undefined : find(options.pair);
    let date = options.date;
    let minutes = options.minutes;
    let themes = options.theme;
    let mentors = options.mentor;
    let livedExperience = options.livedExperience;
    let notes = options.notes;

    if (missing.length > 0) {
      const ask = await import('../ui/prompts.js');
      if (relationships.length === 0) throw new UserError('There are no relationships to record a session for.', { fix: 'Save some with remedi pair --save or remedi pair add.' });
      relationship ??= find(
        await ask.askRelationship(
          relationships.map((r) => ({
            id: r.id,
            label: `#${r.id} ${nameOf(r.menteeId)} with ${r.mentors.map((m) => nameOf(m.staffId)).join(' + ')} (cohort ${r.cohort})`,
          })),
        ),
      );
      const target = targetOf(relationship);
      if (date === undefined) {
        const answer = parseDate(
          await ask.askDate(context.today, (raw) => {
          const parsed = parseDate(raw);
          if (!parsed.ok) return `Not a date (${parsed.problem}); use YYYY-MM-DD or DD/MM/YYYY.`;
          const problems = sessionProblems({ date: parsed.date, minutes: 1, mentors: [], themes: [] }, target, context.today);
          return problems.length > 0 ? problems[0].message : null;
          }),
        );
        if (answer.ok) date = answer.date;
      }
      minutes ??= await ask.askMinutes();
      kind ??= await ask.askKind();
      level ??= await ask.askLevel();
      themes ??= await ask.askThemes(knownThemes(db));
      if (mentors === undefined && relationship.mentors.length > 1) {
        mentors = await ask.askMentors(relationship.mentors.map((m) => ({ staffId: m.staffId, name: nameOf(m.staffId) })));
      }
      livedExperience ??= await ask.askLivedExperience();
      notes ??= await ask.askNotes();
    }

    const session: NewSession = {
      relationshipId: relationship!.id,
      date: date!,
      minutes: minutes!,
      kind: kind!,
      level: level!,
      themes: parseThemes(themes ?? []),
      livedExperience: livedExperience ?? false,
      mentors: mentors && mentors.length > 0 ? [...new Set(mentors)] : relationship!.mentors.map((m) => m.staffId),
      notes: notes?.trim() ? notes.trim() : null,
    };
    checkSession(db, session, relationship!, context.today, options.force === true);

    if (missing.length > 0) {
      const ask = await import('../ui/prompts.js');
      if (!(await ask.confirmSave(describeSession(session, relationship!, nameOf)))) {
        throw new UserError('Not saved: you chose not to save the session.');
      }
    }
    const saved = db
      .transaction(() => {
        // Checked again under the write lock: another administrator may have just saved it.
        checkSession(db, session, relationship!, context.today, options.force === true);
        return sessionWriter(db, context.today).insert(session);
      })
      .immediate();
    const json = sessionJson(listSessions(db, { ids: [saved] })[0]);
    if (options.json) context.out(`${JSON.stringify(json, null, 2)}\n`);
    else context.out(`Recorded session #${saved}: ${describeSession(session, relationship!, nameOf)}\n`);
    return json;
  } finally {
    db.close();
  }
}

/** Refuses a session that breaks a rule (a duplicate only without --force). */
export function checkSession(db: Db, session: NewSession, relationship: RelationshipRecord, today: IsoDate, force: boolean, exceptId?: number): void {
  const problems = sessionProblems(session, targetOf(relationship), today).map((problem) => problem.message);
  if (!force && hasSession(db, session.relationshipId, session.date, session.kind, exceptId)) {
    problems.push(`${sessionOfKind(session.kind)} on ${formatDate(session.date)} is already recorded for relationship #${relationship.id} (add --force if there really were two)`);
  }
  if (problems.length > 0) throw new UserError(`Not saved: ${problems.join('; ')}.`);
}

export function describeSession(session: NewSession, relationship: RelationshipRecord, nameOf: (id: string) => string): string {
  const who = `#${relationship.id} ${nameOf(relationship.menteeId)} with ${session.mentors.map(nameOf).join(' and ')}`;
  const extras = [
    session.themes.length > 0 ? `themes: ${session.themes.map((t) => t.label).join('; ')}` : '',
    session.livedExperience ? 'explored lived experience' : '',
    session.notes ? `notes: ${session.notes}` : '',
  ].filter(Boolean);
  return `${formatDate(session.date)}, ${session.minutes} minutes, ${KIND_LABELS[session.kind as Kind]} at ${session.level as Level} level, for ${who}${extras.length > 0 ? ` (${extras.join('; ')})` : ''}.`;
}
