/**
 * The interactive path of log-session, end to end through saving, with the prompts
 * module replaced (it is the only place that talks to a terminal).
 */
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Context } from '../../src/context.js';
import { runLogSession } from '../../src/commands/logSession.js';
import { makeChalk } from '../../src/ui/colour.js';
import { FIXTURES, remedi, tempDir } from '../helpers/cli.js';

const asked: string[] = [];
const answers = {
  relationship: 'Helen Marsh',
  date: '2026-03-10',
  minutes: 50,
  kind: 'reflective-discussion',
  level: 'organisation',
  themes: ['board visibility', 'Speaking  up'],
  mentors: null as string[] | null,
  lived: true,
  notes: 'Talked about the last board paper',
  save: true,
};

vi.mock('../../src/ui/prompts.js', () => ({
  askRelationship: vi.fn(async (choices: Array<{ id: number; label: string }>) => {
    asked.push('relationship');
    const found = choices.find((c) => c.label.includes(answers.relationship));
    if (!found) throw new Error(`no relationship labelled ${answers.relationship}`);
    return found.id;
  }),
  askDate: vi.fn(async (today: string, check: (raw: string) => string | null) => {
    asked.push('date');
    // The date prompt refuses a day in the future before accepting the answer.
    expect(check('2026-12-25')).toMatch(/in the future/);
    expect(check('31/02/2026')).toMatch(/Not a date/);
    expect(check(answers.date)).toBeNull();
    expect(today).toBe('2026-07-29');
    return answers.date;
  }),
  askMinutes: vi.fn(async () => (asked.push('minutes'), answers.minutes)),
  askKind: vi.fn(async () => (asked.push('kind'), answers.kind)),
  askLevel: vi.fn(async () => (asked.push('level'), answers.level)),
  askThemes: vi.fn(async (known: string[]) => {
    asked.push(`themes(${known.length} known)`);
    return answers.themes;
  }),
  askMentors: vi.fn(async (mentors: Array<{ staffId: string }>) => {
    asked.push('mentors');
    return answers.mentors ?? [mentors[0].staffId];
  }),
  askLivedExperience: vi.fn(async () => (asked.push('lived'), answers.lived)),
  askNotes: vi.fn(async () => (asked.push('notes'), answers.notes)),
  confirmSave: vi.fn(async (summary: string) => {
    asked.push(`confirm: ${summary}`);
    return answers.save;
  }),
  confirmDelete: vi.fn(async () => false),
}));

function terminalContext(db: string): { context: Context; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const chalk = makeChalk({ isTTY: false });
  return {
    out,
    err,
    context: {
      out: (text) => out.push(text),
      err: (text) => err.push(text),
      colour: { out: chalk, err: chalk },
      env: { REMEDI_DB: db },
      cwd: process.cwd(),
      today: '2026-07-29',
      interactive: true,
    },
  };
}

function setUp(): string {
  const db = join(tempDir(), 'remedi.db');
  const env = { REMEDI_TODAY: '2026-07-29' };
  expect(remedi(['cohort', 'create', '1', '--start', '2026-01-05', '--end', '2026-09-30', '--db', db], { env }).code).toBe(0);
  expect(remedi(['import', join(FIXTURES, 'roster.csv'), '--cohort', '1', '--db', db], { env }).code).toBe(0);
  expect(remedi(['pair', '--trios', '--save', '--start', '2026-01-05', '--db', db], { env }).code).toBe(0);
  return db;
}

describe('log-session at a terminal', () => {
  beforeEach(() => {
    asked.length = 0;
    answers.save = true;
  });

  it('asks for everything missing, shows the answers, and saves after confirmation', async () => {
    const db = setUp();
    const { context, out } = terminalContext(db);
    const saved = await runLogSession({}, context);
    expect(asked.slice(0, 9)).toEqual(['relationship', 'date', 'minutes', 'kind', 'level', 'themes(0 known)', 'mentors', 'lived', 'notes']);
    expect(asked[9]).toMatch(/^confirm: 10 Mar 2026, 50 minutes, reflective discussion of attitudes at organisation level, for #\d+ Helen Marsh with /);
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

    const listed = JSON.parse(remedi(['sessions', 'list', '--json', '--db', db]).stdout);
    expect(listed).toHaveLength(1);
    expect(listed[0].id).toBe(saved.id);
  });

  it('asks only for what the flags did not answer, and suggests themes already used', async () => {
    const db = setUp();
    await runLogSession({}, terminalContext(db).context);
    asked.length = 0;
    const { context } = terminalContext(db);
    const saved = await runLogSession({ date: '2026-03-17', minutes: 30, kind: 'one-to-one' }, context);
    expect(asked.slice(0, 5)).toEqual(['relationship', 'level', 'themes(2 known)', 'mentors', 'lived']);
    expect(saved.date).toBe('2026-03-17');
  });

  it('saves nothing when the administrator says no at the confirmation', async () => {
    const db = setUp();
    answers.save = false;
    const { context } = terminalContext(db);
    await expect(runLogSession({}, context)).rejects.toThrow(/chose not to save/);
    expect(JSON.parse(remedi(['sessions', 'list', '--json', '--db', db]).stdout)).toEqual([]);
  });

  it('never prompts with --json, even at a terminal: missing flags are a usage error', async () => {
    const db = setUp();
    const { context } = terminalContext(db);
    await expect(runLogSession({ json: true, pair: 1 }, context)).rejects.toThrow(/Missing --date, --minutes, --kind, --level/);
    expect(asked).toEqual([]);
  });
});
