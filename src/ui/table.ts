/** Plain text tables that line up in a terminal and still read when pasted into an email. */
import { createRequire } from 'node:module';
import { visible } from './terminalText.js';

/**
 * Text remedi coloured itself from its own words (a status, a month strip, "(derived)"):
 * shown as it is. Every plain string cell is data, and its control characters are shown
 * as visible escapes (terminalText.ts), so colour must be added after, never taken from the data.
 */
export interface Styled {
  readonly styled: string;
}

export const styled = (text: string): Styled => ({ styled: text });

export type Cell = string | Styled;

/**
 * How much a column matters when the terminal is too narrow for the whole table.
 * priority: 1 (the default) is kept longest; the highest number is left out first
 * (ties: the rightmost first). min: the narrowest it may be cut to with an ellipsis
 * before it is left out instead (default: 8, or its full width if narrower).
 */
export interface ColumnSpec {
  priority?: number;
  min?: number;
}

/** Where a table is going: the terminal's width (null: never cut) and where to say what was left out. */
export interface Fit {
  width?: number | null;
  err(text: string): void;
}

export interface TableOptions {
  /** By header text. Columns not named have priority 1 and the default minimum. */
  columns?: Readonly<Record<string, ColumnSpec>>;
  fit?: Fit;
  /** Columns the caller will indent the table by, taken from the width it is fitted to. */
  indent?: number;
}

const COLOUR = /\u001b\[[0-9;]*m/g;
const PLAIN = /^[\x20-\x7e]*$/;
const ELLIPSIS = '…';
const GAP = 2;
const DEFAULT_MIN = 8;

const shown = (cell: Cell | undefined): string => (cell === undefined ? '' : typeof cell === 'string' ? visible(cell) : cell.styled);

/**
 * string-width and the grapheme segmenter are loaded at the first cell that is not plain ASCII:
 * most lists never have one, and loading them costs every command that prints a table some
 * 40-55 ms of start-up (measured beside `node -e 0`). require() of an ES module is supported
 * from the Node versions package.json's engines allow (20.19, 22.12).
 */
let stringWidth: ((text: string) => number) | undefined;
let segmenter: Intl.Segmenter | undefined;

function measure(text: string): number {
  stringWidth ??= (createRequire(import.meta.url)('string-width') as { default: (text: string) => number }).default;
  return stringWidth(text);
}

/**
 * Width as displayed: colour escapes count nothing, wide (CJK) characters and emoji two,
 * combining marks nothing (string-width). Plain ASCII, nearly every cell, is measured directly.
 */
export const displayWidth = (text: string): number => (PLAIN.test(text) ? text.length : measure(text));

/** The text cut to at most `max` columns as displayed, ending in '…' when cut; colour is dropped from a cut cell. */
export function cut(text: string, max: number): string {
  return cutTo(text, max, displayWidth(text)).text;
}

/** cut(), with the width of what it returns (measuring the ellipsis again would be slow on a long list). */
function cutTo(text: string, max: number, full: number): { text: string; width: number } {
  if (full <= max) return { text, width: full };
  if (max <= 0) return { text: '', width: 0 };
  if (PLAIN.test(text)) return { text: text.slice(0, max - 1) + ELLIPSIS, width: max };
  const plain = text.replace(COLOUR, '');
  let used = 0;
  let result = '';
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  for (const { segment } of segmenter.segment(plain)) {
    const w = displayWidth(segment);
    if (used + w > max - 1) break;
    result += segment;
    used += w;
  }
  return { text: result + ELLIPSIS, width: used + 1 };
}

export function renderTable(headers: readonly string[], rows: ReadonlyArray<readonly Cell[]>, options: TableOptions = {}): string {
  const heads = headers.map(visible);
  // A loop, not Math.max(...cells): spreading a national staff list overflows the call stack.
  const widths = heads.map(displayWidth);
  const lines: string[][] = [];
  for (const row of rows) {
    const cells = widths.map((_, column) => shown(row[column]));
    for (let column = 0; column < widths.length; column += 1) {
      const w = displayWidth(cells[column]);
      if (w > widths[column]) widths[column] = w;
    }
    lines.push(cells);
  }

  const limit = options.fit?.width ?? null;
  const plan =
    limit === null
      ? { keep: heads.map((_, i) => i), widths, hidden: [] as number[], cutAny: false }
      : fitColumns(headers, widths, Math.max(10, limit - (options.indent ?? 0)), options.columns ?? {});

  const line = (cells: string[]) =>
    plan.keep
      .map((column, index) => {
        const w = plan.widths[column];
        const cell = cutTo(cells[column], w, displayWidth(cells[column]));
        return index === plan.keep.length - 1 ? cell.text : cell.text + ' '.repeat(Math.max(0, w - cell.width));
      })
      .join(' '.repeat(GAP))
      .trimEnd();

  if (plan.hidden.length > 0 && options.fit) {
    const names = plan.hidden.map((i) => heads[i]);
    const count = names.length === 1 ? '1 column' : `${names.length} columns`;
    options.fit.err(
      wrapWords(`${count} hidden to fit ${limit} columns: ${names.join(', ')}; --wide shows ${names.length === 1 ? 'it' : 'them'}.`, limit ?? Infinity),
    );
  } else if (plan.cutAny && options.fit && plan.keep.some((c) => plan.widths[c] < widths[c])) {
    options.fit.err(wrapWords(`Long cells cut to fit ${limit} columns; --wide shows them whole.`, limit ?? Infinity));
  }

  const rule = plan.keep.map((c) => '-'.repeat(plan.widths[c]));
  return [line(heads), rule.join(' '.repeat(GAP)), ...lines.map(line)].join('\n') + '\n';
}

interface Plan {
  keep: number[];
  widths: number[];
  hidden: number[];
  cutAny: boolean;
}

/**
 * Which columns to show, and how wide, in `limit` columns: leave out the least important
 * optional columns until the rest fit whole, or none is left to leave out; while even the
 * narrowest of the rest does not fit, leave out more; then cut the least important first,
 * down to its minimum, until the table fits. At least one column is always shown.
 */
function fitColumns(headers: readonly string[], natural: readonly number[], limit: number, specs: Readonly<Record<string, ColumnSpec>>): Plan {
  const total = (columns: number[], w: readonly number[]) => columns.reduce((sum, c) => sum + w[c], 0) + GAP * Math.max(0, columns.length - 1);
  const all = natural.map((_, i) => i);
  if (total(all, natural) <= limit) return { keep: all, widths: [...natural], hidden: [], cutAny: false };

  const priority = (c: number) => specs[headers[c]]?.priority ?? 1;
  const minimum = all.map((c) => Math.min(natural[c], Math.max(1, specs[headers[c]]?.min ?? DEFAULT_MIN)));
  // Least important first: highest priority number, then the rightmost.
  const order = [...all].sort((a, b) => priority(b) - priority(a) || b - a);

  const keep = new Set(all);
  const hidden: number[] = [];
  const leaveOut = (column: number) => {
    keep.delete(column);
    hidden.push(column);
  };
  // First the columns that may go (priority 2 and up), while the rest do not fit whole;
  // then, if even the narrowest of what is left does not fit, any column but the last.
  for (const column of order) {
    if (priority(column) <= 1 || total([...keep], natural) <= limit) break;
    leaveOut(column);
  }
  for (const column of order) {
    if (keep.size <= 1 || total([...keep], minimum) <= limit) break;
    if (keep.has(column)) leaveOut(column);
  }
  const kept = all.filter((c) => keep.has(c));
  const widths = [...natural];
  let excess = total(kept, widths) - limit;
  // Cut the least important first; among equals, the widest (a long name before a short band).
  const levels = [...new Set(kept.map(priority))].sort((a, b) => b - a);
  for (const level of levels) {
    const group = kept.filter((c) => priority(c) === level);
    while (excess > 0) {
      let widest = -1;
      for (const c of group) if (widths[c] > minimum[c] && (widest < 0 || widths[c] > widths[widest])) widest = c;
      if (widest < 0) break;
      widths[widest] -= 1;
      excess -= 1;
    }
  }
  // One column still wider than the terminal: cut it to the terminal.
  if (excess > 0 && kept.length === 1) widths[kept[0]] = Math.max(1, limit);
  return { keep: kept, widths, hidden, cutAny: true };
}

/** A note broken between words into lines of at most `width` (a word longer than that stands alone), each ending in a newline. */
export function wrapWords(text: string, width: number): string {
  return breakBetweenWords(text, width, '', '')
    .map((l) => `${l}\n`)
    .join('');
}

/**
 * Text for a terminal `width` columns wide, as the terminal would not: a line wider than that is
 * broken between words (not inside one), its continuation indented two columns more than the
 * line; a line that fits, as a fitted table's do, is left as it is. A word wider than the
 * terminal stands alone.
 */
export function wrapLines(text: string, width: number): string {
  return text
    .split('\n')
    .map((line) => {
      if (displayWidth(line) <= width) return line;
      const indent = /^ */.exec(line)![0];
      return breakBetweenWords(line.slice(indent.length), width, indent, `${indent}  `).join('\n');
    })
    .join('\n');
}

function breakBetweenWords(text: string, width: number, first: string, rest: string): string[] {
  const lines: string[] = [];
  let line = first;
  let words = 0;
  for (const word of text.split(' ')) {
    if (words > 0 && word !== '' && displayWidth(line) + 1 + displayWidth(word) > width) {
      lines.push(line.trimEnd());
      line = rest + word;
    } else line = words === 0 ? line + word : `${line} ${word}`;
    words += 1;
  }
  lines.push(line);
  return lines;
}
