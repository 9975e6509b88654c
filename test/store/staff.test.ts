import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_FACTS, type StaffRecord } from '../../src/domain/staff.js';
import {
  enrolByHand,
  enrolmentCounts,
  enrolmentsOf,
  enrolmentWriter,
  getCohort,
  listCohorts,
  saveCohort,
  withdrawEnrolments,
} from '../../src/store/cohorts.js';
import { openDatabase } from '../../src/store/db.js';
import {
  classifiedFactsOf,
  editStaff,
  lineManagerFinder,
  raceTrainingOf,
  listStaff,
  loadAllStaff,
  staffTextBlocks,
  staffTextRowOf,
  staffTextRows,
  staffWriter,
} from '../../src/store/staff.js';
import { lookUpPerson } from '../../src/store/people.js';
import { tempDir } from '../helpers/cli.js';

const person = (staffId: string, facts: Partial<StaffRecord> = {}): StaffRecord => ({
  staffId,
  name: `Person ${staffId}`,
  ...DEFAULT_FACTS,
  band: '5',
  active: true,
  ...facts,
});

async function freshDb() {
  return (await openDatabase(join(tempDir(), 'remedi.db'), { create: true })).db;
}

describe('staff table', () => {
  it('stores every fact and reads it back the same', async () => {
    const db = await freshDb();
    const full = person('001', {
      email: 'a.b@nhs.net',
      department: 'Surgery',
      jobTitle: 'Staff Nurse',
      staffGroup: 'Nursing and Midwifery Registered',
      band: '8a',
      ethnicity: 'C3',
      bmeOverride: true,
      functionsStated: ['clinical', 'front line'],
      boardMember: false,
      lineManagerId: '002',
      raceTrained: true,
      raceTrainedOn: '2025-02-01',
      capacity: 2,
    });
    const sparse = person('002', { band: null, boardMember: true, bmeOverride: false });
    db.transaction(() => {
      const writer = staffWriter(db, '2026-03-15');
      writer.insert(full);
      writer.insert(sparse);
    })();
    expect(loadAllStaff(db)).toEqual(
      new Map([
        ['001', full],
        ['002', sparse],
      ]),
    );
  });

  it('updates in place and records when someone left', async () => {
    const db = await freshDb();
    const writer = staffWriter(db, '2026-03-15');
    writer.insert(person('001'));
    writer.update(person('001', { band: '6', active: false }));
    expect(loadAllStaff(db).get('001')).toMatchObject({ band: '6', active: false });
    expect(db.prepare("SELECT left_on FROM staff WHERE staff_id = '001'").get()).toEqual({ left_on: '2026-03-15' });
    writer.update(person('001', { active: true }));
    expect(db.prepare("SELECT left_on FROM staff WHERE staff_id = '001'").get()).toEqual({ left_on: null });
  });
});

describe('cohorts and enrolments', () => {
  it('saves cohorts, enrols people with a role, and lists a cohort with roles', async () => {
    const db = await freshDb();
    saveCohort(db, { number: 1, name: 'First', start: '2026-01-05', end: '2026-09-30', minMonths: 8, minPerMonth: 2, meetEvery: null });
    saveCohort(db, { number: 2, name: null, start: '2027-01-04', end: '2027-09-30', minMonths: 6, minPerMonth: 1, meetEvery: null });
    const writer = staffWriter(db, '2026-03-15');
    for (const id of ['001', '002', '003']) writer.insert(person(id));
    const enrol = enrolmentWriter(db, 1);
    enrol('001', 'mentee');
    enrol('002', 'mentor');
    enrol('002', 'either'); // a later roster changes the role
    expect(getCohort(db, 2)).toMatchObject({ minMonths: 6, minPerMonth: 1 });
    expect(listCohorts(db).map((c) => c.number)).toEqual([1, 2]);
    expect(enrolmentCounts(db, 1)).toEqual({ mentor: 0, mentee: 1, either: 1 });
    expect(listStaff(db, 1).map((p) => [p.staffId, p.role])).toEqual([
      ['001', 'mentee'],
      ['002', 'either'],
    ]);
    expect(listStaff(db)).toHaveLength(3);
  });

  it("leaves withdrawn people out of a cohort's list and counts; enrolling by hand takes them back, a roster does not", async () => {
    const db = await freshDb();
    saveCohort(db, { number: 1, name: null, start: '2026-01-05', end: '2026-09-30', minMonths: 8, minPerMonth: 2, meetEvery: null });
    const writer = staffWriter(db, '2026-03-15');
    for (const id of ['001', '002', '003']) writer.insert(person(id));
    enrolByHand(db, 1, [
      { staffId: '001', role: 'mentee' },
      { staffId: '002', role: 'mentor' },
      { staffId: '003', role: 'mentor' },
    ]);
    withdrawEnrolments(db, 1, ['002'], '2026-03-01', 'moved trust');
    expect(listStaff(db, 1).map((p) => p.staffId)).toEqual(['001', '003']);
    expect(listStaff(db, 1, { withdrawn: true }).map((p) => p.staffId)).toEqual(['001', '002', '003']);
    expect(enrolmentCounts(db, 1)).toEqual({ mentor: 1, mentee: 1, either: 0 });
    expect(enrolmentsOf(db, 1).get('002')).toEqual({ role: 'mentor', withdrawnOn: '2026-03-01', withdrawReason: 'moved trust' });
    // A roster's role column sets the role but is no word on a withdrawal made by hand.
    enrolmentWriter(db, 1)('002', 'either');
    expect(enrolmentsOf(db, 1).get('002')).toMatchObject({ role: 'either', withdrawnOn: '2026-03-01' });
    enrolByHand(db, 1, [{ staffId: '002', role: 'mentor' }]);
    expect(enrolmentsOf(db, 1).get('002')).toEqual({ role: 'mentor', withdrawnOn: null, withdrawReason: null });
    expect(enrolmentCounts(db, 1)).toEqual({ mentor: 2, mentee: 1, either: 0 });
  });
});

describe('editing one person by hand', () => {
  it('writes only the facts given and the hand-set mark; every other column stays', async () => {
    const db = await freshDb();
    const before = person('001', { email: 'a.b@nhs.net', department: 'Surgery', ethnicity: 'M', functionsStated: ['clinical'], lineManagerId: '002' });
    staffWriter(db, '2026-03-01').insert(before);
    const updatedOn = () => db.prepare("SELECT updated_on FROM staff WHERE staff_id = '001'").pluck().get();
    editStaff(
      db,
      '001',
      { department: null, functionsStated: ['clinical', 'front line'], capacity: 3, boardMember: true },
      ['department', 'functionsStated', 'boardMember', 'capacity'],
      '2026-03-15',
    );
    expect(loadAllStaff(db).get('001')).toEqual({
      ...before,
      department: null,
      functionsStated: ['clinical', 'front line'],
      capacity: 3,
      boardMember: true,
      handSet: ['department', 'functionsStated', 'boardMember', 'capacity'],
    });
    expect(updatedOn()).toBe('2026-03-15');
  });

  it('clears stated functions back to derived, and records RACE training without a day', async () => {
    const db = await freshDb();
    staffWriter(db, '2026-03-01').insert(person('001', { functionsStated: ['front line'] }));
    editStaff(db, '001', { functionsStated: null, raceTrained: true, raceTrainedOn: null }, ['functionsStated', 'raceTrained', 'raceTrainedOn'], '2026-03-15');
    expect(loadAllStaff(db).get('001')).toMatchObject({ functionsStated: null, raceTrained: true, raceTrainedOn: null });
  });

  it('keeps the folded name a renamed person is found by', async () => {
    const db = await freshDb();
    staffWriter(db, '2026-03-01').insert(person('001', { name: 'Siobhan Kelly' }));
    editStaff(db, '001', { name: 'Siobhán Ó Ceallaigh' }, ['name'], '2026-03-15');
    expect(lookUpPerson(db, 'siobhan o ceallaigh').byName.map((p) => p.staffId)).toEqual(['001']);
    expect(lookUpPerson(db, 'Siobhan Kelly').byName).toEqual([]);
  });

  it('an empty hand-set list is stored as none, and reads back as before', async () => {
    const db = await freshDb();
    staffWriter(db, '2026-03-01').insert(person('001'));
    editStaff(db, '001', { capacity: 2 }, [], '2026-03-15');
    expect(loadAllStaff(db).get('001')).toEqual(person('001', { capacity: 2 }));
  });

  it('finds line managers one at a time, null for none or nobody', async () => {
    const db = await freshDb();
    const writer = staffWriter(db, '2026-03-01');
    writer.insert(person('001'));
    writer.insert(person('002', { lineManagerId: '001' }));
    const managerOf = lineManagerFinder(db);
    expect([managerOf('002'), managerOf('001'), managerOf('999')]).toEqual(['001', null, null]);
  });
});

describe('staffTextRows: a person as text SQLite writes from a template', () => {
  async function twoPeople() {
    const db = await freshDb();
    const writer = staffWriter(db, '2026-03-01');
    writer.insert(
      person('002', { name: 'Zoë "Z" O\'Neill', email: null, capacity: 3, boardMember: true, functionsStated: ['front line', 'clinical'], raceTrained: true }),
    );
    writer.insert(
      person('001', { name: 'tab\there', department: '=SUM(A1), or -3', active: false, ethnicity: 'M', bmeOverride: false, raceTrainedOn: '2025-06-01' }),
    );
    saveCohort(db, { number: 1, name: null, start: '2026-01-05', end: '2026-09-30', minMonths: 8, minPerMonth: 2, meetEvery: null });
    enrolmentWriter(db, 1)('002', 'mentor');
    return db;
  }

  it('writes each field as JSON, keeps literal text as written (a percent sign, a quote), and reads each hole beside the text', async () => {
    const db = await twoPeople();
    const pieces = [
      "100% of '",
      { field: 'name' },
      "' at ",
      { field: 'capacity' },
      ' ',
      { field: 'email' },
      ' ',
      { field: 'boardMember' },
      ' | ',
      { hole: 'classification' },
      ' %s|',
    ] as const;
    const rows = [...staffTextRows(db, { as: 'json', pieces })];
    expect(rows).toEqual([
      [`100% of '"tab\\there"' at 1 null false | `, '["5",0,"M",0,null,null]', ' %s|', '001', 0],
      [`100% of '"Zoë \\"Z\\" O'Neill"' at 3 null true | `, '["5",1,null,null,"front line;clinical",null]', ' %s|', '002', 1],
    ]);
    // The facts read back as the person's own.
    expect(classifiedFactsOf(rows[1][1] as string)).toEqual({
      band: '5',
      boardMember: true,
      ethnicity: null,
      bmeOverride: null,
      functionsStated: ['front line', 'clinical'],
      staffGroup: null,
    });
    expect(classifiedFactsOf(rows[0][1] as string)).toMatchObject({ ethnicity: 'M', bmeOverride: false, functionsStated: null });
    // A cohort's people only, with their role.
    expect([...staffTextRows(db, { as: 'json', pieces: [{ field: 'staffId' }, ' ', { field: 'role' }] }, 1)]).toEqual([['"002" "mentor"', '002', 1]]);
    // Blocks by staff id: after one, at most so many, some passed over.
    const blocks = staffTextBlocks(db, { as: 'json', pieces: [{ field: 'staffId' }] });
    expect([...blocks(null, 0, 1)]).toEqual([['"001"', '001', 0]]);
    expect([...blocks('001', 0, 5)]).toEqual([['"002"', '002', 1]]);
    expect([...blocks(null, 1, -1)]).toEqual([['"002"', '002', 1]]);
  });

  it('writes each field as a CSV cell (a formula neutralised, a comma quoted), a flag in the words given, and reads race training beside the text', async () => {
    const db = await twoPeople();
    const pieces = [
      { field: 'department' },
      ',',
      { field: 'email' },
      ',',
      { field: 'boardMember' },
      ',',
      { field: 'active', words: ['active', 'left'] },
      ',',
      { hole: 'raceTraining' },
    ] as const;
    const rows = [...staffTextRows(db, { as: 'csv', pieces })];
    expect(rows).toEqual([
      [`"'=SUM(A1), or -3",,no,left,`, '[0,"2025-06-01"]', '', '001', 0],
      [',,yes,active,', '[1,null]', '', '002', 1],
    ]);
    // Plain: each text as it is, nothing for none (the caller writes them by the rules).
    expect([...staffTextRows(db, { as: 'plain', pieces })].map((row) => row[0])).toEqual(['=SUM(A1), or -3,,no,left,', ',,yes,active,']);
    expect(staffTextRowOf(db, { as: 'csv', pieces })('001')).toEqual(rows[0]);
    expect(staffTextRowOf(db, { as: 'csv', pieces })('999')).toBeUndefined();
    expect([raceTrainingOf(rows[0][1] as string), raceTrainingOf(rows[1][1] as string)]).toEqual([
      { raceTrained: false, raceTrainedOn: '2025-06-01' },
      { raceTrained: true, raceTrainedOn: null },
    ]);
  });
});
