/**
 * A session log (a form's CSV export, say) row by row: its columns, what each row
 * states, and which relationship each session belongs to. No I/O here.
 */
import { columnLabel, headerIndex, type ColumnMapping } from './columns.js';
import { DATE_EXPECTED, parseDateCell, SERIAL_DATE_WARNING, type IsoDate } from './dates.js';
import { describeCandidate, type PersonCandidate, type PersonMatch } from './people.js';
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

export const SESSION_FIELDS = [
  'pair_id',
  'mentee_id',
  'mentee',
  'respondent',
  'date',
  'minutes',
  'kind',
  'level',
  'themes',
  'lived_experience',
  'mentors',
  'notes',
] as const;
export type SessionField = (typeof SESSION_FIELDS)[number];

export const SESSION_HEADER_INDEX = headerIndex<SessionField>(SESSION_FIELDS, {
  pair_id: ['Pair', 'Pair ID', 'Relationship', 'Relationship ID', 'Relationship Number'],
  mentee_id: ['Mentee Staff ID', 'Mentee Employee Number', 'Mentee ID'],
  // The mentee by staff id, email or name (docs/programme-year.md, "Naming people").
  mentee: ['Mentee', 'Mentee Name', "Mentee's Name", 'Name of Mentee', 'Mentee Email', 'Mentee Email Address', 'Who did you meet?', 'Who did you meet with?'],
  // Who filled in the form: Microsoft Forms' "Email", Google Forms' "Email Address".
  respondent: ['Email', 'Email Address', 'Respondent', 'Respondent Email', 'Responder'],
  date: ['Session Date', 'Date of Session', 'Date of the Session', 'Meeting Date', 'Date of Meeting'],
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
  /** The mentee_id column: a staff id, taken as it is. */
  menteeId: string | null;
  /** The mentee column: a staff id, email or name, resolved when planning (present only when given). */
  mentee?: string;
  /** Who filled in the form (present only when given): the mentor present, when they are one of the relationship's. */
  respondent?: string;
  date: IsoDate;
  minutes: number;
  kind: Kind;
  level: Level;
  themes: Theme[];
  livedExperience: boolean;
  /** The mentors present, by staff id, email or name; null means not stated. */
  mentors: string[] | null;
  notes: string | null;
  /** Column labels, for problems found once the relationship is known. */
  columns: { pair: string | null; date: string | null; minutes: string | null; mentors: string | null; themes: string | null; mentee?: string };
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
  const mentee = cell('mentee');
  if (pairId === null && menteeId === null && mentee === '' && !problems.some((p) => p.column === label('pair_id'))) {
    problems.push({
      line,
      column: label('pair_id') ?? label('mentee_id') ?? label('mentee'),
      value: '',
      message:
        has('mentee') && !has('mentee_id') ? 'which relationship? the mentee is missing' : 'which relationship? give pair_id, or the mentee_id of the mentee',
    });
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
  // People are split at ; and at , alike (a form's checkboxes give "Chidi Eze;Ada Obi;" or
  // "Chidi Eze, Ada Obi"), so a name is written First Last: "Eze, Chidi" reads as two people.
  const listed = [
    ...new Set(
      cell('mentors')
        .split(/[;,]/)
        .map((id) => id.trim())
        .filter(Boolean),
    ),
  ];
  const mentors = listed.length === 0 ? null : listed;
  const notes = cell('notes') === '' ? null : cell('notes');
  if (notes !== null && notes.length > MAX_NOTES_LENGTH) refuse('notes', `notes of ${notes.length} characters; expected at most ${MAX_NOTES_LENGTH}`);

  if (problems.length > 0 || !date.ok || !kind.ok || !level.ok) return { row: null, problems, warnings };
  return {
    row: {
      line,
      pairId,
      menteeId,
      ...(mentee === '' ? {} : { mentee }),
      ...(cell('respondent') === '' ? {} : { respondent: cell('respondent') }),
      date: date.date,
      minutes,
      kind: kind.value,
      level: level.value,
      themes: parseThemes([cell('themes')]),
      livedExperience: lived === true,
      mentors,
      notes,
      columns: {
        pair: label('pair_id') ?? label('mentee_id') ?? label('mentee'),
        date: label('date'),
        minutes: label('minutes'),
        mentors: label('mentors') ?? '(no mentors column: every mentor)',
        themes: label('themes'),
        ...(has('mentee') ? { mentee: label('mentee')! } : {}),
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

/**
 * Who the people in an import's cells are (docs/programme-year.md, "Naming people"). The
 * command looks each distinct text up once; without it, texts are staff ids as written.
 */
export interface SessionPeople {
  /** Who a text names; `nearMisses` asks for "Did you mean" candidates when nobody matches. */
  resolve(text: string, nearMisses: boolean): PersonMatch<PersonCandidate>;
  /** "Priya Sharma (10000024)", for messages. */
  personOf(staffId: string): string;
}

const AS_STAFF_IDS: SessionPeople = {
  resolve: (text) => ({ ok: true, person: { staffId: text, name: text, email: null, department: null, active: true } }),
  personOf: (staffId) => staffId,
};

/** Why a text names nobody, or more than one person; the row's problem already shows the text. */
export function personMatchProblem(match: Extract<PersonMatch<PersonCandidate>, { ok: false }>): string {
  if (match.reason === 'ambiguous') {
    return `this matches ${match.candidates.length} people: ${match.candidates.map(describeCandidate).join('; ')}; give the staff id or email instead`;
  }
  const hint = match.candidates.length === 0 ? '' : `; did you mean ${match.candidates.map(describeCandidate).join(' or ')}?`;
  return `there is nobody with this staff id, email or name${hint}`;
}

/** A text with no space, no @ and a digit reads as a staff id: unknown, it is "not a mentor", as before names were read. */
const looksLikeStaffId = (text: string): boolean => /^[^\s@]*\d[^\s@]*$/.test(text);

/**
 * Finds each row's relationship and checks it as log-session would; duplicates refused unless skipped.
 * The mentors present are the mentors column when filled in; else the form's respondent when they
 * are a mentor of the relationship (a mentor filling in the form after meeting); else every mentor.
 */
export function planSessionImport(
  rows: readonly SessionRow[],
  relationships: readonly KnownRelationship[],
  recorded: ReadonlySet<string>,
  today: IsoDate,
  skipDuplicates: boolean,
  people: SessionPeople = AS_STAFF_IDS,
): SessionImportPlan {
  const plan: SessionImportPlan = { sessions: [], duplicates: 0, problems: [] };
  const byId = new Map(relationships.map((r) => [r.id, r]));
  const byMentee = new Map<string, KnownRelationship[]>();
  for (const r of relationships) byMentee.set(r.menteeId, [...(byMentee.get(r.menteeId) ?? []), r]);
  const seen = new Map<string, number>();
  for (const row of rows) {
    const refuse = (column: string | null, value: string | null, message: string) => plan.problems.push({ line: row.line, column, value, message });
    let menteeId = row.menteeId;
    if (row.mentee !== undefined) {
      const match = people.resolve(row.mentee, true);
      if (!match.ok) {
        refuse(row.columns.mentee ?? row.columns.pair, row.mentee, personMatchProblem(match));
        continue;
      }
      if (menteeId !== null && menteeId !== match.person.staffId) {
        refuse(row.columns.mentee ?? row.columns.pair, row.mentee, `${people.personOf(match.person.staffId)} is not ${menteeId}, the mentee_id on this row`);
        continue;
      }
      menteeId = match.person.staffId;
    }
    const menteeShown = row.mentee !== undefined && menteeId !== null ? people.personOf(menteeId) : menteeId;
    const menteeColumn = row.mentee !== undefined ? (row.columns.mentee ?? row.columns.pair) : row.columns.pair;
    let target: KnownRelationship | undefined;
    if (row.pairId !== null) {
      target = byId.get(row.pairId);
      if (!target) {
        refuse(row.columns.pair, String(row.pairId), `there is no relationship #${row.pairId}`);
        continue;
      }
      if (menteeId !== null && menteeId !== target.menteeId) {
        refuse(row.columns.pair, String(row.pairId), `relationship #${row.pairId} is not ${menteeShown}'s (its mentee is ${people.personOf(target.menteeId)})`);
        continue;
      }
    } else {
      const candidates = (byMentee.get(menteeId ?? '') ?? []).filter((r) => runsOn(r, row.date));
      if (candidates.length !== 1) {
        refuse(
          menteeColumn,
          row.mentee ?? row.menteeId,
          candidates.length === 0
            ? `${menteeShown} is not the mentee of any relationship running on ${row.date}`
            : `${menteeShown} has ${candidates.length} relationships running on ${row.date} (#${candidates.map((c) => c.id).join(', #')}); give pair_id`,
        );
        continue;
      }
      target = candidates[0];
    }
    const found = mentorsPresent(row, target, people);
    if (!found.ok) {
      for (const problem of found.problems) refuse(row.columns.mentors, problem.value, problem.message);
      continue;
    }
    const mentors = found.mentors;
    const problems = sessionProblems({ date: row.date, minutes: row.minutes, mentors, themes: row.themes }, target, today, people.personOf);
    if (problems.length > 0) {
      for (const problem of problems)
        refuse(row.columns[problem.field], problem.field === 'mentors' ? (found.written.get(problem.value) ?? problem.value) : problem.value, problem.message);
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
    plan.sessions.push({
      line: row.line,
      relationshipId: target.id,
      date: row.date,
      minutes: row.minutes,
      kind: row.kind,
      level: row.level,
      themes: row.themes,
      livedExperience: row.livedExperience,
      mentors,
      notes: row.notes,
    });
  }
  return plan;
}

type MentorsPresent = { ok: true; mentors: string[]; written: Map<string, string> } | { ok: false; problems: Array<{ value: string; message: string }> };

/** The staff ids of the mentors present (see planSessionImport), or why a listed one names nobody. */
function mentorsPresent(row: SessionRow, target: KnownRelationship, people: SessionPeople): MentorsPresent {
  if (row.mentors === null) {
    if (row.respondent !== undefined) {
      const match = people.resolve(row.respondent, false);
      if (match.ok && target.mentorIds.includes(match.person.staffId)) return { ok: true, mentors: [match.person.staffId], written: new Map() };
    }
    return { ok: true, mentors: [...target.mentorIds], written: new Map() };
  }
  const mentors: string[] = [];
  const written = new Map<string, string>();
  const problems: Array<{ value: string; message: string }> = [];
  for (const text of row.mentors) {
    // The relationship's own mentors by staff id need no look-up (and are no name's namesake).
    if (target.mentorIds.includes(text)) {
      mentors.push(text);
      continue;
    }
    const match = people.resolve(text, true);
    if (match.ok) {
      mentors.push(match.person.staffId);
      written.set(match.person.staffId, text);
    } else if (match.reason === 'unknown' && looksLikeStaffId(text)) mentors.push(text);
    else problems.push({ value: text, message: personMatchProblem(match) });
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, mentors: [...new Set(mentors)], written };
}
