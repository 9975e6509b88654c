import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseThemes } from '../../src/domain/sessions.js';
import { DEFAULT_FACTS, type StaffRecord } from '../../src/domain/staff.js';
import { enrolmentWriter, saveCohort, withdrawEnrolments } from '../../src/store/cohorts.js';
import { openDatabase } from '../../src/store/db.js';
import {
  cohortMembers,
  deleteMeeting,
  insertMeeting,
  listMeetings,
  meetingDates,
  meetingOn,
  meetingsAttendedBy,
  meetingThemes,
  updateMeeting,
} from '../../src/store/meetings.js';
import { erasePerson } from '../../src/store/privacy.js';
import { staffWriter } from '../../src/store/staff.js';
import { tempDir } from '../helpers/cli.js';

const person = (staffId: string, name: string): StaffRecord => ({ staffId, name, ...DEFAULT_FACTS, band: '5', active: true });

async function meetingsDb() {
  const { db } = await openDatabase(join(tempDir(), 'remedi.db'), { create: true });
  saveCohort(db, { number: 1, name: null, start: '2026-01-05', end: '2026-09-30', minMonths: 8, minPerMonth: 2, meetEvery: 3 });
  saveCohort(db, { number: 2, name: null, start: '2027-01-04', end: '2027-09-30', minMonths: 8, minPerMonth: 2, meetEvery: null });
  const writer = staffWriter(db, '2026-01-01');
  for (const [id, name] of [
    ['001', 'Margaret Ellison'],
    ['002', 'Chloe Adebayo'],
    ['003', 'Fatima Begum'],
  ])
    writer.insert(person(id, name));
  const enrol = enrolmentWriter(db, 1);
  enrol('001', 'mentee');
  enrol('002', 'mentor');
  enrol('003', 'mentor');
  return db;
}

const draft = (facts: Partial<Parameters<typeof insertMeeting>[1]> = {}) => ({
  cohort: 1,
  date: '2026-03-01',
  attended: ['002', '001'],
  themes: parseThemes(['Speaking up; career progression']),
  actions: ['First', 'Second'],
  notes: null,
  ...facts,
});

describe('cohort meetings in the database', () => {
  it('keeps a meeting with who came (by staff id), its themes and actions in the order given', async () => {
    const db = await meetingsDb();
    const id = db.transaction(() => insertMeeting(db, draft({ notes: 'In the boardroom' }), '2026-03-02')).immediate();
    expect(listMeetings(db, { ids: [id] })).toEqual([
      {
        id,
        cohort: 1,
        date: '2026-03-01',
        notes: 'In the boardroom',
        attended: ['001', '002'],
        themes: ['Speaking up', 'career progression'],
        actions: ['First', 'Second'],
      },
    ]);
    expect(db.prepare('SELECT created_on FROM cohort_meetings WHERE id = ?').pluck().get(id)).toBe('2026-03-02');
  });

  it("stores the sessions' theme ids: a theme agreed at a meeting is the session theme of the same key", async () => {
    const db = await meetingsDb();
    db.prepare("INSERT INTO themes (key, label) VALUES ('speaking up', 'Speaking Up')").run();
    insertMeeting(db, draft({ themes: parseThemes(['SPEAKING UP']) }), '2026-03-02');
    expect(db.prepare('SELECT count(*) FROM themes').pluck().get()).toBe(1);
    expect(listMeetings(db, { cohort: 1 })[0].themes).toEqual(['Speaking Up']);
  });

  it('an update replaces every list; a delete takes the lists with it', async () => {
    const db = await meetingsDb();
    const id = insertMeeting(db, draft(), '2026-03-02');
    updateMeeting(db, id, draft({ date: '2026-03-05', attended: ['003'], themes: [], actions: ['Only'], notes: 'moved' }));
    expect(listMeetings(db, { ids: [id] })[0]).toMatchObject({ date: '2026-03-05', attended: ['003'], themes: [], actions: ['Only'], notes: 'moved' });
    deleteMeeting(db, id);
    expect(listMeetings(db, { cohort: 1 })).toEqual([]);
    for (const table of ['meeting_attendance', 'meeting_themes', 'meeting_actions']) expect(db.prepare(`SELECT count(*) FROM ${table}`).pluck().get()).toBe(0);
  });

  it('lists by date, finds a meeting on a day, the dates, the themes by cohort and what a person attended', async () => {
    const db = await meetingsDb();
    const later = insertMeeting(db, draft({ date: '2026-05-01', attended: ['001'], themes: parseThemes(['Later']) }), '2026-05-01');
    const earlier = insertMeeting(db, draft({ date: '2026-02-01' }), '2026-02-01');
    expect(listMeetings(db, { cohort: 1 }).map((m) => m.id)).toEqual([earlier, later]);
    expect(listMeetings(db, { cohort: 2 })).toEqual([]);
    expect(meetingOn(db, 1, '2026-05-01')).toBe(later);
    expect(meetingOn(db, 1, '2026-05-01', later)).toBeNull();
    expect(meetingDates(db, 1)).toEqual(['2026-02-01', '2026-05-01']);
    expect(meetingThemes(db, [1, 2])).toEqual([
      { cohort: 1, theme: 'Speaking up' },
      { cohort: 1, theme: 'career progression' },
      { cohort: 1, theme: 'Later' },
    ]);
    expect(meetingsAttendedBy(db, '002')).toEqual([{ cohort: 1, date: '2026-02-01' }]);
  });

  it('reads the cohort members with what ends their taking part', async () => {
    const db = await meetingsDb();
    withdrawEnrolments(db, 1, ['003'], '2026-04-01', 'moved');
    db.prepare("UPDATE staff SET active = 0, left_on = '2026-05-01' WHERE staff_id = '002'").run();
    expect(cohortMembers(db, 1)).toEqual([
      { staffId: '001', name: 'Margaret Ellison', withdrawnOn: null, leftOn: null, forgotten: false },
      { staffId: '002', name: 'Chloe Adebayo', withdrawnOn: null, leftOn: '2026-05-01', forgotten: false },
      { staffId: '003', name: 'Fatima Begum', withdrawnOn: '2026-04-01', leftOn: null, forgotten: false },
    ]);
  });

  it('forgetting someone removes their attendance and keeps the meeting', async () => {
    const db = await meetingsDb();
    const id = insertMeeting(db, draft(), '2026-03-02');
    const { anonymousId } = erasePerson(db, '002', '2026-06-01');
    expect(listMeetings(db, { ids: [id] })[0].attended).toEqual(['001']);
    expect(meetingsAttendedBy(db, anonymousId)).toEqual([]);
    expect(cohortMembers(db, 1).find((m) => m.staffId === anonymousId)?.forgotten).toBe(true);
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });
});
