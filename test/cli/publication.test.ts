/**
 * Board reports are private by default (issue 12): a Markdown or HTML report with names
 * says "Contains special category data: not for publication"; `--for-publication` gives
 * figures only, in every format: no names, staff ids or emails, small counts suppressed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES } from '../helpers/cli.js';
import { run as inProcess } from '../helpers/inProcess.js';

const env = { REMEDI_TODAY: '2026-07-29' };
const BANNER = 'Contains special category data: not for publication';
let dir: string;
let db: string;
const run = (args: string[]) => inProcess([...args, '--db', db], { env });
/** Everyone the database holds: what a paper for publication must not name. */
let people: Array<{ staffId: string; name: string; email: string | null }>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'remedi-publication-'));
  db = join(dir, 'remedi.db');
  expect((await run(['cohort', 'create', '1', '--start', '2026-01-05', '--end', '2026-09-30', '--name', 'Board cohort'])).code).toBe(0);
  expect((await run(['import', join(FIXTURES, 'roster.csv'), '--cohort', '1'])).code).toBe(0);
  expect((await run(['pair', '--trios', '--save', '--start', '2026-01-05'])).code).toBe(0);
  expect((await run(['import-sessions', join(FIXTURES, 'sessions.csv')])).code).toBe(0);
  people = JSON.parse((await run(['staff', 'list', '--json'])).stdout);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const FORMATS = ['table', 'json', 'csv', 'markdown', 'html'] as const;

function expectNobodyIn(text: string, what: string): void {
  for (const person of people) {
    expect(text.includes(person.name), `${what} names ${person.name}`).toBe(false);
    expect(text.includes(person.staffId), `${what} holds the staff id ${person.staffId}`).toBe(false);
    if (person.email) expect(text.toLowerCase().includes(person.email.toLowerCase()), `${what} holds ${person.email}`).toBe(false);
  }
}

describe('report --for-publication', () => {
  it.each(FORMATS)('--format %s: no names, staff ids or emails, and no banner', async (format) => {
    const result = await run(['report', '--cohort', '1', '--for-publication', '--format', format]);
    expect(result.code, result.stderr).toBe(0);
    // The named report does name people: the check below would catch them.
    expect((await run(['report', '--cohort', '1', '--format', format])).stdout).toContain(people.find((p) => p.staffId === '10000001')!.name);
    expectNobodyIn(result.stdout, format);
    expectNobodyIn(result.stderr, `${format} (stderr)`);
    expect(result.stdout).not.toContain(BANNER);
    expect(result.stdout).not.toMatch(/#\d+ /);
  });

  it('keeps the figures the board needs, and suppresses counts of people by ethnicity below 5', async () => {
    const named = JSON.parse((await run(['report', '--cohort', '1', '--json'])).stdout);
    const json = JSON.parse((await run(['report', '--cohort', '1', '--for-publication', '--json'])).stdout);
    expect(json.forPublication).toBe(true);
    expect(json.suppressBelow).toBe(5);
    expect(json).not.toHaveProperty('relationships');
    expect(json.board).toEqual({ covered: named.board.covered, coveredNow: named.board.coveredNow, total: named.board.total });
    expect(json.summary).toEqual(named.summary);
    expect(json.interactions).toEqual(named.interactions);
    expect(json.themes).toEqual(named.themes);
    expect(json.participation.relationships).toBe(named.participation.relationships);
    expect(json.participation).not.toHaveProperty('pairsByType');
    for (const value of [...Object.values(json.participation.byBme), json.participation.byType.race]) {
      expect(value === 0 || value === '<5' || value === 'suppressed' || (typeof value === 'number' && value >= 5), String(value)).toBe(true);
    }
    const csv = (await run(['report', '--cohort', '1', '--for-publication', '--csv'])).stdout.split('\r\n');
    expect(csv[0]).toBe('section,item,value');
    expect(csv).toContain(`compliance,breached,${named.summary.breached}`);
    expect(csv).toContain(`board,covered during the cohort,${named.board.covered}`);
  });

  it('--suppress-below sets the threshold', async () => {
    const json = JSON.parse((await run(['report', '--cohort', '1', '--for-publication', '--suppress-below', '11', '--json'])).stdout);
    expect(json.suppressBelow).toBe(11);
    for (const value of Object.values(json.participation.byBme)) {
      expect(value === 0 || value === '<11' || value === 'suppressed' || (typeof value === 'number' && value >= 11), String(value)).toBe(true);
    }
    expect((await run(['report', '--cohort', '1', '--for-publication', '--suppress-below', '11'])).stdout).toContain('from 1 to 10 shown as <11');
  });

  it('writes a file with --out and says it is the report for publication', async () => {
    const out = join(dir, 'public.html');
    const result = await run(['report', '--cohort', '1', '--for-publication', '--format', 'html', '--out', out]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('for publication');
  });
});

describe('a report with names is marked as not for publication', () => {
  it.each(['markdown', 'html'] as const)('--format %s carries the banner at the top, with or without --suppress-below', async (format) => {
    for (const extra of [[], ['--suppress-below', '5']]) {
      const text = (await run(['report', '--cohort', '1', '--format', format, ...extra])).stdout;
      const at = text.indexOf(BANNER);
      expect(at, `${format} ${extra.join(' ')}`).toBeGreaterThanOrEqual(0);
      // Before the first section, where nobody can miss it.
      expect(at).toBeLessThan(text.indexOf(format === 'html' ? '<main>' : '## Participation'));
    }
  });

  it('the HTML banner is visible text, not a comment or a hidden element', async () => {
    const html = (await run(['report', '--cohort', '1', '--format', 'html'])).stdout;
    expect(html).toMatch(/<p class="banner" role="note"[^>]*><strong>Contains special category data: not for publication\.<\/strong>/);
    expect(html).toContain('.banner { border: 3px solid');
  });
});
