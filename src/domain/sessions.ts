/**
 * Mentoring interactions (docs/sessions.md): their kinds, levels and themes,
 * and the rules a session must meet to be recorded against a relationship.
 */
import { formatDate, type IsoDate } from './dates.js';
import { relationshipEnd, runsOn, type RelationshipDates } from './relationshipLife.js';
import { suggest } from './suggest.js';

export const KINDS = [
  'one-to-one',
  'observation',
  'semi-structured-interview',
  'reflective-discussion',
  'shadowing',
  'networking',
  'critical-friend',
  'other',
] as const;
export type Kind = (typeof KINDS)[number];

export const KIND_LABELS: Record<Kind, string> = {
  'one-to-one': 'one-to-one conversation',
  observation: 'observation of the mentee at work',
  'semi-structured-interview': 'semi-structured interview',
  'reflective-discussion': 'reflective discussion of attitudes',
  shadowing: 'shadowing',
  networking: 'networking',
  'critical-friend': 'acting as a critical friend',
  other: 'other',
};

export const LEVELS = ['individual', 'team', 'department', 'organisation', 'system'] as const;
export type Level = (typeof LEVELS)[number];

export const MAX_MINUTES = 600;

const squash = (text: string): string => text.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Other ways people write the same kind or level. */
const SYNONYMS: Record<string, string> = {
  '11': 'one-to-one',
  '121': 'one-to-one',
  '1to1': 'one-to-one',
  onetoone: 'one-to-one',
  onetoonemeeting: 'one-to-one',
  conversation: 'one-to-one',
  interview: 'semi-structured-interview',
  criticalfriend: 'critical-friend',
  reflection: 'reflective-discussion',
  organization: 'organisation',
  organisational: 'organisation',
  organizational: 'organisation',
  departmental: 'department',
};

export type ChoiceResult<T extends string> = { ok: true; value: T } | { ok: false; problem: string };

/** Reads a kind or level as written (`one-to-one`, `One to one conversation`, `1:1`); a near miss gets a suggestion. */
export function parseChoice<T extends string>(raw: string, values: readonly T[], labels: Partial<Record<T, string>>, noun: string): ChoiceResult<T> {
  const key = squash(raw);
  for (const value of values) {
    if (squash(value) === key || (labels[value] !== undefined && squash(labels[value]) === key)) return { ok: true, value };
  }
  const synonym = SYNONYMS[key];
  if (synonym !== undefined && (values as readonly string[]).includes(synonym)) return { ok: true, value: synonym as T };
  const guess = suggest(raw.trim().toLowerCase().replace(/\s+/g, '-'), values);
  const hint = guess ? `did you mean "${guess}"? ` : '';
  return { ok: false, problem: `"${raw.trim()}" is not a ${noun}; ${hint}expected one of ${values.join(', ')}` };
}

export const parseKind = (raw: string): ChoiceResult<Kind> => parseChoice(raw, KINDS, KIND_LABELS, 'kind of session');
export const parseLevel = (raw: string): ChoiceResult<Level> => parseChoice(raw, LEVELS, {}, 'level');

export interface Theme {
  /** For matching and counting: trimmed, spaces collapsed, case-folded. */
  key: string;
  /** As first written (trimmed, spaces collapsed). */
  label: string;
}

export const MAX_THEME_LENGTH = 80;

export function normaliseTheme(raw: string): Theme | null {
  const label = raw.normalize('NFC').trim().replace(/\s+/g, ' ');
  if (label === '') return null;
  return { key: label.toLocaleLowerCase('en-GB'), label };
}

/** Themes from flags or a `;`-separated cell, without repeats (the first spelling wins). */
export function parseThemes(values: readonly string[]): Theme[] {
  const themes = new Map<string, Theme>();
  for (const value of values) {
    for (const part of value.split(';')) {
      const theme = normaliseTheme(part);
      if (theme && !themes.has(theme.key)) themes.set(theme.key, theme);
    }
  }
  return [...themes.values()];
}

/** A session ready to be recorded against a relationship. */
export interface SessionDraft {
  relationshipId: number;
  date: IsoDate;
  minutes: number;
  kind: Kind;
  level: Level;
  themes: readonly Theme[];
  livedExperience: boolean;
  /** Staff ids of the mentors present. */
  mentors: readonly string[];
  notes: string | null;
}

/** A session as recorded: its id, its themes by label (as first written) and the staff ids of the mentors present. */
export interface RecordedSession {
  id: number;
  relationshipId: number;
  date: IsoDate;
  minutes: number;
  kind: Kind;
  level: Level;
  themes: string[];
  livedExperience: boolean;
  mentors: string[];
  notes: string | null;
}

/** What a session is checked against: its relationship's dates and mentors. */
export interface SessionTarget extends RelationshipDates {
  id: number;
  mentorIds: readonly string[];
}

export interface SessionFacts {
  date: IsoDate;
  minutes: number;
  mentors: readonly string[];
  themes: readonly Theme[];
}

export interface SessionProblem {
  /** Which part of the session is wrong, so an import can name the column. */
  field: 'date' | 'minutes' | 'mentors' | 'themes';
  value: string;
  message: string;
}

/**
 * Everything wrong with recording this session against this relationship, in plain words.
 * `personOf` names a person in a message: by staff id unless the caller knows their name
 * ("Priya Sharma (10000024)", for someone the administrator named by name).
 */
export function sessionProblems(
  session: SessionFacts,
  target: SessionTarget,
  today: IsoDate,
  personOf: (staffId: string) => string = (staffId) => staffId,
): SessionProblem[] {
  const problems: SessionProblem[] = [];
  const date = (message: string) => problems.push({ field: 'date', value: session.date, message });
  if (session.date > today) date(`${formatDate(session.date)} is in the future; record a session once it has happened`);
  // A session belongs to a day its relationship runs (docs/programme-year.md, "A relationship's life").
  if (!runsOn(target, session.date)) {
    const end = relationshipEnd(target);
    date(
      session.date < target.start
        ? `relationship #${target.id} starts on ${formatDate(target.start)}, after ${formatDate(session.date)}`
        : target.endedOn !== null
          ? `relationship #${target.id} ended on ${formatDate(end)}, before ${formatDate(session.date)}`
          : `relationship #${target.id} runs to ${formatDate(end)} (the cohort's end), before ${formatDate(session.date)}`,
    );
  }
  if (!Number.isInteger(session.minutes) || session.minutes < 1 || session.minutes > MAX_MINUTES) {
    problems.push({
      field: 'minutes',
      value: String(session.minutes),
      message: `${session.minutes} minutes is not a session length; expected a whole number from 1 to ${MAX_MINUTES}`,
    });
  }
  for (const mentor of session.mentors) {
    if (!target.mentorIds.includes(mentor)) {
      problems.push({
        field: 'mentors',
        value: mentor,
        message: `${personOf(mentor)} is not a mentor in relationship #${target.id} (its mentors: ${target.mentorIds.map(personOf).join(', ')})`,
      });
    }
  }
  for (const theme of session.themes) {
    if (theme.label.length > MAX_THEME_LENGTH) {
      problems.push({
        field: 'themes',
        value: theme.label,
        message: `the theme "${theme.label.slice(0, 20)}..." is longer than ${MAX_THEME_LENGTH} characters; themes are short tags`,
      });
    }
  }
  return problems;
}

/** "a one-to-one session", "an observation session". */
export const sessionOfKind = (kind: Kind): string => `${kind === 'observation' || kind === 'other' ? 'an' : 'a'} ${kind} session`;

/** Two sessions are the same record when relationship, date and kind match. */
export const duplicateKey = (relationshipId: number, date: IsoDate, kind: Kind): string => `${relationshipId}|${date}|${kind}`;
