/** `remedi cohort meeting list N`: a cohort's meetings, oldest first. */
import type { Context } from '../../cli/context.js';
import { participantsOn } from '../../domain/meetings.js';
import { cohortMembers, listMeetings } from '../../store/meetings.js';
import { staffFinder } from '../../store/staff.js';
import { MEETING_CSV_HEADER, meetingCsvRows, meetingJson, noMeetings, renderMeetingList, type MeetingJson } from '../../ui/meetingOutput.js';
import { existingCohort } from '../shared/resolveCohort.js';
import { printCsv, printJson, readDatabase, refuseJsonAndCsv } from '../shared/skeleton.js';
import type { MeetingListOptions } from './meetingCommand.js';

export async function runMeetingList(number: number, options: MeetingListOptions, context: Context): Promise<MeetingJson[]> {
  refuseJsonAndCsv(options);
  return readDatabase(options, context, (db) => {
    existingCohort(db, number);
    const members = cohortMembers(db, number);
    const meetings = listMeetings(db, { cohort: number }).map((m) => ({ ...meetingJson(m), participants: participantsOn(members, m.date).length }));
    const json = meetings.map(meetingJson);
    if (options.json) printJson(context, json);
    else if (options.csv) {
      const find = staffFinder(db);
      printCsv(
        context,
        MEETING_CSV_HEADER,
        meetingCsvRows(meetings, (id) => find(id)?.name ?? id),
      );
    } else if (meetings.length === 0) context.err(noMeetings(number));
    else context.out(renderMeetingList(meetings, context));
    return json;
  });
}
