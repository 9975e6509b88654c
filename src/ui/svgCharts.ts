/**
 * Small inline SVG charts, drawn from the report's own numbers: no chart library,
 * no scripts, nothing fetched. Every chart has a title and a text description, every
 * bar its number written beside it, and patterns back up colour, so nothing depends on
 * colour alone. Text is escaped: names and themes come from the database.
 */
import { visible } from './terminalText.js';

/** HTML-escaped, with control characters shown (terminalText.ts): a page printed to a terminal obeys none. */
export function escapeHtml(text: string): string {
  return visible(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export interface Bar {
  label: string;
  /** A number, or a suppressed count such as "<5" (drawn with no bar). */
  value: number | string;
  /** A CSS class for the fill: good, attention, danger, neutral. */
  tone?: 'good' | 'info' | 'attention' | 'danger' | 'neutral';
}

/** Horizontal bars with the label on the left and the value at the bar's end. */
export function barChart(id: string, title: string, description: string, bars: readonly Bar[]): string {
  const rowHeight = 26;
  const labelWidth = 230;
  const barWidth = 380;
  const height = bars.length * rowHeight + 10;
  const max = Math.max(1, ...bars.map((b) => (typeof b.value === 'number' ? b.value : 0)));
  const titleId = `${id}-title`;
  const descId = `${id}-desc`;
  const rows = bars
    .map((bar, i) => {
      const y = i * rowHeight + 5;
      const length = typeof bar.value === 'number' ? Math.round((bar.value / max) * barWidth) : 0;
      const tone = bar.tone ?? 'neutral';
      return [
        `<text x="${labelWidth - 8}" y="${y + 17}" text-anchor="end" class="label">${escapeHtml(bar.label)}</text>`,
        `<rect x="${labelWidth}" y="${y + 3}" width="${length}" height="${rowHeight - 8}" class="bar ${tone}"><title>${escapeHtml(`${bar.label}: ${bar.value}`)}</title></rect>`,
        `<text x="${labelWidth + length + 6}" y="${y + 17}" class="value">${escapeHtml(String(bar.value))}</text>`,
      ].join('');
    })
    .join('');
  return (
    `<svg id="${id}" class="chart" viewBox="0 0 ${labelWidth + barWidth + 60} ${height}" width="${labelWidth + barWidth + 60}" role="img" aria-labelledby="${titleId} ${descId}" xmlns="http://www.w3.org/2000/svg">` +
    `<title id="${titleId}">${escapeHtml(title)}</title><desc id="${descId}">${escapeHtml(description)}</desc>${rows}</svg>`
  );
}

export interface StripRow {
  label: string;
  cells: Array<{ sessions: number; state: 'met' | 'short' | 'open' | 'cut'; title: string }>;
}

/** A heat strip: one row per relationship, one cell per relationship month, the count in each cell. */
export function heatStrip(id: string, title: string, description: string, rows: readonly StripRow[], minPerMonth: number): string {
  const cell = 34;
  const labelWidth = 230;
  const columns = Math.max(1, ...rows.map((r) => r.cells.length));
  const width = labelWidth + columns * (cell + 4) + 10;
  const height = rows.length * (cell + 4) + 30;
  const header = Array.from(
    { length: columns },
    (_, k) => `<text x="${labelWidth + k * (cell + 4) + cell / 2}" y="14" text-anchor="middle" class="axis">m${k + 1}</text>`,
  ).join('');
  const body = rows
    .map((row, r) => {
      const y = 22 + r * (cell + 4);
      const cells = row.cells
        .map((c, k) => {
          const x = labelWidth + k * (cell + 4);
          const mark = c.state === 'met' ? '✓' : c.state === 'short' ? '✗' : c.state === 'open' ? '…' : '✂';
          return (
            `<g><title>${escapeHtml(c.title)}</title><rect x="${x}" y="${y}" width="${cell}" height="${cell}" class="cell ${c.state}"/>` +
            `<text x="${x + cell / 2}" y="${y + cell / 2 + 5}" text-anchor="middle" class="cell-text">${c.sessions}${mark}</text></g>`
          );
        })
        .join('');
      return `<text x="${labelWidth - 8}" y="${y + cell / 2 + 5}" text-anchor="end" class="label">${escapeHtml(row.label)}</text>${cells}`;
    })
    .join('');
  return (
    `<svg id="${id}" class="chart" viewBox="0 0 ${width} ${height}" width="${width}" role="img" aria-labelledby="${id}-title ${id}-desc" xmlns="http://www.w3.org/2000/svg" data-min-per-month="${minPerMonth}">` +
    `<title id="${id}-title">${escapeHtml(title)}</title><desc id="${id}-desc">${escapeHtml(description)}</desc>${header}${body}</svg>`
  );
}

/** Vertical columns, for a series over time (sessions per calendar month). */
export function columnChart(id: string, title: string, description: string, points: ReadonlyArray<{ label: string; value: number }>): string {
  const column = 64;
  const chartHeight = 160;
  const width = Math.max(1, points.length) * (column + 10) + 20;
  const max = Math.max(1, ...points.map((p) => p.value));
  const bars = points
    .map((p, i) => {
      const h = Math.round((p.value / max) * chartHeight);
      const x = 10 + i * (column + 10);
      return (
        `<rect x="${x}" y="${20 + chartHeight - h}" width="${column}" height="${h}" class="bar info"><title>${escapeHtml(`${p.label}: ${p.value}`)}</title></rect>` +
        `<text x="${x + column / 2}" y="${14 + chartHeight - h}" text-anchor="middle" class="value">${p.value}</text>` +
        `<text x="${x + column / 2}" y="${chartHeight + 38}" text-anchor="middle" class="axis">${escapeHtml(p.label)}</text>`
      );
    })
    .join('');
  return (
    `<svg id="${id}" class="chart" viewBox="0 0 ${width} ${chartHeight + 50}" width="${width}" role="img" aria-labelledby="${id}-title ${id}-desc" xmlns="http://www.w3.org/2000/svg">` +
    `<title id="${id}-title">${escapeHtml(title)}</title><desc id="${id}-desc">${escapeHtml(description)}</desc>${bars}</svg>`
  );
}
