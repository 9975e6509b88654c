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
}

export interface Progress {
  /** Cheap enough to call for every row: it looks at the clock only every 1024 calls. */
  (done: number, total?: number | null): void;
  /** Wipes the line, if one was drawn. */
  end(): void;
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

/** The progress line's text: "Reading roster.csv: 120,000 of 1,000,000 rows (95,000 a second, about 9s left)". */
export function progressText(what: string, unit: string, done: number, total: number | null, seconds: number): string {
  const rate = seconds > 0 ? done / seconds : 0;
  const left = total !== null && total > done && rate > 0 ? `, about ${duration((total - done) / rate)} left` : '';
  return `${what}: ${count(done)}${total !== null ? ` of ${count(total)}` : ''} ${unit} (${count(rate)} a second${left})`;
}

/**
 * For one long step with no count to show (the pairing solver takes no onProgress yet):
 * a line saying what is happening, wiped by end().
 */
export function working(target: ProgressTarget, text: string, { json = false }: { json?: boolean } = {}): { end(): void } {
  if (json || target.stderrIsTerminal !== true) return { end: () => {} };
  target.err(`${text}\u001b[K`);
  return { end: () => target.err('\r\u001b[K') };
}

const NONE: Progress = Object.assign(() => {}, { end: () => {} });

/** every: how many calls between looks at the clock (1 for a few slow steps, such as files). */
export function progress(
  target: ProgressTarget,
  { what, unit = 'rows', json = false, every = EVERY, now = Date.now }: { what: string; unit?: string; json?: boolean; every?: number; now?: () => number },
): Progress {
  if (json || target.stderrIsTerminal !== true) return NONE;
  const start = now();
  let calls = 0;
  let drawnAt = 0;
  let drawn = false;
  const report = (done: number, total: number | null = null) => {
    calls += 1;
    if (calls % every !== 0) return;
    const at = now();
    if (at - start < SHOW_AFTER_MS || at - drawnAt < REDRAW_MS) return;
    drawnAt = at;
    drawn = true;
    target.err(`\r${progressText(what, unit, done, total, (at - start) / 1000)}\u001b[K`);
  };
  return Object.assign(report, {
    end: () => {
      if (drawn) target.err('\r\u001b[K');
      drawn = false;
    },
  });
}
