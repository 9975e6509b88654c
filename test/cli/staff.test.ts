import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { FIXTURES, snapshotFolder, tempDir } from '../helpers/cli.js';
import { run } from '../helpers/inProcess.js';

interface Person {
  staffId: string;
  name: string;
  email: string | null;
  department: string | null;
  jobTitle: string | null;
  band: string | null;
  bme?: string;
  functions: string[];
  functionsDerived: boolean;
  boardMember: boolean;
  lineManagerId: string | null;
  raceTrained: boolean;
  raceTrainedOn: string | null;
  capacity: number;
  active: boolean;
}

interface Show {
  person: Person;
  handSet: string[];
  cohorts: Array<{ cohort: number; role: string; withdrawnOn: string | null; withdrawReason: string | null }>;
  relationships: Array<{
    id: number;
    cohort: number;
    mentee: { staffId: string; name: string };
    mentors: Array<{ staffId: string; name: string }>;
    status: string;
    sessions: number;
  }>;
}

async function setUp(): Promise<{ dir: string; db: string }> {
  const dir = tempDir();
  const db = join(dir, 'remedi.db');
  expect((await run(['cohort', 'create', '1', '--start', '2026-01-05', '--end', '2026-09-30', '--db', db])).code).toBe(0);
  expect((await run(['import', join(FIXTURES, 'roster.csv'), '--cohort', '1', '--db', db])).code).toBe(0);
  return { dir, db };
}

async function staffList(db: string): Promise<Map<string, Person>> {
  const result = await run(['staff', 'list', '--json', '--db', db]);
  expect(result.code, result.stderr).toBe(0);
  return new Map((JSON.parse(result.stdout) as Person[]).map((p) => [p.staffId, p]));
}

async function show(db: string, who: string): Promise<Show> {
  const result = await run(['staff', 'show', who, '--json', '--db', db]);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as Show;
}

describe('staff edit', () => {
  it('sets every field by hand for a person named without their accent, and says what changed', async () => {
    const { db } = await setUp();
    const result = await run([
      'staff',
      'edit',
      'Siobhan Kelly',
      '--db',
      db,
      '--email',
      'siobhan.kelly@nhsmail.net',
      '--department',
      'Nursing Directorate',
      '--band',
      'AfC Band 8d',
      '--function',
      'strategic; frontline',
      '--board',
      'no',
      '--capacity',
      '2',
      '--race-trained',
      '10/02/2026',
      '--line-manager',
      'Helen Marsh',
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe(
      [
        'Siobhán Kelly (10000002), set by hand:',
        '  email: siobhan.kelly@nhs.net -> siobhan.kelly@nhsmail.net',
        '  department: Corporate -> Nursing Directorate',
        '  band: VSM -> Band 8d',
        '  functions: strategic, clinical (derived) -> strategic, front line',
        '  board member: yes -> no',
        '  capacity: 1 -> 2',
        '  RACE training: no -> 10 Feb 2026',
        '  line manager: Margaret Ellison (10000001) -> Helen Marsh (10000005)',
        '',
      ].join('\n'),
    );
    expect((await staffList(db)).get('10000002')).toMatchObject({
      email: 'siobhan.kelly@nhsmail.net',
      department: 'Nursing Directorate',
      band: '8d',
      functions: ['strategic', 'front line'],
      functionsDerived: false,
      boardMember: false,
      capacity: 2,
      raceTrained: true,
      raceTrainedOn: '2026-02-10',
      lineManagerId: '10000005',
    });
    const shown = await show(db, '10000002');
    expect(shown.handSet).toEqual([
      'email',
      'department',
      'band',
      'functionsStated',
      'boardMember',
      'lineManagerId',
      'raceTrained',
      'raceTrainedOn',
      'capacity',
    ]);
    const text = await run(['staff', 'show', 'siobhan.kelly@NHSMAIL.net', '--db', db]);
    expect(text.stdout).toMatch(/^Set by hand {3}email, department, band, functions, board member, line manager, RACE training, capacity$/m);
  });

  it('blank clears the department, the email and the line manager, and derives functions again', async () => {
    const { db } = await setUp();
    // Chidi Eze's roster row states "front line"; derived, an Additional Clinical Services HCA is clinical.
    const result = await run(['staff', 'edit', 'chidi eze', '--department', '', '--email', '', '--function', '', '--line-manager', '', '--db', db]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('  functions: front line -> clinical (derived)\n');
    expect(result.stdout).toContain("  line manager: Ciaran O'Neill (10000025) -> none\n");
    expect((await staffList(db)).get('10000065')).toMatchObject({
      department: null,
      email: null,
      functions: ['clinical'],
      functionsDerived: true,
      lineManagerId: null,
    });
    expect((await show(db, '10000065')).handSet).toEqual(['email', 'department', 'functionsStated', 'lineManagerId']);
  });

  it('warns when someone is left with no seniority (off the board, with no band)', async () => {
    const { db } = await setUp();
    // Rajesh Kapoor, the Medical Director, is on the board with no band in the roster.
    const result = await run(['staff', 'edit', 'rajesh kapoor', '--board', 'no', '--db', db]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('Rajesh Kapoor now has no band and is not on the board, so remedi cannot tell their seniority: give one with --band.');
    expect((await staffList(db)).get('10000003')).toMatchObject({ boardMember: false, band: null });
  });

  it('--json prints the person as staff list --json does', async () => {
    const { db } = await setUp();
    const result = await run(['staff', 'edit', '10000065', '--capacity', '3', '--json', '--db', db]);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual((await staffList(db)).get('10000065'));
    expect(JSON.parse(result.stdout)).toMatchObject({ capacity: 3 });
  });

  it('says there is nothing to change when the values are held and set by hand already, and writes nothing', async () => {
    const { dir, db } = await setUp();
    expect((await run(['staff', 'edit', '10000065', '--capacity', '2', '--db', db])).code).toBe(0);
    const before = snapshotFolder(dir);
    const again = await run(['staff', 'edit', 'Chidi.Eze@nhs.net', '--capacity', '2', '--db', db]);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe('');
    expect(again.stderr).toContain('Nothing to change: Chidi Eze (10000065) already has those values');
    expect(snapshotFolder(dir)).toEqual(before);
  });

  it('a value the roster already gave is kept as set by hand from now on', async () => {
    const { db } = await setUp();
    const result = await run(['staff', 'edit', '10000065', '--function', 'front line', '--db', db]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('  functions: front line (unchanged, now kept as set by hand)\n');
    expect((await show(db, '10000065')).handSet).toEqual(['functionsStated']);
  });

  it.each([
    ['--email', 'chidi.eze', 'not an email address; expected something like jane.doe@nhs.net'],
    ['--band', 'Band 12', 'not a pay band; expected a band such as "Band 6"'],
    ['--band', '8', 'not a pay band'],
    ['--function', 'porter', '"porter" is not a function; expected one or more of strategic, managerial, clinical, front line'],
    ['--board', 'sometimes', 'expected yes or no'],
    ['--capacity', '21', 'expected a whole number of mentees from 0 to 20'],
    ['--capacity', 'two', 'expected a whole number of mentees from 0 to 20'],
    ['--race-trained', 'soon', 'expected the day they were trained'],
    ['--race-trained', '31/02/2026', 'not a real date: Feb 2026 has no day 31'],
    ['--race-trained', '2026-04-01', '1 Apr 2026 is in the future'],
  ])('refuses %s %j (exit 2), naming the flag, the value and what was expected; nothing is written', async (flag, value, expected) => {
    const { dir, db } = await setUp();
    const before = snapshotFolder(dir);
    // A good flag beside the bad one is not written either.
    const result = await run(['staff', 'edit', '10000065', '--department', 'Theatres', flag, value, '--db', db]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`remedi: Nothing was changed: ${flag} ${JSON.stringify(value)}: ${expected}`);
    expect(result.stdout).toBe('');
    expect(snapshotFolder(dir)).toEqual(before);
  });

  it('names every bad value at once', async () => {
    const { db } = await setUp();
    const result = await run(['staff', 'edit', '10000065', '--band', '12', '--capacity', '-1', '--db', db]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Nothing was changed: 2 values are not right.');
    expect(result.stderr).toContain('  --band "12": not a pay band');
    expect(result.stderr).toContain('  --capacity "-1": expected a whole number');
  });

  it('needs at least one field to change (exit 2)', async () => {
    const { dir, db } = await setUp();
    const before = snapshotFolder(dir);
    const result = await run(['staff', 'edit', '10000065', '--db', db]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'Nothing to change: give at least one of --email, --department, --band, --function, --board, --capacity, --race-trained, --line-manager.',
    );
    expect(snapshotFolder(dir)).toEqual(before);
  });

  it.each([
    ['themself', ['10000002', '--line-manager', 'siobhan kelly'], 'is Siobhán Kelly (10000002) themself; a person cannot be their own line manager'],
    [
      'someone they manage (a loop)',
      ['10000002', '--line-manager', 'Chidi Eze'],
      "Chidi Eze reports to Ciaran O'Neill, who reports to Alison Reeves, who reports to Siobhán Kelly, so Chidi Eze cannot be Siobhán Kelly's line manager: that would be a management loop",
    ],
    ['an unknown line manager', ['10000002', '--line-manager', 'Helen Marshe'], 'There is nobody called "Helen Marshe"'],
    ['an email someone else has', ['10000002', '--email', 'CHIDI.EZE@nhs.net'], "is already Chidi Eze's (10000065); two people cannot share an email"],
    [
      'an unknown person',
      ['Chidi Ezeh', '--capacity', '2'],
      'There is nobody called "Chidi Ezeh" (by staff id, email or name). Did you mean 10000065 Chidi Eze (Surgery)',
    ],
  ])('refuses %s (exit 1), changing nothing', async (_, args, message) => {
    const { dir, db } = await setUp();
    const before = snapshotFolder(dir);
    const result = await run(['staff', 'edit', ...args, '--db', db]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(message);
    expect(snapshotFolder(dir)).toEqual(before);
  });

  it('refuses a name two people share, offering both', async () => {
    const { dir, db } = await setUp();
    const second = join(dir, 'pharmacy.csv');
    writeFileSync(second, 'staff_id,name,email,department,band\n10000099,Chidi Eze,c.eze2@nhs.net,Pharmacy,5\n');
    expect((await run(['import', second, '--db', db])).code).toBe(0);
    const before = snapshotFolder(dir);
    const result = await run(['staff', 'edit', 'Chidi Eze', '--capacity', '2', '--db', db]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      '"Chidi Eze" matches 2 people: 10000065 Chidi Eze (Surgery); 10000099 Chidi Eze (Pharmacy). Give the staff id or email instead.',
    );
    expect(snapshotFolder(dir)).toEqual(before);
  });
});

describe('staff train', () => {
  it('takes people by name (any accents, any case) and email, and marks the training as set by hand', async () => {
    const { db } = await setUp();
    const result = await run(['staff', 'train', 'Siobhan Kelly', 'CHIDI.EZE@nhs.net', '10000065', '--on', '2026-03-01', '--db', db]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe('Recorded RACE training on 1 Mar 2026 for Siobhán Kelly (10000002), Chidi Eze (10000065).\n');
    const people = await staffList(db);
    expect(people.get('10000002')).toMatchObject({ raceTrained: true, raceTrainedOn: '2026-03-01' });
    expect(people.get('10000065')).toMatchObject({ raceTrained: true, raceTrainedOn: '2026-03-01' });
    expect((await show(db, '10000065')).handSet).toEqual(['raceTrained', 'raceTrainedOn']);
  });

  it('records nobody unless everyone is found, naming each one that is not', async () => {
    const { dir, db } = await setUp();
    const before = snapshotFolder(dir);
    const result = await run(['staff', 'train', 'Chidi Eze', 'Nobody Here', '99999999', '--db', db]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Nobody was recorded: 2 people could not be found.');
    expect(result.stderr).toContain('There is nobody called "Nobody Here"');
    expect(result.stderr).toContain('There is nobody called "99999999"');
    expect(snapshotFolder(dir)).toEqual(before);
  });
});

describe('staff find', () => {
  it.each([
    ['siobhan', ['10000002']],
    ['SIOBHÁN', ['10000002']],
    ['chidi.eze@', ['10000065']],
    ['EZE', ['10000065', '10000080']], // Chidi Eze, Adaeze Okonkwo
    ['1000006', ['10000060', '10000061', '10000062', '10000063', '10000064', '10000065', '10000066', '10000067', '10000068', '10000069']],
  ])('%j finds %j', async (text, ids) => {
    const { db } = await setUp();
    const result = await run(['staff', 'find', text, '--json', '--db', db]);
    expect(result.code, result.stderr).toBe(0);
    expect((JSON.parse(result.stdout) as Person[]).map((p) => p.staffId)).toEqual(ids);
  });

  it('prints a table of id, name, email, department, band and status, people who left last', async () => {
    const { db } = await setUp();
    const raw = new Database(db);
    raw.prepare("UPDATE staff SET active = 0 WHERE staff_id = '10000002'").run();
    raw.close();
    const result = await run(['staff', 'find', 'ell', '--db', db]);
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toMatch(/^Staff id +Name +Email +Department +Band +Status$/);
    expect(lines[2]).toMatch(/^10000001 +Margaret Ellison +margaret\.ellison@nhs\.net +Corporate +VSM +active$/);
    expect(lines.filter((l) => /^\d/.test(l)).map((l) => l.split(' ')[0])).toEqual(['10000001', '10000031', '10000055', '10000002']);
    expect(lines[5]).toMatch(/^10000002 +Siobhán Kelly .* left$/);
    expect(result.stdout).not.toMatch(/\bBME\b|\bunknown\b/);
  });

  it('--json holds the staff list objects without BME; --csv the table columns', async () => {
    const { db } = await setUp();
    const json = JSON.parse((await run(['staff', 'find', 'chidi', '--json', '--db', db])).stdout) as Person[];
    const { bme: _bme, ...listed } = (await staffList(db)).get('10000065')!;
    expect(json).toEqual([listed]);
    const csv = await run(['staff', 'find', 'chidi', '--csv', '--db', db]);
    expect(csv.code).toBe(0);
    expect(csv.stdout).toBe('Staff id,Name,Email,Department,Band,Status\r\n10000065,Chidi Eze,chidi.eze@nhs.net,Surgery,Band 3,active\r\n');
  });

  it('shows at most 50 unless --limit says otherwise, and says there are more', async () => {
    const { db } = await setUp();
    const all = await run(['staff', 'find', 'nhs.net', '--json', '--db', db]);
    expect(JSON.parse(all.stdout)).toHaveLength(50);
    expect(all.stderr).toContain('50 shown, and more: narrow the search');
    const five = await run(['staff', 'find', 'nhs.net', '--limit', '5', '--db', db]);
    expect(five.stdout.trimEnd().split('\n')).toHaveLength(7);
    expect(five.stderr).toContain('5 shown, and more: narrow the search');
    const few = await run(['staff', 'find', 'siobhan', '--db', db]);
    expect(few.stderr).not.toContain('and more');
  });

  it('no match is not an error: a line on stderr, an empty JSON array', async () => {
    const { db } = await setUp();
    const result = await run(['staff', 'find', 'zzzz', '--json', '--db', db]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual([]);
    expect(result.stderr).toContain('Nobody matches "zzzz" (by name, email or staff id).');
  });

  it('refuses blank text and --json with --csv (exit 2)', async () => {
    const { db } = await setUp();
    expect((await run(['staff', 'find', ' ', '--db', db])).code).toBe(2);
    expect((await run(['staff', 'find', 'eze', '--json', '--csv', '--db', db])).code).toBe(2);
    expect((await run(['staff', 'find', 'eze', '--limit', '0', '--db', db])).code).toBe(2);
  });
});

describe('staff show', () => {
  it('--json: the person, what was set by hand, cohorts (withdrawn too) and relationships with their session counts', async () => {
    const { db } = await setUp();
    expect((await run(['staff', 'edit', '10000023', '--capacity', '1', '--db', db])).code).toBe(0);
    expect((await run(['cohort', 'create', '2', '--start', '2027-01-04', '--end', '2027-09-30', '--db', db])).code).toBe(0);
    const added = await run(['pair', 'add', '--mentee', '10000001', '--mentor', '10000023', '--start', '2026-01-05', '--json', '--db', db]);
    expect(added.code, added.stderr).toBe(0);
    const id = (JSON.parse(added.stdout) as { id: number }).id;
    for (const date of ['2026-01-12', '2026-01-26']) {
      const logged = await run(['log-session', '--pair', String(id), '--date', date, '--minutes', '45', '--kind', 'one-to-one', '--level', 'team', '--db', db]);
      expect(logged.code, logged.stderr).toBe(0);
    }
    const raw = new Database(db);
    raw
      .prepare(
        "INSERT INTO enrolments (cohort, staff_id, role, withdrawn_on, withdraw_reason) VALUES (2, '10000023', 'mentor', '2027-01-10', 'moved to another trust')",
      )
      .run();
    raw.close();

    const shown = await show(db, 'chloe adebayo');
    expect(Object.keys(shown)).toEqual(['person', 'handSet', 'cohorts', 'relationships']);
    expect(shown.person).toEqual((await staffList(db)).get('10000023'));
    expect(shown.person.bme).toBe('yes');
    expect(shown.handSet).toEqual(['capacity']);
    expect(shown.cohorts).toEqual([
      { cohort: 1, role: 'mentor', withdrawnOn: null, withdrawReason: null },
      { cohort: 2, role: 'mentor', withdrawnOn: '2027-01-10', withdrawReason: 'moved to another trust' },
    ]);
    expect(shown.relationships).toHaveLength(1);
    expect(shown.relationships[0]).toMatchObject({
      id,
      cohort: 1,
      mentee: { staffId: '10000001', name: 'Margaret Ellison' },
      mentors: [{ staffId: '10000023', name: 'Chloe Adebayo', slot: null }],
      start: '2026-01-05',
      end: '2026-09-30',
      status: 'active',
      sessions: 2,
    });
    // The same relationship as pair list --json shows it, with its session count.
    const listed = (JSON.parse((await run(['pair', 'list', '--json', '--db', db])).stdout) as Array<{ id: number }>).find((r) => r.id === id);
    expect(shown.relationships[0]).toEqual({ ...listed, sessions: 2 });

    const text = await run(['staff', 'show', '10000023', '--db', db]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^Line manager {2}Patricia Doyle \(10000009\)$/m);
    expect(text.stdout).toMatch(/^2 +mentor +10 Jan 2027: moved to another trust$/m);
    expect(text.stdout).toMatch(new RegExp(`^${id} +1 +mentor +Margaret Ellison \\(mentee\\) +race +5 Jan 2026 +30 Sep 2026 \\(planned\\) +active +2$`, 'm'));
    const mentee = await run(['staff', 'show', 'margaret.ellison@nhs.net', '--db', db]);
    expect(mentee.stdout).toMatch(new RegExp(`^${id} +1 +mentee +Chloe Adebayo +`, 'm'));
  });

  it('someone in no cohort and no relationship, with nothing set by hand', async () => {
    const { db } = await setUp();
    const shown = await show(db, '10000013');
    expect(shown).toMatchObject({ handSet: [], cohorts: [], relationships: [] });
    const text = (await run(['staff', 'show', '10000013', '--db', db])).stdout;
    expect(text).toContain('Set by hand   nothing\n');
    expect(text).toContain('Not enrolled in any cohort.\n');
    expect(text).toContain('In no relationship.\n');
  });

  it('refuses someone it cannot find (exit 1)', async () => {
    const { db } = await setUp();
    const result = await run(['staff', 'show', 'Siobhan Kely', '--db', db]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Did you mean 10000002 Siobhán Kelly (Corporate)');
  });
});

describe('staff list --csv', () => {
  it("the table's columns plus email and job title, one row a person", async () => {
    const { db } = await setUp();
    const result = await run(['staff', 'list', '--csv', '--db', db]);
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.split('\r\n');
    expect(lines[0]).toBe('Staff id,Name,Email,Department,Job title,Band,Seniority,BME,Functions,Board,Line manager,RACE trained,Capacity,Status');
    expect(lines).toHaveLength(1 + 90 + 1); // header, 90 people, the last line's end
    expect(lines).toContain(
      '10000010,James Thornton,james.thornton@nhs.net,Emergency Medicine,"Consultant and Clinical Director, Emergency Medicine",Consultant,senior,no,"managerial, clinical (derived)",no,10000003,no,1,active',
    );
    expect(lines).toContain(
      '10000023,Chloe Adebayo,chloe.adebayo@nhs.net,Emergency Medicine,"Matron, Emergency Department",Band 8a,middle,yes,clinical,no,10000009,2024-09-12,2,active',
    );
    const cohort = (await run(['staff', 'list', '--cohort', '1', '--csv', '--db', db])).stdout.split('\r\n');
    expect(cohort[0].endsWith(',Capacity,Role')).toBe(true);
    expect(cohort).toContain('10000001,Margaret Ellison,margaret.ellison@nhs.net,Corporate,Chief Executive,VSM,senior,no,strategic (derived),yes,,no,1,mentee');
  });

  it('refuses --json with --csv (exit 2)', async () => {
    const { db } = await setUp();
    expect((await run(['staff', 'list', '--json', '--csv', '--db', db])).code).toBe(2);
  });
});
