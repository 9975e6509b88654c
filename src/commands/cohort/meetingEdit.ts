/** `remedi cohort meeting edit ID`: correct a meeting; each list given replaces the whole list, and the result is checked again. */
import type { Context } from '../../cli/context.js';
import { cleanActions, cleanNotes, participantsOn } from '../../domain/meetings.js';
import { parseThemes } from '../../domain/sessions.js';
import { UserError } from '../../errors.js';
import { cohortMembers, listMeetings, updateMeeting } from '../../store/meetings.js';
import { meetingJson, renderMeetingSaved, type MeetingJson } from '../../ui/meetingOutput.js';
import { existingCohort } from '../shared/resolveCohort.js';
import { printJson, writeDatabase } from '../shared/skeleton.js';
import type { MeetingEditOptions } from './meetingCommand.js';
import { attendanceFlags, checkedMeeting } from './meetingCheck.js';

export const meetingNotFound = (id: number): UserError =>
  new UserError(`There is no cohort meeting #${id}.`, { fix: 'See the meetings with remedi cohort meeting list <cohort>.' });

export async function runMeetingEdit(id: number, options: MeetingEditOptions, context: Context): Promise<MeetingJson> {
  const attendance = attendanceFlags(options);
  const { json, participants } = await writeDatabase(options, context, (db) => {
    const [before] = listMeetings(db, { ids: [id] });
    if (!before) throw meetingNotFound(id);
    const cohort = existingCohort(db, before.cohort);
    const date = options.date ?? before.date;
    const fields = {
      date,
      // Kept as they were, they are checked again: a new date may fall after someone withdrew.
      attendance: attendance ?? { all: false as const, people: before.attended },
      themes: parseThemes(options.theme ?? before.themes),
      actions: options.action === undefined ? before.actions : cleanActions(options.action),
      notes: cleanNotes(options.notes) === undefined ? before.notes : (cleanNotes(options.notes) ?? null),
    };
    updateMeeting(db, id, checkedMeeting(db, cohort, fields, context.today, 'Nothing was changed', id));
    return { json: meetingJson(listMeetings(db, { ids: [id] })[0]), participants: participantsOn(cohortMembers(db, cohort.number), date).length };
  });
  if (options.json) printJson(context, json);
  else context.out(renderMeetingSaved({ ...json, participants }, 'Updated'));
  return json;
}
