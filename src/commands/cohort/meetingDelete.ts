/** `remedi cohort meeting delete ID`: delete a recorded meeting, asking first at a terminal (otherwise it needs --yes). */
import { promptsOf, type Context } from '../../cli/context.js';
import { UsageError } from '../../errors.js';
import { deleteMeeting, listMeetings } from '../../store/meetings.js';
import { describeMeeting } from '../../ui/meetingOutput.js';
import { withDatabase } from '../shared/skeleton.js';
import type { MeetingDeleteOptions } from './meetingCommand.js';
import { meetingNotFound } from './meetingEdit.js';

export async function runMeetingDelete(id: number, options: MeetingDeleteOptions, context: Context): Promise<void> {
  const deleted = await withDatabase(options, context, { create: false }, async (db) => {
    const [meeting] = listMeetings(db, { ids: [id] });
    if (!meeting) throw meetingNotFound(id);
    if (!options.yes) {
      if (!context.interactive) {
        throw new UsageError(`Deleting cohort meeting #${id} needs --yes when there is no terminal to confirm it.`, {
          fix: `remedi cohort meeting delete ${id} --yes`,
        });
      }
      const { confirmDelete } = await promptsOf(context);
      if (!(await confirmDelete(describeMeeting(meeting)))) return false;
    }
    db.transaction(() => deleteMeeting(db, id)).immediate();
    return true;
  });
  if (deleted) context.out(`Deleted cohort meeting #${id}.\n`);
  else context.err('Nothing was deleted.\n');
}
