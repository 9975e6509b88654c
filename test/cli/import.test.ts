import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, remedi, snapshotFolder, tempDir } from '../helpers/cli.js';
import { run } from '../helpers/inProcess.js';

const fixture = (name: string) => join(FIXTURES, name);

interface StaffJson {
  staffId: string;
  name: string;
  department: string | null;
  band: string | null;
  seniority: string | null;
  bme: string;
  functions: string[];
  boardMember: boolean;
  lineManagerId: string | null;
  raceTrainedOn: string | null;
  raceTrained: boolean;
  capacity: number;
  active: boolean;
  role?: string;
}

async function staffList(db: string, ...extra: string[]): Promise<StaffJson[]> {
  const result = await run(['staff', 'list', '--json', '--db', db, ...extra]);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as StaffJson[];
}

describe('remedi import on the bundled ESR-style roster', () => {
  it('lands all 90 people with their classification, and the database is owner-only', async () => {
    const db = join(tempDir(), 'remedi.db');
    // The real binary: the file mode depends on the umask a process sets.
    const result = remedi(['import', fixture('roster.csv'), '--db', db]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('90 added, 0 updated, 0 unchanged');
    expect(result.stderr).toContain(`Created the remedi database ${db}`);
    expect(statSync(db).mode & 0o777).toBe(0o600);

    const people = await staffList(db);
    expect(people).toHaveLength(90);
    expect(people.filter((p) => p.boardMember)).toHaveLength(8);
    const byId = new Map(people.map((p) => [p.staffId, p]));
    // The Medical Director: board member with no band, clinical by staff group.
    expect(byId.get('10000003')).toMatchObject({ band: null, seniority: 'senior', functions: ['strategic', 'clinical'] });
    // The explicit bme column overrides a blank ethnicity and a "not stated" one.
    expect(byId.get('10000062')?.bme).toBe('yes');
    expect(byId.get('10000075')?.bme).toBe('no');
    // Front line is taken as stated; blank function cells are derived.
    expect(byId.get('10000052')?.functions).toEqual(['front line']);
    expect(byId.get('10000010')).toMatchObject({ band: 'Consultant', seniority: 'senior', functions: ['managerial', 'clinical'] });
    expect(byId.get('10000023')).toMatchObject({ capacity: 2, raceTrained: true, raceTrainedOn: '2024-09-12' });
    expect(byId.get('10000071')?.capacity).toBe(0);
    expect(people.every((p) => p.active)).toBe(true);
  });

  it('warns about a line manager it does not know, and imports all the same', async () => {
    const db = join(tempDir(), 'remedi.db');
    const result = await run(['import', fixture('roster.csv'), '--db', db]);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/roster\.csv:92 column L \(Line Manager Employee Number\) "19999999": line manager 19999999 is not/);
  });

  it('enrols people by their role only when a cohort is named', async () => {
    const dir = tempDir();
    const db = join(dir, 'remedi.db');
    const withoutCohort = await run(['import', fixture('roster.csv'), '--db', db, '--json']);
    expect(withoutCohort.code).toBe(0);
    expect(JSON.parse(withoutCohort.stdout)).toMatchObject({ enrolled: 0, rolesNotApplied: 42 });
    expect(withoutCohort.stderr).toContain('no roles were applied');
    expect(withoutCohort.stderr).toContain('--cohort N');

    expect((await run(['cohort', 'create', '1', '--start', '2026-01-05', '--end', '2026-09-30', '--db', db])).code).toBe(0);
    const withCohort = await run(['import', fixture('roster.csv'), '--cohort', '1', '--db', db, '--json']);
    expect(withCohort.code, withCohort.stderr).toBe(0);
    const summary = JSON.parse(withCohort.stdout);
    expect(summary).toMatchObject({ added: 0, updated: 0, unchanged: 90, notInFile: 0, enrolled: 42 });
    expect(summary.enrolledByRole).toEqual({ mentor: 26, mentee: 12, either: 4 });
    expect(Array.isArray(summary.warnings)).toBe(true);

    const cohort = await staffList(db, '--cohort', '1');
    expect(cohort).toHaveLength(42);
    expect(cohort.find((p) => p.staffId === '10000001')?.role).toBe('mentee');
  });

  it('refuses a cohort that does not exist, writing nothing', async () => {
    const dir = tempDir();
    const db = join(dir, 'remedi.db');
    // The real binary: a refusal's exit status, and nothing on stdout.
    const result = remedi(['import', fixture('roster.csv'), '--cohort', '3', '--db', db]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('Cohort 3 does not exist');
    expect(snapshotFolder(dir)).toEqual({});
  });
});

describe('re-importing updates people by staff id', () => {
  it('reports added, updated, unchanged and not-in-file, and --dry-run writes nothing', async () => {
    const dir = tempDir();
    const db = join(dir, 'remedi.db');
    await run(['import', fixture('roster.csv'), '--db', db]);
    const before = snapshotFolder(dir);

    const dry = await run(['import', fixture('roster-update.csv'), '--db', db, '--dry-run']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('nothing was written');
    expect(dry.stdout).toContain('2 added, 3 updated, 2 unchanged');
    expect(dry.stdout).toContain('10000055 Nia Campbell: band Band 6 -> Band 7');
    expect(snapshotFolder(dir)).toEqual(before);

    const real = await run(['import', fixture('roster-update.csv'), '--db', db, '--json']);
    expect(real.code).toBe(0);
    expect(JSON.parse(real.stdout)).toMatchObject({ dryRun: false, added: 2, updated: 3, unchanged: 2, notInFile: 85, markedLeft: 0 });
    const nia = (await staffList(db)).find((p) => p.staffId === '10000055');
    expect(nia).toMatchObject({ band: '7', seniority: 'middle' });
  });

  it('marks people missing from a whole staff list as left, and a leaver who returns is active again', async () => {
    const db = join(tempDir(), 'remedi.db');
    await run(['import', fixture('roster.csv'), '--db', db]);
    const partial = await run(['import', fixture('roster-update.csv'), '--db', db, '--missing-left', '--yes', '--json']);
    expect(JSON.parse(partial.stdout)).toMatchObject({ notInFile: 85, markedLeft: 85 });
    let people = await staffList(db);
    expect(people).toHaveLength(92);
    expect(people.filter((p) => !p.active)).toHaveLength(85);

    const back = await run(['import', fixture('roster.csv'), '--db', db, '--json']);
    expect(JSON.parse(back.stdout)).toMatchObject({ updated: 85 + 3, markedLeft: 0 });
    people = await staffList(db);
    expect(people.filter((p) => !p.active)).toHaveLength(0);
  });
});

describe('rosters as other exports write them', () => {
  it('reads a different HR export (ESR headers, forename and surname, codes in values) with --map', async () => {
    const db = join(tempDir(), 'remedi.db');
    const result = await run(['import', fixture('esr-export.csv'), '--db', db, '--map', 'Organisation=department']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('Assignment Number, Title, Supervisor, FTE');
    const byId = new Map((await staffList(db)).map((p) => [p.staffId, p]));
    expect(byId.size).toBe(10);
    const expected: Array<[string, Partial<StaffJson>]> = [
      [
        '70000001',
        { name: 'Ngozi Okafor', department: 'Trust Board', boardMember: true, bme: 'yes', seniority: 'senior', functions: ['strategic', 'clinical'] },
      ],
      ['70000002', { band: 'VSM', boardMember: true, bme: 'no', functions: ['strategic'] }],
      ['70000003', { band: '8c', seniority: 'senior', bme: 'no', functions: ['managerial'] }],
      ['70000004', { band: '8a', seniority: 'middle', bme: 'yes', functions: [] }],
      ['70000005', { band: '5', seniority: 'junior', bme: 'yes', functions: ['clinical'], lineManagerId: '70000006' }],
      ['70000007', { band: 'Consultant', seniority: 'senior', bme: 'unknown', functions: ['managerial', 'clinical'] }],
      ['70000008', { band: 'FY1', seniority: 'junior', bme: 'yes', functions: ['clinical'] }],
      ['70000010', { band: '8b', seniority: 'middle', bme: 'unknown' }],
    ];
    for (const [id, fields] of expected) expect(byId.get(id), id).toMatchObject(fields);
  });

  it.each([
    ['roster-excel-1252.csv', '30000002', 'Jörg Schröder'],
    ['roster-tab.tsv', '40000001', 'Samira Haddad'],
    ['roster-plain.csv', '20000001', undefined],
  ])('reads %s (encoding and delimiter detected)', async (file, id, name) => {
    const db = join(tempDir(), 'remedi.db');
    const result = await run(['import', fixture(file), '--db', db]);
    expect(result.code, result.stderr).toBe(0);
    const person = (await staffList(db)).find((p) => p.staffId === id);
    expect(person).toBeDefined();
    if (name) expect(person?.name).toBe(name);
  });
});

describe('a refused import changes nothing', () => {
  it.each([
    ['missing-staff-id.csv', /missing-staff-id\.csv:4 column A \(staff_id\) "": the staff id is missing/],
    ['duplicate-staff-id.csv', /duplicate-staff-id\.csv:5 column A \(staff_id\) "50000003": staff id 50000003 is already on line 4/],
    ['unknown-band.csv', /unknown-band\.csv:3 column E \(band\) "Band 10": not a pay band; expected a band such as/],
    ['bad-date.csv', /bad-date\.csv:4 column I \(race_trained\) "2024-02-30": .*Feb 2024 has no day 30/],
    ['us-date.csv', /us-date\.csv:3 column I \(race_trained\) "03\/25\/2024": .*US month-first/],
    ['bad-yes-no.csv', /bad-yes-no\.csv:5 column G \(board_member\) "maybe": expected yes or no/],
    ['bad-email.csv', /bad-email\.csv:3 column C \(email\) "jane\.doe@": not an email address/],
    ['bad-capacity.csv', /bad-capacity\.csv:5 column J \(capacity\) "1\.5": expected a whole number/],
    ['ragged-row.csv', /ragged-row\.csv:3: this row has 12 fields but the header has 10/],
    ['unclosed-quote.csv', /unclosed-quote\.csv:3: a quoted field opened on line 3 is never closed/],
    ['overlong-field.csv', /overlong-field\.csv:3 column B \(name\) .*over-long field of 5000 characters/],
    ['empty.csv', /empty\.csv is empty/],
    ['header-only.csv', /header-only\.csv has a header row but nobody in it/],
    ['utf16.csv', /utf16\.csv is saved as UTF-16.*\n.*CSV UTF-8/],
    ['duplicate-headers.csv', /column C \(Pay Band\) and column D \(band\) both mean band/],
    ['multi-line-record.csv', /multi-line-record\.csv:5 column F \(band\) "Band 99"/],
    ['binary-junk.csv', /binary-junk\.csv is not a text CSV file: it has a zero byte/],
    ['not-utf8-nor-1252.csv', /not-utf8-nor-1252\.csv is neither UTF-8 nor Windows-1252/],
  ])('%s: exit 1, names the line, column and value, database byte-for-byte unchanged', async (file, message) => {
    const dir = tempDir();
    const db = join(dir, 'remedi.db');
    expect((await run(['import', fixture('roster-plain.csv'), '--db', db])).code).toBe(0);
    const before = snapshotFolder(dir);

    const result = await run(['import', fixture(join('bad', file)), '--db', db]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(result.stdout).toBe('');
    expect(snapshotFolder(dir)).toEqual(before);
  });

  it('groups the same problem on many rows into one line, with the total', async () => {
    const dir = tempDir();
    const result = await run(['import', fixture('bad/many-errors.csv'), '--db', join(dir, 'remedi.db')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('30 problems found, and nothing was written');
    expect(result.stderr).toContain('many-errors.csv column E (band): 30 rows hold "Band X" (lines 2, 3, 4, 5, 6 and 25 more): not a pay band');
    // A refused first import does not even leave an empty database behind.
    expect(snapshotFolder(dir)).toEqual({});
  });

  it('refuses a 10 MB field on the line its record starts, without reading it into a row', async () => {
    const dir = tempDir();
    const db = join(dir, 'remedi.db');
    expect((await run(['import', fixture('roster-plain.csv'), '--db', db])).code).toBe(0);
    const before = snapshotFolder(dir);
    const huge = join(tempDir(), 'huge.csv');
    writeFileSync(huge, `staff_id,name,band\n1,Ann Lee,5\n2,${'x'.repeat(10 * 1024 * 1024)},6\n3,Bob,4\n`);
    const result = await run(['import', huge, '--db', db]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^remedi: huge\.csv:3: the record starting here is over 1,000,000 characters long/);
    expect(snapshotFolder(dir)).toEqual(before);
  });

  it('refuses a missing file, a folder, and a file that is not a database', async () => {
    const dir = tempDir();
    const db = join(dir, 'remedi.db');
    const missing = await run(['import', join(dir, 'nope.csv'), '--db', db]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('nope.csv: no such file');
    const folder = await run(['import', dir, '--db', db]);
    expect(folder.code).toBe(1);
    expect(folder.stderr).toContain('is a folder');
    const notDb = await run(['import', fixture('roster-plain.csv'), '--db', fixture('roster-plain.csv')]);
    expect(notDb.code).toBe(1);
    expect(notDb.stderr).toContain('is not a remedi database');
    expect(snapshotFolder(dir)).toEqual({});
  });
});

describe('command-line mistakes exit 2', () => {
  it.each([
    [['import'], /missing required argument/],
    [['import', 'x.csv', '--bogus'], /unknown option '--bogus'/],
    [['import', 'x.csv', '--cohort', 'abc'], /Expected a cohort number/],
    [['import', 'x.csv', '--encoding', 'latin9'], /Allowed choices are utf-8, windows-1252/],
    [['import', 'fixtures/roster.csv', '--map', 'Nope'], /is not "CSV header=field"/],
    [['import', 'fixtures/roster.csv', '--map', 'Nope=band'], /does not have/],
    [['frobnicate'], /unknown command/],
  ])('remedi %j', async (args, message) => {
    const dir = tempDir();
    const result = await run([...args, '--db', join(dir, 'remedi.db')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(snapshotFolder(dir)).toEqual({});
  });

  it('exits 2 from the real binary too, the message on stderr only', () => {
    const dir = tempDir();
    const result = remedi(['import', 'x.csv', '--bogus', '--db', join(dir, 'remedi.db')]);
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toMatch(/unknown option '--bogus'/);
  });
});
