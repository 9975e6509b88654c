/** The staff table: people as the rosters describe them, leavers kept with their history. */
import type { StaffFunction } from '../domain/functions.js';
import type { ProgrammeRole, StaffRecord } from '../domain/staff.js';
import type { IsoDate } from '../domain/dates.js';
import type { Db } from './db.js';

interface StaffRow {
  staff_id: string;
  name: string;
  email: string | null;
  department: string | null;
  job_title: string | null;
  staff_group: string | null;
  band: string | null;
  ethnicity: string | null;
  bme_override: number | null;
  functions: string | null;
  board_member: number;
  line_manager_id: string | null;
  race_trained: number;
  race_trained_on: string | null;
  capacity: number;
  active: number;
}

const flag = (value: boolean): number => (value ? 1 : 0);

function fromRow(row: StaffRow): StaffRecord {
  return {
    staffId: row.staff_id,
    name: row.name,
    email: row.email,
    department: row.department,
    jobTitle: row.job_title,
    staffGroup: row.staff_group,
    band: row.band,
    ethnicity: row.ethnicity,
    bmeOverride: row.bme_override === null ? null : row.bme_override === 1,
    functionsStated: row.functions === null ? null : (row.functions.split(';') as StaffFunction[]),
    boardMember: row.board_member === 1,
    lineManagerId: row.line_manager_id,
    raceTrained: row.race_trained === 1,
    raceTrainedOn: row.race_trained_on,
    capacity: row.capacity,
    active: row.active === 1,
  };
}

function toParams(person: StaffRecord) {
  return {
    staff_id: person.staffId,
    name: person.name,
    email: person.email,
    department: person.department,
    job_title: person.jobTitle,
    staff_group: person.staffGroup,
    band: person.band,
    ethnicity: person.ethnicity,
    bme_override: person.bmeOverride === null ? null : flag(person.bmeOverride),
    functions: person.functionsStated === null ? null : person.functionsStated.join(';'),
    board_member: flag(person.boardMember),
    line_manager_id: person.lineManagerId,
    race_trained: flag(person.raceTrained),
    race_trained_on: person.raceTrainedOn,
    capacity: person.capacity,
    active: flag(person.active),
  };
}

/** Everyone we know, keyed by staff id (leavers too). */
export function loadAllStaff(db: Db): Map<string, StaffRecord> {
  const rows = db.prepare('SELECT * FROM staff').all() as StaffRow[];
  return new Map(rows.map((row) => [row.staff_id, fromRow(row)]));
}

export interface StaffWriter {
  insert(person: StaffRecord): void;
  update(person: StaffRecord): void;
}

/** Prepared statements for a batch of writes; call inside a transaction. */
export function staffWriter(db: Db, today: IsoDate): StaffWriter {
  const insert = db.prepare(`
    INSERT INTO staff (staff_id, name, email, department, job_title, staff_group, band, ethnicity, bme_override,
      functions, board_member, line_manager_id, race_trained, race_trained_on, capacity, active, left_on, added_on, updated_on)
    VALUES (@staff_id, @name, @email, @department, @job_title, @staff_group, @band, @ethnicity, @bme_override,
      @functions, @board_member, @line_manager_id, @race_trained, @race_trained_on, @capacity, @active, NULL, @today, @today)`);
  const update = db.prepare(`
    UPDATE staff SET name = @name, email = @email, department = @department, job_title = @job_title,
      staff_group = @staff_group, band = @band, ethnicity = @ethnicity, bme_override = @bme_override,
      functions = @functions, board_member = @board_member, line_manager_id = @line_manager_id,
      race_trained = @race_trained, race_trained_on = @race_trained_on, capacity = @capacity, active = @active,
      left_on = CASE WHEN @active = 1 THEN NULL ELSE coalesce(left_on, @today) END,
      updated_on = @today
    WHERE staff_id = @staff_id`);
  return {
    insert: (person) => insert.run({ ...toParams(person), today }),
    update: (person) => update.run({ ...toParams(person), today }),
  };
}

export interface ListedStaff extends StaffRecord {
  /** Their role in the cohort asked for; absent when listing everyone. */
  role?: ProgrammeRole;
}

/** Everyone (leavers too), or one cohort's participants with their role; by staff id. */
export function listStaff(db: Db, cohort?: number): ListedStaff[] {
  if (cohort === undefined) {
    const rows = db.prepare('SELECT * FROM staff ORDER BY staff_id').all() as StaffRow[];
    return rows.map(fromRow);
  }
  const rows = db
    .prepare(
      `SELECT staff.*, enrolments.role AS role FROM enrolments JOIN staff USING (staff_id)
       WHERE enrolments.cohort = ? ORDER BY staff_id`,
    )
    .all(cohort) as Array<StaffRow & { role: ProgrammeRole }>;
  return rows.map((row) => ({ ...fromRow(row), role: row.role }));
}

export function countStaff(db: Db): number {
  return (db.prepare('SELECT count(*) AS n FROM staff').get() as { n: number }).n;
}

/** Records RACE training (a date, or null when only "yes" is known). Call inside a transaction. */
export function recordTraining(db: Db, staffIds: readonly string[], on: IsoDate | null, today: IsoDate): void {
  const update = db.prepare('UPDATE staff SET race_trained = 1, race_trained_on = ?, updated_on = ? WHERE staff_id = ?');
  for (const staffId of staffIds) update.run(on, today, staffId);
}
