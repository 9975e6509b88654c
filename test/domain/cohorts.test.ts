import { describe, expect, it } from 'vitest';
import { chaseCohort, cohortState, cohortStateText, defaultCohort, reportDay, type CohortDates } from '../../src/domain/cohorts.js';

const cohort = (number: number, start: string): CohortDates => ({ number, start });

describe('defaultCohort', () => {
  it.each<[string, CohortDates[], string, number | null]>([
    ['the newest started cohort', [cohort(1, '2023-01-01'), cohort(2, '2024-01-01'), cohort(3, '2025-06-01')], '2024-06-01', 2],
    ['in any input order', [cohort(3, '2025-06-01'), cohort(1, '2023-01-01'), cohort(2, '2024-01-01')], '2024-06-01', 2],
    ['a cohort starting today has started', [cohort(1, '2023-01-01'), cohort(2, '2024-06-01')], '2024-06-01', 2],
    ['all started: the latest', [cohort(1, '2018-06-01'), cohort(2, '2019-06-01')], '2024-06-01', 2],
    ['all in the future: the newest', [cohort(1, '2025-01-01'), cohort(2, '2026-01-01')], '2024-06-01', 2],
    ['all in the future, listed newest first', [cohort(2, '2026-01-01'), cohort(1, '2025-01-01')], '2024-06-01', 2],
    ['none', [], '2024-06-01', null],
    ['same start: the higher number', [cohort(4, '2024-01-01'), cohort(5, '2024-01-01'), cohort(3, '2023-01-01')], '2024-06-01', 5],
    ['same start, listed higher first', [cohort(5, '2024-01-01'), cohort(4, '2024-01-01')], '2024-06-01', 5],
    ['same future start: the higher number', [cohort(7, '2030-01-01'), cohort(6, '2030-01-01')], '2024-06-01', 7],
  ])('%s', (_case, cohorts, today, number) => {
    expect(defaultCohort(cohorts, today)?.number ?? null).toBe(number);
  });
});

describe('chaseCohort: the newest running cohort, else as defaultCohort', () => {
  const c = (number: number, start: string, end: string) => ({ number, start, end });
  it.each<[string, Array<{ number: number; start: string; end: string }>, string, number | null]>([
    [
      "the newest started (defaultCohort's choice) has already ended: the one still running",
      [c(1, '2025-01-01', '2025-12-31'), c(2, '2025-03-01', '2025-04-30')],
      '2025-07-01',
      1,
    ],
    ['two running: the later start', [c(1, '2025-01-01', '2025-12-31'), c(2, '2025-02-01', '2025-12-31'), c(3, '2026-01-01', '2026-12-31')], '2025-07-01', 2],
    ['it runs on its last day', [c(1, '2025-01-01', '2025-07-01'), c(2, '2025-06-01', '2025-06-30')], '2025-07-01', 1],
    [
      'none running: the newest started',
      [c(1, '2024-01-01', '2024-12-31'), c(2, '2025-01-01', '2025-03-31'), c(3, '2026-01-01', '2026-12-31')],
      '2025-07-01',
      2,
    ],
    ['none started: the newest', [c(1, '2026-01-01', '2026-12-31'), c(2, '2027-01-01', '2027-12-31')], '2025-07-01', 2],
    ['none', [], '2025-07-01', null],
  ])('%s', (_case, cohorts, today, number) => {
    expect(chaseCohort(cohorts, today)?.number ?? null).toBe(number);
  });
});

describe('reportDay: ended cohorts report as at their end', () => {
  const cohort = { end: '2026-09-30' };
  it.each<[string, string, string | undefined, string, boolean]>([
    ['running: today', '2026-07-29', undefined, '2026-07-29', false],
    ['its last day: today, which is its end', '2026-09-30', undefined, '2026-09-30', false],
    ['ended: its end', '2026-12-15', undefined, '2026-09-30', true],
    ['ended, with --as-of: the day asked', '2026-12-15', '2026-06-30', '2026-06-30', false],
    ['running, with --as-of after its end: the day asked', '2026-07-29', '2026-11-01', '2026-11-01', false],
  ])('%s', (_label, today, asked, asOf, atCohortEnd) => {
    expect(reportDay(cohort, today, asked)).toStrictEqual({ asOf, atCohortEnd });
  });
});

describe('cohortState', () => {
  // 5 Jan to 30 Sep 2026: nine relationship months (the ninth, 5 Sep to 4 Oct, cut short).
  const cohort = { start: '2026-01-05', end: '2026-09-30' };
  it.each<[string, string, string, number | null, number]>([
    ['2025-12-01', 'not started', 'not started', null, 9],
    ['2026-01-04', 'not started', 'not started', null, 9],
    ['2026-01-05', 'running (month 1 of 9)', 'running', 1, 9],
    ['2026-02-04', 'running (month 1 of 9)', 'running', 1, 9],
    ['2026-02-05', 'running (month 2 of 9)', 'running', 2, 9],
    ['2026-07-29', 'running (month 7 of 9)', 'running', 7, 9],
    ['2026-09-30', 'running (month 9 of 9)', 'running', 9, 9],
    ['2026-10-01', 'ended', 'ended', null, 9],
  ])('on %s: %s', (today, text, state, month, months) => {
    const result = cohortState(cohort, today);
    expect(result).toStrictEqual({ state, month, months });
    expect(cohortStateText(result)).toBe(text);
  });

  it.each<[string, { start: string; end: string }, number]>([
    ['exactly 8 months (1 Jan to 31 Aug)', { start: '2025-01-01', end: '2025-08-31' }, 8],
    ['8 months and a day', { start: '2025-01-01', end: '2025-09-01' }, 9],
    ['one day', { start: '2025-01-01', end: '2025-01-01' }, 1],
  ])('months: %s', (_label, dates, months) => {
    expect(cohortState(dates, '2025-01-01').months).toBe(months);
  });
});
