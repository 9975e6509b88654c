/**
 * A progress line on stderr for long work (core loops stay free of output: they take
 * onProgress(done, total), and the command wires this line). Only when stderr is a terminal and
 * not --json; it appears once the work has taken a second (a few thousand rows say nothing),
 * is redrawn at most four times a second, and is wiped when the work ends.
 */

export interface ProgressTarget {
  err(text: string): void;
  /** stderr is a terminal. */
  stderrIsTerminal?: boolean;
  /**
   * Milliseconds the work runs before the line appears, and between redraws; absent: a second,
   * then four times a second. REMEDI_PROGRESS_MS sets it (cli/context.ts): a test of the real
   * command sets 0, so the line is drawn at every look at the clock however fast the machine is.
   */
  progressMs?: number | null;
}

export interface Progress {
  /** Cheap enough to call for every row: it looks at the clock only every 1024 calls. */
  (done: number, total?: number | null): void;
  /**
   * How far through its input the work is, when the count to come is not known (the rows of
   * a file): `read` of `size` (bytes). The line then shows a percentage and the time left.
   * A property, not a method: it is handed on alone, as a reader's onBytes.
   */
  through: (read: number, size: number) => void;
  /** Wipes the line, if one was drawn. */
  end(): void;
}

/** Where the work stood when the clock started: the rate and the time left are measured from it. */
export interface ProgressStart {
  done: number;
  fraction: number;
}

const SHOW_AFTER_MS = 1000;
const REDRAW_MS = 250;
const EVERY = 1024;

const count = (n: number) => Math.round(n).toLocaleString('en-GB');

function duration(seconds: number): string {
  if (seconds < 60) return `${Math.max(1, Math.round(seconds))}s`;
  const minutes = Math.floor(seconds / 60);
  return minutes < 60 ? `${minutes}m ${Math.round(seconds % 60)}s` : `${Math.floor(minutes / 60)}h ${minutes % 60}m`;
}

/**
 * The progress line's text. With a total: "Pairing: 1,200 of 4,000 places (400 a second, about 7s left)".
 * With only how far through its input the work is (a fraction, 0 to 1):
 * "Reading roster.csv: 120,000 rows, 12% (95,000 a second, about 9s left)".
 * `seconds` have passed since `from`; work done before it (a solver's quick start) does not count in the rate.
 */
export function progressText(
  what: string,
  unit: string,
  done: number,
  total: number | null,
  seconds: number,
  { fraction = null, from = { done: 0, fraction: 0 } }: { fraction?: number | null; from?: ProgressStart } = {},
): string {
  const rate = seconds > 0 ? (done - from.done) / seconds : 0;
  let left: number | null = null;
  if (total !== null) left = total > done && rate > 0 ? (total - done) / rate : null;
  else if (fraction !== null && fraction < 1 && fraction > from.fraction) left = (seconds * (1 - fraction)) / (fraction - from.fraction);
  const of = total !== null ? ` of ${count(total)}` : '';
  const share = total === null && fraction !== null ? `, ${Math.floor(Math.min(1, Math.max(0, fraction)) * 100)}%` : '';
  return `${what}: ${count(done)}${of} ${unit}${share} (${count(rate)} a second${left !== null ? `, about ${duration(left)} left` : ''})`;
}

/**
 * For one long step with no count to show (pair, while it scores every pair before the solver
 * counts): a line saying what is happening, wiped by end(); a progress line drawn later replaces it.
 */
export function working(target: ProgressTarget, text: string, { json = false }: { json?: boolean } = {}): { end(): void } {
  if (json || target.stderrIsTerminal !== true) return { end: () => {} };
  target.err(`${text}\u001b[K`);
  return { end: () => target.err('\r\u001b[K') };
}

const NONE: Progress = Object.assign(() => {}, { through: () => {}, end: () => {} });

/**
 * every: how many calls between looks at the clock (1 for a few slow steps, such as files or
 * the solver's rows). The clock starts at the first call, so the time spent before the first
 * row (opening the file, checking its encoding) does not lower the rate.
 */
export function progress(
  target: ProgressTarget,
  { what, unit = 'rows', json = false, every = EVERY, now = Date.now }: { what: string; unit?: string; json?: boolean; every?: number; now?: () => number },
): Progress {
  if (json || target.stderrIsTerminal !== true) return NONE;
  const showAfter = target.progressMs ?? SHOW_AFTER_MS;
  const redraw = target.progressMs ?? REDRAW_MS;
  let start = 0;
  let from: ProgressStart = { done: 0, fraction: 0 };
  let fraction: number | null = null;
  let calls = 0;
  let drawnAt = 0;
  let drawn = false;
  const report = (done: number, total: number | null = null) => {
    calls += 1;
    if (calls === 1) {
      start = now();
      from = { done, fraction: fraction ?? 0 };
    }
    if (calls % every !== 0) return;
    const at = now();
    if (at - start < showAfter || (drawn && at - drawnAt < redraw)) return;
    drawnAt = at;
    drawn = true;
    target.err(`\r${progressText(what, unit, done, total, (at - start) / 1000, { fraction, from })}\u001b[K`);
  };
  return Object.assign(report, {
    through: (read: number, size: number) => {
      fraction = size > 0 ? read / size : null;
    },
    end: () => {
      if (drawn) target.err('\r\u001b[K');
      drawn = false;
    },
  });
}
