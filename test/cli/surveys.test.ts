import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXTURES, remedi, snapshotFolder, tempDir } from '../helpers/cli.js';
import { run } from '../helpers/inProcess.js';

const env = { REMEDI_TODAY: '2026-10-01' };
const SURVEYS = join(FIXTURES, 'surveys');
const START = ['survey', 'import', join(SURVEYS, 'start.csv'), '--cohort', '1', '--stage', 'start', '--text', 'What do you hope to get from the programme?'];
const END = ['survey', 'import', join(SURVEYS, 'end.xlsx'), '--cohort', '1', '--stage', 'end', '--text', 'What changed for you?'];
const BAD = ['survey', 'import', join(SURVEYS, 'bad.csv'), '--cohort', '1', '--stage', 'mid', '--text', 'Any comments?'];

/** Cohort 1, the fixture roster enrolled and paired in trios: built once, in-process, then copied for each test. */
let template: Promise<string> | undefined;
async function setUp(...imports: string[][]): Promise<{ dir: string; db: string }> {
  template ??= (async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'remedi-surveys-')), 'remedi.db');
    for (const args of [
      ['cohort', 'create', '1', '--start', '2026-01-05', '--end', '2026-09-30'],
      ['import', join(FIXTURES, 'roster.csv'), '--cohort', '1'],
      ['pair', '--trios', '--save', '--start', '2026-01-05'],
    ]) {
      const result = await run([...args, '--db', db], { env });
      expect(result.code, result.stderr).toBe(0);
    }
    expect(existsSync(`${db}-wal`)).toBe(false);
    return db;
  })();
  const dir = tempDir();
  const db = join(dir, 'remedi.db');
  copyFileSync(await template, db);
  for (const args of imports) {
    const result = await run([...args, '--db', db], { env });
    expect(result.code, result.stderr).toBe(0);
  }
  return { dir, db };
}
afterAll(async () => {
  if (template) rmSync(join(await template, '..'), { recursive: true, force: true });
});

const json = (text: string): any => JSON.parse(text);

describe('remedi survey import', () => {
  it('imports a Forms export: respondents by email, agreement words, blanks, free text and consent', async () => {
    const { db } = await setUp();
    const result = await run([...START, '--json', '--db', db], { env });
    expect(result.code, result.stderr).toBe(0);
    expect(json(result.stdout)).toMatchObject({
      file: 'start.csv',
      dryRun: false,
      cohort: 1,
      stage: 'start',
      respondents: 10,
      mentees: 5,
      mentors: 5,
      questions: 4,
      freeTextQuestions: 1,
      answers: 35,
      quotable: 4,
      warnings: [],
    });
    const listed = await run(['survey', 'list', '--json', '--db', db], { env });
    expect(json(listed.stdout)).toEqual([{ cohort: 1, stage: 'start', file: 'start.csv', importedOn: '2026-10-01', respondents: 10, questions: 4 }]);
  });

  it('reads respondents by staff id and by name (mid.csv), and an .xlsx export as its CSV', async () => {
    const { db } = await setUp();
    const mid = await run(['survey', 'import', join(SURVEYS, 'mid.csv'), '--cohort', '1', '--stage', 'mid', '--db', db], { env });
    expect(mid.code, mid.stderr).toBe(0);
    expect(mid.stdout).toBe('Imported the mid survey of cohort 1 from mid.csv: 4 respondents (2 mentees, 2 mentors), 3 questions, 12 answers.\n');
    // The workbook holds the same answers as end.csv, scores as numbers and times as date-time cells.
    const fromCsv = await setUp([...END.map((a) => a.replace('end.xlsx', 'end.csv'))]);
    const fromXlsx = await setUp(END);
    const outcomes = async (path: string) => json((await run(['report', '--cohort', '1', '--json', '--db', path], { env })).stdout);
    const [csv, xlsx] = [await outcomes(fromCsv.db), await outcomes(fromXlsx.db)];
    expect(xlsx.outcomes).toHaveLength(6);
    expect(xlsx.outcomes).toEqual(csv.outcomes);
    expect(xlsx.quotes).toEqual(csv.quotes);
  });

  it('a dry run says what it would import and writes nothing', async () => {
    const { dir, db } = await setUp();
    const before = snapshotFolder(dir);
    const result = await run([...START, '--dry-run', '--db', db], { env });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^Dry run of start\.csv: nothing was written\. Importing it would record the start survey of cohort 1: 10 respondents/);
    expect(snapshotFolder(dir)).toEqual(before);
  });

  it('refuses a file with every problem told, line, column and value, exit 1, and changes nothing', async () => {
    const { dir, db } = await setUp();
    const before = snapshotFolder(dir);
    const result = await run([...BAD, '--db', db], { env });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    const lines = result.stderr.split('\n');
    expect(lines[0]).toBe('remedi: bad.csv was not imported: 5 problems found, and nothing was written.');
    expect(result.stderr).toContain('bad.csv:2 column E (I feel confident speaking up about inequality) "Very much": expected a score from 1 to 5');
    expect(result.stderr).toContain('bad.csv:3 column B (Email) "nobody.here@nhs.net": there is nobody with this staff id, email or name');
    expect(result.stderr).toContain('bad.csv:4 column B (Email) "alison.reeves@nhs.net": Alison Reeves (10000013) is not taking part in cohort 1');
    expect(result.stderr).toContain('bad.csv:5 column G (May we quote you?) "maybe": consent must be yes or no');
    expect(result.stderr).toContain('bad.csv:6 column B (Email) "chloe.adebayo@nhs.net": Chloe Adebayo (10000023) answered on line 5 too');
    expect(result.stderr).toContain('keep one of lines 5 and 6');
    expect(snapshotFolder(dir)).toEqual(before);
  });

  it('writes every problem to --problems, and still nothing else', async () => {
    const { dir, db } = await setUp();
    const problems = join(dir, 'problems.csv');
    const result = await run([...BAD, '--problems', problems, '--db', db], { env });
    expect(result.code).toBe(1);
    const csv = readFileSync(problems, 'utf8');
    expect(csv.split('\n')[0]).toMatch(/^kind,line,column/);
    expect(csv).toContain('maybe');
    expect(json((await run(['survey', 'list', '--json', '--db', db], { env })).stdout)).toEqual([]);
  });

  it('refuses a stage already imported, with the fix, and changes nothing', async () => {
    const { dir, db } = await setUp(START);
    const before = snapshotFolder(dir);
    const result = await run([...START, '--db', db], { env });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'remedi: The start survey of cohort 1 was already imported (from start.csv); nothing was written.\n' +
        'To replace it, delete it with remedi survey delete --cohort 1 --stage start, then import again.\n',
    );
    expect(snapshotFolder(dir)).toEqual(before);
  });

  it.each([
    {
      what: 'a score column of free text, without --text',
      args: ['survey', 'import', join(SURVEYS, 'start.csv'), '--cohort', '1', '--stage', 'start'],
      code: 1,
      message: /needs --text "What do you hope to get from the programme\?"/,
    },
    {
      what: 'a --text header the file does not have',
      args: [...START, '--text', 'Nope'],
      code: 2,
      message: /--text "Nope" names a column that start\.csv does not have/,
    },
    { what: 'a cohort that does not exist', args: [...START.slice(0, 4), '7', ...START.slice(5)], code: 1, message: /Cohort 7 does not exist/ },
    {
      what: 'a stage that is not one',
      args: ['survey', 'import', join(SURVEYS, 'start.csv'), '--cohort', '1', '--stage', 'later'],
      code: 2,
      message: /Allowed choices are start, mid, end/,
    },
    {
      what: 'a --respondent header the file does not have',
      args: [...START, '--respondent', 'Who'],
      code: 2,
      message: /^remedi: --respondent names a column "Who" that start\.csv does not have\.\nIts columns are: ID, Start time/,
    },
    {
      what: 'a --consent header the file does not have',
      args: [...START, '--consent', 'OK?'],
      code: 2,
      message: /^remedi: --consent names a column "OK\?" that start\.csv does not have/,
    },
    {
      what: 'a --respondent column beside a Respondent column',
      args: ['survey', 'import', join(SURVEYS, 'mid.csv'), '--cohort', '1', '--stage', 'mid', '--respondent', 'Timestamp'],
      code: 1,
      message: /both mean respondent/,
    },
  ])('refuses $what (exit $code) and changes nothing', async ({ args, code, message }) => {
    const { dir, db } = await setUp();
    const before = snapshotFolder(dir);
    const result = await run([...args, '--db', db], { env });
    expect(result.code).toBe(code);
    expect(result.stderr).toMatch(message);
    expect(snapshotFolder(dir)).toEqual(before);
  });

  it('takes the respondent column --respondent names, and consent --consent names', async () => {
    const { dir, db } = await setUp();
    const file = join(dir, 'own.csv');
    writeFileSync(file, 'Who are you?,Email,Q1,Tell us more,OK to quote?\n10000001,someone@else.net,Agree,It helped.,yes\n10000023,,2,Less so.,no\n');
    const result = await run(
      [
        'survey',
        'import',
        file,
        '--cohort',
        '1',
        '--stage',
        'end',
        '--respondent',
        'Who are you?',
        '--consent',
        'OK to quote?',
        '--text',
        'Tell us more',
        '--json',
        '--db',
        db,
      ],
      { env },
    );
    expect(result.code, result.stderr).toBe(0);
    expect(json(result.stdout)).toMatchObject({ respondents: 2, mentees: 1, mentors: 1, questions: 2, answers: 4, quotable: 1 });
    const report = json((await run(['report', '--cohort', '1', '--json', '--db', db], { env })).stdout);
    expect(report.quotes).toEqual([{ stage: 'end', group: 'mentees', text: 'It helped.' }]);
  });
});

describe('remedi survey list and delete', () => {
  it('lists as a table and as CSV; an empty list says how to import', async () => {
    const { db } = await setUp();
    const empty = await run(['survey', 'list', '--db', db], { env });
    expect(empty.code).toBe(0);
    expect(empty.stdout).toBe('');
    expect(empty.stderr).toMatch(/No surveys imported yet\. Import one with remedi survey import/);
    await run([...START, '--db', db], { env });
    await run([...END, '--db', db], { env });
    const table = await run(['survey', 'list', '--cohort', '1', '--db', db], { env });
    expect(table.stdout.split('\n').slice(0, 4)).toEqual([
      'Cohort  Stage  File                    Imported    Respondents  Questions',
      '------  -----  ----------------------  ----------  -----------  ---------',
      '1       start  start.csv               1 Oct 2026  10           4',
      '1       end    end.xlsx, sheet Sheet1  1 Oct 2026  11           4',
    ]);
    const csv = await run(['survey', 'list', '--csv', '--db', db], { env });
    expect(csv.stdout.split(/\r?\n/).slice(0, 2)).toEqual(['cohort,stage,file,imported_on,respondents,questions', '1,start,start.csv,2026-10-01,10,4']);
    expect((await run(['survey', 'list', '--cohort', '3', '--db', db], { env })).code).toBe(1);
  });

  it('deletes a stage with --yes, says what went, and the stage imports again', async () => {
    const { db } = await setUp(START);
    const result = await run(['survey', 'delete', '--cohort', '1', '--stage', 'start', '--yes', '--db', db], { env });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe('Deleted the start survey of cohort 1 (start.csv, imported 1 Oct 2026): 35 answers of 10 respondents to 4 questions.\n');
    expect(json((await run(['survey', 'list', '--json', '--db', db], { env })).stdout)).toEqual([]);
    expect((await run([...START, '--db', db], { env })).code).toBe(0);
  });

  it('asks at a terminal, and a no deletes nothing', async () => {
    const { dir, db } = await setUp(START);
    const before = snapshotFolder(dir);
    const asked: string[] = [];
    const prompts = { confirmDelete: async (what: string) => (asked.push(what), false) } as any;
    const result = await run(['survey', 'delete', '--cohort', '1', '--stage', 'start', '--db', db], { env, context: { interactive: true, prompts } });
    expect(result.code).toBe(0);
    expect(asked).toEqual(['the start survey of cohort 1 (start.csv: 35 answers of 10 respondents)']);
    expect(result.stderr).toBe('Nothing was deleted.\n');
    expect(snapshotFolder(dir)).toEqual(before);
  });

  it.each([
    { what: 'without --yes and no terminal', args: ['--stage', 'start'], code: 2, message: /needs --yes when there is no terminal/ },
    { what: 'a stage not imported', args: ['--stage', 'mid', '--yes'], code: 1, message: /Cohort 1 has no mid survey imported; nothing was deleted/ },
  ])('refuses $what and changes nothing', async ({ args, code, message }) => {
    const { dir, db } = await setUp(START);
    const before = snapshotFolder(dir);
    const result = await run(['survey', 'delete', '--cohort', '1', ...args, '--db', db], { env });
    expect(result.code).toBe(code);
    expect(result.stderr).toMatch(message);
    expect(snapshotFolder(dir)).toEqual(before);
  });
});

describe('the report Outcomes section', () => {
  it('JSON: per question and group, each stage n and mean unrounded, the paired change, and consented quotes', async () => {
    const { db } = await setUp(START, END);
    const report = json((await run(['report', '--cohort', '1', '--json', '--db', db], { env })).stdout);
    const first = report.outcomes[0];
    expect(Object.keys(first)).toEqual(['question', 'group', 'start', 'mid', 'end', 'change']);
    // Mentees at the start: Disagree, 2, Neutral, strongly disagree, 2; at the end: Agree, 4, Agree, Neither, Strongly agree.
    expect(first).toEqual({
      question: 'I understand the barriers BME colleagues face at work',
      group: 'mentees',
      start: { n: 5, mean: 2 },
      mid: null,
      end: { n: 5, mean: 4 },
      // Paired: 10000009 answered only at the start, 10000010 only at the end: 2->4, 2->4, 3->4, 1->3.
      change: { n: 4, mean: 1.75 },
    });
    expect(report.outcomes.map((o: any) => `${o.group} ${o.question}`)).toHaveLength(6);
    // Mentors, senior leaders listen: 1, 2, 2, 2, 2 at the start.
    expect(report.outcomes[5].start).toEqual({ n: 5, mean: 1.8 });
    expect(report.quotes).toContainEqual({ stage: 'end', group: 'mentors', text: 'I joined late but it was worth it.' });
    expect(report.quotes).toHaveLength(9);
    // No quote without consent, and none carries a name or id.
    expect(JSON.stringify(report.quotes)).not.toMatch(/interview panels|It felt like being listened to|1000\d{4}|Chidi|Siobh/);
  });

  it('for publication: suppressed below 5, and no quote from a stage group fewer than 5 answered', async () => {
    const { db } = await setUp(START, END);
    const report = json((await run(['report', '--cohort', '1', '--for-publication', '--json', '--db', db], { env })).stdout);
    expect(report.outcomes[0].change).toEqual({ n: '<5', mean: null });
    expect(report.outcomes[4]).toMatchObject({ group: 'mentees', start: { n: '<5', mean: null }, end: { n: '<5', mean: null } });
    expect(report.quotes.length).toBe(9);
    const text = (await run(['report', '--cohort', '1', '--for-publication', '--db', db], { env })).stdout;
    expect(text).toContain('Outcomes');
    expect(text).not.toMatch(/Margaret|Ellison|10000001/);
    const fewer = await setUp(['survey', 'import', join(SURVEYS, 'mid.csv'), '--cohort', '1', '--stage', 'mid']);
    const mid = json((await run(['report', '--cohort', '1', '--for-publication', '--json', '--db', fewer.db], { env })).stdout);
    expect(mid.outcomes[0].mid).toEqual({ n: '<5', mean: null });
  });

  it('text and Markdown: a compact table with means to 1 decimal, and the quotes without names', async () => {
    const { db } = await setUp(START, END);
    const text = (await run(['report', '--cohort', '1', '--db', db], { env })).stdout;
    const section = text.slice(text.indexOf('\nOutcomes\n'));
    expect(section).toContain('I understand the barriers BME colleagues face at work  mentees  2.0 (n 5)  -    4.0 (n 5)  +1.8 (n 4)');
    expect(section).toContain('"I joined late but it was worth it." (a mentor, at the end)');
    const md = (await run(['report', '--cohort', '1', '--format', 'markdown', '--db', db], { env })).stdout;
    expect(md).toContain('## Outcomes');
    expect(md).toContain('| I understand the barriers BME colleagues face at work | mentees | 2.0 (n 5) | - | 4.0 (n 5) | +1.8 (n 4) |');
    const none = await setUp();
    expect((await run(['report', '--cohort', '1', '--db', none.db], { env })).stdout).toContain('No outcome surveys imported yet');
  });

  it('HTML: a before/after chart per question and group, no script, the figures as in the JSON', async () => {
    const { dir, db } = await setUp(START, END);
    const out = join(dir, 'report.html');
    expect((await run(['report', '--cohort', '1', '--out', out, '--db', db], { env })).code).toBe(0);
    const html = readFileSync(out, 'utf8');
    const report = json((await run(['report', '--cohort', '1', '--json', '--db', db], { env })).stdout);
    const section = html.slice(html.indexOf('<section aria-labelledby="outcomes">'));
    expect([...section.matchAll(/<svg id="(chart-outcome-\d+)" class="chart"[^>]* role="img"/g)].map((m) => m[1])).toEqual(
      report.outcomes.map((_: unknown, k: number) => `chart-outcome-${k}`),
    );
    expect(section).not.toMatch(/<script|\ssrc=|\shref=/);
    for (const [, path, value] of section.matchAll(/data-metric="(outcomes\.[^"]+)">([^<]*)</g)) {
      const [, k, stage, key] = path.split('.');
      const figure = report.outcomes[Number(k)][stage];
      const expected = figure === null ? '-' : key === 'mean' ? (figure.mean === null ? '-' : figure.mean.toFixed(1)) : String(figure.n);
      expect(value, path).toBe(expected);
    }
    expect(section).toContain('<p>I joined late but it was worth it.</p><footer>- a mentor, at the end</footer></blockquote>');
  });
});

describe('privacy: forget and subject access', () => {
  it('export --staff writes their own answers; forget erases them', async () => {
    const { dir, db } = await setUp(START, END);
    const sar = await run(['export', join(dir, 'sar'), '--staff', 'chloe.adebayo@nhs.net', '--json', '--db', db], { env });
    expect(sar.code, sar.stderr).toBe(0);
    const answers = readFileSync(join(dir, 'sar', 'survey-answers.csv'), 'utf8')
      .trim()
      .split(/\r?\n/);
    expect(answers[0]).toBe('cohort,stage,question,staff_id,group,score,text,consent');
    expect(answers).toHaveLength(1 + 8);
    expect(answers).toContain('1,end,What changed for you?,10000023,mentors,,My director now knows my name and my ideas.,yes');
    expect(answers.every((line, i) => i === 0 || line.includes('10000023'))).toBe(true);

    expect((await run(['forget', '10000023', '--yes', '--db', db], { env })).code).toBe(0);
    const report = json((await run(['report', '--cohort', '1', '--json', '--db', db], { env })).stdout);
    expect(report.quotes).not.toContainEqual(expect.objectContaining({ text: 'My director now knows my name and my ideas.' }));
    expect(report.outcomes[1].start.n).toBe(4);
    const all = await run(['export', join(dir, 'all'), '--json', '--db', db], { env });
    expect(readFileSync(join(dir, 'all', 'survey-answers.csv'), 'utf8')).not.toMatch(/10000023|forgotten-/);
    expect(json(all.stdout).files.at(-1)).toEqual({ file: 'survey-answers.csv', rows: 35 + 39 - 8 });
  });
});

describe('the real binary', () => {
  it('survey import, list and delete end to end, with exit codes and streams', async () => {
    const { dir, db } = await setUp();
    const imported = remedi([...START, '--db', db], { env });
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toMatch(/^Imported the start survey of cohort 1 from start\.csv: 10 respondents \(5 mentees, 5 mentors\)/);
    const before = snapshotFolder(dir);
    const bad = remedi([...BAD, '--db', db], { env });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toMatch(/bad\.csv was not imported: 5 problems found/);
    expect(snapshotFolder(dir)).toEqual(before);
    const listed = remedi(['survey', 'list', '--json', '--db', db], { env });
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.stdout)).toHaveLength(1);
    const refused = remedi(['survey', 'delete', '--cohort', '1', '--stage', 'start', '--db', db], { env });
    expect(refused.code).toBe(2);
    const deleted = remedi(['survey', 'delete', '--cohort', '1', '--stage', 'start', '--yes', '--db', db], { env });
    expect(deleted.code, deleted.stderr).toBe(0);
    expect(deleted.stdout).toMatch(/^Deleted the start survey of cohort 1/);
    expect(remedi(['survey', '--help'], { env }).stdout).toMatch(
      /import \[options\] <file> +Import a stage.*\n +list \[options\] +List the imported surveys\n +delete \[options\] +Delete a stage imported by mistake\n/,
    );
  });
});
