/** What the research export reads (docs/outcomes.md, "The research export"): the participants' facts and characteristics, relationships, sessions and survey scores. */
import type { ResearchInput, ResearchPerson, ResearchScore } from '../domain/researchExport.js';
import { classify } from '../domain/staff.js';
import type { SurveyStage } from '../domain/surveys.js';
import { characteristicsForResearch } from './characteristicCounts.js';
import type { Db } from './connection.js';
import { loadRelationships } from './relationships.js';
import { listSessions } from './sessions.js';
import { loadAllStaff } from './staff.js';

export function researchInput(db: Db, asOf: ResearchInput['asOf']): ResearchInput {
  const { names, valuesOf } = characteristicsForResearch(db);
  const people = new Map<string, ResearchPerson>();
  for (const [staffId, record] of loadAllStaff(db)) {
    const { seniority, bme } = classify(record);
    const characteristics = valuesOf.get(staffId);
    people.set(staffId, characteristics === undefined ? { staffId, seniority, bme } : { staffId, seniority, bme, characteristics });
  }
  const relationships = loadRelationships(db).map((r) => ({
    id: r.id,
    cohort: r.cohort,
    menteeId: r.menteeId,
    mentorIds: r.mentors.map((m) => m.staffId),
    type: r.type,
    start: r.start,
    endedOn: r.endedOn,
    plannedEnd: r.plannedEnd,
  }));
  const scores = db
    .prepare(
      `SELECT a.staff_id AS staffId, q.cohort AS cohort, a.respondent_group AS "group", q.stage AS stage, q.question AS question, a.score AS score
         FROM survey_answers a JOIN survey_questions q ON q.id = a.question_id
        WHERE a.score IS NOT NULL`,
    )
    .all() as Array<Omit<ResearchScore, 'stage'> & { stage: SurveyStage }>;
  return { people, relationships, sessions: listSessions(db), scores, characteristics: names, asOf };
}
