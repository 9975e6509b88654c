/**
 * A session log's rows flattened for the hand-over from the reading worker (io/tableWorker.ts)
 * and read back: plain values in a fixed order, no objects but a row's column labels, which
 * are the same for every row of a file and so sent once a batch. Structured clone copies
 * plain values far faster than a million small objects.
 */
import type { Kind, Level, Theme } from '../../domain/sessions.js';
import type { SessionRow } from '../../domain/sessionRows.js';
import type { BatchDecoder, RowEncoder } from '../../io/tableWorker.js';

type Columns = SessionRow['columns'];

/** The worker's side; one per file read (it remembers the last columns it sent). */
export function sessionRowEncoder(): RowEncoder<SessionRow> {
  let sent: Columns | null = null;
  return (row, out) => {
    // A batch starts empty: its first row carries the columns, and so does any row whose differ.
    const columns = out.length === 0 || sent === null || !sameColumns(sent, row.columns) ? (sent = row.columns) : null;
    out.push(
      columns,
      row.line,
      row.pairId,
      row.menteeId,
      row.mentee ?? null,
      row.respondent ?? null,
      row.date,
      row.minutes,
      row.kind,
      row.level,
      row.livedExperience,
      row.notes,
      row.themes.length,
    );
    for (const theme of row.themes) out.push(theme.key, theme.label);
    if (row.mentors === null) out.push(-1);
    else out.push(row.mentors.length, ...row.mentors);
  };
}

/** The importing thread's side: the rows of one batch, as parseSessionRecord gave them. */
export const decodeSessionRows: BatchDecoder<SessionRow> = (values, rows, onRow) => {
  let at = 0;
  let columns: Columns | null = null;
  for (let n = 0; n < rows; n += 1) {
    const base = at;
    if (values[base] !== null) columns = values[base] as Columns;
    const mentee = values[base + 4] as string | null;
    const respondent = values[base + 5] as string | null;
    const themeCount = values[base + 12] as number;
    at = base + 13;
    const themes: Theme[] = [];
    for (let t = 0; t < themeCount; t += 1, at += 2) themes.push({ key: values[at] as string, label: values[at + 1] as string });
    const mentorCount = values[at] as number;
    at += 1;
    let mentors: string[] | null = null;
    if (mentorCount >= 0) {
      mentors = values.slice(at, at + mentorCount) as string[];
      at += mentorCount;
    }
    onRow({
      line: values[base + 1] as number,
      pairId: values[base + 2] as number | null,
      menteeId: values[base + 3] as string | null,
      ...(mentee === null ? {} : { mentee }),
      ...(respondent === null ? {} : { respondent }),
      date: values[base + 6] as string,
      minutes: values[base + 7] as number,
      kind: values[base + 8] as Kind,
      level: values[base + 9] as Level,
      themes,
      livedExperience: values[base + 10] as boolean,
      mentors,
      notes: values[base + 11] as string | null,
      columns: columns!,
    });
  }
};

function sameColumns(a: Columns, b: Columns): boolean {
  return a.pair === b.pair && a.date === b.date && a.minutes === b.minutes && a.mentors === b.mentors && a.themes === b.themes && a.mentee === b.mentee;
}
