import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, remedi, snapshotFolder, tempDir } from '../helpers/cli.js';
import { run as inProcess } from '../helpers/inProcess.js';

/**
 * The line the README's "Collecting sessions with a form" section gives, word for word;
 * the tests run it on each fixture export in place of form-responses.csv.
 */
const README_LINE =
  'remedi import-sessions form-responses.csv --map "Your mentee\'s full name=mentee" --map "Date of the session=date" --map "How long was it (minutes)?=minutes" --map "What kind of session was it?=kind" --map "Which level did it focus on?=level" --map "Themes that came up (separate with ;)=themes" --map "Did it explore lived experience?=lived_experience" --map "Anything else?=notes"';

/** The README line as a shell splits it (double quotes only), without "remedi", on this file. */
function readmeArgs(file: string, ...extra: string[]): string[] {
  const words = [...README_LINE.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]);
  expect(words.slice(0, 3)).toEqual(['remedi', 'import-sessions', 'form-responses.csv']);
  return ['import-sessions', file, ...words.slice(3), ...extra];
}

const MS = join(FIXTURES, 'forms', 'ms-forms-sessions.csv');
const GOOGLE = join(FIXTURES, 'forms', 'google-forms-sessions.csv');

interface SessionJson {
  pairId: number;
  date: string;
  kind: string;
  level: string;
  themes: string[];
  livedExperience: boolean;
  mentors: string[];
  notes: string | null;
}

/** The fixture roster paired in trios on 5 Jan 2026 (as fixtures/README.md says); imports run on 15 Mar 2026. */
async function setUp() {
  const dir = tempDir();
  const db = join(dir, 'remedi.db');
  const setup = async (args: string[]) => expect((await inProcess([...args, '--db', db], { env: { REMEDI_TODAY: '2026-01-05' } })).code).toBe(0);
  await setup(['cohort', 'create', '1', '--start', '2026-01-05', '--end', '2026-09-30']);
  await setup(['import', join(FIXTURES, 'roster.csv'), '--cohort', '1']);
  await setup(['pair', '--cohort', '1', '--trios', '--save', '--start', '2026-01-05']);
  // In-process (test/helpers/inProcess.ts); the process contract is checked with the real binary at the end.
  const run = (args: string[]) => inProcess([...args, '--db', db]);
  const pairs = JSON.parse((await run(['pair', 'list', '--json'])).stdout) as Array<{ id: number; mentee: { name: string } }>;
  const pairOf = (mentee: string) => pairs.find((p) => p.mentee.name === mentee)!.id;
  const sessions = async (): Promise<SessionJson[]> => JSON.parse((await run(['sessions', 'list', '--json'])).stdout);
  return { dir, db, run, pairOf, sessions };
}

/** A copy of a fixture with one text replaced (on its first occurrence). */
function edited(dir: string, fixture: string, from: string, to: string): string {
  const file = join(dir, 'form-responses.csv');
  const text = readFileSync(fixture, 'utf8');
  expect(text).toContain(from);
  writeFileSync(file, text.replace(from, to));
  return file;
}

describe("import-sessions of a Microsoft Forms or Google Forms export, with the README's line", () => {
  it("imports the Microsoft Forms export: mentees by name (accents or not), the respondent as the mentor present, one notice for the form's own columns", async () => {
    const { run, pairOf, sessions } = await setUp();
    const result = await run(readmeArgs(MS));
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe('Imported ms-forms-sessions.csv: recorded 26 sessions for 6 relationships.\n');
    expect(result.stderr.trim().split('\n')).toEqual([
      'ms-forms-sessions.csv:1: ignored 5 columns remedi does not use: ID, Start time, Completion time, Name, Last modified time (map one with --map "Header=field" if it matters)',
    ]);
    const all = await sessions();
    const margaret = all.filter((s) => s.pairId === pairOf('Margaret Ellison'));
    // "margaret ellison" and "Margaret  Ellison" are her too; Priya Sharma and Tendai Moyo filled in the form.
    expect(margaret.map((s) => [s.date, s.mentors])).toEqual([
      ['2026-01-08', ['10000024']],
      ['2026-01-21', ['10000034']],
      ['2026-02-04', ['10000024']],
      ['2026-02-18', ['10000034']],
      ['2026-03-04', ['10000024']],
    ]);
    expect(margaret[0]).toMatchObject({
      kind: 'one-to-one',
      level: 'organisation',
      themes: ['Career progression', 'Board visibility'],
      livedExperience: true,
      notes: 'First meeting: agreed ground rules',
    });
    // "Siobhan Kelly", "SIOBHAN KELLY" and "Siobhán Kelly" are one person.
    expect(all.filter((s) => s.pairId === pairOf('Siobhán Kelly'))).toHaveLength(5);
    // Rajesh Kapoor filled in one form himself: both his mentors count as present.
    const rajesh = all.find((s) => s.pairId === pairOf('Rajesh Kapoor') && s.date === '2026-02-09')!;
    expect(rajesh.mentors).toEqual(['10000057', '10000059']);
  });

  it('imports the Google Forms export', async () => {
    const { run, pairOf, sessions } = await setUp();
    const result = await run(readmeArgs(GOOGLE, '--json'));
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ dryRun: false, imported: 21, duplicatesSkipped: 0, relationships: 6 });
    expect(result.stderr).toContain('ignored a column remedi does not use: Timestamp');
    const tomasz = (await sessions()).filter((s) => s.pairId === pairOf('Tomasz Nowak'));
    expect(tomasz.map((s) => s.mentors)).toEqual([['10000023'], ['10000053'], ['10000023'], ['10000053'], ['10000023']]);
  });

  it('--dry-run says what it would record and writes nothing', async () => {
    const { dir, run } = await setUp();
    const before = snapshotFolder(dir);
    const result = await run(readmeArgs(MS, '--dry-run'));
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe('Dry run of ms-forms-sessions.csv: nothing was written. Importing it would record 26 sessions for 6 relationships.\n');
    expect(snapshotFolder(dir)).toEqual(before);
  });

  it('re-imports the same cumulative export with --skip-duplicates, and refuses it without', async () => {
    const { dir, run, sessions } = await setUp();
    expect((await run(readmeArgs(GOOGLE))).code).toBe(0);
    const before = snapshotFolder(dir);
    const again = await run(readmeArgs(GOOGLE));
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('21 problems found, and nothing was written');
    expect(snapshotFolder(dir)).toEqual(before);
    const skipped = await run(readmeArgs(GOOGLE, '--skip-duplicates', '--json'));
    expect(skipped.code, skipped.stderr).toBe(0);
    expect(JSON.parse(skipped.stdout)).toMatchObject({ imported: 0, duplicatesSkipped: 21 });
    expect(await sessions()).toHaveLength(21);
  });

  it('refuses an unknown name with the nearest names, and writes nothing', async () => {
    const { dir, run } = await setUp();
    const file = edited(dir, MS, ',Margaret Ellison,21/01/2026', ',Margaret Ellisson,21/01/2026');
    const before = snapshotFolder(dir);
    const result = await run(readmeArgs(file));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('form-responses.csv was not imported: 1 problem found, and nothing was written.');
    expect(result.stderr).toMatch(
      /form-responses\.csv:3 column G \(Your mentee's full name\) "Margaret Ellisson": there is nobody with this staff id, email or name; did you mean 10000001 Margaret Ellison \(\w+\)\?/,
    );
    expect(snapshotFolder(dir)).toEqual(before);
  });

  it('refuses a name two people share, naming both', async () => {
    const { dir, db, run } = await setUp();
    // A second Helen Marsh joins the trust.
    const roster = readFileSync(join(FIXTURES, 'roster.csv'), 'utf8').split('\n');
    const helen = roster.find((line) => line.startsWith('10000005,'))!;
    const newcomer = join(dir, 'newcomer.csv');
    writeFileSync(
      newcomer,
      `${roster[0]}\n${helen.replace('10000005', '10000095').replace('helen.marsh@', 'helen.marsh2@').replace(',Yes,10000001,mentee,', ',No,10000001,,')}\n`,
    );
    expect((await inProcess(['import', newcomer, '--db', db])).code).toBe(0);
    const before = snapshotFolder(dir);
    const result = await run(readmeArgs(MS));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('4 problems found, and nothing was written');
    // The four rows that name her are one grouped line on the terminal.
    expect(result.stderr).toContain(
      'ms-forms-sessions.csv column G (Your mentee\'s full name): 4 rows hold "Helen Marsh" (lines 20, 21, 22, 23): this matches 2 people: 10000005 Helen Marsh (Corporate); 10000095 Helen Marsh (Corporate); give the staff id or email instead',
    );
    expect(snapshotFolder(dir)).toEqual(before);
  });

  it('refuses a mentor present who is not a mentor of the relationship', async () => {
    const { dir, run } = await setUp();
    const file = join(dir, 'with-mentors.csv');
    const [header, first, ...rest] = readFileSync(GOOGLE, 'utf8').trimEnd().split('\r\n');
    writeFileSync(file, [`${header},Who was there?`, `${first},Jessica Lane; chloe.adebayo@nhs.net`, ...rest.map((line) => `${line},`)].join('\r\n'));
    const before = snapshotFolder(dir);
    const result = await run(readmeArgs(file, '--map', 'Who was there?=mentors'));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /with-mentors\.csv:2 column K \(Who was there\?\) "Jessica Lane": Jessica Lane \(10000090\) is not a mentor in relationship #\d+ \(its mentors: Chloe Adebayo \(10000023\), Blessing Chukwu \(10000053\)\)/,
    );
    expect(snapshotFolder(dir)).toEqual(before);
  });
});

/** The process contract, with the real binary: the README's line succeeds with its line on stdout, and a refusal exits 1 with nothing on stdout. */
it("the README's line as a process", async () => {
  const { dir, db } = await setUp();
  const ok = remedi([...readmeArgs(MS, '--dry-run'), '--db', db]);
  expect(ok).toEqual({
    code: 0,
    stdout: 'Dry run of ms-forms-sessions.csv: nothing was written. Importing it would record 26 sessions for 6 relationships.\n',
    stderr: expect.stringContaining('ms-forms-sessions.csv:1: ignored 5 columns'),
  });
  const refused = remedi([...readmeArgs(edited(dir, MS, ',Margaret Ellison,21/01/2026', ',Margaret Ellisson,21/01/2026')), '--db', db]);
  expect(refused).toMatchObject({ code: 1, stdout: '', stderr: expect.stringContaining('form-responses.csv was not imported') });
});
