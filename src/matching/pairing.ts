/**
 * Proposes the optimal pairs and trios for a cohort (docs/pairing.md, "The objective"), solved
 * as one assignment problem, and explains every pair and everyone left out.
 *
 * Encoding. Rows are mentee slots (one per mentee; a board member in trio mode has
 * a `bme` and a `frontline` slot). Columns are mentor capacity units (a mentor with
 * free capacity k is k columns). An allowed cell is worth LEVEL + soft score, where
 * LEVEL is B for a board member's slot and P for anyone else's; a forbidden cell is
 * worth 0, the same as leaving the row empty, and is never reported as a pair.
 *
 * Lexicographic levels with exact integers. Let S bound the total soft score and
 * T = S + 1 be the worth of a trio's second slot. Which mentees can be paired at once
 * forms a transversal matroid, so B > P and P > (everything below) suffice for
 * "most board members, then most mentees" (no multiplication by the mentee count):
 * P = L and B = 2L with L = (trio board members) * T + S + 1.
 * A trio board member's two rows share a private column worth B - T: filling one
 * slot is worth B + s over filling none, both B + T + s1 + s2.
 * A trio's two slots must be two people even when a mentor has capacity 2: when the
 * solution reuses a mentor, a gadget (one column X, one row Y) lets that mentee reach
 * that mentor only through X, and Y must then take one of the mentor's columns;
 * the problem is solved again until no trio reuses anyone.
 */
import {
  bestType,
  brokenRule,
  fitsSlot,
  pairScore,
  rankTypes,
  scorePair,
  RULE_PHRASE,
  RULE_PHRASE_FOR_MENTOR,
  type HardRule,
  type PairType,
  type Participant,
  type RuleContext,
  type Slot,
  type Weights,
} from '../domain/pairingRules.js';
import { linearSumAssignment } from './lsap.js';

export interface PairingProblem {
  /** Mentees and mentors, each sorted by staff id (ties break by staff id). */
  mentees: readonly Participant[];
  /** Every mentor of the cohort, also those with no free capacity (for the explanations). */
  mentors: readonly Participant[];
  weights: Weights;
  trios: boolean;
  /** Targeted departments, as department keys. */
  targeted: ReadonlySet<string>;
  rules: RuleContext;
  /** Enrolled people not offered for pairing (a band not known), listed as left out with their reasons. */
  leftOut?: readonly Unmatched[];
}

export interface ProposedMentor {
  mentor: Participant;
  slot: Slot | null;
  type: PairType;
  score: number;
  reasons: string[];
}

export interface ProposedRelationship {
  mentee: Participant;
  mentors: ProposedMentor[];
  type: PairType;
  score: number;
  /** Every mentor's reasons (prefixed by name in a trio), then the notes. */
  reasons: string[];
  /** Why a board member got a pair rather than a trio. */
  notes: string[];
}

export interface Unmatched {
  person: Participant;
  role: 'mentee' | 'mentor';
  reasons: string[];
}

export interface ProposalTotals {
  boardCovered: number;
  boardTotal: number;
  mentees: number;
  paired: number;
  trioSlotsFilled: number;
  score: number;
}

export interface Proposal {
  relationships: ProposedRelationship[];
  unmatched: Unmatched[];
  totals: ProposalTotals;
}

interface Row {
  mentee: number;
  slot: Slot | null;
}

/** Exact integer arithmetic in doubles needs every partial sum below 2^53. */
const EXACT_LIMIT = 2 ** 52;

/** The levels would pass EXACT_LIMIT: the problem cannot be solved exactly (the command says what to change). */
export class CohortTooLargeError extends Error {
  constructor(
    readonly slots: number,
    readonly places: number,
  ) {
    super(`this cohort is too large to pair exactly (${slots} mentee slots, ${places} mentor places)`);
    this.name = 'CohortTooLargeError';
  }
}

export function proposePairings(problem: PairingProblem): Proposal {
  const { mentees, mentors, weights, trios, targeted, rules } = problem;

  // Which pairs are allowed, and their soft scores (numbers only: no strings here).
  const nMentees = mentees.length;
  const nMentors = mentors.length;
  const allowed = new Uint8Array(nMentees * nMentors);
  const score = new Float64Array(nMentees * nMentors);
  const menteesAllowed = new Int32Array(nMentors);
  const ranking = rankTypes(weights);
  for (let i = 0; i < nMentees; i += 1) {
    for (let r = 0; r < nMentors; r += 1) {
      if (brokenRule(mentees[i], mentors[r], rules) !== null) continue;
      allowed[i * nMentors + r] = 1;
      score[i * nMentors + r] = pairScore(mentees[i], mentors[r], weights, targeted, ranking);
      menteesAllowed[r] += 1;
    }
  }
  const rowAllows = (row: Row, r: number): boolean => allowed[row.mentee * nMentors + r] === 1 && fitsSlot(mentors[r], row.slot);

  // Rows: one per mentee, two (bme, frontline) per board member in trio mode. A slot no
  // mentor could fill gets no row: it would stay empty anyway, and an empty row costs the
  // solver a search over every column. (Its explanation comes from slotsOf.)
  const slotsOf: Array<Array<Slot | null>> = mentees.map((mentee) => (trios && mentee.boardMember ? ['bme', 'frontline'] : [null]));
  const rows: Row[] = [];
  const rowsOf: number[][] = mentees.map(() => []);
  mentees.forEach((_, index) => {
    for (const slot of slotsOf[index]) {
      const row = { mentee: index, slot };
      let fillable = false;
      for (let r = 0; r < nMentors && !fillable; r += 1) fillable = mentors[r].freeCapacity > 0 && rowAllows(row, r);
      if (!fillable) continue;
      rowsOf[index].push(rows.length);
      rows.push(row);
    }
  });

  // Columns: each mentor's usable capacity units, then the trio private columns.
  const columnMentor: number[] = [];
  const columnsOf: number[][] = mentors.map(() => []);
  mentors.forEach((mentor, r) => {
    const units = Math.min(mentor.freeCapacity, menteesAllowed[r]);
    for (let k = 0; k < units; k += 1) {
      columnsOf[r].push(columnMentor.length);
      columnMentor.push(r);
    }
  });
  const trioMentees = mentees.map((_, i) => i).filter((i) => rowsOf[i].length === 2);

  // The levels (see the header comment).
  let scoreBound = 1;
  let maxScore = 0;
  for (const row of rows) {
    let best = 0;
    for (let r = 0; r < nMentors; r += 1) if (rowAllows(row, r)) best = Math.max(best, score[row.mentee * nMentors + r]);
    scoreBound += best;
    maxScore = Math.max(maxScore, best);
  }
  const trioLevel = scoreBound + 1;
  const level = trioMentees.length * trioLevel + scoreBound + 1;
  const pairedLevel = level;
  const boardLevel = 2 * level;
  const gadgetValue = boardLevel + maxScore + 1;
  const rowBase = (row: Row) => (mentees[row.mentee].boardMember ? boardLevel : pairedLevel);

  const gadgets: Array<{ mentee: number; mentor: number }> = [];
  for (;;) {
    const nRows = rows.length + gadgets.length;
    const privateStart = columnMentor.length;
    const gadgetStart = privateStart + trioMentees.length;
    const nCols = gadgetStart + gadgets.length;
    if ((nRows + nCols + 1) * gadgetValue * 2 > EXACT_LIMIT) {
      throw new CohortTooLargeError(nRows, nCols);
    }
    const value = new Float64Array(nRows * nCols);
    rows.forEach((row, rowIndex) => {
      const base = rowBase(row);
      const offset = rowIndex * nCols;
      for (let r = 0; r < nMentors; r += 1) {
        if (!rowAllows(row, r)) continue;
        const worth = base + score[row.mentee * nMentors + r];
        for (const column of columnsOf[r]) value[offset + column] = worth;
      }
    });
    trioMentees.forEach((mentee, t) => {
      for (const rowIndex of rowsOf[mentee]) value[rowIndex * nCols + privateStart + t] = boardLevel - trioLevel;
    });
    gadgets.forEach(({ mentee, mentor }, g) => {
      const x = gadgetStart + g;
      for (const rowIndex of rowsOf[mentee]) {
        const offset = rowIndex * nCols;
        if (value[offset + columnsOf[mentor][0]] > 0) value[offset + x] = value[offset + columnsOf[mentor][0]];
        for (const column of columnsOf[mentor]) value[offset + column] = 0;
      }
      const y = (rows.length + g) * nCols;
      value[y + x] = gadgetValue;
      for (const column of columnsOf[mentor]) value[y + column] = gadgetValue;
    });

    const cost = new Float64Array(value.length);
    for (let k = 0; k < value.length; k += 1) cost[k] = gadgetValue - value[k];
    const { rowToCol } = linearSumAssignment(cost, nRows, nCols);

    const mentorOfRow = new Int32Array(rows.length).fill(-1);
    rows.forEach((_, rowIndex) => {
      const column = rowToCol[rowIndex];
      if (column < 0 || value[rowIndex * nCols + column] === 0) return;
      if (column < privateStart) mentorOfRow[rowIndex] = columnMentor[column];
      else if (column >= gadgetStart) mentorOfRow[rowIndex] = gadgets[column - gadgetStart].mentor;
    });

    const reused = trioMentees.filter((mentee) => {
      const [a, b] = rowsOf[mentee];
      return mentorOfRow[a] >= 0 && mentorOfRow[a] === mentorOfRow[b];
    });
    if (reused.length === 0) return explain(problem, rows, rowsOf, slotsOf, mentorOfRow);
    // Guard the reused pairs, and every pair likely to be reused next: a trio mentor with
    // room for two who could fill the trio's other slot too. Each guard only restates
    // "one mentor, one slot per trio", so the optimum is unchanged; fewer solves are needed.
    const guarded = new Set(gadgets.map((g) => `${g.mentee}|${g.mentor}`));
    for (const mentee of trioMentees) {
      for (const rowIndex of rowsOf[mentee]) {
        const mentor = mentorOfRow[rowIndex];
        if (mentor < 0 || columnsOf[mentor].length < 2 || guarded.has(`${mentee}|${mentor}`)) continue;
        const fitsBoth = rowsOf[mentee].every((other) => rowAllows(rows[other], mentor));
        if (!fitsBoth && !reused.includes(mentee)) continue;
        guarded.add(`${mentee}|${mentor}`);
        gadgets.push({ mentee, mentor });
      }
    }
  }
}

/** Turns the solved assignment into relationships and reasons an administrator can read. */
function explain(problem: PairingProblem, rows: Row[], rowsOf: number[][], slotsOf: Array<Array<Slot | null>>, mentorOfRow: Int32Array): Proposal {
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
  const takenBy = (r: number): TakenBy => ({ names: menteesOfMentor[r].map(nameOf).join(' and '), mentees: menteesOfMentor[r] });

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
    unmatched.push({ person: mentor, role: 'mentor', reasons: [whyNoMentee(problem, r)] });
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

  function trioReasons(p: PairingProblem, i: number, taken: (r: number) => TakenBy): string[] {
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

/** Why a mentee (or one slot of a trio) has no mentor: hard rules, or taken by others. */
interface TakenBy {
  /** The mentees a mentor went to, by name. */
  names: string;
  mentees: number[];
}

function whyNoMentor(problem: PairingProblem, i: number, slot: Slot | null, takenBy: (r: number) => TakenBy): string {
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
  const elsewhere = eligible.filter((r) => !takenBy(r).mentees.includes(i));
  const ownOther = eligible.filter((r) => takenBy(r).mentees.includes(i));
  if (elsewhere.length === 0) {
    const names = ownOther.map((r) => mentors[r].name).join(' and ');
    return `${names} ${ownOther.length === 1 ? 'is' : 'are'} already their other mentor, and a trio needs two different people`;
  }
  const named = elsewhere
    .slice(0, 5)
    .map((r) => {
      const to = takenBy(r).names;
      return to === '' ? mentors[r].name : `${mentors[r].name} (to ${to})`;
    })
    .join(', ');
  const more = elsewhere.length > 5 ? ` and ${elsewhere.length - 5} more` : '';
  const noun = elsewhere.length === 1 ? 'the one eligible mentor' : `the ${elsewhere.length} eligible mentors`;
  return `${noun} went to higher-priority mentees (more board members covered, more people paired, or a higher total score): ${named}${more}`;
}

/** Why a mentor was given nobody. */
function whyNoMentee(problem: PairingProblem, r: number): string {
  const { mentees, mentors, rules } = problem;
  const mentor = mentors[r];
  if (mentor.capacity === 0) return 'capacity 0 in the roster: they take no mentees for now';
  if (mentor.freeCapacity <= 0) return `no free capacity: already mentoring ${mentor.capacity - mentor.freeCapacity} of ${mentor.capacity}`;
  if (!mentor.raceTrained && !rules.allowUntrained) {
    return 'not RACE-trained yet: record it with remedi staff train, or pair with --allow-untrained';
  }
  if (mentees.length === 0) return 'there are no mentees waiting in this cohort';
  const counts = new Map<HardRule, number>();
  let eligible = 0;
  for (const mentee of mentees) {
    const rule = brokenRule(mentee, mentor, rules);
    if (rule === null) eligible += 1;
    else counts.set(rule, (counts.get(rule) ?? 0) + 1);
  }
  if (eligible === 0) return `no mentee they could mentor among the ${mentees.length}: ${countPhrase(counts, RULE_PHRASE_FOR_MENTOR)}`;
  return eligible === 1
    ? 'the one mentee they could mentor was paired with another mentor'
    : `the ${eligible} mentees they could mentor were all paired with other mentors`;
}
