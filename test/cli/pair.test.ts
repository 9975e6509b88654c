import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, remedi, snapshotFolder, tempDir } from '../helpers/cli.js';
import { run } from '../helpers/inProcess.js';

interface Person {
  staffId: string;
  name: string;
  band: string | null;
  boardMember: boolean;
  bme: string;
  functions: string[];
  lineManagerId: string | null;
  raceTrained: boolean;
  capacity: number;
  role?: string;
}
interface ProposalJson {
  cohort: number;
  weights: Record<string, number>;
  saved: boolean;
  start: string;
  relationships: Array<{
    id: number | null;
    mentee: { staffId: string; name: string };
    mentors: Array<{ staffId: string; name: string; slot: string | null }>;
    type: string;
    score: number;
    reasons: string[];
    tooShort: boolean;
  }>;
  unmatched: Array<{ staffId: string; name: string; role: string; reasons: string[] }>;
  totals: { boardCovered: number; boardTotal: number; mentees: number; paired: number; score: number };
  notes: string[];
}

/** The seniority scale of docs/roster.md, "Bands and seniority", for checking "the mentor is strictly more junior". */
const RANK: Record<string, number> = {
  '1': 1,
  '2': 2,
  '3': 3,
  '4': 4,
  '5': 5,
  '6': 6,
  '7': 7,
  '8a': 8,
  '8b': 9,
  '8c': 10,
  '8d': 11,
  '9': 12,
  VSM: 13,
  FY1: 5,
  FY2: 6,
  StR: 7,
  Registrar: 7,
  ST3: 7,
  ST6: 7,
  SAS: 7,
  'Specialty Doctor': 7,
  'Associate Specialist': 7,
  Consultant: 11,
};
const rank = (p: Person) => (p.boardMember ? 14 : RANK[p.band!]);

async function setUp(): Promise<{ dir: string; db: string }> {
  const dir = tempDir();
  const db = join(dir, 'remedi.db');
  expect((await run(['cohort', 'create', '1', '--start', '2026-01-05', '--end', '2026-09-30', '--db', db])).code).toBe(0);
  expect((await run(['import', join(FIXTURES, 'roster.csv'), '--cohort', '1', '--db', db])).code).toBe(0);
  return { dir, db };
}

async function staff(db: string): Promise<Map<string, Person>> {
  const result = await run(['staff', 'list', '--json', '--db', db]);
  return new Map((JSON.parse(result.stdout) as Person[]).map((p) => [p.staffId, p]));
}

async function pair(db: string, ...args: string[]): Promise<ProposalJson> {
  const result = await run(['pair', '--json', '--db', db, ...args]);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as ProposalJson;
}

/** Every hard rule of docs/pairing.md, "Hard rules", checked from the outside. */
function expectNoForbiddenPair(proposal: ProposalJson, people: Map<string, Person>): void {
  const chain = (id: string) => {
    const first = people.get(id)?.lineManagerId ?? null;
    return [first, first ? (people.get(first)?.lineManagerId ?? null) : null];
  };
  const load = new Map<string, number>();
  for (const rel of proposal.relationships) {
    const mentee = people.get(rel.mentee.staffId)!;
    expect(new Set(rel.mentors.map((m) => m.staffId)).size).toBe(rel.mentors.length);
    for (const m of rel.mentors) {
      const mentor = people.get(m.staffId)!;
      expect(mentor.staffId).not.toBe(mentee.staffId);
      expect(rank(mentor), `${mentor.name} junior to ${mentee.name}`).toBeLessThan(rank(mentee));
      expect(chain(mentee.staffId)).not.toContain(mentor.staffId);
      expect(chain(mentor.staffId)).not.toContain(mentee.staffId);
      expect(mentor.raceTrained).toBe(true);
      load.set(mentor.staffId, (load.get(mentor.staffId) ?? 0) + 1);
    }
    expect(rel.reasons.length).toBeGreaterThan(0);
  }
  for (const [id, used] of load) expect(used).toBeLessThanOrEqual(people.get(id)!.capacity);
}

describe('remedi pair on the fixture roster', () => {
  it('covers every board member, breaks no hard rule, explains every pair and everyone left out, and writes nothing', async () => {
    const { dir, db } = await setUp();
    const before = snapshotFolder(dir);
    const proposal = await pair(db);
    expect(snapshotFolder(dir)).toEqual(before);
    const people = await staff(db);
    expect(proposal.saved).toBe(false);
    expect(proposal.totals).toMatchObject({ boardCovered: 8, boardTotal: 8, mentees: 12, paired: 12 });
    expectNoForbiddenPair(proposal, people);
    expect(proposal.weights).toEqual({
      race: 400,
      frontline: 300,
      clinical: 200,
      general: 0,
      bmeMentor: 100,
      differentDepartment: 50,
      targetedMentee: 150,
      sameTargetedDepartment: 50,
      perBandGap: 10,
    });
    expect(proposal.totals.score).toBe(proposal.relationships.reduce((sum, r) => sum + r.score, 0));
    for (const u of proposal.unmatched) expect(u.reasons.join(' ')).not.toBe('');
    // The untrained mentors are left out, and told how to fix it.
    const untrained = proposal.unmatched.filter((u) => u.role === 'mentor' && !people.get(u.staffId)!.raceTrained);
    expect(untrained.length).toBeGreaterThan(0);
    for (const u of untrained) expect(u.reasons[0]).toContain('remedi staff train');
    expect(proposal.notes.some((n) => n.includes('(role "either") takes part as a mentor'))).toBe(true);
  });

  it('with --trios gives each board member a BME and a front-line mentor, two different people', async () => {
    const { db } = await setUp();
    const proposal = await pair(db, '--trios');
    const people = await staff(db);
    expectNoForbiddenPair(proposal, people);
    const board = proposal.relationships.filter((r) => people.get(r.mentee.staffId)!.boardMember);
    expect(board).toHaveLength(8);
    for (const rel of board) {
      expect(rel.mentors.map((m) => m.slot).sort()).toEqual(['bme', 'frontline']);
      const bme = rel.mentors.find((m) => m.slot === 'bme')!;
      const frontline = rel.mentors.find((m) => m.slot === 'frontline')!;
      expect(bme.staffId).not.toBe(frontline.staffId);
      expect(people.get(bme.staffId)!.bme).toBe('yes');
      expect(people.get(frontline.staffId)!.functions).toContain('front line');
    }
  });

  it('--save records the proposal; pair list shows it; a second --save adds nothing', async () => {
    const { db } = await setUp();
    const saved = await pair(db, '--trios', '--save', '--start', '2026-02-01');
    expect(saved.saved).toBe(true);
    expect(saved.relationships.every((r) => typeof r.id === 'number')).toBe(true);

    const list = await run(['pair', 'list', '--json', '--db', db]);
    expect(list.code).toBe(0);
    const relationships = JSON.parse(list.stdout) as Array<Record<string, unknown>>;
    expect(relationships).toHaveLength(saved.relationships.length);
    expect(relationships[0]).toMatchObject({ cohort: 1, start: '2026-02-01', end: '2026-09-30', plannedEnd: '2026-09-30', status: 'active', override: false });
    expect(Object.keys(relationships[0])).toEqual(
      expect.arrayContaining(['id', 'cohort', 'mentee', 'mentors', 'type', 'start', 'end', 'plannedEnd', 'status', 'override']),
    );

    const again = await pair(db, '--trios', '--save');
    expect(again.relationships).toHaveLength(0);
    expect(again.totals.mentees).toBe(0);
    const menteeIds = relationships.map((r) => (r.mentee as { staffId: string }).staffId);
    expect(new Set(menteeIds).size).toBe(menteeIds.length);
  });

  it('--replace proposes afresh the relationships that have no sessions, and saves them only with --save', async () => {
    const { db } = await setUp();
    const first = await pair(db, '--save');
    const preview = await pair(db, '--replace');
    expect(preview.relationships).toHaveLength(first.relationships.length);
    expect(preview.notes[0]).toContain('would remove 12 relationships');
    expect(JSON.parse((await run(['pair', 'list', '--json', '--db', db])).stdout)).toHaveLength(12);
    const replaced = await pair(db, '--replace', '--save');
    expect(replaced.relationships.map((r) => r.id)).not.toEqual(first.relationships.map((r) => r.id));
    expect(JSON.parse((await run(['pair', 'list', '--json', '--db', db])).stdout)).toHaveLength(12);
  });

  it('--allow-untrained lets untrained mentors be paired; staff train makes them eligible for good', async () => {
    const { db } = await setUp();
    const strict = await pair(db);
    const waiting = strict.unmatched.filter((u) => u.role === 'mentor' && u.reasons[0].startsWith('not RACE-trained')).map((u) => u.staffId);
    expect(waiting.length).toBeGreaterThan(0);
    const relaxed = await pair(db, '--allow-untrained');
    expect(relaxed.unmatched.some((u) => u.reasons[0].startsWith('not RACE-trained'))).toBe(false);

    const train = await run(['staff', 'train', ...waiting, '--on', '2026-02-10', '--db', db]);
    expect(train.code, train.stderr).toBe(0);
    const after = await staff(db);
    for (const id of waiting) expect(after.get(id)).toMatchObject({ raceTrained: true });
    expect((await pair(db)).unmatched.some((u) => u.reasons[0].startsWith('not RACE-trained'))).toBe(false);
  });

  it('--csv prints one named row per relationship, with spreadsheet formulas neutralised', async () => {
    const dir = tempDir();
    const db = join(dir, 'remedi.db');
    const roster = join(dir, 'roster.csv');
    writeFileSync(
      roster,
      [
        'staff_id,name,band,board_member,ethnicity,role,race_trained,department',
        '1,Chief Exec,VSM,yes,A,mentee,,Board',
        '2,"=HYPERLINK(""http://x"")",5,no,M,mentor,yes,Wards',
      ].join('\n'),
    );
    await run(['cohort', 'create', '1', '--start', '2026-01-05', '--end', '2026-09-30', '--db', db]);
    expect((await run(['import', roster, '--cohort', '1', '--db', db])).code).toBe(0);
    const result = await run(['pair', '--csv', '--db', db]);
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.trim().split('\r\n');
    expect(lines[0]).toBe(
      'relationship_id,type,score,start,mentee_id,mentee_name,mentee_email,mentee_department,mentor_id,mentor_name,mentor_email,mentor_department,mentor_slot,second_mentor_id,second_mentor_name,second_mentor_email,second_mentor_department,second_mentor_slot',
    );
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://x"")"`);
  });
});

describe('remedi pair: weights and mistakes', () => {
  it('--weights changes the scoring and the proposal shows the weights used', async () => {
    const { dir, db } = await setUp();
    const file = join(dir, 'weights.json');
    writeFileSync(file, JSON.stringify({ frontline: 900, perBandGap: 0 }));
    const proposal = await pair(db, '--weights', file);
    expect(proposal.weights).toMatchObject({ frontline: 900, perBandGap: 0, race: 400 });
    expect(proposal.relationships.filter((r) => r.type === 'frontline').length).toBeGreaterThan(
      (await pair(db)).relationships.filter((r) => r.type === 'frontline').length,
    );
  });

  it.each([
    [{ rce: 10 }, /"rce" is not a weight/],
    [{ race: 1001 }, /expected a whole number from 0 to 1000/],
    [{ race: -1 }, /expected a whole number from 0 to 1000/],
    [[1, 2], /expected a JSON object/],
  ])('a weights file %j is a usage error (exit 2)', async (weights, message) => {
    const { dir, db } = await setUp();
    const file = join(dir, 'weights.json');
    writeFileSync(file, JSON.stringify(weights));
    const result = await run(['pair', '--weights', file, '--db', db]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });

  it('a missing cohort, a missing database and a start after the cohort are refused', async () => {
    const { dir, db } = await setUp();
    expect((await run(['pair', '--cohort', '9', '--db', db])).code).toBe(1);
    const noDb = await run(['pair', '--db', join(dir, 'none.db')]);
    expect(noDb.code).toBe(1);
    expect(noDb.stderr).toContain('There is no remedi database');
    const late = await run(['pair', '--save', '--start', '2027-01-01', '--db', db]);
    expect(late.code).toBe(1);
    expect(late.stderr).toContain('after cohort 1 ends');
  });

  it('names the cohort it chose on stderr when --cohort is not given', async () => {
    const { db } = await setUp();
    const result = await run(['pair', '--db', db]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('Using cohort 1 (5 Jan 2026 to 30 Sep 2026)');
    expect(result.stderr).toContain('Nothing was saved');
    expect(result.stdout).toContain('Board members covered: 8 of 8');
  });
});

describe('remedi pair --save: when new relationships start', () => {
  it('in a running cohort they start today, it says so, and a relationship too short to last is flagged and still saved', async () => {
    const { db } = await setUp();
    const result = await run(['pair', '--save', '--json', '--db', db]);
    expect(result.code, result.stderr).toBe(0);
    const saved = JSON.parse(result.stdout) as ProposalJson;
    expect(saved.start).toBe('2026-03-15');
    expect(saved.relationships.length).toBeGreaterThan(0);
    expect(saved.relationships.every((r) => r.tooShort)).toBe(true);
    expect(saved.notes).toContain(
      'Cohort 1 is running, so new relationships start today, 15 Mar 2026, not on its start (5 Jan 2026); give --start to choose the day.',
    );
    expect(
      saved.notes.some((n) => n.includes('cannot last 8 months before cohort 1 ends on 30 Sep 2026') && n.includes('remedi cohort edit 1 --end 2026-11-14')),
    ).toBe(true);
    expect(result.stderr).toContain('starting today (15 Mar 2026)');
    expect(result.stderr).toContain(
      'Warning: starting 15 Mar 2026, they cannot last 8 months before cohort 1 ends on 30 Sep 2026 (they would need to run to 14 Nov 2026). To give them the time: remedi cohort edit 1 --end 2026-11-14',
    );
    const list = JSON.parse((await run(['pair', 'list', '--json', '--db', db])).stdout) as Array<{ start: string }>;
    expect(list.every((r) => r.start === '2026-03-15')).toBe(true);
  });

  it('the proposal text marks each relationship that is too short', async () => {
    const { db } = await setUp();
    const result = await run(['pair', '--db', db]);
    expect(result.stdout).toContain('too short: cannot last the minimum months before the cohort ends');
    expect(result.stdout).toContain('remedi cohort edit 1 --end 2026-11-14');
    // Saved as text, the shortfall is said once, in the proposal's notes, not again after saving.
    const saved = await run(['pair', '--save', '--db', db]);
    expect(saved.code, saved.stderr).toBe(0);
    expect(`${saved.stdout}${saved.stderr}`.split('cannot last 8 months before cohort 1 ends').length - 1).toBe(1);
  });

  it.each([
    ['before the cohort starts', '2025-12-01'],
    ['after the cohort ended (recording it)', '2026-12-01'],
  ])("%s they start on the cohort's start and are not flagged", async (_case, today) => {
    const { db } = await setUp();
    const result = await run(['pair', '--save', '--json', '--db', db], { env: { REMEDI_TODAY: today } });
    expect(result.code, result.stderr).toBe(0);
    const saved = JSON.parse(result.stdout) as { start: string; notes: string[]; relationships: Array<{ tooShort: boolean }> };
    expect(saved.start).toBe('2026-01-05');
    expect(saved.relationships.some((r) => r.tooShort)).toBe(false);
    expect(result.stderr).not.toContain('Warning');
    expect(saved.notes.some((n) => n.includes('start today'))).toBe(false);
  });

  it('--start still wins mid-cohort', async () => {
    const { db } = await setUp();
    const saved = await pair(db, '--save', '--start', '2026-01-05');
    expect(saved.start).toBe('2026-01-05');
    expect(saved.notes.some((n) => n.includes('start today') || n.includes('cannot last'))).toBe(false);
  });

  it('pair --csv after everything was saved says where the saved pairs are instead of printing a bare header', async () => {
    const { db } = await setUp();
    await pair(db, '--save', '--start', '2026-01-05');
    const result = await run(['pair', '--csv', '--cohort', '1', '--db', db]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('Every participant is already paired: the saved relationships are in remedi pair list --cohort 1 --csv');
  });
});

describe('remedi pair add, end and list', () => {
  it('refuses a pair that breaks a hard rule, naming it; --force records it as an override', async () => {
    const { dir, db } = await setUp();
    const before = snapshotFolder(dir);
    // 10000052 reports to 10000023, who reports to 10000009 (Patricia Doyle).
    const refused = await run(['pair', 'add', '--mentee', '10000009', '--mentor', '10000052', '--db', db]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("Patricia Doyle is Jade Thompson's line manager or their manager's manager");
    expect(snapshotFolder(dir)).toEqual(before);

    const forced = await run(['pair', 'add', '--mentee', '10000009', '--mentor', '10000052', '--force', '--start', '2026-02-01', '--json', '--db', db]);
    expect(forced.code, forced.stderr).toBe(0);
    const rel = JSON.parse(forced.stdout);
    expect(rel).toMatchObject({ cohort: 1, mentee: { staffId: '10000009' }, mentors: [{ staffId: '10000052' }], override: true, status: 'active' });

    const again = await run(['pair', 'add', '--mentee', '10000009', '--mentor', '10000029', '--db', db]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already the mentee of a relationship');

    const ended = await run(['pair', 'end', String(rel.id), '--on', '2026-03-01', '--reason', 'moved', '--json', '--db', db]);
    expect(ended.code, ended.stderr).toBe(0);
    expect(JSON.parse(ended.stdout)).toMatchObject({ end: '2026-03-01', status: 'ended', endReason: 'moved' });
    expect((await run(['pair', 'end', String(rel.id), '--db', db])).stderr).toContain('already ended');
    // Once the relationship ended, the mentee can be paired again; a pair made by hand mid-cohort starts today.
    const next = await run(['pair', 'add', '--mentee', '10000009', '--mentor', '10000029', '--json', '--db', db]);
    expect(next.code, next.stderr).toBe(0);
    expect(JSON.parse(next.stdout)).toMatchObject({ start: '2026-03-15', override: false, type: 'race' });
  });

  it('records a trio by hand and refuses one that cannot fill both kinds', async () => {
    const { db } = await setUp();
    // Chloe Adebayo (BME, band 8a) and Jade Thompson (front line, not BME) for the Chief Finance Officer.
    const trio = await run(['pair', 'add', '--mentee', '10000004', '--mentor', '10000023', '--mentor', '10000052', '--json', '--db', db]);
    expect(trio.code, trio.stderr).toBe(0);
    expect(JSON.parse(trio.stdout).mentors).toEqual([
      { staffId: '10000023', name: 'Chloe Adebayo', slot: 'bme' },
      { staffId: '10000052', name: 'Jade Thompson', slot: 'frontline' },
    ]);
    const same = await run(['pair', 'add', '--mentee', '10000005', '--mentor', '10000023', '--mentor', '10000023', '--db', db]);
    expect(same.code).toBe(2);
  });

  it('pair end refuses an unknown id and an end before the start', async () => {
    const { db } = await setUp();
    const saved = await pair(db, '--save');
    expect((await run(['pair', 'end', '999', '--db', db])).code).toBe(1);
    const early = await run(['pair', 'end', String(saved.relationships[0].id), '--on', '2025-12-01', '--db', db]);
    expect(early.code).toBe(1);
    expect(early.stderr).toContain('cannot end on 1 Dec 2025');
  });

  it('pair end refuses a relationship whose end has passed, a day after its planned end, and a day before its last session', async () => {
    const { dir, db } = await setUp();
    const id = String((await pair(db, '--save', '--start', '2026-01-05')).relationships[0].id);
    const logged = await run([
      'log-session',
      '--pair',
      id,
      '--date',
      '2026-03-12',
      '--minutes',
      '30',
      '--kind',
      'one-to-one',
      '--level',
      'team',
      '--json',
      '--db',
      db,
    ]);
    expect(logged.code, logged.stderr).toBe(0);
    const session = JSON.parse(logged.stdout).id as number;
    const before = snapshotFolder(dir);

    const late = await run(['pair', 'end', id, '--on', '2026-10-15', '--db', db]);
    expect(late.code).toBe(1);
    expect(late.stderr).toContain(`Relationship #${id} is planned to end on 30 Sep 2026, with its cohort, so it cannot end later, on 15 Oct 2026.`);
    const beforeSession = await run(['pair', 'end', id, '--on', '2026-03-01', '--db', db]);
    expect(beforeSession.code).toBe(1);
    expect(beforeSession.stderr).toContain(`#${id} has a session on 12 Mar 2026 (session #${session})`);
    const passed = await run(['pair', 'end', id, '--db', db], { env: { REMEDI_TODAY: '2026-10-05' } });
    expect(passed.code).toBe(1);
    expect(passed.stderr).toContain(`#${id} already ended on 30 Sep 2026`);
    expect(snapshotFolder(dir)).toEqual(before);

    expect((await run(['pair', 'end', id, '--on', '2026-03-12', '--db', db])).code).toBe(0);
    const again = await run(['pair', 'end', id, '--db', db], { env: { REMEDI_TODAY: '2026-04-01' } });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`#${id} already ended on 12 Mar 2026`);
  });

  it('pair add takes people by name or email, and warns when the pair cannot last before the cohort ends', async () => {
    const { db } = await setUp();
    const result = await run([
      'pair',
      'add',
      '--mentee',
      'andrew whitfield',
      '--mentor',
      'CHLOE.ADEBAYO@nhs.net',
      '--mentor',
      'Jade Thompson',
      '--json',
      '--db',
      db,
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      mentee: { staffId: '10000004' },
      mentors: [{ staffId: '10000023' }, { staffId: '10000052' }],
      start: '2026-03-15',
    });
    expect(result.stderr).toContain(
      'Warning: starting 15 Mar 2026, it cannot last 8 months before cohort 1 ends on 30 Sep 2026 (it would need to run to 14 Nov 2026). To give it the time: remedi cohort edit 1 --end 2026-11-14',
    );
    const unknown = await run(['pair', 'add', '--mentee', 'Helen Marsh', '--mentor', 'Chidi Ez', '--db', db]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('Not paired: there is nobody called "Chidi Ez"');
    expect(unknown.stderr).toContain('Did you mean 10000065 Chidi Eze (Surgery)');
    const same = await run(['pair', 'add', '--mentee', 'Helen Marsh', '--mentor', '10000023', '--mentor', 'Chloe Adebayo', '--db', db]);
    expect(same.code).toBe(2);
    expect(same.stderr).toContain('both name Chloe Adebayo (10000023)');
  });

  it('pair add refuses someone who withdrew from the cohort, saying how to take them back', async () => {
    const { db } = await setUp();
    expect((await run(['cohort', 'withdraw', '1', 'Chloe Adebayo', '--db', db])).code).toBe(0);
    const result = await run(['pair', 'add', '--mentee', '10000004', '--mentor', 'Chloe Adebayo', '--force', '--db', db]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Chloe Adebayo (10000023) withdrew from cohort 1 on 15 Mar 2026');
    expect(result.stderr).toContain('remedi cohort enrol 1 --mentor 10000023');
  });

  it("pair list --csv has each person's id, name, email and department, for the introductions mail merge", async () => {
    const { db } = await setUp();
    const trio = await run(['pair', 'add', '--mentee', '10000004', '--mentor', '10000023', '--mentor', '10000052', '--start', '2026-01-05', '--db', db]);
    expect(trio.code, trio.stderr).toBe(0);
    expect((await run(['pair', 'add', '--mentee', '10000005', '--mentor', '10000029', '--start', '2026-01-05', '--db', db])).code).toBe(0);
    const result = await run(['pair', 'list', '--cohort', '1', '--csv', '--db', db]);
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.trim().split('\r\n');
    expect(lines[0]).toBe(
      'relationship_id,cohort,mentee_id,mentee_name,mentee_email,mentee_department,mentor_id,mentor_name,mentor_email,mentor_department,second_mentor_id,second_mentor_name,second_mentor_email,second_mentor_department,type,start,end,status',
    );
    expect(lines[1]).toBe(
      '1,1,10000004,Andrew Whitfield,andrew.whitfield@nhs.net,Corporate,10000023,Chloe Adebayo,chloe.adebayo@nhs.net,Emergency Medicine,10000052,Jade Thompson,jade.thompson@nhs.net,Emergency Medicine,race,2026-01-05,2026-09-30,active',
    );
    expect(lines[2]).toMatch(
      /^2,1,10000005,Helen Marsh,helen\.marsh@nhs\.net,Corporate,10000029,Imran Qureshi,imran\.qureshi@nhs\.net,Corporate,,,,,\w+,2026-01-05,2026-09-30,active$/,
    );
    expect((await run(['pair', 'list', '--csv', '--json', '--db', db])).code).toBe(2);
  });
});

/** The process contract, from the real binary: exit status, data on stdout and talk on stderr. */
describe('remedi pair, pair add, end and list as processes', () => {
  it('pair: a proposal on stdout and the note on stderr (exit 0); a missing cohort is refused on stderr (exit 1)', async () => {
    const { db } = await setUp();
    const proposed = remedi(['pair', '--cohort', '1', '--json', '--db', db]);
    expect(proposed.code, proposed.stderr).toBe(0);
    expect((JSON.parse(proposed.stdout) as ProposalJson).totals).toMatchObject({ boardCovered: 8, paired: 12 });
    expect(proposed.stderr).toContain('Nothing was saved');
    const missing = remedi(['pair', '--cohort', '9', '--db', db]);
    expect(missing).toMatchObject({ code: 1, stdout: '' });
    expect(missing.stderr).toContain('Cohort 9 does not exist.');
  });

  it('pair add, end and list: each succeeds with its data on stdout, and refuses with exit 1 or 2 and nothing on stdout', () => {
    const dir = tempDir();
    const db = join(dir, 'remedi.db');
    expect(remedi(['cohort', 'create', '1', '--start', '2026-01-05', '--end', '2026-09-30', '--db', db]).code).toBe(0);
    expect(remedi(['import', join(FIXTURES, 'roster.csv'), '--cohort', '1', '--db', db]).code).toBe(0);

    const added = remedi(['pair', 'add', '--mentee', '10000009', '--mentor', '10000029', '--json', '--db', db]);
    expect(added.code, added.stderr).toBe(0);
    const id = (JSON.parse(added.stdout) as { id: number }).id;
    expect(added.stderr).toContain(`Saved relationship #${id}`);
    const broken = remedi(['pair', 'add', '--mentee', '10000004', '--mentor', '10000052', '--mentor', '10000052', '--db', db]);
    expect(broken).toMatchObject({ code: 2, stdout: '' });
    const refused = remedi(['pair', 'add', '--mentee', '10000023', '--mentor', '10000052', '--db', db]);
    expect(refused).toMatchObject({ code: 1, stdout: '' });
    expect(refused.stderr).toContain('Not paired:');

    const listed = remedi(['pair', 'list', '--csv', '--db', db]);
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout.split('\r\n')[1]).toMatch(new RegExp(`^${id},1,10000009,`));
    expect(remedi(['pair', 'list', '--json', '--csv', '--db', db])).toMatchObject({ code: 2, stdout: '' });

    const ended = remedi(['pair', 'end', String(id), '--db', db]);
    expect(ended.code, ended.stderr).toBe(0);
    expect(ended.stdout).toMatch(new RegExp(`^Ended relationship #${id} \\(Patricia Doyle with .+\\) on 15 Mar 2026\\.\\n$`));
    const unknown = remedi(['pair', 'end', '999', '--db', db]);
    expect(unknown).toMatchObject({ code: 1, stdout: '' });
    expect(unknown.stderr).toContain('There is no relationship #999.');
  });
});
