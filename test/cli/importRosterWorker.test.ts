/**
 * The roster import reads a large file in a worker thread (commands/roster/importRosterWorker.ts):
 * into an empty staff table the worker also checks and plans every row, otherwise it only splits
 * the file. The real built binary is run both ways on the same files (REMEDI_IMPORT_WORKER=always
 * / never), and must answer alike: exit code, stdout, stderr (every problem with its line and
 * column), the --problems file and every row it leaves in the database.
 */
import { copyFileSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { eachAddedPerson, encodeAddedPerson } from '../../src/commands/roster/rosterBatches.js';
import type { StaffRecord } from '../../src/domain/staff.js';
import { STAFF_INSERT_WIDTH, staffInsertValues } from '../../src/store/staff.js';
import { FIXTURES, remedi, tempDir } from '../helpers/cli.js';
import { run as inProcess } from '../helpers/inProcess.js';
import { mulberry32 } from '../helpers/random.js';

const TODAY = { REMEDI_TODAY: '2026-03-15' };

/** Every table, every row, in order: what an import leaves. */
function contents(db: string): unknown {
  if (!existsSync(db)) return null;
  const read = new Database(db, { readonly: true });
  try {
    const tables = read.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as Array<{ name: string; sql: string }>;
    const indexes = read.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name").all();
    // A table WITHOUT ROWID is read in its key's order.
    const rows = (name: string, sql: string) =>
      read
        .prepare(`SELECT * FROM "${name}"${/WITHOUT ROWID/i.test(sql) ? '' : ' ORDER BY rowid'}`)
        .raw()
        .all();
    return { indexes, tables: tables.map(({ name, sql }) => ({ sql, rows: rows(name, sql) })) };
  } finally {
    read.close();
  }
}

/**
 * Runs `remedi import file` both ways, each from a fresh copy of `base` (or no database at all
 * when null), at the same path each time, as messages name it.
 */
function bothWays(dir: string, base: string | null, file: string, ...flags: string[]) {
  const db = join(dir, 'run.db');
  const problems = join(dir, 'problems.csv');
  const outcome = (mode: string) => {
    for (const path of [db, `${db}-wal`, `${db}-shm`, problems]) rmSync(path, { force: true });
    if (base !== null) copyFileSync(base, db);
    const result = remedi(['import', file, '--db', db, '--problems', problems, ...flags], { env: { ...TODAY, REMEDI_IMPORT_WORKER: mode } });
    return { ...result, problems: existsSync(problems) ? readFileSync(problems, 'utf8') : null, contents: contents(db) };
  };
  const here = outcome('never');
  const worker = outcome('always');
  expect(worker).toEqual(here);
  return here;
}

/** Every roster among the fixtures, good and bad. */
const ROSTERS = [
  ...readdirSync(FIXTURES)
    .filter((name) => /^(roster.*|esr-export\.csv)$/.test(name))
    .map((name) => join(FIXTURES, name)),
  ...['esr-2026-01.csv', 'esr-2026-01.xlsx', 'esr-2026-04.csv'].map((name) => join(FIXTURES, 'year', name)),
  ...readdirSync(join(FIXTURES, 'bad'))
    .filter((name) => name !== 'README.md')
    .map((name) => join(FIXTURES, 'bad', name)),
];

/** Databases to import into: none, one with a cohort and nobody yet, one holding the fixture roster, one where someone was forgotten. */
async function databases(dir: string): Promise<Record<string, string | null>> {
  const run = async (args: string[], db: string) => expect((await inProcess([...args, '--db', db], { env: TODAY })).code).toBe(0);
  const cohort = join(dir, 'cohort.db');
  await run(['cohort', 'create', '1', '--start', '2026-01-05', '--end', '2026-09-30'], cohort);
  const held = join(dir, 'held.db');
  await run(['cohort', 'create', '1', '--start', '2026-01-05', '--end', '2026-09-30'], held);
  await run(['import', join(FIXTURES, 'roster.csv'), '--cohort', '1'], held);
  const forgotten = join(dir, 'forgotten.db');
  copyFileSync(held, forgotten);
  await run(['forget', 'Jade Thompson', '--yes'], forgotten);
  const characteristic = join(dir, 'characteristic.db');
  await run(['characteristics', 'enable', 'disability'], characteristic);
  return { none: null, cohort, held, forgotten, characteristic };
}

describe('roster import read in a worker thread', () => {
  it('gives what reading in-process gives for every fixture roster, into an empty database and over one already imported', async () => {
    const dir = tempDir();
    const bases = await databases(dir);
    const codes = new Set<number>();
    for (const file of ROSTERS) {
      const runs: Array<[string | null, string[]]> = [
        [bases.none, []],
        [bases.held, []],
      ];
      // Each flag that changes what is written or said, and each database, on the fixture roster and a workbook.
      if (file.endsWith('/roster.csv') || file.endsWith('/esr-2026-01.xlsx')) {
        runs.push(
          [bases.none, ['--json']],
          [bases.none, ['--dry-run']],
          [bases.cohort, ['--cohort', '1']],
          [bases.held, ['--missing-left', '--yes', '--json']],
          [bases.held, ['--dry-run', '--missing-left']],
          [bases.forgotten, []],
          [bases.characteristic, []],
        );
      }
      for (const [base, flags] of runs) codes.add(bothWays(dir, base, file, ...flags).code ?? -1);
    }
    // Imports and refusals were both compared.
    expect([...codes].sort()).toEqual([0, 1]);
  }, 600_000);

  it('gives what reading in-process gives on random files of good rows, refused cells, ragged rows, duplicates and broken CSV', async () => {
    const dir = tempDir();
    const bases = await databases(dir);
    const random = mulberry32(15);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
    const outcomes = new Set<number>();
    for (let round = 0; round < 5; round += 1) {
      const rows = ['staff_id,name,email,department,band,ethnicity,function,board_member,line_manager_id,role,race_trained,capacity,active,left_on'];
      // Past one batch (1,024 rows), so rows cross batches and backpressure is met.
      const count = 1100 + Math.floor(random() * 2000);
      const faulty = round % 5;
      for (let n = 0; n < count; n += 1) {
        const id = String(20_000_000 + n);
        // Some managers later in the file, some in the fixture roster, some nowhere.
        const manager = n === 0 ? '' : pick([String(20_000_000 + Math.floor(random() * count)), '10000001', '99999999', '']);
        let band = pick(['Band 5', '6', '8a', 'VSM', '', 'Non AfC']);
        if (faulty === 1 && random() < 0.003) band = 'Band 10';
        const leaver = random() < 0.05;
        rows.push(
          [
            faulty === 2 && random() < 0.003 ? String(20_000_000 + Math.floor(random() * n)) : id,
            faulty === 1 && random() < 0.003 ? '' : pick(['Ada Lovelace', '"Okafor, Chidi"', 'Zoë Brontë', ' Sam  Lee ']),
            pick(['', `p${n}@nhs.net`]),
            pick(['Surgery', 'Corporate', '']),
            band,
            pick(['A', 'B White - Irish', 'H', 'Z', 'martian', '']),
            pick(['', 'clinical', 'front line', 'managerial;clinical']),
            pick(['yes', 'no', '']),
            manager === id ? '' : manager,
            leaver ? '' : pick(['', 'mentor', 'mentee', 'either']),
            pick(['', 'yes', '2025-09-01', 'no']),
            pick(['', '1', '2']),
            leaver ? 'no' : pick(['', 'yes']),
            leaver ? pick(['', '2026-01-31']) : '',
          ].join(','),
        );
      }
      if (faulty === 3) rows.splice(1 + Math.floor(random() * count), 0, '1,2,3');
      if (faulty === 4) rows.splice(1 + Math.floor(random() * count), 0, '30000000,"Broken "quote",,,,,,,,,,,,');
      const file = join(dir, `random-${round}.csv`);
      writeFileSync(file, `${rows.join('\r\n')}\r\n`);
      // A first import (planned in the worker) and a second (read here from the worker's cells).
      const first = round % 2 === 0 ? { base: bases.none, flags: [] } : { base: bases.cohort, flags: ['--cohort', '1', '--json'] };
      outcomes.add(bothWays(dir, first.base, file, ...first.flags).code ?? -1);
      outcomes.add(bothWays(dir, bases.held, file, '--missing-left', '--yes').code ?? -1);
    }
    // Both imports and refusals were compared.
    expect([...outcomes].sort()).toEqual([0, 1]);
  }, 600_000);
});

describe('people added by a first import, flattened for the hand-over', () => {
  it('come back as the staff insert binds them, with their role, across a structured clone', () => {
    const person = (n: number): StaffRecord => ({
      staffId: String(10_000_000 + n),
      name: n % 3 === 0 ? `Zoë Brontë ${n}` : `Ada Lovelace ${n}`,
      email: n % 2 === 0 ? null : `p${n}@nhs.net`,
      department: 'Surgery',
      jobTitle: null,
      staffGroup: null,
      band: n % 4 === 0 ? null : 'Band 5',
      ethnicity: 'A',
      bmeOverride: n % 5 === 0 ? true : null,
      functionsStated: n % 2 === 0 ? null : ['clinical', 'front line'],
      boardMember: n % 7 === 0,
      lineManagerId: n === 0 ? null : '10000000',
      raceTrained: n % 3 === 1,
      raceTrainedOn: n % 3 === 1 ? '2025-09-01' : null,
      capacity: n % 3,
      active: n % 6 !== 0,
      ...(n % 12 === 0 ? { leftOn: '2026-01-31' } : {}),
    });
    const people = Array.from({ length: 2000 }, (_, n) => ({ person: person(n), role: ([undefined, null, 'mentor', 'mentee', 'either'] as const)[n % 5] }));
    const values: unknown[] = [];
    for (const { person, role } of people) encodeAddedPerson(person, role, '2026-03-15', values);
    const back: unknown[] = [];
    eachAddedPerson(structuredClone(values), people.length, (inserts, at, staffId, role) =>
      back.push({ values: inserts.slice(at, at + STAFF_INSERT_WIDTH), staffId, role }),
    );
    expect(back).toEqual(
      people.map(({ person, role }) => {
        const expected: unknown[] = [];
        staffInsertValues(person, '2026-03-15', expected);
        return { values: expected, staffId: person.staffId, role: role ?? null };
      }),
    );
  });
});
