import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_FACTS, type StaffRecord } from '../../src/domain/staff.js';
import { enrolmentWriter, saveCohort } from '../../src/store/cohorts.js';
import { openDatabase } from '../../src/store/db.js';
import { enrolmentsOf, namesOf, relationshipIdsOf, searchStaff, sessionCounts } from '../../src/store/people.js';
import { insertRelationship } from '../../src/store/relationships.js';
import { sessionWriter } from '../../src/store/sessions.js';
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

async function peopleDb() {
  const { db } = await openDatabase(join(tempDir(), 'remedi.db'), { create: true });
  saveCohort(db, { number: 1, name: null, start: '2026-01-05', end: '2026-09-30', minMonths: 8, minPerMonth: 2, meetEvery: null });
  saveCohort(db, { number: 2, name: null, start: '2027-01-04', end: '2027-09-30', minMonths: 8, minPerMonth: 2, meetEvery: null });
  const writer = staffWriter(db, '2026-01-01');
  writer.insert(person('001', 'Margaret Ellison', { boardMember: true, email: 'margaret.ellison@nhs.net' }));
  writer.insert(person('002', 'Chloe Adebayo', { email: 'chloe.adebayo@nhs.net' }));
  writer.insert(person('003', 'Fatima Begum', { email: 'fatima.begum@nhs.net' }));
  writer.insert(person('004', 'Siobhán Kelly', { email: 'siobhan.kelly@nhs.net', active: false }));
  writer.insert(person('005', 'Sean Kelly', { email: 'sean.kelly@nhs.net' }));
  return db;
}

describe('what staff show reads about one person', () => {
  it('every cohort they were enrolled in, withdrawn ones with their day and reason', async () => {
    const db = await peopleDb();
    enrolmentWriter(db, 1)('002', 'mentor');
    enrolmentWriter(db, 2)('002', 'either');
    db.prepare("UPDATE enrolments SET withdrawn_on = '2027-02-01', withdraw_reason = 'moved trust' WHERE cohort = 2").run();
    expect(enrolmentsOf(db, '002')).toEqual([
      { cohort: 1, role: 'mentor', withdrawnOn: null, withdrawReason: null },
      { cohort: 2, role: 'either', withdrawnOn: '2027-02-01', withdrawReason: 'moved trust' },
    ]);
    expect(enrolmentsOf(db, '003')).toEqual([]);
  });

  it("the relationships they are in as mentee or as mentor, and each one's session count", async () => {
    const db = await peopleDb();
    const base = { cohort: 1, type: 'race' as const, score: 0, reasons: [], start: '2026-01-05', override: false };
    const trio = insertRelationship(
      db,
      {
        ...base,
        menteeId: '001',
        mentors: [
          { staffId: '002', slot: 'bme' },
          { staffId: '003', slot: 'frontline' },
        ],
      },
      '2026-01-05',
    );
    const pair = insertRelationship(db, { ...base, menteeId: '005', mentors: [{ staffId: '003', slot: null }] }, '2026-01-05');
    const write = sessionWriter(db, '2026-03-01');
    for (const date of ['2026-01-10', '2026-01-20', '2026-02-10']) {
      write.insert({
        relationshipId: trio,
        date,
        minutes: 45,
        kind: 'one-to-one',
        level: 'team',
        livedExperience: false,
        notes: null,
        themes: [],
        mentors: ['002'],
      });
    }
    expect(relationshipIdsOf(db, '001')).toEqual([trio]);
    expect(relationshipIdsOf(db, '003')).toEqual([trio, pair]);
    expect(relationshipIdsOf(db, '004')).toEqual([]);
    expect(sessionCounts(db, [trio, pair])).toEqual(
      new Map([
        [trio, 3],
        [pair, 0],
      ]),
    );
  });

  it('names a few people by staff id, skipping ids nobody has', async () => {
    const db = await peopleDb();
    expect(namesOf(db, ['002', '001', '002', '999'])).toEqual(
      new Map([
        ['001', 'Margaret Ellison'],
        ['002', 'Chloe Adebayo'],
      ]),
    );
  });
});

describe('searchStaff (staff find)', () => {
  it.each<[string, string[]]>([
    ['kelly', ['005', '004']],
    ['SIOBHÁN', ['004']],
    ['siobhan', ['004']],
    ['chloe.ad', ['002']],
    ['@NHS.NET', ['001', '002', '003', '005', '004']],
    ['00', ['001', '002', '003', '005', '004']],
    ['%', []],
    ['nobody', []],
  ])('%j finds %j, people still here first', async (text, ids) => {
    const db = await peopleDb();
    expect(searchStaff(db, text, 50).people.map((p) => p.staffId)).toEqual(ids);
  });

  it('says when there are more than the limit', async () => {
    const db = await peopleDb();
    expect(searchStaff(db, 'nhs.net', 2)).toMatchObject({ more: true });
    expect(searchStaff(db, 'nhs.net', 2).people).toHaveLength(2);
    expect(searchStaff(db, 'nhs.net', 5).more).toBe(false);
  });
});
