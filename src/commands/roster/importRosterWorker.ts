/**
 * The worker that reads a roster for import (io/tableWorker.ts), started by importRoster.ts for
 * a large file. For a first import into an empty staff table it does all but the writing:
 * reads, checks and plans each row (no lookups: nobody is known yet) and hands over the people
 * to insert; otherwise it splits the file, and the importing thread reads each record (which
 * needs the database: who is known, who was forgotten).
 */
import { RosterPlanner } from '../../domain/rosterPlan.js';
import { rosterFile } from '../../domain/rosterRows.js';
import { fieldColumn } from '../../io/tableFile.js';
import { serveCells, serveRows, workerSetup } from '../../io/tableWorker.js';
import { encodeAddedPerson, type RosterWorkerSetup } from './rosterBatches.js';

const { characteristics, firstImport } = workerSetup<RosterWorkerSetup>();

if (firstImport === null) serveCells(rosterFile(characteristics));
else {
  const { today, missingLeft } = firstImport;
  let planner: RosterPlanner | null = null;
  const unknown = () => false;
  serveRows(
    rosterFile(characteristics),
    (row, table, out) => {
      planner ??= new RosterPlanner({ missingLeft, columnOf: (field) => fieldColumn(table, field) });
      const decision = planner.row(row, undefined, unknown);
      // As on the importing thread: once any row is refused nothing will be kept, so nothing more is handed over.
      if (decision === null || table.problems.length > 0 || planner.problems.length > 0) return false;
      // Into an empty table every row planned is someone new.
      if (decision.kind !== 'added') throw new Error(`a first import planned ${row.staffId} as ${decision.kind}`);
      encodeAddedPerson(decision.after, row.role, today, out);
      return true;
    },
    (table) => (planner ?? new RosterPlanner({ missingLeft, columnOf: (field) => fieldColumn(table, field) })).tally(),
  );
}
