/**
 * import-sessions reads a large file in a worker thread (io/tableWorker.ts). The real built
 * binary is run both ways on the same files (REMEDI_IMPORT_WORKER=always / never), and must
 * answer alike: exit code, stdout, stderr and every row it leaves in the database.
 */
import { copyFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { decodeSessionRows, sessionRowPacker } from '../../src/commands/sessions/sessionRowBatches.js';
import { KINDS, LEVELS } from '../../src/domain/sessions.js';
import type { SessionRow } from '../../src/domain/sessionRows.js';
import { sessionRow } from '../helpers/sessionRow.js';
import { FIXTURES, remedi, tempDir } from '../helpers/cli.js';
import { run as inProcess } from '../helpers/inProcess.js';

const TODAY = { REMEDI_TODAY: '2026-07-29' };

/** The fixture roster paired in trios in cohort 1, as a database file to start each run from. */
async function baseDatabase(
  dir: string,
): Promise<{ base: string; pairs: Array<{ id: number; mentee: { staffId: string }; mentors: Array<{ staffId: string }> }> }> {
  const base = join(dir, 'base.db');
  const run = (args: string[]) => inProcess(args, { env: TODAY });
  expect((await run(['cohort', 'create', '1', '--start', '2026-01-05', '--end', '2026-09-30', '--db', base])).code).toBe(0);
  expect((await run(['import', join(FIXTURES, 'roster.csv'), '--cohort', '1', '--db', base])).code).toBe(0);
  expect((await run(['pair', '--trios', '--save', '--start', '2026-01-05', '--db', base])).code).toBe(0);
  const pairs = JSON.parse((await run(['pair', 'list', '--json', '--db', base])).stdout);
  // One log-session, so that a row of the file can repeat one already recorded.
  expect(
    (
      await run([
        'log-session',
        '--pair',
        String(pairs[0].id),
        '--date',
        '2026-02-02',
        '--minutes',
        '30',
        '--kind',
        'one-to-one',
        '--level',
        'team',
        '--db',
        base,
      ])
    ).code,
  ).toBe(0);
  return { base, pairs };
}

/** Everything import-sessions may write, in order. */
function contents(db: string): unknown {
  const read = new Database(db, { readonly: true });
  try {
    // session_mentors and session_themes have no rowid (schemas 8 and 9): their rows in the order of their key.
    const keyOf: Record<string, string> = { session_mentors: 'session_id, mentor_id', session_themes: 'session_id, theme_id' };
    return ['sessions', 'session_mentors', 'session_themes', 'themes', 'sqlite_sequence'].map((table) =>
      read
        .prepare(`SELECT * FROM ${table} ORDER BY ${keyOf[table] ?? 'rowid'}`)
        .raw()
        .all(),
    );
  } finally {
    read.close();
  }
}

/** Runs import-sessions both ways from a fresh copy of `base` (the same path each time, as messages name it). */
function bothWays(dir: string, base: string, file: string, ...flags: string[]) {
  const db = join(dir, 'run.db');
  const outcome = (mode: string) => {
    copyFileSync(base, db);
    const result = remedi(['import-sessions', file, '--db', db, ...flags], { env: { ...TODAY, REMEDI_IMPORT_WORKER: mode } });
    return { ...result, contents: contents(db) };
  };
  const here = outcome('never');
  const worker = outcome('always');
  expect(worker).toEqual(here);
  return here;
}

describe('import-sessions read in a worker thread', () => {
  it('gives what reading in-process gives for every fixture session log, good and bad, with and without --skip-duplicates, --dry-run and --json', async () => {
    const dir = tempDir();
    const { base } = await baseDatabase(dir);
    const files = [
      join(FIXTURES, 'sessions.csv'),
      join(FIXTURES, 'sessions-form-export.csv'),
      join(FIXTURES, 'sessions.xlsx'),
      ...readdirSync(join(FIXTURES, 'bad-sessions'))
        .filter((name) => name.endsWith('.csv'))
        .map((name) => join(FIXTURES, 'bad-sessions', name)),
    ];
    let refused = 0;
    for (const file of files) {
      // The good files with each flag that changes what is written or said; the bad ones are refused whatever the flags.
      const flagSets = file.includes('bad-sessions') ? [[]] : [[], ['--skip-duplicates', '--json'], ['--dry-run']];
      for (const flags of flagSets) {
        if (bothWays(dir, base, file, ...flags).code !== 0) refused += 1;
      }
    }
    expect(refused).toBeGreaterThan(0);
  }, 300_000);

  it('gives what reading in-process gives on random files of good rows, refused cells, duplicates and broken CSV', async () => {
    const dir = tempDir();
    const { base, pairs } = await baseDatabase(dir);
    let seed = 15;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
    const outcomes = new Set<number>();
    for (let round = 0; round < 6; round += 1) {
      const rows = ['pair_id,mentee_id,date,minutes,kind,level,themes,lived_experience,mentors,notes'];
      // Past one batch (1,024 rows), so rows cross batches and backpressure is met.
      const count = 1100 + Math.floor(random() * 1000);
      const faulty = round % 4;
      for (let n = 0; n < count; n += 1) {
        const pair = pick(pairs);
        const byMentee = random() < 0.3;
        const day = 5 + Math.floor(random() * 170);
        const date = new Date(Date.UTC(2026, 0, day)).toISOString().slice(0, 10);
        const mentors = random() < 0.5 ? '' : pick([pair.mentors[0].staffId, pair.mentors.map((m) => m.staffId).join(';')]);
        const notes = random() < 0.2 ? '"Talked, at length, about ""panels"""' : '';
        let minutes = String(15 * (1 + Math.floor(random() * 6)));
        if (faulty === 1 && random() < 0.002) minutes = 'ninety';
        const mentorsCell = faulty === 1 && random() < 0.002 ? '99999999' : mentors;
        rows.push(
          [
            byMentee ? '' : pair.id,
            byMentee ? pair.mentee.staffId : '',
            date,
            minutes,
            pick(['one-to-one', 'Shadowing', 'networking', 'critical friend']),
            pick(['team', 'Individual', 'system']),
            pick(['', 'Allyship; flexible working', 'Belonging', 'speaking up;Belonging']),
            pick(['yes', 'no', 'Y']),
            mentorsCell,
            notes,
          ].join(','),
        );
      }
      if (faulty === 2) rows.splice(1 + Math.floor(random() * count), 0, '1,,2026-02-0"3,45,one-to-one,team,,no,,');
      if (faulty === 3) rows.push(`${pairs[0].id},,2026-02-02,30,one-to-one,team,,no,,`);
      const file = join(dir, `random-${round}.csv`);
      writeFileSync(file, `${rows.join('\r\n')}\r\n`);
      for (const flags of [[], ['--skip-duplicates']]) outcomes.add(bothWays(dir, base, file, ...flags).code ?? -1);
    }
    // Both imports and refusals were compared.
    expect([...outcomes].sort()).toEqual([0, 1]);
  }, 300_000);
});

describe('import-sessions of a file long enough that the worker gets ahead', () => {
  it('gives what reading in-process gives while the worker fills the filter of sessions held (heldSessionKeys.ts): sessions held, repeated in the file, and new', async () => {
    const dir = tempDir();
    const { base, pairs } = await baseDatabase(dir);
    // First, sessions on every other day for every pair, so that the database holds many.
    const rows = (from: number, days: number, step: number) => {
      const lines = ['pair_id,date,minutes,kind,level,themes,lived_experience'];
      for (const pair of pairs)
        for (let day = from; day < from + days; day += step) {
          const date = new Date(Date.UTC(2026, 0, 5 + day)).toISOString().slice(0, 10);
          for (const kind of KINDS) lines.push([pair.id, date, 45, kind, 'team', 'Belonging', 'no'].join(','));
        }
      return `${lines.join('\n')}\n`;
    };
    writeFileSync(join(dir, 'held.csv'), rows(0, 200, 2));
    const held = remedi(['import-sessions', join(dir, 'held.csv'), '--db', base, '--skip-duplicates'], { env: TODAY });
    expect(held.code).toBe(0);
    // Then every day: half of it held, every row past one batch's worth repeated later in the file.
    const file = join(dir, 'more.csv');
    const more = rows(0, 200, 1);
    writeFileSync(file, more + more.slice(more.indexOf('\n') + 1));
    expect(more.split('\n').length).toBeGreaterThan(10 * 1024);
    for (const flags of [['--skip-duplicates', '--json'], []]) bothWays(dir, base, file, ...flags);
  }, 300_000);
});

describe('session rows packed for the hand-over', () => {
  const columns = {
    pair: 'column A (pair_id)',
    date: 'column C (date)',
    minutes: 'column D (minutes)',
    mentors: '(no mentors column: every mentor)',
    themes: null,
  };
  const other = { ...columns, mentee: 'column B (mentee)' };
  const row = (line: number, fields: Partial<SessionRow> = {}): SessionRow => sessionRow({ line, pairId: 7, date: '2026-03-01', columns, ...fields });

  /** The rows through the packer, batches of `batch`, each moved as the worker posts it (structured clone with its buffers moved). */
  function throughPacker(rows: readonly SessionRow[], batch = 1024): SessionRow[] {
    const packer = sessionRowPacker();
    const back: SessionRow[] = [];
    for (let at = 0; at < rows.length; at += batch) {
      const part = rows.slice(at, at + batch);
      for (const r of part) packer.add(r);
      const values: unknown[] = [];
      const moved = packer.seal(values);
      const received = structuredClone(values, { transfer: moved });
      // Moved, not copied: the worker's buffer is empty after the post.
      for (const buffer of moved) expect(buffer.byteLength).toBe(0);
      decodeSessionRows(received, part.length, (r) => back.push(r));
    }
    return back;
  }

  it.each<[string, SessionRow[]]>([
    ['a plain row', [row(2)]],
    ['no pair_id, a mentee_id', [row(2, { pairId: null, menteeId: '10000012' })]],
    ['pair_id 0 and one past 2^32', [row(2, { pairId: 0 }), row(3, { pairId: 2 ** 32 + 5 })]],
    ['a mentee and a respondent by name and email', [row(2, { pairId: null, mentee: 'Ada Obi', respondent: 'chidi.eze@nhs.net', columns: other })]],
    ['every kind and level', KINDS.map((kind, n) => row(n + 2, { kind, level: LEVELS[n % LEVELS.length] }))],
    ['lived experience, minutes at both ends', [row(2, { livedExperience: true, minutes: 1 }), row(3, { minutes: 600 })]],
    [
      'mentors not stated, none, one and several (a text repeated across fields)',
      [
        row(2, { mentors: null }),
        row(3, { mentors: [] }),
        row(4, { mentors: ['10000002'] }),
        row(5, { mentors: ['10000002', 'Ada Obi', '2026-03-01'], menteeId: '10000002' }),
      ],
    ],
    ['notes, empty of quotes and with them', [row(2, { notes: 'a note, with "quotes"' }), row(3, { notes: '' })]],
    [
      'theme lists: shared, differing only in a label, and ones whose joined texts would read alike',
      [
        row(2, { themes: [{ key: 'belonging', label: 'Belonging' }] }),
        row(3, { themes: [{ key: 'belonging', label: 'belonging' }] }),
        row(4, { themes: [{ key: 'belonging', label: 'Belonging' }] }),
        row(5, { themes: [{ key: 'a1:b', label: 'c' }] }),
        row(6, { themes: [{ key: 'a', label: 'b1:c' }] }),
        row(7, {
          themes: [
            { key: 'a', label: 'b' },
            { key: 'c', label: 'd' },
          ],
        }),
      ],
    ],
    ['columns changing between rows and back', [row(2), row(3, { columns: other }), row(4), row(5, { columns: { ...other } })]],
  ])('%s come back as they were', (_, rows) => {
    const back = throughPacker(rows);
    expect(back).toEqual(rows);
    // Each row has its own theme and mentor arrays, as parseSessionRecord gives them.
    for (let n = 1; n < back.length; n += 1) expect(back[n].themes).not.toBe(back[n - 1].themes);
  });

  it('come back as they were across batches, whatever they hold', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 69069 + 1) % 2 ** 32;
      return seed / 2 ** 32;
    };
    const rows: SessionRow[] = Array.from({ length: 3000 }, (_, n) =>
      row(n + 2, {
        pairId: random() < 0.5 ? null : Math.floor(random() * 1000),
        menteeId: random() < 0.5 ? null : `1000${n}`,
        ...(random() < 0.3 ? { mentee: `Person ${n}` } : {}),
        ...(random() < 0.3 ? { respondent: `p${n}@nhs.net` } : {}),
        date: `2026-03-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`,
        minutes: 1 + Math.floor(random() * 600),
        kind: KINDS[Math.floor(random() * KINDS.length)],
        level: LEVELS[Math.floor(random() * LEVELS.length)],
        themes: Array.from({ length: Math.floor(random() * 3) }, (_, t) => ({ key: `theme ${t}`, label: `Theme ${t}` })),
        livedExperience: random() < 0.5,
        mentors: random() < 0.4 ? null : Array.from({ length: Math.floor(random() * 3) }, (_, m) => `m${m}`),
        notes: random() < 0.5 ? null : `a note, with "quotes" ${Math.floor(random() * 10)}`,
        columns: n % 1000 < 500 ? columns : other,
      }),
    );
    for (const batch of [1, 7, 1024]) expect(throughPacker(rows, batch)).toEqual(rows);
  });
});
