/**
 * Reading the values SQLite joins with group_concat: a report asks for one row per relationship
 * instead of one per session (a million rows through the driver cost several times what fifty
 * thousand strings do to read), and reads each relationship's values out of its joined text
 * without a string per value.
 */
import type { IsoDate } from '../domain/dates.js';

/**
 * Splits a relationship's joined dates, each distinct day one shared string: a cohort's million
 * sessions fall on a few hundred days, and a string per session is most of the report's garbage.
 * Dates are ISO days (validated as sessions are written), so never hold the separator; anything
 * not ten characters apart is split plainly.
 */
export function dateSplitter(): (joined: string) => IsoDate[] {
  const days = new Map<number, IsoDate>();
  return (joined) => {
    if ((joined.length + 1) % 11 !== 0) return joined.split(',');
    const dates: IsoDate[] = new Array<IsoDate>((joined.length + 1) / 11);
    for (let i = 0, at = 0; at < joined.length; i++, at += 11) {
      if (at + 10 < joined.length && joined.charCodeAt(at + 10) !== 44) return joined.split(',');
      // The day's ten characters as one number, each (from the dash, 45, to the digits, 48 to 57) one hex digit.
      let key = 0;
      for (let c = at; c < at + 10; c++) {
        const digit = joined.charCodeAt(c) - 45;
        if (digit < 0 || digit > 15) return joined.split(',');
        key = key * 16 + digit;
      }
      let date = days.get(key);
      if (date === undefined) {
        date = joined.slice(at, at + 10);
        days.set(key, date);
      }
      dates[i] = date;
    }
    return dates;
  };
}

/**
 * Counts a comma-joined list of choices (a column SQLite's CHECK holds to `choices`, which are
 * our own constants, none holding a comma) into `counts`, by each choice's index: adding to
 * counts one by one, with no string per value. A value that is none of them is not counted,
 * as a column outside its CHECK would not be.
 */
export function choiceCounter(choices: readonly string[]): (joined: string, counts: number[]) => void {
  // The choices of each first character and length, so most values are matched by one comparison
  // of their characters (a character loop: startsWith per value costs more on a million).
  const byStart = new Map<number, number[]>();
  const keyOf = (first: number, length: number) => first * 65_536 + length;
  choices.forEach((choice, index) => {
    const key = keyOf(choice.charCodeAt(0), choice.length);
    byStart.set(key, [...(byStart.get(key) ?? []), index]);
  });
  const codes = choices.map((choice) => Array.from({ length: choice.length }, (_, i) => choice.charCodeAt(i)));
  return (joined, counts) => {
    for (let at = 0; at < joined.length;) {
      let end = joined.indexOf(',', at);
      if (end === -1) end = joined.length;
      const candidates = byStart.get(keyOf(joined.charCodeAt(at), end - at));
      if (candidates !== undefined) {
        for (let j = 0; j < candidates.length; j++) {
          const code = codes[candidates[j]];
          let same = true;
          for (let c = 1; c < code.length && same; c++) same = joined.charCodeAt(at + c) === code[c];
          if (same) {
            counts[candidates[j]] += 1;
            break;
          }
        }
      }
      at = end + 1;
    }
  };
}

/**
 * Writes the whole numbers of a comma-joined list (SQLite's group_concat of an integer column)
 * into `into` from index `at`, and returns the index after the last. Plain digits are added up
 * as they come; a list holding anything else (a sign, a real, a number too long to add up
 * exactly) is read with Number, value by value.
 */
export function readIntegers(joined: string, into: number[], at: number): number {
  let k = at;
  let value = 0;
  let digits = 0;
  for (let i = 0; i < joined.length; i++) {
    const code = joined.charCodeAt(i);
    if (code === 44) {
      if (digits === 0) return readPlainly(joined, into, at);
      into[k++] = value;
      value = 0;
      digits = 0;
    } else if (code >= 48 && code <= 57 && digits < 15) {
      value = value * 10 + (code - 48);
      digits += 1;
    } else return readPlainly(joined, into, at);
  }
  if (digits === 0) return readPlainly(joined, into, at);
  into[k++] = value;
  return k;
}

function readPlainly(joined: string, into: number[], at: number): number {
  let k = at;
  for (const text of joined.split(',')) into[k++] = Number(text);
  return k;
}
