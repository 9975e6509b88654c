/** What the pairing is asked (a cohort's mentees, mentors, weights and rules) and what it answers (pairs and trios, and why anyone is left out). */
import type { PairType, Participant, RuleContext, Slot, Weights } from '../domain/pairingRules.js';

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
  /**
   * The solver's progress (see SolveOptions): places settled of the smaller side of the
   * problem (mentee slots, or mentor places when there are fewer). A re-solve (see the header
   * comment in pairing.ts) adds its places to both counts, so done never falls.
   */
  onProgress?: (done: number, total: number) => void;
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

export interface Row {
  mentee: number;
  slot: Slot | null;
}
