/** `remedi cohort meeting add N`: record a cohort meeting, checked whole and written in one transaction. */
import type { Context } from '../../cli/context.js';
import { cleanActions, cleanNotes, participantsOn } from '../../domain/meetings.js';
import { parseThemes } from '../../domain/sessions.js';
import { UsageError } from '../../errors.js';
import { cohortMembers, insertMeeting, listMeetings } from '../../store/meetings.js';
import { meetingJson, NOBODY_ATTENDED, renderMeetingSaved, type MeetingJson } from '../../ui/meetingOutput.js';
import { existingCohort } from '../shared/resolveCohort.js';
import { printJson, writeDatabase } from '../shared/skeleton.js';
import type { MeetingAddOptions } from './meetingCommand.js';
import { attendanceFlags, checkedMeeting } from './meetingCheck.js';

export async function runMeetingAdd(number: number, options: MeetingAddOptions, context: Context): Promise<MeetingJson> {
  const date = options.date;
  if (date === undefined) {
    throw new UsageError('A cohort meeting needs its --date.', {
      fix: `For example: remedi cohort meeting add ${number} --date ${context.today} --attended-all`,
    });
  }
  const attendance = attendanceFlags(options) ?? { all: false, people: [] };
  const { json, participants } = await writeDatabase(options, context, (db) => {
    const cohort = existingCohort(db, number);
    const fields = {
      date,
      attendance,
      themes: parseThemes(options.theme ?? []),
      actions: cleanActions(options.action ?? []),
      notes: cleanNotes(options.notes) ?? null,
    };
    const id = insertMeeting(db, checkedMeeting(db, cohort, fields, context.today, 'Nothing was recorded'), context.today);
    return { json: meetingJson(listMeetings(db, { ids: [id] })[0]), participants: participantsOn(cohortMembers(db, number), date).length };
  });
  if (options.json) printJson(context, json);
  else context.out(renderMeetingSaved({ ...json, participants }, 'Recorded'));
  if (json.attended.length === 0) context.err(NOBODY_ATTENDED.replace('ID', String(json.id)));
  return json;
}
