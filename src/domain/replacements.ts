/**
 * When a new relationship starts, whether it can last the cohort's minimum, and when an
 * existing one may be ended (docs/programme-year.md, "Replacements" and "A relationship's
 * life"). Pure: "today" is an argument.
 */
import type { Cohort } from './cohorts.js';
import { addDays, addMonths } from './compliance.js';
import { formatDate, type IsoDate } from './dates.js';

export type StartReason = 'given' | 'today' | 'cohort start';

export interface StartChoice {
  start: IsoDate;
  /** given: --start; today: the cohort is running; cohort start: before it starts, or recording one that ended. */
  reason: StartReason;
}

/**
 * The day new relationships start: the one given, else today while the cohort runs (a
 * replacement made mid-cohort), else the cohort's start (pairing before it starts, or
 * recording a cohort after it ended).
 */
export function chooseStart(cohort: Pick<Cohort, 'start' | 'end'>, today: IsoDate, given?: IsoDate): StartChoice {
  if (given !== undefined) return { start: given, reason: 'given' };
  if (cohort.start <= today && today <= cohort.end) return { start: today, reason: 'today' };
  return { start: cohort.start, reason: 'cohort start' };
}

export interface Shortfall {
  start: IsoDate;
  cohort: number;
  cohortEnd: IsoDate;
  minMonths: number;
  /** The cohort end that would let it last the minimum: start + minMonths months - 1 day. */
  endNeeded: IsoDate;
}

/**
 * Null when a relationship starting on `start` can last the cohort's minimum months before
 * the cohort ends (it lasts when its end is on or after start + minMonths months - 1 day).
 */
export function shortfall(start: IsoDate, cohort: Pick<Cohort, 'number' | 'end' | 'minMonths'>): Shortfall | null {
  const endNeeded = addDays(addMonths(start, cohort.minMonths), -1);
  if (endNeeded <= cohort.end) return null;
  return { start, cohort: cohort.number, cohortEnd: cohort.end, minMonths: cohort.minMonths, endNeeded };
}

/** "starting 15 Mar 2026, it cannot last 8 months before cohort 1 ends on 30 Sep 2026 (it would need to run to 14 Nov 2026)" */
export function describeShortfall(short: Shortfall, subject = 'it'): string {
  const months = short.minMonths === 1 ? '1 month' : `${short.minMonths} months`;
  return (
    `starting ${formatDate(short.start)}, ${subject} cannot last ${months} before cohort ${short.cohort} ends on ` +
    `${formatDate(short.cohortEnd)} (${subject} would need to run to ${formatDate(short.endNeeded)})`
  );
}

/** The way out of a shortfall: the command that makes the cohort long enough. */
export function shortfallFix(short: Shortfall): string {
  return `remedi cohort edit ${short.cohort} --end ${short.endNeeded}`;
}

export interface EndingTarget {
  id: number;
  cohort: number;
  start: IsoDate;
  endedOn: IsoDate | null;
  plannedEnd: IsoDate;
  /** Its latest recorded session, if any. */
  lastSession: { id: number; date: IsoDate } | null;
}

export interface Refusal {
  message: string;
  fix: string;
}

/**
 * Why a relationship cannot be ended on `on`, or null when it can: it must still be
 * running, `on` must be a day it runs (its start to its planned end), and no session
 * may be recorded after it.
 */
export function endingRefusal(relationship: EndingTarget, on: IsoDate, today: IsoDate): Refusal | null {
  const { id } = relationship;
  const kept = 'Its sessions are kept; see it with remedi pair list.';
  if (relationship.endedOn !== null) {
    return relationship.endedOn <= today
      ? { message: `Relationship #${id} already ended on ${formatDate(relationship.endedOn)}.`, fix: kept }
      : { message: `Relationship #${id} is already set to end on ${formatDate(relationship.endedOn)}.`, fix: kept };
  }
  if (relationship.plannedEnd < today) {
    return { message: `Relationship #${id} already ended on ${formatDate(relationship.plannedEnd)}, when cohort ${relationship.cohort} ended.`, fix: kept };
  }
  if (on < relationship.start) {
    return {
      message: `Relationship #${id} starts on ${formatDate(relationship.start)}, so it cannot end on ${formatDate(on)}.`,
      fix: 'Give an --on date on or after its start.',
    };
  }
  if (on > relationship.plannedEnd) {
    return {
      message: `Relationship #${id} is planned to end on ${formatDate(relationship.plannedEnd)}, with its cohort, so it cannot end later, on ${formatDate(on)}.`,
      fix: `Give an --on date on or before ${formatDate(relationship.plannedEnd)}.`,
    };
  }
  const last = relationship.lastSession;
  if (last !== null && last.date > on) {
    return {
      message: `Relationship #${id} has a session on ${formatDate(last.date)} (session #${last.id}), after ${formatDate(on)}.`,
      fix: `Give an --on date on or after ${formatDate(last.date)}, or correct the session first (remedi sessions edit ${last.id} --date ..., or remedi sessions delete ${last.id}).`,
    };
  }
  return null;
}
