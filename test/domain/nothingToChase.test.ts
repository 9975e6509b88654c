import { describe, expect, it } from 'vitest';
import { nothingToChase } from '../../src/domain/chase.js';
import { reportDay } from '../../src/domain/cohorts.js';

describe('nothingToChase: an ended cohort has nothing to chase', () => {
  const cohort = { end: '2026-09-30' };
  it.each([
    ['running, today', '2026-07-29', undefined, false],
    ['on its last day', '2026-09-30', undefined, false],
    ['ended: reported at its end by default', '2026-10-01', undefined, true],
    ['ended, asked for a day before its end', '2026-12-01', '2026-09-01', false],
    ['ended, asked for its last day', '2026-12-01', '2026-09-30', false],
    ['asked for a day after its end', '2026-07-29', '2026-10-15', true],
  ])('%s', (_case, today, asked, nothing) => {
    expect(nothingToChase(cohort, reportDay(cohort, today, asked))).toBe(nothing);
  });
});
