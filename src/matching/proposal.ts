/**
 * What the pairing is asked: a cohort's mentees, mentors, weights and rules, and where its
 * progress goes. What it answers (pairs and trios, and why anyone is left out) is
 * domain/proposal.ts's, since the ui renders it and a command saves it.
 */
import type { Participant, RuleContext, Slot, Weights } from '../domain/pairingRules.js';
import type { Unmatched } from '../domain/proposal.js';

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

/** One row of the assignment: a mentee's slot (pairing.ts's header comment). */
export interface Row {
  mentee: number;
  slot: Slot | null;
}
