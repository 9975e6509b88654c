/** `remedi pair end`: end a running relationship early; its sessions are kept. */
import type { Context } from '../../cli/context.js';
import { endingRefusal } from '../../domain/replacements.js';
import { UserError } from '../../errors.js';
import { endRelationship, loadRelationships, namesInRelationships } from '../../store/relationships.js';
import { lastSessions } from '../../store/sessions.js';
import { endedRelationshipText, relationshipJson, type RelationshipJson } from '../../ui/relationshipOutput.js';
import { notFound, printJson, writeDatabase } from '../shared/skeleton.js';
import type { PairEndOptions } from './command.js';

export async function runPairEnd(id: number, options: PairEndOptions, context: Context): Promise<RelationshipJson> {
  const json = await writeDatabase(options, context, (db) => {
    const [record] = loadRelationships(db, { ids: [id] });
    if (!record) throw notFound.relationship(id);
    const on = options.on ?? context.today;
    // docs/programme-year.md, "Replacements": still running, a day it runs, not before its last session.
    const refusal = endingRefusal({ ...record, lastSession: lastSessions(db, [id]).get(id) ?? null }, on, context.today);
    if (refusal) throw new UserError(refusal.message, { fix: refusal.fix });
    endRelationship(db, id, on, options.reason?.trim() || null);
    const [ended] = loadRelationships(db, { ids: [id] });
    const names = namesInRelationships(db);
    return relationshipJson(ended, (staffId) => names.get(staffId) ?? staffId, context.today);
  });
  if (options.json) printJson(context, json);
  else context.out(endedRelationshipText(json));
  return json;
}
