/**
 * The solved assignment in words an administrator can read: each pair's reasons, and why
 * a mentee (or one slot of a trio) has no mentor or a mentor was given nobody.
 */
import {
  bestType,
  brokenRule,
  fitsSlot,
  scorePair,
  RULE_PHRASE,
  RULE_PHRASE_FOR_MENTOR,
  UNTRAINED_MENTOR_REASON,
  type HardRule,
  type Slot,
} from '../domain/pairingRules.js';
import type { Proposal, ProposedMentor, ProposedRelationship, Unmatched } from '../domain/proposal.js';
import type { PairingProblem, Row } from './proposal.js';

/** Turns the solved assignment into relationships and reasons an administrator can read. */
export function explain(
  problem: PairingProblem,
  rows: Row[],
  rowsOf: number[][],
  slotsOf: Array<Array<Slot | null>>,
  mentorOfRow: Int32Array,
  /** How many mentees each mentor may take (pairTable), so a mentor left out is explained without judging every pair again. */
  menteesAllowed: Int32Array,
): Proposal {
  const { mentees, mentors, weights, targeted, trios } = problem;
  const relationships: ProposedRelationship[] = [];
  const unmatched: Unmatched[] = [];
  const menteesOfMentor: number[][] = mentors.map(() => []);
  const relationshipOf = new Map<number, ProposedRelationship>();

  mentees.forEach((mentee, i) => {
    const chosen: ProposedMentor[] = [];
    for (const rowIndex of rowsOf[i]) {
      const r = mentorOfRow[rowIndex];
      if (r < 0) continue;
      const scored = scorePair(mentee, mentors[r], weights, targeted);
      chosen.push({ mentor: mentors[r], slot: rows[rowIndex].slot, ...scored });
      menteesOfMentor[r].push(i);
    }
    if (chosen.length === 0) return;
    const relationship: ProposedRelationship = {
      mentee,
      mentors: chosen,
      type: bestType(
        chosen.map((c) => c.type),
        weights,
      ),
      score: chosen.reduce((sum, c) => sum + c.score, 0),
      reasons: chosen.length === 1 ? [...chosen[0].reasons] : chosen.flatMap((c) => c.reasons.map((reason) => `${c.mentor.name}: ${reason}`)),
      notes: [],
    };
    relationships.push(relationship);
    relationshipOf.set(i, relationship);
  });

  const nameOf = (i: number) => mentees[i].name;
  const takenBy: TakenBy = { mentees: (r) => menteesOfMentor[r], names: (r) => menteesOfMentor[r].map(nameOf).join(' and ') };

  mentees.forEach((mentee, i) => {
    const relationship = relationshipOf.get(i);
    const slots = slotsOf[i];
    if (relationship && relationship.mentors.length === slots.length) return;
    const missing = slots.filter((slot) => !relationship?.mentors.some((m) => m.slot === slot));
    for (const slot of missing) {
      const reasons = whyNoMentor(problem, i, slot, takenBy);
      if (relationship) {
        const note = `a pair, not a trio: no ${slot === 'bme' ? 'BME' : 'front-line'} mentor; ${reasons}`;
        relationship.notes.push(note);
        relationship.reasons.push(note);
      } else if (slot === missing[0]) {
        unmatched.push({ person: mentee, role: 'mentee', reasons: trios && mentee.boardMember ? trioReasons(problem, i, takenBy) : [reasons] });
      }
    }
  });

  mentors.forEach((mentor, r) => {
    if (menteesOfMentor[r].length > 0) return;
    unmatched.push({ person: mentor, role: 'mentor', reasons: [whyNoMentee(problem, r, menteesAllowed[r])] });
  });
  unmatched.push(...(problem.leftOut ?? []));
  unmatched.sort((a, b) => (a.role === b.role ? compareIds(a.person.staffId, b.person.staffId) : a.role === 'mentee' ? -1 : 1));

  const boardTotal = mentees.filter((m) => m.boardMember).length;
  const boardCovered = relationships.filter((rel) => rel.mentee.boardMember).length;
  return {
    relationships,
    unmatched,
    totals: {
      boardCovered,
      boardTotal,
      mentees: mentees.length,
      paired: relationships.length,
      trioSlotsFilled: relationships.filter((rel) => rel.mentors.length === 2).length,
      score: relationships.reduce((sum, rel) => sum + rel.score, 0),
    },
  };

  function trioReasons(p: PairingProblem, i: number, taken: TakenBy): string[] {
    return [`no BME mentor: ${whyNoMentor(p, i, 'bme', taken)}`, `no front-line mentor: ${whyNoMentor(p, i, 'frontline', taken)}`];
  }
}

const compareIds = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function countPhrase(counts: Map<HardRule, number>, phrases: Record<HardRule, { one: string; many: string; hint?: string }>): string {
  return [...counts.entries()]
    .map(([rule, n]) => {
      const phrase = phrases[rule];
      const hint = 'hint' in phrase && phrase.hint ? ` (${phrase.hint})` : '';
      return `${n} ${n === 1 ? phrase.one : phrase.many}${hint}`;
    })
    .join(', ');
}

/** Who each mentor went to: the mentees' indexes, and their names (built only for the mentors a reason names). */
interface TakenBy {
  mentees: (r: number) => readonly number[];
  names: (r: number) => string;
}

/** Why a mentee (or one slot of a trio) has no mentor: hard rules, or taken by others. */
function whyNoMentor(problem: PairingProblem, i: number, slot: Slot | null, takenBy: TakenBy): string {
  const { mentees, mentors, rules } = problem;
  const mentee = mentees[i];
  const counts = new Map<HardRule, number>();
  const eligible: number[] = [];
  let wrongKind = 0;
  mentors.forEach((mentor, r) => {
    const rule = brokenRule(mentee, mentor, rules);
    if (rule !== null) counts.set(rule, (counts.get(rule) ?? 0) + 1);
    else if (!fitsSlot(mentor, slot)) wrongKind += 1;
    else eligible.push(r);
  });
  if (mentors.length === 0) return 'there are no mentors in this cohort';
  if (eligible.length === 0) {
    const parts = [countPhrase(counts, RULE_PHRASE)];
    if (wrongKind > 0) parts.push(`${wrongKind} ${wrongKind === 1 ? 'is not' : 'are not'} ${slot === 'bme' ? 'BME' : 'front line'}`);
    return `no eligible mentor among the ${mentors.length}: ${parts.filter((part) => part !== '').join(', ')}`;
  }
  // In a trio, the only candidates may already be this board member's other mentor.
  const elsewhere = eligible.filter((r) => !takenBy.mentees(r).includes(i));
  const ownOther = eligible.filter((r) => takenBy.mentees(r).includes(i));
  if (elsewhere.length === 0) {
    const names = ownOther.map((r) => mentors[r].name).join(' and ');
    return `${names} ${ownOther.length === 1 ? 'is' : 'are'} already their other mentor, and a trio needs two different people`;
  }
  const named = elsewhere
    .slice(0, 5)
    .map((r) => {
      const to = takenBy.names(r);
      return to === '' ? mentors[r].name : `${mentors[r].name} (to ${to})`;
    })
    .join(', ');
  const more = elsewhere.length > 5 ? ` and ${elsewhere.length - 5} more` : '';
  const noun = elsewhere.length === 1 ? 'the one eligible mentor' : `the ${elsewhere.length} eligible mentors`;
  return `${noun} went to higher-priority mentees (more board members covered, more people paired, or a higher total score): ${named}${more}`;
}

/** Why a mentor was given nobody. */
function whyNoMentee(problem: PairingProblem, r: number, eligible: number): string {
  const { mentees, mentors, rules } = problem;
  const mentor = mentors[r];
  if (mentor.capacity === 0) return 'capacity 0 in the roster: they take no mentees for now';
  if (mentor.freeCapacity <= 0) return `no free capacity: already mentoring ${mentor.capacity - mentor.freeCapacity} of ${mentor.capacity}`;
  if (!mentor.raceTrained && !rules.allowUntrained) {
    return UNTRAINED_MENTOR_REASON;
  }
  if (mentees.length === 0) return 'there are no mentees waiting in this cohort';
  if (eligible === 0) {
    const counts = new Map<HardRule, number>();
    for (const mentee of mentees) {
      const rule = brokenRule(mentee, mentor, rules)!;
      counts.set(rule, (counts.get(rule) ?? 0) + 1);
    }
    return `no mentee they could mentor among the ${mentees.length}: ${countPhrase(counts, RULE_PHRASE_FOR_MENTOR)}`;
  }
  return eligible === 1
    ? 'the one mentee they could mentor was paired with another mentor'
    : `the ${eligible} mentees they could mentor were all paired with other mentors`;
}
