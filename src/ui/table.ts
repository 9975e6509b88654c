/** Plain text tables that line up in a terminal and still read when pasted into an email. */
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

const COLOUR = /\u001b\[[0-9;]*m/g;

const shown = (cell: Cell | undefined): string => (cell === undefined ? '' : typeof cell === 'string' ? visible(cell) : cell.styled);

/** Visible width, ignoring colour escapes. */
const width = (text: string): number => text.replace(COLOUR, '').length;

export function renderTable(headers: string[], rows: ReadonlyArray<readonly Cell[]>): string {
  // A loop, not Math.max(...cells): spreading a national staff list overflows the call stack.
  const widths = headers.map((header) => width(visible(header)));
  const lines: string[][] = [];
  for (const row of rows) {
    const cells = widths.map((_, column) => shown(row[column]));
    for (let column = 0; column < widths.length; column += 1) widths[column] = Math.max(widths[column], width(cells[column]));
    lines.push(cells);
  }
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => (column === cells.length - 1 ? cell : cell + ' '.repeat(widths[column] - width(cell))))
      .join('  ')
      .trimEnd();
  return [line(headers.map(visible)), line(widths.map((w) => '-'.repeat(w))), ...lines.map(line)].join('\n') + '\n';
}
