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

/** A time of day after a date (`00:00`, `T09:30:00`, `00:00:00.000Z`): said by spreadsheets, never meant. */
const TIME = '(?:[T ]\\d{1,2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?(?:Z|[+-]\\d{2}:?\\d{2})?)?';
const ISO = new RegExp(`^(\\d{4})-(\\d{2})-(\\d{2})${TIME}$`);
const DAY_FIRST = new RegExp(`^(\\d{1,2})/(\\d{1,2})/(\\d{4}|\\d{2})${TIME}$`, 'i');
/** ESR's `05-JAN-2026` (any case), and `5 Jan 2026` as remedi prints dates. */
const DAY_MONTH_NAME = new RegExp(`^(\\d{1,2})[- /]([a-z]{3,9})[- /](\\d{4}|\\d{2})${TIME}$`, 'i');
/** Excel's serial day numbers in a date column: 10000 (1927) to 99999 (2173), perhaps with a time. */
const SERIAL = /^(\d{5})(?:\.\d+)?$/;

/**
 * A two-digit year: 00-68 is 2000-2068 and 69-99 is 1969-1999 (the POSIX rule, as Python and
 * most spreadsheets read them). Fixed, so a file reads the same whatever year it is imported;
 * staff dates (training, leaving, sessions) are all recent (docs/dates.md).
 */
export function fullYear(twoDigits: number): number {
  return twoDigits <= 68 ? 2000 + twoDigits : 1900 + twoDigits;
}

const yearOf = (text: string): number => (text.length === 2 ? fullYear(Number(text)) : Number(text));

const MONTH_NAMES = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
/** `jan`, `January`, `sept` (lower case) -> 1..12. */
const MONTH_OF_NAME: ReadonlyMap<string, number> = new Map([
  ...MONTH_NAMES.map((name, index) => [name, index + 1] as [string, number]),
  ...MONTH_NAMES.map((name, index) => [name.slice(0, 3), index + 1] as [string, number]),
  ['sept', 9],
]);

/**
 * Parses `2024-09-12` or `12/09/2024` (day first, as UK spreadsheets write it), `12/09/24`
 * (see fullYear), `12-SEP-2024` (ESR) or `12 Sep 2024`, each perhaps with a time of day,
 * which is dropped. Month-first dates are refused, never guessed.
 */
export function parseDate(raw: string): DateResult {
  const text = raw.trim();
  let match = ISO.exec(text);
  if (match) return checked(Number(match[1]), Number(match[2]), Number(match[3]), false);
  match = DAY_FIRST.exec(text);
  if (match) return checked(yearOf(match[3]), Number(match[2]), Number(match[1]), true);
  match = DAY_MONTH_NAME.exec(text);
  if (match) {
    const month = MONTH_OF_NAME.get(match[2].toLowerCase());
    if (month === undefined) return { ok: false, problem: `"${match[2]}" is not a month` };
    return checked(yearOf(match[3]), month, Number(match[1]), false);
  }
  return { ok: false, problem: 'not a date' };
}

/** Day 0 of Excel's serial dates (1899-12-30, so that its fictional 29 Feb 1900 is skipped), in ms. */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/**
 * A date cell of an input file: what parseDate reads, or an Excel serial day number
 * (`45000` is 15 Mar 2023), which a spreadsheet writes when a date column lost its format.
 * `serial` says so, for the warning naming the column.
 */
export function parseDateCell(raw: string): DateResult & { serial?: true } {
  const serial = SERIAL.exec(raw.trim());
  if (serial) {
    const day = new Date(EXCEL_EPOCH + Number(serial[1]) * 86_400_000);
    return { ok: true, date: isoDate(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate()), serial: true };
  }
  return parseDate(raw);
}

/** The warning, once per column, that its dates were Excel day numbers. */
export const SERIAL_DATE_WARNING =
  'holds Excel day numbers, not dates (the column lost its date format), so they were read as the dates Excel shows for them; check a few in remedi staff show';

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
