/**
 * A programme year lived end to end with the real CLI (issue 11, "Done when"): an HR export
 * with no programme columns, enrolment by command and from a form, front-line staff marked
 * by hand, trios saved, sessions logged, April's export where two mentors left, their
 * relationships ended and replaced mid-cohort, a person erased and the export imported
 * again, and the report after the cohort's end. The steps share one database, in order.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, snapshotFolder, type RunResult } from '../helpers/cli.js';
import { run } from '../helpers/inProcess.js';

const YEAR = join(FIXTURES, 'year');
const JANUARY = join(YEAR, 'esr-2026-01.csv');
const APRIL = join(YEAR, 'esr-2026-04.csv');
const ORGANISATION = ['--map', 'Organisation=department'];
const KWAME = '10000027';
const CHIDI = '10000065';

interface Relationship {
  id: number;
  mentee: { staffId: string; name: string };
  mentors: Array<{ staffId: string; name: string; slot: string | null }>;
  start: string;
  end: string;
  status: string;
}

let dir: string;
let db: string;
const at = async (today: string, ...args: string[]): Promise<RunResult> => run([...args, '--db', db], { env: { REMEDI_TODAY: today } });
const ok = (result: RunResult): RunResult => {
  expect(result.code, result.stderr).toBe(0);
  return result;
};
const json = <T>(result: RunResult): T => JSON.parse(ok(result).stdout) as T;
const relationships = async (today: string) => json<Relationship[]>(await at(today, 'pair', 'list', '--cohort', '1', '--json'));

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'remedi-year-'));
  db = join(dir, 'remedi.db');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a programme year', () => {
  it('January: creates the cohort and imports an HR export that enrols nobody, saying how to enrol', async () => {
    ok(await at('2026-01-05', 'cohort', 'create', '1', '--start', '2026-01-05', '--end', '2026-09-30', '--name', 'Board cohort 2026'));
    const result = ok(await at('2026-01-05', 'import', JANUARY, '--cohort', '1', ...ORGANISATION));
    expect(result.stdout).toContain('90 added');
    expect(result.stdout).toContain('Nobody was enrolled in cohort 1: the file has no role column.');
    expect(result.stderr).toContain('remedi cohort enrol 1 --from FILE');
    expect(json<unknown[]>(await at('2026-01-05', 'staff', 'list', '--cohort', '1', '--json'))).toEqual([]);
    const people = json<Array<{ department: string | null }>>(await at('2026-01-05', 'staff', 'list', '--json'));
    expect(people.filter((p) => p.department === null)).toEqual([]);
  });

  it('enrols from the form export (names without accents, emails in capitals), all or nothing', async () => {
    const form = join(YEAR, 'enrolment.csv');
    const before = snapshotFolder(dir);
    const unmapped = await at('2026-01-05', 'cohort', 'enrol', '1', '--from', form);
    expect(unmapped.code).toBe(1);
    expect(unmapped.stderr).toContain('--map "Your Header=role"');
    expect(snapshotFolder(dir)).toEqual(before);

    const enrolled = json<{ enrolled: unknown[] }>(
      await at('2026-01-05', 'cohort', 'enrol', '1', '--from', form, '--map', 'I would like to take part as=role', '--json'),
    );
    expect(enrolled.enrolled).toHaveLength(42);
    const cohort = json<Array<{ staffId: string; role: string }>>(await at('2026-01-05', 'staff', 'list', '--cohort', '1', '--json'));
    expect(cohort.find((p) => p.staffId === '10000002')?.role).toBe('mentee'); // Siobhán Kelly, by SIOBHAN.KELLY@NHS.NET
    expect(cohort.filter((p) => p.role === 'mentee')).toHaveLength(12);
  });

  it('refuses to enrol a name nobody has, offering the nearest, and writes nothing', async () => {
    const before = snapshotFolder(dir);
    const result = await at('2026-01-05', 'cohort', 'enrol', '1', '--mentor', 'Chidi Ezee');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Did you mean 10000065 Chidi Eze (Surgery)?');
    expect(snapshotFolder(dir)).toEqual(before);
  });

  it('marks front-line staff and RACE training by hand, by name', async () => {
    for (const name of ['Tendai Moyo', 'nia campbell', 'Abdul Karim', 'Chidi Eze', 'emmanuel.asante@nhs.net']) {
      expect(ok(await at('2026-01-05', 'staff', 'edit', name, '--function', 'front line')).stdout).toContain('front line');
    }
    const mentors = json<Array<{ staffId: string; role: string }>>(await at('2026-01-05', 'staff', 'list', '--cohort', '1', '--json')).filter(
      (p) => p.role !== 'mentee',
    );
    ok(await at('2026-01-05', 'staff', 'train', ...mentors.map((p) => p.staffId), '--on', '2025-12-10'));
    const shown = json<{ handSet: string[] }>(await at('2026-01-05', 'staff', 'show', 'Tendai Moyo', '--json'));
    expect(shown.handSet).toEqual(expect.arrayContaining(['functionsStated', 'raceTrained']));
  });

  it("pairs with trios and saves them from the cohort's start, covering the whole board", async () => {
    const proposal = json<{ totals: { boardCovered: number; boardTotal: number }; relationships: Relationship[] }>(
      await at('2026-01-05', 'pair', '--cohort', '1', '--trios', '--save', '--json'),
    );
    expect(proposal.totals.boardTotal).toBe(8);
    expect(proposal.totals.boardCovered).toBe(8);
    const saved = await relationships('2026-01-05');
    expect(saved.length).toBeGreaterThanOrEqual(12);
    expect(new Set(saved.map((r) => r.start))).toEqual(new Set(['2026-01-05']));
    expect(saved.some((r) => r.mentors.length === 2)).toBe(true);
    const csv = ok(await at('2026-01-05', 'pair', 'list', '--cohort', '1', '--csv'))
      .stdout.trimEnd()
      .split('\n');
    expect(csv[0]).toContain('mentee_email');
    expect(csv).toHaveLength(saved.length + 1);
  });

  it('logs three months of sessions, from a form export and by flags', async () => {
    const rows = ['pair_id,date,minutes,kind,level,themes,lived_experience'];
    for (const rel of await relationships('2026-04-06')) {
      for (const month of ['01', '02', '03'])
        for (const day of ['08', '22'])
          rows.push(`${rel.id},2026-${month}-${day},45,one-to-one,team,career progression; speaking up,${day === '08' ? 'yes' : 'no'}`);
    }
    const file = join(dir, 'sessions.csv');
    writeFileSync(file, `${rows.join('\n')}\n`);
    expect(ok(await at('2026-04-06', 'import-sessions', file)).stdout).toContain(`recorded ${rows.length - 1} sessions`);
    const first = (await relationships('2026-04-06'))[0];
    ok(
      await at(
        '2026-04-06',
        'log-session',
        '--pair',
        String(first.id),
        '--date',
        '2026-04-02',
        '--minutes',
        '30',
        '--kind',
        'shadowing',
        '--level',
        'department',
      ),
    );
  });

  it('April: imports the export where two mentors left, naming them and the relationships to end', async () => {
    const result = json<{
      markedLeftPeople: Array<{ staffId: string }>;
      relationshipsWithLeavers: Array<{ id: number; needsReplacement: boolean; command: string }>;
    }>(await at('2026-04-06', 'import', APRIL, '--missing-left', ...ORGANISATION, '--json'));
    expect(result.markedLeftPeople.map((p) => p.staffId).sort()).toEqual([KWAME, CHIDI]);
    const involved = (await relationships('2026-04-06')).filter((r) => r.mentors.some((m) => m.staffId === KWAME || m.staffId === CHIDI));
    expect(result.relationshipsWithLeavers.map((r) => r.id).sort()).toEqual(involved.map((r) => r.id).sort());
    for (const rel of result.relationshipsWithLeavers)
      expect(rel.command).toBe(`remedi pair end ${rel.id} --reason "${rel.needsReplacement ? 'mentor left the trust' : 'a mentor left the trust'}"`);
  });

  it('refuses a partial export marking most of the trust as left, unless --yes', async () => {
    const partial = join(dir, 'partial.csv');
    writeFileSync(partial, ['Employee No,Surname,Forename', '10000001,Ellison,Margaret', '10000002,Kelly,Siobhán'].join('\n'));
    const before = snapshotFolder(dir);
    const result = await at('2026-04-06', 'import', partial, '--missing-left');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('--yes');
    expect(snapshotFolder(dir)).toEqual(before);
  });

  it('chases the running relationships and lists apart the ones that need a new mentor', async () => {
    const chase = json<{ cohort: number; asOf: string; chase: Array<{ id: number }>; needsReplacement: Array<{ id: number; left: string[] }> }>(
      await at('2026-04-06', 'report', 'chase', '--cohort', '1', '--json'),
    );
    expect(chase.asOf).toBe('2026-04-06');
    const orphaned = (await relationships('2026-04-06')).filter((r) => r.mentors.every((m) => m.staffId === KWAME || m.staffId === CHIDI));
    expect(orphaned.length).toBeGreaterThan(0);
    expect(chase.needsReplacement.map((r) => r.id).sort()).toEqual(orphaned.map((r) => r.id).sort());
    for (const rel of orphaned) expect(chase.chase.map((c) => c.id)).not.toContain(rel.id);
    const check = ok(await at('2026-04-06', 'check'));
    expect(check.stdout).toContain(`#${orphaned[0].id}`);
  });

  it('ends the orphaned relationships and replaces them from today, warning they are too short', async () => {
    const orphaned = (await relationships('2026-04-06')).filter(
      (r) => r.status === 'active' && r.mentors.every((m) => m.staffId === KWAME || m.staffId === CHIDI),
    );
    for (const rel of orphaned) ok(await at('2026-04-06', 'pair', 'end', String(rel.id), '--reason', 'mentor left the trust'));
    const again = await at('2026-04-06', 'pair', 'end', String(orphaned[0].id));
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`#${orphaned[0].id} already ended on 6 Apr 2026`);

    const result = ok(await at('2026-04-06', 'pair', '--cohort', '1', '--save', '--json'));
    const proposal = JSON.parse(result.stdout) as { start: string; relationships: Array<Relationship & { tooShort: boolean }> };
    expect(proposal.start).toBe('2026-04-06');
    expect(proposal.relationships.map((r) => r.mentee.staffId).sort()).toEqual(orphaned.map((r) => r.mentee.staffId).sort());
    expect(proposal.relationships.every((r) => r.tooShort)).toBe(true);
    expect(result.stderr).toContain('remedi cohort edit 1 --end 2026-12-05');
    // Ended today, they need no replacement any more, and are not chased on their last day either: their mentor has left.
    const chase = json<{ chase: Array<{ id: number }>; needsReplacement: unknown[] }>(await at('2026-04-06', 'report', 'chase', '--cohort', '1', '--json'));
    expect(chase.needsReplacement).toEqual([]);
    expect(chase.chase.length).toBeGreaterThan(0);
    for (const rel of orphaned) expect(chase.chase.map((c) => c.id)).not.toContain(rel.id);
  });

  it('April: the cohort meets for its thematic analysis, the leavers not among those who could come', async () => {
    ok(await at('2026-04-20', 'cohort', 'edit', '1', '--meet-every', '3'));
    const meeting = json<{ attended: string[]; themes: string[] }>(
      await at(
        '2026-04-20',
        'cohort',
        'meeting',
        'add',
        '1',
        '--date',
        '2026-04-15',
        '--attended-all',
        '--theme',
        'Career progression; speaking up',
        '--action',
        'Publish panel data',
        '--json',
      ),
    );
    // The sessions' theme, as first written there: a meeting agrees on the same theme.
    expect(meeting.themes).toEqual(['career progression', 'speaking up']);
    expect(meeting.attended.length).toBeGreaterThan(30);
    expect(meeting.attended).not.toContain(CHIDI);
    const chase = json<{ meeting: unknown }>(await at('2026-04-20', 'report', 'chase', '--cohort', '1', '--json'));
    expect(chase.meeting).toEqual({ due: '2026-07-15', overdue: false, last: '2026-04-15' });
  });

  it('forgets a person, and the next import of the export skips their row without naming them', async () => {
    ok(await at('2026-04-20', 'forget', 'Zainab Oyelaran', '--yes'));
    const result = ok(await at('2026-04-20', 'import', APRIL, '--missing-left', ...ORGANISATION));
    expect(result.stderr).toContain('1 row skipped: a person erased on 20 Apr 2026');
    expect(result.stdout + result.stderr).not.toContain('Oyelaran');
    expect(json<unknown[]>(await at('2026-04-20', 'staff', 'find', 'oyelaran', '--json'))).toEqual([]);
  });

  it('after the cohort ends, reports as at its end: the board covered during it, nothing still running', async () => {
    const text = ok(await at('2026-12-01', 'report', '--cohort', '1'));
    expect(text.stdout).toContain("As at the cohort's end, 30 Sep 2026.");
    const report = json<{
      asOf: string;
      board: { covered: number; total: number };
      relationships: Array<{ months: Array<{ state: string; from: string }>; end: string | null; plannedEnd: string }>;
    }>(await at('2026-12-01', 'report', '--cohort', '1', '--json'));
    expect(report.asOf).toBe('2026-09-30');
    expect(report.board).toMatchObject({ covered: 8, total: 8 });
    // Everyone still taking part came to April's meeting; the leavers, who could not, are not counted.
    const { meetings } = json<{ meetings: { held: number; participants: number; attendance: Array<{ attended: number }>; neverAttended: string[] } }>(
      await at('2026-12-01', 'report', '--cohort', '1', '--json'),
    );
    expect(meetings).toMatchObject({ held: 1, neverAttended: [] });
    expect(meetings.attendance[0].attended).toBe(meetings.participants);
    for (const rel of report.relationships) {
      expect(rel.months.map((m) => m.state)).not.toContain('current');
      for (const month of rel.months) expect(month.from <= (rel.end ?? rel.plannedEnd)).toBe(true);
    }
    const chase = ok(await at('2026-12-01', 'report', 'chase', '--cohort', '1'));
    expect(chase.stdout + chase.stderr).toContain('ended on 30 Sep 2026');
    expect(json<Array<{ number: number; state: string }>>(await at('2026-12-01', 'cohort', 'list', '--json'))[0].state).toBe('ended');
  });
});
