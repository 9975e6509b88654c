/**
 * A session log (a form's CSV export, say) row by row: its columns, what each row
 * states, and which relationship each session belongs to. No I/O here.
 */
import { columnLabel, headerIndex, type ColumnMapping } from './columns.js';
import { DATE_EXPECTED, parseDateCell, SERIAL_DATE_WARNING, type IsoDate } from './dates.js';
import { runsOn } from './relationshipLife.js';
import type { RowProblem } from './rosterRows.js';
import {
  duplicateKey,
  MAX_MINUTES,
  parseKind,
  parseLevel,
  parseThemes,
  sessionOfKind,
  sessionProblems,
  type Kind,
  type Level,
  type SessionDraft,
  type SessionTarget,
  type Theme,
} from './sessions.js';
import { YES_NO_EXPECTED, parseYesNo } from './yesNo.js';

export const SESSION_FIELDS = ['pair_id', 'mentee_id', 'date', 'minutes', 'kind', 'level', 'themes', 'lived_experience', 'mentors', 'notes'] as const;
export type SessionField = (typeof SESSION_FIELDS)[number];

export const SESSION_HEADER_INDEX = headerIndex<SessionField>(SESSION_FIELDS, {
  pair_id: ['Pair', 'Pair ID', 'Relationship', 'Relationship ID', 'Relationship Number'],
  mentee_id: ['Mentee', 'Mentee Staff ID', 'Mentee Employee Number', 'Mentee ID'],
  date: ['Session Date', 'Date of Session', 'Meeting Date', 'Date of Meeting'],
  minutes: ['Duration', 'Duration (minutes)', 'Length', 'Length (minutes)', 'Mins'],
  kind: ['Type', 'Activity', 'Session Type', 'Kind of Session', 'Type of Activity'],
  level: ['Focus Level', 'Level of Focus', 'Focus'],
  themes: ['Theme', 'Topics', 'Themes Discussed'],
  lived_experience: ['Lived Experience', 'Explored Lived Experience'],
  mentors: ['Mentor', 'Mentors Present', 'Mentor IDs', 'Mentor Staff IDs'],
  notes: ['Note', 'Comments', 'Comment'],
});

export interface SessionRow {
  line: number;
  pairId: number | null;
  menteeId: string | null;
  date: IsoDate;
  minutes: number;
  kind: Kind;
  level: Level;
  themes: Theme[];
  livedExperience: boolean;
  /** Staff ids present; null means every mentor of the relationship. */
  mentors: string[] | null;
  notes: string | null;
  /** Column labels, for problems found once the relationship is known. */
  columns: { pair: string | null; date: string | null; minutes: string | null; mentors: string | null; themes: string | null };
}

export const MAX_NOTES_LENGTH = 5000;

/** `serialsWarned`: one per file, so Excel day numbers in the date column are warned about once. */
export function parseSessionRecord(
  cells: string[],
  line: number,
  headers: string[],
  mapping: ColumnMapping<SessionField>,
  serialsWarned: Set<SessionField> = new Set(),
): { row: SessionRow | null; problems: RowProblem[]; warnings: RowProblem[] } {
  const problems: RowProblem[] = [];
  const warnings: RowProblem[] = [];
  const has = (field: SessionField) => mapping.indexOf[field] !== undefined;
  const label = (field: SessionField) => (has(field) ? columnLabel(mapping.indexOf[field]!, headers[mapping.indexOf[field]!]) : null);
  const cell = (field: SessionField) => (has(field) ? (cells[mapping.indexOf[field]!] ?? '').trim() : '');
  const refuse = (field: SessionField, message: string) => problems.push({ line, column: label(field), value: has(field) ? cell(field) : null, message });

  let pairId: number | null = null;
  if (cell('pair_id') !== '') {
    const number = Number(cell('pair_id').replace('#', ''));
    // Above 2^53 the number would be rounded to another relationship's.
    if (/^#?\d+$/.test(cell('pair_id')) && Number.isSafeInteger(number)) pairId = number;
    else refuse('pair_id', 'expected a relationship number, as in remedi pair list');
  }
  const menteeId = cell('mentee_id') === '' ? null : cell('mentee_id');
  if (pairId === null && menteeId === null && !problems.some((p) => p.column === label('pair_id'))) {
    problems.push({ line, column: label('pair_id') ?? label('mentee_id'), value: '', message: 'which relationship? give pair_id, or the mentee_id of the mentee' });
  }

  const date = parseDateCell(cell('date'));
  if (date.ok && date.serial && !serialsWarned.has('date')) {
    serialsWarned.add('date');
    warnings.push({ line, column: label('date'), value: cell('date'), message: SERIAL_DATE_WARNING });
  }
  if (!date.ok) refuse('date', cell('date') === '' ? `the date is missing; expected ${DATE_EXPECTED}` : `${date.problem}; expected ${DATE_EXPECTED}`);

  const minutesText = cell('minutes');
  const minutes = Number(minutesText);
  if (!/^\d+$/.test(minutesText) || minutes < 1 || minutes > MAX_MINUTES) refuse('minutes', `expected a whole number of minutes from 1 to ${MAX_MINUTES}`);

  const kind = parseKind(cell('kind'));
  if (!kind.ok) refuse('kind', cell('kind') === '' ? 'the kind of session is missing' : kind.problem);
  const level = parseLevel(cell('level'));
  if (!level.ok) refuse('level', cell('level') === '' ? 'the level is missing' : level.problem);

  const lived = parseYesNo(cell('lived_experience'));
  if (lived === undefined) refuse('lived_experience', `expected ${YES_NO_EXPECTED}`);

  // A cell of bare separators says no more than a blank one: every mentor was there.
  const listed = [...new Set(cell('mentors').split(/[;,]/).map((id) => id.trim()).filter(Boolean))];
  const mentors = listed.length === 0 ? null : listed;
  const notes = cell('notes') === '' ? null : cell('notes');
  if (notes !== null && notes.length > MAX_NOTES_LENGTH) refuse('notes', `notes of ${notes.length} characters; expected at most ${MAX_NOTES_LENGTH}`);

  if (problems.length > 0 || !date.ok || !kind.ok || !level.ok) return { row: null, problems, warnings };
  return {
    row: {
      line,
      pairId,
      menteeId,
      date: date.date,
      minutes,
      kind: kind.value,
      level: level.value,
      themes: parseThemes([cell('themes')]),
      livedExperience: lived === true,
      mentors,
      notes,
      columns: {
        pair: label('pair_id') ?? label('mentee_id'),
        date: label('date'),
        minutes: label('minutes'),
        mentors: label('mentors') ?? '(no mentors column: every mentor)',
        themes: label('themes'),
      },
    },
    problems,
    warnings,
  };
}

export interface KnownRelationship extends SessionTarget {
  menteeId: string;
}

export interface PlannedSession extends SessionDraft {
  line: number;
}

export interface SessionImportPlan {
  sessions: PlannedSession[];
  /** Rows already recorded (or repeated in the file), skipped with --skip-duplicates. */
  duplicates: number;
  problems: RowProblem[];
}

/** Finds each row's relationship and checks it as log-session would; duplicates refused unless skipped. */
export function planSessionImport(
  rows: readonly SessionRow[],
  relationships: readonly KnownRelationship[],
  recorded: ReadonlySet<string>,
  today: IsoDate,
  skipDuplicates: boolean,
): SessionImportPlan {
  const plan: SessionImportPlan = { sessions: [], duplicates: 0, problems: [] };
  const byId = new Map(relationships.map((r) => [r.id, r]));
  const seen = new Map<string, number>();
  for (const row of rows) {
    const refuse = (column: string | null, value: string | null, message: string) => plan.problems.push({ line: row.line, column, value, message });
    let target: KnownRelationship | undefined;
    if (row.pairId !== null) {
      target = byId.get(row.pairId);
      if (!target) {
        refuse(row.columns.pair, String(row.pairId), `there is no relationship #${row.pairId}`);
        continue;
      }
      if (row.menteeId !== null && row.menteeId !== target.menteeId) {
        refuse(row.columns.pair, String(row.pairId), `relationship #${row.pairId} is not ${row.menteeId}'s (its mentee is ${target.menteeId})`);
        continue;
      }
    } else {
      const candidates = relationships.filter((r) => r.menteeId === row.menteeId && runsOn(r, row.date));
      if (candidates.length !== 1) {
        refuse(
          row.columns.pair,
          row.menteeId,
          candidates.length === 0
            ? `${row.menteeId} is not the mentee of any relationship running on ${row.date}`
            : `${row.menteeId} has ${candidates.length} relationships running on ${row.date} (#${candidates.map((c) => c.id).join(', #')}); give pair_id`,
        );
        continue;
      }
      target = candidates[0];
    }
    const mentors = row.mentors ?? [...target.mentorIds];
    const problems = sessionProblems({ date: row.date, minutes: row.minutes, mentors, themes: row.themes }, target, today);
    if (problems.length > 0) {
      for (const problem of problems) refuse(row.columns[problem.field], problem.value, problem.message);
      continue;
    }
    const key = duplicateKey(target.id, row.date, row.kind);
    const earlierLine = seen.get(key);
    if (recorded.has(key) || earlierLine !== undefined) {
      if (skipDuplicates) {
        plan.duplicates += 1;
        continue;
      }
      refuse(
        row.columns.date,
        row.date,
        earlierLine !== undefined
          ? `the same session (relationship #${target.id}, ${row.date}, ${row.kind}) is already on line ${earlierLine}`
          : `${sessionOfKind(row.kind)} on ${row.date} is already recorded for relationship #${target.id} (use --skip-duplicates to skip rows already recorded)`,
      );
      continue;
    }
    seen.set(key, row.line);
    plan.sessions.push({ line: row.line, relationshipId: target.id, date: row.date, minutes: row.minutes, kind: row.kind, level: row.level, themes: row.themes, livedExperience: row.livedExperience, mentors, notes: row.notes });
  }
  return plan;
}
