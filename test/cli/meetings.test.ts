/**
 * `remedi cohort meeting` add, list, edit and delete, `--meet-every` with report chase, the
 * report's meetings section, report themes' sources, forget and export --staff (issue 16,
 * "Cohort meetings"): in-process through the real registry, and once per command with the
 * real binary.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, remedi, snapshotFolder, tempDir, type RunResult } from '../helpers/cli.js';
import { run } from '../helpers/inProcess.js';

const CHIDI = '10000065'; // Chidi Eze, a mentor of cohort 1
const MARGARET = '10000001'; // Margaret Ellison, a mentee
const SIOBHAN = '10000002';
const ALISON = '10000013'; // Alison Reeves: on the staff list, not enrolled
const TODAY = '2026-04-20';

async function setUp(meetEvery: string[] = ['--meet-every', '3']) {
  const dir = tempDir();
  const db = join(dir, 'remedi.db');
  const at =
    (today: string) =>
    (...args: string[]) =>
      run([...args, '--db', db], { env: { REMEDI_TODAY: today } });
  const ok = (result: RunResult): RunResult => {
    expect(result.code, result.stderr).toBe(0);
    return result;
  };
  ok(await at(TODAY)('cohort', 'create', '1', '--start', '2026-01-05', '--end', '2026-09-30', ...meetEvery));
  ok(await at(TODAY)('import', join(FIXTURES, 'roster.csv'), '--cohort', '1'));
  return { dir, db, now: at(TODAY), at, ok, json: <T>(result: RunResult) => JSON.parse(ok(result).stdout) as T };
}

interface Meeting {
  id: number;
  cohort: number;
  date: string;
  attended: string[];
  themes: string[];
  actions: string[];
  notes: string | null;
}

describe('remedi cohort meeting add and list', () => {
  it('records who came by id, email or name, the themes normalised and the actions in order; lists them as the JSON contract', async () => {
    const { now, json, ok } = await setUp();
    const added = ok(
      await now(
        'cohort',
        'meeting',
        'add',
        '1',
        '--date',
        '2026-04-15',
        '--attended',
        'Chidi Eze',
        '--attended',
        'MARGARET.ELLISON@NHS.NET',
        '--attended',
        SIOBHAN,
        '--attended',
        'chidi eze',
        '--theme',
        '  Career   progression ; speaking up',
        '--theme',
        'CAREER PROGRESSION',
        '--action',
        'Review shortlisting panels',
        '--action',
        'Publish the data',
        '--notes',
        'Boardroom',
      ),
    );
    expect(added.stdout).toBe('Recorded meeting #1 of cohort 1 on 15 Apr 2026: 3 of 42 (7%) participants came; 2 themes agreed, 2 actions.\n');
    const listed = json<Meeting[]>(await now('cohort', 'meeting', 'list', '1', '--json'));
    expect(listed).toEqual([
      {
        id: 1,
        cohort: 1,
        date: '2026-04-15',
        attended: [MARGARET, SIOBHAN, CHIDI],
        themes: ['Career progression', 'speaking up'],
        actions: ['Review shortlisting panels', 'Publish the data'],
        notes: 'Boardroom',
      },
    ]);
    expect(Object.keys(listed[0])).toEqual(['id', 'cohort', 'date', 'attended', 'themes', 'actions', 'notes']);
    const table = ok(await now('cohort', 'meeting', 'list', '1')).stdout;
    expect(table).toMatch(/#1\s+15 Apr 2026\s+3 of 42 \(7%\)\s+Career progression; speaking up/);
    const csv = ok(await now('cohort', 'meeting', 'list', '1', '--csv')).stdout.split('\r\n');
    expect(csv[0]).toBe('meeting_id,cohort,date,attended,attended_ids,participants,themes,actions,notes');
    expect(csv[1]).toBe(
      `1,1,2026-04-15,Margaret Ellison; Siobhán Kelly; Chidi Eze,${MARGARET}; ${SIOBHAN}; ${CHIDI},42,Career progression; speaking up,Review shortlisting panels | Publish the data,Boardroom`,
    );
  });

  it('--attended-all is every participant on the day: not those who withdrew by then', async () => {
    const { now, at, json, ok } = await setUp();
    ok(await now('cohort', 'withdraw', '1', CHIDI, '--on', '2026-03-01'));
    const before = json<Meeting>(await at(TODAY)('cohort', 'meeting', 'add', '1', '--date', '2026-02-20', '--attended-all', '--json'));
    const after = json<Meeting>(await at(TODAY)('cohort', 'meeting', 'add', '1', '--date', '2026-03-01', '--attended-all', '--json'));
    expect(before.attended).toHaveLength(42);
    expect(before.attended).toContain(CHIDI);
    expect(after.attended).toHaveLength(41);
    expect(after.attended).not.toContain(CHIDI);
  });

  it('says when nobody is recorded as attending, and when a cohort has no meetings', async () => {
    const { now, ok } = await setUp();
    expect(ok(await now('cohort', 'meeting', 'list', '1')).stderr).toContain('Cohort 1 has no meetings recorded yet.');
    const added = ok(await now('cohort', 'meeting', 'add', '1', '--date', '2026-04-15'));
    expect(added.stderr).toContain('Nobody is recorded as attending');
    expect(added.stderr).toContain('remedi cohort meeting edit 1');
  });

  it.each<[string, string[], RegExp]>([
    [
      'an unknown person, with the nearest',
      ['--date', '2026-04-15', '--attended', 'Chidi Ezee'],
      /There is nobody called "Chidi Ezee".*Did you mean 10000065 Chidi Eze/,
    ],
    ['someone not enrolled', ['--date', '2026-04-15', '--attended', ALISON], /Alison Reeves \(10000013\) is not enrolled in cohort 1/],
    ['a day before the cohort', ['--date', '2026-01-04', '--attended-all'], /cohort 1 starts on 5 Jan 2026, after 4 Jan 2026/],
    ['a day in the future', ['--date', '2026-05-01', '--attended-all'], /1 May 2026 is in the future/],
    ['a theme too long', ['--date', '2026-04-15', '--theme', 'x'.repeat(81)], /longer than 80 characters/],
  ])('refuses %s: exit 1, nothing changed', async (_name, flags, message) => {
    const { dir, now } = await setUp();
    const before = snapshotFolder(dir);
    const result = await now('cohort', 'meeting', 'add', '1', ...flags);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toContain('Nothing was recorded');
    expect(snapshotFolder(dir)).toEqual(before);
  });

  it('names every problem at once, and refuses a second meeting on the same day', async () => {
    const { dir, now, ok } = await setUp();
    const both = await now('cohort', 'meeting', 'add', '1', '--date', '2026-04-15', '--attended', ALISON, '--attended', 'Nobody At All');
    expect(both.code).toBe(1);
    expect(both.stderr).toContain('2 problems');
    ok(await now('cohort', 'meeting', 'add', '1', '--date', '2026-04-15'));
    const before = snapshotFolder(dir);
    const again = await now('cohort', 'meeting', 'add', '1', '--date', '2026-04-15', '--attended-all');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('cohort 1 already has a meeting on 15 Apr 2026 (#1)');
    expect(snapshotFolder(dir)).toEqual(before);
  });

  it.each<[string, string[]]>([
    ['no --date', ['cohort', 'meeting', 'add', '1', '--attended-all']],
    ['--attended with --attended-all', ['cohort', 'meeting', 'add', '1', '--date', '2026-04-15', '--attended-all', '--attended', CHIDI]],
    ['a date that is not one', ['cohort', 'meeting', 'add', '1', '--date', '2026-02-30']],
    ['a meeting id that is not a number', ['cohort', 'meeting', 'edit', 'x', '--notes', 'n']],
    ['--json with --csv', ['cohort', 'meeting', 'list', '1', '--json', '--csv']],
  ])('usage error for %s: exit 2, nothing changed', async (_name, args) => {
    const { dir, now } = await setUp();
    const before = snapshotFolder(dir);
    const result = await now(...args);
    expect(result.code, result.stderr).toBe(2);
    expect(snapshotFolder(dir)).toEqual(before);
  });

  it('refuses an unknown cohort (exit 1)', async () => {
    const { now } = await setUp();
    for (const args of [
      ['add', '4', '--date', '2026-04-15'],
      ['list', '4'],
    ]) {
      const result = await now('cohort', 'meeting', ...args);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('Cohort 4 does not exist');
    }
  });
});

describe('remedi cohort meeting edit and delete', () => {
  it('changes only what is given; a list given replaces the whole list, an empty value clears it', async () => {
    const { now, json, ok } = await setUp();
    ok(await now('cohort', 'meeting', 'add', '1', '--date', '2026-04-15', '--attended', CHIDI, '--theme', 'a; b', '--action', 'one', '--notes', 'kept'));
    const edited = json<Meeting>(await now('cohort', 'meeting', 'edit', '1', '--attended', MARGARET, '--attended', SIOBHAN, '--theme', '', '--json'));
    expect(edited).toEqual({ id: 1, cohort: 1, date: '2026-04-15', attended: [MARGARET, SIOBHAN], themes: [], actions: ['one'], notes: 'kept' });
    const moved = ok(await now('cohort', 'meeting', 'edit', '1', '--date', '2026-04-16', '--action', 'two', '--action', 'three', '--notes', ''));
    expect(moved.stdout).toBe('Updated meeting #1 of cohort 1 on 16 Apr 2026: 2 of 42 (5%) participants came; 0 themes agreed, 2 actions.\n');
    expect(json<Meeting[]>(await now('cohort', 'meeting', 'list', '1', '--json'))[0]).toMatchObject({
      date: '2026-04-16',
      actions: ['two', 'three'],
      notes: null,
    });
  });

  it('checks who came again against a new day, and refuses an unknown meeting, changing nothing', async () => {
    const { dir, now, ok } = await setUp();
    ok(await now('cohort', 'meeting', 'add', '1', '--date', '2026-02-15', '--attended', CHIDI));
    ok(await now('cohort', 'withdraw', '1', CHIDI, '--on', '2026-03-01'));
    const before = snapshotFolder(dir);
    const moved = await now('cohort', 'meeting', 'edit', '1', '--date', '2026-03-10');
    expect(moved.code).toBe(1);
    expect(moved.stderr).toContain('Chidi Eze (10000065) withdrew from cohort 1 on 1 Mar 2026, by 10 Mar 2026');
    expect(moved.stderr).toContain('Nothing was changed');
    const missing = await now('cohort', 'meeting', 'edit', '9', '--notes', 'x');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('There is no cohort meeting #9.');
    const gone = await now('cohort', 'meeting', 'delete', '9', '--yes');
    expect(gone.code).toBe(1);
    expect(gone.stderr).toContain('There is no cohort meeting #9.');
    expect(snapshotFolder(dir)).toEqual(before);
  });

  it('delete needs --yes without a terminal (exit 2), then deletes', async () => {
    const { dir, now, json, ok } = await setUp();
    ok(await now('cohort', 'meeting', 'add', '1', '--date', '2026-04-15', '--attended-all', '--theme', 'x'));
    const before = snapshotFolder(dir);
    const refused = await now('cohort', 'meeting', 'delete', '1');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('needs --yes');
    expect(snapshotFolder(dir)).toEqual(before);
    expect(ok(await now('cohort', 'meeting', 'delete', '1', '--yes')).stdout).toBe('Deleted cohort meeting #1.\n');
    expect(json<Meeting[]>(await now('cohort', 'meeting', 'list', '1', '--json'))).toEqual([]);
  });
});

describe('--meet-every and report chase', () => {
  interface Chase {
    meeting: { due: string; overdue: boolean; last: string | null } | null;
  }

  it('cohort create and edit set it, cohort list shows it, --meet-every 0 clears it', async () => {
    const { now, json, ok } = await setUp();
    expect(json<Array<{ meetEvery: number | null }>>(await now('cohort', 'list', '--json'))[0].meetEvery).toBe(3);
    expect(ok(await now('cohort', 'list')).stdout).toContain('every 3 months');
    expect(ok(await now('cohort', 'edit', '1', '--meet-every', '1')).stdout).toContain('the cohort meets monthly');
    expect(json<{ meetEvery: number | null }>(await now('cohort', 'edit', '1', '--meet-every', '0', '--json')).meetEvery).toBeNull();
    expect(json<Chase>(await now('report', 'chase', '--cohort', '1', '--json')).meeting).toBeNull();
  });

  it('says the next meeting is due N months after the start, then after the last meeting; overdue after that day', async () => {
    const { at, json, ok } = await setUp();
    const chase = async (today: string) => json<Chase>(await at(today)('report', 'chase', '--cohort', '1', '--json')).meeting;
    expect(await chase('2026-03-01')).toEqual({ due: '2026-04-05', overdue: false, last: null });
    expect(await chase('2026-04-06')).toEqual({ due: '2026-04-05', overdue: true, last: null });
    expect(ok(await at('2026-04-06')('report', 'chase', '--cohort', '1')).stdout).toContain(
      'Cohort meeting overdue: it was due by 5 Apr 2026 (none held yet).',
    );
    ok(await at('2026-04-10')('cohort', 'meeting', 'add', '1', '--date', '2026-04-10', '--attended-all'));
    expect(await chase('2026-04-20')).toEqual({ due: '2026-07-10', overdue: false, last: '2026-04-10' });
    expect(ok(await at('2026-04-20')('report', 'chase', '--cohort', '1')).stdout).toContain('Next cohort meeting due by 10 Jul 2026 (last held 10 Apr 2026).');
    expect(ok(await at('2026-04-20')('report', 'chase', '--cohort', '1', '--csv')).stderr).toContain('Next cohort meeting due by 10 Jul 2026');
    // Once the cohort has ended there is nothing to chase.
    expect(await chase('2026-12-01')).toBeNull();
  });
});

describe('the report, report themes, forget and export', () => {
  interface MeetingsJson {
    held: number;
    participants: number;
    attendance: Array<{ date: string; attended: number }>;
    neverAttended: unknown;
    themes: string[];
    actions: string[];
  }

  async function withMeetings() {
    const context = await setUp();
    const { now, ok } = context;
    ok(
      await now(
        'cohort',
        'meeting',
        'add',
        '1',
        '--date',
        '2026-02-10',
        '--attended',
        CHIDI,
        '--attended',
        MARGARET,
        '--theme',
        'Speaking up',
        '--action',
        'First',
      ),
    );
    ok(
      await now('cohort', 'meeting', 'add', '1', '--date', '2026-04-15', '--attended-all', '--theme', 'career progression; SPEAKING UP', '--action', 'Second'),
    );
    return context;
  }

  it('has the meetings section in JSON (the contract), only meetings up to the as-of day', async () => {
    const { now, json } = await withMeetings();
    const report = json<{ meetings: MeetingsJson }>(await now('report', '--cohort', '1', '--json'));
    expect(report.meetings).toEqual({
      held: 2,
      participants: 42,
      attendance: [
        { date: '2026-02-10', attended: 2 },
        { date: '2026-04-15', attended: 42 },
      ],
      neverAttended: [],
      themes: ['Speaking up', 'career progression'],
      actions: ['First', 'Second'],
    });
    const earlier = json<{ meetings: MeetingsJson }>(await now('report', '--cohort', '1', '--json', '--as-of', '2026-03-01')).meetings;
    expect(earlier.held).toBe(1);
    expect(earlier.neverAttended).toHaveLength(40);
    expect(earlier.neverAttended).not.toContain(CHIDI);
    expect((earlier.neverAttended as string[]).every((id) => /^\d+$/.test(id))).toBe(true);
  });

  it('shows it in text, Markdown and HTML with names; for publication only counts', async () => {
    const { now, ok } = await withMeetings();
    const asOf = ['--as-of', '2026-03-01'];
    const text = ok(await now('report', '--cohort', '1', ...asOf)).stdout;
    expect(text).toContain('Cohort meetings: 1 meeting held; 42 participants');
    expect(text).toContain('10 Feb 2026: 2 of 42 participants (5%)');
    expect(text).toContain('Attended none (40): ');
    expect(text).toContain(`Siobhán Kelly (${SIOBHAN})`);
    const markdown = ok(await now('report', '--cohort', '1', '--format', 'markdown', ...asOf)).stdout;
    expect(markdown).toContain('## Cohort meetings');
    expect(markdown).toContain('| 10 Feb 2026 | 2 of 42 participants (5%) |');
    const html = ok(await now('report', '--cohort', '1', '--format', 'html', ...asOf)).stdout;
    expect(html).toContain('<h2 id="meetings">Cohort meetings</h2>');
    expect(html).toContain('data-metric="meetings.attendance.0.attended">2<');
    expect(html).toContain('Siobhán Kelly');

    const published = JSON.parse(ok(await now('report', '--cohort', '1', '--for-publication', '--json', ...asOf)).stdout) as { meetings: MeetingsJson };
    expect(published.meetings.neverAttended).toBe(40);
    for (const format of ['table', 'markdown', 'html', 'csv', 'json']) {
      const paper = ok(await now('report', '--cohort', '1', '--for-publication', '--format', format, ...asOf)).stdout;
      expect(paper, format).not.toContain('Siobhán');
      expect(paper, format).not.toContain(SIOBHAN);
    }
    const csv = ok(await now('report', '--cohort', '1', '--for-publication', '--csv', ...asOf)).stdout;
    expect(csv).toContain('meetings,attended none,40');
    expect(csv).toContain('meeting attended,2026-02-10,2');
  });

  it('report themes says where each theme came up: sessions, meetings, or both', async () => {
    const { now, json, ok } = await withMeetings();
    ok(await now('pair', '--cohort', '1', '--save'));
    ok(
      await now(
        'log-session',
        '--pair',
        '1',
        '--date',
        TODAY,
        '--minutes',
        '30',
        '--kind',
        'one-to-one',
        '--level',
        'team',
        '--theme',
        'Career Progression',
        '--theme',
        'rota',
      ),
    );
    const analysis = json<{ themes: Array<{ theme: string; sources: string[]; sessions: number }> }>(await now('report', 'themes', '--json'));
    const sources = Object.fromEntries(analysis.themes.map((t) => [t.theme.toLowerCase(), t.sources]));
    expect(sources).toEqual({ 'career progression': ['sessions', 'meetings'], rota: ['sessions'], 'speaking up': ['meetings'] });
    const table = ok(await now('report', 'themes')).stdout;
    expect(table).toMatch(/Speaking up.*meetings only/);
    expect(ok(await now('report', 'themes', '--csv')).stdout.split('\r\n')[0]).toMatch(/,sources$/);
  });

  it('forget removes their attendance; export --staff lists the meetings they attended, by cohort and day only', async () => {
    const { dir, now, ok, json } = await withMeetings();
    ok(await now('export', join(dir, 'sar'), '--staff', CHIDI));
    expect(readFileSync(join(dir, 'sar', 'meetings.csv'), 'utf8').split('\r\n')).toEqual(['cohort,date', '1,2026-02-10', '1,2026-04-15', '']);
    ok(await now('export', join(dir, 'all')));
    expect(readFileSync(join(dir, 'all', 'meetings.csv'), 'utf8').split('\r\n')[0]).toBe('meeting_id,cohort,date,attended_ids,themes,actions,notes');

    ok(await now('forget', CHIDI, '--yes'));
    const meetings = json<Meeting[]>(await now('cohort', 'meeting', 'list', '1', '--json'));
    expect(meetings.map((m) => m.attended.length)).toEqual([1, 41]);
    expect(JSON.stringify(meetings)).not.toContain(CHIDI);
    const report = json<{ meetings: MeetingsJson }>(await now('report', '--cohort', '1', '--json'));
    expect(report.meetings.participants).toBe(41);
    expect(report.meetings.neverAttended).toEqual([]);
  });
});

describe('the real binary', () => {
  it('adds, lists, edits and deletes a meeting, exit codes and streams as a user sees them', async () => {
    const { db } = await setUp();
    const env = { REMEDI_TODAY: TODAY };
    const cli = (...args: string[]) => remedi([...args, '--db', db], { env });
    const added = cli('cohort', 'meeting', 'add', '1', '--date', '2026-04-15', '--attended', 'Chidi Eze', '--theme', 'speaking up', '--json');
    expect(added.code, added.stderr).toBe(0);
    expect(JSON.parse(added.stdout)).toMatchObject({ id: 1, attended: [CHIDI], themes: ['speaking up'] });
    const listed = cli('cohort', 'meeting', 'list', '1', '--json');
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.stdout)).toHaveLength(1);
    const edited = cli('cohort', 'meeting', 'edit', '1', '--attended-all');
    expect(edited.code, edited.stderr).toBe(0);
    expect(edited.stdout).toContain('42 of 42 (100%) participants came');
    const refused = cli('cohort', 'meeting', 'add', '1', '--date', '2026-04-16', '--attended', ALISON);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toContain('is not enrolled in cohort 1');
    const usage = cli('cohort', 'meeting', 'delete', '1');
    expect(usage.code).toBe(2);
    const deleted = cli('cohort', 'meeting', 'delete', '1', '--yes');
    expect(deleted.code).toBe(0);
    expect(deleted.stdout).toBe('Deleted cohort meeting #1.\n');
    const help = remedi(['cohort', 'meeting', 'edit', '--help']);
    expect(help.stdout).toContain("A list you give replaces the meeting's whole list");
  });
});
