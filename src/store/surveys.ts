/** Outcome surveys: each imported stage of a cohort, its questions and everyone's answers (docs/outcomes.md). */
import { seniorityOfRank, seniorityRank } from '../domain/bands.js';
import type { IsoDate } from '../domain/dates.js';
import type { OutcomeGroup, ReportSurveyAnswer } from '../domain/outcomes.js';
import type { ProgrammeRole } from '../domain/staff.js';
import { SURVEY_STAGES, type SurveyParticipant, type SurveyStage } from '../domain/surveys.js';
import type { Db } from './db.js';

/** Orders stages start, mid, end in SQL. */
const stageOrder = (column: string): string => `CASE ${column} ${SURVEY_STAGES.map((stage, i) => `WHEN '${stage}' THEN ${i}`).join(' ')} END`;

/**
 * Everyone taking part in a cohort, as a survey sees them: enrolled (withdrawn too) or in one
 * of its relationships, with what says whether they answer as a mentee or a mentor.
 */
export function surveyParticipants(db: Db, cohort: number): Map<string, SurveyParticipant> {
  const rows = db
    .prepare(
      `WITH people AS (
         SELECT staff_id FROM enrolments WHERE cohort = @cohort
         UNION SELECT mentee_id FROM relationships WHERE cohort = @cohort
         UNION SELECT rm.mentor_id FROM relationship_mentors rm JOIN relationships r ON r.id = rm.relationship_id WHERE r.cohort = @cohort
       )
       SELECT p.staff_id, e.role, s.band, s.board_member,
         EXISTS (SELECT 1 FROM relationships r WHERE r.cohort = @cohort AND r.mentee_id = p.staff_id) AS mentee,
         EXISTS (SELECT 1 FROM relationship_mentors rm JOIN relationships r ON r.id = rm.relationship_id
                 WHERE r.cohort = @cohort AND rm.mentor_id = p.staff_id) AS mentor
       FROM people p JOIN staff s ON s.staff_id = p.staff_id
       LEFT JOIN enrolments e ON e.cohort = @cohort AND e.staff_id = p.staff_id`,
    )
    .raw()
    .all({ cohort }) as Array<[string, ProgrammeRole | null, string | null, number, number, number]>;
  return new Map(
    rows.map(([staffId, role, band, board, mentee, mentor]) => {
      const rank = seniorityRank(band, board === 1);
      return [
        staffId,
        {
          staffId,
          enrolledAs: role,
          menteeInCohort: mentee === 1,
          mentorInCohort: mentor === 1,
          seniorLeader: rank === null ? null : seniorityOfRank(rank) === 'senior',
        },
      ];
    }),
  );
}

export interface SurveyImport {
  cohort: number;
  stage: SurveyStage;
  file: string;
  importedOn: IsoDate;
  respondents: number;
  questions: number;
  answers: number;
}

/** The imported stages, by cohort and then start, mid, end; one cohort's when given. */
export function listSurveyImports(db: Db, cohort?: number): SurveyImport[] {
  const rows = db
    .prepare(
      `SELECT i.cohort, i.stage, i.file, i.imported_on,
         (SELECT count(DISTINCT a.staff_id) FROM survey_answers a JOIN survey_questions q ON q.id = a.question_id
           WHERE q.cohort = i.cohort AND q.stage = i.stage) AS respondents,
         (SELECT count(*) FROM survey_questions q WHERE q.cohort = i.cohort AND q.stage = i.stage) AS questions,
         (SELECT count(*) FROM survey_answers a JOIN survey_questions q ON q.id = a.question_id
           WHERE q.cohort = i.cohort AND q.stage = i.stage) AS answers
       FROM survey_imports i ${cohort === undefined ? '' : 'WHERE i.cohort = @cohort'}
       ORDER BY i.cohort, ${stageOrder('i.stage')}`,
    )
    .raw()
    .all(cohort === undefined ? {} : { cohort }) as Array<[number, SurveyStage, string, IsoDate, number, number, number]>;
  return rows.map(([c, stage, file, importedOn, respondents, questions, answers]) => ({ cohort: c, stage, file, importedOn, respondents, questions, answers }));
}

export function getSurveyImport(db: Db, cohort: number, stage: SurveyStage): SurveyImport | null {
  return listSurveyImports(db, cohort).find((i) => i.stage === stage) ?? null;
}

export interface SurveyToSave {
  cohort: number;
  stage: SurveyStage;
  file: string;
  importedOn: IsoDate;
  questions: ReadonlyArray<{ question: string; freeText: boolean }>;
}

export interface StoredAnswer {
  /** Index into the survey's questions. */
  position: number;
  staffId: string;
  group: OutcomeGroup;
  score: number | null;
  text: string | null;
  consent: boolean;
}

/** Saves a stage's import and questions and returns the writer of its answers. Call inside a transaction. */
export function surveyWriter(db: Db, survey: SurveyToSave): (answer: StoredAnswer) => void {
  db.prepare('INSERT INTO survey_imports (cohort, stage, file, imported_on) VALUES (?, ?, ?, ?)').run(
    survey.cohort,
    survey.stage,
    survey.file,
    survey.importedOn,
  );
  const addQuestion = db.prepare('INSERT INTO survey_questions (cohort, stage, position, question, free_text) VALUES (?, ?, ?, ?, ?)');
  const ids = survey.questions.map(
    (q, position) => addQuestion.run(survey.cohort, survey.stage, position, q.question, q.freeText ? 1 : 0).lastInsertRowid as number,
  );
  const addAnswer = db.prepare('INSERT INTO survey_answers (question_id, staff_id, respondent_group, score, text, consent) VALUES (?, ?, ?, ?, ?, ?)');
  return (answer) => {
    addAnswer.run(ids[answer.position], answer.staffId, answer.group, answer.score, answer.text, answer.consent ? 1 : 0);
  };
}

/** Deletes a stage's import, its questions and answers. Call inside a transaction. */
export function deleteSurvey(db: Db, cohort: number, stage: SurveyStage): void {
  const questions = 'SELECT id FROM survey_questions WHERE cohort = ? AND stage = ?';
  db.prepare(`DELETE FROM survey_answers WHERE question_id IN (${questions})`).run(cohort, stage);
  db.prepare('DELETE FROM survey_questions WHERE cohort = ? AND stage = ?').run(cohort, stage);
  db.prepare('DELETE FROM survey_imports WHERE cohort = ? AND stage = ?').run(cohort, stage);
}

/** Every answer of a cohort's surveys, stage by stage in question order (as the report reads them). */
export function cohortSurveyAnswers(db: Db, cohort: number): ReportSurveyAnswer[] {
  const rows = db
    .prepare(
      `SELECT a.staff_id, q.stage, a.respondent_group, q.question, a.score, a.text, a.consent
       FROM survey_answers a JOIN survey_questions q ON q.id = a.question_id
       WHERE q.cohort = ? ORDER BY ${stageOrder('q.stage')}, q.position, a.staff_id`,
    )
    .raw()
    .all(cohort) as Array<[string, SurveyStage, OutcomeGroup, string, number | null, string | null, number]>;
  return rows.map(([staffId, stage, group, question, score, text, consent]) => ({ staffId, stage, group, question, score, text, consent: consent === 1 }));
}

export interface PersonAnswer {
  cohort: number;
  stage: SurveyStage;
  question: string;
  staffId: string;
  group: OutcomeGroup;
  score: number | null;
  text: string | null;
  consent: boolean;
}

/** Every survey answer held, or one person's (a subject access request), by cohort, stage and question. */
export function surveyAnswersHeld(db: Db, staffId?: string): PersonAnswer[] {
  const rows = db
    .prepare(
      `SELECT q.cohort, q.stage, q.question, a.staff_id, a.respondent_group, a.score, a.text, a.consent
       FROM survey_answers a JOIN survey_questions q ON q.id = a.question_id
       ${staffId === undefined ? '' : 'WHERE a.staff_id = @staffId'}
       ORDER BY q.cohort, ${stageOrder('q.stage')}, q.position, a.staff_id`,
    )
    .raw()
    .all(staffId === undefined ? {} : { staffId }) as Array<[number, SurveyStage, string, string, OutcomeGroup, number | null, string | null, number]>;
  return rows.map(([cohort, stage, question, id, group, score, text, consent]) => ({
    cohort,
    stage,
    question,
    staffId: id,
    group,
    score,
    text,
    consent: consent === 1,
  }));
}
