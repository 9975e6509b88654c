/** `remedi staff list`: the people remedi knows and how it classified them, or those enrolled in one cohort with their role. */
import type { Context } from '../../cli/context.js';
import { eachListedStaff } from '../../store/staff.js';
import { page } from '../../ui/pager.js';
import { renderStaffList, staffCsvWriter, staffJson, staffJsonWriter, staffListSummary, type ListWriter, type StaffJson } from '../../ui/staffOutput.js';
import { existingCohort } from '../shared/resolveCohort.js';
import { readDatabase, refuseJsonAndCsv } from '../shared/skeleton.js';
import type { StaffListOptions } from './command.js';

export type { StaffJson } from '../../ui/staffOutput.js';

/** Lists the people; returns how many were listed. */
export async function runStaffList(options: StaffListOptions, context: Context): Promise<number> {
  refuseJsonAndCsv(options);
  const cohort = options.cohort !== undefined;
  // --json and --csv are written as SQLite reads the rows (a national roster is a million people);
  // the table, for a person at a terminal, is fitted to the whole list and paged.
  const table: StaffJson[] = [];
  const writer: ListWriter<StaffJson> = options.json
    ? staffJsonWriter((text) => context.out(text))
    : options.csv
      ? staffCsvWriter((text) => context.out(text), { cohort })
      : { add: (person) => void table.push(person), end: () => undefined };
  const { count, left } = await readDatabase(options, context, (db) => {
    if (options.cohort !== undefined) existingCohort(db, options.cohort);
    const tally = { count: 0, left: 0 };
    for (const person of eachListedStaff(db, options.cohort)) {
      const json = staffJson(person);
      writer.add(json);
      tally.count += 1;
      if (!json.active) tally.left += 1;
    }
    writer.end();
    return tally;
  });
  if (options.json) return count;
  if (count === 0) {
    context.err(cohort ? `Nobody is enrolled in cohort ${options.cohort} yet.\n` : 'Nobody yet: import a roster with remedi import roster.csv\n');
    return count;
  }
  if (!options.csv) page(context, renderStaffList(table, { cohort, dim: context.colour.out.dim, fit: context }));
  context.err(staffListSummary(count, left));
  return count;
}
