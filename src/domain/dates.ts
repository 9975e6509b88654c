/**
 * Calendar dates as ISO `YYYY-MM-DD` strings: no time of day, no time zone.
 * Accepts ISO and UK `DD/MM/YYYY`; US month-first order is refused, not guessed.
 */

export type IsoDate = string;

export type DateResult = { ok: true; date: IsoDate } | { ok: false; problem: string };

export const DATE_EXPECTED = 'a date as YYYY-MM-DD or DD/MM/YYYY';

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function isoDate(year: number, month: number, day: number): IsoDate {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

function checked(year: number, month: number, day: number, monthFirstHint: boolean): DateResult {
  if (month < 1 || month > 12) {
    const hint = monthFirstHint && day >= 1 && day <= 12 ? ' (it looks like a US month-first date; write it day first, DD/MM/YYYY)' : '';
    return { ok: false, problem: `there is no month ${month}${hint}` };
  }
  if (day < 1 || day > daysInMonth(year, month)) {
    return { ok: false, problem: `${monthName(month)} ${year} has no day ${day}` };
  }
  return { ok: true, date: isoDate(year, month, day) };
}

/** Parses `2024-09-12` or `12/09/2024` (day first, as UK spreadsheets write it). */
export function parseDate(raw: string): DateResult {
  const text = raw.trim();
  let match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (match) return checked(Number(match[1]), Number(match[2]), Number(match[3]), false);
  match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  if (match) return checked(Number(match[3]), Number(match[2]), Number(match[1]), true);
  return { ok: false, problem: 'not a date' };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function monthName(month: number): string {
  return MONTHS[month - 1] ?? String(month);
}

/** `2018-06-14` -> `14 Jun 2018`, the way the reports write dates. */
export function formatDate(date: IsoDate): string {
  const [year, month, day] = date.split('-').map(Number);
  return `${day} ${monthName(month)} ${year}`;
}

/** Today's date in the local time zone; `REMEDI_TODAY` pins it (tests, demos). */
export function todayIso(env: NodeJS.ProcessEnv = process.env, now: Date = new Date()): IsoDate {
  const pinned = env.REMEDI_TODAY;
  if (pinned) {
    const parsed = parseDate(pinned);
    if (parsed.ok) return parsed.date;
  }
  return isoDate(now.getFullYear(), now.getMonth() + 1, now.getDate());
}
