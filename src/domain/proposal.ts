/**
 * What a pairing proposes: the relationships, with each mentor's type, score and reasons,
 * everyone left out and why, and the totals. The solver (matching/pairing.ts) builds it;
 * the ui renders it and a command saves it, so neither needs the solver to know its shape.
 */
import type { PairType, Participant, Slot } from './pairingRules.js';

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
