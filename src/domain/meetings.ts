/**
 * Cohort meetings (docs/outcomes.md, "Cohort meetings"): who may attend on a day, the checks a
 * meeting must pass before it is recorded, when the next one is due, and the report's section.
 * Pure: the store reads, the commands decide with these.
 */
import { formatDate, type IsoDate } from './dates.js';
import { addMonths } from './relationshipLife.js';
import { MAX_THEME_LENGTH, type Theme } from './sessions.js';

/** Someone ever enrolled in the cohort, with the days that end their taking part. */
export interface CohortMember {
  staffId: string;
  name: string;
  withdrawnOn: IsoDate | null;
  /** The day they left the trust, or null. */
  leftOn: IsoDate | null;
  /** Erased by `remedi forget`: their attendance went with them, so they are nobody's participant. */
  forgotten: boolean;
}

/**
 * A participant of the cohort on `day` (docs/outcomes.md, "Who attends"): enrolled, in any role,
 * and neither withdrawn from the cohort nor gone from the trust on or before that day.
 */
export function participatesOn(member: CohortMember, day: IsoDate): boolean {
  if (member.forgotten) return false;
  if (member.withdrawnOn !== null && member.withdrawnOn <= day) return false;
  return member.leftOn === null || member.leftOn > day;
}

/** Everyone taking part on `day`, by staff id. */
export function participantsOn(members: readonly CohortMember[], day: IsoDate): CohortMember[] {
  return members.filter((m) => participatesOn(m, day)).sort((a, b) => (a.staffId < b.staffId ? -1 : a.staffId > b.staffId ? 1 : 0));
}

/**
 * The cohort's participants as the report counts them (docs/outcomes.md, "In the report"): those
 * taking part on the report's day (the as-of day, or the cohort's end when that is earlier),
 * and anyone who came to a meeting up to it though they have since withdrawn or left. So who
 * attended none is someone still taking part, and a meeting's attendance never exceeds them.
 */
export function reportParticipants(members: readonly CohortMember[], cohort: { end: IsoDate }, asOf: IsoDate, attended: ReadonlySet<string>): CohortMember[] {
  const day = asOf < cohort.end ? asOf : cohort.end;
  return members
    .filter((m) => !m.forgotten && (participatesOn(m, day) || attended.has(m.staffId)))
    .sort((a, b) => (a.staffId < b.staffId ? -1 : a.staffId > b.staffId ? 1 : 0));
}

/** How many reportParticipants would give when nobody has attended a meeting: those taking part on the report's day. */
function countParticipants(members: Iterable<CohortMember>, cohort: { end: IsoDate }, asOf: IsoDate): number {
  const day = asOf < cohort.end ? asOf : cohort.end;
  let count = 0;
  for (const member of members) if (participatesOn(member, day)) count += 1;
  return count;
}

/** Why a meeting cannot be held on `date` in this cohort, or null: inside the cohort, and not in the future. */
export function meetingDateProblem(cohort: { number: number; start: IsoDate; end: IsoDate }, date: IsoDate, today: IsoDate): string | null {
  if (date > today) return `${formatDate(date)} is in the future; record a cohort meeting once it has happened`;
  if (date < cohort.start) return `cohort ${cohort.number} starts on ${formatDate(cohort.start)}, after ${formatDate(date)}`;
  if (date > cohort.end) return `cohort ${cohort.number} ended on ${formatDate(cohort.end)}, before ${formatDate(date)}`;
  return null;
}

/** A theme too long to be a tag, refused as a session's would be. */
export function themeProblems(themes: readonly Theme[]): string[] {
  return themes
    .filter((t) => t.label.length > MAX_THEME_LENGTH)
    .map((t) => `the theme "${t.label.slice(0, 20)}..." is longer than ${MAX_THEME_LENGTH} characters; themes are short tags`);
}

/** Actions as given: each trimmed, blanks dropped, in order (repeats kept: they were asked twice). */
export const cleanActions = (actions: readonly string[]): string[] => actions.map((a) => a.trim().replace(/\s+/g, ' ')).filter((a) => a !== '');

/** A blank note is no note. */
export const cleanNotes = (notes: string | undefined): string | null | undefined => (notes === undefined ? undefined : notes.trim() || null);

/** `report chase --json`'s "meeting": when the next cohort meeting is due, and whether it is overdue. */
export interface MeetingDue {
  due: IsoDate;
  /** The as-of day is after the due day (the due day itself is still on time). */
  overdue: boolean;
  /** The last meeting on or before the as-of day, or null. */
  last: IsoDate | null;
}

/**
 * When the next meeting is due (docs/outcomes.md, "When a meeting is due"): `meetEvery` months after
 * the last meeting up to the as-of day, or after the cohort's start when there was none yet. Null
 * when the cohort has no rhythm set.
 */
export function meetingDue(cohort: { start: IsoDate; meetEvery: number | null }, meetingDates: readonly IsoDate[], asOf: IsoDate): MeetingDue | null {
  if (cohort.meetEvery === null) return null;
  let last: IsoDate | null = null;
  for (const date of meetingDates) if (date <= asOf && (last === null || date > last)) last = date;
  const due = addMonths(last ?? cohort.start, cohort.meetEvery);
  return { due, overdue: asOf > due, last };
}

/** A recorded meeting as the report reads it. */
/** A meeting as recorded: `themes` by label (as first written, in the order given), `attended` by staff id. */
export interface RecordedMeeting {
  id: number;
  cohort: number;
  date: IsoDate;
  attended: string[];
  themes: string[];
  actions: string[];
  notes: string | null;
}

export interface MeetingRecord {
  id: number;
  date: IsoDate;
  /** Staff ids of those who came. */
  attended: readonly string[];
  /** Theme labels (as first written), in the order given. */
  themes: readonly string[];
  actions: readonly string[];
}

/**
 * The report's meetings section (docs/outcomes.md, "In the report"). `neverAttended` holds names
 * for the text formats; the JSON contract names them by staff id only (see toJSON).
 */
export interface MeetingsSection {
  held: number;
  participants: number;
  attendance: Array<{ date: IsoDate; attended: number }>;
  neverAttended: Array<{ staffId: string; name: string }>;
  themes: string[];
  actions: string[];
}

/** `report --json`'s "meetings". */
export interface MeetingsJson extends Omit<MeetingsSection, 'neverAttended'> {
  neverAttended: string[];
}

function meetingsJson(this: MeetingsSection): MeetingsJson {
  return { ...this, neverAttended: this.neverAttended.map((p) => p.staffId) };
}

/**
 * The meetings up to the as-of day: how many, attendance at each (a count; the share is of the
 * report's participants: reportParticipants), the participants who attended none, the themes agreed (distinct, in the
 * order first agreed) and the actions (by date, then as given).
 */
export function buildMeetingsSection(
  meetings: readonly MeetingRecord[],
  members: Iterable<CohortMember>,
  cohort: { end: IsoDate },
  asOf: IsoDate,
): MeetingsSection {
  const held = [...meetings].filter((m) => m.date <= asOf).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id - b.id));
  const came = new Set(held.flatMap((m) => m.attended));
  // Before any meeting only the number taking part is shown: counted one by one, none held (a cohort may have 100,000).
  const participants = held.length === 0 ? countParticipants(members, cohort, asOf) : reportParticipants([...members], cohort, asOf, came);
  const themes = new Map<string, string>();
  for (const meeting of held)
    for (const theme of meeting.themes) if (!themes.has(theme.toLocaleLowerCase('en-GB'))) themes.set(theme.toLocaleLowerCase('en-GB'), theme);
  const section: MeetingsSection = {
    held: held.length,
    participants: typeof participants === 'number' ? participants : participants.length,
    attendance: held.map((m) => ({ date: m.date, attended: m.attended.length })),
    // Nobody until a meeting has been held (docs/outcomes.md, "In the report").
    neverAttended: typeof participants === 'number' ? [] : participants.filter((p) => !came.has(p.staffId)).map((p) => ({ staffId: p.staffId, name: p.name })),
    themes: [...themes.values()],
    actions: held.flatMap((m) => m.actions),
  };
  // Not enumerable: the report's equality and its other formats see only the section's fields.
  Object.defineProperty(section, 'toJSON', { value: meetingsJson, enumerable: false });
  return section;
}

/** The share of the participants at a meeting, or null when there are none. */
export const attendanceShare = (attended: number, participants: number): number | null => (participants === 0 ? null : attended / participants);

/** The section as a report for publication holds it: who attended none as a count, no names. */
export type PublicationMeetings = Omit<MeetingsSection, 'neverAttended'> & { neverAttended: number };

export function publicationMeetings(section: MeetingsSection): PublicationMeetings {
  return {
    held: section.held,
    participants: section.participants,
    attendance: section.attendance,
    neverAttended: section.neverAttended.length,
    themes: section.themes,
    actions: section.actions,
  };
}
