import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, snapshotFolder, tempDir } from '../helpers/cli.js';
import { run } from '../helpers/inProcess.js';

interface EnrolmentJson {
  cohort: number;
  enrolled: Array<{ staffId: string; name: string; role: string }>;
  changed: Array<{ staffId: string; role: string; from: string }>;
  rejoined: Array<{ staffId: string; role: string; from: string; withdrawnOn: string }>;
  alreadyEnrolled: Array<{ staffId: string; role: string }>;
  noRole: Array<{ file: string; line: number; person: string }>;
  taking: { mentees: number; mentors: number; either: number };
}

/** The fixture roster in cohort 1 (with its roles), and an empty cohort 2 to enrol by command. */
async function setUp(): Promise<{ dir: string; db: string }> {
  const dir = tempDir();
  const db = join(dir, 'remedi.db');
  expect((await run(['cohort', 'create', '1', '--start', '2026-01-05', '--end', '2026-09-30', '--db', db])).code).toBe(0);
  expect((await run(['import', join(FIXTURES, 'roster.csv'), '--cohort', '1', '--db', db])).code).toBe(0);
  expect((await run(['cohort', 'create', '2', '--start', '2026-10-01', '--end', '2027-06-30', '--db', db])).code).toBe(0);
  return { dir, db };
}

async function enrol(db: string, ...args: string[]): Promise<EnrolmentJson> {
  const result = await run(['cohort', 'enrol', '2', '--json', '--db', db, ...args]);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as EnrolmentJson;
}

const listed = async (db: string, cohort: number): Promise<Array<{ staffId: string; role: string }>> =>
  JSON.parse((await run(['staff', 'list', '--cohort', String(cohort), '--json', '--db', db])).stdout);

describe('remedi cohort enrol', () => {
  it('enrols people by staff id, email (any case) or name (any accents), each with its role', async () => {
    const { db } = await setUp();
    const json = await enrol(db, '--mentee', 'siobhan kelly', '--mentee', 'MARGARET.ELLISON@nhs.net', '--mentor', '10000065', '--either', 'Daniel Foster');
    expect(json.enrolled).toEqual([
      { staffId: '10000002', name: 'Siobhán Kelly', role: 'mentee' },
      { staffId: '10000001', name: 'Margaret Ellison', role: 'mentee' },
      { staffId: '10000065', name: 'Chidi Eze', role: 'mentor' },
      { staffId: '10000032', name: 'Daniel Foster', role: 'either' },
    ]);
    expect(json.taking).toEqual({ mentees: 2, mentors: 1, either: 1 });
    expect((await listed(db, 2)).map((p) => [p.staffId, p.role])).toEqual([
      ['10000001', 'mentee'],
      ['10000002', 'mentee'],
      ['10000032', 'either'],
      ['10000065', 'mentor'],
    ]);

    const text = await run(['cohort', 'enrol', '2', '--mentee', 'Margaret Ellison', '--mentor', 'Daniel Foster', '--db', db]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain('Cohort 2: 0 people enrolled, 1 changed, 1 already enrolled.');
    expect(text.stdout).toContain('Daniel Foster (10000032): now mentor, was either');
    expect(text.stdout).toContain('mentees (1): Margaret Ellison (10000001)');
    expect(text.stdout).toContain('Cohort 2 now has 2 mentees, 2 mentors and 0 either.');
  });

  it('reads a CSV with odd headers, a --map for one of them, "both" as either, and a blank role that enrols nobody', async () => {
    const { dir, db } = await setUp();
    const file = join(dir, 'participants.csv');
    writeFileSync(
      file,
      [
        'Participant,E-mail,Programme Role,Notes',
        'Andrew Whitfield,,Mentee,',
        ',chloe.adebayo@NHS.net,both,',
        'Jade Thompson,,MENTOR,',
        'Helen Marsh,,,not this year',
        '',
      ].join('\r\n'),
    );
    const json = await enrol(db, '--from', file, '--map', 'Participant=name', '--map', 'Notes=ignore');
    expect(json.enrolled.map((p) => [p.staffId, p.role])).toEqual([
      ['10000004', 'mentee'],
      ['10000023', 'either'],
      ['10000052', 'mentor'],
    ]);
    expect(json.noRole).toEqual([{ file: 'participants.csv', line: 5, person: 'Helen Marsh' }]);
    const text = await run(['cohort', 'enrol', '2', '--from', file, '--map', 'Participant=name', '--map', 'Notes=ignore', '--db', db]);
    expect(text.stderr).toContain('1 row has a blank role and enrolled nobody: participants.csv:5.');
    expect(text.stdout).toContain('3 already enrolled');
  });

  it('refuses a file without a role column, or with a role it cannot read, writing nothing', async () => {
    const { dir, db } = await setUp();
    const noRole = join(dir, 'names.csv');
    writeFileSync(noRole, 'Full Name\nChidi Eze\n');
    const badRole = join(dir, 'bad.csv');
    writeFileSync(badRole, 'Employee Number,Role\n10000065,leader\n');
    const before = snapshotFolder(dir);
    const missing = await run(['cohort', 'enrol', '2', '--from', noRole, '--db', db]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('names.csv has no role column');
    const bad = await run(['cohort', 'enrol', '2', '--from', badRole, '--db', db]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('bad.csv:2 column B (Role) "leader": not a programme role; expected mentor, mentee or either');
    expect(snapshotFolder(dir)).toEqual(before);
  });

  it('refuses an unknown name with the candidates, naming file rows by line, and writes nothing', async () => {
    const { dir, db } = await setUp();
    const file = join(dir, 'people.csv');
    writeFileSync(file, 'Name,Role\nJade Thompson,mentor\nChidi Ez,mentor\n');
    const before = snapshotFolder(dir);
    const result = await run(['cohort', 'enrol', '2', '--mentee', 'Margaret Ellison', '--mentee', 'Nobody Atall', '--from', file, '--db', db]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Nothing was enrolled in cohort 2: 2 people could not be enrolled.');
    expect(result.stderr).toContain('--mentee "Nobody Atall": There is nobody called "Nobody Atall"');
    expect(result.stderr).toContain(
      'people.csv:3 column A (Name): There is nobody called "Chidi Ez" (by staff id, email or name). Did you mean 10000065 Chidi Eze (Surgery)',
    );
    expect(snapshotFolder(dir)).toEqual(before);
    expect(await listed(db, 2)).toEqual([]);
  });

  it('refuses someone who has left the trust', async () => {
    const { dir, db } = await setUp();
    const roster = readFileSync(join(FIXTURES, 'roster.csv'), 'utf8')
      .split('\n')
      .filter((line) => !line.startsWith('10000065,'))
      .join('\n');
    writeFileSync(join(dir, 'march.csv'), roster);
    expect((await run(['import', join(dir, 'march.csv'), '--missing-left', '--db', db])).code).toBe(0);
    const before = snapshotFolder(dir);
    const result = await run(['cohort', 'enrol', '2', '--mentor', 'Chidi Eze', '--mentor', 'Jade Thompson', '--db', db]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('--mentor "Chidi Eze": Chidi Eze (10000065) has left the trust.');
    expect(snapshotFolder(dir)).toEqual(before);
  });

  it('refuses to change the role of someone in a running relationship, naming it; same role is fine', async () => {
    const { dir, db } = await setUp();
    const added = await run(['pair', 'add', '--mentee', '10000004', '--mentor', '10000023', '--cohort', '1', '--start', '2026-01-05', '--json', '--db', db]);
    expect(added.code, added.stderr).toBe(0);
    const id = JSON.parse(added.stdout).id as number;
    const before = snapshotFolder(dir);
    const refused = await run(['cohort', 'enrol', '1', '--mentee', 'Chloe Adebayo', '--db', db]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      `Chloe Adebayo (10000023) is enrolled in cohort 1 as a mentor and is in running relationship #${id} (mentor), so cannot become a mentee.`,
    );
    expect(snapshotFolder(dir)).toEqual(before);
    expect((await run(['cohort', 'enrol', '1', '--mentor', 'Chloe Adebayo', '--db', db])).code).toBe(0);
  });

  it('refuses a person given two roles, and a command with nobody to enrol', async () => {
    const { db } = await setUp();
    const twice = await run(['cohort', 'enrol', '2', '--mentee', '10000065', '--mentor', 'Chidi Eze', '--db', db]);
    expect(twice.code).toBe(1);
    expect(twice.stderr).toContain('Chidi Eze (10000065) is given 2 roles');
    const nobody = await run(['cohort', 'enrol', '2', '--db', db]);
    expect(nobody.code).toBe(2);
    expect(nobody.stderr).toContain('Say who to enrol');
    expect((await run(['cohort', 'enrol', '9', '--mentee', '10000001', '--db', db])).stderr).toContain('Cohort 9 does not exist.');
  });
});

describe('remedi cohort withdraw', () => {
  it('withdraws people: no longer listed, counted or offered for pairing; enrolling again takes them back', async () => {
    const { db } = await setUp();
    await enrol(db, '--mentee', 'Margaret Ellison', '--mentor', 'Jade Thompson', '--mentor', 'Chloe Adebayo');
    const result = await run(['cohort', 'withdraw', '2', 'jade thompson', '--on', '2026-03-01', '--reason', 'changed role', '--json', '--db', db]);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      cohort: 2,
      on: '2026-03-01',
      reason: 'changed role',
      withdrawn: [{ staffId: '10000052', name: 'Jade Thompson', role: 'mentor' }],
      alreadyWithdrawn: [],
      endedRelationships: [],
    });
    expect((await listed(db, 2)).map((p) => p.staffId)).toEqual(['10000001', '10000023']);
    const cohorts = JSON.parse((await run(['cohort', 'list', '--json', '--db', db])).stdout) as Array<{ number: number; mentors: number }>;
    expect(cohorts.find((c) => c.number === 2)).toMatchObject({ mentors: 1 });
    const proposal = JSON.parse((await run(['pair', '--cohort', '2', '--json', '--db', db])).stdout);
    const everyone = [
      ...proposal.relationships.flatMap((r: { mentors: Array<{ staffId: string }> }) => r.mentors.map((m) => m.staffId)),
      ...proposal.unmatched.map((u: { staffId: string }) => u.staffId),
    ];
    expect(everyone).not.toContain('10000052');
    expect(proposal.notes).toContain('1 person has withdrawn from the cohort and is not offered for pairing.');

    const again = await run(['cohort', 'withdraw', '2', '10000052', '--db', db]);
    expect(again.stdout).toContain('Jade Thompson (10000052) had already withdrawn, on 1 Mar 2026: unchanged.');
    const back = await enrol(db, '--mentor', 'Jade Thompson');
    expect(back.rejoined).toEqual([{ staffId: '10000052', name: 'Jade Thompson', role: 'mentor', from: 'mentor', withdrawnOn: '2026-03-01' }]);
    expect((await listed(db, 2)).map((p) => p.staffId)).toContain('10000052');
  });

  it('refuses someone in a running relationship, naming it; --end-relationships ends it that day with the reason', async () => {
    const { dir, db } = await setUp();
    const added = await run([
      'pair',
      'add',
      '--mentee',
      'Andrew Whitfield',
      '--mentor',
      'Chloe Adebayo',
      '--cohort',
      '1',
      '--start',
      '2026-01-05',
      '--json',
      '--db',
      db,
    ]);
    expect(added.code, added.stderr).toBe(0);
    const id = JSON.parse(added.stdout).id as number;
    expect(
      (await run(['log-session', '--pair', String(id), '--date', '2026-03-10', '--minutes', '30', '--kind', 'one-to-one', '--level', 'team', '--db', db])).code,
    ).toBe(0);
    const before = snapshotFolder(dir);

    const refused = await run(['cohort', 'withdraw', '1', 'Chloe Adebayo', '--db', db]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`Chloe Adebayo: relationship #${id} (Andrew Whitfield with Chloe Adebayo) is still running`);
    expect(refused.stderr).toContain('--end-relationships');
    // The same checks as pair end: not before its last session.
    const early = await run(['cohort', 'withdraw', '1', 'Chloe Adebayo', '--end-relationships', '--on', '2026-03-01', '--db', db]);
    expect(early.code).toBe(1);
    expect(early.stderr).toContain(`Relationship #${id} has a session on 10 Mar 2026`);
    expect(snapshotFolder(dir)).toEqual(before);

    const ended = await run([
      'cohort',
      'withdraw',
      '1',
      'Chloe Adebayo',
      '--end-relationships',
      '--on',
      '2026-03-12',
      '--reason',
      'left the programme',
      '--db',
      db,
    ]);
    expect(ended.code, ended.stderr).toBe(0);
    expect(ended.stdout).toContain(`Ended relationship #${id} (Andrew Whitfield with Chloe Adebayo) on 12 Mar 2026.`);
    const rel = (JSON.parse((await run(['pair', 'list', '--json', '--db', db])).stdout) as Array<{ id: number }>).find((r) => r.id === id);
    expect(rel).toMatchObject({ end: '2026-03-12', status: 'ended', endReason: 'left the programme' });
    expect((await listed(db, 1)).map((p) => p.staffId)).not.toContain('10000023');
  });

  it('refuses someone not enrolled, a future date, and an unknown name, writing nothing', async () => {
    const { dir, db } = await setUp();
    const before = snapshotFolder(dir);
    const notEnrolled = await run(['cohort', 'withdraw', '2', 'Chidi Eze', '--db', db]);
    expect(notEnrolled.code).toBe(1);
    expect(notEnrolled.stderr).toContain('Chidi Eze (10000065) is not enrolled in cohort 2');
    const future = await run(['cohort', 'withdraw', '1', 'Chidi Eze', '--on', '2026-04-01', '--db', db]);
    expect(future.code).toBe(1);
    expect(future.stderr).toContain('is after today');
    const unknown = await run(['cohort', 'withdraw', '1', 'Nobody Atall', '--db', db]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('Nothing was withdrawn: there is nobody called "Nobody Atall"');
    expect(snapshotFolder(dir)).toEqual(before);
  });
});
