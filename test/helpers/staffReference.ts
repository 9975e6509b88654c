/**
 * `staff list --json`/`--csv` and `staff find` as they were before the rows were streamed
 * (issue 15): every row read at once, one record each, one text of the whole list. Kept as
 * the expectation the streamed output must equal byte for byte.
 */
import type { Db } from '../../src/store/db.js';
import { staffFromRow, type StaffRow } from '../../src/store/staff.js';
import { foldText } from '../../src/domain/people.js';
import type { ProgrammeRole, StaffRecord } from '../../src/domain/staff.js';
import { staffJson, staffListCsv } from '../../src/ui/staffOutput.js';

function listedAtOnce(db: Db, cohort?: number) {
  if (cohort === undefined) return (db.prepare('SELECT * FROM staff ORDER BY staff_id').all() as StaffRow[]).map(staffFromRow);
  const rows = db
    .prepare(
      `SELECT staff.*, enrolments.role AS role FROM enrolments JOIN staff USING (staff_id)
       WHERE enrolments.cohort = ? AND enrolments.withdrawn_on IS NULL ORDER BY staff_id`,
    )
    .all(cohort) as Array<StaffRow & { role: ProgrammeRole }>;
  return rows.map((row) => ({ ...staffFromRow(row), role: row.role }));
}

/** What `staff list --json` printed on stdout: printJson of the whole list. */
export function staffListJsonAtOnce(db: Db, cohort?: number): string {
  return `${JSON.stringify(listedAtOnce(db, cohort).map(staffJson), null, 2)}\n`;
}

/** What `staff list --csv` printed on stdout: one toCsv of the whole list. */
export function staffListCsvAtOnce(db: Db, cohort?: number): string {
  return staffListCsv(listedAtOnce(db, cohort).map(staffJson), { cohort: cohort !== undefined });
}

const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** `staff find`'s one query: every match sorted, active people first, then by staff id. */
export function searchStaffSorted(db: Db, text: string, limit: number): { people: StaffRecord[]; more: boolean } {
  const pattern = `%${escapeLike(foldText(text))}%`;
  const rows = db
    .prepare(
      `SELECT * FROM staff WHERE (name_key LIKE @pattern ESCAPE '\\' OR lower(email) LIKE @pattern ESCAPE '\\' OR staff_id LIKE @raw ESCAPE '\\')
       AND staff_id NOT LIKE 'forgotten-%' ORDER BY active DESC, staff_id LIMIT @limit`,
    )
    .all({ pattern, raw: `%${escapeLike(text.trim())}%`, limit: limit + 1 }) as StaffRow[];
  return { people: rows.slice(0, limit).map(staffFromRow), more: rows.length > limit };
}
