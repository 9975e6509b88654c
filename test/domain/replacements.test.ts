import { describe, expect, it } from 'vitest';
import { chooseStart, endingRefusal, shortfall, type EndingTarget } from '../../src/domain/replacements.js';

const cohort = { number: 1, start: '2026-01-05', end: '2026-09-30', minMonths: 8 };

describe('chooseStart', () => {
  it.each<[string, string, string | undefined, string, string]>([
    ['before the cohort starts: its start', '2025-12-01', undefined, '2026-01-05', 'cohort start'],
    ['on its first day: today, which is its start', '2026-01-05', undefined, '2026-01-05', 'today'],
    ['while it runs: today', '2026-03-15', undefined, '2026-03-15', 'today'],
    ['on its last day: today', '2026-09-30', undefined, '2026-09-30', 'today'],
    ['after it ended (recording it): its start', '2026-12-01', undefined, '2026-01-05', 'cohort start'],
    ['--start wins mid-cohort', '2026-03-15', '2026-02-01', '2026-02-01', 'given'],
    ['--start wins before it starts', '2025-12-01', '2026-02-01', '2026-02-01', 'given'],
  ])('%s', (_case, today, given, start, reason) => {
    expect(chooseStart(cohort, today, given)).toEqual({ start, reason });
  });
});

describe('shortfall: can it last the minimum months before the cohort ends?', () => {
  it.each<[string, string, { end: string; minMonths: number }, string | null]>([
    ['from the cohort start, 5 Jan to 30 Sep lasts 8 months', '2026-01-05', { end: '2026-09-30', minMonths: 8 }, null],
    ['1 Jan to 31 Aug is exactly 8 months', '2026-01-01', { end: '2026-08-31', minMonths: 8 }, null],
    ['1 Jan to 30 Aug is a day short', '2026-01-01', { end: '2026-08-30', minMonths: 8 }, '2026-08-31'],
    ['mid-March start needs mid-November', '2026-03-15', { end: '2026-09-30', minMonths: 8 }, '2026-11-14'],
    ['31 Jan + 1 month clamps to 28 Feb, less a day', '2026-01-31', { end: '2026-02-26', minMonths: 1 }, '2026-02-27'],
    ['31 Jan to 27 Feb lasts 1 month', '2026-01-31', { end: '2026-02-27', minMonths: 1 }, null],
    ['a 6-month cohort setting', '2026-04-01', { end: '2026-09-30', minMonths: 6 }, null],
  ])('%s', (_case, start, settings, endNeeded) => {
    const result = shortfall(start, { number: 1, ...settings });
    expect(result?.endNeeded ?? null).toBe(endNeeded);
    if (result) expect(result).toMatchObject({ start, cohort: 1, cohortEnd: settings.end, minMonths: settings.minMonths });
  });
});

describe('endingRefusal: pair end', () => {
  const running: EndingTarget = { id: 7, cohort: 1, start: '2026-01-05', endedOn: null, plannedEnd: '2026-09-30', lastSession: { id: 31, date: '2026-03-10' } };
  it.each<[string, Partial<EndingTarget>, string, string, string | null]>([
    ['a day it runs, after its last session', {}, '2026-03-12', '2026-03-15', null],
    ['on the day of its last session', {}, '2026-03-10', '2026-03-15', null],
    ['on its start, with no sessions', { lastSession: null }, '2026-01-05', '2026-03-15', null],
    ['on its planned end, today', {}, '2026-09-30', '2026-09-30', null],
    ['a future day before its planned end', {}, '2026-06-30', '2026-03-15', null],
    ['ended early before', { endedOn: '2026-03-01' }, '2026-03-15', '2026-03-15', 'Relationship #7 already ended on 1 Mar 2026.'],
    ['ended early today', { endedOn: '2026-03-15' }, '2026-03-15', '2026-03-15', 'Relationship #7 already ended on 15 Mar 2026.'],
    ['set to end later', { endedOn: '2026-05-01' }, '2026-03-15', '2026-03-15', 'Relationship #7 is already set to end on 1 May 2026.'],
    ['its planned end has passed', {}, '2026-10-05', '2026-10-05', 'Relationship #7 already ended on 30 Sep 2026, when cohort 1 ended.'],
    ['before its start', {}, '2026-01-04', '2026-03-15', 'Relationship #7 starts on 5 Jan 2026, so it cannot end on 4 Jan 2026.'],
    [
      'after its planned end',
      {},
      '2026-10-01',
      '2026-03-15',
      'Relationship #7 is planned to end on 30 Sep 2026, with its cohort, so it cannot end later, on 1 Oct 2026.',
    ],
    ['before its last session', {}, '2026-03-09', '2026-03-15', 'Relationship #7 has a session on 10 Mar 2026 (session #31), after 9 Mar 2026.'],
  ])('%s', (_case, change, on, today, message) => {
    expect(endingRefusal({ ...running, ...change }, on, today)?.message ?? null).toBe(message);
  });

  it('names the session to correct when a session is after the end', () => {
    expect(endingRefusal(running, '2026-03-01', '2026-03-15')?.fix).toContain('remedi sessions edit 31');
  });
});
