/**
 * The process contract of `remedi cohort`, `staff` and `department`, from the real binary:
 * exit status, data on stdout and talk on stderr, and the mode of the file a command creates.
 * What each command does is tested in-process (cohort, enrol, staff, department tests).
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, remedi, snapshotFolder, tempDir } from '../helpers/cli.js';

describe('cohort create', () => {
  it('creates the database readable by its owner only, saying so on stderr; a second cohort 1 is refused with exit 1', () => {
    const dir = tempDir();
    const db = join(dir, 'remedi.db');
    const created = remedi(['cohort', 'create', '1', '--start', '2026-01-05', '--end', '2026-09-30', '--db', db]);
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toBe('Created cohort 1: 5 Jan 2026 to 30 Sep 2026, at least 8 months with 2 sessions a month.\n');
    expect(created.stderr).toBe(`Created the remedi database ${db} (readable by you only).\n`);
    expect(statSync(db).mode & 0o777).toBe(0o600);
    const again = remedi(['cohort', 'create', '1', '--start', '2026-01-05', '--end', '2026-09-30', '--db', db]);
    expect([again.code, again.stdout]).toEqual([1, '']);
    expect(again.stderr).toContain('Cohort 1 already exists.');
  });

  it('a usage mistake exits 2 and leaves no file', () => {
    const dir = tempDir();
    const result = remedi(['cohort', 'create', '1', '--start', '2026-01-05', '--db', join(dir, 'remedi.db')]);
    expect([result.code, result.stdout]).toEqual([2, '']);
    expect(result.stderr).toContain('A new cohort needs --start and --end dates.');
    expect(snapshotFolder(dir)).toEqual({});
  });
});

describe('the other commands of cohort, staff and department', () => {
  let db = '';
  // One database for every row (set up once: each real run starts a process); tempDir() is per test.
  const dir = mkdtempSync(join(tmpdir(), 'remedi-test-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  beforeAll(() => {
    db = join(dir, 'remedi.db');
    expect(remedi(['cohort', 'create', '1', '--start', '2026-01-05', '--end', '2026-09-30', '--db', db]).code).toBe(0);
    expect(remedi(['import', join(FIXTURES, 'roster.csv'), '--cohort', '1', '--db', db]).code).toBe(0);
    expect(remedi(['cohort', 'create', '2', '--start', '2026-10-01', '--end', '2027-06-30', '--db', db]).code).toBe(0);
  });

  // [command, what stdout holds on success], then a refusal with its exit code and message.
  it.each([
    [['cohort', 'edit', '2', '--name', 'Autumn'], /^Updated cohort 2 \(Autumn\)/, ['cohort', 'edit', '9', '--name', 'x'], 1, 'Cohort 9 does not exist.'],
    [['cohort', 'list', '--csv'], /^cohort,name,start,end/, ['cohort', 'list', '--csv', '--json'], 2, 'Choose one of --json and --csv.'],
    [['cohort', 'enrol', '2', '--mentee', '10000001'], /^Cohort 2: 1 person enrolled/, ['cohort', 'enrol', '2'], 2, 'Say who to enrol'],
    [['cohort', 'withdraw', '2', '10000001'], /^Withdrew 1 person from cohort 2/, ['cohort', 'withdraw', '2', '10000002'], 1, 'is not enrolled in cohort 2'],
    [['staff', 'list', '--cohort', '1', '--json'], /^\[\n/, ['staff', 'list', '--cohort', '7'], 1, 'Cohort 7 does not exist.'],
    [['staff', 'find', 'kelly', '--csv'], /^Staff id,Name/, ['staff', 'find', ' '], 2, 'Nothing to look for'],
    [['staff', 'show', '10000065', '--json'], /^\{\n {2}"person"/, ['staff', 'show', 'nobody at all'], 1, 'There is nobody called "nobody at all"'],
    [['staff', 'edit', '10000065', '--capacity', '2'], /set by hand:\n {2}capacity: \d+ -> 2/, ['staff', 'edit', '10000065'], 2, 'Nothing to change'],
    [
      ['staff', 'train', '10000065', '--on', '2026-02-10'],
      /^Recorded RACE training on 10 Feb 2026/,
      ['staff', 'train', '10000065', '--on', '2026-04-01'],
      1,
      'is in the future',
    ],
    [['department', 'target', 'Surgery'], /^Surgery is now a targeted department/, ['department', 'target', 'Surgry'], 1, 'Did you mean "Surgery"?'],
    [['department', 'list', '--csv'], /^department,staff,targeted/, ['department', 'list', '--csv', '--json'], 2, 'Choose one of --json and --csv.'],
  ])('%j prints data on stdout; a refusal prints one message on stderr and nothing on stdout', (ok, stdout, refused, code, message) => {
    const success = remedi([...ok, '--db', db]);
    expect(success.code, success.stderr).toBe(0);
    expect(success.stdout).toMatch(stdout);
    const refusal = remedi([...refused, '--db', db]);
    expect([refusal.code, refusal.stdout]).toEqual([code, '']);
    expect(refusal.stderr).toContain(message);
  });
});
