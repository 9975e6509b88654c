/**
 * Cohort meetings (docs/outcomes.md, "Cohort meetings"): the meeting, who attended, the themes
 * agreed (the sessions' theme ids) and the actions, in the order given.
 */
import type { IsoDate } from '../domain/dates.js';
import type { CohortMember, RecordedMeeting } from '../domain/meetings.js';
import type { Theme } from '../domain/sessions.js';
import type { Db } from './db.js';

/** What is written for a meeting: every list whole (an edit replaces them). */
export interface MeetingDraft {
  cohort: number;
  date: IsoDate;
  attended: readonly string[];
  themes: readonly Theme[];
  actions: readonly string[];
  notes: string | null;
}

/** A cohort's meetings by date (then id), or those with these ids; every list in its order. */
export function listMeetings(db: Db, filter: { cohort?: number; ids?: readonly number[] }): RecordedMeeting[] {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  if (filter.cohort !== undefined) {
    where.push('m.cohort = @cohort');
    params.cohort = filter.cohort;
  }
  if (filter.ids !== undefined) {
    where.push('m.id IN (SELECT value FROM json_each(@ids))');
    params.ids = JSON.stringify(filter.ids);
  }
  const clause = where.length === 0 ? '' : `WHERE ${where.join(' AND ')}`;
  const rows = db.prepare(`SELECT m.id, m.cohort, m.date, m.notes FROM cohort_meetings m ${clause} ORDER BY m.date, m.id`).all(params) as Array<{
    id: number;
    cohort: number;
    date: IsoDate;
    notes: string | null;
  }>;
  const meetings = new Map<number, RecordedMeeting>(rows.map((row) => [row.id, { ...row, attended: [], themes: [], actions: [] }]));
  const each = (sql: string, into: (meeting: RecordedMeeting, value: string) => void) => {
    for (const [id, value] of db.prepare(sql).raw().all(params) as Array<[number, string]>) {
      const meeting = meetings.get(id);
      if (meeting) into(meeting, value);
    }
  };
  each(`SELECT a.meeting_id, a.staff_id FROM meeting_attendance a JOIN cohort_meetings m ON m.id = a.meeting_id ${clause} ORDER BY a.staff_id`, (m, v) =>
    m.attended.push(v),
  );
  each(
    `SELECT t.meeting_id, th.label FROM meeting_themes t JOIN themes th ON th.id = t.theme_id JOIN cohort_meetings m ON m.id = t.meeting_id ${clause} ORDER BY t.rowid`,
    (m, v) => m.themes.push(v),
  );
  each(`SELECT a.meeting_id, a.text FROM meeting_actions a JOIN cohort_meetings m ON m.id = a.meeting_id ${clause} ORDER BY a.meeting_id, a.position`, (m, v) =>
    m.actions.push(v),
  );
  return [...meetings.values()];
}

/** The meeting of this cohort already recorded on this day, other than `exceptId`, or null. */
export function meetingOn(db: Db, cohort: number, date: IsoDate, exceptId = -1): number | null {
  const id = db.prepare('SELECT id FROM cohort_meetings WHERE cohort = ? AND date = ? AND id <> ? LIMIT 1').pluck().get(cohort, date, exceptId) as
    number | undefined;
  return id ?? null;
}

/** Records a meeting; call inside a transaction. Returns its id. */
export function insertMeeting(db: Db, meeting: MeetingDraft, today: IsoDate): number {
  const id = Number(
    db.prepare('INSERT INTO cohort_meetings (cohort, date, notes, created_on) VALUES (?, ?, ?, ?)').run(meeting.cohort, meeting.date, meeting.notes, today)
      .lastInsertRowid,
  );
  attach(db, id, meeting);
  return id;
}

/** Replaces a meeting's date, notes and every list; call inside a transaction. */
export function updateMeeting(db: Db, id: number, meeting: MeetingDraft): void {
  db.prepare('UPDATE cohort_meetings SET date = ?, notes = ? WHERE id = ?').run(meeting.date, meeting.notes, id);
  for (const table of ['meeting_attendance', 'meeting_themes', 'meeting_actions']) db.prepare(`DELETE FROM ${table} WHERE meeting_id = ?`).run(id);
  attach(db, id, meeting);
}

/** Deletes a meeting with its attendance, themes and actions (ON DELETE CASCADE). */
export function deleteMeeting(db: Db, id: number): void {
  db.prepare('DELETE FROM cohort_meetings WHERE id = ?').run(id);
}

function attach(db: Db, id: number, meeting: MeetingDraft): void {
  const attend = db.prepare('INSERT OR IGNORE INTO meeting_attendance (meeting_id, staff_id) VALUES (?, ?)');
  for (const staffId of meeting.attended) attend.run(id, staffId);
  // The sessions' themes table: a theme agreed at a meeting is the same theme as in a session.
  const findTheme = db.prepare('SELECT id FROM themes WHERE key = ?').pluck();
  const newTheme = db.prepare('INSERT INTO themes (key, label) VALUES (?, ?)');
  const agree = db.prepare('INSERT OR IGNORE INTO meeting_themes (meeting_id, theme_id) VALUES (?, ?)');
  for (const theme of meeting.themes) {
    const themeId = (findTheme.get(theme.key) as number | undefined) ?? Number(newTheme.run(theme.key, theme.label).lastInsertRowid);
    agree.run(id, themeId);
  }
  const act = db.prepare('INSERT INTO meeting_actions (meeting_id, position, text) VALUES (?, ?, ?)');
  meeting.actions.forEach((text, position) => act.run(id, position + 1, text));
}

/**
 * An erased person's anonymous id (store/privacy.ts), told as store/people.ts's
 * `NOT LIKE 'forgotten-%'` tells it (SQLite's LIKE folds ASCII case).
 */
const isForgottenId = (staffId: string): boolean => staffId.length >= 10 && staffId.slice(0, 10).toLowerCase() === 'forgotten-';

/** Everyone ever enrolled in the cohort, withdrawn people too, with what ends their taking part. */
export function cohortMembers(db: Db, cohort: number): CohortMember[] {
  return [...eachCohortMember(db, cohort)];
}

/** The same, one at a time (a report that needs only to count them holds none). */
export function* eachCohortMember(db: Db, cohort: number): Generator<CohortMember> {
  const rows = db
    .prepare(
      `SELECT e.staff_id, s.name, e.withdrawn_on, s.left_on
       FROM enrolments e JOIN staff s ON s.staff_id = e.staff_id WHERE e.cohort = ? ORDER BY e.staff_id`,
    )
    .raw()
    .iterate(cohort) as IterableIterator<[string, string, IsoDate | null, IsoDate | null]>;
  // Erased people's anonymous ids told here, not by SQLite's LIKE per row (50 of 240 ms at a hundred thousand members).
  for (const [staffId, name, withdrawnOn, leftOn] of rows) yield { staffId, name, withdrawnOn, leftOn, forgotten: isForgottenId(staffId) };
}

/** The days this cohort met, oldest first. */
export function meetingDates(db: Db, cohort: number): IsoDate[] {
  return db.prepare('SELECT date FROM cohort_meetings WHERE cohort = ? ORDER BY date').pluck().all(cohort) as IsoDate[];
}

/** The label of every theme agreed at a meeting of these cohorts, with the cohort, one entry per meeting and theme. */
export function meetingThemes(db: Db, cohorts: readonly number[]): Array<{ cohort: number; theme: string }> {
  return (
    db
      .prepare(
        `SELECT m.cohort, th.label FROM meeting_themes t JOIN cohort_meetings m ON m.id = t.meeting_id JOIN themes th ON th.id = t.theme_id
         WHERE m.cohort IN (SELECT value FROM json_each(?)) ORDER BY m.date, m.id, t.rowid`,
      )
      .raw()
      .all(JSON.stringify(cohorts)) as Array<[number, string]>
  ).map(([cohort, theme]) => ({ cohort, theme }));
}

/** The meetings a person attended, by date: the cohort and the day (a subject access request's meetings.csv). */
export function meetingsAttendedBy(db: Db, staffId: string): Array<{ cohort: number; date: IsoDate }> {
  return db
    .prepare('SELECT m.cohort, m.date FROM meeting_attendance a JOIN cohort_meetings m ON m.id = a.meeting_id WHERE a.staff_id = ? ORDER BY m.date, m.id')
    .all(staffId) as Array<{ cohort: number; date: IsoDate }>;
}
