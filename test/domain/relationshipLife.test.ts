import { describe, expect, it } from 'vitest';
import {
  holdsPeopleOn,
  holdsPlaceInCohortOn,
  isOver,
  lastsMonths,
  monthIndexOn,
  monthsTouching,
  relationshipEnd,
  relationshipMonths,
  runsBetween,
  runsOn,
  wholeMonths,
  type MonthState,
  type RelationshipDates,
} from '../../src/domain/relationshipLife.js';

// Starts 5 Jan 2026; its cohort ends 30 Sep 2026.
const planned: RelationshipDates = { start: '2026-01-05', endedOn: null, plannedEnd: '2026-09-30' };
const endedEarly: RelationshipDates = { ...planned, endedOn: '2026-04-20' };

describe('relationshipEnd', () => {
  it.each<[string, RelationshipDates, string]>([
    ["not ended: its cohort's end", planned, '2026-09-30'],
    ['ended early: the day it was ended', endedEarly, '2026-04-20'],
    ['ended on its planned end', { ...planned, endedOn: '2026-09-30' }, '2026-09-30'],
  ])('%s', (_label, rel, end) => {
    expect(relationshipEnd(rel)).toBe(end);
  });
});

describe('runsOn, holdsPeopleOn, holdsPlaceInCohortOn, isOver', () => {
  // [label, relationship, day, runs, holds its people, holds its place in the cohort, over]
  it.each<[string, RelationshipDates, string, boolean, boolean, boolean, boolean]>([
    ['the day before it starts', planned, '2026-01-04', false, true, true, false],
    ['its start', planned, '2026-01-05', true, true, true, false],
    ['mid-way', planned, '2026-06-01', true, true, true, false],
    ['its planned end: runs, and holds them to the end of the day', planned, '2026-09-30', true, true, true, false],
    ['the day after its planned end: over; its place in the ended cohort stays', planned, '2026-10-01', false, false, true, true],
    ['long after the cohort', planned, '2027-06-01', false, false, true, true],
    ['the day before it was ended early', endedEarly, '2026-04-19', true, true, true, false],
    ['the day it was ended early: runs, but its people are free for a replacement', endedEarly, '2026-04-20', true, false, false, false],
    ['the day after it was ended early', endedEarly, '2026-04-21', false, false, false, true],
    ['after the cohort, ended early', endedEarly, '2026-12-01', false, false, false, true],
    ['ended on its planned end, that day', { ...planned, endedOn: '2026-09-30' }, '2026-09-30', true, false, false, false],
    ['ended on the day it started', { ...planned, endedOn: '2026-01-05' }, '2026-01-05', true, false, false, false],
  ])('%s', (_label, rel, day, runs, holds, place, over) => {
    expect(runsOn(rel, day)).toBe(runs);
    expect(holdsPeopleOn(rel, day)).toBe(holds);
    expect(holdsPlaceInCohortOn(rel, day)).toBe(place);
    expect(isOver(rel, day)).toBe(over);
  });
});

describe('runsBetween', () => {
  it.each<[string, RelationshipDates, string, string, boolean]>([
    ['the whole cohort', planned, '2026-01-01', '2026-12-31', true],
    ['a window before it starts', planned, '2025-12-01', '2026-01-04', false],
    ['a window ending on its start', planned, '2025-12-01', '2026-01-05', true],
    ['a window starting on its early end', endedEarly, '2026-04-20', '2026-05-01', true],
    ['a window after its early end', endedEarly, '2026-04-21', '2026-09-30', false],
    ['an empty window (from after to)', planned, '2026-03-01', '2026-02-01', false],
  ])('%s', (_label, rel, from, to, expected) => {
    expect(runsBetween(rel, from, to)).toBe(expected);
  });
});

describe('relationshipMonths: which months show, and their state', () => {
  const states = (rel: RelationshipDates, asOf: string): Array<[number, string, string, MonthState]> =>
    relationshipMonths(rel, asOf).map((m) => [m.index, m.from, m.to, m.state]);

  it.each<[string, RelationshipDates, string, number, MonthState | null]>([
    // [label, relationship, as of, months shown, state of the last one]
    ['before it starts: none', planned, '2026-01-04', 0, null],
    ['on its start: month 1, current', planned, '2026-01-05', 1, 'current'],
    ['the last day of month 1: complete', planned, '2026-02-04', 1, 'complete'],
    ['mid-cohort: the month holding the day is current', planned, '2026-07-29', 7, 'current'],
    ['the day before the planned end: month 9 (5 Sep to 4 Oct) current', planned, '2026-09-29', 9, 'current'],
    ['on the planned end: month 9 can no longer complete, cut short', planned, '2026-09-30', 9, 'cut short'],
    ['a day after the planned end: month 9 cut short, never running', planned, '2026-10-01', 9, 'cut short'],
    ['in December, long after: still 9 months, the last cut short', planned, '2026-12-15', 9, 'cut short'],
    ['ended early, as of a later day: no month after the end', endedEarly, '2026-09-01', 4, 'cut short'],
    ['ended early, on the day it ended: cut short', endedEarly, '2026-04-20', 4, 'cut short'],
    ['ended early, the day before it ended: current', endedEarly, '2026-04-19', 4, 'current'],
    ["ended on a month's last day: that month is complete", { ...planned, endedOn: '2026-05-04' }, '2026-08-01', 4, 'complete'],
  ])('%s', (_label, rel, asOf, shown, last) => {
    const months = relationshipMonths(rel, asOf);
    expect(months).toHaveLength(shown);
    expect(months.at(-1)?.state ?? null).toBe(last);
    for (const month of months.slice(0, -1)) expect(month).toMatchObject({ state: 'complete', complete: true });
    for (const month of months) {
      expect(month.complete).toBe(month.state === 'complete');
      expect(month.from <= relationshipEnd(rel)).toBe(true);
    }
  });

  it('counts each month from the start, not chained (start 31 Jan 2023)', () => {
    expect(states({ start: '2023-01-31', endedOn: null, plannedEnd: '2023-04-15' }, '2023-05-01')).toStrictEqual([
      [1, '2023-01-31', '2023-02-27', 'complete'],
      [2, '2023-02-28', '2023-03-30', 'complete'],
      [3, '2023-03-31', '2023-04-29', 'cut short'],
    ]);
  });
});

describe('month counts', () => {
  it.each<[string, string, string, number, number, boolean]>([
    // [label, start, end, whole months, months touching (part-month rounded up), lasts 8 months]
    ['1 Jan to 31 Aug: exactly 8', '2025-01-01', '2025-08-31', 8, 8, true],
    ['1 Jan to 30 Aug: a day short of 8', '2025-01-01', '2025-08-30', 7, 8, false],
    ['5 Jan to 30 Sep', '2026-01-05', '2026-09-30', 8, 9, true],
    ['the seed: 1 Jun to 31 Dec 2018', '2018-06-01', '2018-12-31', 7, 7, false],
    ['one day', '2026-03-01', '2026-03-01', 0, 1, false],
    ['ends before it starts', '2026-03-01', '2026-02-01', 0, 0, false],
  ])('%s', (_label, start, end, whole, touching, lasts8) => {
    expect(wholeMonths(start, end)).toBe(whole);
    expect(monthsTouching(start, end)).toBe(touching);
    expect(lastsMonths(start, end, 8)).toBe(lasts8);
  });

  it.each<[string, string, number | null]>([
    ['the day before the start', '2026-01-04', null],
    ['the start', '2026-01-05', 1],
    ['the last day of month 1', '2026-02-04', 1],
    ['the first day of month 2', '2026-02-05', 2],
    ["the cohort's end", '2026-09-30', 9],
  ])('monthIndexOn, start 5 Jan 2026: %s', (_label, day, index) => {
    expect(monthIndexOn('2026-01-05', day)).toBe(index);
  });
});
