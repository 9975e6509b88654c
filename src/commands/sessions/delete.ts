/** `remedi sessions delete`: delete a recorded session, asking first at a terminal (otherwise it needs --yes). */
import { promptsOf, type Context } from '../../cli/context.js';
import { parseThemes } from '../../domain/sessions.js';
import { UsageError } from '../../errors.js';
import { loadRelationships } from '../../store/relationships.js';
import { listSessions, sessionWriter } from '../../store/sessions.js';
import { staffFinder } from '../../store/staff.js';
import { describeSession } from '../../ui/sessionOutput.js';
import { notFound, withDatabase } from '../shared/skeleton.js';
import type { SessionsDeleteOptions } from './command.js';

export async function runSessionsDelete(id: number, options: SessionsDeleteOptions, context: Context): Promise<void> {
  const deleted = await withDatabase(options, context, { create: false }, async (db) => {
    const [session] = listSessions(db, { ids: [id] });
    if (!session) throw notFound.session(id);
    if (!options.yes) {
      if (!context.interactive) {
        throw new UsageError(`Deleting session #${id} needs --yes when there is no terminal to confirm it.`, { fix: `remedi sessions delete ${id} --yes` });
      }
      const [relationship] = loadRelationships(db, { ids: [session.relationshipId] });
      const find = staffFinder(db);
      const summary = describeSession({ ...session, themes: parseThemes(session.themes) }, relationship, (sid) => find(sid)?.name ?? sid);
      const { confirmDelete } = await promptsOf(context);
      if (!(await confirmDelete(`session #${id} (${summary.replace(/\.$/, '')})`))) return false;
    }
    db.transaction(() => sessionWriter(db, context.today).remove(id)).immediate();
    return true;
  });
  if (deleted) context.out(`Deleted session #${id}.\n`);
  else context.err('Nothing was deleted.\n');
}
