/** Real ESR exports: a title line above the headers, ESR's own band values, Organisation and Org L3 columns. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { snapshotFolder, tempDir } from '../helpers/cli.js';
import { run as inProcess } from '../helpers/inProcess.js';

interface StaffJson {
  staffId: string;
  department: string | null;
  band: string | null;
  seniority: string | null;
}

function setUp(lines: string[], name = 'esr.csv'): { dir: string; db: string; file: string } {
  const dir = tempDir();
  const file = join(dir, name);
  writeFileSync(file, `${lines.join('\r\n')}\r\n`);
  return { dir, db: join(dir, 'remedi.db'), file };
}

const staff = async (db: string): Promise<StaffJson[]> => JSON.parse((await inProcess(['staff', 'list', '--json', '--db', db])).stdout) as StaffJson[];

const ESR = [
  'Trust staff list - exported 01/12/2026',
  '',
  'Employee Number,Full Name,Org L2,Org L3,Pay Band,Role',
  'E1,Ada Okafor,Medicine,Emergency Department,Band 6,mentor',
  'E2,Ben Shah,Corporate,Finance,Non AfC,mentor',
  'E3,Cy Lee,Board,Trust Board,Chair,mentee',
  'E4,Di Roe,Corporate,Estates,N/A,mentee',
  'E5,Ed Poe,Surgery,Theatres,Band 8d,mentee',
];

describe('an ESR export with a title line, ESR band values and an organisation hierarchy', () => {
  it('imports everyone, warns about the bands it does not know, and finds the headers on line 3', async () => {
    const { db, file } = setUp(ESR);
    const result = await inProcess(['import', file, '--db', db]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('5 added');
    expect(result.stderr).toContain('headers found on line 3; lines 1-2 skipped');
    for (const [line, value] of [
      [5, 'Non AfC'],
      [6, 'Chair'],
      [7, 'N/A'],
    ]) {
      expect(result.stderr).toMatch(
        new RegExp(`esr\\.csv:${line} column E \\(Pay Band\\) "${value}": not a pay band or grade remedi knows, so their seniority is unknown`),
      );
    }
    const people = await staff(db);
    expect(people.map((p) => [p.staffId, p.department, p.band])).toEqual([
      ['E1', 'Emergency Department', '6'],
      ['E2', 'Finance', null],
      ['E3', 'Trust Board', null],
      ['E4', 'Estates', null],
      ['E5', 'Theatres', '8d'],
    ]);
    expect(people[1].seniority).toBeNull();
  });

  it('--json lists the header notice and the band warnings', async () => {
    const { db, file } = setUp(ESR);
    const result = await inProcess(['import', file, '--db', db, '--json']);
    expect(result.code, result.stderr).toBe(0);
    const summary = JSON.parse(result.stdout) as { warnings: Array<{ line: number; message: string; value: string | null }> };
    expect(summary.warnings[0]).toMatchObject({ line: 3, message: 'headers found on line 3; lines 1-2 skipped' });
    expect(summary.warnings.filter((w) => /seniority is unknown/.test(w.message)).map((w) => w.value)).toEqual(['Non AfC', 'Chair', 'N/A']);
  });

  it('pair leaves out the people whose band is not known, saying how to set it', async () => {
    const { db, file } = setUp(ESR);
    expect((await inProcess(['cohort', 'create', '1', '--start', '2026-01-05', '--end', '2026-09-30', '--db', db])).code).toBe(0);
    expect((await inProcess(['import', file, '--db', db, '--cohort', '1'])).code).toBe(0);
    const result = await inProcess(['pair', '--cohort', '1', '--db', db, '--json']);
    expect(result.code, result.stderr).toBe(0);
    const proposal = JSON.parse(result.stdout) as { unmatched: Array<{ staffId: string; reasons: string[] }> };
    for (const id of ['E2', 'E3', 'E4']) {
      expect(proposal.unmatched.find((u) => u.staffId === id)?.reasons).toEqual([`band not known: set it with remedi staff edit ${id} --band ...`]);
    }
    const text = await inProcess(['pair', '--cohort', '1', '--db', db]);
    expect(text.stdout).toContain('band not known: set it with remedi staff edit E2 --band ...');
  });

  it('--map-value reads a value as another before it is checked, ignoring case', async () => {
    const { db, file } = setUp(ESR);
    const result = await inProcess(['import', file, '--db', db, '--map-value', 'band:non afc=VSM', '--map-value', 'band:Chair=VSM']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).not.toContain('"Non AfC"');
    expect((await staff(db)).map((p) => p.band)).toEqual(['6', 'VSM', 'VSM', null, '8d']);
  });

  it.each([
    [['--map-value', 'band=VSM'], /--map-value "band=VSM" is not "field:value=replacement"/, 2],
    [['--map-value', 'grade:Non AfC=VSM'], /is not "field:value=replacement"/, 2],
    [['--map-value', 'email:x=y'], /names email, but esr\.csv has no email column/, 2],
  ])('refuses --map-value %j and changes nothing', async (args, message, code) => {
    const { dir, db, file } = setUp(ESR);
    await inProcess(['import', file, '--db', db]);
    const before = snapshotFolder(dir);
    const result = await inProcess(['import', file, '--db', db, ...args]);
    expect(result.code).toBe(code);
    expect(result.stderr).toMatch(message);
    expect(snapshotFolder(dir)).toEqual(before);
  });

  it('an Organisation column is the department, and wins over the hierarchy levels', async () => {
    const { db, file } = setUp(['Employee Number,Full Name,Organisation,Org L3,Org L4,Pay Band', 'E1,Ada Okafor,ED Nursing,Medicine,Emergency,Band 6']);
    const result = await inProcess(['import', file, '--db', db]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).not.toMatch(/ignored .*Org L3/);
    expect((await staff(db))[0].department).toBe('ED Nursing');
  });

  it('a blank band for someone not on the board is imported with a warning', async () => {
    const { db, file } = setUp(['Employee Number,Full Name,Pay Band', 'E1,Ada Okafor,']);
    const result = await inProcess(['import', file, '--db', db]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain(
      'the band is missing, so their seniority is unknown and they are not paired until it is set (remedi staff edit STAFF_ID --band ...)',
    );
  });
});

describe('--header-row', () => {
  const lines = ['Report: staff', 'Employee Number,Full Name,Pay Band', 'E1,Ada Okafor,Band 6'];

  it("reads the headers from the line given, and problems keep the file's own line numbers", async () => {
    const { db, file } = setUp([...lines, 'E2,Ben Shah,Band 12']);
    const result = await inProcess(['import', file, '--db', db, '--header-row', '2']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('esr.csv:4 column C (Pay Band) "Band 12": not a pay band');
  });

  it('on import-sessions and cohort enrol too', async () => {
    const { db, file } = setUp(lines);
    expect((await inProcess(['import', file, '--db', db, '--header-row', '2'])).code).toBe(0);
    expect((await inProcess(['cohort', 'create', '1', '--start', '2026-01-05', '--end', '2026-09-30', '--db', db])).code).toBe(0);
    const enrol = setUp(['Enrolments', '', 'Employee Number,Role', 'E1,mentor'], 'enrol.csv');
    const enrolled = await inProcess(['cohort', 'enrol', '1', '--from', enrol.file, '--header-row', '3', '--db', db]);
    expect(enrolled.code, enrolled.stderr).toBe(0);
    const sessions = setUp(['Form export', 'pair_id,date,duration_minutes'], 'sessions.csv');
    const result = await inProcess(['import-sessions', sessions.file, '--header-row', '2', '--db', db]);
    expect(result.stderr).toContain('has a header row but');
  });

  it('no staff id column in the first 10 lines says to give --header-row', async () => {
    const { dir, db, file } = setUp(['Title', 'Name,Band', 'Ada,6']);
    const before = snapshotFolder(dir);
    const result = await inProcess(['import', file, '--db', db]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('has no staff id');
    expect(result.stderr).toContain('--header-row N');
    expect(snapshotFolder(dir)).toEqual(before);
  });

  it('a --header-row past the end of the file is refused', async () => {
    const { db, file } = setUp(lines);
    const result = await inProcess(['import', file, '--db', db, '--header-row', '9']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('has no line 9 to read the headers from');
  });
});

describe('dates as HR files write them', () => {
  it.each([
    ['05-JAN-2026', '2026-01-05'],
    ['05-jan-2026', '2026-01-05'],
    ['05/01/26', '2026-01-05'],
    ['05/01/2026 00:00', '2026-01-05'],
    ['2026-01-05T00:00:00', '2026-01-05'],
  ])('RACE trained %j is read as %s', async (value, iso) => {
    const { db, file } = setUp(['Employee Number,Full Name,Pay Band,RACE Trained', `E1,Ada Okafor,Band 6,${value}`]);
    const result = await inProcess(['import', file, '--db', db]);
    expect(result.code, result.stderr).toBe(0);
    expect((JSON.parse((await inProcess(['staff', 'list', '--json', '--db', db])).stdout) as Array<{ raceTrainedOn: string }>)[0].raceTrainedOn).toBe(iso);
  });

  it('Excel day numbers in a date column are read, with one warning naming the column', async () => {
    const { db, file } = setUp(['Employee Number,Full Name,Pay Band,RACE Trained', 'E1,Ada Okafor,Band 6,45000', 'E2,Ben Shah,Band 5,46027']);
    const result = await inProcess(['import', file, '--db', db]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr.match(/Excel day numbers/g)).toHaveLength(1);
    expect(result.stderr).toContain('esr.csv:2 column D (RACE Trained) "45000": holds Excel day numbers');
    const people = JSON.parse((await inProcess(['staff', 'list', '--json', '--db', db])).stdout) as Array<{ raceTrainedOn: string }>;
    expect(people.map((p) => p.raceTrainedOn)).toEqual(['2023-03-15', '2026-01-05']);
  });

  it('a month-first date is still refused, and nothing is written', async () => {
    const { dir, db, file } = setUp(['Employee Number,Full Name,Pay Band,RACE Trained', 'E1,Ada Okafor,Band 6,03/25/26']);
    const result = await inProcess(['import', file, '--db', db]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('US month-first');
    expect(snapshotFolder(dir)).toEqual({ 'esr.csv': expect.any(String) });
  });
});

describe('--problems FILE and grouped problems', () => {
  const bad = [
    'Employee Number,Full Name,Pay Band,RACE Trained',
    ...Array.from({ length: 27 }, (_, i) => `E${i + 1},Person ${i + 1},Band X,`),
    'E99,Zed Ray,Band 6,31/02/2026',
    'E98,Yan Ray,Non AfC,',
  ];

  it('a refused import writes every problem and warning as CSV, and the terminal groups the repeats', async () => {
    const { dir, db, file } = setUp(bad);
    const out = join(dir, 'problems.csv');
    const result = await inProcess(['import', file, '--db', db, '--problems', out]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('esr.csv column C (Pay Band): 27 rows hold "Band X" (lines 2, 3, 4, 5, 6 and 22 more): not a pay band');
    expect(result.stderr).toContain(`Every problem and warning is listed in ${out}.`);
    const rows = readFileSync(out, 'utf8').trim().split(/\r?\n/);
    expect(rows[0]).toBe('kind,line,column,header,value,problem,fix');
    expect(rows).toHaveLength(1 + 27 + 1 + 1);
    expect(rows[1]).toMatch(/^problem,2,C,Pay Band,Band X,not a pay band,"expected a band such as/);
    expect(rows).toContainEqual(expect.stringMatching(/^problem,29,D,RACE Trained,31\/02\/2026,not a real date: Feb 2026 has no day 31,expected/));
    expect(rows[29]).toMatch(/^warning,30,C,Pay Band,Non AfC,"not a pay band or grade remedi knows/);
    // Nothing imported: the only new file is the problems list.
    expect(Object.keys(snapshotFolder(dir))).toEqual(['esr.csv', 'problems.csv']);
  });

  it('a good import writes its warnings', async () => {
    const { dir, db, file } = setUp(ESR);
    const out = join(dir, 'warnings.csv');
    const result = await inProcess(['import', file, '--db', db, '--problems', out]);
    expect(result.code, result.stderr).toBe(0);
    const rows = readFileSync(out, 'utf8').trim().split(/\r?\n/);
    expect(rows.slice(1).map((r) => r.split(',').slice(0, 2).join(','))).toEqual(['warning,3', 'warning,5', 'warning,6', 'warning,7']);
    expect(rows[1]).toContain('headers found on line 3');
  });

  it('import-sessions writes its problems too', async () => {
    const { dir, db, file } = setUp(['Employee Number,Full Name,Pay Band', 'E1,Ada Okafor,Band 6']);
    expect((await inProcess(['import', file, '--db', db])).code).toBe(0);
    const sessions = setUp(['pair_id,date,minutes,kind,level', '1,05/01/2026,60,1:1,1', '2,not a day,60,1:1,1'], 'sessions.csv');
    const out = join(dir, 'session-problems.csv');
    const result = await inProcess(['import-sessions', sessions.file, '--db', db, '--problems', out]);
    expect(result.code).toBe(1);
    expect(readFileSync(out, 'utf8')).toMatch(/problem,3,B,date,not a day,not a date/);
  });

  it('--problems never writes over the database', async () => {
    const { dir, db, file } = setUp(ESR);
    expect((await inProcess(['import', file, '--db', db])).code).toBe(0);
    const before = snapshotFolder(dir);
    const result = await inProcess(['import', file, '--db', db, '--problems', db]);
    expect(result.code).toBe(1);
    expect(snapshotFolder(dir)).toEqual(before);
  });
});
