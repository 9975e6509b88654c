import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_FACTS, type StaffRecord } from '../../src/domain/staff.js';
import { openDatabase, type Db } from '../../src/store/db.js';
import { recordWarningsSeen, warningFingerprint, warningsSeenBefore } from '../../src/store/importWarnings.js';
import { forgetPerson, forgottenChecker, purgeFreedSpace } from '../../src/store/privacy.js';
import { staffWriter } from '../../src/store/staff.js';
import { tempDir } from '../helpers/cli.js';

const TODAY = '2026-12-01';

const person = (staffId: string, facts: Partial<StaffRecord> = {}): StaffRecord => ({
  staffId,
  name: `Person ${staffId}`,
  ...DEFAULT_FACTS,
  band: '5',
  active: true,
  ...facts,
});

async function withPeople(...people: StaffRecord[]): Promise<{ db: Db; dir: string }> {
  const dir = tempDir();
  const { db } = await openDatabase(join(dir, 'remedi.db'), { create: true });
  db.transaction(() => {
    const writer = staffWriter(db, '2026-03-15');
    for (const p of people) writer.insert(p);
  })();
  return { db, dir };
}

function forget(db: Db, staffId: string): void {
  db.pragma('secure_delete = ON');
  db.transaction(() => forgetPerson(db, staffId, TODAY)).immediate();
  purgeFreedSpace(db);
}

describe('forgetting keeps only keyed hashes of the staff id and the email', () => {
  it('leaves no plain staff id or email anywhere in the database file', async () => {
    const { db, dir } = await withPeople(
      person('10000052', { name: 'Jade Thompson', email: 'Jade.Thompson@nhs.net', department: 'Emergency Medicine' }),
      person('10000023', { name: 'Chloe Adebayo', email: 'chloe.adebayo@nhs.net', lineManagerId: null }),
      person('10000091', { name: 'Grace Ogunleye', lineManagerId: '10000052' }),
    );
    forget(db, '10000052');
    expect(db.prepare('SELECT count(*) FROM forgotten').pluck().get()).toBe(2);
    expect(db.prepare('SELECT forgotten_on FROM forgotten').pluck().all()).toEqual([TODAY, TODAY]);
    for (const hash of db.prepare('SELECT hash FROM forgotten').pluck().all() as string[]) expect(hash).toMatch(/^[0-9a-f]{64}$/);
    db.close();

    const files = readdirSync(dir).filter((f) => f.startsWith('remedi.db'));
    for (const file of files) {
      const bytes = readFileSync(join(dir, file));
      for (const secret of ['10000052', 'Jade.Thompson@nhs.net', 'jade.thompson@nhs.net', 'Jade Thompson']) {
        expect(bytes.includes(Buffer.from(secret)), `${secret} in ${file}`).toBe(false);
      }
      // The others are still there: the search is real.
      expect(bytes.includes(Buffer.from('chloe.adebayo@nhs.net'))).toBe(file === 'remedi.db');
    }
  });

  it('makes the key once: a second erasure uses the same key', async () => {
    const { db } = await withPeople(person('1', { email: 'a@nhs.net' }), person('2'));
    forget(db, '1');
    const key = db.prepare('SELECT value FROM settings').pluck().all();
    forget(db, '2');
    expect(db.prepare('SELECT value FROM settings').pluck().all()).toEqual(key);
    expect(key).toHaveLength(1);
    expect(key[0]).toMatch(/^[0-9a-f]{64}$/);
    expect(db.prepare('SELECT count(*) FROM forgotten').pluck().get()).toBe(3);
  });

  it('forgets the warnings already shown, since their text may hold the staff id', async () => {
    const { db } = await withPeople(person('1'));
    const fingerprint = warningFingerprint({ line: 3, column: 'column L (Manager)', value: '1', message: 'line manager 1 is not known' });
    recordWarningsSeen(db, [fingerprint]);
    forget(db, '1');
    expect(warningsSeenBefore(db, [fingerprint])).toEqual([false]);
  });
});

describe('forgottenChecker: what a roster import asks of each row', () => {
  it('costs nothing while nobody has been erased', async () => {
    const { db } = await withPeople(person('1'));
    expect(forgottenChecker(db)).toBeNull();
  });

  it.each<
    [
      string,
      { staffId: string | null; email: string | null; lineManagerId: string | null },
      { erasedOn: string | null; onlyByEmail?: boolean; managerErased: boolean },
    ]
  >([
    ['their staff id', { staffId: '10000052', email: null, lineManagerId: null }, { erasedOn: TODAY, onlyByEmail: false, managerErased: false }],
    [
      'their email, in another case',
      { staffId: '99999999', email: ' JADE.thompson@NHS.net ', lineManagerId: null },
      { erasedOn: TODAY, onlyByEmail: true, managerErased: false },
    ],
    ['someone else', { staffId: '10000023', email: 'chloe.adebayo@nhs.net', lineManagerId: '10000023' }, { erasedOn: null, managerErased: false }],
    ['someone whose line manager was erased', { staffId: '10000091', email: null, lineManagerId: '10000052' }, { erasedOn: null, managerErased: true }],
    [
      'an email that is an erased staff id is not their id',
      { staffId: null, email: '10000052', lineManagerId: null },
      { erasedOn: null, managerErased: false },
    ],
  ])('matches %s', async (_case, row, expected) => {
    const { db } = await withPeople(person('10000052', { email: 'jade.thompson@nhs.net' }), person('10000023'));
    forget(db, '10000052');
    const check = forgottenChecker(db);
    expect(check).not.toBeNull();
    expect(check!(row)).toMatchObject(expected);
  });
});

describe('import warnings already shown', () => {
  const warning = { line: 92, column: 'column L (Line Manager)', value: '19999999', message: 'line manager 19999999 is not known' };

  it.each<[string, typeof warning, boolean]>([
    ["the same warning on another line (or in next month's export)", { ...warning, line: 40 }, true],
    ['another value', { ...warning, value: '19999998' }, false],
    ['another column', { ...warning, column: 'column M (Line Manager)' }, false],
  ])('%s: seen %j', async (_case, later, seen) => {
    const { db } = await withPeople();
    recordWarningsSeen(db, [warningFingerprint(warning)]);
    expect(warningsSeenBefore(db, [warningFingerprint(later)])).toEqual([seen]);
  });
});
