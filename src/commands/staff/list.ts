/** `remedi staff list`: the people remedi knows and how it classified them, or those enrolled in one cohort with their role. */
import type { Context } from '../../cli/context.js';
import type { Db } from '../../store/db.js';
import { enabledCharacteristics } from '../../store/characteristics.js';
import { eachListedStaff, staffCountEstimate } from '../../store/staff.js';
import { page } from '../../ui/pager.js';
import { renderStaffList, staffJsonOfList, staffListSummary, type StaffJson } from '../../ui/staffOutput.js';
import { existingCohort } from '../shared/resolveCohort.js';
import { readDatabase, refuseJsonAndCsv } from '../shared/skeleton.js';
import type { StaffListOptions } from './command.js';
import { listWriter, writeBlock } from './listBlock.js';
import type { listOnTwoThreads as ListOnTwoThreads } from './listSplit.js';

export type { StaffJson } from '../../ui/staffOutput.js';

/** Lists the people; returns how many were listed. */
export async function runStaffList(options: StaffListOptions, context: Context): Promise<number> {
  refuseJsonAndCsv(options);
  const cohort = options.cohort !== undefined;
  // --json and --csv are written as SQLite reads the rows (a national roster is a million people);
  // the table, for a person at a terminal, is fitted to the whole list and paged.
  const table: StaffJson[] = [];
  const { count, left } = await readDatabase(options, context, async (db) => {
    if (options.cohort !== undefined) existingCohort(db, options.cohort);
    if (!options.json && !options.csv) {
      const json = staffJsonOfList();
      const tally = { count: 0, left: 0 };
      for (const person of eachListedStaff(db, options.cohort)) {
        table.push(json(person));
        tally.count += 1;
        if (!person.active) tally.left += 1;
      }
      return tally;
    }
    // The enabled characteristics' values go into the JSON and CSV only, never the table beside a name.
    const format = { csv: options.csv === true, cohort, characteristics: enabledCharacteristics(db).map((c) => c.name) };
    const list = listWriter(format, (text) => context.out(text));
    const split = options.cohort === undefined ? await twoThreads(db, context) : null;
    let tally = { count: 0, left: 0 };
    if (split === null) writeBlock(list.rows(db, options.cohort), list, tally);
    else tally = await split.listOnTwoThreads(db, { format, list, out: (data) => context.out(data), block: split.block });
    list.writer.end();
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

/**
 * From how many people the whole list is read on two threads (listSplit.ts): below it, starting
 * a worker (loading its modules, opening its connection) costs more than it saves. Tests set
 * REMEDI_STAFF_LIST_SPLIT (people) and REMEDI_STAFF_LIST_BLOCK (people a block) to take the
 * two-thread path on a small roster.
 */
const SPLIT_FROM = 100_000;

async function twoThreads(db: Db, context: Context): Promise<{ listOnTwoThreads: typeof ListOnTwoThreads; block: number } | null> {
  const from = Number(context.env.REMEDI_STAFF_LIST_SPLIT ?? SPLIT_FROM);
  // A copy in memory (read-only media) has no file for a second connection.
  if (db.memory || staffCountEstimate(db) < from) return null;
  // Loaded only for a roster this large: a trust's list has no use for node:worker_threads.
  const split = await import('./listSplit.js');
  const block = Number(context.env.REMEDI_STAFF_LIST_BLOCK ?? split.BLOCK);
  return split.workerBuilt() && block >= 1 ? { listOnTwoThreads: split.listOnTwoThreads, block: Math.floor(block) } : null;
}
