import { describe, expect, it } from 'vitest';
import { formatDate, fullYear, parseDate, parseDateCell, todayIso } from '../../src/domain/dates.js';

describe('parseDate', () => {
  it.each([
    ['2024-09-12', '2024-09-12'],
    ['12/09/2024', '2024-09-12'],
    ['1/2/2024', '2024-02-01'],
    [' 2018-06-14 ', '2018-06-14'],
    ['2024-02-29', '2024-02-29'],
    ['29/02/2024', '2024-02-29'],
    ['31/12/2023', '2023-12-31'],
    // ESR's DD-MON-YYYY, any case, and dates as remedi prints them.
    ['05-JAN-2026', '2026-01-05'],
    ['05-jan-2026', '2026-01-05'],
    ['5-Sep-2026', '2026-09-05'],
    ['30-SEPT-2026', '2026-09-30'],
    ['5 Jan 2026', '2026-01-05'],
    ['14 June 2018', '2018-06-14'],
    ['05-JAN-26', '2026-01-05'],
    // Two-digit years: 00-68 are 2000-2068, 69-99 are 1969-1999.
    ['05/01/26', '2026-01-05'],
    ['5/1/00', '2000-01-05'],
    ['31/12/68', '2068-12-31'],
    ['01/01/69', '1969-01-01'],
    ['01/01/99', '1999-01-01'],
    // A time of day is dropped.
    ['05/01/2026 00:00', '2026-01-05'],
    ['05/01/2026 13:45:10', '2026-01-05'],
    ['2026-01-05T00:00:00', '2026-01-05'],
    ['2026-01-05T00:00:00.000Z', '2026-01-05'],
    ['2026-01-05 09:30', '2026-01-05'],
    ['05-JAN-2026 00:00', '2026-01-05'],
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
    ['05-JNA-2026', /"JNA" is not a month/],
    ['31-FEB-2026', /Feb 2026 has no day 31/],
    ['05/01/2026 25', /not a date/],
    ['2026-01-05T', /not a date/],
    ['5/1/202', /not a date/],
    ['45000', /not a date/],
  ])('refuses %j', (raw, problem) => {
    const result = parseDate(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem).toMatch(problem);
  });

  it.each([['03/25/2024'], ['12/31/2024'], ['1/13/2024'], ['03/25/26'], ['03/25/2026 00:00']])('refuses US month-first %j and says why', (raw) => {
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

describe('fullYear', () => {
  it.each([
    [0, 2000],
    [26, 2026],
    [68, 2068],
    [69, 1969],
    [99, 1999],
  ])('%i is %i', (yy, year) => {
    expect(fullYear(yy)).toBe(year);
  });
});

describe('parseDateCell: Excel day numbers in a date column', () => {
  it.each([
    ['45000', '2023-03-15'],
    ['45000.5', '2023-03-15'],
    ['46027', '2026-01-05'],
    ['10000', '1927-05-18'],
    ['99999', '2173-10-13'],
  ])('reads %j as %s, saying it was a day number', (raw, iso) => {
    expect(parseDateCell(raw)).toEqual({ ok: true, date: iso, serial: true });
  });

  it.each([['9999'], ['100000'], ['-45000'], ['4500a']])('refuses %j', (raw) => {
    expect(parseDateCell(raw).ok).toBe(false);
  });

  it('reads every other date as parseDate does', () => {
    expect(parseDateCell('05-JAN-2026')).toEqual({ ok: true, date: '2026-01-05' });
  });
});
