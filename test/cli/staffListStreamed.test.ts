/**
 * `staff list --json`/`--csv` and `staff find` read a national roster a row at a time
 * (issue 15): their output must be byte for byte what reading every row at once printed
 * (test/helpers/staffReference.ts), over rosters that cross the write batches and hold
 * whatever a roster can: nulls, quotes, line breaks, formulas, accents, leavers, roles.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FUNCTIONS } from '../../src/domain/functions.js';
import { DEFAULT_FACTS, type StaffRecord } from '../../src/domain/staff.js';
import { characteristicWriter, enableCharacteristic } from '../../src/store/characteristics.js';
import { enrolmentWriter, saveCohort } from '../../src/store/cohorts.js';
import { openDatabase, type Db } from '../../src/store/db.js';
import { searchStaff } from '../../src/store/people.js';
import { listStaff, staffWriter } from '../../src/store/staff.js';
import { staffJson, staffJsonOfList } from '../../src/ui/staffOutput.js';
import { remedi, tempDir } from '../helpers/cli.js';
import { run } from '../helpers/inProcess.js';
import { mulberry32 } from '../helpers/random.js';
import { searchStaffSorted, staffListCsvAtOnce, staffListJsonAtOnce } from '../helpers/staffReference.js';

const TEXTS = [
  'Okafor',
  'Siobhán',
  "O'Neill",
  '=SUM(A1)',
  '+44 7700',
  '-3',
  '@home',
  'a "quoted" name',
  'two\nlines',
  'comma, inside',
  'Zoë',
  '李',
  'back\\slash',
  'bell\u0007',
  'tab\there',
  '😀 emoji',
  'lone \ud800 half',
  'nul\u0000, inside',
  "'quoted start",
  '\tleading tab',
  '-',
  'unit\u001fseparator',
  'x\r\ny',
  ' ',
];
const BANDS = ['2', '5', '6', '8a', 'VSM', 'Consultant', null];
const GROUPS = ['Nursing and Midwifery Registered', 'Additional Clinical Services', 'Administrative and Clerical', null];

/**
 * `characteristics`: disability and a trust's own are enabled, and each person holds a value of
 * each, or not, at random (the JSON and CSV then carry them).
 */
async function randomRoster(people: number, seed: number, { characteristics = false } = {}): Promise<{ path: string; db: Db }> {
  const path = join(tempDir(), 'remedi.db');
  const { db } = await openDatabase(path, { create: true });
  const random = mulberry32(seed);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)];
  const maybe = <T>(value: T): T | null => (random() < 0.3 ? null : value);
  const writer = staffWriter(db, '2026-01-01');
  saveCohort(db, { number: 1, name: null, start: '2026-01-05', end: '2026-09-30', minMonths: 8, minPerMonth: 2, meetEvery: null });
  const enrol = enrolmentWriter(db, 1);
  if (characteristics) {
    enableCharacteristic(db, 'zz_carer', true, '2026-01-01');
    enableCharacteristic(db, 'disability', false, '2026-01-01');
  }
  const setValue = characteristicWriter(db);
  for (let i = 0; i < people; i += 1) {
    // Unique, and not in the order they were added.
    const staffId = `${1 + Math.floor(random() * 9)}${String(i).padStart(7, '0')}`;
    const band = pick(BANDS);
    const person: StaffRecord = {
      staffId,
      name: `${pick(TEXTS)} ${pick(['Okafor', 'Kelly', 'Begum', 'Ng'])}`,
      email: maybe(`${pick(['a', 'Okafor', 'é'])}.${i}@nhs.net`),
      department: maybe(pick(TEXTS)),
      jobTitle: maybe(pick(TEXTS)),
      staffGroup: pick(GROUPS),
      band,
      ethnicity: maybe(pick(['A', 'M', 'C3', 'Z', '99'])),
      bmeOverride: random() < 0.8 ? null : random() < 0.5,
      functionsStated: random() < 0.6 ? null : FUNCTIONS.filter(() => random() < 0.5),
      boardMember: band === null || random() < 0.05,
      lineManagerId: maybe(String(10_000_000 + i)),
      raceTrained: random() < 0.3,
      raceTrainedOn: maybe('2025-06-01'),
      capacity: Math.floor(random() * 3),
      active: random() < 0.8,
    };
    writer.insert(person);
    if (random() < 0.3) enrol(staffId, pick(['mentor', 'mentee', 'either'] as const));
    if (characteristics) for (const name of ['disability', 'zz_carer']) if (random() < 0.6) setValue(staffId, name, random() < 0.5 ? 'yes' : 'no');
  }
  db.prepare("UPDATE enrolments SET withdrawn_on = '2026-02-01' WHERE rowid % 7 = 0").run();
  return { path, db };
}

describe('staff list --json and --csv, written as the rows are read', () => {
  it.each([
    [0, 1],
    [1, 2],
    [4_321, 3],
  ])('%i people: the same bytes as the whole list printed at once, with and without a cohort', async (people, seed) => {
    const { path, db } = await randomRoster(people, seed);
    for (const cohort of [[], ['--cohort', '1']]) {
      const number = cohort.length === 0 ? undefined : 1;
      const json = await run(['staff', 'list', '--json', ...cohort, '--db', path]);
      expect(json.code).toBe(0);
      expect(json.stdout).toBe(staffListJsonAtOnce(db, number));
      const csv = await run(['staff', 'list', '--csv', ...cohort, '--db', path]);
      expect(csv.code).toBe(0);
      expect(csv.stdout).toBe(staffListCsvAtOnce(db, number));
    }
    db.close();
  });

  it.each([
    [0, 6],
    [1, 7],
    [1_234, 8],
  ])('%i people with characteristics enabled: their values in the JSON and CSV, the same bytes as the whole list at once', async (people, seed) => {
    const { path, db } = await randomRoster(people, seed, { characteristics: true });
    for (const cohort of [[], ['--cohort', '1']]) {
      const number = cohort.length === 0 ? undefined : 1;
      const json = await run(['staff', 'list', '--json', ...cohort, '--db', path]);
      expect(json.stdout).toBe(staffListJsonAtOnce(db, number));
      if (people > 0 && number === undefined) expect(json.stdout).toContain('"characteristics": {\n      "disability": ');
      const csv = await run(['staff', 'list', '--csv', ...cohort, '--db', path]);
      expect(csv.stdout).toBe(staffListCsvAtOnce(db, number));
      expect(csv.stdout.split(/\r?\n/)[0]).toMatch(/,(Status|Role),disability,zz_carer$/);
      // The table puts no value beside a name.
      const table = await run(['staff', 'list', ...cohort, '--db', path]);
      expect(table.stdout).not.toMatch(/disability|zz_carer/);
    }
    db.close();
  });

  it('says how many people, and how many have left, after the CSV', async () => {
    const { path, db } = await randomRoster(300, 4);
    const left = db.prepare('SELECT count(*) FROM staff WHERE active = 0').pluck().get() as number;
    db.close();
    const csv = await run(['staff', 'list', '--csv', '--db', path]);
    expect(csv.stderr).toBe(`300 people, ${left} of whom have left.\n`);
  });
});

describe('staff list of a large roster on two threads', () => {
  // The built CLI (the worker runs from dist/), told to split a small roster into small blocks.
  it.each([
    [1, 11],
    [7, 12],
    [250, 13],
    [1_000, 14],
  ])('blocks of %i people: the same bytes and summary as the whole list printed at once', { timeout: 120_000 }, async (block, seed) => {
    // Under a megabyte of JSON: the test helper reads a child's stdout whole.
    const { path, db } = await randomRoster(1_200, seed);
    const env = { REMEDI_STAFF_LIST_SPLIT: '1', REMEDI_STAFF_LIST_BLOCK: String(block) };
    const json = remedi(['staff', 'list', '--json', '--db', path], { env });
    expect(json.code).toBe(0);
    expect(json.stdout).toBe(staffListJsonAtOnce(db));
    const csv = remedi(['staff', 'list', '--csv', '--db', path], { env });
    expect(csv.code).toBe(0);
    expect(csv.stdout).toBe(staffListCsvAtOnce(db));
    const one = await run(['staff', 'list', '--csv', '--db', path]);
    expect(csv.stderr).toBe(one.stderr);
    db.close();
  });

  it.each([
    [1, 15],
    [7, 16],
    [250, 17],
  ])('blocks of %i people with characteristics enabled: the same bytes as the whole list printed at once', { timeout: 120_000 }, async (block, seed) => {
    const { path, db } = await randomRoster(1_200, seed, { characteristics: true });
    const env = { REMEDI_STAFF_LIST_SPLIT: '1', REMEDI_STAFF_LIST_BLOCK: String(block) };
    const json = remedi(['staff', 'list', '--json', '--db', path], { env });
    expect(json.code).toBe(0);
    expect(json.stdout).toBe(staffListJsonAtOnce(db));
    const csv = remedi(['staff', 'list', '--csv', '--db', path], { env });
    expect(csv.code).toBe(0);
    expect(csv.stdout).toBe(staffListCsvAtOnce(db));
    db.close();
  });

  it('lists an empty roster, and ones that end exactly on a block of either thread, as one thread does', { timeout: 120_000 }, async () => {
    // Blocks of 1 here; in the worker 2 for the JSON, 1 for the CSV: 1 person ends on this thread's
    // block, 3 on the worker's for the JSON, 2 for the CSV.
    for (const people of [0, 1, 2, 3]) {
      const { path, db } = await randomRoster(people, 20 + people);
      for (const format of ['--json', '--csv']) {
        const split = remedi(['staff', 'list', format, '--db', path], { env: { REMEDI_STAFF_LIST_SPLIT: '0', REMEDI_STAFF_LIST_BLOCK: '1' } });
        const plain = remedi(['staff', 'list', format, '--db', path]);
        expect(split).toEqual(plain);
      }
      db.close();
    }
  });

  it('classifies each combination once and gives the same JSON as staffJson', async () => {
    const { db } = await randomRoster(3_000, 30);
    const ofList = staffJsonOfList();
    for (const person of listStaff(db)) expect(ofList(person)).toEqual(staffJson(person));
    for (const person of listStaff(db, 1)) expect(ofList(person)).toEqual(staffJson(person));
    db.close();
  });
});

describe('staff find answers a common text from the first people by staff id', () => {
  it('finds the same people in the same order as sorting every match', { timeout: 120_000 }, async () => {
    // More people than find reads first (20,000 by staff id), so both of its ways are taken.
    const { db } = await randomRoster(25_000, 5);
    for (const text of ['okafor', 'kelly', 'nhs.net', 'é', '1', '10', 'zzz', '%', '_', "o'neill", '李', 'a "q']) {
      for (const limit of [1, 5, 50, 2_000, 5_000]) expect(searchStaff(db, text, limit), `${text} ${limit}`).toEqual(searchStaffSorted(db, text, limit));
    }
    db.close();
  });

  it('says there are more when the last match comes after the people read first', async () => {
    const { db } = await openDatabase(join(tempDir(), 'remedi.db'), { create: true });
    const writer = staffWriter(db, '2026-01-01');
    db.transaction(() => {
      for (let i = 0; i < 20_010; i += 1) writer.insert({ staffId: String(i).padStart(5, '0'), name: 'Pat Ng', ...DEFAULT_FACTS, band: '5', active: true });
    })();
    for (const id of ['00001', '20005']) writer.update({ staffId: id, name: 'Quill', ...DEFAULT_FACTS, band: '5', active: true });
    expect(searchStaff(db, 'quill', 1)).toMatchObject({ people: [{ staffId: '00001' }], more: true });
    expect(searchStaff(db, 'quill', 2)).toMatchObject({ people: [{ staffId: '00001' }, { staffId: '20005' }], more: false });
    db.close();
  });
});
