import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { FIXTURES, remedi, snapshotFolder, tempDir } from '../helpers/cli.js';
import { run as inProcess } from '../helpers/inProcess.js';
import { MIGRATIONS } from '../../src/store/migrations.js';

const TODAY = { REMEDI_TODAY: '2026-07-29' };
/** In-process (test/helpers/inProcess.ts); the process contract is checked with the real binary at the end. */
const run = (args: string[]) => inProcess(args, { env: TODAY });

/** log-session with the flags a script gives (45 minutes, one-to-one, team unless said), then any others. */
const logSession = (db: string, pair: number | string, date: string, { minutes = '45', kind = 'one-to-one', level = 'team' } = {}, ...extra: string[]) =>
  run(['log-session', '--pair', String(pair), '--date', date, '--minutes', minutes, '--kind', kind, '--level', level, ...extra, '--db', db]);

interface SessionJson {
  id: number;
  pairId: number;
  date: string;
  minutes: number;
  kind: string;
  level: string;
  themes: string[];
  livedExperience: boolean;
  mentors: string[];
  notes: string | null;
}

/** The fixture roster, paired in trios and saved, in cohort 1 (5 Jan to 30 Sep 2026). */
async function setUp(): Promise<{
  dir: string;
  db: string;
  pairs: Array<{ id: number; mentee: { staffId: string; name: string }; mentors: Array<{ staffId: string }> }>;
}> {
  const dir = tempDir();
  const db = join(dir, 'remedi.db');
  expect((await run(['cohort', 'create', '1', '--start', '2026-01-05', '--end', '2026-09-30', '--db', db])).code).toBe(0);
  expect((await run(['import', join(FIXTURES, 'roster.csv'), '--cohort', '1', '--db', db])).code).toBe(0);
  expect((await run(['pair', '--trios', '--save', '--start', '2026-01-05', '--db', db])).code).toBe(0);
  const pairs = JSON.parse((await run(['pair', 'list', '--json', '--db', db])).stdout);
  return { dir, db, pairs };
}

const sessions = async (db: string, ...extra: string[]): Promise<SessionJson[]> =>
  JSON.parse((await run(['sessions', 'list', '--json', '--db', db, ...extra])).stdout);

describe('remedi log-session by flags', () => {
  it('records a session with defaults (every mentor present, no themes, no lived experience) and prints it as JSON', async () => {
    const { db, pairs } = await setUp();
    const trio = pairs.find((p) => p.mentors.length === 2)!;
    const result = await logSession(db, String(trio.id), '12/03/2026', { kind: 'One to one' }, '--json');
    expect(result.code, result.stderr).toBe(0);
    const session = JSON.parse(result.stdout) as SessionJson;
    expect(session).toEqual({
      id: session.id,
      pairId: trio.id,
      date: '2026-03-12',
      minutes: 45,
      kind: 'one-to-one',
      level: 'team',
      themes: [],
      livedExperience: false,
      mentors: trio.mentors.map((m) => m.staffId).sort(),
      notes: null,
    });
  });

  it('normalises themes, keeps the first spelling, and records which trio mentor was there', async () => {
    const { db, pairs } = await setUp();
    const trio = pairs.find((p) => p.mentors.length === 2)!;
    const mentor = trio.mentors[1].staffId;
    const first = await logSession(
      db,
      String(trio.id),
      '2026-03-12',
      { minutes: '60', kind: 'observation', level: 'department' },
      '--theme',
      ' Career   Progression',
      '--theme',
      'recruitment panels; micro-aggressions',
      '--mentor',
      mentor,
      '--lived-experience',
      '--notes',
      'Observed a board meeting',
    );
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/^Recorded session #\d+: 12 Mar 2026, 60 minutes, observation of the mentee at work at department level/);
    const second = await logSession(db, String(trio.id), '2026-03-20', { minutes: '30', kind: 'networking', level: 'system' }, '--theme', 'career progression');
    expect(second.code, second.stderr).toBe(0);
    const [a, b] = await sessions(db, '--pair', String(trio.id));
    expect(a).toMatchObject({
      themes: ['Career Progression', 'recruitment panels', 'micro-aggressions'],
      mentors: [mentor],
      livedExperience: true,
      notes: 'Observed a board meeting',
    });
    expect(b.themes).toEqual(['Career Progression']);
  });

  it.each([
    [['--date', '2026-08-01'], /1 Aug 2026 is in the future/],
    [['--date', '2026-01-04'], /starts on 5 Jan 2026, after 4 Jan 2026/],
    [['--minutes', '0'], /0 minutes is not a session length/],
    [['--minutes', '601'], /601 minutes is not a session length/],
    [['--mentor', '10000090'], /Jessica Lane \(10000090\) is not a mentor in relationship #\d+ \(its mentors: .+ \(\d{8}\)/],
  ])('refuses %j with the reason, exit 1, nothing written', async (extra, message) => {
    const { dir, db, pairs } = await setUp();
    const before = snapshotFolder(dir);
    const args = { '--pair': String(pairs[0].id), '--date': '2026-03-02', '--minutes': '45', '--kind': 'one-to-one', '--level': 'team' } as Record<
      string,
      string
    >;
    for (let k = 0; k < extra.length; k += 2) args[extra[k]] = extra[k + 1];
    const result = await run(['log-session', ...Object.entries(args).flat(), '--db', db]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(message);
    expect(snapshotFolder(dir)).toEqual(before);
  });

  it('refuses an exact duplicate unless --force, an unknown relationship, and a session after a relationship ended', async () => {
    const { db, pairs } = await setUp();
    const base = [
      'log-session',
      '--pair',
      String(pairs[0].id),
      '--date',
      '2026-03-02',
      '--minutes',
      '45',
      '--kind',
      'one-to-one',
      '--level',
      'team',
      '--db',
      db,
    ];
    expect((await run(base)).code).toBe(0);
    const duplicate = await run(base);
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr).toContain('is already recorded');
    expect((await run([...base, '--force'])).code).toBe(0);
    expect(await sessions(db)).toHaveLength(2);

    const unknown = await logSession(db, '999', '2026-03-02');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('There is no relationship #999');

    expect((await run(['pair', 'end', String(pairs[1].id), '--on', '2026-04-30', '--db', db])).code).toBe(0);
    const onEnd = await logSession(db, String(pairs[1].id), '2026-04-30');
    expect(onEnd.code, onEnd.stderr).toBe(0);
    const after = await logSession(db, String(pairs[1].id), '2026-05-01');
    expect(after.code).toBe(1);
    expect(after.stderr).toContain('ended on 30 Apr 2026, before 1 May 2026');
  });

  it('without a terminal and with answers missing: exit 2 naming each missing flag, no prompt, nothing written', async () => {
    const { dir, db, pairs } = await setUp();
    const before = snapshotFolder(dir);
    const result = await run(['log-session', '--pair', String(pairs[0].id), '--kind', 'one-to-one', '--db', db]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Missing --date, --minutes, --level.');
    expect(snapshotFolder(dir)).toEqual(before);
  });

  it('a near-miss kind or level is a usage error with a suggestion', async () => {
    const { db, pairs } = await setUp();
    const result = await logSession(db, String(pairs[0].id), '2026-03-02', { kind: 'obsrvation' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('did you mean "observation"?');
    const level = await logSession(db, String(pairs[0].id), '2026-03-02', { kind: 'observation', level: 'organization' });
    expect(level.code, level.stderr).toBe(0);
    expect((await sessions(db))[0].level).toBe('organisation');
  });
});

describe('remedi log-session --mentor names a person any way', () => {
  it('takes a name (any case, no accents needed), an email or a staff id', async () => {
    const { db, pairs } = await setUp();
    // Siobhán Kelly's trio: Mei Chen and Nia Campbell.
    const trio = pairs.find((p) => p.mentee.name === 'Siobhán Kelly')!;
    const base = ['log-session', '--pair', String(trio.id), '--minutes', '45', '--kind', 'one-to-one', '--level', 'team', '--json', '--db', db];
    const byName = await run([...base, '--date', '2026-03-02', '--mentor', 'mei chen']);
    expect(byName.code, byName.stderr).toBe(0);
    const byEmail = await run([...base, '--date', '2026-03-03', '--mentor', 'Nia.Campbell@NHS.net']);
    expect(byEmail.code, byEmail.stderr).toBe(0);
    const both = await run([...base, '--date', '2026-03-04', '--mentor', '10000026', '--mentor', 'Nia Campbell']);
    expect(both.code, both.stderr).toBe(0);
    expect((await sessions(db, '--pair', String(trio.id))).map((s) => s.mentors)).toEqual([['10000026'], ['10000055'], ['10000026', '10000055']]);
  });

  it.each([
    [['--mentor', 'Mei Chan'], /Not saved: there is nobody called "Mei Chan" \(by staff id, email or name\)\. Did you mean 10000026 Mei Chen \(Pharmacy\)/],
    // A real person, but not a mentor of this relationship.
    [
      ['--mentor', 'Tendai Moyo'],
      /Not saved: Tendai Moyo \(10000034\) is not a mentor in relationship #\d+ \(its mentors: Mei Chen \(10000026\), Nia Campbell \(10000055\)\)\./,
    ],
  ])('refuses %j: exit 1, the reason, nothing written', async (extra, message) => {
    const { dir, db, pairs } = await setUp();
    const trio = pairs.find((p) => p.mentee.name === 'Siobhán Kelly')!;
    const before = snapshotFolder(dir);
    const result = await logSession(db, String(trio.id), '2026-03-02', {}, ...extra);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(message);
    expect(snapshotFolder(dir)).toEqual(before);
  });
});

describe('remedi import-sessions', () => {
  it('imports the fixture log all or nothing, and --skip-duplicates lets a cumulative export be imported again', async () => {
    const { dir, db } = await setUp();
    const dry = await run(['import-sessions', join(FIXTURES, 'sessions.csv'), '--dry-run', '--json', '--db', db]);
    expect(dry.code, dry.stderr).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({ dryRun: true, imported: 138, duplicatesSkipped: 0, relationships: 11 });
    expect(await sessions(db)).toHaveLength(0);

    expect((await run(['import-sessions', join(FIXTURES, 'sessions.csv'), '--db', db])).code).toBe(0);
    const all = await sessions(db);
    expect(all).toHaveLength(138);
    // Themes written in several spellings are one theme each.
    const labels = new Set(all.flatMap((s) => s.themes).map((t) => t.toLowerCase()));
    expect(new Set(all.flatMap((s) => s.themes)).size).toBe(labels.size);

    const before = snapshotFolder(dir);
    const again = await run(['import-sessions', join(FIXTURES, 'sessions.csv'), '--db', db]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('138 problems found, and nothing was written');
    expect(again.stderr).toContain('--skip-duplicates');
    expect(snapshotFolder(dir)).toEqual(before);

    const skipped = await run(['import-sessions', join(FIXTURES, 'sessions.csv'), '--skip-duplicates', '--json', '--db', db]);
    expect(JSON.parse(skipped.stdout)).toMatchObject({ imported: 0, duplicatesSkipped: 138 });
    expect(await sessions(db)).toHaveLength(138);
  });

  it('reads a form export with its own headers, UK dates and words for kinds', async () => {
    const { db } = await setUp();
    const result = await run(['import-sessions', join(FIXTURES, 'sessions-form-export.csv'), '--json', '--db', db]);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ imported: 3, relationships: 2 });
    expect(result.stderr).toContain('Timestamp');
    const list = await sessions(db);
    expect(list.map((s) => [s.date, s.kind, s.level])).toEqual([
      ['2026-07-14', 'one-to-one', 'organisation'],
      ['2026-07-21', 'shadowing', 'team'],
      ['2026-07-28', 'critical-friend', 'department'],
    ]);
    expect(list[0]).toMatchObject({ themes: ['Career progression', 'Belonging'], livedExperience: true, notes: 'First meeting at last' });
  });

  it.each([
    ['unknown-pair.csv', /unknown-pair\.csv:2 column A \(pair_id\) "999": there is no relationship #999/],
    ['future-date.csv', /future-date\.csv:3 column B \(date\) "2026-08-15": 15 Aug 2026 is in the future/],
    ['before-any-relationship.csv', /:2 column A \(mentee_id\) "10000001": 10000001 is not the mentee of any relationship running on 2025-12-20/],
    ['bad-kind.csv', /:2 column D \(kind\) "obsrvation": .*did you mean "observation"\?/],
    ['bad-minutes.csv', /:3 column C \(minutes\) "700": expected a whole number of minutes from 1 to 600/],
    ['not-a-mentor.csv', /:2 column H \(mentors\) "10000099": 10000099 is not a mentor in relationship/],
    ['duplicate-in-file.csv', /:3 column B \(date\) "2026-03-02": the same session .* is already on line 2/],
    ['missing-date.csv', /:2 column B \(date\) "": the date is missing/],
    ['no-relationship-column.csv', /has no pair_id or mentee_id/],
    ['bad-lived-experience.csv', /:2 column G \(lived_experience\) "maybe"/],
  ])('%s is refused with line, column and value, and the database is unchanged', async (file, message) => {
    const { dir, db } = await setUp();
    const before = snapshotFolder(dir);
    const result = await run(['import-sessions', join(FIXTURES, 'bad-sessions', file), '--db', db]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(message);
    expect(snapshotFolder(dir)).toEqual(before);
  });

  it('refuses a mentee with two relationships on the date and asks for pair_id', async () => {
    const { dir, db, pairs } = await setUp();
    // A second relationship for the same mentee, in a second cohort over the same months.
    await run(['cohort', 'create', '2', '--start', '2026-02-01', '--end', '2026-12-31', '--db', db]);
    const mentee = pairs[0].mentee.staffId;
    expect((await run(['pair', 'add', '--cohort', '2', '--mentee', mentee, '--mentor', '10000087', '--force', '--start', '2026-02-01', '--db', db])).code).toBe(
      0,
    );
    const file = join(dir, 'ambiguous.csv');
    writeFileSync(file, `mentee_id,date,minutes,kind,level\n${mentee},2026-03-02,45,one-to-one,team\n`);
    const result = await run(['import-sessions', file, '--db', db]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/has 2 relationships running on 2026-03-02 \(#\d+, #\d+\); give pair_id/);
  });
});

describe('remedi sessions edit, delete and list', () => {
  it('edits only the fields given, checks the result, and deletes with --yes', async () => {
    const { db, pairs } = await setUp();
    const logged = await logSession(db, String(pairs[0].id), '2026-03-02', {}, '--theme', 'belonging', '--json');
    const id = JSON.parse(logged.stdout).id as number;
    const edited = await run(['sessions', 'edit', String(id), '--minutes', '90', '--theme', 'speaking up', '--json', '--db', db]);
    expect(edited.code, edited.stderr).toBe(0);
    expect(JSON.parse(edited.stdout)).toMatchObject({ id, minutes: 90, themes: ['speaking up'], kind: 'one-to-one', date: '2026-03-02' });
    const bad = await run(['sessions', 'edit', String(id), '--date', '2026-12-01', '--db', db]);
    expect(bad.code).toBe(1);
    expect((await sessions(db))[0].date).toBe('2026-03-02');

    const noYes = await run(['sessions', 'delete', String(id), '--db', db]);
    expect(noYes.code).toBe(2);
    expect(noYes.stderr).toContain('needs --yes');
    expect(await sessions(db)).toHaveLength(1);
    expect((await run(['sessions', 'delete', String(id), '--yes', '--db', db])).code).toBe(0);
    expect(await sessions(db)).toHaveLength(0);
    expect((await run(['sessions', 'delete', String(id), '--yes', '--db', db])).code).toBe(1);
  });

  it('--mentor takes a name, an email or a staff id, as log-session does; an unknown name changes nothing', async () => {
    const { dir, db, pairs } = await setUp();
    // Siobhán Kelly's trio: Mei Chen (10000026) and Nia Campbell (10000055).
    const trio = pairs.find((p) => p.mentee.name === 'Siobhán Kelly')!;
    const logged = await logSession(db, String(trio.id), '2026-03-02', {}, '--json');
    const id = String(JSON.parse(logged.stdout).id);
    const byName = await run(['sessions', 'edit', id, '--mentor', 'mei chen', '--json', '--db', db]);
    expect(byName.code, byName.stderr).toBe(0);
    expect(JSON.parse(byName.stdout).mentors).toEqual(['10000026']);
    const byEmail = await run(['sessions', 'edit', id, '--mentor', 'Nia.Campbell@NHS.net', '--mentor', '10000055', '--json', '--db', db]);
    expect(byEmail.code, byEmail.stderr).toBe(0);
    expect(JSON.parse(byEmail.stdout).mentors).toEqual(['10000055']);

    const before = snapshotFolder(dir);
    const unknown = await run(['sessions', 'edit', id, '--mentor', 'Mei Chan', '--db', db]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/Not saved: there is nobody called "Mei Chan" \(by staff id, email or name\)\. Did you mean 10000026 Mei Chen \(Pharmacy\)/);
    const notTheirs = await run(['sessions', 'edit', id, '--mentor', 'Tendai Moyo', '--db', db]);
    expect(notTheirs.code).toBe(1);
    expect(notTheirs.stderr).toMatch(
      /Tendai Moyo \(10000034\) is not a mentor in relationship #\d+ \(its mentors: Mei Chen \(10000026\), Nia Campbell \(10000055\)\)/,
    );
    expect(snapshotFolder(dir)).toEqual(before);
    expect((await sessions(db))[0].mentors).toEqual(['10000055']);
  });

  it("lists every session, or one relationship's, or one cohort's", async () => {
    const { db, pairs } = await setUp();
    await run(['import-sessions', join(FIXTURES, 'sessions.csv'), '--db', db]);
    expect(await sessions(db)).toHaveLength(138);
    const one = await sessions(db, '--pair', String(pairs[0].id));
    expect(one.length).toBeGreaterThan(0);
    expect(one.every((s) => s.pairId === pairs[0].id)).toBe(true);
    expect(await sessions(db, '--cohort', '1')).toHaveLength(138);
    const table = await run(['sessions', 'list', '--pair', String(pairs[0].id), '--db', db]);
    expect(table.stdout.split('\n')[0]).toMatch(/^Id\s+Pair\s+Date\s+Minutes\s+Kind\s+Level/);
  });

  it('--staff lists the sessions of the relationships a person is the mentee or a mentor of, named by name or staff id', async () => {
    const { db, pairs } = await setUp();
    await run(['import-sessions', join(FIXTURES, 'sessions.csv'), '--db', db]);
    const trio = pairs.find((p) => p.mentors.length === 2)!;
    const ids = (list: SessionJson[]) => list.map((s) => s.id);
    const ofPair = await sessions(db, '--pair', String(trio.id));
    expect(ofPair.length).toBeGreaterThan(0);
    expect(ids(await sessions(db, '--staff', trio.mentee.name.toUpperCase()))).toEqual(ids(ofPair));
    const mentor = trio.mentors[1].staffId;
    const asMentor = await sessions(db, '--staff', mentor);
    const mentorPairs = new Set(pairs.filter((p) => p.mentors.some((m) => m.staffId === mentor)).map((p) => p.id));
    expect(asMentor.length).toBeGreaterThan(0);
    expect(asMentor.every((s) => mentorPairs.has(s.pairId))).toBe(true);
    expect(ids(asMentor)).toEqual(ids((await sessions(db)).filter((s) => mentorPairs.has(s.pairId))));
    const unknown = await run(['sessions', 'list', '--staff', 'Nobody Atall', '--db', db]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('There is nobody called "Nobody Atall"');
    const none = await run(['sessions', 'list', '--staff', 'Chidi Eze', '--db', db]);
    expect(none.code).toBe(0);
    expect(none.stderr).toContain('No sessions recorded for Chidi Eze (10000065).');
  });

  it("--csv lists sessions with the mentee's and the mentors' names, formulas neutralised", async () => {
    const { db, pairs } = await setUp();
    const trio = pairs.find((p) => p.mentors.length === 2)!;
    const mentor = trio.mentors[0].staffId;
    const logged = await logSession(
      db,
      String(trio.id),
      '2026-03-12',
      { kind: 'observation' },
      '--theme',
      'speaking up',
      '--theme',
      'recruitment panels',
      '--mentor',
      mentor,
      '--lived-experience',
      '--notes',
      '=1+2',
      '--json',
    );
    expect(logged.code, logged.stderr).toBe(0);
    const id = JSON.parse(logged.stdout).id as number;
    const result = await run(['sessions', 'list', '--pair', String(trio.id), '--csv', '--db', db]);
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.trim().split('\r\n');
    expect(lines[0]).toBe(
      'session_id,relationship_id,cohort,date,minutes,kind,level,mentee_id,mentee_name,mentor_ids,mentor_names,lived_experience,themes,notes',
    );
    const people = JSON.parse((await run(['staff', 'list', '--json', '--db', db])).stdout) as Array<{ staffId: string; name: string }>;
    const mentorName = people.find((p) => p.staffId === mentor)!.name;
    expect(lines[1]).toBe(
      `${id},${trio.id},1,2026-03-12,45,observation,team,${trio.mentee.staffId},${trio.mentee.name},${mentor},${mentorName},yes,speaking up; recruitment panels,'=1+2`,
    );
    expect((await run(['sessions', 'list', '--csv', '--json', '--db', db])).code).toBe(2);
  });

  it('pair --replace keeps relationships that have sessions', async () => {
    const { db, pairs } = await setUp();
    await run(['log-session', '--pair', String(pairs[0].id), '--date', '2026-03-02', '--minutes', '45', '--kind', 'one-to-one', '--level', 'team', '--db', db]);
    const replaced = JSON.parse((await run(['pair', '--trios', '--replace', '--save', '--json', '--db', db])).stdout);
    expect(replaced.notes[0]).toContain(`removed ${pairs.length - 1} relationships with no sessions`);
    const list = JSON.parse((await run(['pair', 'list', '--json', '--db', db])).stdout) as Array<{ id: number }>;
    expect(list.map((r) => r.id)).toContain(pairs[0].id);
    expect(list).toHaveLength(pairs.length);
  });
});

describe('import-sessions into a database from an older remedi', () => {
  it('brings it up to date first, says so and names the copy of it as it was, then imports', async () => {
    const dir = tempDir();
    const db = join(dir, 'remedi.db');
    // A database as remedi left it at schema 4: one mentee and one mentor, paired in cohort 1.
    const old = new Database(db);
    old.exec(MIGRATIONS.slice(0, 4).join('\n'));
    old.pragma('user_version = 4');
    old.exec(`
      INSERT INTO staff (staff_id, name, band, added_on, updated_on) VALUES ('1', 'Ann Lee', '8a', '2026-01-01', '2026-01-01'), ('2', 'Ben Okafor', '3', '2026-01-01', '2026-01-01');
      INSERT INTO cohorts (number, start_date, end_date) VALUES (1, '2026-01-05', '2026-09-30');
      INSERT INTO relationships (cohort, mentee_id, type, start_date, created_on) VALUES (1, '1', 'general', '2026-01-05', '2026-01-02');
      INSERT INTO relationship_mentors (relationship_id, mentor_id) VALUES (1, '2');`);
    old.close();
    const file = join(dir, 'log.csv');
    writeFileSync(file, 'pair_id,date,minutes,kind,level\n1,2026-03-02,45,one-to-one,team\n');

    const result = await run(['import-sessions', file, '--db', db]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe('Imported log.csv: recorded 1 session for 1 relationship.\n');
    const backup = `${db}.before-update-from-schema-4`;
    expect(result.stderr).toContain(`Updated the database for this version of remedi; the database as it was is saved as ${backup}.\n`);
    expect(existsSync(backup)).toBe(true);
    expect(await sessions(db)).toMatchObject([{ pairId: 1, date: '2026-03-02', mentors: ['2'] }]);
  });
});

/** The process contract, with the real binary: exit codes, and data on stdout with talk on stderr. */
describe('the sessions commands as a process', () => {
  const real = (args: string[]) => remedi(args, { env: TODAY });

  it('log-session, import-sessions and sessions list, edit and delete: a success and a refusal each', async () => {
    const { db, pairs } = await setUp();
    const flags = ['--pair', String(pairs[0].id), '--date', '2026-03-02', '--minutes', '45', '--kind', 'one-to-one', '--level', 'team', '--db', db];
    const logged = real(['log-session', ...flags, '--json']);
    expect(logged.code, logged.stderr).toBe(0);
    expect(logged.stderr).toBe('');
    const id = (JSON.parse(logged.stdout) as SessionJson).id;
    expect(real(['log-session', ...flags])).toEqual({
      code: 1,
      stdout: '',
      stderr: expect.stringMatching(/^remedi: Not saved: a one-to-one session on 2 Mar 2026 is already recorded for relationship #\d+ \(add --force/),
    });
    expect(real(['log-session', '--pair', String(pairs[0].id), '--db', db])).toMatchObject({
      code: 2,
      stdout: '',
      stderr: expect.stringContaining('Missing --date'),
    });

    const imported = real(['import-sessions', join(FIXTURES, 'sessions-form-export.csv'), '--dry-run', '--db', db]);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toBe('Dry run of sessions-form-export.csv: nothing was written. Importing it would record 3 sessions for 2 relationships.\n');
    expect(imported.stderr).toContain('Timestamp');
    const refused = real(['import-sessions', join(FIXTURES, 'bad-sessions', 'unknown-pair.csv'), '--db', db]);
    expect(refused).toMatchObject({ code: 1, stdout: '', stderr: expect.stringMatching(/there is no relationship #999/) });

    const list = real(['sessions', 'list', '--json', '--db', db]);
    expect(list.code, list.stderr).toBe(0);
    expect((JSON.parse(list.stdout) as SessionJson[]).map((s) => s.id)).toEqual([id]);
    expect(real(['sessions', 'list', '--json', '--csv', '--db', db])).toEqual({ code: 2, stdout: '', stderr: 'remedi: Choose one of --json and --csv.\n' });

    expect(real(['sessions', 'edit', String(id), '--minutes', '60', '--db', db])).toEqual({ code: 0, stdout: `Updated session #${id}.\n`, stderr: '' });
    expect(real(['sessions', 'edit', '999', '--minutes', '60', '--db', db])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'remedi: There is no session #999.\nSee the sessions with remedi sessions list.\n',
    });

    expect(real(['sessions', 'delete', String(id), '--db', db])).toMatchObject({ code: 2, stdout: '', stderr: expect.stringContaining('needs --yes') });
    expect(real(['sessions', 'delete', String(id), '--yes', '--db', db])).toEqual({ code: 0, stdout: `Deleted session #${id}.\n`, stderr: '' });
  });
});
