/**
 * Outcome surveys as `survey import`, `list` and `delete` print them: the JSON (a contract),
 * the table and the CSV columns, in one place.
 */
import { formatDate, type IsoDate } from '../domain/dates.js';
import type { SurveyStage } from '../domain/surveys.js';
import type { CsvCell } from '../io/csvOutput.js';
import { renderTable, type Fit } from './table.js';
import { visible } from './terminalText.js';

/** What `survey import` did (or, with --dry-run, would do). */
export interface SurveyImportSummary {
  file: string;
  database: string;
  dryRun: boolean;
  cohort: number;
  stage: SurveyStage;
  respondents: number;
  mentees: number;
  mentors: number;
  questions: number;
  freeTextQuestions: number;
  answers: number;
  /** Free-text answers their writers agreed may be quoted. */
  quotable: number;
  warnings: Array<{ file: string; line: number; column: string | null; value: string | null; message: string }>;
}

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export function surveyImportLine(summary: SurveyImportSummary): string {
  const what = `the ${summary.stage} survey of cohort ${summary.cohort}`;
  const verb = summary.dryRun
    ? `Dry run of ${visible(summary.file)}: nothing was written. Importing it would record ${what}:`
    : `Imported ${what} from ${visible(summary.file)}:`;
  const free = summary.freeTextQuestions > 0 ? ` (${summary.freeTextQuestions} free text)` : '';
  const quotable = summary.freeTextQuestions > 0 ? `; ${count(summary.quotable, 'free-text answer', 'free-text answers')} may be quoted` : '';
  return (
    `${verb} ${count(summary.respondents, 'respondent', 'respondents')} (${count(summary.mentees, 'mentee', 'mentees')}, ` +
    `${count(summary.mentors, 'mentor', 'mentors')}), ${count(summary.questions, 'question', 'questions')}${free}, ` +
    `${count(summary.answers, 'answer', 'answers')}${quotable}.\n`
  );
}

/** One imported stage in `survey list --json`. */
export interface SurveyListing {
  cohort: number;
  stage: SurveyStage;
  file: string;
  importedOn: IsoDate;
  respondents: number;
  questions: number;
}

export const SURVEY_CSV_HEADER = ['cohort', 'stage', 'file', 'imported_on', 'respondents', 'questions'];

export function surveyCsvRows(surveys: readonly SurveyListing[]): CsvCell[][] {
  return surveys.map((s) => [s.cohort, s.stage, s.file, s.importedOn, s.respondents, s.questions]);
}

export function renderSurveyList(surveys: readonly SurveyListing[], fit: Fit): string {
  return renderTable(
    ['Cohort', 'Stage', 'File', 'Imported', 'Respondents', 'Questions'],
    surveys.map((s) => [String(s.cohort), s.stage, s.file, formatDate(s.importedOn), String(s.respondents), String(s.questions)]),
    { fit, columns: { File: { priority: 2 } } },
  );
}

/** "Deleted the start survey of cohort 1 (start.csv, imported 5 Jan 2026): 8 respondents' 29 answers to 4 questions." */
export function surveyDeletedLine(survey: SurveyListing & { answers: number }): string {
  return (
    `Deleted the ${survey.stage} survey of cohort ${survey.cohort} (${visible(survey.file)}, imported ${formatDate(survey.importedOn)}): ` +
    `${count(survey.answers, 'answer', 'answers')} of ${count(survey.respondents, 'respondent', 'respondents')} to ${count(survey.questions, 'question', 'questions')}.\n`
  );
}

/** `remedi export`'s survey-answers.csv: every answer held, or one person's (a subject access request). */
export function surveyAnswersTable(
  answers: ReadonlyArray<{
    cohort: number;
    stage: SurveyStage;
    question: string;
    staffId: string;
    group: string;
    score: number | null;
    text: string | null;
    consent: boolean;
  }>,
): { file: string; headers: readonly string[]; rows: CsvCell[][] } {
  return {
    file: 'survey-answers.csv',
    headers: ['cohort', 'stage', 'question', 'staff_id', 'group', 'score', 'text', 'consent'],
    rows: answers.map((a) => [a.cohort, a.stage, a.question, a.staffId, a.group, a.score, a.text, a.consent]),
  };
}
