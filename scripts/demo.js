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

const steps = [
  ['cohort', 'create', '1', '--start', '2026-01-05', '--end', '2026-09-30', '--name', 'Executive Board cohort'],
  ['import', 'fixtures/roster.csv', '--dry-run'],
  ['import', 'fixtures/roster.csv', '--cohort', '1'],
  ['import', 'fixtures/roster-update.csv'],
  ['cohort', 'list'],
  ['staff', 'list', '--cohort', '1'],
  ['department', 'target', 'Emergency Medicine'],
  ['pair', '--cohort', '1', '--trios'],
  ['pair', '--cohort', '1', '--trios', '--save', '--start', '2026-01-05'],
  ['pair', 'list', '--cohort', '1'],
  ['import-sessions', 'fixtures/sessions.csv'],
  ['log-session', '--pair', '4', '--date', '2026-07-28', '--minutes', '45', '--kind', 'one-to-one', '--level', 'team', '--theme', 'speaking up'],
  ['report', '--cohort', '1', '--as-of', '2026-07-29'],
  ['report', 'chase', '--cohort', '1', '--as-of', '2026-07-29'],
];

for (const args of steps) {
  process.stderr.write(`\n$ remedi ${args.map((a) => (/\s/.test(a) ? `"${a}"` : a)).join(' ')}\n`);
  const result = spawnSync(process.execPath, [join(root, 'bin', 'remedi.js'), ...args], {
    cwd: root,
    stdio: 'inherit',
    // The demo cohort runs through 2026; pin "today" inside it (late July, sessions logged up to
    // then) so the demo reads the same any day.
    env: { ...process.env, REMEDI_DB: db, REMEDI_TODAY: process.env.REMEDI_TODAY ?? '2026-07-29' },
  });
  if (result.status !== 0) {
    process.stderr.write(`\nThe demo stopped: that step exited with ${result.status}.\n`);
    process.exit(result.status ?? 1);
  }
}
process.stderr.write(`\nDone. The demo database is ${relative(process.cwd(), db) || db}; try: REMEDI_DB=${relative(process.cwd(), db)} npx remedi staff list\n`);
