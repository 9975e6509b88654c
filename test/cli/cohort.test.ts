import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, ROOT, remedi, snapshotFolder, tempDir } from '../helpers/cli.js';
import { run } from '../helpers/inProcess.js';

describe('remedi cohort', () => {
  it('creates with default thresholds, edits, and lists with enrolment counts', async () => {
    const db = join(tempDir(), 'remedi.db');
    const created = await run(['cohort', 'create', '1', '--start', '2026-01-05', '--end', '30/09/2026', '--name', 'Board', '--db', db]);
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toContain('Created cohort 1 (Board): 5 Jan 2026 to 30 Sep 2026, at least 8 months with 2 sessions a month.');

    const edited = await run(['cohort', 'edit', '1', '--min-per-month', '1', '--end', '2026-10-31', '--db', db, '--json']);
    expect(edited.code, edited.stderr).toBe(0);
    expect(JSON.parse(edited.stdout)).toEqual({
      number: 1,
      name: 'Board',
      start: '2026-01-05',
      end: '2026-10-31',
      minMonths: 8,
      minPerMonth: 1,
      meetEvery: null,
    });

    await run(['import', join(FIXTURES, 'roster.csv'), '--cohort', '1', '--db', db]);
    const listed = await run(['cohort', 'list', '--json', '--db', db]);
    expect(JSON.parse(listed.stdout)).toEqual([
      {
        number: 1,
        name: 'Board',
        start: '2026-01-05',
        end: '2026-10-31',
        minMonths: 8,
        minPerMonth: 1,
        meetEvery: null,
        state: 'running',
        month: 3,
        months: 10,
        mentors: 26,
        mentees: 12,
        either: 4,
      },
    ]);
    const table = await run(['cohort', 'list', '--db', db]);
    expect(table.stdout).toMatch(/1\s+Board\s+5 Jan 2026\s+31 Oct 2026\s+running \(month 3 of 10\)\s+8 months, 1\/month\s+12\s+26\s+4/);
  });

  it('refuses a second cohort 1, an edit that would end before it starts, and a missing cohort', async () => {
    const dir = tempDir();
    const db = join(dir, 'remedi.db');
    await run(['cohort', 'create', '1', '--start', '2026-01-05', '--end', '2026-09-30', '--db', db]);
    const before = snapshotFolder(dir);

    const again = await run(['cohort', 'create', '1', '--start', '2026-01-05', '--end', '2026-09-30', '--db', db]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('Cohort 1 already exists');
    const backwards = await run(['cohort', 'edit', '1', '--end', '2025-12-31', '--db', db]);
    expect(backwards.code).toBe(2);
    expect(backwards.stderr).toContain('would end (31 Dec 2025) before it starts (5 Jan 2026)');
    const missing = await run(['cohort', 'edit', '4', '--name', 'x', '--db', db]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('Cohort 4 does not exist');
    expect(snapshotFolder(dir)).toEqual(before);
  });

  it.each([
    [['cohort', 'create', '1', '--start', '2026-01-05'], /needs --start and --end/],
    [['cohort', 'create', '1', '--start', '2026-02-30', '--end', '2026-09-30'], /Feb 2026 has no day 30/],
    [['cohort', 'create', '0', '--start', '2026-01-05', '--end', '2026-09-30'], /Expected a cohort number/],
    [['cohort', 'create', '1', '--start', '2026-01-05', '--end', '2026-09-30', '--min-months', 'eight'], /Expected a number of months/],
  ])('usage mistake %j exits 2 and creates no database', async (args, message) => {
    const dir = tempDir();
    const result = await run([...args, '--db', join(dir, 'remedi.db')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(snapshotFolder(dir)).toEqual({});
  });
});

describe('remedi staff list', () => {
  it('on a missing database says so, exits 1 and creates nothing', () => {
    const dir = tempDir();
    const result = remedi(['staff', 'list'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`There is no remedi database at ${join(dir, 'remedi.db')}`);
    expect(snapshotFolder(dir)).toEqual({});
  });

  it('uses $REMEDI_DB when there is no --db, and marks leavers in the table', async () => {
    const dir = tempDir();
    const env = { REMEDI_DB: join(dir, 'trust.db') };
    await run(['import', join(FIXTURES, 'roster.csv')], { env });
    await run(['import', join(FIXTURES, 'roster-plain.csv'), '--missing-left', '--yes'], { env });
    const table = await run(['staff', 'list'], { env });
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^10000001\s+Margaret Ellison\s+Corporate\s+VSM\s+senior.*left$/m);
    expect(table.stdout).toMatch(/^20000002\s.*active$/m);
    expect(table.stderr).toContain('96 people, 90 of whom have left.');
  });

  it('refuses --cohort for a cohort that does not exist', async () => {
    const db = join(tempDir(), 'remedi.db');
    await run(['import', join(FIXTURES, 'roster-plain.csv'), '--db', db]);
    const result = await run(['staff', 'list', '--cohort', '2', '--db', db]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Cohort 2 does not exist');
  });
});

describe('help and version', () => {
  it.each([['import'], ['cohort', 'create'], ['cohort', 'edit'], ['cohort', 'list'], ['staff', 'list']])(
    'remedi %s --help explains the command with an example',
    async (...command) => {
      const result = await run([...command, '--help']);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/Examples?:\n\s+remedi /);
      expect(result.stdout).toContain('--db <path>');
    },
  );

  it('remedi --version prints the version from package.json', () => {
    const result = remedi(['--version']);
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('a reader that closes the pipe early (| head -1) gets no stack trace', () => {
    const result = spawnSync('sh', ['-c', 'node bin/remedi.js --help | head -1'], { cwd: ROOT, encoding: 'utf8' });
    expect(result.stdout).toBe('Usage: remedi [options] [command]\n');
    expect(result.stderr).toBe('');
  });
});
