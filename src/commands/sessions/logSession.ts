/**
 * `remedi log-session` and `remedi sessions edit`: record one mentoring interaction,
 * by flags (scripts) or by questions at a terminal, checked before it is saved.
 */
import { UserError, UsageError } from '../../errors.js';
import { type Context } from '../../cli/context.js';
import { formatDate, type IsoDate } from '../../domain/dates.js';
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
} from '../../domain/sessions.js';
import type { StaffRecord } from '../../domain/staff.js';
import { openCommandDb } from '../shared/openDb.js';
import { resolvePeople } from '../shared/resolvePerson.js';
import { type Db } from '../../store/db.js';
import { loadRelationships, type RelationshipRecord } from '../../store/relationships.js';
import { hasSession, listSessions, sessionWriter, type NewSession } from '../../store/sessions.js';
import { staffFinder } from '../../store/staff.js';
import { sessionJson, type SessionJson } from '../../ui/sessionOutput.js';
import { visible } from '../../ui/terminalText.js';
import type { LogSessionOptions, SessionsEditOptions } from './command.js';
/** What log-session records and sessions edit changes: the same flags. */
export type SessionFlags = LogSessionOptions | SessionsEditOptions;

const REQUIRED: Array<[keyof SessionFlags, string]> = [
  ['pair', '--pair'],
  ['date', '--date'],
  ['minutes', '--minutes'],
  ['kind', '--kind'],
  ['level', '--level'],
];

/** A kind or level given as a flag: a near miss is a usage error with a suggestion. */
function flagChoice<T extends string>(
  raw: string | undefined,
  parse: (raw: string) => { ok: true; value: T } | { ok: false; problem: string },
  flag: string,
): T | undefined {
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
  const kind = flagChoice(options.kind, parseKind, '--kind');
  const level = flagChoice(options.level, parseLevel, '--level');

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
    const answers: Answers = {
      date: options.date,
      minutes: options.minutes,
      kind,
      level,
      themes: options.theme,
      // Any way of naming a person (docs/programme-year.md, "Naming people"); whether they
      // are a mentor of this relationship is checked with the rest of the session.
      mentors: options.mentor && resolvePeople(db, options.mentor, { what: 'Not saved' }).map((person) => person.staffId),
      livedExperience: options.livedExperience,
      notes: options.notes,
    };
    let mayDuplicate = options.force === true;

    if (missing.length > 0) {
      const { askForSession } = await import('./logSessionQuestions.js');
      ({ relationship, mayDuplicate } = await askForSession({ db, relationships, relationship, answers, force: mayDuplicate, context, findStaff }));
    }

    const session = sessionOf(answers, relationship!);
    checkSession(db, session, relationship!, context.today, mayDuplicate);
    const saved = db
      .transaction(() => {
        // Checked again under the write lock: another administrator may have just saved it.
        checkSession(db, session, relationship!, context.today, mayDuplicate);
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

/** What the flags said, then what was asked; a session once every required one is known. */
export interface Answers {
  date?: IsoDate;
  minutes?: number;
  kind?: Kind;
  level?: Level;
  themes?: string[];
  mentors?: string[];
  livedExperience?: boolean;
  notes?: string;
}

export function sessionOf(answers: Answers, relationship: RelationshipRecord): NewSession {
  return {
    relationshipId: relationship.id,
    date: answers.date!,
    minutes: answers.minutes!,
    kind: answers.kind!,
    level: answers.level!,
    themes: parseThemes(answers.themes ?? []),
    livedExperience: answers.livedExperience ?? false,
    mentors: answers.mentors && answers.mentors.length > 0 ? [...new Set(answers.mentors)] : relationship.mentors.map((m) => m.staffId),
    notes: answers.notes?.trim() ? answers.notes.trim() : null,
  };
}

/** How a session's messages name a person: "Priya Sharma (10000024)", or the staff id of someone unknown. */
export function personLabel(findStaff: (staffId: string) => StaffRecord | undefined): (staffId: string) => string {
  return (staffId) => {
    const person = findStaff(staffId);
    return person ? `${person.name} (${staffId})` : staffId;
  };
}

/** Refuses a session that breaks a rule (a duplicate only without --force). */
export function checkSession(db: Db, session: NewSession, relationship: RelationshipRecord, today: IsoDate, force: boolean, exceptId?: number): void {
  const problems = sessionProblems(session, targetOf(relationship), today, personLabel(staffFinder(db))).map((problem) => problem.message);
  if (!force && hasSession(db, session.relationshipId, session.date, session.kind, exceptId)) {
    problems.push(
      `${sessionOfKind(session.kind)} on ${formatDate(session.date)} is already recorded for relationship #${relationship.id} (add --force if there really were two)`,
    );
  }
  if (problems.length > 0) throw new UserError(`Not saved: ${problems.join('; ')}.`);
}

/** One line about a session; names, themes and notes are data, shown with visible escapes (ui/terminalText.ts). */
export function describeSession(session: NewSession, relationship: RelationshipRecord, nameOf: (id: string) => string): string {
  const who = `#${relationship.id} ${nameOf(relationship.menteeId)} with ${session.mentors.map(nameOf).join(' and ')}`;
  const extras = [
    session.themes.length > 0 ? `themes: ${session.themes.map((t) => t.label).join('; ')}` : '',
    session.livedExperience ? 'explored lived experience' : '',
    session.notes ? `notes: ${session.notes}` : '',
  ].filter(Boolean);
  return visible(
    `${formatDate(session.date)}, ${session.minutes} minutes, ${KIND_LABELS[session.kind as Kind]} at ${session.level as Level} level, for ${who}${extras.length > 0 ? ` (${extras.join('; ')})` : ''}.`,
  );
}
