/**
 * A relationship's life: when it ends, on which days it runs, until when it holds its
 * people, and what its months are (docs/programme-year.md, "A relationship's life").
 * The one home of the rule: compliance, the reports, the relationship list and the
 * store's queries (which mirror it in SQL, and are tested against it) all ask here.
 */
import { daysInMonth, isoDate, type IsoDate } from './dates.js';

/** What the rule needs of a relationship. */
export interface RelationshipDates {
  start: IsoDate;
  /** The day it was ended, or null. */
  endedOn: IsoDate | null;
  /** Its cohort's end. */
  plannedEnd: IsoDate;
}

const DAY_MS = 86_400_000;

function partsOf(date: IsoDate): [number, number, number] {
  return [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
}

/** Remembered: a report asks for the same few hundred days for every one of its relationships. */
const msCache = new Map<IsoDate, number>();
function utcMs(date: IsoDate): number {
  let ms = msCache.get(date);
  if (ms === undefined) {
    const [year, month, day] = partsOf(date);
    ms = Date.UTC(year, month - 1, day);
    if (msCache.size > 50_000) msCache.clear();
    msCache.set(date, ms);
  }
  return ms;
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

const earlier = (a: IsoDate, b: IsoDate): IsoDate => (a <= b ? a : b);

/** Its end: the day it was ended, else its planned end. A day it still runs. */
export function relationshipEnd(rel: RelationshipDates): IsoDate {
  return rel.endedOn ?? rel.plannedEnd;
}

/** Runs on `day`: from its start to its end, both inclusive. */
export function runsOn(rel: RelationshipDates, day: IsoDate): boolean {
  return rel.start <= day && day <= relationshipEnd(rel);
}

/** Runs on at least one day from `from` to `to` (both inclusive). */
export function runsBetween(rel: RelationshipDates, from: IsoDate, to: IsoDate): boolean {
  return rel.start <= to && relationshipEnd(rel) >= from && from <= to;
}

/** Over on `day`: its end has passed. */
export function isOver(rel: RelationshipDates, day: IsoDate): boolean {
  return day > relationshipEnd(rel);
}

/**
 * Holds its people (their capacity, their place in the cohort) on `day`: until the end of
 * its planned end day, but only until the start of the day it was ended, so a replacement
 * can be made the same day. One not yet started holds them already.
 */
export function holdsPeopleOn(rel: RelationshipDates, day: IsoDate): boolean {
  return rel.endedOn === null ? day <= rel.plannedEnd : day < rel.endedOn;
}

/**
 * Its mentee counts as paired in its cohort on `day`: it holds them on that day or, once
 * the cohort is over, on the cohort's last day (a past cohort's record is not paired twice,
 * but a relationship ended early leaves its mentee free for a replacement).
 */
export function holdsPlaceInCohortOn(rel: RelationshipDates, day: IsoDate): boolean {
  return holdsPeopleOn(rel, earlier(day, rel.plannedEnd));
}

/**
 * A month as a report shows it: *complete* once its last day is on or before both the
 * as-of day and the end; *cut short* when the relationship ends before the month's last
 * day and the as-of day has reached that end (from its last day on, the month can never
 * complete); else *current*, the month holding the as-of day. Never "running" once the
 * relationship is over.
 */
export type MonthState = 'complete' | 'current' | 'cut short';

export interface LifeMonth {
  index: number;
  from: IsoDate;
  to: IsoDate;
  state: MonthState;
  /** state === 'complete' (kept: the report JSON has always carried it). */
  complete: boolean;
}

/**
 * Month `index` of a relationship that started on `start`: start + (index-1) months to
 * the day before start + index months, each computed from the start (not chained), so a
 * 31st start keeps coming back. Remembered: a cohort's relationships mostly share a start.
 */
const rangeCache = new Map<IsoDate, Array<{ from: IsoDate; to: IsoDate }>>();
export function monthRange(start: IsoDate, index: number): { from: IsoDate; to: IsoDate } {
  return rangeIn(rangesFrom(start), start, index);
}

/** The months remembered for this start (looked up once by a caller that walks them all). */
function rangesFrom(start: IsoDate): Array<{ from: IsoDate; to: IsoDate }> {
  let ranges = rangeCache.get(start);
  if (ranges === undefined) {
    if (rangeCache.size > 5_000) rangeCache.clear();
    ranges = [];
    rangeCache.set(start, ranges);
  }
  return ranges;
}

function rangeIn(ranges: Array<{ from: IsoDate; to: IsoDate }>, start: IsoDate, index: number): { from: IsoDate; to: IsoDate } {
  let range = ranges[index];
  if (range === undefined) {
    range = { from: addMonths(start, index - 1), to: addDays(addMonths(start, index), -1) };
    // Small whole-number indexes only are kept (a sparse array would not be).
    if (index >= 0 && index <= 1_000 && Number.isInteger(index)) ranges[index] = range;
  }
  return range;
}

/**
 * Its months as of `asOf`: every month that starts on or before both the as-of day and its
 * end (a month starting after its end is never shown), each with its state.
 */
export function relationshipMonths(rel: RelationshipDates, asOf: IsoDate): LifeMonth[] {
  return relationshipMonthsAs(rel, asOf, (index, from, to, state, complete) => ({ index, from, to, state, complete }));
}

/**
 * Its months as relationshipMonths gives them, each made by `make` (so a caller that needs
 * its own shape, compliance's month with its sessions, builds one object a month, not two).
 */
export function relationshipMonthsAs<T>(
  rel: RelationshipDates,
  asOf: IsoDate,
  make: (index: number, from: IsoDate, to: IsoDate, state: MonthState, complete: boolean) => T,
): T[] {
  const months: T[] = [];
  eachRelationshipMonth(rel, asOf, (index, from, to, state, complete) => {
    months.push(make(index, from, to, state, complete));
  });
  return months;
}

/**
 * Visits its months as relationshipMonths gives them, in order, and returns how many there
 * are: for a caller that keeps what it needs of each month without an object per month (the
 * chase list walks fifty thousand relationships). The complete ones come first.
 */
export function eachRelationshipMonth(
  rel: RelationshipDates,
  asOf: IsoDate,
  visit: (index: number, from: IsoDate, to: IsoDate, state: MonthState, complete: boolean) => void,
): number {
  const end = relationshipEnd(rel);
  const lastDay = earlier(asOf, end);
  const ranges = rangesFrom(rel.start);
  let index = 1;
  for (; ; index++) {
    const { from, to } = rangeIn(ranges, rel.start, index);
    if (from > lastDay) break;
    const complete = to <= asOf && to <= end;
    const state: MonthState = complete ? 'complete' : asOf >= end ? 'cut short' : 'current';
    visit(index, from, to, state, complete);
  }
  return index - 1;
}

/** How many whole months from `start` end on or before `end`. */
export function wholeMonths(start: IsoDate, end: IsoDate): number {
  let count = 0;
  while (monthRange(start, count + 1).to <= end) count++;
  return count;
}

/** How many months from `start` touch the days up to `end`: whole ones, and a last part-month. */
export function monthsTouching(start: IsoDate, end: IsoDate): number {
  let count = 0;
  while (end >= start && monthRange(start, count + 1).from <= end) count++;
  return count;
}

/** Lasts `months` months: its end is on or after start + months - 1 day (1 Jan to 31 Aug is 8). */
export function lastsMonths(start: IsoDate, end: IsoDate, months: number): boolean {
  // The last day of month `months`: start + months - 1 day, remembered with the month.
  return end >= monthRange(start, months).to;
}

/** The index of the month (counted from `start`) that holds `day`, or null before the start. */
export function monthIndexOn(start: IsoDate, day: IsoDate): number | null {
  if (day < start) return null;
  let index = 1;
  while (monthRange(start, index).to < day) index++;
  return index;
}
