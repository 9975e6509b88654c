import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statfsSync, statSync, writeFileSync } from 'node:fs';
import { spawn, spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXTURES, ROOT, remedi, snapshotFolder, tempDir } from '../helpers/cli.js';
import { run } from '../helpers/inProcess.js';

const env = { REMEDI_TODAY: '2026-07-29' };

/** Cohort 1, the fixture roster paired in trios, the fixture sessions: built once, in-process, then copied for each test. */
const SET_UP = [
  ['cohort', 'create', '1', '--start', '2026-01-05', '--end', '2026-09-30'],
  ['import', join(FIXTURES, 'roster.csv'), '--cohort', '1'],
  ['pair', '--trios', '--save', '--start', '2026-01-05'],
  ['import-sessions', join(FIXTURES, 'sessions.csv')],
];
let template: Promise<string> | undefined;

async function setUp(): Promise<{ dir: string; db: string }> {
  template ??= (async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'remedi-privacy-')), 'remedi.db');
    for (const args of SET_UP) {
      const result = await run([...args, '--db', db], { env });
      expect(result.code, result.stderr).toBe(0);
    }
    // Every connection closed: the WAL is in the file, so copying the file copies everything.
    expect(existsSync(`${db}-wal`)).toBe(false);
    return db;
  })();
  const dir = tempDir();
  const db = join(dir, 'remedi.db');
  copyFileSync(await template, db);
  return { dir, db };
}
afterAll(async () => {
  if (template) rmSync(join(await template, '..'), { recursive: true, force: true });
});

/** The same by the real binary, for the test of the modes it gives the files it creates (in-process runs do not set the umask). */
function setUpBinary(): { dir: string; db: string } {
  const dir = tempDir();
  const db = join(dir, 'remedi.db');
  for (const args of SET_UP) expect(remedi([...args, '--db', db], { env }).code).toBe(0);
  return { dir, db };
}

const readCsv = (path: string) => readFileSync(path, 'utf8').trim().split('\r\n');

describe('files remedi creates are readable by their owner only', () => {
  it('the database, its -wal and -shm, a backup, an export and a report', async () => {
    const { dir, db } = setUpBinary();
    // Keep a reader open so the -wal and -shm files exist to look at.
    const reader = new Database(db, { readonly: true });
    try {
      for (const file of ['remedi.db', 'remedi.db-wal', 'remedi.db-shm']) {
        if (existsSync(join(dir, file))) expect(statSync(join(dir, file)).mode & 0o777, file).toBe(0o600);
      }
    } finally {
      reader.close();
    }
    expect(remedi(['backup', join(dir, 'copy.db'), '--db', db], { env }).code).toBe(0);
    expect(statSync(join(dir, 'copy.db')).mode & 0o777).toBe(0o600);
    expect(remedi(['export', join(dir, 'out'), '--db', db], { env }).code).toBe(0);
    expect(statSync(join(dir, 'out')).mode & 0o777).toBe(0o700);
    for (const file of readdirSync(join(dir, 'out'))) expect(statSync(join(dir, 'out', file)).mode & 0o777, file).toBe(0o600);
    expect(remedi(['report', '--out', join(dir, 'r.md'), '--format', 'markdown', '--db', db], { env }).code).toBe(0);
    expect(statSync(join(dir, 'r.md')).mode & 0o777).toBe(0o600);
  });
});

describe('remedi export', () => {
  it('writes everything held as CSV, and staff.csv imports back into a new database unchanged', async () => {
    const { dir, db } = await setUp();
    const result = remedi(['export', join(dir, 'all'), '--json', '--db', db], { env });
    expect(result.code, result.stderr).toBe(0);
    const summary = JSON.parse(result.stdout);
    expect(summary.files).toEqual([
      { file: 'staff.csv', rows: 90 },
      { file: 'enrolments.csv', rows: 42 },
      { file: 'cohorts.csv', rows: 1 },
      { file: 'relationships.csv', rows: 12 },
      { file: 'sessions.csv', rows: 138 },
      { file: 'targeted-departments.csv', rows: 0 },
      { file: 'meetings.csv', rows: 0 },
      { file: 'survey-answers.csv', rows: 0 },
    ]);
    const copy = join(dir, 'copy.db');
    expect(remedi(['import', join(dir, 'all', 'staff.csv'), '--db', copy], { env }).code).toBe(0);
    const list = (path: string) => remedi(['staff', 'list', '--json', '--db', path], { env }).stdout;
    expect(JSON.parse(list(copy))).toEqual(JSON.parse(list(db)));
    expect(remedi(['export', join(dir, 'all'), '--db', db], { env }).code).toBe(1);
  });

  it('--staff writes only what is held about one person (a subject access request)', async () => {
    const { dir, db } = await setUp();
    const result = await run(['export', join(dir, 'sar'), '--staff', '10000001', '--db', db], { env });
    expect(result.code, result.stderr).toBe(0);
    const staff = readCsv(join(dir, 'sar', 'staff.csv'));
    expect(staff).toHaveLength(2);
    expect(staff[1]).toMatch(/^10000001,Margaret Ellison,/);
    const relationships = readCsv(join(dir, 'sar', 'relationships.csv')).slice(1);
    expect(relationships.length).toBe(1);
    expect(relationships[0]).toContain(',10000001,');
    const sessions = readCsv(join(dir, 'sar', 'sessions.csv')).slice(1);
    const pairId = relationships[0].split(',')[0];
    expect(sessions.length).toBeGreaterThan(0);
    for (const row of sessions) expect(row.split(',')[1]).toBe(pairId);
    expect((await run(['export', join(dir, 'x'), '--staff', 'nobody', '--db', db], { env })).code).toBe(1);
  });

  it("--staff takes an email or a name, and leaves out of relationships.csv what tells others' BME status", async () => {
    const { dir, db } = await setUp();
    const byEmail = await run(['export', join(dir, 'by-email'), '--staff', 'Margaret.Ellison@NHS.net', '--json', '--db', db], { env });
    expect(byEmail.code, byEmail.stderr).toBe(0);
    expect(JSON.parse(byEmail.stdout).staffId).toBe('10000001');
    const byName = await run(['export', join(dir, 'by-name'), '--staff', 'margaret ellison', '--db', db], { env });
    expect(byName.code, byName.stderr).toBe(0);
    expect(byName.stdout).toContain('everything remedi holds about 10000001');
    expect(byName.stderr).toContain('relationships.csv leaves out the pair type, score, mentor slots and pairing reasons');
    for (const folder of ['by-email', 'by-name']) {
      const [header, ...rows] = readCsv(join(dir, folder, 'relationships.csv'));
      expect(header).toBe('pair_id,cohort,mentee_id,mentor_ids,start,ended_on,planned_end,end_reason,override');
      expect(rows).toHaveLength(1);
      expect(rows[0]).not.toMatch(/bme|frontline|race|BME/);
    }
    // The whole export keeps them.
    expect((await run(['export', join(dir, 'all'), '--db', db], { env })).code).toBe(0);
    expect(readCsv(join(dir, 'all', 'relationships.csv'))[0]).toContain(',slots,type,score,');

    const unknown = await run(['export', join(dir, 'x'), '--staff', 'Margret Elison', '--db', db], { env });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('There is nobody called "Margret Elison"');
    expect(existsSync(join(dir, 'x'))).toBe(false);
  });

  it('keeps withdrawn enrolments, with the day and the reason, in --staff and in the whole export', async () => {
    const { dir, db } = await setUp();
    const withdrawn = await run(['cohort', 'withdraw', '1', 'Margaret Ellison', '--reason', 'moved to another trust', '--end-relationships', '--db', db], {
      env,
    });
    expect(withdrawn.code, withdrawn.stderr).toBe(0);

    const sar = await run(['export', join(dir, 'sar'), '--staff', '10000001', '--json', '--db', db], { env });
    expect(sar.code, sar.stderr).toBe(0);
    expect(JSON.parse(sar.stdout).files).toContainEqual({ file: 'enrolments.csv', rows: 1 });
    expect(readCsv(join(dir, 'sar', 'enrolments.csv'))).toEqual([
      'cohort,staff_id,role,withdrawn_on,withdraw_reason',
      '1,10000001,mentee,2026-07-29,moved to another trust',
    ]);

    expect((await run(['export', join(dir, 'all'), '--db', db], { env })).code).toBe(0);
    const [header, ...rows] = readCsv(join(dir, 'all', 'enrolments.csv'));
    expect(header).toBe('cohort,staff_id,role,withdrawn_on,withdraw_reason');
    expect(rows).toHaveLength(42);
    expect(rows[0]).toBe('1,10000001,mentee,2026-07-29,moved to another trust');
    expect(rows[1]).toBe('1,10000002,mentee,,');
  });

  it('neutralises formulas on the way out and imports them back as the same text', async () => {
    const dir = tempDir();
    const db = join(dir, 'remedi.db');
    const roster = join(dir, 'roster.csv');
    writeFileSync(roster, 'staff_id,name,band,department\n1,"=HYPERLINK(""http://evil"",""x"")",5,+Wards\n2,@Ann,6,-3\n');
    expect((await run(['import', roster, '--db', db], { env })).code).toBe(0);
    expect((await run(['export', join(dir, 'out'), '--db', db], { env })).code).toBe(0);
    const lines = readCsv(join(dir, 'out', 'staff.csv'));
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://evil"",""x"")"`);
    expect(lines[1]).toContain(",'+Wards,");
    expect(lines[2]).toContain(",'@Ann,");
    expect(lines[2]).toContain(',-3,'); // a negative number stays a number
    const again = join(dir, 'again.db');
    expect((await run(['import', join(dir, 'out', 'staff.csv'), '--db', again], { env })).code).toBe(0);
    const names = async (path: string) =>
      JSON.parse((await run(['staff', 'list', '--json', '--db', path], { env })).stdout).map((p: { name: string; department: string }) => [
        p.name,
        p.department,
      ]);
    expect(await names(again)).toEqual([
      ['=HYPERLINK("http://evil","x")', '+Wards'],
      ['@Ann', '-3'],
    ]);
    expect(await names(again)).toEqual(await names(db));
  });
});

describe('remedi forget', () => {
  it('takes a name or an email, and refuses an unknown one, writing nothing', async () => {
    const { dir, db } = await setUp();
    const before = snapshotFolder(dir);
    const unknown = remedi(['forget', 'Jade Thomson', '--yes', '--db', db], { env });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/There is nobody called "Jade Thomson".*Did you mean 10000052 Jade Thompson/);
    expect(snapshotFolder(dir)).toEqual(before);
    const byEmail = remedi(['forget', 'JADE.THOMPSON@nhs.net', '--yes', '--db', db], { env });
    expect(byEmail.code, byEmail.stderr).toBe(0);
    expect(byEmail.stdout).toContain('Forgot 10000052:');
    expect(byEmail.stdout).toContain('Later roster imports will skip a row with their staff id or email.');
    expect(remedi(['forget', 'Jade Thompson', '--yes', '--db', db], { env }).code).toBe(1);
  });

  it('needs --yes without a terminal, and writes nothing without it', async () => {
    const { dir, db } = await setUp();
    const before = snapshotFolder(dir);
    const result = remedi(['forget', '10000034', '--db', db], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('needs --yes');
    expect(snapshotFolder(dir)).toEqual(before);
  });

  it('erases the person so nobody can find them by id or name, and keeps the statistics', async () => {
    const { db } = await setUp();
    const before = JSON.parse((await run(['report', '--json', '--db', db], { env })).stdout);
    const pairs = JSON.parse((await run(['pair', 'list', '--json', '--db', db], { env })).stdout) as Array<{
      id: number;
      mentors: Array<{ staffId: string; name: string }>;
    }>;
    const mentor = pairs[0].mentors[0];
    const result = await run(['forget', mentor.staffId, '--yes', '--json', '--db', db], { env });
    expect(result.code, result.stderr).toBe(0);
    const { anonymousId, relationships, sessions } = JSON.parse(result.stdout);
    expect(anonymousId).toMatch(/^forgotten-[0-9a-f]{8}$/);
    expect(relationships).toBeGreaterThan(0);
    expect(sessions).toBeGreaterThan(0);

    const staff = (await run(['staff', 'list', '--json', '--db', db], { env })).stdout;
    expect(staff).not.toContain(mentor.staffId);
    expect(staff).not.toContain(mentor.name);
    for (const args of [
      ['pair', 'list', '--json'],
      ['sessions', 'list', '--json'],
      ['report', '--json'],
      ['report', '--format', 'markdown'],
    ]) {
      const out = (await run([...args, '--db', db], { env })).stdout;
      expect(out, args.join(' ')).not.toContain(mentor.name);
      expect(out, args.join(' ')).not.toContain(mentor.staffId);
    }
    expect((await run(['export', join(db, '..', 'x'), '--staff', mentor.staffId, '--db', db], { env })).code).toBe(1);
    // Nothing of them is left in the file itself, not even in free pages or the WAL.
    for (const file of readdirSync(join(db, '..')).filter((f) => f.startsWith('remedi.db'))) {
      expect(readFileSync(join(db, '..', file)).includes(Buffer.from(mentor.name)), file).toBe(false);
    }
    const after = JSON.parse((await run(['report', '--json', '--db', db], { env })).stdout);
    expect(after.summary).toEqual(before.summary);
    expect(after.interactions.total).toBe(before.interactions.total);
    expect((await run(['check', '--db', db], { env })).code).toBe(0);
  });
});

describe('remedi backup and check', () => {
  it('makes a consistent copy while another process is writing, and check says it is sound', async () => {
    const { dir, db } = await setUp();
    // A writer logging sessions in a loop while the backup runs.
    const pairs = JSON.parse(remedi(['pair', 'list', '--json', '--db', db], { env }).stdout) as Array<{ id: number }>;
    const script = `
      const { runLogSession } = await import(${JSON.stringify(join(ROOT, 'dist', 'commands', 'sessions', 'logSession.js'))});
      const { processContext } = await import(${JSON.stringify(join(ROOT, 'dist', 'cli', 'context.js'))});
      for (let k = 0; k < 60; k += 1) {
        await runLogSession({ db: ${JSON.stringify(db)}, pair: ${pairs[0].id}, date: '2026-07-2' + (k % 9 + 1), minutes: k + 1, kind: 'networking', level: 'team', force: true }, await processContext({}));
      }`;
    const writer = spawn(process.execPath, ['--input-type=module', '-e', script], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let writerErr = '';
    writer.stderr.on('data', (chunk) => (writerErr += chunk));
    await new Promise((r) => setTimeout(r, 150));
    const backup = remedi(['backup', join(dir, 'during.db'), '--db', db], { env });
    const code = await new Promise<number | null>((resolve) => writer.on('close', resolve));
    expect(code, writerErr).toBe(0);
    expect(backup.code, backup.stderr).toBe(0);
    const copy = new Database(join(dir, 'during.db'), { readonly: true });
    try {
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      const n = (copy.prepare('SELECT count(*) AS n FROM sessions').get() as { n: number }).n;
      expect(n).toBeGreaterThanOrEqual(138);
      expect(n).toBeLessThanOrEqual(138 + 60);
    } finally {
      copy.close();
    }
    const check = remedi(['check', '--json', '--db', db], { env });
    expect(check.code).toBe(0);
    expect(JSON.parse(check.stdout)).toMatchObject({ ok: true, integrity: ['ok'], foreignKeys: [] });
  });

  it('refuses to overwrite a file, and check fails on a damaged database', async () => {
    const { dir, db } = await setUp();
    writeFileSync(join(dir, 'taken.db'), 'x');
    expect(remedi(['backup', join(dir, 'taken.db'), '--db', db], { env }).code).toBe(1);
    const broken = join(dir, 'broken.db');
    writeFileSync(broken, readFileSync(db).subarray(0, 8192));
    const result = remedi(['check', '--db', broken], { env });
    expect(result.code).toBe(1);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('a database in a folder without write permission', () => {
  const root = process.getuid?.() === 0;
  it.skipIf(root)('is refused with a clear message and nothing is written (skipped as root, who can write anywhere)', async () => {
    const dir = tempDir();
    const locked = join(dir, 'locked');
    mkdirSync(locked);
    chmodSync(locked, 0o500);
    const result = remedi(['import', join(FIXTURES, 'roster-plain.csv'), '--db', join(locked, 'remedi.db')], { env });
    chmodSync(locked, 0o700);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('no permission to write');
    expect(readdirSync(locked)).toEqual([]);
  });
});

describe('export then import keeps who has left and when (issue 12, case 11)', () => {
  it('staff.csv has active and left_on, and importing it into a new database, or the same one, keeps every leaver on their day', async () => {
    const { dir, db } = await setUp();
    // Two people leave on 30 Apr (the whole-trust file without them), one is erased on 29 Jul.
    const lines = readFileSync(join(FIXTURES, 'roster.csv'), 'utf8').trimEnd().split(/\r?\n/);
    const partial = join(dir, 'april.csv');
    writeFileSync(partial, `${lines.slice(0, -2).join('\r\n')}\r\n`);
    expect((await run(['import', partial, '--missing-left', '--yes', '--db', db], { env: { REMEDI_TODAY: '2026-04-30' } })).code).toBe(0);
    expect((await run(['forget', '10000052', '--yes', '--db', db], { env })).code).toBe(0);

    expect((await run(['export', join(dir, 'all'), '--db', db], { env })).code).toBe(0);
    const [header, ...rows] = readCsv(join(dir, 'all', 'staff.csv'));
    expect(header.endsWith(',active,left_on')).toBe(true);
    expect(rows.filter((r) => r.startsWith('10000089,'))[0]).toMatch(/,no,2026-04-30$/);
    expect(rows.filter((r) => r.startsWith('10000090,'))[0]).toMatch(/,no,2026-04-30$/);
    expect(rows.filter((r) => r.startsWith('forgotten-'))[0]).toMatch(/,no,2026-07-29$/);
    expect(rows.filter((r) => r.startsWith('10000001,'))[0]).toMatch(/,yes,$/);

    // Into a new database, on another day: the leavers keep their days, nobody comes back.
    const copy = join(dir, 'copy.db');
    const imported = await run(['import', join(dir, 'all', 'staff.csv'), '--json', '--db', copy], { env: { REMEDI_TODAY: '2026-09-01' } });
    expect(imported.code, imported.stderr).toBe(0);
    expect((await run(['export', join(dir, 'again'), '--db', copy], { env })).code).toBe(0);
    expect(readCsv(join(dir, 'again', 'staff.csv'))).toEqual([header, ...rows]);
    const list = async (path: string) => JSON.parse((await run(['staff', 'list', '--json', '--db', path], { env })).stdout);
    expect(await list(copy)).toEqual(await list(db));

    // Into the same database: nothing changes, nobody is made active again.
    const again = await run(['import', join(dir, 'all', 'staff.csv'), '--json', '--db', db], { env: { REMEDI_TODAY: '2026-09-01' } });
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ added: 0, updated: 0, markedLeft: 0 });
    expect((await run(['export', join(dir, 'third'), '--db', db], { env })).code).toBe(0);
    expect(readCsv(join(dir, 'third', 'staff.csv'))).toEqual([header, ...rows]);
  });
});

describe("a subject access export holds nothing of anyone else's ethnicity (issue 12, case 5)", () => {
  it.each([
    ["a trio's mentee", (p: PairJson) => p.mentors.length === 2, (p: PairJson) => p.mentee.staffId],
    ["a trio's front-line mentor", (p: PairJson) => p.mentors.length === 2, (p: PairJson) => p.mentors[1].staffId],
    ["a pair's mentor", (p: PairJson) => p.mentors.length === 1, (p: PairJson) => p.mentors[0].staffId],
  ])(
    "for %s: no one else's ethnicity code or BME status, no slot, no pair type, no reason, and trio mentors not in slot order",
    async (_who, pick, subjectOf) => {
      const { dir, db } = await setUp();
      const pairs = JSON.parse((await run(['pair', 'list', '--json', '--db', db], { env })).stdout) as PairJson[];
      const chosen = pairs.find(pick)!;
      const subject = subjectOf(chosen);
      const folder = join(dir, 'sar');
      const result = await run(['export', folder, '--staff', subject, '--db', db], { env });
      expect(result.code, result.stderr).toBe(0);
      expect(result.stderr).toContain(
        'Session notes (sessions.csv) and end reasons (relationships.csv) are as the programme team wrote them and may mention other people',
      );

      const store = new Database(db, { readonly: true });
      const others = store.prepare('SELECT staff_id, ethnicity FROM staff WHERE staff_id <> ?').all(subject) as Array<{
        staff_id: string;
        ethnicity: string | null;
      }>;
      store.close();
      const codes = new Set(others.map((o) => o.ethnicity).filter((code): code is string => code !== null));
      // Pair types and slot names as values; "BME" anywhere (the reasons spell it out: "BME mentor").
      const typesAndSlots = new Set(['race', 'frontline', 'clinical', 'general', 'bme']);
      for (const file of readdirSync(folder)) {
        const [head, ...body] = readCsv(join(folder, file));
        const columns = head.split(',');
        for (const line of body) {
          // Naive splitting is enough here: a quoted comma only splits a cell into parts.
          line.split(',').forEach((raw, k) => {
            const cell = raw.replace(/^"|"$/g, '').trim();
            // The subject's own ethnicity and BME status are theirs to see.
            if (file === 'staff.csv' && ['ethnicity', 'bme'].includes(columns[k])) return;
            if (!/^\d+$/.test(cell)) expect(codes.has(cell), `${file} ${columns[k]}: ${cell} is someone's ethnicity code`).toBe(false);
            expect(typesAndSlots.has(cell.toLowerCase()), `${file} ${columns[k]}: ${cell}`).toBe(false);
            expect(/bme/i.test(cell), `${file} ${columns[k]}: ${cell}`).toBe(false);
          });
        }
        // survey-answers.csv's score is the subject's own answer on the agreement scale, not a pairing score.
        if (file !== 'staff.csv')
          expect(
            columns.filter((c) => /bme|ethnicity|slot|type|score|reasons/.test(c) && !(file === 'survey-answers.csv' && c === 'score')),
            file,
          ).toEqual([]);
      }
      // A trio's mentors are listed by staff id, not BME slot first.
      const relationships = readCsv(join(folder, 'relationships.csv'))
        .slice(1)
        .map((line) => line.split(','));
      for (const cells of relationships) {
        const mentors = cells[3].split('; ');
        expect(mentors).toEqual([...mentors].sort());
      }
      expect(relationships.some((cells) => cells[0] === String(chosen.id))).toBe(true);
    },
  );
});

interface PairJson {
  id: number;
  mentee: { staffId: string; name: string };
  mentors: Array<{ staffId: string; name: string; slot: string | null }>;
}

/** A child process holding a read transaction open on the database until its stdin closes. */
async function holdReadTransaction(db: string): Promise<{ release: () => Promise<void> }> {
  const script = `
    const Database = require(${JSON.stringify(join(ROOT, 'node_modules', 'better-sqlite3'))});
    const db = new Database(${JSON.stringify(db)});
    db.exec('BEGIN');
    db.prepare('SELECT count(*) FROM staff').get();
    process.stdout.write('reading\\n');
    process.stdin.resume();
    process.stdin.on('end', () => { db.exec('COMMIT'); db.close(); process.exit(0); });`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['pipe', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout.once('data', () => resolve());
    child.once('exit', (code) => reject(new Error(`the reader ended early (${code})`)));
  });
  return {
    release: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.stdin.end();
      }),
  };
}

const fileHolds = (dir: string, text: string) =>
  readdirSync(dir)
    .filter((f) => f.startsWith('remedi.db') && !f.includes('before-update'))
    .filter((f) => readFileSync(join(dir, f)).includes(Buffer.from(text)));

describe('remedi forget checks that the erased data left the file (issue 12, case 6)', () => {
  it('while another process holds a read transaction: exit 1, saying the erasure is saved but still waiting; run again once it has closed', async () => {
    const { dir, db } = await setUp();
    const name = 'Jade Thompson';
    const reader = await holdReadTransaction(db);
    let released = false;
    try {
      const blocked = await run(['forget', '10000052', '--yes', '--db', db], { env });
      expect(blocked.code).toBe(1);
      expect(blocked.stdout).toBe('');
      expect(blocked.stderr).toContain(
        "10000052 is erased from remedi's records (that is saved, and remedi will not show them again), but their old details are still inside",
      );
      expect(blocked.stderr).toContain('another program is reading the database');
      expect(blocked.stderr).toContain(`run remedi forget 10000052 --yes --db ${db} to finish`);
      expect(blocked.stderr).not.toContain('Nothing was changed');
      expect(blocked.stderr).not.toMatch(/\n\s+at /);
      // True on both counts: remedi no longer finds them, and the file still holds their name.
      expect((await run(['staff', 'show', '10000052', '--db', db], { env })).code).toBe(1);
      expect(fileHolds(dir, name).length).toBeGreaterThan(0);
      await reader.release();
      released = true;
    } finally {
      if (!released) await reader.release();
    }
    const finished = await run(['forget', '10000052', '--yes', '--db', db], { env });
    expect(finished.code, finished.stderr).toBe(0);
    expect(finished.stdout).toContain('10000052 was erased on 29 Jul 2026; the erasure is now complete in');
    expect(fileHolds(dir, name)).toEqual([]);
    expect(fileHolds(dir, 'jade.thompson@nhs.net')).toEqual([]);
    // Asked by email the same.
    expect((await run(['forget', 'jade.thompson@nhs.net', '--yes', '--db', db], { env })).code).toBe(0);
    // A name is not kept, so it cannot be recognised: still "nobody called".
    expect((await run(['forget', name, '--yes', '--db', db], { env })).code).toBe(1);
  });

  it('names, by path, the copies saved before a database update that still hold the person, and says backups are not tracked', async () => {
    const { dir, db } = await setUp();
    // A copy made when the person was there, one made before they were imported, and one that cannot be read.
    const holding = `${db}.before-update-from-schema-4`;
    const before = `${db}.before-update-from-schema-3`;
    const broken = `${db}.before-update-from-schema-4-2`;
    const source = new Database(db);
    await source.backup(holding);
    source.close();
    const empty = join(dir, 'empty.db');
    expect((await run(['cohort', 'create', '1', '--start', '2026-01-05', '--end', '2026-09-30', '--db', empty], { env })).code).toBe(0);
    const emptyDb = new Database(empty);
    await emptyDb.backup(before);
    emptyDb.close();
    writeFileSync(broken, 'not a database');
    writeFileSync(join(dir, 'remedi.db.before-update-from-schema-4.tmp'), 'a stray file of another name');

    const result = await run(['forget', '10000052', '--yes', '--json', '--db', db], { env });
    expect(result.code, result.stderr).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json.stillHeldIn).toEqual([holding]);
    expect(json.notChecked).toEqual([broken]);
    expect(result.stderr).toContain(`These copies, saved when remedi updated the database, still hold their data: delete them.\n  ${holding}\n`);
    expect(result.stderr).toContain(`could not be read, so they may hold their data:\n  ${broken}\n`);
    expect(result.stderr).not.toContain(before);
    expect(result.stderr).toContain('Backups (remedi backup), exports and report files are not tracked by remedi');
    // Looking inside the copies changed nothing beside them.
    expect(readdirSync(dir).filter((f) => f.includes('before-update') && /-(wal|shm)$/.test(f))).toEqual([]);
  });

  const root = process.getuid?.() === 0;
  it.skipIf(!root)(
    'on a nearly full disk: the erasure commits, compacting fails, and it says exactly that (a small tmpfs; skipped unless root)',
    async (test) => {
      const { dir, db } = await setUp();
      // A database big enough that rebuilding it needs far more room than the erasure does.
      const extra = join(dir, 'extra.csv');
      writeFileSync(
        extra,
        [
          'staff_id,name,band,department,email',
          ...Array.from({ length: 6000 }, (_, k) => `${3000000 + k},Person ${k},5,Department ${k % 40},p${k}@nhs.net`),
        ].join('\n'),
      );
      expect(remedi(['import', extra, '--db', db], { env }).code).toBe(0);
      const mount = mkdtempSync(join(tmpdir(), 'remedi-full-'));
      const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=8m', 'tmpfs', mount]).status === 0;
      if (!mounted) {
        rmSync(mount, { recursive: true, force: true });
        test.skip('cannot mount a tmpfs here');
        return;
      }
      try {
        const small = join(mount, 'remedi.db');
        // A closed database has no -wal: the copy is all of it.
        copyFileSync(db, small);
        // Leave room for the erasure's few pages in the WAL, not for the rebuilt file VACUUM writes there.
        const free = () => statfsSync(mount).bavail * statfsSync(mount).bsize;
        const size = statSync(small).size;
        writeFileSync(join(mount, 'filler'), Buffer.alloc(Math.max(0, free() - Math.floor(size / 2))));
        const result = remedi(['forget', '10000052', '--yes', '--db', small], { env: { ...env, SQLITE_TMPDIR: mount } });
        expect(result.code).toBe(1);
        expect(result.stderr).toContain("10000052 is erased from remedi's records (that is saved, and remedi will not show them again), but compacting");
        expect(result.stderr).toContain('the disk is full');
        expect(result.stderr).toContain('Free some disk space, then run remedi forget 10000052 --yes');
        expect(result.stderr).not.toContain('Nothing was changed');
        rmSync(join(mount, 'filler'));
        expect(remedi(['staff', 'show', '10000052', '--db', small], { env }).code).toBe(1);
        const finished = remedi(['forget', '10000052', '--yes', '--db', small], { env });
        expect(finished.code, finished.stderr).toBe(0);
        expect(readFileSync(small).includes(Buffer.from('Jade Thompson'))).toBe(false);
      } finally {
        spawnSync('umount', [mount]);
        rmSync(mount, { recursive: true, force: true });
      }
    },
  );
});
