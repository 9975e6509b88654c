import { describe, expect, it } from 'vitest';
import { addDays, addMonths, assessCompliance, complianceStanding, daysBetween, type Compliance, type Thresholds } from '../../src/domain/compliance.js';
import { relationshipMonths } from '../../src/domain/relationshipLife.js';
import { mulberry32 } from '../helpers/random.js';

const SEED: Thresholds = { minMonths: 8, minPerMonth: 2 };

interface Case {
  start: string;
  plannedEnd: string;
  endedOn?: string;
  sessions?: string[];
  thresholds?: Thresholds;
}

function assess(c: Case, asOf: string): Compliance {
  return assessCompliance({ start: c.start, endedOn: c.endedOn ?? null, plannedEnd: c.plannedEnd, sessionDates: c.sessions ?? [] }, c.thresholds ?? SEED, asOf);
}

/** One session on each of the given days of `months` calendar months from `fromMonth` (YYYY-MM). */
function monthly(fromMonth: string, months: number, days: number[]): string[] {
  const dates: string[] = [];
  for (let i = 0; i < months; i++) {
    const first = addMonths(`${fromMonth}-01`, i);
    for (const day of days) dates.push(`${first.slice(0, 8)}${String(day).padStart(2, '0')}`);
  }
  return dates;
}

describe('addMonths', () => {
  it.each([
    ['2018-06-14', 1, '2018-07-14'],
    ['2018-12-14', 1, '2019-01-14'],
    ['2023-01-31', 1, '2023-02-28'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2023-01-31', 2, '2023-03-31'],
    ['2022-11-30', 3, '2023-02-28'],
    ['2023-11-30', 3, '2024-02-29'],
    ['2024-03-31', -1, '2024-02-29'],
    ['2024-02-29', 12, '2025-02-28'],
  ])('%s + %i months is %s', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });
});

describe('addDays and daysBetween', () => {
  it.each([
    ['2024-02-28', 1, '2024-02-29'],
    ['2023-02-28', 1, '2023-03-01'],
    ['2018-12-31', 1, '2019-01-01'],
    ['2024-03-01', -1, '2024-02-29'],
    ['2024-01-01', 366, '2025-01-01'],
    ['2024-03-31', 0, '2024-03-31'],
  ])('%s + %i days is %s, and back again', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
    expect(daysBetween(date, expected)).toBe(days);
  });
});

describe('relationship months', () => {
  const far = '2030-12-31';
  it.each([
    ['start 14 June: month 1', '2018-06-14', 1, '2018-06-14', '2018-07-13'],
    ['start 14 June: month 2', '2018-06-14', 2, '2018-07-14', '2018-08-13'],
    ['start 31 Jan 2023: month 1 ends 27 Feb', '2023-01-31', 1, '2023-01-31', '2023-02-27'],
    ['start 31 Jan 2023: month 2 ends 30 Mar', '2023-01-31', 2, '2023-02-28', '2023-03-30'],
    ['start 31 Jan 2023: month 3 comes back to the 31st', '2023-01-31', 3, '2023-03-31', '2023-04-29'],
    ['start 31 Jan 2024 (leap): month 1 ends 28 Feb', '2024-01-31', 1, '2024-01-31', '2024-02-28'],
    ['start 31 Jan 2024 (leap): month 2 ends 30 Mar', '2024-01-31', 2, '2024-02-29', '2024-03-30'],
    ['start 1 Jan: month 8 is August', '2025-01-01', 8, '2025-08-01', '2025-08-31'],
  ])('%s', (_label, start, index, from, to) => {
    const month = assess({ start, plannedEnd: far }, '2029-01-01').months[index - 1];
    expect(month).toMatchObject({ index, from, to, complete: true });
  });

  it.each([
    ['first day of month 2', '2018-07-14', 2],
    ['last day of month 1', '2018-07-13', 1],
    ['the start day', '2018-06-14', 1],
    ['last day of month 2', '2018-08-13', 2],
  ])('a session on the %s counts in that month', (_label, date, index) => {
    const result = assess({ start: '2018-06-14', plannedEnd: '2019-06-13', sessions: [date] }, '2018-09-01');
    expect(result.months.map((m) => m.sessions)).toEqual([1, 2, 3].map((i) => (i === index ? 1 : 0)));
  });

  it.each([
    ['2024 (leap): 29 Feb opens month 2', '2024-01-29', '2024-02-29', 2, '2024-02-28'],
    ['2023: month 1 ends 27 Feb, so 28 Feb is month 2', '2023-01-29', '2023-02-28', 2, '2023-02-27'],
    ['2024 (leap): 28 Feb is still month 1', '2024-01-29', '2024-02-28', 1, '2024-02-28'],
  ])('leap years, %s', (_label, start, session, index, month1Ends) => {
    const result = assess({ start, plannedEnd: '2024-12-31', sessions: [session] }, '2024-04-15');
    expect(result.months[0].to).toBe(month1Ends);
    expect(result.months[index - 1].sessions).toBe(1);
    expect(result.sessions).toBe(1);
  });

  it('stops at the last month touching the end once as-of is past it, and shows no current month', () => {
    const result = assess({ start: '2025-01-15', plannedEnd: '2025-09-30' }, '2026-03-01');
    expect(result.months).toHaveLength(9);
    expect(result.months[8]).toMatchObject({ from: '2025-09-15', to: '2025-10-14', complete: false, state: 'cut short' });
    expect(result.monthsComplete).toBe(8);
    expect(result.current).toBeNull();
  });
});

describe('month states: complete, current, cut short', () => {
  // 5 Jan 2026 to 30 Sep 2026: month 9 runs 5 Sep to 4 Oct, past the cohort's end.
  const cohort = { start: '2026-01-05', plannedEnd: '2026-09-30' };
  it.each<[string, Case, string, string[]]>([
    ['mid-cohort: the month holding the as-of day is current', cohort, '2026-03-15', ['complete', 'complete', 'current']],
    ['the last day of a month: complete', cohort, '2026-03-04', ['complete', 'complete']],
    ["the day before the cohort's end: the last month current", cohort, '2026-09-29', [...Array(8).fill('complete'), 'current']],
    [
      "on the cohort's end (as at the cohort's end): the last month cut short, never running",
      cohort,
      '2026-09-30',
      [...Array(8).fill('complete'), 'cut short'],
    ],
    ["after the cohort's end: the last month cut short, never running", cohort, '2026-12-15', [...Array(8).fill('complete'), 'cut short']],
    [
      'ended early: no month after the end, and the last cut short',
      { ...cohort, endedOn: '2026-04-20' },
      '2026-12-15',
      ['complete', 'complete', 'complete', 'cut short'],
    ],
    ["ended on a month's last day: complete", { ...cohort, endedOn: '2026-04-04' }, '2026-12-15', ['complete', 'complete', 'complete']],
  ])('%s', (_label, c, asOf, states) => {
    const result = assess(c, asOf);
    expect(result.months.map((m) => m.state)).toStrictEqual(states);
    expect(result.months.map((m) => m.complete)).toStrictEqual(states.map((s) => s === 'complete'));
  });

  it("a cut-short month is not complete: its sessions count, but not towards a month's minimum", () => {
    const result = assess({ ...cohort, endedOn: '2026-02-10', sessions: ['2026-01-10', '2026-01-20', '2026-02-06'] }, '2026-03-01');
    expect(result.months.map((m) => [m.state, m.sessions])).toStrictEqual([
      ['complete', 2],
      ['cut short', 1],
    ]);
    expect(result.monthsComplete).toBe(1);
    expect(result.sessions).toBe(3);
    expect(result.reasons).toEqual(['ended 10 Feb 2026 after 1 month: under the 8-month minimum']);
  });
});

describe('assessCompliance: the seed case', () => {
  it('1 Jun to 31 Dec 2018, one session a month, is breached on both counts', () => {
    const result = assess({ start: '2018-06-01', plannedEnd: '2018-12-31', sessions: monthly('2018-06', 7, [15]) }, '2019-01-15');
    expect(result.status).toBe('breached');
    expect(result.lastsMinimum).toBe(false);
    expect(result.monthsComplete).toBe(7);
    expect(result.sessions).toBe(7);
    expect(result.rate).toBe(1);
    expect(result.reasons).toContain('month 1, 1 Jun to 30 Jun 2018: 1 of 2 sessions');
    expect(result.reasons).toHaveLength(8);
    expect(result.reasons[6]).toBe('month 7, 1 Dec to 31 Dec 2018: 1 of 2 sessions');
    expect(result.reasons[7]).toBe('planned to end 31 Dec 2018 after 7 months: under the 8-month minimum');
  });
});

describe('assessCompliance: statuses and reasons', () => {
  // Month 5 of a 5 January start runs 5 May to 4 Jun 2026.
  const year2026 = { start: '2026-01-05', plannedEnd: '2026-12-31' };
  const fourGoodMonths = ['2026-01-10', '2026-01-20', '2026-02-10', '2026-02-20', '2026-03-10', '2026-03-20', '2026-04-10', '2026-04-20'];

  it.each<[string, Case, string, Compliance['status'], string[]]>([
    ['as-of before the start', year2026, '2025-12-20', 'on track', ['starts on 5 Jan 2026']],
    [
      'as-of inside the first month, plenty of days left',
      year2026,
      '2026-01-20',
      'on track',
      ['month 1, 5 Jan to 4 Feb 2026: 0 of 2 sessions so far, 16 days left'],
    ],
    ['as-of inside the first month, 6 days left, none held', year2026, '2026-01-30', 'at risk', ['month 1, 5 Jan to 4 Feb 2026: 0 of 2 sessions, 6 days left']],
    [
      'short with exactly 7 days left',
      { ...year2026, sessions: [...fourGoodMonths, '2026-05-10'] },
      '2026-05-29',
      'at risk',
      ['month 5, 5 May to 4 Jun 2026: 1 of 2 sessions, 7 days left'],
    ],
    [
      'short with 3 days left',
      { ...year2026, sessions: [...fourGoodMonths, '2026-05-10'] },
      '2026-06-02',
      'at risk',
      ['month 5, 5 May to 4 Jun 2026: 1 of 2 sessions, 3 days left'],
    ],
    [
      'short with 8 days left',
      { ...year2026, sessions: [...fourGoodMonths, '2026-05-10'] },
      '2026-05-28',
      'on track',
      ['month 5, 5 May to 4 Jun 2026: 1 of 2 sessions so far, 8 days left'],
    ],
    [
      'already at the minimum with 7 days left',
      { ...year2026, sessions: [...fourGoodMonths, '2026-05-10', '2026-05-12'] },
      '2026-05-29',
      'on track',
      ['month 5, 5 May to 4 Jun 2026: 2 of 2 sessions so far, 7 days left'],
    ],
    [
      "short on the month's last day: the month is complete",
      { ...year2026, sessions: [...fourGoodMonths, '2026-05-10'] },
      '2026-06-04',
      'breached',
      ['month 5, 5 May to 4 Jun 2026: 1 of 2 sessions'],
    ],
    [
      'a short month across a year end',
      { start: '2018-06-14', plannedEnd: '2019-06-30', sessions: monthly('2018-06', 7, [14, 20]).filter((d) => d < '2018-12-14') },
      '2019-01-20',
      'breached',
      ['month 7, 14 Dec 2018 to 13 Jan 2019: 0 of 2 sessions'],
    ],
  ])('%s', (_label, c, asOf, status, reasons) => {
    const result = assess(c, asOf);
    expect(result.status).toBe(status);
    expect(result.reasons).toEqual(reasons);
  });

  it('ignores sessions after the as-of date', () => {
    const c = { ...year2026, sessions: [...fourGoodMonths, '2026-05-10', '2026-05-30', '2026-06-01'] };
    const result = assess(c, '2026-05-29');
    expect(result.sessions).toBe(9);
    expect(result.current).toMatchObject({ index: 5, sessions: 1, daysLeft: 7 });
    expect(result.status).toBe('at risk');
    expect(assess(c, '2026-06-01').status).toBe('on track');
  });

  it('counts each session once: two sessions on one day (a trio meeting each mentor) count as two', () => {
    const result = assess({ ...year2026, sessions: ['2026-01-10', '2026-01-10'] }, '2026-02-10');
    expect(result.months[0]).toMatchObject({ sessions: 2, complete: true });
    expect(result.status).toBe('on track');
  });

  it('an early end is breached, says "ended", and counts only sessions up to the end', () => {
    const c = { ...year2026, endedOn: '2026-04-30', sessions: [...fourGoodMonths, '2026-05-01'] };
    const result = assess(c, '2026-06-01');
    expect(result.status).toBe('breached');
    expect(result.end).toBe('2026-04-30');
    expect(result.lastsMinimum).toBe(false);
    expect(result.reasons).toEqual(['ended 30 Apr 2026 after 3 months: under the 8-month minimum']);
    expect(result.months).toHaveLength(4);
    expect(result.months[3]).toMatchObject({ to: '2026-05-04', sessions: 2, complete: false, state: 'cut short' });
    expect(result.current).toBeNull();
  });

  it('a relationship planned too short is breached even before it starts', () => {
    const result = assess({ start: '2026-03-01', plannedEnd: '2026-09-30' }, '2026-02-01');
    expect(result.status).toBe('breached');
    expect(result.reasons).toEqual(['planned to end 30 Sep 2026 after 7 months: under the 8-month minimum']);
  });

  it.each([
    ['1 Jan to 31 Aug lasts exactly 8 months', '2025-08-31', true],
    ['1 Jan to 30 Aug falls a day short', '2025-08-30', false],
  ])('%s', (_label, plannedEnd, lasts) => {
    const result = assess({ start: '2025-01-01', plannedEnd, sessions: monthly('2025-01', 8, [1, 28]) }, '2025-09-15');
    expect(result.lastsMinimum).toBe(lasts);
    expect(result.status).toBe(lasts ? 'met' : 'breached');
  });

  it('met cannot be undone by a later short month, which is still shown', () => {
    const c = { start: '2025-01-01', plannedEnd: '2025-12-31', sessions: monthly('2025-01', 8, [3, 17]) };
    const result = assess(c, '2025-11-15');
    expect(result.status).toBe('met');
    expect(result.reasons).toEqual(['met: 8 months complete, each with at least 2 sessions']);
    expect(result.months).toHaveLength(11);
    expect(result.months[8]).toMatchObject({ index: 9, sessions: 0, complete: true });
    expect(result.monthsComplete).toBe(10);
  });

  it.each<[string, string[], string, Compliance['status'], string[]]>([
    ['met', monthly('2025-01', 6, [9]), '2025-07-01', 'met', ['met: 6 months complete, each with at least 1 session']],
    [
      'a month with none',
      monthly('2025-01', 6, [9]).filter((d) => !d.startsWith('2025-03')),
      '2025-07-01',
      'breached',
      ['month 3, 1 Mar to 31 Mar 2025: 0 of 1 session'],
    ],
    [
      'the current month already has its one session',
      monthly('2025-01', 3, [9]),
      '2025-03-28',
      'on track',
      ['month 3, 1 Mar to 31 Mar 2025: 1 of 1 session so far, 4 days left'],
    ],
  ])('other thresholds (6 months, 1 a month): %s', (_label, sessions, asOf, status, reasons) => {
    const thresholds = { minMonths: 6, minPerMonth: 1 };
    const result = assess({ start: '2025-01-01', plannedEnd: '2025-06-30', sessions, thresholds }, asOf);
    expect(result.lastsMinimum).toBe(true);
    expect(result.status).toBe(status);
    expect(result.reasons).toEqual(reasons);
  });

  it('a relationship 6 months long is too short under 8, but enough under 6', () => {
    const c = { start: '2025-01-01', plannedEnd: '2025-06-30', sessions: monthly('2025-01', 6, [5, 19]) };
    expect(assess(c, '2025-07-01').reasons).toEqual(['planned to end 30 Jun 2025 after 6 months: under the 8-month minimum']);
    expect(assess({ ...c, thresholds: { minMonths: 6, minPerMonth: 2 } }, '2025-07-01').status).toBe('met');
  });
});

describe('assessCompliance: counts and rate', () => {
  it.each<[string, string[], string, number, number, number, number | null]>([
    ['no complete month yet', ['2026-01-10'], '2026-01-20', 0, 0, 1, null],
    [
      'three complete months (2, 4, 3) and the current one left out of the rate',
      ['2026-01-06', '2026-01-07', '2026-02-05', '2026-02-06', '2026-02-07', '2026-02-08', '2026-03-05', '2026-03-06', '2026-03-07', '2026-04-05'],
      '2026-04-10',
      3,
      9,
      10,
      3,
    ],
    ['uneven rate', ['2026-01-06', '2026-01-07', '2026-02-05', '2026-02-06', '2026-02-07'], '2026-03-05', 2, 5, 5, 2.5],
  ])('%s', (_label, sessions, asOf, monthsComplete, inComplete, total, rate) => {
    const result = assess({ start: '2026-01-05', plannedEnd: '2026-12-31', sessions }, asOf);
    expect(result.monthsComplete).toBe(monthsComplete);
    expect(result.sessionsInCompleteMonths).toBe(inComplete);
    expect(result.sessions).toBe(total);
    expect(result.rate).toBe(rate);
  });
});

describe('complianceStanding and the months counted from one relationship to the next', () => {
  // Relationships of up to ten years (more months than the first scratch holds) after and
  // before short ones, so what one leaves behind never shows in the next.
  it('gives assessCompliance status, end and current month, and each month counts exactly its sessions', () => {
    const random = mulberry32(15);
    const int = (n: number) => Math.floor(random() * n);
    let checked = 0;
    for (let i = 0; i < 600; i++) {
      const start = addDays('2020-01-01', int(400));
      const plannedEnd = addDays(start, int(i % 3 === 0 ? 3_650 : 400));
      const endedOn = int(4) === 0 ? addDays(start, int(daysBetween(start, plannedEnd) + 1)) : null;
      const asOf = addDays(start, int(daysBetween(start, plannedEnd) + 120) - 60);
      const sessions = Array.from({ length: int(80) }, () => addDays(start, int(daysBetween(start, plannedEnd) + 60) - 30)).sort();
      const thresholds = { minMonths: 1 + int(12), minPerMonth: 1 + int(3) };
      const input = { start, endedOn, plannedEnd, sessionDates: sessions };
      const full = assessCompliance(input, thresholds, asOf);
      expect(complianceStanding(input, thresholds, asOf)).toStrictEqual({ status: full.status, end: full.end, current: full.current });
      const lastDay = [asOf, endedOn ?? plannedEnd].sort()[0];
      expect(full.months.map((m) => ({ index: m.index, from: m.from, to: m.to, state: m.state, complete: m.complete }))).toStrictEqual(
        relationshipMonths(input, asOf),
      );
      for (const month of full.months) {
        expect(month.sessions).toBe(sessions.filter((d) => d >= month.from && d <= month.to && d >= start && d <= lastDay).length);
      }
      checked += full.months.length;
    }
    expect(checked).toBeGreaterThan(64);
  });
});
