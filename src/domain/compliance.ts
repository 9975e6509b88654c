/**
 * Threshold compliance for one relationship as of a date (docs/compliance.md, "Status").
 * Pure: the as-of date is an argument, never "today".
 */
import { formatDate, type IsoDate } from './dates.js';
import { daysBetween, lastsMonths, relationshipEnd, relationshipMonthsAs, runsOn, wholeMonths, type LifeMonth } from './relationshipLife.js';

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

export function assessCompliance(input: ComplianceInput, thresholds: Thresholds, asOf: IsoDate): Compliance {
  const { start, endedOn, plannedEnd, sessionDates } = input;
  const { minMonths, minPerMonth } = thresholds;
  const life = { start, endedOn, plannedEnd };
  const end = relationshipEnd(life);
  // Sessions count up to the as-of date, or to the end once the relationship is over.
  const lastDay = asOf < end ? asOf : end;
  const months: RelationshipMonth[] = relationshipMonthsAs(life, asOf, (index, from, to, state, complete) => ({
    index,
    from,
    to,
    sessions: 0,
    complete,
    state,
  }));
  // One pass over the dates: the months run on from the start without a gap up to the one
  // holding the last day counted, so each counted date falls in exactly one (found from the
  // previous date's, which is next to it when the dates come in order).
  let sessions = 0;
  let at = 0;
  for (const date of sessionDates) {
    if (date < start || date > lastDay) continue;
    sessions += 1;
    while (date > months[at].to) at++;
    while (date < months[at].from) at--;
    months[at].sessions += 1;
  }

  // Plain loops: a national report assesses fifty thousand relationships, and an array per filter is garbage.
  let monthsComplete = 0;
  let sessionsInCompleteMonths = 0;
  let shortMonths: RelationshipMonth[] | null = null;
  for (const month of months) {
    if (!month.complete) continue;
    monthsComplete += 1;
    sessionsInCompleteMonths += month.sessions;
    if (month.sessions < minPerMonth) (shortMonths ??= []).push(month);
  }
  const lastsMinimum = lastsMonths(start, end, minMonths);

  const currentMonth = runsOn(life, asOf) ? months[months.length - 1] : undefined;
  const current = currentMonth
    ? {
        index: currentMonth.index,
        from: currentMonth.from,
        to: currentMonth.to,
        sessions: currentMonth.sessions,
        daysLeft: daysBetween(asOf, currentMonth.to) + 1,
      }
    : null;

  let met = minMonths >= 0 && months.length >= minMonths;
  for (let i = 0; i < minMonths && met; i++) met = months[i].complete && months[i].sessions >= minPerMonth;

  let status: ComplianceStatus;
  const reasons: string[] = [];
  if (met) {
    status = 'met';
    reasons.push(
      rememberedBy(
        'met',
        minMonths,
        minPerMonth,
        () => `met: ${plural(minMonths, 'month', 'months')} complete, each with at least ${plural(minPerMonth, 'session', 'sessions')}`,
      ),
    );
  } else if (shortMonths !== null || !lastsMinimum) {
    status = 'breached';
    for (const month of shortMonths ?? []) {
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
  } else if (current && current.sessions < minPerMonth && current.daysLeft <= AT_RISK_DAYS) {
    status = 'at risk';
    reasons.push(`${monthLabel(current)}: ${sessionCount(current.sessions, minPerMonth)}, ${plural(current.daysLeft, 'day', 'days')} left`);
  } else {
    status = 'on track';
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
