/**
 * A session log (a form's CSV export, say) row by row: the columns it may have, under
 * which headers, and what each row states, checked cell by cell. No I/O here.
 */
import type { RowProblem } from '../errors.js';
import { DATE_EXPECTED, parseDateCell, SERIAL_DATE_WARNING, type IsoDate } from './dates.js';
import type { FieldColumns, FileHeaders, InputFile } from './inputFile.js';
import { MAX_MINUTES, parseKind, parseLevel, parseThemes, type Kind, type Level, type Theme } from './sessions.js';
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

export const SESSION_HEADERS: FileHeaders<SessionField> = {
  fields: SESSION_FIELDS,
  aliases: {
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
  },
};

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

/**
 * What a cell's text reads as, worked out once per distinct text: a form export repeats the same
 * few kinds, levels and theme lists over a million rows. Only the first MAX_REMEMBERED texts of
 * each are kept, so free text cannot grow it without end; the results are never changed.
 */
function remembered<T>(cache: Map<string, T>, text: string, read: (text: string) => T): T {
  let result = cache.get(text);
  if (result === undefined) {
    if (cache.size >= MAX_REMEMBERED) return read(text);
    // A cell's text is a slice of the chunk of file it was read from, and would keep all of that
    // chunk alive while remembered: what is kept is read from a copy of its own.
    const own = text.split('').join('');
    result = read(own);
    cache.set(own, result);
  }
  return result;
}

const MAX_REMEMBERED = 10_000;
const KINDS_READ = new Map<string, ReturnType<typeof parseKind>>();
const LEVELS_READ = new Map<string, ReturnType<typeof parseLevel>>();
const THEMES_READ = new Map<string, readonly Theme[]>();

/** `serialsWarned`: one per file, so Excel day numbers in the date column are warned about once. */
export function parseSessionRecord(
  cells: readonly string[],
  line: number,
  columns: FieldColumns<SessionField>,
  serialsWarned: Set<SessionField> = new Set(),
): { row: SessionRow | null; problems: RowProblem[]; warnings: RowProblem[] } {
  const problems: RowProblem[] = [];
  const warnings: RowProblem[] = [];
  const has = (field: SessionField) => columns.indexOf[field] !== undefined;
  const label = (field: SessionField) => (has(field) ? columns.labels[columns.indexOf[field]!] : null);
  const cell = (field: SessionField) => (has(field) ? (cells[columns.indexOf[field]!] ?? '').trim() : '');
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

  const kind = remembered(KINDS_READ, cell('kind'), parseKind);
  if (!kind.ok) refuse('kind', cell('kind') === '' ? 'the kind of session is missing' : kind.problem);
  const level = remembered(LEVELS_READ, cell('level'), parseLevel);
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
      themes: [...remembered(THEMES_READ, cell('themes'), (text) => parseThemes([text]))],
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

/** A session log, for the table reader: one per file read, since Excel day numbers are warned about once per file. */
export function sessionLogFile(): InputFile<SessionField, SessionRow> {
  const serialsWarned = new Set<SessionField>();
  return {
    ...SESSION_HEADERS,
    what: 'session log',
    empty: 'no sessions in it',
    required: {
      fields: ['pair_id', 'mentee_id', 'mentee'],
      hint: 'pair_id or mentee_id or mentee (which relationship each session belongs to: its number, or the mentee by staff id, email or name)',
    },
    read: (cells, line, columns) => parseSessionRecord(cells, line, columns, serialsWarned),
  };
}
