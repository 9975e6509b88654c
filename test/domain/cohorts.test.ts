import { describe, expect, it } from 'vitest';
import { defaultCohort, type CohortDates } from '../../src/domain/cohorts.js';

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
