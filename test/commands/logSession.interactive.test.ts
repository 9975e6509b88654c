/**
 * The interactive path of log-session, end to end through saving, with the questions
 * answered through the Context's prompt seam (Context.prompts), in place of ui/prompts.ts,
 * the only place that talks to a terminal. The relationship search keeps the real
 * matching (matchingChoices), so what it finds is what a user finds.
 */
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Context } from '../../src/cli/context.js';
import { runLogSession } from '../../src/commands/sessions/logSession.js';
import { makeChalk } from '../../src/ui/colour.js';
import type { Kind, Level } from '../../src/domain/sessions.js';
import { matchingChoices, type Prompts, type RelationshipChoice, type SaveChoice } from '../../src/ui/prompts.js';
import { FIXTURES, tempDir } from '../helpers/cli.js';
import { outputText, run } from '../helpers/inProcess.js';
import { asFlags } from '../helpers/flags.js';

/** What each prompt answers when the test has not queued anything else. */
const DEFAULTS = {
  relationship: 'Helen Marsh',
  date: '2026-03-10',
  kind: 'reflective-discussion',
  recordAnyway: false,
  minutes: 50,
  level: 'organisation',
  themes: ['board visibility', 'Speaking  up'] as string[],
  mentors: null as string[] | null,
  lived: true,
  notes: 'Talked about the last board paper',
  save: 'save',
  change: 'minutes',
};
type PromptName = keyof typeof DEFAULTS;

/** Each prompt as it was asked, in order, with what it offered. */
const asked: Array<{ prompt: string; offered?: unknown }> = [];
/** Answers for the next times a prompt is asked, first one first. */
const queued: Record<string, unknown[]> = {};
const seen = { choices: [] as RelationshipChoice[], dateCheck: null as ((raw: string) => string | null) | null };

function answer<K extends PromptName>(name: K): (typeof DEFAULTS)[K] {
  const queue = queued[name];
  return (queue && queue.length > 0 ? queue.shift() : DEFAULTS[name]) as (typeof DEFAULTS)[K];
}
const names = () => asked.map((a) => a.prompt);

/** The prompt seam (Context.prompts): answers from DEFAULTS and the queue, each question noted in `asked`. */
const prompts: Prompts = {
  askRelationship: async (choices) => {
    asked.push({ prompt: 'relationship' });
    seen.choices = [...choices];
    const term = answer('relationship');
    const found = matchingChoices(choices, term)[0];
    if (!found) throw new Error(`nothing matches ${term}`);
    return found.id;
  },
  askDate: async (offered, check) => {
    asked.push({ prompt: 'date', offered });
    seen.dateCheck = check;
    const date = answer('date');
    expect(check(date)).toBeNull();
    return date;
  },
  askKind: async (current) => (asked.push({ prompt: 'kind', offered: current }), answer('kind') as Kind),
  askRecordAnyway: async (already) => (asked.push({ prompt: 'recordAnyway', offered: already }), answer('recordAnyway')),
  askMinutes: async (current) => (asked.push({ prompt: 'minutes', offered: current }), answer('minutes')),
  askLevel: async (current) => (asked.push({ prompt: 'level', offered: current }), answer('level') as Level),
  askThemes: async (known, current) => {
    asked.push({ prompt: `themes(${known.length} known)`, offered: current });
    return answer('themes');
  },
  askMentors: async (mentors) => {
    asked.push({ prompt: 'mentors' });
    return answer('mentors') ?? [mentors[0].staffId];
  },
  askLivedExperience: async () => (asked.push({ prompt: 'lived' }), answer('lived')),
  askNotes: async () => (asked.push({ prompt: 'notes' }), answer('notes')),
  confirmSave: async () => (asked.push({ prompt: 'confirm' }), answer('save') as SaveChoice),
  askAnswerToChange: async <T extends string>(answers: ReadonlyArray<{ value: T; name: string }>) => {
    asked.push({ prompt: 'change', offered: answers.map((a) => a.name) });
    return answer('change') as T;
  },
  confirmDelete: async () => false,
  confirmForget: async () => false,
};

function terminalContext(db: string, today = '2026-07-29'): { context: Context; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const chalk = makeChalk({ isTTY: false });
  return {
    out,
    err,
    context: {
      out: (data) => out.push(outputText(data)),
      err: (text) => err.push(text),
      colour: { out: chalk, err: chalk },
      env: { REMEDI_DB: db },
      cwd: process.cwd(),
      today,
      interactive: true,
      prompts,
    },
  };
}

/**
 * The fixture roster in trios, cohort 1 (5 Jan to 30 Sep 2026). Paired before the cohort
 * starts, so every relationship starts on 5 Jan.
 */
async function setUp(): Promise<string> {
  const db = join(tempDir(), 'remedi.db');
  const env = { REMEDI_TODAY: '2026-01-02' };
  expect((await run(['cohort', 'create', '1', '--start', '2026-01-05', '--end', '2026-09-30', '--db', db], { env })).code).toBe(0);
  expect((await run(['import', join(FIXTURES, 'roster.csv'), '--cohort', '1', '--db', db], { env })).code).toBe(0);
  expect((await run(['pair', '--trios', '--save', '--start', '2026-01-05', '--db', db], { env })).code).toBe(0);
  return db;
}

const TODAY = { env: { REMEDI_TODAY: '2026-07-29' } };
const sessionsIn = async (db: string) =>
  JSON.parse((await run(['sessions', 'list', '--json', '--db', db], TODAY)).stdout) as Array<{
    id: number;
    pairId: number;
    date: string;
    kind: string;
    minutes: number;
  }>;
const pairs = async (db: string) =>
  JSON.parse((await run(['pair', 'list', '--json', '--db', db], TODAY)).stdout) as Array<{ id: number; mentee: { name: string } }>;
const pairOf = async (db: string, mentee: string) => (await pairs(db)).find((p) => p.mentee.name === mentee)!.id;

describe('log-session at a terminal', () => {
  beforeEach(() => {
    asked.length = 0;
    for (const key of Object.keys(queued)) delete queued[key];
  });

  it('asks for everything missing (date and kind first), shows the answers, and saves when told to', async () => {
    const db = await setUp();
    const { context, out, err } = terminalContext(db);
    const saved = await runLogSession(asFlags({}), context);
    expect(names()).toEqual(['relationship', 'date', 'kind', 'minutes', 'level', 'themes(0 known)', 'mentors', 'lived', 'notes', 'confirm']);
    // A running relationship: today is offered, and the date prompt refuses bad days before accepting.
    expect(asked[1].offered).toBe('2026-07-29');
    expect(seen.dateCheck!('2026-12-25')).toMatch(/in the future/);
    expect(seen.dateCheck!('31/02/2026')).toMatch(/Not a date/);
    expect(err.join('')).toMatch(/\n10 Mar 2026, 50 minutes, reflective discussion of attitudes at organisation level, for #\d+ Helen Marsh with /);
    expect(saved).toMatchObject({
      date: '2026-03-10',
      minutes: 50,
      kind: 'reflective-discussion',
      level: 'organisation',
      themes: ['board visibility', 'Speaking up'],
      livedExperience: true,
      notes: 'Talked about the last board paper',
    });
    expect(saved.mentors).toHaveLength(1);
    expect(out.join('')).toMatch(/^Recorded session #\d+/);
    expect((await sessionsIn(db)).map((s) => s.id)).toEqual([saved.id]);
  });

  it('asks only for what the flags did not answer, and suggests themes already used', async () => {
    const db = await setUp();
    await runLogSession(asFlags({}), terminalContext(db).context);
    asked.length = 0;
    const saved = await runLogSession(asFlags({ date: '2026-03-17', minutes: 30, kind: 'one-to-one' }), terminalContext(db).context);
    expect(names()).toEqual(['relationship', 'level', 'themes(2 known)', 'mentors', 'lived', 'notes', 'confirm']);
    expect(saved.date).toBe('2026-03-17');
  });

  it('refuses a wrong flag before the first question about the session', async () => {
    const db = await setUp();
    await expect(runLogSession(asFlags({ date: '2026-12-25' }), terminalContext(db).context)).rejects.toThrow(/Not saved: 25 Dec 2026 is in the future/);
    expect(names()).toEqual(['relationship']);
    expect(await sessionsIn(db)).toEqual([]);
  });

  it('finds a duplicate as soon as the date and kind are known; "record it anyway" saves a second one', async () => {
    const db = await setUp();
    const pair = await pairOf(db, 'Helen Marsh');
    expect(
      (
        await run(
          ['log-session', '--pair', String(pair), '--date', '2026-03-12', '--minutes', '45', '--kind', 'one-to-one', '--level', 'team', '--db', db],
          TODAY,
        )
      ).code,
    ).toBe(0);
    queued.date = ['2026-03-12'];
    queued.kind = ['one-to-one'];
    queued.recordAnyway = [true];
    const saved = await runLogSession(asFlags({}), terminalContext(db).context);
    expect(names().slice(0, 5)).toEqual(['relationship', 'date', 'kind', 'recordAnyway', 'minutes']);
    expect(asked[3].offered).toBe(`A one-to-one session on 12 Mar 2026 is already recorded for #${pair}.`);
    expect(saved).toMatchObject({ pairId: pair, date: '2026-03-12', kind: 'one-to-one' });
    expect((await sessionsIn(db)).filter((s) => s.date === '2026-03-12' && s.kind === 'one-to-one')).toHaveLength(2);
  });

  it('"no" to recording a duplicate asks the date and kind again, offering what was given', async () => {
    const db = await setUp();
    const pair = await pairOf(db, 'Helen Marsh');
    expect(
      (
        await run(
          ['log-session', '--pair', String(pair), '--date', '2026-03-12', '--minutes', '45', '--kind', 'one-to-one', '--level', 'team', '--db', db],
          TODAY,
        )
      ).code,
    ).toBe(0);
    queued.date = ['2026-03-12', '2026-03-13'];
    queued.kind = ['one-to-one', 'one-to-one'];
    const { context, err } = terminalContext(db);
    const saved = await runLogSession(asFlags({}), context);
    expect(names().slice(0, 7)).toEqual(['relationship', 'date', 'kind', 'recordAnyway', 'date', 'kind', 'minutes']);
    expect(asked[4].offered).toBe('2026-03-12');
    expect(asked[5].offered).toBe('one-to-one');
    expect(err.join('')).toContain('give the date and kind again');
    expect(saved.date).toBe('2026-03-13');
    expect((await sessionsIn(db)).map((s) => s.date)).toEqual(['2026-03-12', '2026-03-13']);
  });

  it('without a terminal a duplicate is still refused unless --force', async () => {
    const db = await setUp();
    const pair = await pairOf(db, 'Helen Marsh');
    const flags = { pair, date: '2026-03-12', minutes: 45, kind: 'one-to-one', level: 'team' };
    await runLogSession(asFlags(flags), terminalContext(db).context);
    // Every required flag given: nothing is asked, even at a terminal.
    await expect(runLogSession(asFlags(flags), terminalContext(db).context)).rejects.toThrow(/already recorded for relationship #\d+ \(add --force/);
    await runLogSession(asFlags({ ...flags, force: true }), terminalContext(db).context);
    expect(asked).toEqual([]);
    expect(await sessionsIn(db)).toHaveLength(2);
  });

  it('"Change an answer" asks that one again, shows the summary again, and saves the changed value', async () => {
    const db = await setUp();
    queued.save = ['change', 'save'];
    queued.change = ['minutes'];
    queued.minutes = [50, 75];
    const { context, err } = terminalContext(db);
    const saved = await runLogSession(asFlags({}), context);
    expect(names().slice(-4)).toEqual(['confirm', 'change', 'minutes', 'confirm']);
    const change = asked.find((a) => a.prompt === 'change')!;
    expect(change.offered).toEqual([
      'Date: 10 Mar 2026',
      'Minutes: 50',
      'Kind: reflective discussion of attitudes',
      'Level: organisation',
      'Themes: board visibility; Speaking up',
      expect.stringMatching(/^Mentors: \S+ \S+$/),
      'Lived experience: yes',
      'Notes: Talked about the last board paper',
    ]);
    expect(asked.filter((a) => a.prompt === 'minutes').map((a) => a.offered)).toEqual([undefined, 50]);
    expect(err.join('')).toMatch(/10 Mar 2026, 50 minutes[^\n]*\n[\s\S]*10 Mar 2026, 75 minutes/);
    expect(saved.minutes).toBe(75);
    expect((await sessionsIn(db)).map((s) => s.minutes)).toEqual([75]);
  });

  it('changing the date to a day already recorded asks "record it anyway?" again', async () => {
    const db = await setUp();
    const pair = await pairOf(db, 'Helen Marsh');
    expect(
      (
        await run(
          ['log-session', '--pair', String(pair), '--date', '2026-03-12', '--minutes', '45', '--kind', 'one-to-one', '--level', 'team', '--db', db],
          TODAY,
        )
      ).code,
    ).toBe(0);
    queued.kind = ['one-to-one'];
    queued.save = ['change', 'save'];
    queued.change = ['date'];
    queued.date = ['2026-03-10', '2026-03-12'];
    queued.recordAnyway = [true];
    const saved = await runLogSession(asFlags({}), terminalContext(db).context);
    expect(names().slice(-4)).toEqual(['change', 'date', 'recordAnyway', 'confirm']);
    expect(asked.filter((a) => a.prompt === 'date').map((a) => a.offered)).toEqual(['2026-07-29', '2026-03-10']);
    expect(saved.date).toBe('2026-03-12');
  });

  it('saves nothing when the administrator cancels at the summary', async () => {
    const db = await setUp();
    queued.save = ['cancel'];
    await expect(runLogSession(asFlags({}), terminalContext(db).context)).rejects.toThrow(/^Not saved: you chose not to save the session/);
    expect(await sessionsIn(db)).toEqual([]);
  });

  it('the search ignores accents and case, and finds staff ids, emails and departments', async () => {
    const db = await setUp();
    queued.relationship = ['siobhan'];
    const saved = await runLogSession(asFlags({}), terminalContext(db).context);
    expect(saved.pairId).toBe(await pairOf(db, 'Siobhán Kelly'));

    const found = (term: string) => matchingChoices(seen.choices, term).map((choice) => choice.label.replace(/^#\d+ /, '').replace(/ with .*/, ''));
    expect(found('SIOBHAN kelly')).toEqual(['Siobhán Kelly']);
    expect(found('siobhán')).toEqual(['Siobhán Kelly']);
    expect(found('Helen.Marsh@NHS.net')).toEqual(['Helen Marsh']);
    // 10000034 is Tendai Moyo, a mentor of Margaret Ellison; Adaeze Okonkwo (Theatres) mentors Helen Marsh.
    expect(found('10000034')).toEqual(['Margaret Ellison']);
    expect(found('theatres')).toEqual(['Helen Marsh']);
    expect(found('emergency medicine')).toEqual(expect.arrayContaining(['Margaret Ellison', 'Helen Marsh', 'Tomasz Nowak', 'James Thornton']));
    // What the search reads is never shown.
    expect(seen.choices.every((choice) => !choice.label.includes('@'))).toBe(true);
  });

  it('lists running relationships first and marks ended ones; an ended one offers its end as the date', async () => {
    const db = await setUp();
    const helen = await pairOf(db, 'Helen Marsh');
    expect((await run(['pair', 'end', String(helen), '--on', '2026-04-30', '--db', db], TODAY)).code).toBe(0);
    queued.relationship = ['chloe adebayo'];
    queued.date = ['2026-04-30'];
    await expect(runLogSession(asFlags({}), terminalContext(db).context)).resolves.toBeDefined();
    const labels = seen.choices.map((choice) => choice.label);
    expect(labels.at(-1)).toMatch(new RegExp(`^#${helen} Helen Marsh with .* \\(ended 30 Apr 2026\\)$`));
    expect(labels.slice(0, -1).every((label) => !label.includes('ended'))).toBe(true);
    // Chloe Adebayo mentors Tomasz Nowak (running) and Helen Marsh (ended): the running one comes first.
    expect(matchingChoices(seen.choices, 'chloe adebayo').map((choice) => choice.id)).toEqual([await pairOf(db, 'Tomasz Nowak'), helen]);

    asked.length = 0;
    queued.relationship = ['Helen Marsh'];
    queued.date = ['2026-04-30'];
    queued.kind = ['one-to-one'];
    const saved = await runLogSession(asFlags({}), terminalContext(db).context);
    expect(asked.find((a) => a.prompt === 'date')!.offered).toBe('2026-04-30');
    expect(saved).toMatchObject({ pairId: helen, date: '2026-04-30' });
  });

  it('after the cohort has ended, every relationship is marked ended and its end is the date offered', async () => {
    const db = await setUp();
    queued.date = ['2026-09-30'];
    await runLogSession(asFlags({}), terminalContext(db, '2026-11-02').context);
    expect(seen.choices.every((choice) => choice.label.endsWith('(ended 30 Sep 2026)'))).toBe(true);
    expect(asked.find((a) => a.prompt === 'date')!.offered).toBe('2026-09-30');
  });

  it('before any relationship has started there is nothing to choose, and it says when the first starts', async () => {
    const db = await setUp();
    await expect(runLogSession(asFlags({}), terminalContext(db, '2026-01-03').context)).rejects.toThrow(
      'No relationship has started yet, so there is no session to record: the first starts on 5 Jan 2026.',
    );
    await expect(runLogSession(asFlags({ pair: 1 }), terminalContext(db, '2026-01-03').context)).rejects.toThrow(
      'Relationship #1 starts on 5 Jan 2026: there is no session to record for it yet.',
    );
    expect(asked).toEqual([]);
  });

  it('never prompts with --json, even at a terminal: missing flags are a usage error', async () => {
    const db = await setUp();
    await expect(runLogSession(asFlags({ json: true, pair: 1 }), terminalContext(db).context)).rejects.toThrow(/Missing --date, --minutes, --kind, --level/);
    expect(asked).toEqual([]);
  });
});
