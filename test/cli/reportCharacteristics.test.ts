/**
 * A small disability count in every format of the report (issue 17): with disability enabled and
 * two of the cohort's participants saying yes, `--suppress-below 5` and `--for-publication` never
 * show the 2, secondary suppression hides the count that would give it back, and a lived
 * experience (disability) pair is counted and hidden as a race pair is.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, remedi } from '../helpers/cli.js';
import { run as inProcess } from '../helpers/inProcess.js';

const env = { REMEDI_TODAY: '2026-07-29' };
let dir: string;
let db: string;
const run = (args: string[]) => inProcess([...args, '--db', db], { env });
/** How many of the cohort's participants said no (everyone but the 2 who said yes and the 6 left unknown). */
let no: number;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'remedi-report-characteristics-'));
  db = join(dir, 'remedi.db');
  for (const args of [
    ['cohort', 'create', '1', '--start', '2026-01-05', '--end', '2026-09-30'],
    ['import', join(FIXTURES, 'roster.csv'), '--cohort', '1'],
    ['pair', '--trios', '--save', '--start', '2026-01-05'],
    ['import-sessions', join(FIXTURES, 'sessions.csv')],
    ['characteristics', 'enable', 'disability'],
  ]) {
    const result = await run(args);
    expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(0);
  }
  // The values as a roster import would store them (helper A's import reads the column), and one
  // relationship of the lived experience type, as pairing would save it.
  const handle = new Database(db);
  const participants = handle
    .prepare(
      `SELECT mentee_id FROM relationships WHERE cohort = 1 UNION SELECT m.mentor_id FROM relationship_mentors m JOIN relationships r ON r.id = m.relationship_id
       WHERE r.cohort = 1 ORDER BY 1`,
    )
    .pluck()
    .all() as string[];
  expect(participants.length).toBeGreaterThan(20);
  const value = handle.prepare("INSERT INTO staff_characteristics (staff_id, name, value) VALUES (?, 'disability', ?)");
  participants.forEach((staffId, i) => {
    if (i < 2) value.run(staffId, 'yes');
    else if (i >= 8) value.run(staffId, 'no');
  });
  // Someone outside the cohort's relationships is never counted.
  const outsider = handle
    .prepare('SELECT staff_id FROM staff WHERE staff_id NOT IN (SELECT value FROM json_each(?)) LIMIT 1')
    .pluck()
    .get(JSON.stringify(participants));
  value.run(outsider, 'yes');
  handle
    .prepare("UPDATE relationships SET type = 'lived experience (disability)' WHERE id = (SELECT min(id) FROM relationships WHERE type = 'frontline')")
    .run();
  handle.close();
  no = participants.length - 8;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const FORMATS = ['table', 'json', 'csv', 'markdown', 'html'] as const;

/** The true count, 2, beside disability's yes, in any of the formats' ways of writing it. */
const SHOWS_TWO = [/disability\W{0,3}yes\W{0,40}?\b2\b/i, /"yes": 2\b/];
function expectNoTwo(text: string, what: string): void {
  for (const pattern of SHOWS_TWO) expect(text, what).not.toMatch(pattern);
}

describe('report with disability enabled', () => {
  it('without suppression counts 2 yes, the rest no or unknown, and the lived experience pair', async () => {
    const json = JSON.parse((await run(['report', '--json'])).stdout);
    expect(json.participation.characteristics).toEqual({ disability: { yes: 2, no, unknown: 6 } });
    expect(json.participation.byType['lived experience (disability)']).toBe(1);
    expect(json.relationships.some((r: { type: string }) => r.type === 'lived experience (disability)')).toBe(true);
    const text = (await run(['report'])).stdout;
    expect(text).toContain(`  participants by disability: yes 2, no ${no}, unknown 6`);
    expect(text).toContain('lived experience (disability) 1');
  });

  it.each(FORMATS)('without suppression, --format %s shows the 2 where the check below looks for it', async (format) => {
    const text = (await run(['report', '--format', format])).stdout;
    expect(SHOWS_TWO.some((pattern) => pattern.test(text))).toBe(format !== 'csv');
  });

  it('--suppress-below 5 --json: yes <5, unknown hidden so the total cannot give it back, the lived pair <5', async () => {
    const json = JSON.parse((await run(['report', '--json', '--suppress-below', '5'])).stdout);
    expect(json.participation.characteristics).toEqual({ disability: { yes: '<5', no, unknown: 'suppressed' } });
    expect(json.participation.byType['lived experience (disability)']).toBe('<5');
    // The lived pair is the one hidden type (race has 5 or more, or is hidden too): another is hidden beside it.
    expect(Object.values(json.participation.byType).filter((n) => typeof n === 'string').length).toBeGreaterThanOrEqual(2);
    expect(json.participation).not.toHaveProperty('pairsByType');
    for (const rel of json.relationships) expect(rel).not.toHaveProperty('type');
  });

  it.each(FORMATS)('--suppress-below 5 --format %s never shows the 2', async (format) => {
    const result = await run(['report', '--format', format, '--suppress-below', '5']);
    expect(result.code, result.stderr).toBe(0);
    const text = result.stdout;
    expectNoTwo(text, format);
    expect(text).not.toContain('lived experience (disability) 1');
    switch (format) {
      case 'table':
        expect(text).toContain(`  participants by disability: yes <5, no ${no}, unknown suppressed`);
        expect(text).toContain('lived experience (disability) <5');
        expect(text).toContain('Counts of people by ethnicity or disability below 5 are shown as <5.');
        break;
      case 'markdown':
        expect(text).toContain('| Participants, disability: yes | \\<5 |');
        expect(text).toContain(`| Participants, disability: no | ${no} |`);
        expect(text).toContain('| Participants, disability: unknown | suppressed |');
        expect(text).toContain('| Type: lived experience (disability) | \\<5 |');
        break;
      case 'html':
        expect(text).toContain('<td class="num" data-metric="participation.characteristics.disability.yes">&lt;5</td>');
        expect(text).toContain('<td class="num" data-metric="participation.characteristics.disability.unknown">suppressed</td>');
        expect(text).toContain('<td class="num" data-metric="participation.byType.lived experience (disability)">&lt;5</td>');
        expect(text).toContain('Counts of people by ethnicity or disability from 1 to 4 are shown as &lt;5');
        break;
      case 'csv': {
        // One row per relationship, columns a contract: no characteristic, and no type under suppression.
        const [header, ...rows] = text.trim().split('\r\n');
        expect(header).toBe('id,mentee,mentors,start,planned_end,end,status,months_complete,sessions,rate');
        expect(rows.length).toBeGreaterThan(5);
        expect(text).not.toMatch(/disability|lived experience/);
        break;
      }
      case 'json':
        expect(JSON.parse(text).participation.characteristics.disability.yes).toBe('<5');
        break;
    }
  });

  it.each(FORMATS)('--for-publication --format %s never shows the 2, nor the lived pair', async (format) => {
    const result = await run(['report', '--format', format, '--for-publication']);
    expect(result.code, result.stderr).toBe(0);
    const text = result.stdout;
    expectNoTwo(text, format);
    expect(text).not.toMatch(/lived experience \(disability\)\W{1,12}1\b/);
    if (format === 'csv') {
      const rows = text.trim().split('\r\n');
      expect(rows).toContain('participation,participants disability yes,<5');
      expect(rows).toContain(`participation,participants disability no,${no}`);
      expect(rows).toContain('participation,participants disability unknown,suppressed');
      expect(rows).toContain('participation,type lived experience (disability),<5');
      expect(rows[1]).toContain('counts of people by ethnicity or disability from 1 to 4 shown as <5');
    }
    if (format === 'json') {
      const json = JSON.parse(text);
      expect(json.participation.characteristics).toEqual({ disability: { yes: '<5', no, unknown: 'suppressed' } });
      expect(json.participation.byType['lived experience (disability)']).toBe('<5');
    }
  });

  it('by the real binary: report --for-publication keeps disability suppressed below the threshold, exit 0', () => {
    const result = remedi(['report', '--for-publication', '--db', db], { env });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(
      'For publication: no names or staff ids, no row for any one relationship, and counts of people by ethnicity or disability from 1 to 4 shown as <5.',
    );
    expect(result.stdout).toContain(`  participants by disability: yes <5, no ${no}, unknown suppressed`);
    expect(result.stdout).toContain('lived experience (disability) <5');
    const json = JSON.parse(remedi(['report', '--for-publication', '--suppress-below', '7', '--json', '--db', db], { env }).stdout);
    expect(json.participation.characteristics.disability).toEqual({ yes: '<7', no, unknown: '<7' });
  });
});
