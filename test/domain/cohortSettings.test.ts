import { describe, expect, it } from 'vitest';
import { DEFAULT_MIN_MONTHS, DEFAULT_MIN_PER_MONTH, draftCohort, editedCohort, type CohortSettings } from '../../src/domain/cohortSettings.js';
import type { Cohort } from '../../src/domain/cohorts.js';
import { UsageError } from '../../src/errors.js';

const before: Cohort = { number: 1, name: 'Board', start: '2026-01-05', end: '2026-09-30', minMonths: 8, minPerMonth: 2, meetEvery: null };

describe('draftCohort', () => {
  it.each<[CohortSettings, Partial<Cohort>]>([
    [
      { start: '2026-01-05', end: '2026-09-30' },
      { name: null, minMonths: DEFAULT_MIN_MONTHS, minPerMonth: DEFAULT_MIN_PER_MONTH },
    ],
    [
      { start: '2026-01-05', end: '2026-09-30', name: '  Board  ', minMonths: 6, minPerMonth: 1 },
      { name: 'Board', minMonths: 6, minPerMonth: 1 },
    ],
    [
      { start: '2026-01-05', end: '2026-01-05', name: '   ' },
      { name: null, end: '2026-01-05' },
    ],
    [{ start: '2026-01-05', end: '2026-09-30', meetEvery: 3 }, { meetEvery: 3 }],
    [{ start: '2026-01-05', end: '2026-09-30' }, { meetEvery: null }],
    [{ start: '2026-01-05', end: '2026-09-30', meetEvery: 0 }, { meetEvery: null }],
  ])('%o makes %o', (settings, expected) => {
    expect(draftCohort(1, settings)).toMatchObject({ number: 1, ...expected });
  });

  it.each<[CohortSettings, string]>([
    [{ start: '2026-01-05' }, 'A new cohort needs --start and --end dates.'],
    [{ end: '2026-09-30' }, 'A new cohort needs --start and --end dates.'],
    [{ start: '2026-01-05', end: '2025-12-31' }, 'Cohort 3 would end (31 Dec 2025) before it starts (5 Jan 2026).'],
  ])('%o is refused: %s', (settings, message) => {
    const attempt = () => draftCohort(3, settings);
    expect(attempt).toThrow(UsageError);
    expect(attempt).toThrow(message);
  });
});

describe('editedCohort', () => {
  it.each<[CohortSettings, Cohort]>([
    [{}, before],
    [{ name: '' }, { ...before, name: null }],
    [{ name: ' Spring ' }, { ...before, name: 'Spring' }],
    [
      { end: '2026-10-31', minPerMonth: 1 },
      { ...before, end: '2026-10-31', minPerMonth: 1 },
    ],
    [
      { start: '2026-02-01', minMonths: 6 },
      { ...before, start: '2026-02-01', minMonths: 6 },
    ],
    [{ meetEvery: 2 }, { ...before, meetEvery: 2 }],
    [{ meetEvery: 0 }, before],
  ])('%o gives %o', (settings, expected) => {
    expect(editedCohort(before, settings)).toEqual(expected);
  });

  it('keeps the meetings rhythm unless --meet-every is given, and clears it with 0', () => {
    const monthly = { ...before, meetEvery: 1 };
    expect(editedCohort(monthly, { name: 'Spring' }).meetEvery).toBe(1);
    expect(editedCohort(monthly, { meetEvery: 0 }).meetEvery).toBeNull();
  });

  it('refuses an edit that would end before the start it keeps', () => {
    expect(() => editedCohort(before, { end: '2025-12-31' })).toThrow('Cohort 1 would end (31 Dec 2025) before it starts (5 Jan 2026).');
  });
});
