import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_FACTS, type StaffRecord } from '../../src/domain/staff.js';
import { saveCohort, enrolmentWriter, withdrawEnrolments } from '../../src/store/cohorts.js';
import { openDatabase, type Db } from '../../src/store/db.js';
import { forgetPerson } from '../../src/store/privacy.js';
import { staffWriter } from '../../src/store/staff.js';
import {
  cohortSurveyAnswers,
  deleteSurvey,
  getSurveyImport,
  listSurveyImports,
  surveyAnswersHeld,
  surveyParticipants,
  surveyWriter,
} from '../../src/store/surveys.js';
import { tempDir } from '../helpers/cli.js';

const person = (staffId: string, facts: Partial<StaffRecord> = {}): StaffRecord => ({
  staffId,
  name: `Person ${staffId}`,
  ...DEFAULT_FACTS,
  band: '5',
  active: true,
  ...facts,
});

/** Cohort 1: m1 enrolled mentee, t1 enrolled mentor (withdrawn later), e1 either paired as a mentor, e2 either unpaired senior, e3 either with no band; p1 paired only; x1 not taking part. */
async function cohortDb(): Promise<Db> {
  const { db } = await openDatabase(join(tempDir(), 'remedi.db'), { create: true });
  db.transaction(() => {
    const staff = staffWriter(db, '2026-01-01');
    for (const p of [
      person('m1', { band: '8d' }),
      person('t1'),
      person('e1', { band: '7' }),
      person('e2', { band: 'VSM' }),
      person('e3', { band: null }),
      person('p1', { band: '9' }),
      person('x1'),
    ])
      staff.insert(p);
    saveCohort(db, { number: 1, name: null, start: '2026-01-05', end: '2026-09-30', minMonths: 8, minPerMonth: 2, meetEvery: null });
    const enrol = enrolmentWriter(db, 1);
    enrol('m1', 'mentee');
    enrol('t1', 'mentor');
    enrol('e1', 'either');
    enrol('e2', 'either');
    enrol('e3', 'either');
    withdrawEnrolments(db, 1, ['t1'], '2026-03-01', null);
    const rel = (mentee: string, mentor: string) => {
      const id = db
        .prepare("INSERT INTO relationships (cohort, mentee_id, type, start_date, created_on) VALUES (1, ?, 'general', '2026-01-05', '2026-01-05')")
        .run(mentee).lastInsertRowid;
      db.prepare('INSERT INTO relationship_mentors (relationship_id, mentor_id) VALUES (?, ?)').run(id, mentor);
    };
    rel('m1', 'e1');
    rel('p1', 't1');
  })();
  return db;
}

describe('surveyParticipants', () => {
  it('holds the enrolled (withdrawn too) and the paired, with what says their group', async () => {
    const db = await cohortDb();
    const people = surveyParticipants(db, 1);
    expect([...people.keys()].sort()).toEqual(['e1', 'e2', 'e3', 'm1', 'p1', 't1']);
    expect(people.get('e1')).toEqual({ staffId: 'e1', enrolledAs: 'either', menteeInCohort: false, mentorInCohort: true, seniorLeader: false });
    expect(people.get('e2')).toMatchObject({ enrolledAs: 'either', mentorInCohort: false, seniorLeader: true });
    expect(people.get('e3')).toMatchObject({ seniorLeader: null });
    expect(people.get('p1')).toEqual({ staffId: 'p1', enrolledAs: null, menteeInCohort: true, mentorInCohort: false, seniorLeader: true });
    expect(people.get('t1')).toMatchObject({ enrolledAs: 'mentor', mentorInCohort: true });
    expect(surveyParticipants(db, 2).size).toBe(0);
    db.close();
  });
});

describe('surveys: written, listed, read back, deleted', () => {
  async function withStart(): Promise<Db> {
    const db = await cohortDb();
    db.transaction(() => {
      const write = surveyWriter(db, {
        cohort: 1,
        stage: 'start',
        file: 'start.csv',
        importedOn: '2026-01-10',
        questions: [
          { question: 'Q1', freeText: false },
          { question: 'Why?', freeText: true },
        ],
      });
      write({ position: 0, staffId: 'm1', group: 'mentees', score: 2, text: null, consent: true });
      write({ position: 1, staffId: 'm1', group: 'mentees', score: null, text: 'To learn.', consent: true });
      write({ position: 0, staffId: 'e1', group: 'mentors', score: 5, text: null, consent: false });
    })();
    db.transaction(() => {
      const write = surveyWriter(db, { cohort: 1, stage: 'end', file: 'end.csv', importedOn: '2026-09-30', questions: [{ question: 'Q1', freeText: false }] });
      write({ position: 0, staffId: 'm1', group: 'mentees', score: 4, text: null, consent: false });
    })();
    return db;
  }

  it('lists each stage with its respondents, questions and answers, start before end', async () => {
    const db = await withStart();
    expect(listSurveyImports(db)).toEqual([
      { cohort: 1, stage: 'start', file: 'start.csv', importedOn: '2026-01-10', respondents: 2, questions: 2, answers: 3 },
      { cohort: 1, stage: 'end', file: 'end.csv', importedOn: '2026-09-30', respondents: 1, questions: 1, answers: 1 },
    ]);
    expect(getSurveyImport(db, 1, 'mid')).toBeNull();
    expect(listSurveyImports(db, 2)).toEqual([]);
    db.close();
  });

  it('reads a cohort answers in stage and question order, and one person answers', async () => {
    const db = await withStart();
    expect(cohortSurveyAnswers(db, 1).map((a) => [a.stage, a.question, a.staffId, a.group, a.score ?? a.text, a.consent])).toEqual([
      ['start', 'Q1', 'e1', 'mentors', 5, false],
      ['start', 'Q1', 'm1', 'mentees', 2, true],
      ['start', 'Why?', 'm1', 'mentees', 'To learn.', true],
      ['end', 'Q1', 'm1', 'mentees', 4, false],
    ]);
    expect(surveyAnswersHeld(db, 'e1')).toEqual([
      { cohort: 1, stage: 'start', question: 'Q1', staffId: 'e1', group: 'mentors', score: 5, text: null, consent: false },
    ]);
    expect(surveyAnswersHeld(db)).toHaveLength(4);
    db.close();
  });

  it('deletes one stage whole and leaves the other', async () => {
    const db = await withStart();
    db.transaction(() => deleteSurvey(db, 1, 'start'))();
    expect(listSurveyImports(db).map((s) => s.stage)).toEqual(['end']);
    expect(db.prepare('SELECT count(*) FROM survey_questions').pluck().get()).toBe(1);
    expect(db.prepare('SELECT count(*) FROM survey_answers').pluck().get()).toBe(1);
    db.close();
  });

  it('a stage is imported once: a second import of it fails in the database too', async () => {
    const db = await withStart();
    expect(() => surveyWriter(db, { cohort: 1, stage: 'start', file: 'again.csv', importedOn: '2026-01-11', questions: [] })).toThrow(/UNIQUE/);
    db.close();
  });

  it('forgetting a person erases their answers and nobody else', async () => {
    const db = await withStart();
    db.exec('BEGIN IMMEDIATE');
    forgetPerson(db, 'm1', '2026-12-01');
    db.exec('COMMIT');
    expect(surveyAnswersHeld(db).map((a) => a.staffId)).toEqual(['e1']);
    expect(db.prepare("SELECT count(*) FROM survey_answers WHERE staff_id LIKE 'forgotten-%'").pluck().get()).toBe(0);
    db.close();
  });
});
