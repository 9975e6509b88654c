/// <reference lib="dom" />
/**
 * The HTML report in a real browser (Debian's Chromium, driven by playwright-core):
 * no console errors, nothing fetched, every chart titled, the same numbers as the JSON,
 * database text shown as text. Skipped, saying why, when Chromium is not installed.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, ROOT, remedi } from '../helpers/cli.js';

const CHROMIUM = '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) {
  console.warn(`Skipping the browser test: ${CHROMIUM} is not installed (apt-get install chromium; .ci/run installs it when it can).`);
}
const MALICIOUS = '<script>alert(1)</script>';

describe.skipIf(!haveChromium)('the HTML report in headless Chromium', () => {
  const env = { REMEDI_TODAY: '2026-07-29' };
  let dir: string;
  let html: string;
  let json: Record<string, any>;
  let page: Page;
  let browser: Browser;
  const consoleErrors: string[] = [];
  const requests: string[] = [];
  const dialogs: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'remedi-html-'));
    const db = join(dir, 'remedi.db');
    const run = (args: string[]) => {
      const result = remedi([...args, '--db', db], { env });
      expect(result.code, result.stderr).toBe(0);
      return result;
    };
    run(['cohort', 'create', '1', '--start', '2026-01-05', '--end', '2026-09-30', '--name', 'Board cohort']);
    run(['import', join(FIXTURES, 'roster.csv'), '--cohort', '1']);
    run(['pair', '--trios', '--save', '--start', '2026-01-05']);
    run(['import-sessions', join(FIXTURES, 'sessions.csv')]);
    run(['log-session', '--pair', '1', '--date', '2026-07-28', '--minutes', '30', '--kind', 'other', '--level', 'team', '--theme', MALICIOUS]);
    run([
      'survey',
      'import',
      join(FIXTURES, 'surveys', 'start.csv'),
      '--cohort',
      '1',
      '--stage',
      'start',
      '--text',
      'What do you hope to get from the programme?',
    ]);
    run(['survey', 'import', join(FIXTURES, 'surveys', 'end.xlsx'), '--cohort', '1', '--stage', 'end', '--text', 'What changed for you?']);
    html = join(dir, 'report.html');
    run(['report', '--format', 'html', '--out', html, '--as-of', '2026-07-29']);
    json = JSON.parse(run(['report', '--json', '--as-of', '2026-07-29']).stdout);

    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(error.message));
    page.on('request', (request) => requests.push(request.url()));
    page.on('dialog', async (dialog) => {
      dialogs.push(dialog.message());
      await dialog.dismiss();
    });
    await page.goto(pathToFileURL(html).href);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('loads with no console errors, no script run, and no request but the page itself', () => {
    expect(consoleErrors).toEqual([]);
    expect(dialogs).toEqual([]);
    expect(requests).toEqual([pathToFileURL(html).href]);
  });

  it('has every chart, each with a title and a text alternative', async () => {
    const charts = await page.$$eval('svg.chart', (svgs) =>
      svgs.map((svg) => ({
        id: svg.id,
        title: svg.querySelector('title')?.textContent ?? '',
        desc: svg.querySelector('desc')?.textContent ?? '',
        role: svg.getAttribute('role'),
      })),
    );
    expect(charts.map((c) => c.id).sort()).toEqual(
      [
        'chart-board',
        'chart-calendar',
        'chart-kinds',
        'chart-levels',
        'chart-months',
        'chart-status',
        'chart-themes',
        'chart-types',
        // A before/after chart per question and group of the outcome surveys.
        ...(json.outcomes as unknown[]).map((_, k) => `chart-outcome-${k}`),
      ].sort(),
    );
    for (const chart of charts) {
      expect(chart.title.length, chart.id).toBeGreaterThan(5);
      expect(chart.desc.length, chart.id).toBeGreaterThan(5);
      expect(chart.role).toBe('img');
    }
  });

  it('shows the same numbers as remedi report --json', async () => {
    const metrics = await page.$$eval('[data-metric]', (elements) =>
      elements.map((e) => [e.getAttribute('data-metric')!, e.textContent.trim()] as [string, string]),
    );
    expect(metrics.length).toBeGreaterThan(50);
    const byId = new Map((json.relationships as Array<Record<string, any>>).map((r) => [String(r.id), r]));
    const expected = (path: string): string => {
      const [head, ...rest] = path.split('.');
      if (head === 'relationships') {
        const value = byId.get(rest[0])![rest[1]];
        return rest[1] === 'rate' ? (value === null ? '-' : Number(value).toFixed(1)) : String(value);
      }
      if (head === 'outcomes') {
        // A stage nobody answered shows "-"; means to 1 decimal (the JSON's are unrounded).
        const figure = json.outcomes[Number(rest[0])][rest[1]];
        if (figure === null) return '-';
        return rest[2] === 'mean' ? (figure.mean === null ? '-' : Number(figure.mean).toFixed(1)) : String(figure.n);
      }
      if (head === 'interactions' && rest[0] === 'byCalendarMonth') {
        return String(json.interactions.byCalendarMonth.find((m: { month: string }) => m.month === rest[1]).sessions);
      }
      const value = path.split('.').reduce((node: any, key) => node[key], json);
      return key(path) === 'perRelationshipPerMonth' ? Number(value).toFixed(2) : String(value);
    };
    const key = (path: string) => path.split('.').at(-1);
    for (const [path, text] of metrics) expect(text, path).toBe(expected(path));
    expect(metrics.find(([path]) => path === 'summary.breached')?.[1]).toBe(String(json.summary.breached));
  });

  it('shows a theme written as HTML as plain text', async () => {
    expect(await page.locator('script').count()).toBe(0);
    const themeCells = await page.$$eval('section[aria-labelledby="themes"] td', (cells) => cells.map((c) => c.textContent));
    expect(themeCells).toContain(MALICIOUS);
    expect(await page.locator('body').innerText()).toContain(MALICIOUS);
  });

  it('puts headings in order and stays readable at 200% zoom (no sideways scrolling of the page)', async () => {
    const levels = await page.$$eval('h1, h2, h3', (hs) => hs.map((h) => Number(h.tagName[1])));
    expect(levels[0]).toBe(1);
    for (let k = 1; k < levels.length; k += 1) expect(levels[k] - levels[k - 1]).toBeLessThanOrEqual(1);
    expect(await page.getAttribute('html', 'lang')).toBe('en-GB');
    await page.setViewportSize({ width: 600, height: 900 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.setViewportSize({ width: 1200, height: 900 });
  });

  it('prints on A4 with each section on its own page, and saves a screenshot', async () => {
    await page.emulateMedia({ media: 'print' });
    const breaks = await page.$$eval('main section', (sections) => sections.map((s) => getComputedStyle(s).breakBefore));
    expect(breaks.slice(1).every((b) => b === 'page')).toBe(true);
    await page.emulateMedia({ media: 'screen' });
    const out = join(ROOT, 'test-output');
    mkdirSync(out, { recursive: true });
    await page.screenshot({ path: join(out, 'report.png'), fullPage: true });
    expect(existsSync(join(out, 'report.png'))).toBe(true);
  });
});
