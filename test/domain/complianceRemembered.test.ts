/**
 * Compliance remembers its month labels and reasons (a national report says the same few
 * hundred things fifty thousand times) and starts again once it holds 50,000: the sentences
 * are the same before, across and after that.
 */
import { describe, expect, it } from 'vitest';
import { addDays, assessCompliance } from '../../src/domain/compliance.js';

const thresholds = { minMonths: 8, minPerMonth: 2 };

function assess(start: string, asOf: string, sessionDates: string[] = []) {
  return assessCompliance({ start, endedOn: null, plannedEnd: addDays(start, 400), sessionDates }, thresholds, asOf);
}

describe('remembered sentences', () => {
  it('are the same after more than 50,000 other months and reasons have been remembered', () => {
    const start = '2026-01-05';
    const probes = [
      () => assess(start, '2026-09-30').reasons,
      () => assess(start, '2026-02-28', ['2026-01-06']).reasons,
      () => assess(start, '2026-02-01', ['2026-01-06', '2026-01-20']).reasons,
    ];
    const first = probes.map((probe) => probe());
    // Each start a different day, each as of 15 months on: short months of their own, and labels.
    for (let day = 0; day < 4_000; day++) {
      const other = addDays('2020-01-01', day);
      assess(other, addDays(other, 450), [addDays(other, 3)]);
      if (day % 997 === 0) expect(probes.map((probe) => probe())).toEqual(first);
    }
    expect(probes.map((probe) => probe())).toEqual(first);
  });
});
