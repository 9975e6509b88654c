/**
 * Threshold compliance for one relationship as of a date (docs/compliance.md, "Status").
 * Pure: the as-of date is an argument, never "today".
 */
import { formatDate, type IsoDate } from './dates.js';
import { daysBetween, eachRelationshipMonth, lastsMonths, relationshipEnd, runsOn, wholeMonths, type LifeMonth, type MonthState } from './relationshipLife.js';

export interface Thresholds {
  minMonths: number;
  minPerMonth: number;
}

export type ComplianceStatus = 'met' | 'on track' | 'at risk' | 'breached';

/** A short current month with this many days left (as-of day included) is at risk. */
export const AT_RISK_DAYS = 7;

/** Date arithmetic lives with the relationship's life; re-exported for the callers that import it here. */
export { addDays, addMonths, daysBetween } from './relationshipLife.js';

/** A relationship month with its sessions; `state` says how the renderers show it. */
export interface RelationshipMonth extends LifeMonth {
  sessions: number;
}

export interface ComplianceInput {
  start: IsoDate;
  endedOn: IsoDate | null;
  plannedEnd: IsoDate;
  sessionDates: readonly IsoDate[];
}

export interface Compliance {
  status: ComplianceStatus;
  reasons: string[];
  months: RelationshipMonth[];
  monthsComplete: number;
  sessionsInCompleteMonths: number;
  sessions: number;
  rate: number | null;
  end: IsoDate;
  lastsMinimum: boolean;
  current: { index: number; from: IsoDate; to: IsoDate; sessions: number; daysLeft: number } | null;
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** "14 Aug to 13 Sep 2018", or "14 Dec 2018 to 13 Jan 2019" across a year end. */
function formatRange(from: IsoDate, to: IsoDate): string {
  const sameYear = from.slice(0, 4) === to.slice(0, 4);
  const fromText = sameYear ? formatDate(from).replace(/ \d+$/, '') : formatDate(from);
  return `${fromText} to ${formatDate(to)}`;
}

/**
 * Remembered, like the sentences below built on them: a cohort's relationships mostly share a
 * start, so a national report says the same few hundred things fifty thousand times, and one
 * string each is most of what it holds.
 */
const labels = new Map<string, string>();
function remembered(key: string, make: () => string): string {
  let text = labels.get(key);
  if (text === undefined) {
    text = make();
    if (labels.size > 50_000) labels.clear();
    labels.set(key, text);
  }
  return text;
}

/**
 * remembered, keyed by three parts in maps within maps instead of one key made of them: a
 * string built and hashed for every month label and reason (fifty thousand relationships)
 * cost more than the sentences themselves.
 */
type Part = string | number;
const byParts = new Map<Part, Map<Part, Map<Part, string>>>();
let partsHeld = 0;
function rememberedBy(a: Part, b: Part, c: Part, make: () => string): string {
  let inA = byParts.get(a);
  if (inA === undefined) {
    inA = new Map<Part, Map<Part, string>>();
    byParts.set(a, inA);
  }
  let inB = inA.get(b);
  if (inB === undefined) {
    inB = new Map<Part, string>();
    inA.set(b, inB);
  }
  let text = inB.get(c);
  if (text === undefined) {
    text = make();
    if (partsHeld >= 50_000) {
      // Held long enough: start again (the maps above go with the rest).
      byParts.clear();
      partsHeld = 0;
      inA = new Map<Part, Map<Part, string>>();
      byParts.set(a, inA);
      inB = new Map<Part, string>();
      inA.set(b, inB);
    }
    partsHeld += 1;
    inB.set(c, text);
  }
  return text;
}

function monthLabel(month: { index: number; from: IsoDate; to: IsoDate }): string {
  return rememberedBy(month.from, month.to, month.index, () => `month ${month.index}, ${formatRange(month.from, month.to)}`);
}

function sessionCount(sessions: number, minPerMonth: number): string {
  return `${sessions} of ${minPerMonth} ${minPerMonth === 1 ? 'session' : 'sessions'}`;
}

/** What compliance decides of a relationship, without its months or reasons: what the chase list needs. */
export interface Standing {
  status: ComplianceStatus;
  end: IsoDate;
  current: Compliance['current'];
}

/**
 * Each month's bounds, state and sessions for the relationship being assessed, kept from one
 * relationship to the next: the chase list assesses fifty thousand, and an object per month
 * for each was most of its garbage.
 */
const monthFrom: IsoDate[] = [];
const monthTo: IsoDate[] = [];
const monthState: MonthState[] = [];
let monthSessions = new Int32Array(64);

function keepMonth(index: number, from: IsoDate, to: IsoDate, state: MonthState): void {
  monthFrom[index - 1] = from;
  monthTo[index - 1] = to;
  monthState[index - 1] = state;
}

/** The decision, and what it rests on; its months are left in the arrays above. */
interface Tally extends Standing {
  months: number;
  monthsComplete: number;
  sessionsInCompleteMonths: number;
  sessions: number;
  lastsMinimum: boolean;
}

function tally(input: ComplianceInput, thresholds: Thresholds, asOf: IsoDate): Tally {
  const { start, endedOn, plannedEnd, sessionDates } = input;
  const { minMonths, minPerMonth } = thresholds;
  const life = { start, endedOn, plannedEnd };
  const end = relationshipEnd(life);
  // Sessions count up to the as-of date, or to the end once the relationship is over.
  const lastDay = asOf < end ? asOf : end;
  const months = eachRelationshipMonth(life, asOf, keepMonth);
  if (monthSessions.length < months) monthSessions = new Int32Array(months * 2);
  monthSessions.fill(0, 0, months);
  // One pass over the dates: the months run on from the start without a gap up to the one
  // holding the last day counted, so each counted date falls in exactly one (found from the
  // previous date's, which is next to it when the dates come in order).
  let sessions = 0;
  let at = 0;
  for (const date of sessionDates) {
    if (date < start || date > lastDay) continue;
    sessions += 1;
    while (date > monthTo[at]) at++;
    while (date < monthFrom[at]) at--;
    monthSessions[at] += 1;
  }

  // The complete months come first.
  let monthsComplete = 0;
  let sessionsInCompleteMonths = 0;
  let shortMonths = 0;
  while (monthsComplete < months && monthState[monthsComplete] === 'complete') {
    sessionsInCompleteMonths += monthSessions[monthsComplete];
    if (monthSessions[monthsComplete] < minPerMonth) shortMonths += 1;
    monthsComplete += 1;
  }
  const lastsMinimum = lastsMonths(start, end, minMonths);

  const last = months - 1;
  const current = runsOn(life, asOf)
    ? { index: last + 1, from: monthFrom[last], to: monthTo[last], sessions: monthSessions[last], daysLeft: daysBetween(asOf, monthTo[last]) + 1 }
    : null;

  let met = minMonths >= 0 && months >= minMonths;
  for (let i = 0; i < minMonths && met; i++) met = i < monthsComplete && monthSessions[i] >= minPerMonth;

  let status: ComplianceStatus;
  if (met) status = 'met';
  else if (shortMonths > 0 || !lastsMinimum) status = 'breached';
  else if (current && current.sessions < minPerMonth && current.daysLeft <= AT_RISK_DAYS) status = 'at risk';
  else status = 'on track';
  return { status, end, current, months, monthsComplete, sessionsInCompleteMonths, sessions, lastsMinimum };
}

/** assessCompliance's status, end and current month, without the months and reasons it also builds. */
export function complianceStanding(input: ComplianceInput, thresholds: Thresholds, asOf: IsoDate): Standing {
  const { status, end, current } = tally(input, thresholds, asOf);
  return { status, end, current };
}

export function assessCompliance(input: ComplianceInput, thresholds: Thresholds, asOf: IsoDate): Compliance {
  const { start, endedOn } = input;
  const { minMonths, minPerMonth } = thresholds;
  const tallied = tally(input, thresholds, asOf);
  const { status, end, current, monthsComplete, sessionsInCompleteMonths, sessions, lastsMinimum } = tallied;
  const months: RelationshipMonth[] = [];
  for (let i = 0; i < tallied.months; i++) {
    const state = monthState[i];
    months.push({ index: i + 1, from: monthFrom[i], to: monthTo[i], sessions: monthSessions[i], complete: state === 'complete', state });
  }

  const reasons: string[] = [];
  if (status === 'met') {
    reasons.push(
      rememberedBy(
        'met',
        minMonths,
        minPerMonth,
        () => `met: ${plural(minMonths, 'month', 'months')} complete, each with at least ${plural(minPerMonth, 'session', 'sessions')}`,
      ),
    );
  } else if (status === 'breached') {
    for (const month of months) {
      if (!month.complete || month.sessions >= minPerMonth) continue;
      const label = monthLabel(month);
      reasons.push(rememberedBy(label, month.sessions, minPerMonth, () => `${label}: ${sessionCount(month.sessions, minPerMonth)}`));
    }
    if (!lastsMinimum) {
      const how = endedOn ? 'ended' : 'planned to end';
      reasons.push(
        remembered(`${how}|${start}|${end}|${minMonths}`, () => {
          const lasted = wholeMonths(start, end);
          return `${how} ${formatDate(end)} after ${plural(lasted, 'month', 'months')}: under the ${minMonths}-month minimum`;
        }),
      );
    }
  } else if (status === 'at risk') {
    // At risk only in a current month.
    const month = current!;
    reasons.push(`${monthLabel(month)}: ${sessionCount(month.sessions, minPerMonth)}, ${plural(month.daysLeft, 'day', 'days')} left`);
  } else {
    if (asOf < start) reasons.push(`starts on ${formatDate(start)}`);
    else if (current) {
      reasons.push(`${monthLabel(current)}: ${sessionCount(current.sessions, minPerMonth)} so far, ${plural(current.daysLeft, 'day', 'days')} left`);
    } else reasons.push(`no month below ${plural(minPerMonth, 'session', 'sessions')}`);
  }

  return {
    status,
    reasons,
    months,
    monthsComplete,
    sessionsInCompleteMonths,
    sessions,
    rate: monthsComplete > 0 ? sessionsInCompleteMonths / monthsComplete : null,
    end,
    lastsMinimum,
    current,
  };
}
