/**
 * A session log's rows packed for the hand-over from the reading worker (io/tableWorker.ts) and
 * read back. A batch is one Float64Array of numbers, moved to the other thread rather than copied,
 * and the few texts it refers to, each sent once a batch: a form export repeats the same dates,
 * theme lists and column labels over thousands of rows, and the kind and level are one of a fixed
 * few. Copying a dozen values a row by structured clone was most of what each side spent on the
 * hand-over (measured on 1,000,000 rows).
 */
import { KINDS, LEVELS, type Theme } from '../../domain/sessions.js';
import type { SessionRow } from '../../domain/sessionRows.js';
import type { BatchDecoder, RowPacker } from '../../io/tableWorker.js';

type Columns = SessionRow['columns'];

/** A row's numbers, in this order, then its mentors' texts (MENTORS of them; -1: not stated). */
const LINE = 0;
const PAIR = 1;
const MENTEE_ID = 2;
const MENTEE = 3;
const RESPONDENT = 4;
const DATE = 5;
const MINUTES = 6;
const KIND = 7;
const LEVEL = 8;
const LIVED = 9;
const NOTES = 10;
const THEMES = 11;
const COLUMNS = 12;
const MENTORS = 13;
const FIXED = 14;

/** Absent (a text not given, no pair_id, mentors not stated). */
const NONE = -1;

/** The worker's side; one per file read. */
export function sessionRowPacker(): RowPacker<SessionRow> {
  let numbers = new Float64Array(1 << 14);
  let used = 0;
  let texts: string[] = [];
  let textAt = new Map<string, number>();
  let themeLists: string[][] = [];
  let themeListAt = new Map<string, number>();
  let columnsSent: Columns[] = [];
  const text = (value: string | null | undefined): number => {
    if (value === null || value === undefined) return NONE;
    let at = textAt.get(value);
    if (at === undefined) {
      at = texts.push(value) - 1;
      textAt.set(value, at);
    }
    return at;
  };
  const themeList = (themes: readonly Theme[]): number => {
    // Each key and label after its length, so that no two lists have the same name.
    let name = '';
    for (const theme of themes) name += `${theme.key.length}:${theme.key}${theme.label.length}:${theme.label}`;
    let at = themeListAt.get(name);
    if (at === undefined) {
      const flat: string[] = [];
      for (const theme of themes) flat.push(theme.key, theme.label);
      at = themeLists.push(flat) - 1;
      themeListAt.set(name, at);
    }
    return at;
  };
  const columnsOf = (columns: Columns): number => {
    for (let at = columnsSent.length - 1; at >= 0; at -= 1) if (sameColumns(columnsSent[at], columns)) return at;
    return columnsSent.push(columns) - 1;
  };
  return {
    add(row) {
      const mentors = row.mentors?.length ?? 0;
      if (used + FIXED + mentors > numbers.length) {
        const grown = new Float64Array(Math.max(numbers.length * 2, used + FIXED + mentors));
        grown.set(numbers.subarray(0, used));
        numbers = grown;
      }
      const at = used;
      numbers[at + LINE] = row.line;
      numbers[at + PAIR] = row.pairId ?? NONE;
      numbers[at + MENTEE_ID] = text(row.menteeId);
      numbers[at + MENTEE] = text(row.mentee);
      numbers[at + RESPONDENT] = text(row.respondent);
      numbers[at + DATE] = text(row.date);
      numbers[at + MINUTES] = row.minutes;
      numbers[at + KIND] = KINDS.indexOf(row.kind);
      numbers[at + LEVEL] = LEVELS.indexOf(row.level);
      numbers[at + LIVED] = row.livedExperience ? 1 : 0;
      numbers[at + NOTES] = text(row.notes);
      numbers[at + THEMES] = themeList(row.themes);
      numbers[at + COLUMNS] = columnsOf(row.columns);
      numbers[at + MENTORS] = row.mentors === null ? NONE : mentors;
      for (let m = 0; m < mentors; m += 1) numbers[at + FIXED + m] = text(row.mentors![m]);
      used = at + FIXED + mentors;
    },
    seal(out) {
      const packed = numbers.subarray(0, used);
      out.push(packed, texts, themeLists, columnsSent);
      // The buffer moves to the other thread: the next batch starts on a new one.
      numbers = new Float64Array(numbers.length);
      used = 0;
      texts = [];
      textAt = new Map();
      themeLists = [];
      themeListAt = new Map();
      columnsSent = [];
      return [packed.buffer];
    },
  };
}

/** The importing thread's side: the rows of one batch, as parseSessionRecord gave them. */
export const decodeSessionRows: BatchDecoder<SessionRow> = (values, rows, onRow) => {
  const [numbers, texts, themeLists, columnsSent] = values as [Float64Array, string[], string[][], Columns[]];
  const text = (at: number): string | null => (at === NONE ? null : texts[at]);
  // Each list's themes made once a batch; every row gets its own array of them.
  const themesOf = themeLists.map((flat) => {
    const themes: Theme[] = [];
    for (let t = 0; t < flat.length; t += 2) themes.push({ key: flat[t], label: flat[t + 1] });
    return themes;
  });
  let at = 0;
  for (let n = 0; n < rows; n += 1) {
    const mentee = text(numbers[at + MENTEE]);
    const respondent = text(numbers[at + RESPONDENT]);
    const mentorCount = numbers[at + MENTORS];
    let mentors: string[] | null = null;
    if (mentorCount !== NONE) {
      mentors = new Array<string>(mentorCount);
      for (let m = 0; m < mentorCount; m += 1) mentors[m] = texts[numbers[at + FIXED + m]];
    }
    const pairId = numbers[at + PAIR];
    onRow({
      line: numbers[at + LINE],
      pairId: pairId === NONE ? null : pairId,
      menteeId: text(numbers[at + MENTEE_ID]),
      ...(mentee === null ? {} : { mentee }),
      ...(respondent === null ? {} : { respondent }),
      date: texts[numbers[at + DATE]],
      minutes: numbers[at + MINUTES],
      kind: KINDS[numbers[at + KIND]],
      level: LEVELS[numbers[at + LEVEL]],
      themes: themesOf[numbers[at + THEMES]].slice(),
      livedExperience: numbers[at + LIVED] === 1,
      mentors,
      notes: text(numbers[at + NOTES]),
      columns: columnsSent[numbers[at + COLUMNS]],
    });
    at += FIXED + Math.max(mentorCount, 0);
  }
};

function sameColumns(a: Columns, b: Columns): boolean {
  return (
    a === b || (a.pair === b.pair && a.date === b.date && a.minutes === b.minutes && a.mentors === b.mentors && a.themes === b.themes && a.mentee === b.mentee)
  );
}
