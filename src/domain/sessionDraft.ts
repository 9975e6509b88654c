/**
 * What log-session and sessions edit decide before anything is saved (docs/sessions.md): which
 * required answers are missing, the session a set of answers makes (with its defaults), a
 * recorded session with an edit applied, and the refusals, in words. The commands read the
 * database and ask the questions; these decide.
 */
import { UsageError, UserError } from '../errors.js';
import { formatDate, type IsoDate } from './dates.js';
import { relationshipEnd, runsOn, type RelationshipDates } from './relationshipLife.js';
import {
  parseThemes,
  sessionOfKind,
  sessionProblems,
  type ChoiceResult,
  type Kind,
  type Level,
  type SessionDraft,
  type SessionProblem,
  type SessionTarget,
} from './sessions.js';

/** What the flags said, then what was asked; a session once every required one is known. */
export interface Answers {
  date?: IsoDate;
  minutes?: number;
  kind?: Kind;
  level?: Level;
  themes?: string[];
  /** Staff ids, as given (repeats allowed). */
  mentors?: string[];
  livedExperience?: boolean;
  notes?: string;
}

/** A relationship, as much of it as a session is checked against. */
export interface RelationshipWithMentors extends RelationshipDates {
  id: number;
  mentors: ReadonlyArray<{ staffId: string }>;
}

export function sessionTarget(relationship: RelationshipWithMentors): SessionTarget {
  return {
    id: relationship.id,
    start: relationship.start,
    endedOn: relationship.endedOn,
    plannedEnd: relationship.plannedEnd,
    mentorIds: relationship.mentors.map((m) => m.staffId),
  };
}

/** The flags log-session needs to run without a question, in the order they are named. */
const REQUIRED_FLAGS = [
  ['pair', '--pair'],
  ['date', '--date'],
  ['minutes', '--minutes'],
  ['kind', '--kind'],
  ['level', '--level'],
] as const;

export type RequiredSessionFlags = { [K in (typeof REQUIRED_FLAGS)[number][0]]?: unknown };

/** The required flags not given ("--date", "--level"): without a terminal, a usage error naming each. */
export function missingSessionFlags(given: RequiredSessionFlags): string[] {
  return REQUIRED_FLAGS.filter(([key]) => given[key] === undefined).map(([, flag]) => flag);
}

/** A kind or level given as a flag: a near miss is a usage error with a suggestion. */
export function choiceFlag<T extends string>(raw: string | undefined, parse: (raw: string) => ChoiceResult<T>, flag: string): T | undefined {
  if (raw === undefined) return undefined;
  const parsed = parse(raw);
  if (!parsed.ok) throw new UsageError(`${flag}: ${parsed.problem}.`);
  return parsed.value;
}

/**
 * The session the answers make, with the defaults: every mentor of the relationship was there
 * unless some are named, no themes, no lived experience, and notes trimmed (blank notes are none).
 * Every required answer must be known.
 */
export function draftSession(answers: Answers, target: SessionTarget): SessionDraft {
  return {
    relationshipId: target.id,
    date: answers.date!,
    minutes: answers.minutes!,
    kind: answers.kind!,
    level: answers.level!,
    themes: parseThemes(answers.themes ?? []),
    livedExperience: answers.livedExperience ?? false,
    mentors: answers.mentors && answers.mentors.length > 0 ? [...new Set(answers.mentors)] : target.mentorIds,
    notes: blankIsNone(answers.notes),
  };
}

/** A recorded session, as an edit starts from it. */
export interface SessionBefore {
  relationshipId: number;
  date: IsoDate;
  minutes: number;
  kind: Kind;
  level: Level;
  /** Theme labels. */
  themes: readonly string[];
  livedExperience: boolean;
  mentors: readonly string[];
  notes: string | null;
}

/**
 * `sessions edit`: only the fields given change. Moved to another relationship (`target` is not
 * the one it was recorded for) without naming mentors, every mentor of the new one was there.
 */
export function editedSession(before: SessionBefore, changes: Answers, target: SessionTarget): SessionDraft {
  const moved = target.id !== before.relationshipId;
  return {
    relationshipId: target.id,
    date: changes.date ?? before.date,
    minutes: changes.minutes ?? before.minutes,
    kind: changes.kind ?? before.kind,
    level: changes.level ?? before.level,
    themes: parseThemes(changes.themes ?? before.themes),
    livedExperience: changes.livedExperience ?? before.livedExperience,
    mentors: changes.mentors ? [...new Set(changes.mentors)] : moved ? target.mentorIds : before.mentors,
    notes: changes.notes === undefined ? before.notes : blankIsNone(changes.notes),
  };
}

const blankIsNone = (notes: string | undefined): string | null => (notes?.trim() ? notes.trim() : null);

/**
 * What is wrong with the answers given so far (the flags, before any question), leaving out
 * what is not known yet: wrong flags are refused before the first question, not after the last.
 */
export function givenAnswerProblems(answers: Answers, target: SessionTarget, today: IsoDate, personOf?: (staffId: string) => string): SessionProblem[] {
  const given = { date: answers.date, minutes: answers.minutes, mentors: answers.mentors, themes: answers.themes };
  return sessionProblems(
    { date: answers.date ?? today, minutes: answers.minutes ?? 1, mentors: answers.mentors ?? [], themes: parseThemes(answers.themes ?? []) },
    target,
    today,
    personOf,
  ).filter((problem) => given[problem.field] !== undefined);
}

/** The refusal of a duplicate without --force (docs/sessions.md: relationship, date and kind make a session the same). */
export function duplicateProblem(session: Pick<SessionDraft, 'relationshipId' | 'date' | 'kind'>): string {
  return `${sessionOfKind(session.kind)} on ${formatDate(session.date)} is already recorded for relationship #${session.relationshipId} (add --force if there really were two)`;
}

/** What the "record it anyway?" question says: "A one-to-one session on 12 Mar 2026 is already recorded for #3." */
export function alreadyRecorded(session: Pick<SessionDraft, 'relationshipId' | 'date' | 'kind'>): string {
  const what = sessionOfKind(session.kind);
  return `${what.charAt(0).toUpperCase()}${what.slice(1)} on ${formatDate(session.date)} is already recorded for #${session.relationshipId}.`;
}

/** The one refusal for everything wrong with a session, or null when nothing is. */
export function notSaved(problems: readonly string[]): UserError | null {
  return problems.length === 0 ? null : new UserError(`Not saved: ${problems.join('; ')}.`);
}

/** The day the date question offers: today, or an ended relationship's last day (its sessions are recorded after the fact). */
export function offeredDate(relationship: RelationshipDates, today: IsoDate): IsoDate {
  const end = relationshipEnd(relationship);
  return end < today ? end : today;
}

/**
 * The relationships a session may be recorded for, in the order they are offered: running ones
 * first, then ended ones, the most recently ended first, each with its end (null while running).
 * One that has not started is left out: a session is recorded once it has happened
 * (docs/sessions.md), so none can be recorded for it yet; when none has started, that is the refusal.
 */
export function relationshipsToChoose<R extends RelationshipDates & { id: number }>(
  relationships: readonly R[],
  today: IsoDate,
): Array<{ relationship: R; ended: IsoDate | null }> {
  if (relationships.length === 0) {
    throw new UserError('There are no relationships to record a session for.', { fix: 'Save some with remedi pair --save or remedi pair add.' });
  }
  const started = relationships.filter((r) => r.start <= today);
  if (started.length === 0) {
    const first = relationships.map((r) => r.start).sort()[0];
    throw new UserError(`No relationship has started yet, so there is no session to record: the first starts on ${formatDate(first)}.`);
  }
  const running = started.filter((r) => runsOn(r, today));
  const ended = started.filter((r) => !runsOn(r, today)).sort((a, b) => relationshipEnd(b).localeCompare(relationshipEnd(a)) || a.id - b.id);
  return [
    ...running.map((relationship) => ({ relationship, ended: null })),
    ...ended.map((relationship) => ({ relationship, ended: relationshipEnd(relationship) })),
  ];
}

/** A relationship named by --pair that has not started has no session to record yet. */
export function notStartedYet(relationship: RelationshipDates & { id: number }, today: IsoDate): UserError | null {
  return relationship.start > today
    ? new UserError(`Relationship #${relationship.id} starts on ${formatDate(relationship.start)}: there is no session to record for it yet.`)
    : null;
}
