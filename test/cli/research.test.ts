import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXTURES, remedi, tempDir } from '../helpers/cli.js';
import { run } from '../helpers/inProcess.js';

const env = { REMEDI_TODAY: '2026-07-29' };

/** Two cohorts from the fixture roster, paired in trios and pairs, the fixture sessions, and survey scores put in by hand. */
const SET_UP = [
  ['cohort', 'create', '1', '--start', '2026-01-05', '--end', '2026-09-30'],
  ['import', join(FIXTURES, 'roster.csv'), '--cohort', '1'],
  ['pair', '--trios', '--save', '--start', '2026-01-05'],
  ['import-sessions', join(FIXTURES, 'sessions.csv')],
];
const templates = new Map<boolean, Promise<string>>();

/**
 * Disability enabled, each person's value as fixtures/roster-disability.csv gives it (ESR's Yes and No;
 * Not Declared, Prefer Not To Answer and blanks unknown), stored as the roster import stores it.
 */
function storeDisability(handle: Database.Database): void {
  const value = handle.prepare("INSERT INTO staff_characteristics (staff_id, name, value) VALUES (?, 'disability', ?)");
  const [, ...lines] = readFileSync(join(FIXTURES, 'roster-disability.csv'), 'utf8').trim().split(/\r?\n/);
  for (const line of lines) {
    const [staffId, flag] = line.split(',');
    if (flag === 'Yes' || flag === 'No') value.run(staffId, flag.toLowerCase());
  }
}

/** A copy of the set-up database, with disability enabled (the default) or with no characteristic. */
async function setUp(disability = true): Promise<string> {
  if (!templates.has(disability)) templates.set(disability, makeTemplate(disability));
  const db = join(tempDir(), 'remedi.db');
  copyFileSync(await templates.get(disability)!, db);
  return db;
}

async function makeTemplate(disability: boolean): Promise<string> {
  {
    const db = join(mkdtempSync(join(tmpdir(), 'remedi-research-')), 'remedi.db');
    for (const args of [...SET_UP, ...(disability ? [['characteristics', 'enable', 'disability']] : [])]) {
      const result = await run([...args, '--db', db], { env });
      expect(result.code, result.stderr).toBe(0);
    }
    const handle = new Database(db);
    const mentees = handle.prepare('SELECT mentee_id FROM relationships WHERE cohort = 1 ORDER BY id').pluck().all() as string[];
    handle.exec("INSERT INTO survey_imports VALUES (1, 'start', 'start.csv', '2026-01-10'), (1, 'end', 'end.csv', '2026-07-20')");
    handle.exec("INSERT INTO survey_questions VALUES (1, 1, 'start', 1, 'I understand racism at work', 0), (2, 1, 'end', 1, 'I understand racism at work', 0)");
    const answer = handle.prepare("INSERT INTO survey_answers (question_id, staff_id, respondent_group, score) VALUES (?, ?, 'mentees', ?)");
    mentees.forEach((id, i) => {
      answer.run(1, id, 1 + (i % 3));
      answer.run(2, id, 3 + (i % 3));
    });
    if (disability) storeDisability(handle);
    handle.close();
    return db;
  }
}
afterAll(async () => {
  for (const template of templates.values()) rmSync(join(await template, '..'), { recursive: true, force: true });
});

const readCsv = (path: string): string[][] =>
  readFileSync(path, 'utf8')
    .trim()
    .split('\r\n')
    .map((line) => line.split(','));

/** People in the cohort's relationships, once per cohort. */
function participants(db: string): number {
  const handle = new Database(db, { readonly: true });
  const count = handle
    .prepare(
      'SELECT count(*) FROM (SELECT cohort, mentee_id FROM relationships UNION SELECT r.cohort, m.mentor_id FROM relationship_mentors m JOIN relationships r ON r.id = m.relationship_id)',
    )
    .pluck()
    .get() as number;
  handle.close();
  return count;
}

function identities(db: string): { ids: string[]; texts: string[] } {
  const handle = new Database(db, { readonly: true });
  const rows = handle.prepare('SELECT staff_id, name, email FROM staff').all() as Array<{ staff_id: string; name: string; email: string | null }>;
  handle.close();
  return { ids: rows.map((r) => r.staff_id), texts: rows.flatMap((r) => [r.name, ...(r.email === null ? [] : [r.email])]) };
}

describe('remedi export --research', () => {
  it.each([
    [2, true],
    [5, true],
    [8, true],
    [2, false],
    [5, false],
  ])(
    'with --k %i (disability enabled: %s): no combination of the identifying columns rarer than k, and no name, email or staff id anywhere',
    async (k, disability) => {
      const db = await setUp(disability);
      const folder = join(tempDir(), 'research');
      const result = await run(['export', '--research', folder, '--k', String(k), '--db', db, '--json'], { env });
      expect(result.code, result.stderr).toBe(0);
      const summary = JSON.parse(result.stdout) as { k: number; files: Array<{ file: string; rows: number }>; leftOut: number };
      expect(summary.k).toBe(k);
      expect(readdirSync(folder).sort()).toEqual(['people.csv', 'relationships.csv', 'sessions.csv', 'survey_scores.csv']);

      const [header, ...people] = readCsv(join(folder, 'people.csv'));
      expect(header).toEqual(['person', 'cohort', 'role', 'seniority_group', 'bme', ...(disability ? ['disability'] : [])]);
      // Every value is yes, no or empty; with k = 2 some yes survive, and above it the few people with a disability are emptied.
      if (disability) expect(new Set(people.map((row) => row[5]))).toEqual(new Set(k === 2 ? ['yes', 'no', ''] : ['no', '']));
      const combinations = new Map<string, number>();
      for (const row of people) combinations.set(row.slice(1).join(','), (combinations.get(row.slice(1).join(',')) ?? 0) + 1);
      for (const [combination, count] of combinations) expect(count, combination).toBeGreaterThanOrEqual(k);
      expect(people.length + summary.leftOut).toBe(participants(db));

      const { ids, texts } = identities(db);
      for (const file of readdirSync(folder)) {
        const text = readFileSync(join(folder, file), 'utf8');
        for (const cell of text.split(/[\r\n,;]+/).map((c) => c.trim())) expect(ids, `${file}: ${cell}`).not.toContain(cell);
        for (const identity of texts) expect(text.toLowerCase(), file).not.toContain(identity.toLowerCase());
        if (file !== 'people.csv') expect(readCsv(join(folder, file))[0].filter((h) => ['role', 'seniority_group', 'bme'].includes(h))).toEqual([]);
      }
    },
  );

  it('gives new random ids on every export, and keeps survey scores by person', async () => {
    const db = await setUp();
    const [a, b] = [join(tempDir(), 'a'), join(tempDir(), 'b')];
    for (const folder of [a, b]) expect((await run(['export', '--research', folder, '--k', '2', '--db', db], { env })).code).toBe(0);
    const idsOf = (folder: string) =>
      new Set(
        readCsv(join(folder, 'people.csv'))
          .slice(1)
          .map((r) => r[0]),
      );
    expect([...idsOf(a)].filter((id) => idsOf(b).has(id))).toEqual([]);
    const scores = readCsv(join(a, 'survey_scores.csv'));
    expect(scores[0]).toEqual(['person', 'stage', 'question', 'score']);
    // Two answers (start and end) from each mentee, each under one random id, never a staff id.
    const byPerson = new Map<string, number>();
    for (const [person] of scores.slice(1)) byPerson.set(person, (byPerson.get(person) ?? 0) + 1);
    expect([...byPerson.values()].every((n) => n === 2)).toBe(true);
    expect([...byPerson.keys()].every((id) => /^[0-9a-f]{12}$/.test(id))).toBe(true);
    expect(byPerson.size).toBeGreaterThan(5);
  });

  it('says what it wrote and what it did to reach k', async () => {
    const db = await setUp();
    const folder = join(tempDir(), 'research');
    const result = await run(['export', '--research', folder, '--db', db], { env });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(
      /^Exported a research dataset to .* \(readable by you only; no names, emails, staff ids, departments or notes; new random ids\):\n {2}people\.csv: \d+ rows\n/,
    );
    expect(result.stdout).toMatch(/Every combination of cohort, role, seniority group, BME and disability in people\.csv is shared by at least 5 people: /);
    const without = await run(['export', '--research', join(tempDir(), 'research'), '--db', await setUp(false)], { env });
    expect(without.stdout).toMatch(/Every combination of cohort, role, seniority group and BME in people\.csv is shared by at least 5 people: /);
  });

  it('gives up the seniority group, then disability, before BME, and says how many of each it emptied', async () => {
    const db = await setUp();
    const result = await run(['export', '--research', join(tempDir(), 'research'), '--k', '5', '--db', db, '--json'], { env });
    expect(result.code, result.stderr).toBe(0);
    const summary = JSON.parse(result.stdout) as { suppressed: Record<string, number> };
    expect(Object.keys(summary.suppressed)).toEqual(['seniority_group', 'disability', 'bme', 'role', 'cohort']);
    const text = (await run(['export', '--research', join(tempDir(), 'research2'), '--k', '5', '--db', db], { env })).stdout;
    expect(summary.suppressed.disability).toBeGreaterThan(0);
    expect(text).toMatch(/emptied \d+ seniority groups?, \d+ disability values?/);
  });

  it.each([
    [['export', 'here', '--research', 'there'], /either a folder or --research/],
    [['export', '--research', 'there', '--staff', '10000001'], /--research and --staff do not go together/],
    [['export', 'here', '--k', '3'], /--k is for --research only/],
    [['export', '--research', 'there', '--k', '1'], /a number of people \(a whole number from 2\)/],
    [['export'], /Name a new folder for the export/],
  ])('%j is a usage error that writes nothing', async (args, message) => {
    const db = await setUp();
    const cwd = tempDir();
    const result = await run([...args, '--db', db], { env, cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(existsSync(join(cwd, 'here')) || existsSync(join(cwd, 'there'))).toBe(false);
  });

  it('by the real binary: files readable by the owner only, exit 0', async () => {
    const db = await setUp();
    const folder = join(tempDir(), 'research');
    const result = remedi(['export', '--research', folder, '--db', db], { env });
    expect(result.code, result.stderr).toBe(0);
    if (process.platform !== 'win32') {
      expect(statSync(folder).mode & 0o777).toBe(0o700);
      for (const file of readdirSync(folder)) expect(statSync(join(folder, file)).mode & 0o777).toBe(0o600);
    }
  });
});

describe('remedi export --research of a cohort nobody has taken part in yet', () => {
  it('says the files hold their headers only, not that every combination is shared by k people', async () => {
    const db = join(tempDir(), 'remedi.db');
    expect((await run(['cohort', 'create', '1', '--start', '2026-01-05', '--end', '2026-09-30', '--db', db], { env })).code).toBe(0);
    const result = await run(['export', '--research', join(tempDir(), 'research'), '--db', db], { env });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('people.csv: 0 rows');
    expect(result.stdout).toContain('Nobody is in a relationship or has answered a survey yet: the files hold their headers only.');
    expect(result.stdout).not.toContain('Every combination');
  });
});
