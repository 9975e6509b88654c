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
import type { Slot } from '../domain/pairingRules.js';
import { explain } from './explainProposal.js';
import { linearSumAssignment } from './lsap.js';
import { pairTable } from './pairTable.js';
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
  const nMentors = mentors.length;
  const { allowed, menteesAllowed, score, bmeMentor, frontlineMentor } = pairTable(mentees, mentors, weights, targeted, rules);
  const fits = (slot: Slot | null): Uint8Array | null => (slot === 'bme' ? bmeMentor : slot === 'frontline' ? frontlineMentor : null);
  const rowAllows = (row: Row, r: number): boolean => {
    const slotFits = fits(row.slot);
    return allowed(row.mentee, r) && (slotFits === null || slotFits[r] === 1);
  };

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
      for (let r = 0; r < nMentors && !fillable; r += 1) fillable = rowAllows(row, r);
      if (!fillable) continue;
      rowsOf[index].push(rows.length);
      rows.push(row);
    }
  });

  // Columns: each mentor's usable capacity units (side by side), then the trio private columns.
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
  const firstColumnOf = Int32Array.from(columnsOf, (units) => units[0] ?? -1);
  const unitsOf = Int32Array.from(columnsOf, (units) => units.length);

  // The levels (see the header comment).
  let scoreBound = 1;
  let maxScore = 0;
  for (const row of rows) {
    let best = 0;
    const slotFits = fits(row.slot);
    for (let r = 0; r < nMentors; r += 1) {
      if (allowed(row.mentee, r) && (slotFits === null || slotFits[r] === 1)) best = Math.max(best, score(row.mentee, r));
    }
    scoreBound += best;
    maxScore = Math.max(maxScore, best);
  }
  const trioLevel = scoreBound + 1;
  const level = trioMentees.length * trioLevel + scoreBound + 1;
  const pairedLevel = level;
  const boardLevel = 2 * level;
  const gadgetValue = boardLevel + maxScore + 1;
  const rowBase = (row: Row) => (mentees[row.mentee].boardMember ? boardLevel : pairedLevel);
  /** What a row gains from a mentor, or 0 when it may not have them (the same as no mentor). */
  const worth = (row: Row, r: number) => (rowAllows(row, r) ? rowBase(row) + score(row.mentee, r) : 0);

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
    // The solver minimises cost = gadgetValue - worth; a cell worth 0 costs gadgetValue.
    // Built once, in place: no matrix of worths beside it (at 5,000 x 5,000 each is 200 MB).
    const cost = new Float64Array(nRows * nCols).fill(gadgetValue);
    rows.forEach((row, rowIndex) => {
      const offset = rowIndex * nCols;
      const slotFits = fits(row.slot);
      const base = rowBase(row);
      for (let r = 0; r < nMentors; r += 1) {
        const units = unitsOf[r];
        if (units === 0 || !allowed(row.mentee, r) || (slotFits !== null && slotFits[r] === 0)) continue;
        const c = gadgetValue - (base + score(row.mentee, r));
        for (let column = firstColumnOf[r], end = column + units; column < end; column += 1) cost[offset + column] = c;
      }
    });
    trioMentees.forEach((mentee, t) => {
      for (const rowIndex of rowsOf[mentee]) cost[rowIndex * nCols + privateStart + t] = gadgetValue - (boardLevel - trioLevel);
    });
    gadgets.forEach(({ mentee, mentor }, g) => {
      const x = gadgetStart + g;
      for (const rowIndex of rowsOf[mentee]) {
        const offset = rowIndex * nCols;
        const through = worth(rows[rowIndex], mentor);
        if (through > 0) cost[offset + x] = gadgetValue - through;
        for (const column of columnsOf[mentor]) cost[offset + column] = gadgetValue;
      }
      const y = (rows.length + g) * nCols;
      cost[y + x] = 0;
      for (const column of columnsOf[mentor]) cost[y + column] = 0;
    });

    const before = solved;
    const { rowToCol } = linearSumAssignment(cost, nRows, nCols, {
      onProgress: onProgress && ((done, total) => onProgress(before + done, before + total)),
    });
    solved += Math.min(nRows, nCols);

    // A row placed on a cell worth 0 has no mentor (worth is never below a level, so never 0 otherwise).
    const mentorOfRow = new Int32Array(rows.length).fill(-1);
    rows.forEach((_, rowIndex) => {
      const column = rowToCol[rowIndex];
      if (column < 0 || cost[rowIndex * nCols + column] === gadgetValue) return;
      if (column < privateStart) mentorOfRow[rowIndex] = columnMentor[column];
      else if (column >= gadgetStart) mentorOfRow[rowIndex] = gadgets[column - gadgetStart].mentor;
    });

    const reused = trioMentees.filter((mentee) => {
      const [a, b] = rowsOf[mentee];
      return mentorOfRow[a] >= 0 && mentorOfRow[a] === mentorOfRow[b];
    });
    if (reused.length === 0) return explain(problem, rows, rowsOf, slotsOf, mentorOfRow, menteesAllowed);
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
