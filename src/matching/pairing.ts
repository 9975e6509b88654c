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
import { brokenRule, fitsSlot, pairScore, rankTypes, type Slot } from '../domain/pairingRules.js';
import { explain } from './explainProposal.js';
import { linearSumAssignment } from './lsap.js';
import type { Proposal } from '../domain/proposal.js';
import type { PairingProblem, Row } from './proposal.js';

// The solver's question, for its callers.
export type { PairingProblem } from './proposal.js';

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
  const { mentees, mentors, weights, trios, targeted, rules, onProgress } = problem;

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
  /** Rows placed by the solves before this one. */
  let solved = 0;
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
    const before = solved;
    const { rowToCol } = linearSumAssignment(cost, nRows, nCols, {
      onProgress: onProgress && ((done, total) => onProgress(before + done, before + total)),
    });
    solved += Math.min(nRows, nCols);

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
