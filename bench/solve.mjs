#!/usr/bin/env node
/**
 * One solver on one cost matrix, timed in its own process (the SciPy side is
 * scipy_lsa.py, which reads the same file and prints the same JSON):
 *
 *   node bench/solve.mjs ours|npm matrix.f64 N RUNS
 *
 * The matrix is N x N float64, row-major, little-endian. Only the solve is timed;
 * prints {"total": ..., "seconds": [...]} where total is the sum of the chosen costs
 * taken from the matrix itself, so every solver's total is summed the same way.
 */
import { readFileSync } from 'node:fs';

const [solver, file, nText, runsText] = process.argv.slice(2);
const n = Number(nText);
const runs = Number(runsText);
const bytes = readFileSync(file);
const cost = new Float64Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
if (cost.length !== n * n) throw new Error(`${file} holds ${cost.length} cells, not ${n} x ${n}`);

/** rowToCol[i] is row i's column; checks it is a permutation before summing. */
function totalOf(rowToCol) {
  const seen = new Uint8Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const j = rowToCol[i];
    if (!(j >= 0 && j < n) || seen[j]) throw new Error(`${solver}: not a permutation at row ${i}`);
    seen[j] = 1;
    total += cost[i * n + j];
  }
  return total;
}

let solve;
if (solver === 'ours') {
  const { linearSumAssignment } = await import('../dist/matching/lsap.js');
  solve = () => linearSumAssignment(cost, n, n).rowToCol;
} else if (solver === 'npm') {
  const { linearSumAssignment } = await import('linear-sum-assignment');
  const { Matrix } = await import('ml-matrix');
  // Built once, outside the timing: the package's own input type, so no conversion is charged to it.
  const matrix = new Matrix(n, n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) matrix.set(i, j, cost[i * n + j]);
  // Its default is to maximise.
  solve = () => linearSumAssignment(matrix, { maximaze: false }).rowAssignments;
} else {
  throw new Error(`unknown solver ${solver}: ours or npm`);
}

const seconds = [];
let total = null;
for (let run = 0; run < runs; run++) {
  const start = process.hrtime.bigint();
  const rowToCol = solve();
  seconds.push(Number(process.hrtime.bigint() - start) / 1e9);
  const runTotal = totalOf(rowToCol);
  if (total !== null && runTotal !== total) throw new Error(`${solver}: total changed between runs`);
  total = runTotal;
}
process.stdout.write(`${JSON.stringify({ total, seconds })}\n`);
