/**
 * Cohorts with nothing or almost nothing in them (nobody paired, because no mentor is
 * RACE-trained; one session): what pair --save, report chase and the report say must be
 * true of them, not the lines written for a cohort with pairs and many sessions.
 */
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { FIXTURES, tempDir } from '../helpers/cli.js';
import { run } from '../helpers/inProcess.js';

it('pair --save says nothing was saved, and chase says there are no running relationships', async () => {
  const db = join(tempDir(), 'remedi.db');
  const env = { REMEDI_TODAY: '2026-01-05' };
  expect((await run(['cohort', 'create', '1', '--start', '2026-01-05', '--end', '2026-09-30', '--db', db], { env })).code).toBe(0);
  expect((await run(['import', join(FIXTURES, 'year', 'esr-2026-01.csv'), '--db', db], { env })).code).toBe(0);
  const enrolled = await run(
    ['cohort', 'enrol', '1', '--from', join(FIXTURES, 'year', 'enrolment.csv'), '--map', 'I would like to take part as=role', '--db', db],
    { env },
  );
  expect(enrolled.code, enrolled.stderr).toBe(0);

  const proposed = await run(['pair', '--cohort', '1', '--trios', '--no-color', '--db', db], { env });
  expect(proposed.stdout).toContain("Nobody could be paired: no mentor's RACE training is recorded.");
  // One line for the 30 untrained mentors, not a line each.
  expect(proposed.stdout).toMatch(/^ {2}30 mentors not RACE-trained yet \(.*\): Chloe Adebayo, Priya Sharma, /m);
  expect(proposed.stdout).not.toMatch(/^ {2}mentor /m);

  const saved = await run(['pair', '--cohort', '1', '--save', '--db', db], { env });
  expect(saved.code, saved.stderr).toBe(0);
  expect(saved.stderr).toContain('Nothing was saved: no relationship could be proposed in cohort 1');
  expect(saved.stderr).not.toContain('Saved 0');

  const chase = await run(['report', 'chase', '--cohort', '1', '--db', db], { env: { REMEDI_TODAY: '2026-04-06' } });
  expect(chase.code, chase.stderr).toBe(0);
  expect(chase.stderr).toContain('Nobody to chase in cohort 1 as of 6 Apr 2026: it has no running relationships');
  expect(chase.stderr).not.toContain('every running relationship has its sessions');
});

it('the report of a cohort that ended with nobody paired claims no month and no share of sessions', async () => {
  const db = join(tempDir(), 'remedi.db');
  const env = { REMEDI_TODAY: '2026-01-05' };
  expect((await run(['cohort', 'create', '1', '--start', '2026-01-05', '--end', '2026-09-30', '--db', db], { env })).code).toBe(0);
  expect((await run(['import', join(FIXTURES, 'year', 'esr-2026-01.csv'), '--db', db], { env })).code).toBe(0);
  const after = { env: { REMEDI_TODAY: '2026-10-15' } };
  for (const format of ['table', 'markdown', 'html']) {
    const report = await run(['report', '--cohort', '1', '--format', format, '--db', db], after);
    expect(report.code, report.stderr).toBe(0);
    expect(report.stdout).toMatch(/\b0(<\/span>)? sessions/);
    expect(report.stdout).not.toMatch(/complete yet|- explored|-% explored|per complete month/i);
  }
});

it('one session of 50 minutes reads in the singular: 1 session, 1 hour', async () => {
  const db = join(tempDir(), 'remedi.db');
  const env = { REMEDI_TODAY: '2026-01-05' };
  expect((await run(['cohort', 'create', '1', '--start', '2026-01-05', '--end', '2026-09-30', '--db', db], { env })).code).toBe(0);
  expect((await run(['import', join(FIXTURES, 'roster.csv'), '--cohort', '1', '--db', db], { env })).code).toBe(0);
  expect((await run(['pair', '--cohort', '1', '--save', '--db', db], { env })).code).toBe(0);
  const later = { env: { REMEDI_TODAY: '2026-03-20' } };
  const logged = await run(
    ['log-session', '--pair', '1', '--date', '2026-03-19', '--minutes', '50', '--kind', 'one-to-one', '--level', 'team', '--db', db],
    later,
  );
  expect(logged.code, logged.stderr).toBe(0);
  const text = await run(['report', '--cohort', '1', '--no-color', '--db', db], later);
  expect(text.stdout).toContain('Interactions: 1 session, 1 hour\n');
  const markdown = await run(['report', '--cohort', '1', '--format', 'markdown', '--db', db], later);
  expect(markdown.stdout).toMatch(/^1 session \(1 hour\); /m);
  const html = await run(['report', '--cohort', '1', '--format', 'html', '--db', db], later);
  expect(html.stdout).toContain('<span data-metric="interactions.total">1</span> session, 1 hour in all;');
});
