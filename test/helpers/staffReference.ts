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

/**
 * Each person's JSON with the enabled characteristics (issue 17), read here with plain queries:
 * every value of every enabled one, unknown where no row is, in the enabled order (remedi's
 * first, then the trust's by name); no key at all when none is enabled.
 */
function jsonWithCharacteristics(db: Db, cohort?: number) {
  const builtIn = ['disability', 'sex', 'sexual_orientation', 'religion'];
  const rank = (name: string) => (builtIn.includes(name) ? builtIn.indexOf(name) : builtIn.length);
  const enabled = (db.prepare('SELECT name FROM characteristics').pluck().all() as string[]).sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : 1));
  const values = new Map<string, string>();
  for (const row of db.prepare('SELECT staff_id, name, value FROM staff_characteristics').all() as Array<{ staff_id: string; name: string; value: string }>)
    values.set(`${row.staff_id}\u0000${row.name}`, row.value);
  return {
    enabled,
    people: listedAtOnce(db, cohort).map((person) => {
      const json = staffJson(person);
      if (enabled.length > 0)
        json.characteristics = Object.fromEntries(enabled.map((name) => [name, values.get(`${person.staffId}\u0000${name}`) ?? 'unknown'])) as NonNullable<
          typeof json.characteristics
        >;
      return json;
    }),
  };
}

/** What `staff list --json` printed on stdout: printJson of the whole list. */
export function staffListJsonAtOnce(db: Db, cohort?: number): string {
  return `${JSON.stringify(jsonWithCharacteristics(db, cohort).people, null, 2)}\n`;
}

/** What `staff list --csv` printed on stdout: one toCsv of the whole list. */
export function staffListCsvAtOnce(db: Db, cohort?: number): string {
  const { enabled, people } = jsonWithCharacteristics(db, cohort);
  return staffListCsv(people, { cohort: cohort !== undefined, characteristics: enabled });
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
