#!/usr/bin/env node
/**
 * remedi's benchmark (issues 8 and 15): solver, pairing, import, reports, import-sessions,
 * staff list and find, every command at a realistic size, and start-up, each against a
 * reference measured side by side in the same run.
 *
 *   npm run bench                      build, then every section at full size
 *   node bench/run.mjs --quick         small sizes only (for developing the bench)
 *   node bench/run.mjs --only import   one section (comma-separate for several)
 *   node bench/run.mjs --readme        no measuring: rewrite bench/README.md from results.json
 *                                      (after editing bench/missed-reasons.json)
 *
 * The table goes to stdout; progress to stderr; the same figures to bench/results.json
 * and bench/README.md. Big temporary files live under os.tmpdir() and are removed.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { random, writeRoster, writeSessionFile } from './generate.mjs';
import { median, progress, round, run, summarise, timeProcess } from './measure.mjs';
import { floorModule } from './modules.mjs';
import { readme, textTable } from './output.mjs';
import { buildReportDatabase } from './reportDb.mjs';

const BENCH = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(BENCH, '..');
const CLI = join(ROOT, 'bin', 'remedi.js');
const NODE = process.execPath;
const SECTIONS = ['solver', 'pairing', 'import', 'report', 'sessions', 'staff', 'realistic', 'startup'];
const TODAY = { REMEDI_TODAY: '2026-03-15' };

function parseArgs(argv) {
  const args = { quick: false, only: SECTIONS, readme: false };
  for (let k = 0; k < argv.length; k++) {
    if (argv[k] === '--quick') args.quick = true;
    else if (argv[k] === '--readme') args.readme = true;
    else if (argv[k] === '--only') {
      args.only = (argv[++k] ?? '').split(',').filter(Boolean);
      const unknown = args.only.filter((s) => !SECTIONS.includes(s));
      if (args.only.length === 0 || unknown.length > 0) usage(`--only takes ${SECTIONS.join('|')}`);
    } else usage(`unknown argument ${argv[k]}`);
  }
  return args;
}

function usage(message) {
  process.stderr.write(`${message}\nusage: node bench/run.mjs [--quick] [--only ${SECTIONS.join('|')}] | --readme\n`);
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
    loadAverageAtStart: os.loadavg().map((x) => round(x, 2)),
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
      target: big ? 'ours/SciPy ≤ 2x (issue 8)' : null,
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
      target: 'npm/ours ≥ 10x (issue 8)',
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

// ---------------------------------------------------------------- helpers

const cli = (args, env = TODAY) => run(NODE, [CLI, ...args], { env });
const fmt = (n) => n.toLocaleString('en-GB');
const removeDb = (path) => {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(path + suffix, { force: true });
};
/** A private copy of a database (checkpointed: its WAL is empty), so a writing command starts from the same state every run. */
const copyDb = (from, to) => {
  removeDb(to);
  copyFileSync(from, to);
};

/**
 * SQLite alone doing the writes one of our imports does, beside it: the rows our import wrote
 * (copied once, after its first timed run, into a plain database of their own by `copySql`, which
 * reads ours as `o`) inserted by sqlite3 into a fresh copy of `start` in one transaction, as our
 * import writes them (`writeSql`, reading the rows as `r`): foreign keys off, the same tables and
 * indexes, the same commit and checkpoint at close. What ours takes beyond it is reading the file,
 * checking every row and handing the values to SQLite; what it takes beyond the floor is SQLite's
 * own work on remedi's schema.
 */
function sqliteAloneSubject({ dir, start, ours, copySql, writeSql, tables }) {
  const rowsDb = join(dir, 'rows.db');
  const target = join(dir, 'alone.db');
  const counts = (db) => run('sqlite3', [db, tables.map((table) => `SELECT count(*) FROM ${table};`).join(' ')]).trim();
  return {
    name: 'alone',
    time: () => {
      const first = !existsSync(rowsDb);
      if (first) run('sqlite3', [rowsDb, `ATTACH '${ours}' AS o; ${copySql}`]);
      copyDb(start, target);
      const result = timeProcess('sqlite3', [target, `PRAGMA foreign_keys = OFF; ATTACH '${rowsDb}' AS r; BEGIN; ${writeSql} COMMIT;`]);
      // The same rows in the same tables as ours left.
      if (first && counts(target) !== counts(ours)) throw new Error(`SQLite alone left ${counts(target)} rows in ${tables.join(', ')}; ours ${counts(ours)}`);
      return result;
    },
    cleanUp: () => {
      removeDb(rowsDb);
      removeDb(target);
    },
  };
}

/** The reference2 fields of a row for sqliteAloneSubject's figure (none without sqlite3). */
const aloneFields = (alone) =>
  alone === undefined ? {} : { reference2: alone.seconds, reference2Label: 'SQLite alone writing the same rows', aloneRuns: alone.runs };

/**
 * Runs each of `subjects` ({ name, time: (run) => timeProcess result }) `runs` times, interleaved
 * (a, b, c, a, b, c, ...) so a burst of load on the shared machine falls on all of them alike.
 */
function sideBySide(runs, subjects, label) {
  const results = Object.fromEntries(subjects.map((s) => [s.name, []]));
  for (let r = 0; r < runs; r++) {
    progress(`${label}: run ${r + 1} of ${runs}`);
    for (const s of subjects) results[s.name].push(s.time(r));
  }
  return Object.fromEntries(Object.entries(results).map(([name, list]) => [name, summarise(list)]));
}

/**
 * The module-load floor of one command: runs it once (untimed) with bench/modules.mjs recording
 * every module it resolves, and returns a timeProcess thunk for a node that imports exactly those.
 */
function moduleFloor(tmp, name, args, { env = TODAY, stdoutFile } = {}) {
  const slug = name.replace(/[^a-z0-9]+/gi, '-');
  const list = join(tmp, `modules-${slug}.txt`);
  const floor = join(tmp, `floor-${slug}.mjs`);
  rmSync(list, { force: true });
  timeProcess(NODE, ['--import', pathToFileURL(join(BENCH, 'modules.mjs')).href, CLI, ...args], {
    env: { ...env, REMEDI_BENCH_MODULES: list },
    stdoutFile,
  });
  const count = floorModule(list, floor, { exclude: [pathToFileURL(CLI).href] });
  return { count, time: () => timeProcess(NODE, [floor]) };
}

/** Acceptance of a ratio and/or a peak: { target, met }. */
function gate({ ratio, maxRatio, seconds, maxSeconds, peakMb, maxPeakMb, ratioLabel = 'x' }) {
  const parts = [];
  let met = true;
  if (maxRatio !== undefined) {
    parts.push(`≤ ${maxRatio}${ratioLabel}`);
    met &&= ratio !== null && ratio <= maxRatio;
  }
  if (maxSeconds !== undefined) {
    parts.push(`< ${maxSeconds} s`);
    met &&= seconds < maxSeconds;
  }
  if (maxPeakMb !== undefined) {
    parts.push(`peak < ${maxPeakMb} MB`);
    met &&= peakMb !== null && peakMb < maxPeakMb;
  }
  return { target: parts.join(', '), met: ratio === null && maxRatio !== undefined ? null : met };
}

// ---------------------------------------------------------------- 2. pairing

/**
 * `remedi pair` against a whole python3 process running SciPy's linear_sum_assignment on a
 * dense random integer matrix of the same size (start-up, imports and generating the matrix
 * included): the issue 15 reference for a whole pairing run.
 */
async function pairingSection({ quick, tmp, machine }) {
  const sizes = quick ? [300] : [500, 2000, 5000];
  const rows = [];
  const notes = [];
  const hasScipy = machine.scipy !== null;
  for (const n of sizes) {
    const dir = mkdtempSync(join(tmp, `pair-${n}-`));
    const roster = join(dir, 'cohort.csv');
    const db = join(dir, 'pair.db');
    progress(`pairing ${n}x${n}: generating the roster and importing it`);
    // As generate.mjs's `cohort` mode: 1.6 people in the roster per participant.
    await writeRoster(roster, { rows: Math.round(2 * n * 1.6), seed: 1, mentees: n, mentors: n });
    cli(['cohort', 'create', '1', '--start', '2026-01-05', '--end', '2026-09-30', '--db', db]);
    cli(['import', roster, '--cohort', '1', '--db', db]);
    const scipyOut = join(dir, 'scipy.json');
    const scipy = hasScipy
      ? { name: 'scipy', time: () => timeProcess('python3', [join(BENCH, 'scipy_lsa.py'), '--generate', String(n), '1'], { stdoutFile: scipyOut }) }
      : null;
    for (const trios of [false, true]) {
      // pair --trios at 5,000 has no target: one run keeps the bench to minutes.
      const runs = trios && n >= 5000 ? 1 : 3;
      const label = `pair${trios ? ' --trios' : ''} ${n}x${n}`;
      const out = join(dir, 'proposal.json');
      const ours = {
        name: 'ours',
        time: () => timeProcess(NODE, [CLI, 'pair', '--json', ...(trios ? ['--trios'] : []), '--db', db], { env: TODAY, stdoutFile: out }),
      };
      const s = sideBySide(runs, scipy && runs > 1 ? [scipy, ours] : [ours], label);
      const proposal = JSON.parse(readFileSync(out, 'utf8'));
      const ref = s.scipy ?? null;
      const ratio = ref ? s.ours.seconds / ref.seconds : null;
      let acceptance = { target: null, met: null };
      let issueTarget = null;
      if (n === 2000 && trios) {
        acceptance = gate({ ratio, maxRatio: 2.2, ratioLabel: 'x SciPy' });
        issueTarget = { text: '< 1.5 s', met: s.ours.seconds < 1.5 };
      } else if (n === 5000 && !trios) {
        acceptance = gate({ ratio, maxRatio: 2, ratioLabel: 'x SciPy', peakMb: s.ours.peakMb, maxPeakMb: 400 });
        issueTarget = { text: '< 4 s', met: s.ours.seconds < 4 };
      } else if (n === 2000 && !trios) {
        acceptance = { target: '< 1.5 s (issue 8)', met: s.ours.seconds < 1.5 };
      }
      rows.push({
        section: 'pairing',
        figure: label,
        unit: 's',
        ours: s.ours.seconds,
        peakMb: s.ours.peakMb,
        reference: ref?.seconds ?? null,
        referenceLabel: 'python3 SciPy (whole process)',
        referenceNote: ref ? undefined : hasScipy ? '—' : 'skipped: no SciPy',
        ratio,
        ratioLabel: 'ours/SciPy',
        ...acceptance,
        issueTarget,
        runs: { ours: s.ours.runs, scipy: ref?.runs ?? null },
        referencePeakMb: ref?.peakMb ?? null,
        proposed: proposal.relationships.length,
        unmatched: proposal.unmatched.length,
      });
      progress(
        `  ours ${s.ours.seconds.toFixed(3)} s (peak ${s.ours.peakMb} MB), SciPy process ${ref?.seconds.toFixed(3) ?? '—'} s; ${proposal.relationships.length} relationships proposed, ${proposal.unmatched.length} left out`,
      );
    }
    rmSync(dir, { recursive: true, force: true });
  }
  if (hasScipy) {
    notes.push(
      'Pairing reference: a whole `python3 bench/scipy_lsa.py --generate N 1` process, timed spawn to exit like remedi: Python start-up, importing NumPy and SciPy, generating a dense N x N matrix of random integers in [0, 1e6) and one `linear_sum_assignment`. remedi reads a roster from SQLite, scores every pair and solves; the reference only solves a matrix of the same size. Not run beside `pair --trios 5000x5000` (one run, no target).',
    );
  }
  return { rows, notes, optimum: [] };
}

// ---------------------------------------------------------------- 3. import

async function importSection({ quick, tmp, machine, cache }) {
  const sizes = quick ? [10_000] : [10_000, 100_000, 1_000_000];
  const rows = [];
  const notes = [];
  const hasFloor = machine.sqlite3 !== null;
  if (!hasFloor) notes.push("Import floor: Debian's `sqlite3` is missing on this machine, so the floor column is skipped.");
  // An empty remedi database, for SQLite alone to write our import's rows into, with remedi's own search indexes.
  const { STAFF_SEARCH_INDEXES } = await import(pathToFileURL(join(ROOT, 'dist', 'store', 'staffSearchIndexes.js')).href);
  const emptyDb = join(mkdtempSync(join(tmp, 'import-empty-')), 'empty.db');
  if (hasFloor) cli(['cohort', 'create', '1', '--start', '2026-01-05', '--end', '2026-09-30', '--db', emptyDb]);
  for (const n of sizes) {
    const dir = mkdtempSync(join(tmp, `import-${n}-`));
    const roster = join(dir, 'roster.csv');
    progress(`import ${fmt(n)} rows: generating the roster`);
    await writeRoster(roster, { rows: n, seed: 1 });
    const db = join(dir, 'ours.db');
    const floorDb = join(dir, 'floor.db');
    const subjects = [
      {
        name: 'ours',
        time: () => {
          removeDb(db);
          const result = timeProcess(NODE, [CLI, 'import', roster, '--db', db], { env: TODAY });
          const imported = Number(run('sqlite3', [db, 'SELECT count(*) FROM staff']).trim());
          if (imported !== n) throw new Error(`import of ${n} rows left ${imported} staff`);
          return result;
        },
      },
    ];
    const alone = hasFloor
      ? sqliteAloneSubject({
          dir,
          start: emptyDb,
          ours: db,
          copySql: 'CREATE TABLE staff AS SELECT * FROM o.staff;',
          tables: ['staff'],
          // A first import drops the search indexes, inserts everyone and builds them again, with SQLite's sorting helper thread.
          writeSql: `DROP INDEX staff_by_name_key; DROP INDEX staff_by_email; INSERT INTO staff SELECT * FROM r.staff; PRAGMA threads = 1; ${STAFF_SEARCH_INDEXES}`,
        })
      : null;
    if (hasFloor) {
      subjects.push(
        {
          name: 'floor',
          time: () => {
            removeDb(floorDb);
            return timeProcess('sqlite3', [floorDb, '.mode csv', `.import ${roster} staff`]);
          },
        },
        alone,
      );
    }
    const s = sideBySide(3, subjects, `import ${fmt(n)} rows`);
    removeDb(floorDb);
    alone?.cleanUp();
    rmSync(roster, { force: true });
    const f = s.floor ?? null;
    const ratio = f ? s.ours.seconds / f.seconds : null;
    let acceptance = { target: null, met: null };
    if (n === 100_000) acceptance = gate({ ratio, maxRatio: 3 });
    if (n === 1_000_000) acceptance = gate({ ratio, maxRatio: 2.5, peakMb: s.ours.peakMb, maxPeakMb: 300 });
    rows.push({
      section: 'import',
      figure: `import ${fmt(n)} rows`,
      unit: 's',
      ours: s.ours.seconds,
      peakMb: s.ours.peakMb,
      reference: f?.seconds ?? null,
      referenceLabel: 'sqlite3 .import',
      referenceNote: hasFloor ? undefined : 'skipped: no sqlite3',
      ratio,
      ratioLabel: 'ours/floor',
      ...acceptance,
      runs: { ours: s.ours.runs, floor: f?.runs ?? null },
      referencePeakMb: f?.peakMb ?? null,
      ...aloneFields(s.alone),
    });
    progress(
      `  ours ${s.ours.seconds.toFixed(3)} s (peak ${s.ours.peakMb} MB), floor ${f?.seconds.toFixed(3) ?? '—'} s, SQLite alone ${s.alone?.seconds.toFixed(3) ?? '—'} s`,
    );
    // The largest roster's database is the staff section's (staff list and find over it).
    if (n === sizes[sizes.length - 1]) cache.staffDb = { path: db, people: n };
  }
  rmSync(dirname(emptyDb), { recursive: true, force: true });
  return { rows, notes, optimum: [] };
}

// ---------------------------------------------------------------- 4. reports

const REPORT_FLOOR_SQL = 'select relationship_id, count(*), sum(minutes), min(date), max(date) from sessions group by relationship_id';

/** The report database (buildReportDatabase), built once per bench run and shared by the report and sessions sections. */
async function reportDatabase({ quick, tmp, cache }) {
  if (cache.reportDb) return cache.reportDb;
  const relationships = quick ? 5_000 : 50_000;
  const sessions = quick ? 100_000 : 1_000_000;
  const path = join(mkdtempSync(join(tmp, 'report-')), 'report.db');
  progress(`report database: writing ${fmt(relationships)} relationships and ${fmt(sessions)} sessions`);
  const started = Date.now();
  const { openDatabase } = await import(pathToFileURL(join(ROOT, 'dist', 'store', 'db.js')).href);
  const counts = await buildReportDatabase(path, { relationships, sessions, seed: 1, openDatabase });
  progress(`  written in ${((Date.now() - started) / 1000).toFixed(1)} s: ${JSON.stringify(counts)}`);
  cache.reportDb = { path, counts, scale: `${fmt(relationships)} relationships, ${fmt(sessions)} sessions` };
  return cache.reportDb;
}

async function reportSection(ctx) {
  const { machine } = ctx;
  const { path: db, counts, scale } = await reportDatabase(ctx);
  const hasFloor = machine.sqlite3 !== null;
  const common = ['--cohort', '1', '--as-of', '2026-09-30', '--db', db];
  const subjects = [
    { name: 'report', time: () => timeProcess(NODE, [CLI, 'report', '--format', 'json', ...common], { env: TODAY }) },
    { name: 'chase', time: () => timeProcess(NODE, [CLI, 'report', 'chase', '--json', ...common], { env: TODAY }) },
  ];
  if (hasFloor) subjects.unshift({ name: 'floor', time: () => timeProcess('sqlite3', [db, REPORT_FLOOR_SQL]) });
  const s = sideBySide(3, subjects, 'report');
  const f = s.floor ?? null;
  const row = (figure, m, maxRatio, issue) => {
    const ratio = f ? m.seconds / f.seconds : null;
    return {
      section: 'report',
      figure,
      unit: 's',
      ours: m.seconds,
      peakMb: m.peakMb,
      reference: f?.seconds ?? null,
      referenceLabel: 'sqlite3 group by',
      referenceNote: hasFloor ? undefined : 'skipped: no sqlite3',
      ratio,
      ratioLabel: 'ours/floor',
      ...gate({ ratio, maxRatio, peakMb: m.peakMb, maxPeakMb: 300 }),
      issueTarget: { text: `< ${issue.toFixed(1)} s`, met: m.seconds < issue },
      runs: { ours: m.runs, floor: f?.runs ?? null },
      referencePeakMb: f?.peakMb ?? null,
      database: counts,
    };
  };
  progress(
    `  floor ${f?.seconds.toFixed(3) ?? '—'} s, report ${s.report.seconds.toFixed(3)} s (peak ${s.report.peakMb} MB), chase ${s.chase.seconds.toFixed(3)} s (peak ${s.chase.peakMb} MB)`,
  );
  return {
    rows: [row(`report json, ${scale}`, s.report, 4, 1.0), row(`report chase --json, ${scale}`, s.chase, 3, 0.7)],
    notes: [
      `Report floor: \`sqlite3 report.db "${REPORT_FLOOR_SQL}"\`, the per-relationship session aggregate a report needs, by SQLite's own CLI on the same database (stdout discarded).`,
    ],
    optimum: [],
  };
}

// ---------------------------------------------------------------- 5. import-sessions

async function sessionsSection(ctx) {
  const { quick, tmp, machine } = ctx;
  const { path: source, scale } = await reportDatabase(ctx);
  const n = quick ? 100_000 : 1_000_000;
  const dir = mkdtempSync(join(tmp, 'sessions-'));
  const file = join(dir, 'sessions.csv');
  progress(`import-sessions: writing ${fmt(n)} new sessions for the report database's relationships`);
  const { default: Database } = await import('better-sqlite3');
  const read = new Database(source, { readonly: true });
  const relationships = read
    .prepare("SELECT id, start_date AS start, min(coalesce(date(ended_on, '-1 day'), '2026-09-29'), '2026-09-29') AS last FROM relationships ORDER BY id")
    .all();
  const taken = new Set();
  for (const s of read.prepare('SELECT relationship_id AS r, date, kind FROM sessions').iterate()) taken.add(`${s.r}|${s.date}|${s.kind}`);
  const before = read.prepare('SELECT count(*) AS n FROM sessions').get().n;
  const lastId = read.prepare('SELECT max(id) AS id FROM sessions').get().id;
  read.close();
  await writeSessionFile(file, { relationships, rows: n, seed: 7, taken });
  taken.clear();
  const db = join(dir, 'run.db');
  const floorDb = join(dir, 'floor.db');
  // The last session falls on 29 Sep 2026: today is the cohort's last day.
  const env = { REMEDI_TODAY: '2026-09-30' };
  const subjects = [
    {
      name: 'ours',
      time: () => {
        copyDb(source, db);
        const result = timeProcess(NODE, [CLI, 'import-sessions', file, '--db', db], { env });
        const after = Number(run('sqlite3', [db, 'SELECT count(*) FROM sessions']).trim());
        if (after !== before + n) throw new Error(`import-sessions of ${n} rows left ${after - before} new sessions`);
        return result;
      },
    },
  ];
  const hasFloor = machine.sqlite3 !== null;
  if (hasFloor) {
    subjects.push(
      {
        name: 'floor',
        time: () => {
          removeDb(floorDb);
          return timeProcess('sqlite3', [floorDb, '.mode csv', `.import ${file} sessions`]);
        },
      },
      sqliteAloneSubject({
        dir,
        start: source,
        ours: db,
        copySql: [
          `CREATE TABLE sessions AS SELECT * FROM o.sessions WHERE id > ${lastId};`,
          `CREATE TABLE session_mentors AS SELECT * FROM o.session_mentors WHERE session_id > ${lastId};`,
          `CREATE TABLE session_themes AS SELECT * FROM o.session_themes WHERE session_id > ${lastId};`,
        ].join(' '),
        tables: ['sessions', 'session_mentors', 'session_themes'],
        // As sessionImportWriter writes them: each session with its id, then its mentors and its themes.
        writeSql: [
          'PRAGMA temp_store = MEMORY;',
          'INSERT INTO sessions SELECT * FROM r.sessions;',
          'INSERT INTO session_mentors SELECT * FROM r.session_mentors;',
          'INSERT OR IGNORE INTO session_themes SELECT * FROM r.session_themes;',
        ].join(' '),
      }),
    );
  }
  const s = sideBySide(3, subjects, `import-sessions ${fmt(n)} rows`);
  rmSync(dir, { recursive: true, force: true });
  const f = s.floor ?? null;
  const ratio = f ? s.ours.seconds / f.seconds : null;
  progress(
    `  ours ${s.ours.seconds.toFixed(3)} s (peak ${s.ours.peakMb} MB), floor ${f?.seconds.toFixed(3) ?? '—'} s, SQLite alone ${s.alone?.seconds.toFixed(3) ?? '—'} s`,
  );
  return {
    rows: [
      {
        section: 'sessions',
        figure: `import-sessions ${fmt(n)} rows onto ${scale}`,
        unit: 's',
        ours: s.ours.seconds,
        peakMb: s.ours.peakMb,
        reference: f?.seconds ?? null,
        referenceLabel: 'sqlite3 .import',
        referenceNote: hasFloor ? undefined : 'skipped: no sqlite3',
        ratio,
        ratioLabel: 'ours/floor',
        ...gate({ ratio, maxRatio: 3, peakMb: s.ours.peakMb, maxPeakMb: 300 }),
        runs: { ours: s.ours.runs, floor: f?.runs ?? null },
        referencePeakMb: f?.peakMb ?? null,
        ...aloneFields(s.alone),
      },
    ],
    notes: [],
    optimum: [],
  };
}

// ---------------------------------------------------------------- 6. staff list and find

async function staffSection(ctx) {
  const { quick, tmp, machine, cache } = ctx;
  if (!cache.staffDb) {
    const people = quick ? 10_000 : 1_000_000;
    const dir = mkdtempSync(join(tmp, 'staff-'));
    const roster = join(dir, 'roster.csv');
    progress(`staff: importing a roster of ${fmt(people)} people`);
    await writeRoster(roster, { rows: people, seed: 1 });
    cli(['import', roster, '--db', join(dir, 'staff.db')]);
    rmSync(roster, { force: true });
    cache.staffDb = { path: join(dir, 'staff.db'), people };
  }
  const { path: db, people } = cache.staffDb;
  const hasFloor = machine.sqlite3 !== null;
  const find = 'okafor';
  const findSql = `select * from staff where name like '%${find}%' or email like '%${find}%' or staff_id like '%${find}%' limit 50`;
  const subjects = [
    { name: 'json', time: () => timeProcess(NODE, [CLI, 'staff', 'list', '--json', '--db', db], { env: TODAY }) },
    { name: 'csv', time: () => timeProcess(NODE, [CLI, 'staff', 'list', '--csv', '--db', db], { env: TODAY }) },
    { name: 'find', time: () => timeProcess(NODE, [CLI, 'staff', 'find', find, '--json', '--db', db], { env: TODAY }) },
  ];
  if (hasFloor) {
    subjects.push(
      { name: 'jsonFloor', time: () => timeProcess('sqlite3', ['-json', db, 'select * from staff']) },
      { name: 'csvFloor', time: () => timeProcess('sqlite3', ['-csv', '-header', db, 'select * from staff']) },
      { name: 'findFloor', time: () => timeProcess('sqlite3', [db, findSql]) },
    );
  }
  const s = sideBySide(3, subjects, `staff, ${fmt(people)} people`);
  const row = (figure, m, f, floorLabel, maxSeconds, maxPeakMb) => ({
    section: 'staff',
    figure,
    unit: 's',
    ours: m.seconds,
    peakMb: m.peakMb,
    reference: f?.seconds ?? null,
    referenceLabel: floorLabel,
    referenceNote: hasFloor ? undefined : 'skipped: no sqlite3',
    ratio: f ? m.seconds / f.seconds : null,
    ratioLabel: 'ours/floor',
    ...gate({ seconds: m.seconds, maxSeconds, peakMb: m.peakMb, maxPeakMb }),
    runs: { ours: m.runs, floor: f?.runs ?? null },
    referencePeakMb: f?.peakMb ?? null,
  });
  progress(
    `  list --json ${s.json.seconds.toFixed(3)} s (peak ${s.json.peakMb} MB), --csv ${s.csv.seconds.toFixed(3)} s (peak ${s.csv.peakMb} MB), find ${s.find.seconds.toFixed(3)} s`,
  );
  return {
    rows: [
      row(`staff list --json, ${fmt(people)} people`, s.json, s.jsonFloor, 'sqlite3 -json', 3, 300),
      row(`staff list --csv, ${fmt(people)} people`, s.csv, s.csvFloor, 'sqlite3 -csv', 3, 300),
      row(`staff find ${find} --json, ${fmt(people)} people`, s.find, s.findFloor, 'sqlite3 like', 0.3),
    ],
    notes: [
      `Staff floors: \`sqlite3 -json\` and \`sqlite3 -csv -header\` of \`select * from staff\`, and \`${findSql}\` for find (SQLite's LIKE, which folds ASCII case only; remedi's find also folds accents and ranks people still here first). The database is the import section's ${fmt(people)}-row roster.`,
    ],
    optimum: [],
  };
}

// ---------------------------------------------------------------- 7. every command at a realistic size

/**
 * A trust: 15,000 staff, a cohort of 60 mentees and 60 mentors paired with trios (about 60
 * relationships), 1,500 sessions. Every command once per round, beside `node -e 0` and beside
 * node loading exactly the modules that command loads (moduleFloor).
 */
async function realisticSection({ quick, tmp }) {
  const runs = quick ? 3 : 5;
  const dir = mkdtempSync(join(tmp, 'realistic-'));
  const roster = join(dir, 'trust.csv');
  const base = join(dir, 'base.db');
  const trust = join(dir, 'trust.db');
  const full = join(dir, 'full.db');
  const scratch = join(dir, 'scratch.db');
  const sessionsFile = join(dir, 'sessions.csv');
  const out = join(dir, 'out.txt');
  progress('realistic: a trust of 15,000 staff, 60 mentees and 60 mentors');
  await writeRoster(roster, { rows: 15_000, seed: 2, mentees: 60, mentors: 60 });
  cli(['cohort', 'create', '1', '--start', '2026-01-05', '--end', '2026-09-30', '--db', base]);
  copyDb(base, trust);
  cli(['import', roster, '--cohort', '1', '--db', trust]);
  copyDb(trust, full);
  cli(['pair', '--cohort', '1', '--trios', '--save', '--start', '2026-01-05', '--db', full]);
  const relationships = JSON.parse(cli(['pair', 'list', '--json', '--db', full]));
  const paired = join(dir, 'paired.db');
  copyDb(full, paired);
  // Sessions up to the day before today (REMEDI_TODAY 2026-03-15).
  await writeSessionFile(sessionsFile, {
    relationships: relationships.map((r) => ({ id: r.id, start: '2026-01-05', last: '2026-03-14' })),
    rows: 1500,
    seed: 3,
  });
  cli(['import-sessions', sessionsFile, '--db', full]);
  const sessionCount = Number(run('sqlite3', [full, 'SELECT count(*) FROM sessions']).trim());
  const [first] = relationships;
  const exportDir = join(dir, 'export');
  const commands = [
    { name: 'import 15,000 staff --cohort 1', args: ['import', roster, '--cohort', '1', '--db', scratch], fresh: base },
    { name: 'pair --json', args: ['pair', '--json', '--db', trust] },
    { name: 'pair --trios --json', args: ['pair', '--trios', '--json', '--db', trust] },
    {
      name: 'log-session, every flag',
      args: logSessionArgs(scratch, first),
      fresh: full,
    },
    { name: 'import-sessions 1,500 rows', args: ['import-sessions', sessionsFile, '--db', scratch], fresh: paired },
    { name: 'report --format json', args: ['report', '--format', 'json', '--cohort', '1', '--db', full] },
    { name: 'report --format html', args: ['report', '--format', 'html', '--cohort', '1', '--db', full] },
    { name: 'report chase --json', args: ['report', 'chase', '--json', '--cohort', '1', '--db', full] },
    { name: 'report themes --json', args: ['report', 'themes', '--json', '--db', full] },
    { name: 'staff list --json', args: ['staff', 'list', '--json', '--db', full] },
    { name: 'staff find --json', args: ['staff', 'find', 'okafor', '--json', '--db', full] },
    { name: 'sessions list --json', args: ['sessions', 'list', '--json', '--db', full] },
    { name: 'export', args: ['export', exportDir, '--db', full], before: () => rmSync(exportDir, { recursive: true, force: true }) },
    { name: 'check', args: ['check', '--db', full] },
  ];
  const node = { name: 'node', time: () => timeProcess(NODE, ['-e', '0']) };
  const rows = [];
  for (const command of commands) {
    const prepare = () => {
      if (command.fresh) copyDb(command.fresh, scratch);
      command.before?.();
    };
    prepare();
    const floor = moduleFloor(tmp, `realistic ${command.name}`, command.args, { stdoutFile: out });
    const ours = {
      name: 'ours',
      time: () => {
        prepare();
        return timeProcess(NODE, [CLI, ...command.args], { env: TODAY, stdoutFile: out });
      },
    };
    const s = sideBySide(runs, [node, { name: 'modules', time: floor.time }, ours], `realistic ${command.name}`);
    rows.push({
      section: 'realistic',
      figure: `realistic: ${command.name}`,
      unit: 's',
      ours: s.ours.seconds,
      peakMb: s.ours.peakMb,
      reference: s.modules.seconds,
      referenceLabel: `loading its ${floor.count} modules`,
      reference2: s.node.seconds,
      reference2Label: 'node -e 0',
      ratio: s.ours.seconds / s.modules.seconds,
      ratioLabel: 'ours/modules',
      ...gate({ seconds: s.ours.seconds, maxSeconds: 0.25 }),
      runs: { ours: s.ours.runs, modules: s.modules.runs, node: s.node.runs },
    });
    progress(`  node ${s.node.seconds.toFixed(3)} s, modules ${s.modules.seconds.toFixed(3)} s, ours ${s.ours.seconds.toFixed(3)} s`);
  }
  rmSync(dir, { recursive: true, force: true });
  return {
    rows,
    notes: [
      `Realistic trust: generate.mjs's roster of 15,000 staff (seed 2) with 60 mentees and 60 mentors in cohort 1, paired with \`pair --trios --save\` (${relationships.length} relationships) and ${fmt(sessionCount)} sessions imported. Commands that write (import, log-session, import-sessions) start from a fresh copy of the database each run; export writes a new folder each run. Median of ${runs}.`,
    ],
    optimum: [],
  };
}

const logSessionArgs = (db, relationship) => [
  'log-session',
  '--db',
  db,
  '--no-color',
  '--pair',
  String(relationship.id),
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
  relationship.mentors[0].staffId,
  '--lived-experience',
  '--notes',
  'Benchmark session',
  '--force',
];

// ---------------------------------------------------------------- 8. start-up

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
  const logSession = [CLI, ...logSessionArgs(db, first)];
  const helpFloor = moduleFloor(tmp, 'startup help', ['--help']);
  const logFloor = moduleFloor(tmp, 'startup log-session', logSession.slice(1));
  const s = sideBySide(
    runs,
    [
      { name: 'node', time: () => timeProcess(NODE, ['-e', '0']) },
      { name: 'helpModules', time: helpFloor.time },
      { name: 'help', time: () => timeProcess(NODE, [CLI, '--help']) },
      { name: 'logModules', time: logFloor.time },
      { name: 'log', time: () => timeProcess(NODE, logSession, { env: TODAY }) },
    ],
    'start-up',
  );
  rmSync(dir, { recursive: true, force: true });
  const row = (figure, m, modules, count, maxRatio, issue) => {
    const ratio = m.seconds / s.node.seconds;
    return {
      section: 'startup',
      figure,
      unit: 's',
      ours: m.seconds,
      peakMb: m.peakMb,
      reference: s.node.seconds,
      referenceLabel: 'node -e 0',
      reference2: modules.seconds,
      reference2Label: `loading its ${count} modules`,
      ratio,
      ratioLabel: 'ours/node',
      target: `ours/node < ${maxRatio}x${issue ? '' : ' (issue 8)'}`,
      met: ratio < maxRatio,
      runs: { ours: m.runs, node: s.node.runs, modules: modules.runs },
    };
  };
  progress(
    `  node -e 0 ${s.node.seconds.toFixed(4)} s, --help ${s.help.seconds.toFixed(4)} s, log-session ${s.log.seconds.toFixed(4)} s (its modules ${s.logModules.seconds.toFixed(4)} s)`,
  );
  return {
    rows: [
      row('start-up: remedi --help', s.help, s.helpModules, helpFloor.count, 2, false),
      row('start-up: log-session, every flag', s.log, s.logModules, logFloor.count, 1.7, true),
    ],
    notes: [],
    optimum: [],
  };
}

// ---------------------------------------------------------------- main

const RUNNERS = {
  solver: solverSection,
  pairing: pairingSection,
  import: importSection,
  report: reportSection,
  sessions: sessionsSection,
  staff: staffSection,
  realistic: realisticSection,
  startup: startupSection,
};

/** Rewrites bench/README.md from the last results.json, with the reasons as bench/missed-reasons.json now gives them. */
function rewriteReadme() {
  const results = JSON.parse(readFileSync(join(BENCH, 'results.json'), 'utf8'));
  const order = SECTIONS.filter((s) => results.sections[s]);
  const rows = order.flatMap((s) => results.sections[s].rows);
  writeFileSync(
    join(BENCH, 'README.md'),
    readme({
      machine: results.machine,
      rows,
      notes: order.flatMap((s) => results.sections[s].notes),
      optimum: order.flatMap((s) => results.sections[s].optimum),
      mode: results.mode,
      sections: order,
      generatedAt: results.generatedAt,
      sectionInfo: results.sections,
      loadAtEnd: results.loadAverageAtEnd,
    }),
  );
  progress(`bench/README.md rewritten from results.json of ${results.generatedAt}`);
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.readme) return rewriteReadme();
  const mode = args.quick ? 'quick' : 'full';
  if (!existsSync(join(ROOT, 'dist', 'cli', 'main.js'))) usage('dist/ is missing: run `npm run build` first (npm run bench does).');
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
  // Databases built by one section and read by a later one (the report database, the largest roster's).
  const cache = {};
  try {
    for (const name of SECTIONS.filter((s) => args.only.includes(s))) {
      const started = Date.now();
      const loadBefore = os.loadavg()[0];
      const result = await RUNNERS[name]({ quick: args.quick, tmp, machine, cache });
      sections[name] = {
        ...result,
        ranAt: new Date().toISOString(),
        seconds: round((Date.now() - started) / 1000, 1),
        loadAverage: { before: round(loadBefore, 2), after: round(os.loadavg()[0], 2) },
      };
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
    table: rows.map(
      ({ section, figure, unit, ours, reference, referenceLabel, reference2, reference2Label, ratio, ratioLabel, peakMb, target, met, issueTarget }) => ({
        section,
        figure,
        unit,
        ours: round(ours, 4),
        reference: round(reference, 4),
        referenceLabel,
        ...(reference2 !== undefined ? { reference2: round(reference2, 4), reference2Label } : {}),
        ratio: round(ratio, 3),
        ratioLabel,
        peakMb,
        target,
        met,
        ...(issueTarget ? { issueTable: issueTarget } : {}),
      }),
    ),
    sameOptimum: optimum,
    targetsMissed: rows.filter((row) => row.met === false).map((row) => row.figure),
    loadAverageAtEnd: os.loadavg().map((x) => round(x, 2)),
  };
  writeFileSync(resultsPath, `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(
    join(BENCH, 'README.md'),
    readme({ machine, rows, notes, optimum, mode, sections: order, generatedAt, sectionInfo: sections, loadAtEnd: results.loadAverageAtEnd }),
  );

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
