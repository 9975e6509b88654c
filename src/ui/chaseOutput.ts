/**
 * `remedi report chase`: its JSON (the contract of issue 11), its mail-merge CSV, and what it
 * says on stderr; its table is ui/chaseTable.ts. Whom to chase is domain/chase.ts's decision.
 */
import type { ChalkInstance } from 'chalk';
import type { ChaseItem, ReplacementItem } from '../domain/chase.js';
import type { MeetingDue } from '../domain/meetings.js';
import { formatDate, type IsoDate } from '../domain/dates.js';
import { toCsv } from '../io/csvOutput.js';
import { NEEDS_REPLACEMENT_HEADING, replacementText } from './reportParts.js';
import { wrapLines } from './table.js';

/** `report chase --json`. Field names and their order are a contract. */
export interface ChaseJson {
  cohort: number;
  asOf: IsoDate;
  chase: ChaseItem[];
  needsReplacement: ReplacementItem[];
  /** When the next cohort meeting is due (docs/outcomes.md, "When a meeting is due"); null when the cohort has no --meet-every, or has ended. */
  meeting: MeetingDue | null;
}

export function chaseJson(
  cohort: number,
  asOf: IsoDate,
  items: readonly ChaseItem[],
  needsReplacement: ReplacementItem[],
  meeting: MeetingDue | null = null,
): ChaseJson {
  return {
    cohort,
    asOf,
    chase: items.map(({ id, cohort: c, mentee, mentors, status, sessionsNeeded, by, daysLeft }) => ({
      id,
      cohort: c,
      mentee,
      mentors,
      status,
      sessionsNeeded,
      by,
      daysLeft,
    })),
    needsReplacement,
    meeting: meeting === null ? null : { due: meeting.due, overdue: meeting.overdue, last: meeting.last },
  };
}

/**
 * The cohort meeting line: "Cohort meeting overdue: due 5 Apr 2026 (last held 5 Jan 2026)." or
 * "Next cohort meeting due by 5 Jul 2026 (none held yet).", and, when that day is after the
 * cohort's end, that none is due before it ends.
 */
export function meetingDueText(meeting: MeetingDue, cohortEnd: IsoDate, colour: Pick<ChalkInstance, 'yellow'>): string {
  const last = meeting.last === null ? 'none held yet' : `last held ${formatDate(meeting.last)}`;
  if (meeting.overdue) return `${colour.yellow('Cohort meeting overdue')}: it was due by ${formatDate(meeting.due)} (${last}).\n`;
  if (meeting.due > cohortEnd) return `No cohort meeting is due before the cohort ends on ${formatDate(cohortEnd)} (${last}).\n`;
  return `Next cohort meeting due by ${formatDate(meeting.due)} (${last}).\n`;
}

/** `report chase --csv`: names and emails for a mail merge; several mentors joined with "; ". */
export function chaseCsv(items: readonly ChaseItem[], emailOf: (staffId: string) => string | null): string {
  return toCsv(
    ['id', 'cohort', 'status', 'sessions_needed', 'by', 'days_left', 'mentee_id', 'mentee_name', 'mentee_email', 'mentor_names', 'mentor_emails'],
    items.map((item) => [
      item.id,
      item.cohort,
      item.status,
      item.sessionsNeeded,
      item.by,
      item.daysLeft,
      item.mentee.staffId,
      item.mentee.name,
      emailOf(item.mentee.staffId),
      item.mentors.map((m) => m.name).join('; '),
      item.mentors
        .map((m) => emailOf(m.staffId))
        .filter(Boolean)
        .join('; '),
    ]),
  );
}

/** The relationships that need a new mentor or mentee, listed apart under their heading (after a blank line when the table came first). */
export function renderNeedsReplacement(
  needsReplacement: readonly ReplacementItem[],
  { afterTable, width = null }: { afterTable: boolean; width?: number | null },
): string {
  const text = `${NEEDS_REPLACEMENT_HEADING}\n${needsReplacement.map((item) => `  ${replacementText(item)}`).join('\n')}`;
  return `${afterTable ? '\n' : ''}${width ? wrapLines(text, width) : text}\n`;
}

/** What chase says on stderr. */
export const chaseNotes = {
  ended: (cohort: number, end: IsoDate): string => `Cohort ${cohort} ended on ${formatDate(end)}: nothing to chase.\n`,
  nobody: (cohort: number, asOf: IsoDate, othersNeedReplacement: boolean): string =>
    `Nobody to chase in cohort ${cohort} as of ${formatDate(asOf)}: every ${othersNeedReplacement ? 'other ' : ''}running relationship has its sessions for this month.\n`,
  noneRunning: (cohort: number, asOf: IsoDate): string =>
    `Nobody to chase in cohort ${cohort} as of ${formatDate(asOf)}: it has no running relationships (propose and save them with remedi pair --save).\n`,
  count: (n: number, asOf: IsoDate): string =>
    `${n} ${n === 1 ? 'relationship needs' : 'relationships need'} chasing this month (as of ${formatDate(asOf)}).\n`,
  breachedStillRunning: 'A breached relationship here is still running: its sessions still count for the cohort.\n',
  notInFile: (n: number): string => `${needsReplacementCount(n)} not in this file: see remedi report chase.\n`,
  endAndReplace: (n: number): string => `${needsReplacementCount(n)}: end ${n === 1 ? 'it' : 'each'} and pair a replacement.\n`,
};

const needsReplacementCount = (n: number): string => `${n} ${n === 1 ? 'relationship needs' : 'relationships need'} a new mentor or mentee`;
