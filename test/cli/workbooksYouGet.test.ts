/**
 * Issue 13's "done when": an ESR-style workbook and a Microsoft Forms workbook, as they are
 * downloaded, import with no editing: the ESR one as it comes, the form with the README's line.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, tempDir } from '../helpers/cli.js';
import { run as inProcess } from '../helpers/inProcess.js';

const README_MAPS = [
  '--map',
  "Your mentee's full name=mentee",
  '--map',
  'Date of the session=date',
  '--map',
  'How long was it (minutes)?=minutes',
  '--map',
  'What kind of session was it?=kind',
  '--map',
  'Which level did it focus on?=level',
  '--map',
  'Themes that came up (separate with ;)=themes',
  '--map',
  'Did it explore lived experience?=lived_experience',
  '--map',
  'Anything else?=notes',
];

interface Person {
  staffId: string;
  name: string;
  department: string | null;
  band: string | null;
  seniority: string | null;
}

describe('an ESR-style workbook with a title line, an Org L3 column and a grade that is not a pay band', () => {
  it('imports as it comes: headers found below the title, departments from Org L3, the Non AfC person kept with a warning', async () => {
    const dir = tempDir();
    const db = join(dir, 'remedi.db');
    const result = await inProcess(['import', join(FIXTURES, 'year', 'esr-2026-01.xlsx'), '--db', db, '--json']);
    expect(result.code, result.stderr).toBe(0);
    const summary = JSON.parse(result.stdout) as { added: number; warnings: Array<{ message: string }> };
    expect(summary.added).toBe(90);
    expect(summary.warnings.map((w) => w.message)).toEqual(expect.arrayContaining([expect.stringContaining('headers found on line 2; line 1 skipped')]));
    const fromWorkbook = JSON.parse((await inProcess(['staff', 'list', '--json', '--db', db])).stdout) as Person[];
    const yusuf = fromWorkbook.find((p) => p.staffId === '10000078')!;
    expect(yusuf).toMatchObject({ band: null, seniority: null, department: 'Corporate' });

    // Everyone else reads exactly as the same month's CSV export does, with --map for its Organisation column.
    const csvDb = join(dir, 'csv.db');
    expect((await inProcess(['import', join(FIXTURES, 'year', 'esr-2026-01.csv'), '--map', 'Organisation=department', '--db', csvDb])).code).toBe(0);
    const fromCsv = JSON.parse((await inProcess(['staff', 'list', '--json', '--db', csvDb])).stdout) as Person[];
    expect(fromWorkbook.filter((p) => p.staffId !== '10000078')).toEqual(fromCsv.filter((p) => p.staffId !== '10000078'));
  });
});

describe('a Microsoft Forms workbook, as Forms downloads it', () => {
  it("imports with the README's line, recording the same sessions as the CSV export", async () => {
    const sessionsFrom = async (file: string) => {
      const dir = tempDir();
      const db = join(dir, 'remedi.db');
      const setup = async (args: string[]) => expect((await inProcess([...args, '--db', db], { env: { REMEDI_TODAY: '2026-01-05' } })).code).toBe(0);
      await setup(['cohort', 'create', '1', '--start', '2026-01-05', '--end', '2026-09-30']);
      await setup(['import', join(FIXTURES, 'roster.csv'), '--cohort', '1']);
      await setup(['pair', '--cohort', '1', '--trios', '--save', '--start', '2026-01-05']);
      const result = await inProcess(['import-sessions', file, ...README_MAPS, '--db', db]);
      expect(result.code, result.stderr).toBe(0);
      return (JSON.parse((await inProcess(['sessions', 'list', '--json', '--db', db])).stdout) as Array<Record<string, unknown>>).map(
        ({ id: _id, ...session }) => session,
      );
    };
    const fromWorkbook = await sessionsFrom(join(FIXTURES, 'forms', 'ms-forms-sessions.xlsx'));
    expect(fromWorkbook.length).toBeGreaterThan(20);
    expect(fromWorkbook).toEqual(await sessionsFrom(join(FIXTURES, 'forms', 'ms-forms-sessions.csv')));
  });
});
