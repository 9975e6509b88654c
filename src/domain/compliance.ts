/**
 * Threshold compliance for one relationship as of a date (DOMAIN.md section 5).
 * Pure: the as-of date is an argument, never "today".
 */
import { daysInMonth, formatDate, isoDate, type IsoDate } from './dates.js';

export interface Thresholds {
  minMonths: number;
  minPerMonth: number;
}

export type ComplianceStatus = 'met' | 'on track' | 'at risk' | 'breached';

/** A short current month with this many days left (as-of day included) is at risk. */
export const AT_RISK_DAYS = 7;

const DAY_MS = 86_400_000;

function partsOf(date: IsoDate): [number, number, number] {
  return [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
}

function utcMs(date: IsoDate): number {
  const [year, month, day] = partsOf(date);
  return Date.UTC(year, month - 1, day);
}

/** date + n calendar months, clamped to the target month's last day (31 Jan + 1 = 28/29 Feb). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const [year, month, day] = partsOf(date);
  const total = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(total / 12);
  const targetMonth = total - targetYear * 12 + 1;
  return isoDate(targetYear, targetMonth, Math.min(day, daysInMonth(targetYear, targetMonth)));
}

/** date + n days (n may be negative). */
export function addDays(date: IsoDate, days: number): IsoDate {
  const moved = new Date(utcMs(date) + days * DAY_MS);
  return isoDate(moved.getUTCFullYear(), moved.getUTCMonth() + 1, moved.getUTCDate());
}

/** Whole days from a to b (b - a). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return Math.round((utcMs(b) - utcMs(a)) / DAY_MS);
}

export interface RelationshipMonth {
  index: number;
  from: IsoDate;
  to: IsoDate;
  sessions: number;
  complete: boolean;
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

const earlier = (a: IsoDate, b: IsoDate): IsoDate => (a <= b ? a : b);
const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** Month k is computed from the start (not chained), so a 31st start keeps coming back. */
/**
 * Month `index` of a relationship that started on `start`. Remembered: a cohort's
 * relationships mostly share a start date, and a report asks for tens of thousands.
 */
const rangeCache = new Map<string, { from: IsoDate; to: IsoDate }>();
function monthRange(start: IsoDate, index: number): { from: IsoDate; to: IsoDate } {
  const key = `${start}|${index}`;
  let range = rangeCache.get(key);
  if (range === undefined) {
    range = { from: addMonths(start, index - 1), to: addDays(addMonths(start, index), -1) };
    if (rangeCache.size > 50_000) rangeCache.clear();
    rangeCache.set(key, range);
  }
  return range;
}

/** "14 Aug to 13 Sep 2018", or "14 Dec 2018 to 13 Jan 2019" across a year end. */
function formatRange(from: IsoDate, to: IsoDate): string {
  const sameYear = from.slice(0, 4) === to.slice(0, 4);
  const fromText = sameYear ? formatDate(from).replace(/ \d+$/, '') : formatDate(from);
  return `${fromText} to ${formatDate(to)}`;
}

function monthLabel(month: { index: number; from: IsoDate; to: IsoDate }): string {
  return `month ${month.index}, ${formatRange(month.from, month.to)}`;
}

function sessionCount(sessions: number, minPerMonth: number): string {
  return `${sessions} of ${minPerMonth} ${minPerMonth === 1 ? 'session' : 'sessions'}`;
}

export function assessCompliance(input: ComplianceInput, thresholds: Thresholds, asOf: IsoDate): Compliance {
  const { start, endedOn, plannedEnd, sessionDates } = input;
  const { minMonths, minPerMonth } = thresholds;
  const end = endedOn ?? plannedEnd;
  // Months run to the as-of date, or to the end once the relationship is over.
  const lastDay = earlier(asOf, end);
  const counted = sessionDates.filter((date) => date >= start && date <= lastDay);

  const months: RelationshipMonth[] = [];
  if (start <= lastDay) {
    for (let index = 1; ; index++) {
      const { from, to } = monthRange(start, index);
      const sessions = counted.filter((date) => date >= from && date <= to).length;
      months.push({ index, from, to, sessions, complete: to <= asOf && to <= end });
      if (to >= lastDay) break;
    }
  }

  const completeMonths = months.filter((month) => month.complete);
  const sessionsInCompleteMonths = completeMonths.reduce((sum, month) => sum + month.sessions, 0);
  const lastsMinimum = end >= addDays(addMonths(start, minMonths), -1);

  const running = start <= asOf && asOf <= end;
  const currentMonth = running ? months[months.length - 1] : undefined;
  const current = currentMonth
    ? {
        index: currentMonth.index,
        from: currentMonth.from,
        to: currentMonth.to,
        sessions: currentMonth.sessions,
        daysLeft: daysBetween(asOf, currentMonth.to) + 1,
      }
    : null;

  const firstMonths = months.slice(0, minMonths);
  const met =
    firstMonths.length === minMonths && firstMonths.every((month) => month.complete && month.sessions >= minPerMonth);
  const shortMonths = completeMonths.filter((month) => month.sessions < minPerMonth);

  let status: ComplianceStatus;
  const reasons: string[] = [];
  if (met) {
    status = 'met';
    reasons.push(
      `met: ${plural(minMonths, 'month', 'months')} complete, each with at least ${plural(minPerMonth, 'session', 'sessions')}`,
    );
  } else if (shortMonths.length > 0 || !lastsMinimum) {
    status = 'breached';
    for (const month of shortMonths) reasons.push(`${monthLabel(month)}: ${sessionCount(month.sessions, minPerMonth)}`);
    if (!lastsMinimum) {
      const lasted = monthsEndingBy(start, end);
      const how = endedOn ? 'ended' : 'planned to end';
      reasons.push(
        `${how} ${formatDate(end)} after ${plural(lasted, 'month', 'months')}: under the ${minMonths}-month minimum`,
      );
    }
  } else if (current && current.sessions < minPerMonth && current.daysLeft <= AT_RISK_DAYS) {
    status = 'at risk';
    reasons.push(
      `${monthLabel(current)}: ${sessionCount(current.sessions, minPerMonth)}, ${plural(current.daysLeft, 'day', 'days')} left`,
    );
  } else {
    status = 'on track';
    if (asOf < start) reasons.push(`starts on ${formatDate(start)}`);
    else if (current) {
      reasons.push(
        `${monthLabel(current)}: ${sessionCount(current.sessions, minPerMonth)} so far, ${plural(current.daysLeft, 'day', 'days')} left`,
      );
    } else reasons.push(`no month below ${plural(minPerMonth, 'session', 'sessions')}`);
  }

  return {
    status,
    reasons,
    months,
    monthsComplete: completeMonths.length,
    sessionsInCompleteMonths,
    sessions: counted.length,
    rate: completeMonths.length > 0 ? sessionsInCompleteMonths / completeMonths.length : null,
    end,
    lastsMinimum,
    current,
  };
}

/** How many whole relationship months end on or before the end date. */
function monthsEndingBy(start: IsoDate, end: IsoDate): number {
  let count = 0;
  while (monthRange(start, count + 1).to <= end) count++;
  return count;
}
