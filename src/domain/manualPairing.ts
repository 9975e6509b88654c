/**
 * `remedi pair add`: whether a pair (or trio) made by hand may be recorded, and what to write.
 * Pure: the command reads the people, their enrolments and the rules, and writes the plan.
 *
 * Refused outright (--force does not help): two mentors who are one person, someone who
 * withdrew from the cohort, a mentee already paired in it. Refused unless --force, then
 * recorded as an override with each problem in its reasons: a role the person is not
 * enrolled in, a broken hard rule (docs/pairing.md, "Hard rules"), a trio for someone who is
 * not a board member, or two mentors who cannot fill a trio's BME and front-line places
 * (docs/pairing.md, "Trios").
 */
import { formatDate } from './dates.js';
import type { CurrentEnrolment } from './enrolment.js';
import {
  bestType,
  brokenRule,
  describeBrokenRule,
  fitsSlot,
  scorePair,
  type PairType,
  type Participant,
  type RuleContext,
  type Slot,
  type Weights,
} from './pairingRules.js';

export interface ManualPairingInput {
  cohort: number;
  mentee: Participant;
  /** One mentor for a pair, two for a trio. */
  mentors: readonly Participant[];
  /** Everyone ever enrolled in the cohort (withdrawn people too), by staff id. */
  enrolments: ReadonlyMap<string, CurrentEnrolment>;
  /** The mentee already has a relationship holding their place in this cohort. */
  menteeAlreadyPaired: boolean;
  rules: RuleContext;
  weights: Weights;
  /** Targeted departments, as department keys. */
  targeted: ReadonlySet<string>;
  force: boolean;
}

export interface ManualPairingRefusal {
  outcome: 'refused';
  message: string;
  fix?: string;
  /** The command line named one person twice (a usage error, exit 2). */
  usage: boolean;
}

export interface ManualPairingDraft {
  /** 'override': it breaks the problems below, recorded because of --force. */
  outcome: 'accepted' | 'override';
  problems: string[];
  /** People not enrolled in the cohort yet, enrolled in the role they take here. */
  enrol: Array<{ staffId: string; role: 'mentee' | 'mentor' }>;
  /** The relationship to write, but for its cohort, mentee and start. */
  relationship: {
    mentors: Array<{ staffId: string; slot: Slot | null }>;
    type: PairType;
    score: number;
    reasons: string[];
    override: boolean;
  };
}

export type ManualPairingPlan = ManualPairingRefusal | ManualPairingDraft;

export function planManualPairing(input: ManualPairingInput): ManualPairingPlan {
  const { cohort, mentee, mentors, enrolments } = input;
  if (mentors.length === 2 && mentors[0].staffId === mentors[1].staffId) {
    return refused(`The two mentors of a trio must be two different people; both name ${mentors[0].name} (${mentors[0].staffId}).`, undefined, true);
  }
  for (const person of [mentee, ...mentors]) {
    const enrolment = enrolments.get(person.staffId);
    if (enrolment?.withdrawnOn) {
      return refused(
        `Not paired: ${person.name} (${person.staffId}) withdrew from cohort ${cohort} on ${formatDate(enrolment.withdrawnOn)}.`,
        `To take them back, enrol them again: remedi cohort enrol ${cohort} --${enrolment.role} ${person.staffId}`,
      );
    }
  }
  if (input.menteeAlreadyPaired) {
    return refused(
      `${mentee.name} is already the mentee of a relationship in cohort ${cohort}.`,
      'End it first with remedi pair end <id> (see remedi pair list).',
    );
  }

  const problems: string[] = [];
  const roleProblem = (person: Participant, wanted: 'mentee' | 'mentor') => {
    const role = enrolments.get(person.staffId)?.role;
    if (role !== undefined && role !== 'either' && role !== wanted)
      problems.push(`${person.name} is enrolled in cohort ${cohort} as a ${role}, not a ${wanted}`);
  };
  roleProblem(mentee, 'mentee');
  for (const mentor of mentors) {
    roleProblem(mentor, 'mentor');
    const rule = brokenRule(mentee, mentor, input.rules);
    if (rule !== null) problems.push(describeBrokenRule(rule, mentee, mentor));
  }
  const slots = trioSlots(mentors);
  if (mentors.length === 2) {
    if (!mentee.boardMember) problems.push(`${mentee.name} is not an Executive Board member; only board members work in trios`);
    if (slots === null) problems.push(`a trio needs one BME mentor and one front-line mentor, and ${mentors[0].name} and ${mentors[1].name} cannot fill both`);
  }
  if (problems.length > 0 && !input.force) {
    return refused(`Not paired: ${problems.join('; ')}.`, 'Choose another mentor, or add --force to record it anyway, marked as an override.');
  }

  const scored = mentors.map((mentor) => scorePair(mentee, mentor, input.weights, input.targeted));
  const enrol: ManualPairingDraft['enrol'] = [];
  if (!enrolments.has(mentee.staffId)) enrol.push({ staffId: mentee.staffId, role: 'mentee' });
  for (const mentor of mentors) if (!enrolments.has(mentor.staffId)) enrol.push({ staffId: mentor.staffId, role: 'mentor' });
  return {
    outcome: problems.length > 0 ? 'override' : 'accepted',
    problems,
    enrol,
    relationship: {
      mentors: mentors.map((mentor, k) => ({ staffId: mentor.staffId, slot: mentors.length === 2 ? (slots?.[k] ?? null) : null })),
      type: bestType(
        scored.map((s) => s.type),
        input.weights,
      ),
      score: scored.reduce((sum, s) => sum + s.score, 0),
      reasons: ['paired by hand', ...problems.map((p) => `override: ${p}`), ...scored.flatMap((s) => s.reasons)],
      override: problems.length > 0,
    },
  };
}

const refused = (message: string, fix?: string, usage = false): ManualPairingRefusal => ({ outcome: 'refused', message, fix, usage });

/** The trio places for two mentors: BME for one, front line for the other (null when impossible). */
function trioSlots(mentors: readonly Participant[]): [Slot, Slot] | null {
  if (mentors.length !== 2) return null;
  const [a, b] = mentors;
  if (fitsSlot(a, 'bme') && fitsSlot(b, 'frontline')) return ['bme', 'frontline'];
  if (fitsSlot(a, 'frontline') && fitsSlot(b, 'bme')) return ['frontline', 'bme'];
  return null;
}
