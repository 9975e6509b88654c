/** Plain text tables that line up in a terminal and still read when pasted into an email. */

/** Visible width, ignoring colour escapes. */
const width = (text: string): number => text.replace(/\u001b\[[0-9;]*m/g, '').length;

export function renderTable(headers: string[], rows: string[][]): string {
  // A loop, not Math.max(...cells): spreading a national staff list overflows the call stack.
  const widths = headers.map(width);
  for (const row of rows) {
    for (let column = 0; column < widths.length; column += 1) widths[column] = Math.max(widths[column], width(row[column] ?? ''));
  }
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => (column === cells.length - 1 ? cell : cell + ' '.repeat(widths[column] - width(cell))))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n') + '\n';
}
