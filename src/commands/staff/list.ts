/** `remedi staff list`: the people remedi knows and how it classified them, or those enrolled in one cohort with their role. */
import type { Context } from '../../cli/context.js';
import { listStaff } from '../../store/staff.js';
import { page } from '../../ui/pager.js';
import { renderStaffList, staffJson, staffListCsv, staffListSummary, type StaffJson } from '../../ui/staffOutput.js';
import { existingCohort } from '../shared/resolveCohort.js';
import { printJson, readDatabase, refuseJsonAndCsv } from '../shared/skeleton.js';
import type { StaffListOptions } from './command.js';

export type { StaffJson } from '../../ui/staffOutput.js';

export async function runStaffList(options: StaffListOptions, context: Context): Promise<StaffJson[]> {
  refuseJsonAndCsv(options);
  const people = await readDatabase(options, context, (db) => {
    if (options.cohort !== undefined) existingCohort(db, options.cohort);
    return listStaff(db, options.cohort).map(staffJson);
  });
  const cohort = options.cohort !== undefined;
  if (options.json) {
    printJson(context, people);
    return people;
  }
  if (options.csv) context.out(staffListCsv(people, { cohort }));
  if (people.length === 0) {
    context.err(cohort ? `Nobody is enrolled in cohort ${options.cohort} yet.\n` : 'Nobody yet: import a roster with remedi import roster.csv\n');
    return people;
  }
  if (!options.csv) page(context, renderStaffList(people, { cohort, dim: context.colour.out.dim, fit: context }));
  context.err(staffListSummary(people));
  return people;
}
