/** Tables that fit the terminal, --wide, redirected output never cut (issue 13). */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { choosePager } from '../../src/ui/pager.js';
import { progress, progressText, working } from '../../src/ui/progress.js';
import { FIXTURES, remedi, ROOT, tempDir } from '../helpers/cli.js';
import { run } from '../helpers/inProcess.js';

const BIN = join(ROOT, 'bin', 'remedi.js');
const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;
const quote = (arg: string) => `'${arg.replace(/'/g, `'\\''`)}'`;

/**
 * Runs remedi on a pseudo-terminal (util-linux `script`) of the given size, as a user at a
 * terminal would. stderr goes to the terminal too unless `stderrTo` names a file.
 */
export function onTerminal(
  args: string[],
  { columns = 80, rows = 24, env = {}, stderrTo }: { columns?: number; rows?: number; env?: NodeJS.ProcessEnv; stderrTo?: string } = {},
): { code: number | null; output: string } {
  const command = `stty cols ${columns} rows ${rows}; ${quote(process.execPath)} ${quote(BIN)} ${args.map(quote).join(' ')}${stderrTo ? ` 2>${quote(stderrTo)}` : ''}`;
  const result = spawnSync('script', ['-qec', command, '/dev/null'], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', REMEDI_DB: '', REMEDI_TODAY: '2026-03-15', PAGER: 'cat', ...env },
  });
  return { code: result.status, output: result.stdout.replace(/\r\n/g, '\n') };
}

const HEADER = readFileSync(join(FIXTURES, 'roster.csv'), 'utf8').split('\n')[0];
const WORLD = [
  '20000001,王秀英,wang.xiuying@nhs.net,Emergency Department and Urgent Care,Staff Nurse,5,Nursing and Midwifery Registered,R Chinese,,front line,,,mentor,,',
  '20000002,Zoë Ångström-Nkemelu 👩🏽‍⚕️,zoe.a@nhs.net,Estates and Facilities Management,Director of Estates,9,Additional Clinical Services,A White - British,,,,,mentee,,',
  '20000003,Jose\u0301 Garci\u0301a Ferna\u0301ndez de la Cruz y Montenegro,jose.garcia@nhs.net,Pharmacy,Pharmacist,7,Additional Professional Scientific and Technic,A White - British,,,,20000002,mentor,,',
];

async function setUp(): Promise<string> {
  const dir = tempDir();
  const db = join(dir, 'remedi.db');
  const roster = join(dir, 'roster.csv');
  writeFileSync(roster, [readFileSync(join(FIXTURES, 'roster.csv'), 'utf8').trimEnd(), ...WORLD].join('\n') + '\n');
  expect(
    (
      await run([
        'cohort',
        'create',
        '1',
        '--name',
        'Spring cohort for the whole trust, every site and service',
        '--start',
        '2026-01-05',
        '--end',
        '2026-09-30',
        '--db',
        db,
      ])
    ).code,
  ).toBe(0);
  expect((await run(['import', roster, '--cohort', '1', '--db', db])).code).toBe(0);
  expect(HEADER).toMatch(/^Employee Number,Full Name/);
  return db;
}

const widest = (text: string) => Math.max(0, ...text.split('\n').map((line) => stringWidth(line)));

describe.skipIf(!hasScript)('tables on a terminal (needs util-linux script)', () => {
  it('staff list fits 80 columns: staff id, name, band, seniority and status stay, the rest are named on stderr', async () => {
    const db = await setUp();
    const dir = tempDir();
    const err = join(dir, 'err');
    const { code, output } = onTerminal(['staff', 'list', '--db', db], { columns: 80, stderrTo: err });
    expect(code).toBe(0);
    expect(widest(output)).toBeLessThanOrEqual(80);
    const head = output.split('\n')[0];
    for (const column of ['Staff id', 'Name', 'Band', 'Seniority', 'Status']) expect(head).toContain(column);
    expect(head).not.toContain('Line manager');
    const note = readFileSync(err, 'utf8');
    expect(note).toMatch(/^\d+ columns hidden to fit 80 columns: Line manager, Capacity, [^]*; --wide shows them\.$/m);
    const hidden = note.slice(note.search(/\d+ columns hidden/), note.indexOf('--wide shows them.') + '--wide shows them.'.length);
    expect(widest(hidden)).toBeLessThanOrEqual(80);
    expect(output).toContain('王秀英');
    expect(output).toContain('…');
  });

  it('at 200 columns it shows more, wide characters line up as displayed', async () => {
    const db = await setUp();
    const { code, output } = onTerminal(['staff', 'list', '--db', db], { columns: 200, stderrTo: join(tempDir(), 'err') });
    expect(code).toBe(0);
    expect(widest(output)).toBeLessThanOrEqual(200);
    const lines = output.split('\n');
    expect(lines[0]).toContain('Department');
    const at = lines[0].indexOf('Band');
    const row = lines.find((line) => line.includes('王秀英'))!;
    expect(stringWidth(row.slice(0, row.indexOf('Band 5')))).toBe(at);
  });

  it('--wide shows every column whole, and no note', async () => {
    const db = await setUp();
    const { code, output } = onTerminal(['staff', 'list', '--wide', '--db', db], { columns: 80 });
    expect(code).toBe(0);
    expect(output.split('\n')[0]).toContain('Line manager');
    expect(output).toContain('Jose\u0301 Garci\u0301a Ferna\u0301ndez de la Cruz y Montenegro');
    expect(output).not.toContain('hidden');
    expect(widest(output)).toBeGreaterThan(80);
  });

  it("the text report's compliance table fits 80 columns, the note names 80", async () => {
    const db = await setUp();
    expect((await run(['pair', '--cohort', '1', '--save', '--db', db])).code).toBe(0);
    const err = join(tempDir(), 'err');
    const { code, output } = onTerminal(['report', '--cohort', '1', '--db', db], { columns: 80, rows: 500, stderrTo: err });
    expect(code).toBe(0);
    const lines = output.split('\n');
    const from = lines.findIndex((line) => /^ {2}Id {2}/.test(line));
    const table = lines.slice(from, lines.indexOf('', from));
    expect(table.length).toBeGreaterThan(3);
    for (const line of table) expect(stringWidth(line), line).toBeLessThanOrEqual(80);
    expect(readFileSync(err, 'utf8')).toMatch(/columns? hidden to fit 80 columns: /);
  });

  it("the text report's prose is broken between words to 80 columns, continuations indented", async () => {
    const db = await setUp();
    expect((await run(['pair', '--cohort', '1', '--save', '--db', db])).code).toBe(0);
    const wide = await run(['report', '--cohort', '1', '--db', db, '--as-of', '2026-06-30']);
    const why = wide.stdout.split('\n').find((line) => /^ {2}#\d+ .*\(breached\): /.test(line))!;
    expect(stringWidth(why)).toBeGreaterThan(80);
    const { code, output } = onTerminal(['report', '--cohort', '1', '--as-of', '2026-06-30', '--no-pager', '--no-color', '--db', db], {
      columns: 80,
      rows: 500,
      stderrTo: join(tempDir(), 'err'),
    });
    expect(code).toBe(0);
    const lines = output.replaceAll('\r', '').split('\n');
    for (const line of lines) expect(stringWidth(line), line).toBeLessThanOrEqual(80);
    // The breached relationship's reasons: the same words, on a line of its own and lines indented under it.
    const from = lines.findIndex((line) => /^ {2}#\d+ /.test(line) && why.startsWith(line));
    expect(from).toBeGreaterThan(0);
    const rest = lines.slice(
      from + 1,
      lines.findIndex((line, i) => i > from && !line.startsWith('    ')),
    );
    expect(rest.length).toBeGreaterThan(0);
    expect([lines[from], ...rest.map((line) => line.trimStart())].join(' ')).toBe(why);
  });

  it('every table command fits 80 columns', async () => {
    const db = await setUp();
    for (const args of [
      ['staff', 'find', 'a'],
      ['department', 'list'],
      ['cohort', 'list'],
    ]) {
      const { code, output } = onTerminal([...args, '--db', db], { columns: 80 });
      expect(code, output).toBe(0);
      expect(widest(output), args.join(' ')).toBeLessThanOrEqual(80);
    }
  });
});

describe('tables not on a terminal', () => {
  it('redirected output is never cut, and says nothing about columns', async () => {
    const db = await setUp();
    const result = remedi(['staff', 'list', '--db', db], { env: { COLUMNS: '80' } });
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')[0]).toContain('Line manager');
    expect(result.stdout).toContain('Jose\u0301 Garci\u0301a Ferna\u0301ndez de la Cruz y Montenegro');
    expect(result.stdout).not.toContain('…');
    expect(result.stderr).not.toContain('hidden');
  });
});

describe.skipIf(!hasScript)('the pager (needs util-linux script)', () => {
  /** A pager that records what it was given, and says it ran. */
  function fakePager(): { pager: string; seen: string } {
    const dir = tempDir();
    const seen = join(dir, 'seen.txt');
    const script = join(dir, 'pager.sh');
    writeFileSync(script, `#!/bin/sh\ncat > ${quote(seen)}\necho "[paged]"\n`, { mode: 0o755 });
    return { pager: script, seen };
  }
  const seenBy = (path: string) => {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return null;
    }
  };

  it('a list longer than the terminal goes through $PAGER', async () => {
    const db = await setUp();
    const { pager, seen } = fakePager();
    const { code, output } = onTerminal(['staff', 'list', '--db', db], { rows: 24, env: { PAGER: pager } });
    expect(code).toBe(0);
    expect(output).toContain('[paged]');
    expect(seenBy(seen)).toMatch(/^Staff id {2}Name/);
    expect(seenBy(seen)).toContain('王秀英');
  });

  it('the report too; a short table does not, nor --json, --csv, --no-pager or REMEDI_PAGER=', async () => {
    const db = await setUp();
    const { pager, seen } = fakePager();
    const env = { PAGER: pager };
    expect(onTerminal(['report', '--db', db], { rows: 10, env }).output).toContain('[paged]');
    for (const [args, extra] of [
      [['department', 'list'], {}],
      [['staff', 'find', 'Siob'], {}],
      [['staff', 'list', '--json'], {}],
      [['staff', 'list', '--csv'], {}],
      [['staff', 'list', '--no-pager'], {}],
      [['staff', 'list'], { REMEDI_PAGER: '' }],
    ] as Array<[string[], NodeJS.ProcessEnv]>) {
      const { code, output } = onTerminal([...args, '--db', db], { rows: 24, env: { ...env, ...extra } });
      expect(code, args.join(' ')).toBe(0);
      expect(output, args.join(' ')).not.toContain('[paged]');
      expect(output.length, args.join(' ')).toBeGreaterThan(0);
    }
    expect(seenBy(seen)).not.toBeNull();
  });

  it('REMEDI_PAGER wins over PAGER; a pager that is not installed means the list is printed directly', async () => {
    const db = await setUp();
    const { pager, seen } = fakePager();
    expect(onTerminal(['staff', 'list', '--db', db], { env: { PAGER: 'no-such-pager-here', REMEDI_PAGER: pager } }).output).toContain('[paged]');
    expect(seenBy(seen)).toContain('Staff id');
    const missing = onTerminal(['staff', 'list', '--db', db], { env: { PAGER: 'no-such-pager-here' } });
    expect(missing.code).toBe(0);
    expect(missing.output).toContain('王秀英');
  });

  it('not on a terminal there is no pager', async () => {
    const db = await setUp();
    const { pager, seen } = fakePager();
    const result = remedi(['staff', 'list', '--db', db], { env: { PAGER: pager } });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('王秀英');
    expect(seenBy(seen)).toBeNull();
  });
});

describe('choosePager', () => {
  it.each([
    [{ flag: undefined, isTTY: true, env: {}, platform: 'linux' }, 'less -FRX'],
    [{ flag: undefined, isTTY: true, env: { PAGER: 'more' }, platform: 'linux' }, 'more'],
    [{ flag: undefined, isTTY: true, env: { PAGER: 'more', REMEDI_PAGER: 'most' }, platform: 'linux' }, 'most'],
    [{ flag: undefined, isTTY: true, env: { PAGER: 'more', REMEDI_PAGER: '' }, platform: 'linux' }, null],
    [{ flag: undefined, isTTY: true, env: { PAGER: 'cat' }, platform: 'linux' }, null],
    [{ flag: false, isTTY: true, env: {}, platform: 'linux' }, null],
    [{ flag: undefined, isTTY: false, env: {}, platform: 'linux' }, null],
    [{ flag: undefined, isTTY: true, env: {}, platform: 'win32' }, null],
  ] as const)('%o -> %s', (input, expected) => {
    expect(choosePager({ ...input, env: { ...input.env } })).toBe(expected);
  });
});

describe('the top-level help', () => {
  it('fits 80 columns and names every command', () => {
    const result = remedi(['--help'], { env: { COLUMNS: '80' } });
    expect(result.code).toBe(0);
    for (const line of result.stdout.split('\n')) expect(stringWidth(line), line).toBeLessThanOrEqual(80);
    for (const command of [
      'import',
      'cohort',
      'staff',
      'pair',
      'log-session',
      'import-sessions',
      'sessions',
      'report',
      'backup',
      'check',
      'export',
      'forget',
      'department',
    ]) {
      expect(result.stdout).toMatch(new RegExp(`^  ${command} .*  [A-Z]`, 'm'));
    }
  });

  it.skipIf(!hasScript)('fits an 80-column terminal too', () => {
    const { output } = onTerminal(['--help'], { columns: 80 });
    for (const line of output.split('\n')) expect(stringWidth(line), line).toBeLessThanOrEqual(80);
    expect(output).toContain('import-sessions [options] <sessions>  Import many sessions from a file');
  });
});

describe('report --out FILE takes the format from the name', () => {
  it.each([
    ['board.html', /^<!DOCTYPE html>/i],
    ['board.HTM', /^<!DOCTYPE html>/i],
    ['board.md', /^# Cohort 1/],
    ['board.csv', /^[a-z_]+,/],
    ['board.json', /^\{\n {2}"cohort"/],
    ['board.txt', /^Cohort 1: Spring/],
  ])('%s', async (name, expected) => {
    const db = await setUp();
    const out = join(tempDir(), name);
    const result = await run(['report', '--cohort', '1', '--out', out, '--db', db]);
    expect(result.code, result.stderr).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(expected);
    expect(result.stderr).not.toContain('though its name');
  });

  it('an explicit --format wins, and says so when the name disagrees', async () => {
    const db = await setUp();
    const out = join(tempDir(), 'board.html');
    const result = await run(['report', '--cohort', '1', '--format', 'json', '--out', out, '--db', db]);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8')).cohort.number).toBe(1);
    expect(result.stderr).toContain(`${out} gets JSON, as asked, though its name says an HTML page.`);
    const agreed = await run(['report', '--cohort', '1', '--format', 'html', '--out', out, '--db', db]);
    expect(agreed.stderr).not.toContain('though its name');
  });
});

describe('progress', () => {
  it('says rows done, the rate and, with a total, the time left', () => {
    expect(progressText('Reading roster.csv', 'rows', 120_000, null, 2)).toBe('Reading roster.csv: 120,000 rows (60,000 a second)');
    expect(progressText('Pairing', 'mentees', 300, 1200, 3)).toBe('Pairing: 300 of 1,200 mentees (100 a second, about 9s left)');
    expect(progressText('Reading', 'rows', 1000, 100_000, 1)).toBe('Reading: 1,000 of 100,000 rows (1,000 a second, about 1m 39s left)');
  });

  it('draws only after a second, at most four times a second, and wipes itself; nothing when stderr is not a terminal or with --json', () => {
    let clock = 0;
    const written: string[] = [];
    const target = { err: (t: string) => written.push(t), stderrIsTerminal: true };
    const p = progress(target, { what: 'Reading', now: () => clock });
    for (let i = 1; i <= 100_000; i += 1) {
      clock = i / 50; // 50,000 rows a second, for 2 seconds
      p(i);
    }
    p.end();
    expect(written.length).toBeGreaterThan(2);
    expect(written.length).toBeLessThanOrEqual(6);
    expect(written[0]).toMatch(/^\rReading: [\d,]+ rows \([\d,]+ a second\)\u001b\[K$/);
    expect(written.at(-1)).toBe('\r\u001b[K');
    for (const quiet of [{ ...target, stderrIsTerminal: false }, target]) {
      const none: string[] = [];
      const q = progress({ ...quiet, err: (t: string) => none.push(t) }, { what: 'x', json: quiet === target, now: () => (clock += 1) });
      for (let i = 1; i <= 10_000; i += 1) q(i);
      q.end();
      expect(none).toEqual([]);
    }
  });

  it('at a pace of 0 ms it draws at every look at the clock, even when no time has passed', () => {
    const written: string[] = [];
    const p = progress({ err: (t: string) => written.push(t), stderrIsTerminal: true, progressMs: 0 }, { what: 'Reading', now: () => 5 });
    for (let i = 1; i <= 4096; i += 1) p(i);
    p.end();
    expect(written.slice(0, -1)).toEqual([1024, 2048, 3072, 4096].map((n) => `\rReading: ${n.toLocaleString('en-GB')} rows (0 a second)\u001b[K`));
    expect(written.at(-1)).toBe('\r\u001b[K');
  });

  it('a long step with no count says what it is doing and wipes it, on a terminal only', () => {
    const written: string[] = [];
    working({ err: (t) => written.push(t), stderrIsTerminal: true }, 'Finding the best pairs...').end();
    expect(written).toEqual(['Finding the best pairs...\u001b[K', '\r\u001b[K']);
    const none: string[] = [];
    working({ err: (t) => none.push(t), stderrIsTerminal: false }, 'x').end();
    working({ err: (t) => none.push(t), stderrIsTerminal: true }, 'x', { json: true }).end();
    expect(none).toEqual([]);
  });

  it.skipIf(!hasScript)(
    'a long import shows it on a terminal, and not when stderr is redirected or with --json',
    async () => {
      const dir = tempDir();
      const roster = join(dir, 'big.csv');
      const { writeRoster } = (await import(join(ROOT, 'bench', 'generate.mjs'))) as {
        writeRoster: (path: string, options: { rows: number; seed: number }) => Promise<void>;
      };
      await writeRoster(roster, { rows: 50_000, seed: 1 });
      // The line is drawn at every look at the clock, not only after a second: a fast machine
      // imports these rows in less than that (the pace itself is tested above, on a clock of its own).
      const shown = onTerminal(['import', roster, '--db', join(dir, 'a.db')], { env: { REMEDI_PROGRESS_MS: '0' } });
      expect(shown.code, shown.output).toBe(0);
      // How far through the file it is, and the time left from that.
      expect(shown.output).toMatch(/\rReading big\.csv: [\d,]+ rows, \d+% \([\d,]+ a second, about [\dmh ]+s? left\)/);
      const err = join(dir, 'err');
      const redirected = onTerminal(['import', roster, '--db', join(dir, 'b.db')], { stderrTo: err, env: { REMEDI_PROGRESS_MS: '0' } });
      expect(redirected.code).toBe(0);
      expect(readFileSync(err, 'utf8')).not.toContain('Reading big.csv');
      const json = onTerminal(['import', roster, '--json', '--db', join(dir, 'c.db')], { stderrTo: undefined, env: { REMEDI_PROGRESS_MS: '0' } });
      expect(json.output).not.toContain('Reading big.csv');
    },
    60_000,
  );
});
