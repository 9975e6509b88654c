#!/usr/bin/env node
/**
 * remedi's benchmark (issue 8): solver, pairing, import, reports and start-up, each
 * against a reference measured side by side in the same run.
 *
 *   npm run bench                      build, then every section at full size
 *   node bench/run.mjs --quick         small sizes only (for developing the bench)
 *   node bench/run.mjs --only import   one section (comma-separate for several)
 *
 * The table goes to stdout; progress to stderr; the same figures to bench/results.json
 * and bench/README.md. Big temporary files live under os.tmpdir() and are removed.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { random, writeRoster } from './generate.mjs';
import { median, progress, round, run, summarise, timeProcess } from './measure.mjs';
import { readme, textTable } from './output.mjs';
import { buildReportDatabase } from './reportDb.mjs';

const BENCH = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(BENCH, '..');
const CLI = join(ROOT, 'bin', 'remedi.js');
const NODE = process.execPath;
const SECTIONS = ['solver', 'pairing', 'import', 'report', 'startup'];
const TODAY = { REMEDI_TODAY: '2026-03-15' };

function parseArgs(argv) {
  const args = { quick: false, only: SECTIONS };
  for (let k = 0; k < argv.length; k++) {
    if (argv[k] === '--quick') args.quick = true;
    else if (argv[k] === '--only') {
      args.only = (argv[++k] ?? '').split(',').filter(Boolean);
      const unknown = args.only.filter((s) => !SECTIONS.includes(s));
      if (args.only.length === 0 || unknown.length > 0) usage(`--only takes ${SECTIONS.join('|')}`);
    } else usage(`unknown argument ${argv[k]}`);
  }
  return args;
}

function usage(message) {
  process.stderr.write(`${message}\nusage: node bench/run.mjs [--quick] [--only ${SECTIONS.join('|')}]\n`);
  process.exit(2);
}

const commandWorks = (command, args) => {
  try {
    return run(command, args).trim();
  } catch {
    return null;
  }
};

async function machineInfo() {
  const cpus = os.cpus();
  const scipy = commandWorks('python3', ['-c', 'import scipy, numpy, platform; print(scipy.__version__, numpy.__version__, platform.python_version())']);
  const { default: Database } = await import('better-sqlite3');
  const memory = new Database(':memory:');
  const betterSqlite3Sqlite = memory.prepare('SELECT sqlite_version() AS v').get().v;
  memory.close();
  const [scipyVersion, numpy, python] = scipy ? scipy.split(' ') : [null, null, null];
  return {
    os: `${os.type()} ${os.release()} (${os.arch()})`,
    cpus: `${cpus.length} x ${cpus[0]?.model ?? 'unknown'}`,
    memory: `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    node: process.version,
    scipy: scipyVersion,
    numpy,
    python,
    sqlite3: commandWorks('sqlite3', ['--version'])?.split(' ')[0] ?? null,
    betterSqlite3Sqlite,
  };
}

// ---------------------------------------------------------------- 1. solver

function writeMatrix(path, n, seed) {
  const rand = random(seed);
  const cost = new Float64Array(n * n);
  for (let k = 0; k < cost.length; k++) cost[k] = Math.floor(rand() * 1e6);
  writeFileSync(path, new Uint8Array(cost.buffer));
}

/**
 * How many times the npm package runs at size n: it is far slower (about 2 s at 2,000 and
 * 25 s at 4,000 on a 2-core machine), so once beyond 500, and never beyond 4,000.
 */
const npmRunsAt = (n, runs) => (n <= 500 ? runs : n <= 4000 ? 1 : 0);

async function solverSection({ quick, tmp, machine }) {
  const sizes = quick ? [200, 500] : [500, 1000, 2000, 4000];
  const rows = [];
  const notes = [];
  const optimum = [];
  const hasScipy = machine.scipy !== null;
  if (!hasScipy) notes.push('SciPy: `python3 -c "import scipy"` failed on this machine, so the SciPy column is skipped.');
  const skippedNpm = [];
  for (const n of sizes) {
    const file = join(tmp, `matrix-${n}.f64`);
    writeMatrix(file, n, 1000 + n);
    const runs = n <= 1000 ? 5 : 3;
    progress(`solver n=${n}: ours (${runs} runs)`);
    const ours = JSON.parse(run(NODE, [join(BENCH, 'solve.mjs'), 'ours', file, String(n), String(runs)]));
    let scipy = null;
    if (hasScipy) {
      progress(`solver n=${n}: SciPy (${runs} runs)`);
      scipy = JSON.parse(run('python3', [join(BENCH, 'scipy_lsa.py'), file, String(n), String(runs)]));
    }
    const npmRuns = npmRunsAt(n, runs);
    let npm = null;
    if (npmRuns > 0) {
      progress(`solver n=${n}: npm linear-sum-assignment (${npmRuns} run${npmRuns > 1 ? 's' : ''})`);
      npm = JSON.parse(run(NODE, [join(BENCH, 'solve.mjs'), 'npm', file, String(n), String(npmRuns)]));
      if (npmRuns < runs) skippedNpm.push(`n=${n}: 1 run instead of ${runs}`);
    } else skippedNpm.push(`n=${n}: not run`);
    rmSync(file, { force: true });

    const oursSeconds = median(ours.seconds);
    const totals = { ours: ours.total, ...(scipy ? { scipy: scipy.total } : {}), ...(npm ? { npm: npm.total } : {}) };
    const same = Object.values(totals).every((t) => t === ours.total);
    optimum.push(
      `n=${n}: same optimum: ${same ? 'yes' : 'no'} (${Object.entries(totals)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')})`,
    );
    const scipySeconds = scipy ? median(scipy.seconds) : null;
    const big = n >= 2000;
    rows.push({
      section: 'solver',
      figure: `solver n=${n}, solve only`,
      unit: 's',
      ours: oursSeconds,
      reference: scipySeconds,
      referenceLabel: 'SciPy',
      referenceNote: hasScipy ? undefined : 'skipped: no SciPy',
      ratio: scipySeconds ? oursSeconds / scipySeconds : null,
      ratioLabel: 'ours/SciPy',
      target: big ? 'ours/SciPy ≤ 2x' : null,
      met: big && scipySeconds ? oursSeconds / scipySeconds <= 2 : null,
      sameOptimum: same,
      totals,
      runs: { ours: ours.seconds, scipy: scipy?.seconds ?? null },
    });
    const npmSeconds = npm ? median(npm.seconds) : null;
    rows.push({
      section: 'solver',
      figure: `solver n=${n}, npm package`,
      unit: 's',
      ours: oursSeconds,
      reference: npmSeconds,
      referenceLabel: 'npm',
      referenceNote: npm ? undefined : 'not run (too slow)',
      ratio: npmSeconds ? npmSeconds / oursSeconds : null,
      ratioLabel: 'npm/ours',
      target: 'npm/ours ≥ 10x',
      met: npmSeconds ? npmSeconds / oursSeconds >= 10 : null,
      sameOptimum: same,
      runs: { ours: ours.seconds, npm: npm?.seconds ?? null },
    });
    progress(
      `  ours ${oursSeconds.toFixed(3)} s, SciPy ${scipySeconds?.toFixed(3) ?? '—'} s, npm ${npmSeconds?.toFixed(3) ?? '—'} s; same optimum: ${same ? 'yes' : 'no'}`,
    );
  }
  if (skippedNpm.length > 0) {
    notes.push(
      `npm \`linear-sum-assignment\` (Crouse's algorithm in plain JS over an ml-matrix) is run fewer times at the larger sizes to keep the bench to minutes, so its median is a single run there: ${skippedNpm.join('; ')}.`,
    );
  }
  const all = rows.every((row) => row.sameOptimum);
  optimum.unshift(`same optimum: ${all ? 'yes' : 'no'} (ours, SciPy and the npm package, at every size they ran)`);
  return { rows, notes, optimum };
}

// ---------------------------------------------------------------- 2. pairing

const cli = (args, env = TODAY) => run(NODE, [CLI, ...args], { env });

async function pairingSection({ quick, tmp }) {
  const sizes = quick ? [300] : [500, 2000, 5000];
  const rows = [];
  const notes = [];
  for (const n of sizes) {
    const dir = mkdtempSync(join(tmp, `pair-${n}-`));
    const roster = join(dir, 'cohort.csv');
    const db = join(dir, 'pair.db');
    progress(`pairing ${n}x${n}: generating the roster and importing it`);
    // As generate.mjs's `cohort` mode: 1.6 people in the roster per participant.
    await writeRoster(roster, { rows: Math.round(2 * n * 1.6), seed: 1, mentees: n, mentors: n });
    cli(['cohort', 'create', '1', '--start', '2026-01-05', '--end', '2026-09-30', '--db', db]);
    cli(['import', roster, '--cohort', '1', '--db', db]);
    for (const trios of [false, true]) {
      const runs = n >= 5000 ? 1 : 3;
      const label = `pair${trios ? ' --trios' : ''} ${n}x${n}`;
      progress(`${label} (${runs} run${runs > 1 ? 's' : ''})`);
      const out = join(dir, 'proposal.json');
      const results = [];
      for (let r = 0; r < runs; r++) {
        results.push(timeProcess(NODE, [CLI, 'pair', '--json', ...(trios ? ['--trios'] : []), '--db', db], { env: TODAY, stdoutFile: out }));
      }
      const proposal = JSON.parse(readFileSync(out, 'utf8'));
      const summary = summarise(results);
      const gated = n === 2000;
      rows.push({
        section: 'pairing',
        figure: label,
        unit: 's',
        ours: summary.seconds,
        peakMb: summary.peakMb,
        target: gated ? '< 1.5 s' : null,
        met: gated ? summary.seconds < 1.5 : null,
        runs: summary.runs,
        proposed: proposal.relationships.length,
        unmatched: proposal.unmatched.length,
      });
      progress(
        `  ${summary.seconds.toFixed(3)} s, peak ${summary.peakMb} MB; ${proposal.relationships.length} relationships proposed, ${proposal.unmatched.length} left out`,
      );
    }
    rmSync(dir, { recursive: true, force: true });
  }
  return { rows, notes, optimum: [] };
}

// ---------------------------------------------------------------- 3. import

const removeDb = (path) => {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(path + suffix, { force: true });
};

async function importSection({ quick, tmp, machine }) {
  const sizes = quick ? [10_000] : [10_000, 100_000, 1_000_000];
  const rows = [];
  const notes = [];
  const hasFloor = machine.sqlite3 !== null;
  if (!hasFloor) notes.push("Import floor: Debian's `sqlite3` is missing on this machine, so the floor column is skipped.");
  for (const n of sizes) {
    const dir = mkdtempSync(join(tmp, `import-${n}-`));
    const roster = join(dir, 'roster.csv');
    progress(`import ${n} rows: generating the roster`);
    await writeRoster(roster, { rows: n, seed: 1 });
    const runs = n >= 1_000_000 ? 1 : 3;
    const ours = [];
    const floor = [];
    const db = join(dir, 'fresh.db');
    for (let r = 0; r < runs; r++) {
      progress(`import ${n} rows: run ${r + 1} of ${runs}`);
      removeDb(db);
      ours.push(timeProcess(NODE, [CLI, 'import', roster, '--db', db], { env: TODAY }));
      const imported = Number(run('sqlite3', [db, 'SELECT count(*) FROM staff']).trim());
      if (imported !== n) throw new Error(`import of ${n} rows left ${imported} staff`);
      if (hasFloor) {
        removeDb(db);
        floor.push(timeProcess('sqlite3', [db, '.mode csv', `.import ${roster} staff`]));
      }
    }
    removeDb(db);
    rmSync(dir, { recursive: true, force: true });
    const o = summarise(ours);
    const f = hasFloor ? summarise(floor) : null;
    rows.push({
      section: 'import',
      figure: `import ${n.toLocaleString('en-GB')} rows`,
      unit: 's',
      ours: o.seconds,
      peakMb: o.peakMb,
      reference: f?.seconds ?? null,
      referenceLabel: 'sqlite3 .import',
      referenceNote: hasFloor ? undefined : 'skipped: no sqlite3',
      ratio: f ? o.seconds / f.seconds : null,
      ratioLabel: 'ours/floor',
      target: 'ours/floor ≤ 3x',
      met: f ? o.seconds / f.seconds <= 3 : null,
      runs: { ours: o.runs, floor: f?.runs ?? null },
      floorPeakMb: f?.peakMb ?? null,
    });
    if (n >= 1_000_000) {
      rows.push({
        section: 'import',
        figure: `import ${n.toLocaleString('en-GB')} rows, peak memory`,
        unit: 'MB',
        ours: o.peakMb,
        reference: f?.peakMb ?? null,
        referenceLabel: 'sqlite3',
        peakMb: o.peakMb,
        target: '< 300 MB',
        met: o.peakMb === null ? null : o.peakMb < 300,
      });
    }
    progress(`  ours ${o.seconds.toFixed(3)} s (peak ${o.peakMb} MB), floor ${f?.seconds.toFixed(3) ?? '—'} s`);
  }
  return { rows, notes, optimum: [] };
}

// ---------------------------------------------------------------- 4. reports

async function reportSection({ quick, tmp }) {
  const relationships = quick ? 5_000 : 50_000;
  const sessions = quick ? 100_000 : 1_000_000;
  const dir = mkdtempSync(join(tmp, 'report-'));
  const db = join(dir, 'report.db');
  progress(`report: writing ${relationships} relationships and ${sessions} sessions`);
  const started = Date.now();
  const { openDatabase } = await import(pathToFileURL(join(ROOT, 'dist', 'store', 'db.js')).href);
  const counts = await buildReportDatabase(db, { relationships, sessions, seed: 1, openDatabase });
  progress(`  written in ${((Date.now() - started) / 1000).toFixed(1)} s: ${JSON.stringify(counts)}`);
  const common = ['--cohort', '1', '--as-of', '2026-09-30', '--db', db];
  const report = [];
  const chase = [];
  for (let r = 0; r < 3; r++) {
    progress(`report: run ${r + 1} of 3`);
    report.push(timeProcess(NODE, [CLI, 'report', '--format', 'json', ...common], { env: TODAY }));
    chase.push(timeProcess(NODE, [CLI, 'report', 'chase', ...common], { env: TODAY }));
  }
  rmSync(dir, { recursive: true, force: true });
  const rep = summarise(report);
  const ch = summarise(chase);
  const scale = `${relationships.toLocaleString('en-GB')} relationships, ${sessions.toLocaleString('en-GB')} sessions`;
  progress(`  report ${rep.seconds.toFixed(3)} s (peak ${rep.peakMb} MB), chase ${ch.seconds.toFixed(3)} s (peak ${ch.peakMb} MB)`);
  return {
    rows: [
      {
        section: 'report',
        figure: `report json, ${scale}`,
        unit: 's',
        ours: rep.seconds,
        peakMb: rep.peakMb,
        target: '< 1.5 s',
        met: rep.seconds < 1.5,
        runs: rep.runs,
        database: counts,
      },
      { section: 'report', figure: `report chase, ${scale}`, unit: 's', ours: ch.seconds, peakMb: ch.peakMb, target: null, met: null, runs: ch.runs },
    ],
    notes: [],
    optimum: [],
  };
}

// ---------------------------------------------------------------- 5. start-up

async function startupSection({ quick, tmp }) {
  const runs = quick ? 5 : 10;
  const dir = mkdtempSync(join(tmp, 'startup-'));
  const db = join(dir, 'small.db');
  progress('start-up: preparing a small database (fixtures/roster.csv, pairs and trios saved)');
  cli(['cohort', 'create', '1', '--start', '2026-01-05', '--end', '2026-09-30', '--db', db]);
  cli(['import', join(ROOT, 'fixtures', 'roster.csv'), '--cohort', '1', '--db', db]);
  cli(['pair', '--cohort', '1', '--trios', '--save', '--start', '2026-01-05', '--db', db]);
  const [first] = JSON.parse(cli(['pair', 'list', '--json', '--db', db]));
  if (!first) throw new Error('start-up: the small database has no relationship to log a session against');
  const logSession = [
    CLI,
    'log-session',
    '--db',
    db,
    '--no-color',
    '--pair',
    String(first.id),
    '--date',
    '2026-03-12',
    '--minutes',
    '45',
    '--kind',
    'one-to-one',
    '--level',
    'team',
    '--theme',
    'career progression',
    '--theme',
    'recruitment panels',
    '--mentor',
    first.mentors[0].staffId,
    '--lived-experience',
    '--notes',
    'Benchmark session',
    '--force',
  ];
  const node = [];
  const help = [];
  const log = [];
  for (let r = 0; r < runs; r++) {
    progress(`start-up: round ${r + 1} of ${runs}`);
    node.push(timeProcess(NODE, ['-e', '0']));
    help.push(timeProcess(NODE, [CLI, '--help']));
    log.push(timeProcess(NODE, logSession, { env: TODAY }));
  }
  rmSync(dir, { recursive: true, force: true });
  const n = summarise(node);
  const h = summarise(help);
  const l = summarise(log);
  const row = (figure, s) => ({
    section: 'startup',
    figure,
    unit: 's',
    ours: s.seconds,
    peakMb: s.peakMb,
    reference: n.seconds,
    referenceLabel: 'node -e 0',
    ratio: s.seconds / n.seconds,
    ratioLabel: 'ours/node',
    target: 'ours/node < 2x',
    met: s.seconds / n.seconds < 2,
    runs: { ours: s.runs, node: n.runs },
  });
  progress(`  node -e 0 ${n.seconds.toFixed(4)} s, --help ${h.seconds.toFixed(4)} s, log-session ${l.seconds.toFixed(4)} s`);
  return { rows: [row('start-up: remedi --help', h), row('start-up: log-session, every flag', l)], notes: [], optimum: [] };
}

// ---------------------------------------------------------------- main

const RUNNERS = { solver: solverSection, pairing: pairingSection, import: importSection, report: reportSection, startup: startupSection };

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const mode = args.quick ? 'quick' : 'full';
  if (!existsSync(join(ROOT, 'dist', 'cli.js'))) usage('dist/ is missing: run `npm run build` first (npm run bench does).');
  const machine = await machineInfo();
  mkdirSync(tmpdir(), { recursive: true });
  const tmp = mkdtempSync(join(tmpdir(), 'remedi-bench-'));
  const cleanUp = () => rmSync(tmp, { recursive: true, force: true });
  process.on('SIGINT', () => {
    cleanUp();
    process.exit(130);
  });

  const resultsPath = join(BENCH, 'results.json');
  let previous = null;
  if (args.only.length < SECTIONS.length && existsSync(resultsPath)) {
    try {
      previous = JSON.parse(readFileSync(resultsPath, 'utf8'));
      if (previous.mode !== mode) previous = null;
    } catch {
      previous = null;
    }
  }
  const sections = { ...(previous?.sections ?? {}) };
  try {
    for (const name of SECTIONS.filter((s) => args.only.includes(s))) {
      const started = Date.now();
      const result = await RUNNERS[name]({ quick: args.quick, tmp, machine });
      sections[name] = { ...result, ranAt: new Date().toISOString(), seconds: round((Date.now() - started) / 1000, 1) };
      progress(`${name}: done in ${sections[name].seconds} s`);
    }
  } finally {
    cleanUp();
  }

  const order = SECTIONS.filter((s) => sections[s]);
  const rows = order.flatMap((s) => sections[s].rows);
  const notes = order.flatMap((s) => sections[s].notes);
  const optimum = order.flatMap((s) => sections[s].optimum);
  const generatedAt = new Date().toISOString();
  const results = {
    generatedAt,
    mode,
    machine,
    sections,
    table: rows.map(({ section, figure, unit, ours, reference, referenceLabel, ratio, ratioLabel, peakMb, target, met }) => ({
      section,
      figure,
      unit,
      ours: round(ours, 4),
      reference: round(reference, 4),
      referenceLabel,
      ratio: round(ratio, 3),
      ratioLabel,
      peakMb,
      target,
      met,
    })),
    sameOptimum: optimum,
    targetsMissed: rows.filter((row) => row.met === false).map((row) => row.figure),
  };
  writeFileSync(resultsPath, `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(join(BENCH, 'README.md'), readme({ machine, rows, notes, optimum, mode, sections: order, generatedAt }));

  process.stdout.write(`${textTable(rows)}\n`);
  for (const line of optimum) process.stdout.write(`${line}\n`);
  for (const line of notes) process.stdout.write(`note: ${line}\n`);
  process.stdout.write(`targets missed: ${results.targetsMissed.length === 0 ? 'none' : results.targetsMissed.join('; ')}\n`);
}

const tmpdir = os.tmpdir;
main().catch((error) => {
  process.stderr.write(`bench failed: ${error.stack ?? error}\n`);
  process.exitCode = 1;
});
