import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterAll } from 'vitest';
import { FIXTURES, remedi } from '../helpers/cli.js';
import { run as inProcess } from '../helpers/inProcess.js';

const env = { REMEDI_TODAY: '2026-07-29' };
let dir: string;
let db: string;
const run = (args: string[]) => inProcess([...args, '--db', db], { env });
/** The real binary, for what only a process shows: exit codes, streams, file modes (the umask). */
const binary = (args: string[]) => remedi([...args, '--db', db], { env });

/** One database for the whole file: the fixture roster paired in trios, with the fixture sessions. */
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'remedi-report-'));
  db = join(dir, 'remedi.db');
  expect((await run(['cohort', 'create', '1', '--start', '2026-01-05', '--end', '2026-09-30', '--name', 'Board cohort'])).code).toBe(0);
  expect((await run(['import', join(FIXTURES, 'roster.csv'), '--cohort', '1'])).code).toBe(0);
  expect((await run(['pair', '--trios', '--save', '--start', '2026-01-05'])).code).toBe(0);
  expect((await run(['import-sessions', join(FIXTURES, 'sessions.csv')])).code).toBe(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface ReportJson {
  cohort: { number: number; minMonths: number; minPerMonth: number };
  asOf: string;
  summary: { met: number; onTrack: number; atRisk: number; breached: number };
  board: { covered: number; coveredNow: number; total: number; uncovered: Array<{ name: string; why: string }> };
  participation: { byType: Record<string, number | string>; byBme: Record<string, number | string>; relationships: number; trios: number };
  relationships: Array<{
    id: number;
    mentee: { staffId: string; name: string };
    mentors: Array<{ staffId: string; name: string; slot?: string | null }>;
    type?: string;
    start: string;
    end: string | null;
    plannedEnd: string;
    status: string;
    reasons: string[];
    monthsComplete: number;
    sessions: number;
    rate: number | null;
    months: Array<{ index: number; from: string; to: string; sessions: number; complete: boolean; state: string }>;
  }>;
  interactions: { total: number; kinds: Record<string, number>; livedExperience: { share: number } };
  themes: Array<{ theme: string; sessions: number; relationships: number }>;
}

const report = async (...args: string[]): Promise<ReportJson> => {
  const result = await run(['report', '--json', ...args]);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as ReportJson;
};

describe('remedi report --json', () => {
  it('carries the contract fields, with statuses that follow the fixture sessions', async () => {
    const json = await report('--as-of', '2026-07-29');
    expect(json.asOf).toBe('2026-07-29');
    expect(json.cohort).toMatchObject({ number: 1, minMonths: 8, minPerMonth: 2 });
    expect(json.board).toEqual({ covered: 8, coveredNow: 8, total: 8, uncovered: [], notCoveredNow: [] });
    const byMentee = new Map(json.relationships.map((r) => [r.mentee.staffId, r]));
    // The fixture's patterns: two a month on track; one a month breached; an empty current month with 7 days left at risk.
    expect(byMentee.get('10000001')?.status).toBe('on track');
    expect(byMentee.get('10000003')?.status).toBe('breached');
    expect(byMentee.get('10000003')?.reasons[0]).toBe('month 1, 5 Jan to 4 Feb 2026: 1 of 2 sessions');
    expect(byMentee.get('10000004')).toMatchObject({ status: 'at risk', reasons: ['month 7, 5 Jul to 4 Aug 2026: 0 of 2 sessions, 7 days left'] });
    expect(byMentee.get('10000012')).toMatchObject({ status: 'breached', sessions: 0 });
    const summary = json.summary;
    expect(summary.met + summary.onTrack + summary.atRisk + summary.breached).toBe(json.relationships.length);
    expect(summary).toEqual({
      met: json.relationships.filter((r) => r.status === 'met').length,
      onTrack: json.relationships.filter((r) => r.status === 'on track').length,
      atRisk: json.relationships.filter((r) => r.status === 'at risk').length,
      breached: json.relationships.filter((r) => r.status === 'breached').length,
    });
    const first = json.relationships[0];
    expect(Object.keys(first)).toEqual(
      expect.arrayContaining(['id', 'mentee', 'mentors', 'type', 'start', 'end', 'plannedEnd', 'status', 'reasons', 'months']),
    );
    expect(first.end).toBeNull();
    expect(first.months[0]).toEqual({ index: 1, from: '2026-01-05', to: '2026-02-04', sessions: expect.any(Number), complete: true, state: 'complete' });
    expect(first.months).toHaveLength(7);
    expect(first.months[6]).toMatchObject({ complete: false, state: 'current' });
    expect(json.interactions.total).toBe(138);
    expect(json.themes.length).toBeGreaterThan(5);
  });

  it('ignores sessions after --as-of and reports as on that day', async () => {
    const early = await report('--as-of', '2026-03-01');
    expect(early.interactions.total).toBeLessThan(138);
    expect(early.relationships[0].months).toHaveLength(2);
    expect(early.relationships.every((r) => r.months.every((m) => m.to <= '2026-03-04'))).toBe(true);
  });

  it('--suppress-below hides small counts of people by ethnicity and every pair type beside a name', async () => {
    const plain = await report();
    const json = await report('--suppress-below', '11');
    expect(plain.participation.byType.race).toBe(10);
    expect(json.participation.byType.race).toBe('<11');
    // race = relationships - the other types: the smallest other non-zero type is hidden too.
    expect(json.participation.byType.frontline).toBe('suppressed');
    for (const value of Object.values(json.participation.byBme)) {
      expect(value === 0 || value === '<11' || value === 'suppressed' || (typeof value === 'number' && value >= 11), String(value)).toBe(true);
    }
    expect(json.participation).not.toHaveProperty('pairsByType');
    for (const rel of json.relationships) {
      expect(rel).not.toHaveProperty('type');
      for (const mentor of rel.mentors) expect(mentor).not.toHaveProperty('slot');
    }
    const text = (await run(['report', '--suppress-below', '11'])).stdout;
    const rows = text.split('\n').filter((line) => /^\s+#\d+\s{2,}/.test(line));
    expect(rows.length).toBe(plain.relationships.length);
    rows.push(...text.split('\n').filter((line) => /^\s+#\d+ \S/.test(line)));
    for (const row of rows) expect(row).not.toMatch(/\b(race|frontline|clinical|general)\b/);
    expect(text).toContain('race <11');
  });
});

describe('remedi report: every other format from the same data', () => {
  it('table: sections in order, statuses readable without colour, and the month strip', async () => {
    const result = await run(['report', '--as-of', '2026-07-29']);
    expect(result.code).toBe(0);
    const text = result.stdout;
    const order = ['Cohort 1: Board cohort', 'Participation', 'Board coverage: 8 of 8', 'Compliance:', 'Interactions:', 'Themes'].map((s) => text.indexOf(s));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(text).toMatch(/#\d+\s+Rajesh Kapoor\s+.*breached\s+6\s+7\s+1\.0\s+1✗ 1✗ 1✗ 1✗ 1✗ 1✗ 1…/);
    expect(result.stderr).toContain('Using cohort 1');
  });

  it('csv: one named row per relationship; with suppression no type column', async () => {
    const csv = (await run(['report', '--csv'])).stdout.trim().split('\r\n');
    expect(csv[0]).toBe('id,mentee,mentors,type,start,planned_end,end,status,months_complete,sessions,rate');
    expect(csv).toHaveLength(13);
    const suppressed = (await run(['report', '--format', 'csv', '--suppress-below', '5'])).stdout.split('\r\n')[0];
    expect(suppressed).toBe('id,mentee,mentors,start,planned_end,end,status,months_complete,sessions,rate');
  });

  it('markdown to a file, owner-only, with the same numbers as the JSON', async () => {
    const out = join(dir, 'board-paper.md');
    // The real binary: the file's mode depends on the process's umask, which in-process runs do not set.
    const result = binary(['report', '--format', 'markdown', '--out', out, '--as-of', '2026-07-29']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`Wrote the cohort 1 report to ${out}`);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const markdown = readFileSync(out, 'utf8');
    const json = await report('--as-of', '2026-07-29');
    const { met, onTrack, atRisk, breached } = json.summary;
    expect(markdown).toContain(`${met} met, ${onTrack} on track, ${atRisk} at risk, ${breached} breached.`);
    expect(markdown).toContain(`${json.interactions.total} sessions`);
    expect(markdown).toMatch(/^# Cohort 1: Board cohort/);
    expect(markdown).not.toMatch(/\u001b\[/);
  });

  it('the table to a file has no colour even when colour is forced, and is the table stdout gets', async () => {
    const out = join(dir, 'report.txt');
    const result = remedi(['report', '--out', out, '--as-of', '2026-07-29', '--db', db], { env: { ...env, FORCE_COLOR: '1' } });
    expect(result.code, result.stderr).toBe(0);
    const table = readFileSync(out, 'utf8');
    expect(table).not.toMatch(/\u001b\[/);
    expect(table).toBe((await run(['report', '--as-of', '2026-07-29'])).stdout);
  });

  it.each([
    [['--format', 'pdf'], /Allowed choices are table, json, csv, markdown/],
    [['--json', '--format', 'csv'], /Choose one format/],
    [['--suppress-below', '1'], /Expected a whole number of 2 or more/],
    [['--as-of', '31/02/2026'], /Feb 2026 has no day 31/],
  ])('usage mistake %j exits 2', async (args, message) => {
    const result = await run(['report', ...args]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });

  it('refuses a missing cohort and a folder that does not exist for --out', async () => {
    expect((await run(['report', '--cohort', '7'])).code).toBe(1);
    const result = await run(['report', '--out', join(dir, 'nope', 'x.md')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('does not exist');
  });
});

describe('remedi report chase and themes', () => {
  it('chase lists running relationships short this month, most urgent first, as JSON with the contract fields', async () => {
    const result = await run(['report', 'chase', '--json', '--as-of', '2026-07-29']);
    expect(result.code, result.stderr).toBe(0);
    const json = JSON.parse(result.stdout) as { cohort: number; asOf: string; chase: Array<Record<string, unknown>>; needsReplacement: unknown[] };
    expect(Object.keys(json)).toEqual(['cohort', 'asOf', 'chase', 'needsReplacement', 'meeting']);
    expect(json).toMatchObject({ cohort: 1, asOf: '2026-07-29', needsReplacement: [] });
    const items = json.chase;
    expect(items.length).toBeGreaterThan(0);
    for (const item of items)
      expect(Object.keys(item).sort()).toEqual(['by', 'cohort', 'daysLeft', 'id', 'mentee', 'mentors', 'sessionsNeeded', 'status'].sort());
    expect(items.some((i) => i.status === 'breached')).toBe(true);
    expect(items.every((i) => i.status !== 'met')).toBe(true);
    const needs = items.map((i) => [i.daysLeft as number, -(i.sessionsNeeded as number)]);
    expect(needs).toEqual([...needs].sort((a, b) => a[0] - b[0] || a[1] - b[1]));
    const report = JSON.parse((await run(['report', '--json', '--as-of', '2026-07-29'])).stdout) as ReportJson;
    const onTrackWithEnough = report.relationships.filter((r) => r.months.at(-1)!.sessions >= 2).map((r) => r.id);
    for (const id of onTrackWithEnough) expect(items.map((i) => i.id)).not.toContain(id);
  });

  it('chase on two threads (the real binary, every cohort split) prints what it prints on one, in every format', () => {
    for (const format of ['--json', '--csv', '--wide']) {
      for (const asOf of ['2026-03-10', '2026-07-29']) {
        const args = ['report', 'chase', format, '--as-of', asOf, '--db', db];
        const split = remedi(args, { env: { ...env, REMEDI_CHASE_SPLIT: '1' } });
        expect(split.code, split.stderr).toBe(0);
        expect(split.stdout.length).toBeGreaterThan(0);
        expect(split).toEqual(remedi(args, { env }));
      }
    }
  });

  it('the report with its session counts read on a second thread (the real binary) prints what it prints on one, in every format', () => {
    for (const format of [['json'], ['csv'], ['markdown'], ['table'], ['json', '--for-publication']]) {
      for (const asOf of ['2026-03-10', '2026-07-29']) {
        const args = ['report', '--cohort', '1', '--format', ...format, '--as-of', asOf, '--db', db];
        const split = remedi(args, { env: { ...env, REMEDI_REPORT_SPLIT: '1' } });
        expect(split.code, split.stderr).toBe(0);
        expect(split.stdout.length).toBeGreaterThan(0);
        expect(split).toEqual(remedi(args, { env }));
      }
    }
  });

  it('chase --csv carries emails for a mail merge', async () => {
    const csv = (await run(['report', 'chase', '--csv', '--as-of', '2026-07-29'])).stdout.split('\r\n');
    expect(csv[0]).toBe('id,cohort,status,sessions_needed,by,days_left,mentee_id,mentee_name,mentee_email,mentor_names,mentor_emails');
    expect(csv[1]).toMatch(/@nhs\.net/);
  });

  it('themes counts each normalised theme once, by cohort, and marks themes raised in more than one cohort', async () => {
    const result = await run(['report', 'themes', '--json']);
    expect(result.code, result.stderr).toBe(0);
    const analysis = JSON.parse(result.stdout) as {
      cohorts: number[];
      themes: Array<{
        theme: string;
        byCohort: Record<string, { sessions: number; relationships: number }>;
        sessions: number;
        relationships: number;
        recurring: boolean;
      }>;
    };
    expect(analysis.cohorts).toEqual([1]);
    const keys = analysis.themes.map((t) => t.theme.toLowerCase());
    expect(new Set(keys).size).toBe(keys.length);
    for (const theme of analysis.themes) {
      expect(theme.recurring).toBe(false);
      expect(theme.byCohort['1'].sessions).toBe(theme.sessions);
    }
    const cohortReport = await report();
    expect(analysis.themes.map((t) => [t.theme, t.sessions]).sort()).toEqual(cohortReport.themes.map((t) => [t.theme, t.sessions]).sort());
  });
});

describe('the process contract of report, chase and themes (the real binary)', () => {
  it.each([
    [['report', '--csv'], /^id,mentee,mentors,type,/],
    [['report', 'chase', '--json', '--as-of', '2026-07-29'], /^\{\n {2}"cohort": 1,/],
    [['report', 'themes', '--csv'], /^theme,recurring,sessions,relationships,cohort_1_sessions/],
  ])('%j exits 0 with its data on stdout', (args, data) => {
    const result = binary(args);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(data);
  });

  it.each([
    [['report', '--format', 'pdf'], 2, /Allowed choices are table, json, csv, markdown/],
    [['report', 'chase', '--cohort', '7'], 1, /Cohort 7 does not exist/],
    [['report', 'themes', '--cohort', '7'], 1, /Cohort 7 does not exist/],
  ])('%j is refused with exit %i, on stderr only', (args, code, message) => {
    const result = binary(args);
    expect(result.code).toBe(code);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
  });
});
