/** `remedi pair list`: the saved relationships, as a table, JSON, or CSV for the introductions mail merge. */
import type { Context } from '../../cli/context.js';
import { loadRelationships, namesInRelationships } from '../../store/relationships.js';
import { staffFinder } from '../../store/staff.js';
import { page } from '../../ui/pager.js';
import { RELATIONSHIP_CSV_HEADER, relationshipCsvRows, relationshipJson, renderRelationships, type RelationshipJson } from '../../ui/relationshipOutput.js';
import { resolveCohort } from '../shared/resolveCohort.js';
import { printCsv, printJson, readDatabase, refuseJsonAndCsv } from '../shared/skeleton.js';
import type { PairListOptions } from './command.js';

export async function runPairList(options: PairListOptions, context: Context): Promise<RelationshipJson[]> {
  refuseJsonAndCsv(options);
  const list = await readDatabase(options, context, (db) => {
    if (options.cohort !== undefined) resolveCohort(db, options.cohort, context);
    const names = namesInRelationships(db);
    const list = loadRelationships(db, { cohort: options.cohort }).map((record) =>
      relationshipJson(record, (staffId) => names.get(staffId) ?? staffId, context.today),
    );
    if (options.csv) {
      const find = staffFinder(db);
      printCsv(
        context,
        RELATIONSHIP_CSV_HEADER,
        relationshipCsvRows(list, (staffId) => find(staffId) ?? null),
      );
    }
    return list;
  });
  if (options.json) printJson(context, list);
  else if (!options.csv && list.length > 0) page(context, renderRelationships(list, context));
  if (list.length === 0 && !options.json) context.err('No relationships yet. Propose some with remedi pair, then save them with --save.\n');
  return list;
}
