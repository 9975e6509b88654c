/**
 * Sessions as JSON (a contract: the field names are relied on) and as CSV; one session in a
 * line; the answers log-session offers to change; and import-sessions' summary. The table of
 * sessions is in sessionTable.ts, so commands that print no table do not load the table module.
 */
import { formatDate } from '../domain/dates.js';
import { KIND_LABELS, type RecordedSession, type SessionDraft } from '../domain/sessions.js';
import type { problemJson } from './problems.js';
import { visible } from './terminalText.js';

export interface SessionJson {
  id: number;
  pairId: number;
  date: string;
  minutes: number;
  kind: string;
  level: string;
  themes: string[];
  livedExperience: boolean;
  mentors: string[];
  notes: string | null;
}

export function sessionJson(session: RecordedSession): SessionJson {
  return {
    id: session.id,
    pairId: session.relationshipId,
    date: session.date,
    minutes: session.minutes,
    kind: session.kind,
    level: session.level,
    themes: session.themes,
    livedExperience: session.livedExperience,
    mentors: session.mentors,
    notes: session.notes,
  };
}

/** Who a session's relationship is between, for the CSV. */
export interface SessionPeople {
  cohort: number;
  menteeId: string;
  menteeName: string;
}

/**
 * `sessions list --csv`: one row per session, with the mentee and the mentors present
 * by staff id and name (several joined with "; ").
 */
export const SESSION_CSV_HEADER = [
  'session_id',
  'relationship_id',
  'cohort',
  'date',
  'minutes',
  'kind',
  'level',
  'mentee_id',
  'mentee_name',
  'mentor_ids',
  'mentor_names',
  'lived_experience',
  'themes',
  'notes',
] as const;

export function sessionCsvRows(sessions: readonly SessionJson[], peopleOf: (pairId: number) => SessionPeople | null, nameOf: (staffId: string) => string) {
  return sessions.map((s) => {
    const people = peopleOf(s.pairId);
    return [
      s.id,
      s.pairId,
      people?.cohort ?? null,
      s.date,
      s.minutes,
      s.kind,
      s.level,
      people?.menteeId ?? null,
      people?.menteeName ?? null,
      s.mentors.join('; '),
      s.mentors.map(nameOf).join('; '),
      s.livedExperience,
      s.themes.join('; '),
      s.notes,
    ];
  });
}

/** The relationship a session line names: its number and mentee. */
export interface SessionRelationship {
  id: number;
  menteeId: string;
}

/** One line about a session; names, themes and notes are data, shown with visible escapes (ui/terminalText.ts). */
export function describeSession(session: SessionDraft, relationship: SessionRelationship, nameOf: (id: string) => string): string {
  const who = `#${relationship.id} ${nameOf(relationship.menteeId)} with ${session.mentors.map(nameOf).join(' and ')}`;
  const extras = [
    session.themes.length > 0 ? `themes: ${session.themes.map((t) => t.label).join('; ')}` : '',
    session.livedExperience ? 'explored lived experience' : '',
    session.notes ? `notes: ${session.notes}` : '',
  ].filter(Boolean);
  return visible(
    `${formatDate(session.date)}, ${session.minutes} minutes, ${KIND_LABELS[session.kind]} at ${session.level} level, for ${who}${extras.length > 0 ? ` (${extras.join('; ')})` : ''}.`,
  );
}

export type AnswerName = 'date' | 'minutes' | 'kind' | 'level' | 'themes' | 'mentors' | 'livedExperience' | 'notes';

/** The answers log-session offers for changing, each with what it is now ("Minutes: 50"); mentors only for a trio. */
export function answersToChange(session: SessionDraft, trio: boolean, nameOf: (id: string) => string): Array<{ value: AnswerName; name: string }> {
  const list: Array<{ value: AnswerName; name: string }> = [
    { value: 'date', name: `Date: ${formatDate(session.date)}` },
    { value: 'minutes', name: `Minutes: ${session.minutes}` },
    { value: 'kind', name: `Kind: ${KIND_LABELS[session.kind]}` },
    { value: 'level', name: `Level: ${session.level}` },
    { value: 'themes', name: `Themes: ${session.themes.map((theme) => theme.label).join('; ') || 'none'}` },
  ];
  if (trio) list.push({ value: 'mentors', name: `Mentors: ${session.mentors.map(nameOf).join(' and ')}` });
  list.push(
    { value: 'livedExperience', name: `Lived experience: ${session.livedExperience ? 'yes' : 'no'}` },
    { value: 'notes', name: `Notes: ${session.notes ?? 'none'}` },
  );
  return list;
}

/** `import-sessions --json` (a contract: the field names are relied on). */
export interface ImportSessionsSummary {
  file: string;
  database: string;
  dryRun: boolean;
  imported: number;
  duplicatesSkipped: number;
  relationships: number;
  warnings: ReturnType<typeof problemJson>[];
}

/** `import-sessions` without --json: what was recorded, or with --dry-run what would be. */
export function importSessionsLine(summary: ImportSessionsSummary): string {
  const verb = summary.dryRun ? `Dry run of ${summary.file}: nothing was written. Importing it would record` : `Imported ${summary.file}: recorded`;
  const skipped = summary.duplicatesSkipped > 0 ? `; ${summary.duplicatesSkipped} already recorded and skipped` : '';
  const sessions = `${summary.imported} ${summary.imported === 1 ? 'session' : 'sessions'}`;
  const relationships = `${summary.relationships} ${summary.relationships === 1 ? 'relationship' : 'relationships'}`;
  return `${verb} ${sessions} for ${relationships}${skipped}.\n`;
}
