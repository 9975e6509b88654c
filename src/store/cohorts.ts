/** Cohorts, and who is enrolled in each with which programme role. */
import type { Cohort } from '../domain/cohorts.js';
import type { IsoDate } from '../domain/dates.js';
import type { CurrentEnrolment } from '../domain/enrolment.js';
import type { ProgrammeRole } from '../domain/staff.js';
import type { Db } from './db.js';

export type { Cohort };

interface CohortRow {
  number: number;
  name: string | null;
  start_date: string;
  end_date: string;
  min_months: number;
  min_per_month: number;
  meet_every: number | null;
}

const fromRow = (row: CohortRow): Cohort => ({
  number: row.number,
  name: row.name,
  start: row.start_date,
  end: row.end_date,
  minMonths: row.min_months,
  minPerMonth: row.min_per_month,
  meetEvery: row.meet_every,
});

export function getCohort(db: Db, number: number): Cohort | null {
  const row = db.prepare('SELECT * FROM cohorts WHERE number = ?').get(number) as CohortRow | undefined;
  return row ? fromRow(row) : null;
}

export function listCohorts(db: Db): Cohort[] {
  return (db.prepare('SELECT * FROM cohorts ORDER BY number').all() as CohortRow[]).map(fromRow);
}

/** Inserts or replaces a cohort's settings (callers check existence first). */
export function saveCohort(db: Db, cohort: Cohort): void {
  db.prepare(
    `INSERT INTO cohorts (number, name, start_date, end_date, min_months, min_per_month, meet_every)
     VALUES (@number, @name, @start, @end, @minMonths, @minPerMonth, @meetEvery)
     ON CONFLICT (number) DO UPDATE SET name = excluded.name, start_date = excluded.start_date,
       end_date = excluded.end_date, min_months = excluded.min_months, min_per_month = excluded.min_per_month,
       meet_every = excluded.meet_every`,
  ).run(cohort);
}

export interface EnrolmentCounts {
  mentor: number;
  mentee: number;
  either: number;
}

/** Counts of the people taking part in a cohort, by role (withdrawn people left out). */
export function enrolmentCounts(db: Db, cohort: number): EnrolmentCounts {
  const counts: EnrolmentCounts = { mentor: 0, mentee: 0, either: 0 };
  // Withdrawn people are no longer taking part (docs/programme-year.md, "Set by hand").
  const rows = db.prepare('SELECT role, count(*) AS n FROM enrolments WHERE cohort = ? AND withdrawn_on IS NULL GROUP BY role').all(cohort) as Array<{
    role: ProgrammeRole;
    n: number;
  }>;
  for (const row of rows) counts[row.role] = row.n;
  return counts;
}

/** Prepared enrolment upsert for a batch; call inside a transaction. */
export function enrolmentWriter(db: Db, cohort: number): (staffId: string, role: ProgrammeRole) => void {
  const upsert = db.prepare(
    `INSERT INTO enrolments (cohort, staff_id, role) VALUES (?, ?, ?)
     ON CONFLICT (cohort, staff_id) DO UPDATE SET role = excluded.role`,
  );
  return (staffId, role) => {
    upsert.run(cohort, staffId, role);
  };
}

export interface Enrolment extends CurrentEnrolment {
  withdrawReason: string | null;
}

/** Everyone ever enrolled in a cohort, withdrawn people too, by staff id. */
export function enrolmentsOf(db: Db, cohort: number): Map<string, Enrolment> {
  const rows = db.prepare('SELECT staff_id, role, withdrawn_on, withdraw_reason FROM enrolments WHERE cohort = ?').raw().all(cohort) as Array<
    [string, ProgrammeRole, string | null, string | null]
  >;
  return new Map(rows.map(([staffId, role, withdrawnOn, withdrawReason]) => [staffId, { role, withdrawnOn, withdrawReason }]));
}

/**
 * Enrols people by hand (`remedi cohort enrol`): sets their role and, for someone who
 * had withdrawn, takes them back. Call inside a transaction.
 */
export function enrolByHand(db: Db, cohort: number, people: ReadonlyArray<{ staffId: string; role: ProgrammeRole }>): void {
  const upsert = db.prepare(
    `INSERT INTO enrolments (cohort, staff_id, role) VALUES (?, ?, ?)
     ON CONFLICT (cohort, staff_id) DO UPDATE SET role = excluded.role, withdrawn_on = NULL, withdraw_reason = NULL`,
  );
  for (const person of people) upsert.run(cohort, person.staffId, person.role);
}

/** Marks enrolments withdrawn (kept, with the day and why). Call inside a transaction. */
export function withdrawEnrolments(db: Db, cohort: number, staffIds: readonly string[], on: IsoDate, reason: string | null): void {
  const update = db.prepare('UPDATE enrolments SET withdrawn_on = ?, withdraw_reason = ? WHERE cohort = ? AND staff_id = ?');
  for (const staffId of staffIds) update.run(on, reason, cohort, staffId);
}
