/**
 * Outcome surveys: the answers of a form export read as scores on the agreement scale
 * (docs/outcomes.md, "Outcome surveys").
 */
import type { OutcomeGroup } from './outcomes.js';
import type { ProgrammeRole } from './staff.js';

export const SURVEY_STAGES = ['start', 'mid', 'end'] as const;
export type SurveyStage = (typeof SURVEY_STAGES)[number];

export const isSurveyStage = (raw: string): raw is SurveyStage => (SURVEY_STAGES as readonly string[]).includes(raw);

/** The agreement words, 1 to 5, as forms write them (docs/outcomes.md, "Scores"). */
const AGREEMENT: ReadonlyArray<readonly [number, readonly string[]]> = [
  [1, ['strongly disagree']],
  [2, ['disagree', 'somewhat disagree', 'tend to disagree']],
  [3, ['neither agree nor disagree', 'neither agree or disagree', 'neutral', 'neither']],
  [4, ['agree', 'somewhat agree', 'tend to agree']],
  [5, ['strongly agree']],
];

const SCORE_OF_WORDS = new Map<string, number>(AGREEMENT.flatMap(([score, words]) => words.map((w) => [w, score] as const)));

export const SCORE_EXPECTED = 'a score from 1 to 5, or one of "Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"';

/**
 * A score cell: a whole number 1-5 ("4", "4.0", "4 - Agree"), or agreement words in any case
 * and spacing. Returns the score, null for a blank cell (not answered), or undefined when it is
 * neither.
 */
export function parseScore(raw: string): number | null | undefined {
  const text = raw.trim().toLowerCase().replace(/\s+/g, ' ');
  if (text === '') return null;
  const leading = /^([1-5])(?:\.0+)?(?:\s*(?:[-–:.)]\s*|\s)(.*))?$/.exec(text);
  if (leading !== null) {
    const score = Number(leading[1]);
    const words = leading[2];
    if (words === undefined || words === '') return score;
    // "4 - Agree": the words, when given, must agree with the number.
    return SCORE_OF_WORDS.get(words) === score ? score : undefined;
  }
  return SCORE_OF_WORDS.get(text.replace(/[.!]$/, ''));
}

/** One person's answer to one question at one stage, as stored. */
export interface SurveyAnswer {
  staffId: string;
  question: string;
  /** A score 1-5, or null for a free-text answer. */
  score: number | null;
  /** Free text, or null for a score. */
  text: string | null;
  /** Whether the person agreed their free text may be quoted (never with their name). */
  consent: boolean;
}

/** What says whether a cohort's participant answers as a mentee or a mentor. */
export interface SurveyParticipant {
  staffId: string;
  /** Their role as enrolled in the cohort (withdrawn too: they may have answered before), or null when not enrolled. */
  enrolledAs: ProgrammeRole | null;
  /** The mentee of one of the cohort's relationships. */
  menteeInCohort: boolean;
  /** A mentor of one of the cohort's relationships. */
  mentorInCohort: boolean;
  /** A senior leader (band 8c and above, VSM, board); null when their band is not known. */
  seniorLeader: boolean | null;
}

/**
 * Whether a participant answers as a mentee or a mentor (docs/outcomes.md, "Outcome surveys"):
 * as enrolled; someone enrolled as either (or not enrolled, only paired) by their relationship
 * in the cohort; someone enrolled as either and not yet paired as pairing would take them (a
 * senior leader mentees, anyone else mentors). Null when nothing says: either, unpaired, no band.
 */
export function respondentGroup(person: SurveyParticipant): OutcomeGroup | null {
  if (person.enrolledAs === 'mentee') return 'mentees';
  if (person.enrolledAs === 'mentor') return 'mentors';
  if (person.menteeInCohort) return 'mentees';
  if (person.mentorInCohort) return 'mentors';
  if (person.enrolledAs === 'either' && person.seniorLeader !== null) return person.seniorLeader ? 'mentees' : 'mentors';
  return null;
}
