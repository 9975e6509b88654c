/**
 * The end of a programme year, end to end: reporting on a cohort after it ended, chasing
 * once people have left, and `check` and `cohort list` saying where things stand
 * (docs/programme-year.md, "Ended cohorts", "Leavers", "A relationship's life").
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, snapshotFolder, type RunResult } from '../helpers/cli.js';
import { run as inProcess } from '../helpers/inProcess.js';

const RUNNING = '2026-07-29';
const AFTER = '2026-12-15';
let dir: string;
let ended: string;
let leavers: string;

const at =
  (db: string, today: string) =>
  (...args: string[]) =>
    inProcess([...args, '--db', db], { env: { REMEDI_TODAY: today } });
const ok = (result: RunResult) => {
  expect(result.code, result.stderr).toBe(0);
  return result;
};

interface ReportJson {
  asOf: string;
  cohort: { end: string };
  board: { covered: number; coveredNow: number; total: number; uncovered: unknown[]; notCoveredNow: Array<{ staffId: string; why: string }> };
  relationships: Array<{
    id: number;
    mentee: { name: string };
    end: string | null;
    plannedEnd: string;
    months: Array<{ from: string; to: string; complete: boolean; state: string }>;
  }>;
}
interface RelationshipJson {
  id: number;
  mentee: { staffId: string; name: string };
  mentors: Array<{ staffId: string; name: string }>;
}
interface ChaseJson {
  cohort: number;
  asOf: string;
  chase: Array<{ id: number }>;
  needsReplacement: Array<{ id: number; mentee: { staffId: string; name: string }; mentors: Array<{ staffId: string; name: string }>; left: string[] }>;
}

/**
 * Cohort 1 (5 Jan to 30 Sep 2026), the fixture roster paired in trios, the fixture sessions.
 * `leavers` is a copy taken then; in `ended`, Margaret Ellison's relationship is ended on 29 Jul.
 */
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'remedi-ended-'));
  ended = join(dir, 'ended.db');
  leavers = join(dir, 'leavers.db');
  const run = at(ended, RUNNING);
  ok(await run('cohort', 'create', '1', '--start', '2026-01-05', '--end', '2026-09-30', '--name', 'Board cohort'));
  ok(await run('import', join(FIXTURES, 'roster.csv'), '--cohort', '1'));
  ok(await run('pair', '--trios', '--save', '--start', '2026-01-05'));
  ok(await run('import-sessions', join(FIXTURES, 'sessions.csv')));
  ok(await inProcess(['backup', leavers, '--db', ended]));
  const first = (JSON.parse(ok(await run('pair', 'list', '--json')).stdout) as RelationshipJson[]).find((r) => r.mentee.staffId === '10000001')!;
  ok(await run('pair', 'end', String(first.id), '--reason', 'moved on'));
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('report on a cohort that has ended, with no --as-of', () => {
  const run = (...args: string[]) => at(ended, AFTER)(...args);

  it("reports as at the cohort's end, and says so", async () => {
    const result = ok(await run('report', '--json'));
    expect(result.stderr).toContain('Cohort 1 ended on 30 Sep 2026: reporting as at its end (choose another day with --as-of).');
    const json = JSON.parse(result.stdout) as ReportJson;
    expect(json.asOf).toBe('2026-09-30');
  });

  it('counts the board covered during the cohort, and who was still covered on its last day', async () => {
    const json = JSON.parse(ok(await run('report', '--json')).stdout) as ReportJson;
    // All 8 board members were mentees; Margaret Ellison's relationship ended on 29 Jul.
    expect(json.board).toMatchObject({ covered: 8, coveredNow: 7, total: 8, uncovered: [] });
    expect(json.board.notCoveredNow).toEqual([{ staffId: '10000001', name: 'Margaret Ellison', why: 'their relationship ended on 29 Jul 2026' }]);
  });

  it("shows no month as running, and no month after a relationship's end", async () => {
    const json = JSON.parse(ok(await run('report', '--json')).stdout) as ReportJson;
    for (const rel of json.relationships) {
      const end = rel.end ?? rel.plannedEnd;
      expect(rel.months.map((m) => m.state)).not.toContain('current');
      for (const month of rel.months) expect(month.from <= end, `#${rel.id} ${month.from}`).toBe(true);
      expect(rel.months.at(-1)?.state).toBe('cut short');
    }
    const margaret = json.relationships.find((r) => r.mentee.name === 'Margaret Ellison')!;
    // Ended 29 Jul, in month 7 (5 Jul to 4 Aug): seven months, the last cut short.
    expect(margaret.months.map((m) => m.state)).toEqual([...Array(6).fill('complete'), 'cut short']);
    const others = json.relationships.filter((r) => r !== margaret);
    // 5 Jan to 30 Sep: eight whole months and a ninth (5 Sep to 4 Oct) cut short by the cohort's end.
    for (const rel of others) expect(rel.months.map((m) => m.state)).toEqual([...Array(8).fill('complete'), 'cut short']);
  });

  it('table, Markdown and HTML say "as at the cohort\'s end" in the heading, and "covered during the cohort"', async () => {
    const text = ok(await run('report')).stdout;
    expect(text.split('\n')[1]).toContain("As at the cohort's end, 30 Sep 2026.");
    expect(text).toContain('Board coverage: 8 of 8 board members covered during the cohort\n');
    expect(text).not.toContain('covered now');
    const strips = text.split('\n').filter((line) => /^\s+#\d+\s{2,}/.test(line));
    expect(strips).toHaveLength(12);
    for (const line of strips) {
      expect(line).not.toContain('…');
      expect(line).toMatch(/\d✂$/);
    }
    const markdown = ok(await run('report', '--format', 'markdown')).stdout;
    expect(markdown).toContain("As at the cohort's end, 30 Sep 2026.");
    expect(markdown).toContain('8 of 8 board members were the mentee of a relationship during the cohort.');
    const html = ok(await run('report', '--format', 'html')).stdout;
    expect(html).toContain('As at the cohort&#39;s end, 30 Sep 2026.');
    expect(html).toContain(
      '<span class="n" data-metric="board.covered">8</span> of <span data-metric="board.total">8</span> board members covered during the cohort',
    );
    expect(html).not.toContain('data-metric="board.coveredNow"');
    const csv = ok(await run('report', '--csv'));
    expect(csv.stdout.split('\r\n')[0]).toBe('id,mentee,mentors,type,start,planned_end,end,status,months_complete,sessions,rate');
    expect(csv.stderr).toContain('reporting as at its end');
  });

  it('an explicit --as-of wins, and a day inside the cohort shows who is covered now', async () => {
    const result = ok(await run('report', '--json', '--as-of', '2026-08-15'));
    expect(result.stderr).not.toContain('reporting as at its end');
    const json = JSON.parse(result.stdout) as ReportJson;
    expect(json.asOf).toBe('2026-08-15');
    expect(json.board).toMatchObject({ covered: 8, coveredNow: 7 });
    const text = ok(await run('report', '--as-of', '2026-08-15')).stdout;
    expect(text.split('\n')[1]).toContain('As of 15 Aug 2026.');
    expect(text).toContain('Board coverage: 8 of 8 board members covered during the cohort; 7 covered now');
    expect(text).toContain('not covered now: Margaret Ellison (10000001): their relationship ended on 29 Jul 2026');
    expect(text).toMatch(/\d…/);
  });

  it('chase says the cohort ended and on which day, and chases nobody', async () => {
    const text = ok(await run('report', 'chase'));
    expect(text.stdout).toBe('');
    expect(text.stderr).toContain('Cohort 1 ended on 30 Sep 2026: nothing to chase.');
    const json = ok(await run('report', 'chase', '--json'));
    expect(JSON.parse(json.stdout)).toEqual({ cohort: 1, asOf: '2026-09-30', chase: [], needsReplacement: [], meeting: null });
    expect(json.stderr).toContain('Cohort 1 ended on 30 Sep 2026');
    const csv = ok(await run('report', 'chase', '--csv'));
    expect(csv.stdout.trim()).toBe('id,cohort,status,sessions_needed,by,days_left,mentee_id,mentee_name,mentee_email,mentor_names,mentor_emails');
  });

  it('chase with an --as-of inside the cohort looks back to that day', async () => {
    const json = JSON.parse(ok(await run('report', 'chase', '--json', '--as-of', RUNNING)).stdout) as ChaseJson;
    expect(json.asOf).toBe(RUNNING);
    expect(json.chase.length).toBeGreaterThan(0);
  });
});

describe("remedi cohort list: each cohort's state", () => {
  it.each<[string, string, { state: string; month: number | null; months: number }, string]>([
    ['before it starts', '2025-12-01', { state: 'not started', month: null, months: 9 }, 'not started'],
    ['in its seventh month', RUNNING, { state: 'running', month: 7, months: 9 }, 'running (month 7 of 9)'],
    ['after its end', AFTER, { state: 'ended', month: null, months: 9 }, 'ended'],
  ])('%s', async (_label, today, state, text) => {
    const run = at(ended, today);
    const [cohort] = JSON.parse(ok(await run('cohort', 'list', '--json')).stdout) as Array<Record<string, unknown>>;
    expect(cohort).toMatchObject({ number: 1, name: 'Board cohort', ...state });
    expect(ok(await run('cohort', 'list')).stdout).toMatch(
      new RegExp(`1\\s+Board cohort\\s+5 Jan 2026\\s+30 Sep 2026\\s+${text.replace(/[()]/g, '\\$&')}\\s+8 months, 2/month`),
    );
    const csv = ok(await run('cohort', 'list', '--csv'))
      .stdout.trim()
      .split('\r\n');
    expect(csv[0]).toBe('cohort,name,start,end,min_months,min_per_month,state,month,months,mentees,mentors,either,meet_every');
    expect(csv.slice(1)).toEqual([`1,Board cohort,2026-01-05,2026-09-30,8,2,${state.state},${state.month ?? ''},9,12,26,4,`]);
  });

  it('refuses --json with --csv (exit 2)', async () => {
    const result = await at(ended, AFTER)('cohort', 'list', '--json', '--csv');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Choose one of --json and --csv');
  });
});

describe('leavers: chase and check list apart the relationships that need a replacement', () => {
  const run = (...args: string[]) => at(leavers, RUNNING)(...args);
  let byMentee: Map<string, RelationshipJson>;
  let pairOfKwame: RelationshipJson;
  let karens: RelationshipJson;
  let trio: RelationshipJson;

  beforeAll(async () => {
    const list = JSON.parse(ok(await run('pair', 'list', '--json')).stdout) as RelationshipJson[];
    byMentee = new Map(list.map((r) => [r.mentee.name, r]));
    pairOfKwame = list.find((r) => r.mentors.length === 1 && r.mentors[0].name === 'Kwame Mensah')!;
    karens = byMentee.get('Karen Booth')!;
    trio = list.find((r) => r.mentors.some((m) => m.name === 'Tendai Moyo'))!;
    expect([pairOfKwame, karens, trio].every(Boolean)).toBe(true);
    expect(trio.mentors).toHaveLength(2);
    // This month's HR export: Kwame Mensah (a pair's only mentor), Karen Booth (a mentee) and
    // Tendai Moyo (one mentor of a trio) have left.
    const roster = readFileSync(join(FIXTURES, 'roster.csv'), 'utf8').split('\n');
    const later = join(dir, 'later.csv');
    writeFileSync(later, roster.filter((line) => !/Kwame Mensah|Karen Booth|Tendai Moyo/.test(line)).join('\n'));
    ok(await run('import', later, '--missing-left'));
    // A later cohort that has started and ended already: chase still means the running one.
    ok(await run('cohort', 'create', '2', '--start', '2026-06-01', '--end', '2026-06-30'));
  }, 30_000);

  it('chase --json: the contract, with the replacements apart and never chased', async () => {
    const result = ok(await run('report', 'chase', '--json'));
    expect(result.stderr).toContain('Using cohort 1, Board cohort');
    const json = JSON.parse(result.stdout) as ChaseJson;
    expect(Object.keys(json)).toEqual(['cohort', 'asOf', 'chase', 'needsReplacement', 'meeting']);
    expect(json).toMatchObject({ cohort: 1, asOf: RUNNING });
    expect(json.needsReplacement).toEqual(
      [
        {
          id: pairOfKwame.id,
          mentee: pairOfKwame.mentee,
          mentors: pairOfKwame.mentors.map(({ staffId, name }) => ({ staffId, name })),
          left: [pairOfKwame.mentors[0].staffId],
        },
        { id: karens.id, mentee: karens.mentee, mentors: karens.mentors.map(({ staffId, name }) => ({ staffId, name })), left: [karens.mentee.staffId] },
      ].sort((a, b) => a.id - b.id),
    );
    const chased = json.chase.map((item) => item.id);
    expect(chased).not.toContain(pairOfKwame.id);
    expect(chased).not.toContain(karens.id);
    // The trio keeps a mentor: it is not a replacement (chased or not by its sessions, as before).
    expect(json.needsReplacement.map((item) => item.id)).not.toContain(trio.id);
    expect(chased.length).toBeGreaterThan(0);
  });

  it('chase as a table lists them as "needs a new mentor / mentee" with the pair end command; the CSV has only the chase rows', async () => {
    const text = ok(await run('report', 'chase'));
    expect(text.stdout).toContain('Needs a new mentor / mentee');
    expect(text.stdout).toContain(
      `#${pairOfKwame.id} Patricia Doyle with Kwame Mensah: Kwame Mensah (10000027) has left the trust. End it with: remedi pair end ${pairOfKwame.id} --reason "mentor left the trust"`,
    );
    expect(text.stdout).toContain(`remedi pair end ${karens.id} --reason "mentee left the trust"`);
    expect(text.stderr).toContain('2 relationships need a new mentor or mentee');
    const table = text.stdout.slice(0, text.stdout.indexOf('Needs a new mentor'));
    expect(table).not.toMatch(new RegExp(`#${pairOfKwame.id}\\s`));
    expect(table).not.toMatch(new RegExp(`#${karens.id}\\s`));
    const csv = ok(await run('report', 'chase', '--csv'))
      .stdout.trim()
      .split('\r\n');
    const ids = csv.slice(1).map((line) => Number(line.split(',')[0]));
    expect(ids.length).toBe((JSON.parse(ok(await run('report', 'chase', '--json')).stdout) as ChaseJson).chase.length);
    expect(ids).not.toContain(pairOfKwame.id);
    expect(ids).not.toContain(karens.id);
  });

  it('check lists them as a to-do without failing, in text and JSON, and changes nothing', async () => {
    const before = snapshotFolder(dir);
    const text = ok(await run('check'));
    expect(text.stdout).toContain('Integrity: ok');
    expect(text.stdout).toContain('To do (not damage): 2 running relationships need a new mentor / mentee');
    expect(text.stdout).toContain(`cohort 1: #${karens.id} Karen Booth with`);
    expect(text.stdout).toContain(`remedi pair end ${pairOfKwame.id} --reason "mentor left the trust"`);
    const json = JSON.parse(ok(await run('check', '--json')).stdout) as {
      ok: boolean;
      needsReplacement: Array<{ id: number; cohort: number; left: string[] }>;
    };
    expect(json.ok).toBe(true);
    expect(json.needsReplacement.map((item) => [item.id, item.cohort, item.left])).toEqual(
      [
        [pairOfKwame.id, 1, ['10000027']],
        [karens.id, 1, ['10000011']],
      ].sort((a, b) => (a[0] as number) - (b[0] as number)),
    );
    expect(snapshotFolder(dir)).toEqual(before);
  });

  it('once the printed command ends one, it is no longer listed (its people are free that day)', async () => {
    ok(await run('pair', 'end', String(pairOfKwame.id), '--reason', 'mentor left the trust'));
    const json = JSON.parse(ok(await run('report', 'chase', '--json')).stdout) as ChaseJson;
    expect(json.needsReplacement.map((item) => item.id)).toEqual([karens.id]);
    expect(json.chase.map((item) => item.id)).not.toContain(pairOfKwame.id);
    const check = ok(await run('check'));
    expect(check.stdout).toContain('To do (not damage): 1 running relationship needs a new mentor / mentee');
    expect(check.stdout).not.toContain(`remedi pair end ${pairOfKwame.id} `);
  });
});
