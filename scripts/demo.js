#!/usr/bin/env node
// `npm run demo`: the main job end to end on the bundled fixtures, in a fresh demo
// database (demo/remedi.db), showing each command as an administrator would type it.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const demoDir = join(root, 'demo');
const db = join(demoDir, 'remedi.db');
rmSync(demoDir, { recursive: true, force: true });
mkdirSync(demoDir, { recursive: true, mode: 0o700 });

// The demo lives the cohort on pinned days so it reads the same any day: set-up on the day the
// cohort starts, sessions, April's cohort meeting and reports in late July, and a look back once
// the cohort has ended.
const START = '2026-01-05';
const JULY = '2026-07-29';
const AFTER = '2026-12-01';
const steps = [
  [START, 'cohort', 'create', '1', '--start', '2026-01-05', '--end', '2026-09-30', '--name', 'Executive Board cohort', '--meet-every', '3'],
  [START, 'import', 'fixtures/roster.csv', '--dry-run'],
  [START, 'import', 'fixtures/roster.csv', '--cohort', '1'],
  [START, 'import', 'fixtures/roster-update.csv'],
  // The trust records disability too (docs/characteristics.md): enabled first, then HR's export of it.
  [START, 'characteristics', 'enable', 'disability'],
  [START, 'import', 'fixtures/roster-disability.csv'],
  [START, 'cohort', 'list'],
  [START, 'staff', 'find', 'siobhan'],
  [START, 'staff', 'list', '--cohort', '1'],
  [START, 'department', 'target', 'Emergency Medicine'],
  [START, 'pair', '--cohort', '1', '--trios', '--weights', 'fixtures/weights-disability.json'],
  [START, 'pair', '--cohort', '1', '--trios', '--weights', 'fixtures/weights-disability.json', '--save'],
  [START, 'pair', 'list', '--cohort', '1'],
  [START, 'survey', 'import', 'fixtures/surveys/start.csv', '--cohort', '1', '--stage', 'start', '--text', 'What do you hope to get from the programme?'],
  [JULY, 'import-sessions', 'fixtures/sessions.csv'],
  [JULY, 'log-session', '--pair', '4', '--date', '2026-07-28', '--minutes', '45', '--kind', 'one-to-one', '--level', 'team', '--theme', 'speaking up'],
  [
    JULY,
    'cohort',
    'meeting',
    'add',
    '1',
    '--date',
    '2026-04-14',
    '--attended-all',
    '--theme',
    'career progression; speaking up',
    '--action',
    'Publish shortlisting outcomes by ethnicity',
    '--action',
    'A BME staff member on every band 8 panel',
  ],
  [JULY, 'cohort', 'meeting', 'list', '1'],
  [JULY, 'report', '--cohort', '1'],
  [JULY, 'report', 'chase', '--cohort', '1'],
  [AFTER, 'cohort', 'list'],
  [AFTER, 'report', 'chase', '--cohort', '1'],
  [AFTER, 'survey', 'import', 'fixtures/surveys/end.xlsx', '--cohort', '1', '--stage', 'end', '--text', 'What changed for you?'],
  [AFTER, 'survey', 'list'],
  [AFTER, 'report', '--cohort', '1'],
  [AFTER, 'report', '--cohort', '1', '--for-publication', '--format', 'markdown'],
  [AFTER, 'export', '--research', 'demo/research'],
];

for (const [today, ...args] of steps) {
  process.stderr.write(`\n$ remedi ${args.map((a) => (/\s/.test(a) ? `"${a}"` : a)).join(' ')}    (today: ${today})\n`);
  const result = spawnSync(process.execPath, [join(root, 'bin', 'remedi.js'), ...args], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, REMEDI_DB: db, REMEDI_TODAY: today },
  });
  if (result.status !== 0) {
    process.stderr.write(`\nThe demo stopped: that step exited with ${result.status}.\n`);
    process.exit(result.status ?? 1);
  }
}
process.stderr.write(
  `\nDone. The demo database is ${relative(process.cwd(), db) || db}; try: REMEDI_DB=${relative(process.cwd(), db)} npx remedi staff list\n`,
);
