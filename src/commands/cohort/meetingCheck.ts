/**
 * A cohort meeting checked whole before it is written, for add and edit alike: the day inside
 * the cohort, every person found and a participant on that day, themes short tags. Every problem
 * is named in one refusal (docs/outcomes.md, "Who attends").
 */
import { UsageError, UserError } from '../../errors.js';
import type { Cohort } from '../../domain/cohorts.js';
import { formatDate, type IsoDate } from '../../domain/dates.js';
import { meetingDateProblem, participantsOn, participatesOn, themeProblems, type CohortMember } from '../../domain/meetings.js';
import type { Theme } from '../../domain/sessions.js';
import type { Db } from '../../store/db.js';
import { cohortMembers, meetingOn, type MeetingDraft } from '../../store/meetings.js';
import { resolvePerson } from '../shared/resolvePerson.js';

/** Who came, as the flags say: the people named, or everyone taking part that day. */
export type Attendance = { all: true } | { all: false; people: readonly string[] };

/** --attended and --attended-all, or undefined when neither was given (an edit keeps who came). */
export function attendanceFlags(options: { attended?: string[]; attendedAll?: boolean }): Attendance | undefined {
  if (options.attendedAll && options.attended !== undefined) {
    throw new UsageError('Choose one of --attended and --attended-all.', { fix: '--attended-all already counts every participant of the cohort on that day.' });
  }
  if (options.attendedAll) return { all: true };
  // An empty value clears the list (edit: --attended "").
  if (options.attended !== undefined) return { all: false, people: options.attended.filter((p) => p.trim() !== '') };
  return undefined;
}

export interface MeetingFields {
  date: IsoDate;
  attendance: Attendance;
  themes: readonly Theme[];
  actions: readonly string[];
  notes: string | null;
}

/** The meeting as it will be written, or a UserError naming everything wrong with it. */
export function checkedMeeting(db: Db, cohort: Cohort, fields: MeetingFields, today: IsoDate, what: string, exceptId = -1): MeetingDraft {
  const problems: string[] = [];
  const dateProblem = meetingDateProblem(cohort, fields.date, today);
  if (dateProblem !== null) problems.push(`--date: ${dateProblem}`);
  const members = cohortMembers(db, cohort.number);
  const attended: string[] = [];
  if (fields.attendance.all) attended.push(...participantsOn(members, fields.date).map((m) => m.staffId));
  else {
    const byId = new Map(members.map((m) => [m.staffId, m]));
    for (const query of fields.attendance.people) {
      const source = `--attended ${JSON.stringify(query)}`;
      let person;
      try {
        person = resolvePerson(db, query);
      } catch (error) {
        if (!(error instanceof UserError)) throw error;
        problems.push(`${source}: ${error.message}`);
        continue;
      }
      const why = notTakingPart(byId.get(person.staffId), cohort.number, fields.date);
      if (why !== null) problems.push(`${source}: ${person.name} (${person.staffId}) ${why}`);
      else if (!attended.includes(person.staffId)) attended.push(person.staffId);
    }
  }
  for (const problem of themeProblems(fields.themes)) problems.push(`--theme: ${problem}`);
  const same = dateProblem === null ? meetingOn(db, cohort.number, fields.date, exceptId) : null;
  if (same !== null)
    problems.push(
      `--date: cohort ${cohort.number} already has a meeting on ${formatDate(fields.date)} (#${same}); correct it with remedi cohort meeting edit ${same}`,
    );
  if (problems.length > 0) {
    throw new UserError(`${what}: ${problems.length === 1 ? 'one problem' : `${problems.length} problems`}.`, {
      details: problems.map((p) => `  ${p}`),
      fix: problems.some((p) => p.startsWith('--attended'))
        ? `Only the cohort's participants on the day can attend; see them with remedi staff list --cohort ${cohort.number}.`
        : `A cohort ${cohort.number} meeting is on a day from ${formatDate(cohort.start)} to ${formatDate(cohort.end)}, up to today.`,
    });
  }
  return { cohort: cohort.number, date: fields.date, attended: attended.sort(), themes: fields.themes, actions: fields.actions, notes: fields.notes };
}

/** Why this person is not a participant of the cohort on the day, or null when they are. */
function notTakingPart(member: CohortMember | undefined, cohort: number, day: IsoDate): string | null {
  if (member === undefined) return `is not enrolled in cohort ${cohort}`;
  if (participatesOn(member, day)) return null;
  if (member.withdrawnOn !== null && member.withdrawnOn <= day)
    return `withdrew from cohort ${cohort} on ${formatDate(member.withdrawnOn)}, by ${formatDate(day)}`;
  if (member.leftOn !== null && member.leftOn <= day) return `left the trust on ${formatDate(member.leftOn)}, by ${formatDate(day)}`;
  return `is not taking part in cohort ${cohort} on ${formatDate(day)}`;
}
