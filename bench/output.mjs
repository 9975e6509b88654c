/**
 * The benchmark's outputs: the table on stdout, bench/results.json, and bench/README.md.
 */
import { readFileSync } from 'node:fs';

/** Why each missed target was missed, and what would close it: written by people, kept across runs. */
const reasons = JSON.parse(readFileSync(new URL('./missed-reasons.json', import.meta.url), 'utf8'));

const fmtSeconds = (s) => (s === null || s === undefined ? '—' : s < 0.1 ? `${(s * 1000).toFixed(1)} ms` : `${s.toFixed(3)} s`);
const fmtValue = (value, unit) => {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value;
  return unit === 'MB' ? `${value.toFixed(1)} MB` : fmtSeconds(value);
};
const fmtRatio = (r) => (r === null || r === undefined ? '—' : `${r.toFixed(2)}x`);
const fmtMet = (met) => (met === null || met === undefined ? '—' : met ? 'yes' : 'NO');

export const COLUMNS = ['figure', 'ours', 'reference', 'ratio', 'peak MB', 'target', 'met?'];

export function tableCells(row) {
  return [
    row.figure,
    fmtValue(row.ours, row.unit),
    row.reference === null || row.reference === undefined
      ? (row.referenceNote ?? '—')
      : `${fmtValue(row.reference, row.unit)} ${row.referenceLabel ?? ''}`.trim(),
    row.ratio === null || row.ratio === undefined ? '—' : `${fmtRatio(row.ratio)} ${row.ratioLabel ?? ''}`.trim(),
    row.peakMb === null || row.peakMb === undefined ? '—' : row.peakMb.toFixed(1),
    row.target ?? '—',
    fmtMet(row.met),
  ];
}

export function textTable(rows) {
  const cells = [COLUMNS, ...rows.map(tableCells)];
  const widths = COLUMNS.map((_, c) => Math.max(...cells.map((line) => [...line[c]].length)));
  const line = (values) =>
    values
      .map((v, c) => v + ' '.repeat(widths[c] - [...v].length))
      .join('  ')
      .trimEnd();
  return [line(cells[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

export function markdownTable(rows) {
  const esc = (v) => v.replace(/\|/g, '\\|');
  return [`| ${COLUMNS.join(' | ')} |`, `|${COLUMNS.map(() => '---').join('|')}|`, ...rows.map((row) => `| ${tableCells(row).map(esc).join(' | ')} |`)].join(
    '\n',
  );
}

const FIGURES = `- **Solver** (\`solver n=N\`): \`linearSumAssignment\` from \`dist/matching/lsap.js\` on a dense N x N matrix of
  random integers uniform in [0, 1e6) (seeded), each solver in its own process reading the very same float64 file,
  timing only the solve (median of 5 runs up to n = 1,000, 3 beyond). The reference is SciPy's
  \`scipy.optimize.linear_sum_assignment\` (ratio ours/SciPy, target at most 2x at n = 2,000 and 4,000); the
  second row per size is the npm package \`linear-sum-assignment\` (ratio npm/ours, target at least 10x), which is
  slow enough to be run fewer times or skipped at the largest sizes (see the notes). Every solver's total is summed
  from the matrix and compared: the "same optimum" line.
- **Pairing** (\`pair NxN\`): the whole process \`node bin/remedi.js pair --json\` (and \`--trios\`) with
  \`REMEDI_TODAY=2026-03-15\`, on a database made by the real CLI (\`cohort create\`, \`import --cohort 1\`) from
  \`generate.mjs\`'s cohort roster with N mentees and N mentors. Median of 3 runs (1 at 5,000); peak is the largest
  maxRSS. Target: 2,000 x 2,000 under 1.5 s.
- **Import** (\`import N rows\`): \`node bin/remedi.js import roster.csv --db fresh.db\` of \`generate.mjs\`'s roster,
  a fresh database each run, against \`sqlite3 fresh.db ".mode csv" ".import roster.csv staff"\` (the floor: SQLite
  reading the same file into a plain table). Median of 3 runs (1 at 1,000,000), interleaved with the floor.
  Targets: within 3x of the floor; peak memory under 300 MB at 1,000,000 rows.
- **Reports** (\`report json\`, \`report chase\`): \`node bin/remedi.js report --format json --cohort 1 --as-of
  2026-09-30\` (stdout to /dev/null) and \`report chase\` with the same options, over a database of 50,000
  relationships (5% trios) and 1,000,000 sessions written directly through remedi's schema. Median of 3. Target:
  the report under 1.5 s.
- **Start-up** (\`--help\`, \`log-session\`): \`node bin/remedi.js --help\`, and a \`log-session\` with every flag
  (\`--pair --date --minutes --kind --level --theme --theme --mentor --lived-experience --notes --force
  --no-color\`) on a small database, against \`node -e 0\`, interleaved, median of 10 runs each. Target: under 2x
  node's own start.

Times are wall-clock for whole processes (spawn to exit) unless they say "solve only". Peak memory is
the process's maxRSS from \`/usr/bin/time -f "%e %M"\`. Ratios are measured side by side in one run on a
shared, noisy machine: read them, not single figures.`;

export function readme({ machine, rows, notes, optimum, mode, sections, generatedAt }) {
  const missed = rows.filter((row) => row.met === false);
  const machineLines = [
    `- OS: ${machine.os}`,
    `- CPUs: ${machine.cpus}`,
    `- Memory: ${machine.memory}`,
    `- Node: ${machine.node}`,
    `- SciPy: ${machine.scipy ?? 'not available'}${machine.numpy ? ` (NumPy ${machine.numpy}, Python ${machine.python})` : ''}`,
    `- sqlite3 CLI: ${machine.sqlite3 ?? 'not available'}`,
    `- SQLite in better-sqlite3: ${machine.betterSqlite3Sqlite ?? 'unknown'}`,
  ];
  return `# Benchmarks

Regenerated by \`npm run bench\` (\`bench/run.mjs\`); do not edit by hand: the reasons for missed targets come from \`bench/missed-reasons.json\`.
\`npm run bench -- --quick\` runs small sizes only; \`--only solver|pairing|import|report|startup\` runs one section
(and keeps the other sections' last figures in \`results.json\` and here).

Last run: ${generatedAt}, ${mode === 'quick' ? '**quick mode (small sizes only: not the figures the targets are about)**' : 'full sizes'}; sections: ${sections.join(', ')}.

## What each figure is

${FIGURES}

## Machine

${machineLines.join('\n')}

## Figures

${markdownTable(rows)}

${[
  optimum.length > 0 ? `Solver totals:\n\n${optimum.map((line) => `- ${line}`).join('\n')}\n\n` : '',
  notes.length > 0 ? `Notes:\n\n${notes.map((line) => `- ${line}`).join('\n')}\n\n` : '',
].join('')}## Targets missed

${missed.length === 0 ? 'None in this run.' : missed.map((row) => `- **${row.figure}**: ${tableCells(row)[1]} against ${row.target}${row.ratio !== null && row.ratio !== undefined ? ` (ratio ${fmtRatio(row.ratio)})` : ''}${row.peakMb !== null && row.peakMb !== undefined && row.unit !== 'MB' ? `, peak ${row.peakMb.toFixed(1)} MB` : ''}. Reason and what would close it: ${reasons[row.figure] ?? '_to be filled in (bench/missed-reasons.json)_'}`).join('\n')}
`;
}
