/** Naming people against a real database (docs/programme-year.md, "Naming people"). */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { resolvePeople, resolvePerson } from '../../src/commands/shared/resolvePerson.js';
import { DEFAULT_FACTS, type StaffRecord } from '../../src/domain/staff.js';
import { openDatabase } from '../../src/store/db.js';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { forgetPerson } from '../../src/store/privacy.js';
import { staffWriter } from '../../src/store/staff.js';
import { tempDir } from '../helpers/cli.js';

const person = (staffId: string, name: string, facts: Partial<StaffRecord> = {}): StaffRecord => ({
  staffId,
  name,
  ...DEFAULT_FACTS,
  band: '5',
  active: true,
  ...facts,
});

async function staffDb() {
  const { db } = await openDatabase(join(tempDir(), 'remedi.db'), { create: true });
  const writer = staffWriter(db, '2026-01-01');
  writer.insert(person('10000002', 'Siobhán Kelly', { email: 'siobhan.kelly@nhs.net', department: 'Corporate' }));
  writer.insert(person('10000065', 'Chidi Eze', { email: 'chidi.eze@nhs.net', department: 'Surgery' }));
  writer.insert(person('10000099', 'Chidi Eze', { email: 'chidi.eze2@nhs.net', department: 'Pharmacy' }));
  writer.insert(person('10000027', 'Kwame Mensah', { email: 'kwame.mensah@nhs.net', active: false }));
  return db;
}

describe('resolvePerson', () => {
  it.each([
    ['a staff id', '10000002', '10000002'],
    ['an email in capitals', ' SIOBHAN.KELLY@NHS.NET ', '10000002'],
    ['a name without its accent, any case', 'siobhan KELLY', '10000002'],
    ['a name with extra spaces', 'Siobhán   Kelly', '10000002'],
    ['an email when the name is shared', 'chidi.eze2@nhs.net', '10000099'],
    ['a leaver, when leavers are allowed', 'Kwame Mensah', '10000027'],
  ])('finds %s', async (_case, query, staffId) => {
    const db = await staffDb();
    expect(resolvePerson(db, query).staffId).toBe(staffId);
  });

  it.each([
    [
      'a shared name, naming both',
      'chidi eze',
      '"chidi eze" matches 2 people: 10000065 Chidi Eze (Surgery); 10000099 Chidi Eze (Pharmacy). Give the staff id or email instead.',
    ],
    [
      'a near miss, offering the nearest',
      'Siobhan Kely',
      'There is nobody called "Siobhan Kely" (by staff id, email or name). Did you mean 10000002 Siobhán Kelly (Corporate)?',
    ],
    ['an unknown email', 'nobody@nhs.net', 'There is nobody called "nobody@nhs.net" (by staff id, email or name).'],
    ['a blank', '  ', 'An empty name was given; expected a staff id, an email or a name.'],
  ])('refuses %s', async (_case, query, message) => {
    const db = await staffDb();
    expect(() => resolvePerson(db, query)).toThrow(message);
  });

  it('refuses a leaver where only people still in the trust will do', async () => {
    const db = await staffDb();
    expect(() => resolvePerson(db, 'kwame.mensah@nhs.net', { activeOnly: true })).toThrow('Kwame Mensah (10000027) has left the trust.');
  });

  it('never finds an erased person, by their old id, email or name', async () => {
    const db = await staffDb();
    db.transaction(() => forgetPerson(db, '10000002', '2026-03-01')).immediate();
    for (const query of ['10000002', 'siobhan.kelly@nhs.net', 'Siobhán Kelly', 'Forgotten person']) {
      expect(() => resolvePerson(db, query), query).toThrow('There is nobody called');
    }
  });
});

describe('resolvePeople: all or nothing', () => {
  it('names every query that does not resolve, in one refusal', async () => {
    const db = await staffDb();
    let error: unknown;
    try {
      resolvePeople(db, ['10000065', 'Jane Nobody', 'chidi eze'], { what: 'Nobody was enrolled' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toMatchObject({ message: 'Nobody was enrolled: 2 people could not be found.' });
    expect((error as { details: string[] }).details).toEqual([
      '  There is nobody called "Jane Nobody" (by staff id, email or name).',
      '  "chidi eze" matches 2 people: 10000065 Chidi Eze (Surgery); 10000099 Chidi Eze (Pharmacy). Give the staff id or email instead.',
    ]);
  });

  it('says to quote a name given as two words', async () => {
    const db = await staffDb();
    expect(() => resolvePeople(db, ['Kwame', 'Mensah'])).toThrow(
      expect.objectContaining({ fix: 'A name with a space needs quotes around it: "Kwame Mensah" is Kwame Mensah (10000027).' }),
    );
  });
});

describe('the schema 5 migration', () => {
  it('folds the names a database already holds, so they can be found by name', async () => {
    const path = join(tempDir(), 'old.db');
    const old = new Database(path);
    for (const migration of MIGRATIONS.slice(0, 4)) old.exec(migration);
    old.pragma('user_version = 4');
    old.prepare("INSERT INTO staff (staff_id, name, band, added_on, updated_on) VALUES ('1', 'Zoë Hamilton', '5', '2026-01-01', '2026-01-01')").run();
    old.close();
    const { db } = await openDatabase(path, { create: false });
    expect(resolvePerson(db, 'zoe hamilton').staffId).toBe('1');
  });
});
