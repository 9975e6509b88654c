/**
 * Cohort meetings as `cohort meeting add`, `edit` and `list` print them: the JSON (a contract of
 * issue 16: the field names are relied on), the table and the CSV columns, in one place.
 */
import { formatDate } from '../domain/dates.js';
import type { RecordedMeeting } from '../domain/meetings.js';
import type { CsvCell } from '../io/csvOutput.js';
import { renderTable, type Fit } from './table.js';
import { visible } from './terminalText.js';

/** One meeting in `cohort meeting list --json`, and what add and edit print with --json: the meeting as recorded, fields in this order. */
export type MeetingJson = RecordedMeeting;

export function meetingJson(meeting: MeetingJson): MeetingJson {
  const { id, cohort, date, attended, themes, actions, notes } = meeting;
  return { id, cohort, date, attended: [...attended], themes: [...themes], actions: [...actions], notes };
}

export const MEETING_CSV_HEADER = ['meeting_id', 'cohort', 'date', 'attended', 'attended_ids', 'participants', 'themes', 'actions', 'notes'];

/** One row per meeting; names and ids joined with "; ", actions with " | " (an action may hold a ;). */
export function meetingCsvRows(meetings: readonly ListedMeeting[], nameOf: (staffId: string) => string): CsvCell[][] {
  return meetings.map((m) => [
    m.id,
    m.cohort,
    m.date,
    m.attended.map(nameOf).join('; '),
    m.attended.join('; '),
    m.participants,
    m.themes.join('; '),
    m.actions.join(' | '),
    m.notes,
  ]);
}

/** A meeting with how many took part in the cohort that day, for the share who came. */
export type ListedMeeting = MeetingJson & { participants: number };

const share = (attended: number, participants: number): string =>
  participants === 0 ? String(attended) : `${attended} of ${participants} (${Math.round((attended / participants) * 100)}%)`;

export function renderMeetingList(meetings: readonly ListedMeeting[], fit: Fit): string {
  return renderTable(
    ['Id', 'Date', 'Attended', 'Themes agreed', 'Actions', 'Notes'],
    meetings.map((m) => [
      `#${m.id}`,
      formatDate(m.date),
      share(m.attended.length, m.participants),
      m.themes.join('; '),
      m.actions.map((a, k) => `${k + 1}. ${a}`).join(' '),
      m.notes ?? '',
    ]),
    { fit, columns: { 'Themes agreed': { min: 12 }, Actions: { min: 12, priority: 2 }, Notes: { priority: 3 } } },
  );
}

/** "Recorded meeting #3 of cohort 1 on 15 Apr 2026: 8 of 10 participants came (80%); 2 themes agreed, 1 action." */
export function renderMeetingSaved(meeting: ListedMeeting, verb: 'Recorded' | 'Updated'): string {
  const n = meeting.attended.length;
  const came = meeting.participants === 0 ? `${n} came` : `${share(n, meeting.participants)} participants came`;
  const themes = `${meeting.themes.length} ${meeting.themes.length === 1 ? 'theme' : 'themes'} agreed`;
  const actions = `${meeting.actions.length} ${meeting.actions.length === 1 ? 'action' : 'actions'}`;
  return `${verb} meeting #${meeting.id} of cohort ${meeting.cohort} on ${formatDate(meeting.date)}: ${came}; ${themes}, ${actions}.\n`;
}

/** Said on stderr when a meeting is recorded with nobody attending. */
export const NOBODY_ATTENDED = 'Nobody is recorded as attending: add them with --attended or --attended-all (remedi cohort meeting edit ID).\n';

/** Said on stderr when a cohort has no meetings. */
export const noMeetings = (cohort: number): string =>
  `Cohort ${cohort} has no meetings recorded yet. Record one with: remedi cohort meeting add ${cohort} --date YYYY-MM-DD --attended-all\n`;

/** A meeting in one line, for the delete prompt: its themes are data, shown with visible escapes. */
export const describeMeeting = (meeting: MeetingJson): string =>
  `meeting #${meeting.id} of cohort ${meeting.cohort} on ${formatDate(meeting.date)}, ${meeting.attended.length} attended${
    meeting.themes.length > 0 ? `, themes ${visible(meeting.themes.join('; '))}` : ''
  }`;
