/**
 * The roster import over a programme year (issue 11): monthly HR exports with leavers,
 * values set by hand, people erased, and the same warnings month after month.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { FIXTURES, snapshotFolder, tempDir, type RunResult } from '../helpers/cli.js';
import { run as inProcess } from '../helpers/inProcess.js';

const ROSTER = join(FIXTURES, 'roster.csv');
const ROSTER_LINES = readFileSync(ROSTER, 'utf8').trimEnd().split(/\r?\n/);

interface Setup {
  dir: string;
  db: string;
  run: (args: string[]) => Promise<RunResult>;
}

async function setUp({ pairs = false } = {}): Promise<Setup> {
  const dir = tempDir();
  const db = join(dir, 'remedi.db');
  const run = (args: string[]) => inProcess([...args, '--db', db]);
  expect((await run(['cohort', 'create', '1', '--start', '2026-01-05', '--end', '2026-09-30'])).code).toBe(0);
  expect((await run(['import', ROSTER, '--cohort', '1'])).code).toBe(0);
  if (pairs) expect((await run(['pair', '--trios', '--save'])).code).toBe(0);
  return { dir, db, run };
}

/** The bundled roster without these people, with some cells changed, as a new file. */
function rosterWithout(dir: string, leavers: string[], change: (line: string) => string = (line) => line, name = 'month.csv'): string {
  const path = join(dir, name);
  const lines = ROSTER_LINES.filter((line) => !leavers.some((id) => line.startsWith(`${id},`))).map((line, k) => (k === 0 ? line : change(line)));
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

const json = (result: RunResult) => {
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout);
};

describe('--missing-left on a file that leaves out most of the staff', () => {
  it('is refused without --yes, naming how many and the first ten, and changes nothing (a dry run too)', async () => {
    const { dir, run } = await setUp();
    const before = snapshotFolder(dir);
    for (const extra of [[], ['--dry-run'], ['--json']]) {
      const result = await run(['import', join(FIXTURES, 'roster-update.csv'), '--missing-left', ...extra]);
      expect(result.code, extra.join(' ')).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain(
        'roster-update.csv was not imported: --missing-left would mark 85 of the 90 people now active (94%) as having left, and nothing was written.',
      );
      expect(result.stderr).toContain('  10000001 Margaret Ellison\n');
      expect(result.stderr.match(/^ {2}1000\d{4} /gm)).toHaveLength(10);
      expect(result.stderr).toContain('  ... and 75 more.');
      expect(result.stderr).toContain('--yes');
      expect(snapshotFolder(dir)).toEqual(before);
    }
  });

  it('with --yes marks them, naming the first 20 on the terminal and every one in --json', async () => {
    const { dir, run } = await setUp();
    const dry = await run(['import', join(FIXTURES, 'roster-update.csv'), '--missing-left', '--yes', '--dry-run', '--json']);
    const planned = json(dry);
    expect(planned).toMatchObject({ dryRun: true, markedLeft: 85 });
    expect(planned.markedLeftPeople).toHaveLength(85);
    expect(planned.markedLeftPeople[0]).toEqual({ staffId: '10000001', name: 'Margaret Ellison' });

    const result = await run(['import', join(FIXTURES, 'roster-update.csv'), '--missing-left', '--yes']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('85 already known people are not in this file and were marked as having left (kept with their history):');
    expect(result.stdout).toContain('    10000001 Margaret Ellison\n');
    expect(result.stdout.match(/^ {4}1000\d{4} [^:\n]+$/gm)).toHaveLength(20);
    expect(result.stdout).toContain('... and 65 more marked as having left (all of them with --json).');
    const people = json(await run(['staff', 'list', '--json'])) as Array<{ active: boolean }>;
    expect(people.filter((p) => !p.active)).toHaveLength(85);
    void dir;
  });

  it('a fifth or fewer is marked without asking, and every leaver is named', async () => {
    const { run, dir } = await setUp();
    const result = await run(['import', rosterWithout(dir, ['10000029', '10000067']), '--missing-left']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(
      '2 already known people are not in this file and were marked as having left (kept with their history):\n    10000029 Imran Qureshi\n    10000067 Arjun Menon\n',
    );
  });
});

describe('relationships with someone who has left', () => {
  it('are listed after the import with the exact pair end command, and that command works', async () => {
    const { dir, run } = await setUp({ pairs: true });
    const pairs = json(await run(['pair', 'list', '--json'])) as Array<{
      id: number;
      mentee: { staffId: string };
      mentors: Array<{ staffId: string; name: string }>;
    }>;
    const single = pairs.find((p) => p.mentors.length === 1)!;
    const mentor = single.mentors[0];
    const file = rosterWithout(dir, [mentor.staffId]);
    const command = `remedi pair end ${single.id} --reason "mentor left the trust"`;

    const before = snapshotFolder(dir);
    const dry = await run(['import', file, '--missing-left', '--dry-run']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain(`would be marked as having left (kept with their history):\n    ${mentor.staffId} ${mentor.name}\n`);
    expect(dry.stderr).toMatch(new RegExp(`running relationships? would involve someone who has left the trust`));
    expect(dry.stderr).toContain(`${mentor.staffId} ${mentor.name} (left)`);
    expect(dry.stderr).toContain(command);
    expect(snapshotFolder(dir)).toEqual(before);

    const real = await run(['import', file, '--missing-left', '--json']);
    const summary = json(real);
    const listed = summary.relationshipsWithLeavers.find((r: { id: number }) => r.id === single.id);
    expect(listed).toEqual({
      id: single.id,
      cohort: 1,
      mentee: { staffId: single.mentee.staffId, name: expect.any(String) },
      mentors: [{ staffId: mentor.staffId, name: mentor.name }],
      left: [mentor.staffId],
      needsReplacement: true,
      command,
    });
    expect(real.stderr).toContain(command);

    // The command, run as printed, ends it; the next import no longer lists it.
    expect((await run(['pair', 'end', String(single.id), '--reason', 'mentor left the trust'])).code).toBe(0);
    const again = json(await run(['import', file, '--missing-left', '--json']));
    expect(again.relationshipsWithLeavers.map((r: { id: number }) => r.id)).not.toContain(single.id);
  });
});

describe('import --cohort of a file with no role column', () => {
  it('imports the people, enrols nobody, says so and gives the cohort enrol command', async () => {
    const { dir, run } = await setUp();
    const file = join(dir, 'hr.csv');
    writeFileSync(file, 'Employee Number,Full Name,Pay Band\n20000001,Ama Mensah,5\n20000002,Ben Carter,8c\n');
    const result = await run(['import', file, '--cohort', '1']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('2 added, 0 updated, 0 unchanged.');
    expect(result.stdout).toContain('Nobody was enrolled in cohort 1: the file has no role column.');
    expect(result.stderr).toContain('hr.csv has no role column, so nobody was enrolled in cohort 1');
    expect(result.stderr).toContain('remedi cohort enrol 1 --mentee P ... --mentor P ...');
    expect(result.stderr).toContain('remedi cohort enrol 1 --from FILE');
    const summary = json(await run(['import', file, '--cohort', '1', '--json']));
    expect(summary).toMatchObject({ roleColumn: false, enrolled: 0, cohort: 1 });
    expect(json(await run(['staff', 'list', '--cohort', '1', '--json']))).toHaveLength(42);
  });
});

describe('what a real import changed', () => {
  it('is printed per person as in a dry run, every one in --json, ethnicity only as changed', async () => {
    const { dir, run } = await setUp();
    // Nia's band and Arjun's ethnic category change.
    const file = rosterWithout(dir, [], (line) =>
      line.startsWith('10000055,') ? line.replace('Band 6', 'Band 7') : line.startsWith('10000067,') ? line.replace(',H,', ',N,') : line,
    );
    const dry = await run(['import', file, '--dry-run']);
    const result = await run(['import', file]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Imported month.csv');
    expect(result.stdout).toContain('0 added, 2 updated, 88 unchanged.');
    expect(result.stdout).toContain('    10000055 Nia Campbell: band Band 6 -> Band 7\n');
    expect(result.stdout).toContain('    10000067 Arjun Menon: ethnicity (changed)\n');
    expect(dry.stdout.split('\n').slice(2)).toEqual(result.stdout.split('\n').slice(2));

    const back = json(await run(['import', ROSTER, '--json']));
    expect(back.changes).toEqual([
      { staffId: '10000055', name: 'Nia Campbell', fields: [{ field: 'band', before: '7', after: '6' }] },
      { staffId: '10000067', name: 'Arjun Menon', fields: [{ field: 'ethnicity' }] },
    ]);
    expect(JSON.stringify(back.changes)).not.toMatch(/"[HN]"/);
  });
});

describe('the same warning on every import of the same file', () => {
  const fullWarning = 'roster.csv:92 column L (Line Manager Employee Number) "19999999": line manager 19999999 is not in this file or the database';

  it('is shown in full once, then summarised; --json always lists it; a dry run records nothing', async () => {
    const dir = tempDir();
    const db = join(dir, 'remedi.db');
    const run = (args: string[]) => inProcess([...args, '--db', db]);
    expect((await run(['import', ROSTER])).stderr).toContain(fullWarning);
    expect((await run(['import', ROSTER, '--dry-run'])).stderr).toContain('1 warning shown at an earlier import is still there; see them all with --json.');

    const second = await run(['import', ROSTER]);
    expect(second.code).toBe(0);
    expect(second.stderr).not.toContain(fullWarning);
    expect(second.stderr).toContain('1 warning shown at an earlier import is still there; see them all with --json.');
    const listed = json(await run(['import', ROSTER, '--json']));
    expect(listed.warnings).toHaveLength(1);
    expect(listed.warnings[0]).toMatchObject({ line: 92, value: '19999999' });
    expect(listed.warningsSeenBefore).toBe(1);

    // A new warning in the same file is shown in full, beside the summary of the old one.
    const changed = join(dir, 'roster.csv');
    writeFileSync(changed, `${ROSTER_LINES.map((line) => (line.startsWith('10000067,') ? line.replace(',H,', ',Martian,') : line)).join('\n')}\n`);
    const third = await run(['import', changed]);
    expect(third.stderr).toContain('1 warning not shown at an earlier import (imported all the same):');
    expect(third.stderr).toMatch(/roster\.csv:70 column H \(Ethnic Origin\) "Martian"/);
    expect(third.stderr).not.toContain(fullWarning);
    expect(third.stderr).toContain('1 warning shown at an earlier import is still there');
  });

  it('a dry run never records what it showed', async () => {
    const dir = tempDir();
    const db = join(dir, 'remedi.db');
    expect((await inProcess(['import', join(FIXTURES, 'roster-plain.csv'), '--db', db])).code).toBe(0);
    const file = join(dir, 'roster.csv');
    writeFileSync(file, ROSTER_LINES.join('\n'));
    expect((await inProcess(['import', file, '--dry-run', '--db', db])).stderr).toContain(fullWarning);
    expect((await inProcess(['import', file, '--db', db])).stderr).toContain(fullWarning);
  });
});

describe('values set by hand', () => {
  /** As `remedi staff edit` leaves them: Arjun marked front line with three mentees. */
  function setByHand(db: string): void {
    const sqlite = new Database(db);
    try {
      sqlite.prepare(`UPDATE staff SET functions = 'front line', capacity = 3, hand_set = '["functionsStated","capacity"]' WHERE staff_id = '10000067'`).run();
    } finally {
      sqlite.close();
    }
  }
  const arjun = async (run: Setup['run']) =>
    (json(await run(['staff', 'list', '--json'])) as Array<{ staffId: string; functions: string[]; functionsDerived: boolean; capacity: number }>).find(
      (p) => p.staffId === '10000067',
    )!;

  it('are kept by an import whose cells are blank or whose columns are missing', async () => {
    const { dir, db, run } = await setUp();
    setByHand(db);
    // The bundled roster has Arjun's function and capacity cells blank.
    const blank = json(await run(['import', ROSTER, '--json']));
    expect(blank).toMatchObject({ updated: 0, handSetReplaced: [] });
    expect(await arjun(run)).toMatchObject({ functions: ['front line'], capacity: 3 });

    const narrow = join(dir, 'narrow.csv');
    writeFileSync(narrow, 'Employee Number,Pay Band\n10000067,Band 6\n');
    expect(json(await run(['import', narrow, '--json']))).toMatchObject({ unchanged: 1, handSetReplaced: [] });
    expect(await arjun(run)).toMatchObject({ functions: ['front line'], capacity: 3 });
  });

  it('are replaced by a filled-in cell, and the summary says which', async () => {
    const { dir, db, run } = await setUp();
    setByHand(db);
    const file = rosterWithout(dir, [], (line) => (line.startsWith('10000067,') ? line.replace(',H,,,N,', ',H,,Clinical,N,') : line));
    const dry = json(await run(['import', file, '--dry-run', '--json']));
    expect(dry.handSetReplaced).toEqual([{ staffId: '10000067', name: 'Arjun Menon', field: 'functions', before: ['front line'], after: ['clinical'] }]);
    const result = await run(['import', file]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(
      "1 value set by hand was replaced by the file (a filled-in cell is HR's word):\n    10000067 Arjun Menon: function front line -> clinical\n",
    );
    expect(await arjun(run)).toMatchObject({ functions: ['clinical'], capacity: 3 });
    const sqlite = new Database(db, { readonly: true });
    try {
      expect(sqlite.prepare(`SELECT hand_set FROM staff WHERE staff_id = '10000067'`).pluck().get()).toBe('["capacity"]');
    } finally {
      sqlite.close();
    }
    // The function is HR's now: a blank cell derives it again; the capacity is still kept.
    expect(json(await run(['import', ROSTER, '--json'])).handSetReplaced).toEqual([]);
    expect(await arjun(run)).toMatchObject({ functions: ['clinical'], functionsDerived: true, capacity: 3 });
  });
});

describe('a person erased with remedi forget', () => {
  it('is skipped by every later import, dry runs included, by staff id or email, never named', async () => {
    const { dir, run } = await setUp({ pairs: true });
    const forget = await inProcess(['forget', 'Jade Thompson', '--yes', '--db', join(dir, 'remedi.db')], { env: { REMEDI_TODAY: '2026-12-01' } });
    expect(forget.code, forget.stderr).toBe(0);
    const before = snapshotFolder(dir);

    const dry = await run(['import', ROSTER, '--dry-run']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stderr).toContain('1 row skipped: a person erased on 1 Dec 2026.');
    expect(dry.stdout).toContain('0 added, 0 updated, 89 unchanged.');
    for (const text of [dry.stdout, dry.stderr]) {
      expect(text).not.toContain('Jade');
      expect(text).not.toContain('10000052');
    }
    expect(snapshotFolder(dir)).toEqual(before);

    const real = json(await run(['import', ROSTER, '--cohort', '1', '--json']));
    expect(real).toMatchObject({ skippedForgotten: 1, added: 0 });
    expect(JSON.stringify(real)).not.toContain('10000052');

    // A new staff id with their email is still them.
    const rehired = join(dir, 'rehired.csv');
    writeFileSync(
      rehired,
      'Employee Number,Full Name,Email Address,Pay Band\n10009999,Jade Thompson,JADE.THOMPSON@nhs.net,Band 6\n10000091,Grace Ogunleye,grace.ogunleye@nhs.net,Band 5\n',
    );
    const again = await run(['import', rehired]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain('1 row skipped: a person erased on 1 Dec 2026.');
    expect(again.stdout).toContain('1 added, 0 updated, 0 unchanged.'); // Grace is new
    const staff = (await run(['staff', 'list', '--json'])).stdout;
    expect(staff).not.toContain('Jade');
    expect(staff).not.toContain('10000052');
    expect(staff).not.toContain('10009999');
  });

  it("as someone's line manager, is read as blank, without a warning that names them", async () => {
    const dir = tempDir();
    const db = join(dir, 'remedi.db');
    const file = join(dir, 'team.csv');
    writeFileSync(file, 'staff_id,name,email,band,line_manager_id\n1,Ann Lee,ann.lee@nhs.net,8b,\n2,Bo Chen,bo.chen@nhs.net,5,1\n');
    expect((await inProcess(['import', file, '--db', db])).code).toBe(0);
    expect((await inProcess(['forget', 'ann.lee@NHS.net', '--yes', '--db', db])).code).toBe(0);
    const result = await inProcess(['import', file, '--db', db]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('1 row skipped: a person erased on 15 Mar 2026.');
    expect(result.stderr).toContain('1 line manager id was left blank: it belongs to a person who was erased.');
    expect(result.stderr).not.toContain('line manager 1 ');
    const bo = (JSON.parse((await inProcess(['staff', 'list', '--json', '--db', db])).stdout) as Array<{ staffId: string; lineManagerId: string | null }>).find(
      (p) => p.staffId === '2',
    );
    expect(bo?.lineManagerId).toBeNull();
  });

  it("does not skip someone remedi still holds whose row carries the erased person's old email", async () => {
    const dir = tempDir();
    const db = join(dir, 'remedi.db');
    const file = join(dir, 'team.csv');
    writeFileSync(file, 'staff_id,name,email,band\n1,Ann Lee,ann.lee@nhs.net,8b\n2,Bo Chen,bo.chen@nhs.net,5\n');
    expect((await inProcess(['import', file, '--db', db])).code).toBe(0);
    expect((await inProcess(['forget', '1', '--yes', '--db', db])).code).toBe(0);
    // The mailbox was given to Bo: his row is his, not the erased person coming back.
    writeFileSync(file, 'staff_id,name,email,band\n2,Bo Chen,ann.lee@nhs.net,5\n');
    const result = await inProcess(['import', file, '--db', db]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).not.toContain('skipped');
    expect(result.stdout).toContain('0 added, 1 updated, 0 unchanged.');
  });
});

describe('a first import into an empty staff list', () => {
  const indexes = (db: string) => {
    const file = new Database(db, { readonly: true });
    try {
      return file
        .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'staff' AND name LIKE 'staff_by_%' ORDER BY name")
        .pluck()
        .all() as string[];
    } finally {
      file.close();
    }
  };

  it('builds the search indexes once at its end, and a refused one leaves them as they were', async () => {
    const dir = tempDir();
    const db = join(dir, 'remedi.db');
    expect((await inProcess(['cohort', 'create', '1', '--start', '2026-01-05', '--end', '2026-09-30', '--db', db])).code).toBe(0);
    expect(indexes(db)).toEqual(['staff_by_email', 'staff_by_name_key']);
    expect((await inProcess(['import', join(FIXTURES, 'bad', 'unknown-band.csv'), '--db', db])).code).toBe(1);
    expect(indexes(db)).toEqual(['staff_by_email', 'staff_by_name_key']);
    expect((await inProcess(['import', ROSTER, '--db', db])).code).toBe(0);
    expect(indexes(db)).toEqual(['staff_by_email', 'staff_by_name_key']);
    expect((await inProcess(['staff', 'show', 'siobhan kelly', '--json', '--db', db])).code).toBe(0);
  });
});
