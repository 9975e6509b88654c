import { describe, expect, it } from 'vitest';
import { formatDate, parseDate, todayIso } from '../../src/domain/dates.js';

describe('parseDate', () => {
  it.each([
    ['2024-09-12', '2024-09-12'],
    ['12/09/2024', '2024-09-12'],
    ['1/2/2024', '2024-02-01'],
    [' 2018-06-14 ', '2018-06-14'],
    ['2024-02-29', '2024-02-29'],
    ['29/02/2024', '2024-02-29'],
    ['31/12/2023', '2023-12-31'],
  ])('reads %j as %s', (raw, iso) => {
    expect(parseDate(raw)).toEqual({ ok: true, date: iso });
  });

  it.each([
    ['2023-02-29', /no day 29/],
    ['29/02/2023', /no day 29/],
    ['2024-02-30', /no day 30/],
    ['31/04/2024', /no day 31/],
    ['2024-13-01', /no month 13/],
    ['2024-00-10', /no month 0/],
    ['next Tuesday', /not a date/],
    ['', /not a date/],
    ['2024/09/12', /not a date/],
    ['12-09-2024', /not a date/],
  ])('refuses %j', (raw, problem) => {
    const result = parseDate(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem).toMatch(problem);
  });

  it.each([['03/25/2024'], ['12/31/2024'], ['1/13/2024']])('refuses US month-first %j and says why', (raw) => {
    const result = parseDate(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem).toMatch(/US month-first/);
  });

  it('does not call an ISO date with a bad month US', () => {
    const result = parseDate('2024-13-01');
    expect(!result.ok && result.problem).not.toMatch(/US/);
  });
});

describe('formatDate', () => {
  it.each([
    ['2018-06-14', '14 Jun 2018'],
    ['2024-01-01', '1 Jan 2024'],
    ['2024-12-31', '31 Dec 2024'],
  ])('%s reads as %s', (iso, shown) => {
    expect(formatDate(iso)).toBe(shown);
  });
});

describe('todayIso', () => {
  const now = new Date(2024, 5, 14, 12, 0, 0);

  it.each([
    [{ REMEDI_TODAY: '2018-06-14' }, '2018-06-14'],
    [{ REMEDI_TODAY: '01/03/2024' }, '2024-03-01'],
    [{}, '2024-06-14'],
    [{ REMEDI_TODAY: '' }, '2024-06-14'],
  ])('with env %j today is %s', (env, iso) => {
    expect(todayIso(env, now)).toBe(iso);
  });
});
