/**
 * A survey's form export row by row (docs/outcomes.md, "Outcome surveys"): which column names
 * the respondent, which columns are the form's own (times, response ids), which is consent,
 * and the questions, which are every other column. No I/O here.
 */
import { UsageError, UserError, type RowProblem } from '../errors.js';
import type { FileHeaders } from './inputFile.js';
import { ENROLMENT_HEADERS } from './rosterColumns.js';
import { parseScore, SCORE_EXPECTED } from './surveys.js';
import { parseYesNo, YES_NO_EXPECTED } from './yesNo.js';

export const SURVEY_FIELDS = [
  'respondent',
  'staff_id',
  'email',
  'name',
  'consent',
  // What a form writes of each response itself: never a question.
  'timestamp',
  'response_id',
  'start_time',
  'completion_time',
  'last_modified',
] as const;
export type SurveyField = (typeof SURVEY_FIELDS)[number];

/** The fields that may name the respondent, the first present winning (docs/outcomes.md, "Outcome surveys"). */
export const RESPONDENT_FIELDS = ['respondent', 'staff_id', 'email', 'name'] as const satisfies readonly SurveyField[];

export const SURVEY_HEADERS: FileHeaders<SurveyField> = {
  fields: SURVEY_FIELDS,
  aliases: {
    respondent: ['Responder', 'Respondent Name', 'Respondent Email'],
    // As rosters and enrolment lists name a person (domain/rosterColumns.ts).
    staff_id: ENROLMENT_HEADERS.aliases.staff_id,
    email: ENROLMENT_HEADERS.aliases.email,
    name: ENROLMENT_HEADERS.aliases.name,
    consent: ['Consent to Quote', 'Quote Consent', 'May We Quote You'],
    // Google Forms' Timestamp; Microsoft Forms' ID, Start time, Completion time, Last modified time.
    timestamp: ['Submitted At', 'Submission Date', 'Date Submitted', 'Submitted'],
    response_id: ['ID', 'Response ID', 'Response Number', 'Submission ID'],
    start_time: ['Started At'],
    completion_time: ['End Time', 'Completed At'],
    last_modified: ['Last Modified Time', 'Last Modified'],
  },
};

export const SURVEY_REQUIRED = {
  fields: RESPONDENT_FIELDS,
  hint: 'respondent ("Respondent", or a staff id, email or name header)',
};

/** One question of the file: its column and whether it is free text. */
export interface SurveyQuestion {
  column: number;
  /** The header, as the form wrote it (trimmed): questions are matched across stages by it. */
  question: string;
  freeText: boolean;
  label: string;
}

export interface SurveyLayout {
  respondent: { column: number; label: string };
  consent: { column: number; label: string } | null;
  questions: SurveyQuestion[];
}

/** What the table reader found: each column's field (null for a column it did not recognise) and its label. */
export interface SurveyColumns {
  readonly fields: ReadonlyArray<SurveyField | null>;
  readonly indexOf: Readonly<Partial<Record<SurveyField, number>>>;
  readonly labels: readonly string[];
}

/**
 * The file's layout from its headers: the respondent column (the first of respondent, staff id,
 * email, name present), consent, and every column recognised as nothing else is a question,
 * free text when named by `--text`. Refused: a `--text` header that is not a question of the
 * file, two questions worded alike, or no question at all.
 */
export function surveyLayout(file: string, headers: readonly string[], columns: SurveyColumns, textHeaders: readonly string[]): SurveyLayout {
  const field = RESPONDENT_FIELDS.find((f) => columns.indexOf[f] !== undefined);
  // The table reader refuses a file with none of them before this is asked.
  const respondentColumn = columns.indexOf[field ?? 'respondent'] ?? 0;
  const consentColumn = columns.indexOf.consent;
  // --text is typed by hand: matched ignoring case and runs of spaces.
  const loose = (header: string) => header.trim().toLowerCase().replace(/\s+/g, ' ');
  const text = new Set(textHeaders.map(loose));
  const questions: SurveyQuestion[] = [];
  const seen = new Map<string, number>();
  const problems: string[] = [];
  headers.forEach((header, column) => {
    const question = header.trim();
    if (columns.fields[column] !== null || question === '') return;
    const earlier = seen.get(question);
    if (earlier !== undefined) problems.push(`${columns.labels[earlier]} and ${columns.labels[column]} ask the same question`);
    seen.set(question, column);
    questions.push({ column, question, freeText: text.has(loose(question)), label: columns.labels[column] });
  });
  const asked = new Set(questions.map((q) => loose(q.question)));
  for (const typed of textHeaders) {
    const header = typed.trim();
    if (!asked.has(loose(header))) {
      const recognised = headers.some((h) => loose(h) === loose(header));
      throw new UsageError(
        recognised
          ? `--text "${header}" names a column of ${file} that is not a question (it names the respondent, consent or the form's own details).`
          : `--text "${header}" names a column that ${file} does not have.`,
        { fix: `Its questions are: ${questions.map((q) => q.question).join(', ') || 'none'}.` },
      );
    }
  }
  if (problems.length > 0) {
    throw new UserError(`${file} was not imported: ${problems.join('; ')}.`, {
      fix: 'Nothing was written. Word each question differently, or remove the repeated column.',
    });
  }
  if (questions.length === 0) {
    throw new UserError(`${file} has no questions: every column names the respondent, consent or the form's own details.`, {
      fix: 'Nothing was written. Export the form again with its answers.',
    });
  }
  return {
    respondent: { column: respondentColumn, label: columns.labels[respondentColumn] },
    consent: consentColumn === undefined ? null : { column: consentColumn, label: columns.labels[consentColumn] },
    questions,
  };
}

/** One answer of a row: a score, or free text. */
export interface SurveyRowAnswer {
  position: number;
  score: number | null;
  text: string | null;
}

export interface SurveyRow {
  line: number;
  /** Who answered, as written: a staff id, email or name, resolved when planning. */
  respondent: string;
  consent: boolean;
  answers: SurveyRowAnswer[];
}

export const MAX_ANSWER_LENGTH = 5000;

/**
 * One row read: its respondent, consent and answers (blank cells are questions not answered),
 * and its problems; the row is null only when it names no respondent.
 */
export function readSurveyRow(cells: readonly string[], line: number, layout: SurveyLayout): { row: SurveyRow | null; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const respondent = cells[layout.respondent.column].trim();
  if (respondent === '')
    problems.push({ line, column: layout.respondent.label, value: '', message: 'no respondent: every row needs who answered (staff id, email or name)' });
  let consent = false;
  if (layout.consent !== null) {
    const raw = cells[layout.consent.column];
    const read = parseYesNo(raw);
    if (read === undefined) problems.push({ line, column: layout.consent.label, value: raw, message: `consent must be ${YES_NO_EXPECTED}` });
    else consent = read === true;
  }
  const answers: SurveyRowAnswer[] = [];
  layout.questions.forEach((question, position) => {
    const raw = cells[question.column];
    if (question.freeText) {
      const text = raw.trim();
      if (text === '') return;
      if (text.length > MAX_ANSWER_LENGTH) {
        problems.push({ line, column: question.label, value: `${text.slice(0, 40)}...`, message: `an answer is at most ${MAX_ANSWER_LENGTH} characters` });
        return;
      }
      answers.push({ position, score: null, text });
      return;
    }
    const score = parseScore(raw);
    if (score === undefined)
      problems.push({
        line,
        column: question.label,
        value: raw,
        message: `expected ${SCORE_EXPECTED}; a column of free text needs --text "${question.question}"`,
      });
    else if (score !== null) answers.push({ position, score, text: null });
  });
  // A row with problems still names its respondent, so that the same person on another line is told too.
  return { row: respondent === '' ? null : { line, respondent, consent, answers }, problems };
}
