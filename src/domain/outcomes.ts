/**
 * The report's outcomes: what changed between the surveys, for mentees and mentors apart,
 * compared only across the people who answered both times (docs/outcomes.md, "Outcomes").
 */
import type { Count } from './countSuppression.js';
import { SURVEY_STAGES, type SurveyStage } from './surveys.js';

export type OutcomeGroup = 'mentees' | 'mentors';
export const OUTCOME_GROUPS: readonly OutcomeGroup[] = ['mentees', 'mentors'];

/** One scored answer, with the stage it was given at and the answerer's group. */
export interface ScoredAnswer {
  staffId: string;
  stage: SurveyStage;
  group: OutcomeGroup;
  question: string;
  score: number;
}

export interface StageFigure {
  n: Count;
  /** Unrounded; null when the number who answered is suppressed. */
  mean: number | null;
}

export interface Outcome {
  question: string;
  group: OutcomeGroup;
  start: StageFigure | null;
  mid: StageFigure | null;
  end: StageFigure | null;
  /** Start to end among those who answered at both (paired). */
  change: StageFigure | null;
}

/** A free-text answer the person agreed may be quoted; never with their name. */
export interface Quote {
  stage: SurveyStage;
  group: OutcomeGroup;
  text: string;
}

const mean = (values: readonly number[]): number => values.reduce((sum, v) => sum + v, 0) / values.length;

/** A figure from n answers, or null when nobody answered; below K the count shows as "<K" and no mean. */
function figure(values: readonly number[], suppressBelow: number | null): StageFigure | null {
  if (values.length === 0) return null;
  if (suppressBelow !== null && values.length < suppressBelow) return { n: `<${suppressBelow}`, mean: null };
  return { n: values.length, mean: mean(values) };
}

/**
 * Per question (in the order first seen) and group (mentees, then mentors): the number who
 * answered and the mean at each stage, and the mean change from start to end among those who
 * answered at both. A person who answered one question twice at a stage counts once, with
 * their last answer (a later import of the stage replaces the earlier).
 */
export function outcomesOf(answers: readonly ScoredAnswer[], suppressBelow: number | null): Outcome[] {
  const questions: string[] = [];
  const byKey = new Map<string, Map<SurveyStage, Map<string, number>>>();
  for (const answer of answers) {
    if (!questions.includes(answer.question)) questions.push(answer.question);
    const key = `${answer.group}\u0000${answer.question}`;
    let stages = byKey.get(key);
    if (stages === undefined) byKey.set(key, (stages = new Map<SurveyStage, Map<string, number>>()));
    let people = stages.get(answer.stage);
    if (people === undefined) stages.set(answer.stage, (people = new Map<string, number>()));
    people.set(answer.staffId, answer.score);
  }
  const outcomes: Outcome[] = [];
  for (const question of questions) {
    for (const group of OUTCOME_GROUPS) {
      const stages = byKey.get(`${group}\u0000${question}`);
      if (stages === undefined) continue;
      const at = (stage: SurveyStage): Map<string, number> => stages.get(stage) ?? new Map<string, number>();
      const [start, mid, end] = SURVEY_STAGES.map((stage) => figure([...at(stage).values()], suppressBelow));
      const ends = at('end');
      const changes = [...at('start')].filter(([person]) => ends.has(person)).map(([person, before]) => (ends.get(person) as number) - before);
      outcomes.push({ question, group, start, mid, end, change: figure(changes, suppressBelow) });
    }
  }
  return outcomes;
}

/** Quotes in stage order, mentees first, then by text: the order says nothing of who wrote which. */
export function quotesOf(answers: ReadonlyArray<{ stage: SurveyStage; group: OutcomeGroup; text: string | null; consent: boolean }>): Quote[] {
  const stageRank = (stage: SurveyStage): number => SURVEY_STAGES.indexOf(stage);
  return answers
    .filter((a): a is typeof a & { text: string } => a.consent && a.text !== null && a.text.trim() !== '')
    .map((a) => ({ stage: a.stage, group: a.group, text: a.text.trim() }))
    .sort(
      (a, b) =>
        stageRank(a.stage) - stageRank(b.stage) ||
        OUTCOME_GROUPS.indexOf(a.group) - OUTCOME_GROUPS.indexOf(b.group) ||
        (a.text < b.text ? -1 : a.text > b.text ? 1 : 0),
    );
}

/** One stored answer as the report reads it: a score or free text, with its stage and the answerer's group. */
export interface ReportSurveyAnswer {
  staffId: string;
  stage: SurveyStage;
  group: OutcomeGroup;
  question: string;
  score: number | null;
  text: string | null;
  consent: boolean;
}

/** The report's Outcomes section (docs/outcomes.md, "Outcomes"). */
export interface OutcomesSection {
  outcomes: Outcome[];
  quotes: Quote[];
}

/**
 * Outcomes and quotes from a cohort's answers. With suppression, a quote from a stage's group
 * that fewer than K people answered is left out: among so few, the words point to their writer.
 */
export function outcomesSection(answers: readonly ReportSurveyAnswer[], suppressBelow: number | null): OutcomesSection {
  const scored = answers.filter((a): a is ReportSurveyAnswer & { score: number } => a.score !== null);
  const respondents = new Map<string, Set<string>>();
  for (const a of answers) {
    const key = `${a.stage}\u0000${a.group}`;
    let people = respondents.get(key);
    if (people === undefined) respondents.set(key, (people = new Set<string>()));
    people.add(a.staffId);
  }
  const quotable = answers.filter((a) => suppressBelow === null || (respondents.get(`${a.stage}\u0000${a.group}`)?.size ?? 0) >= suppressBelow);
  return { outcomes: outcomesOf(scored, suppressBelow), quotes: quotesOf(quotable) };
}
