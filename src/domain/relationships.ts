/**
 * A saved relationship as every layer sees it: the store reads it, the ui renders it and
 * the commands decide with it. Its life (end, running, holding its people) is
 * relationshipLife.ts's rule.
 */
import type { IsoDate } from './dates.js';
import type { PairType, Slot } from './pairingRules.js';

/** A mentee with one mentor (a pair) or two (a trio), in a cohort. */
export interface RelationshipRecord {
  id: number;
  cohort: number;
  menteeId: string;
  mentors: Array<{ staffId: string; slot: Slot | null }>;
  type: PairType;
  score: number;
  reasons: string[];
  start: IsoDate;
  endedOn: IsoDate | null;
  endReason: string | null;
  /** The planned end: the cohort's end. */
  plannedEnd: IsoDate;
  override: boolean;
}

/** A relationship someone in it has left the trust from (docs/programme-year.md, "Leavers"). */
export interface RelationshipWithLeavers {
  id: number;
  cohort: number;
  menteeId: string;
  mentorIds: string[];
  /** The people in it who have left (staff ids). */
  left: string[];
  /** Its mentee, or every mentor, has left: it needs ending and a replacement, not chasing. */
  needsReplacement: boolean;
}
