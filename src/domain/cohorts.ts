/** Cohort rules that need no database: which cohort a command means, and where a cohort is in its life. */
import type { IsoDate } from './dates.js';
import { monthIndexOn, monthsTouching } from './relationshipLife.js';

/** A cohort of the programme: its dates and its thresholds (docs/cohorts.md, "A cohort"). */
export interface Cohort {
  number: number;
  name: string | null;
  start: IsoDate;
  end: IsoDate;
  minMonths: number;
  minPerMonth: number;
  /** Months between cohort meetings, or null: no meeting is ever due (docs/outcomes.md, "When a meeting is due"). */
  meetEvery: number | null;
}

export interface CohortDates {
  number: number;
  start: IsoDate;
}

/**
 * The cohort a command acts on when none is named: the newest that has started
 * (latest start on or before today), else the newest. Null when there are none.
 */
export function defaultCohort<T extends CohortDates>(cohorts: readonly T[], today: IsoDate): T | null {
  const newestFirst = [...cohorts].sort((a, b) => (a.start === b.start ? b.number - a.number : a.start < b.start ? 1 : -1));
  return newestFirst.find((cohort) => cohort.start <= today) ?? newestFirst[0] ?? null;
}

/**
 * The cohort `report chase` acts on when none is named: the newest running today (latest
 * start among those from start to end), else as defaultCohort chooses.
 */
export function chaseCohort<T extends CohortDates & { end: IsoDate }>(cohorts: readonly T[], today: IsoDate): T | null {
  const running = cohorts.filter((cohort) => cohort.start <= today && today <= cohort.end);
  return defaultCohort(running, today) ?? defaultCohort(cohorts, today);
}

/**
 * The day a report of this cohort is as of (docs/programme-year.md, "Ended cohorts"): the
 * one asked for; else, once the cohort has ended, its end; else today.
 */
export function reportDay(cohort: { end: IsoDate }, today: IsoDate, asked: IsoDate | undefined): { asOf: IsoDate; atCohortEnd: boolean } {
  if (asked !== undefined) return { asOf: asked, atCohortEnd: false };
  if (cohort.end < today) return { asOf: cohort.end, atCohortEnd: true };
  return { asOf: today, atCohortEnd: false };
}

export type CohortState =
  { state: 'not started'; month: null; months: number } | { state: 'running'; month: number; months: number } | { state: 'ended'; month: null; months: number };

/**
 * Where a cohort is on `today`: not started, running (in month n of m, months counted from
 * its start as a relationship's are, m the months up to its end, a part-month rounded up),
 * or ended (its end has passed).
 */
export function cohortState(cohort: { start: IsoDate; end: IsoDate }, today: IsoDate): CohortState {
  const months = monthsTouching(cohort.start, cohort.end);
  if (today < cohort.start) return { state: 'not started', month: null, months };
  if (today > cohort.end) return { state: 'ended', month: null, months };
  return { state: 'running', month: monthIndexOn(cohort.start, today)!, months };
}

/** "running (month 3 of 9)", "not started", "ended". */
export function cohortStateText(state: CohortState): string {
  return state.state === 'running' ? `running (month ${state.month} of ${state.months})` : state.state;
}
