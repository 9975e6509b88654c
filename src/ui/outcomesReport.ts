/**
 * The report's Outcomes section in each format (docs/outcomes.md, "Outcomes"): a compact
 * table of means for text and Markdown, a before/after chart per question in HTML, and one
 * figure a row for the publication CSV. Quotes are shown without any name.
 */
import type { Count } from '../domain/countSuppression.js';
import type { Outcome, OutcomesSection, Quote, StageFigure } from '../domain/outcomes.js';
import { SURVEY_STAGES } from '../domain/surveys.js';
import { renderTable, type Fit } from './table.js';
import { escapeHtml as esc } from './svgCharts.js';
import { visible } from './terminalText.js';

export const OUTCOMES_EXPLAINED =
  'Mean agreement, 1 strongly disagree to 5 strongly agree, with how many answered; the change is from start to end among those who answered both.';
export const NO_SURVEYS = 'No outcome surveys imported yet (remedi survey import FILE --cohort N --stage start).';

/** "3.4 (n 9)", "<5" when suppressed, "-" when nobody answered. */
export function figureText(figure: StageFigure | null, signed = false): string {
  if (figure === null) return '-';
  if (figure.mean === null) return String(figure.n);
  const mean = figure.mean.toFixed(1);
  return `${signed && figure.mean > 0 ? '+' : ''}${signed && mean === '-0.0' ? '0.0' : mean} (n ${figure.n})`;
}

const HEADERS = ['Question', 'Group', 'Start', 'Mid', 'End', 'Change'];

function cells(outcome: Outcome): string[] {
  return [outcome.question, outcome.group, figureText(outcome.start), figureText(outcome.mid), figureText(outcome.end), figureText(outcome.change, true)];
}

/** Where a quote was given: "a mentee, at the end". */
export function quoteSource(quote: Quote): string {
  const who = quote.group === 'mentees' ? 'a mentee' : 'a mentor';
  return `${who}, ${quote.stage === 'mid' ? 'mid-way' : `at the ${quote.stage}`}`;
}

/** The section's lines for the terminal, each indented by two; questions and quotes are data, shown with visible escapes. */
export function outcomesTextLines(section: OutcomesSection, fit?: Fit): string[] {
  if (section.outcomes.length === 0 && section.quotes.length === 0) return [`  ${NO_SURVEYS}`];
  const lines = [`  ${OUTCOMES_EXPLAINED}`];
  if (section.outcomes.length > 0) {
    const table = renderTable(HEADERS, section.outcomes.map(cells), { fit, columns: { Question: { min: 20 }, Mid: { priority: 2 } }, indent: 2 });
    lines.push(table.trimEnd().replace(/^/gm, '  '));
  }
  if (section.quotes.length > 0) {
    lines.push('', '  In their words (quoted with consent):');
    for (const quote of section.quotes) lines.push(`  "${visible(quote.text)}" (${quoteSource(quote)})`);
  }
  return lines;
}

/** The section in Markdown, `md` escaping the data as the rest of the report does. */
export function outcomesMarkdown(section: OutcomesSection, md: (text: string) => string): string[] {
  if (section.outcomes.length === 0 && section.quotes.length === 0) return [md(NO_SURVEYS)];
  const out = [OUTCOMES_EXPLAINED];
  if (section.outcomes.length > 0) {
    out.push(
      '',
      [`| ${HEADERS.join(' | ')} |`, `|${HEADERS.map(() => '---').join('|')}|`, ...section.outcomes.map((o) => `| ${cells(o).map(md).join(' | ')} |`)].join(
        '\n',
      ),
    );
  }
  if (section.quotes.length > 0) {
    out.push('', 'In their words (quoted with consent):', '');
    for (const quote of section.quotes) out.push(`> ${md(quote.text)}  `, `> (${quoteSource(quote)})`, '');
    out.pop();
  }
  return out;
}

const metricCell = (path: string, value: Count | number | null) =>
  `<td class="num" data-metric="${esc(path)}">${esc(value === null ? '-' : String(value))}</td>`;

/**
 * A before/after chart of one question for one group: a bar per stage on the 1-5 scale, its
 * mean written beside it; a stage nobody answered, or a suppressed one, is drawn with no bar.
 */
export function beforeAfterChart(id: string, outcome: Outcome): string {
  const rowHeight = 26;
  const labelWidth = 70;
  const barWidth = 300;
  const stages = SURVEY_STAGES.filter((stage) => outcome[stage] !== null);
  const height = stages.length * rowHeight + 30;
  const x = (score: number) => labelWidth + Math.round(((score - 1) / 4) * barWidth);
  const described = stages.map((stage) => `${stage}: ${figureText(outcome[stage])}`).join('; ');
  const rows = stages.map((stage, i) => {
    const figure = outcome[stage] as StageFigure;
    const y = i * rowHeight + 5;
    const length = figure.mean === null ? 0 : Math.max(2, x(figure.mean) - labelWidth);
    const tone = stage === 'start' ? 'neutral' : stage === 'mid' ? 'attention' : 'info';
    return [
      `<text x="${labelWidth - 8}" y="${y + 17}" text-anchor="end" class="label">${stage}</text>`,
      `<rect x="${labelWidth}" y="${y + 3}" width="${length}" height="${rowHeight - 8}" class="bar ${tone}"><title>${esc(`${stage}: ${figureText(figure)}`)}</title></rect>`,
      `<text x="${labelWidth + length + 6}" y="${y + 17}" class="value">${esc(figureText(figure))}</text>`,
    ].join('');
  });
  const axisY = stages.length * rowHeight + 8;
  const ticks = [1, 2, 3, 4, 5].map((score) => `<text x="${x(score)}" y="${axisY + 14}" text-anchor="middle" class="axis">${score}</text>`).join('');
  const title = `${outcome.question} (${outcome.group})`;
  return (
    `<svg id="${id}" class="chart" viewBox="0 0 ${labelWidth + barWidth + 110} ${height}" width="${labelWidth + barWidth + 110}" role="img" aria-labelledby="${id}-title ${id}-desc" xmlns="http://www.w3.org/2000/svg">` +
    `<title id="${id}-title">${esc(title)}</title><desc id="${id}-desc">${esc(described)}</desc>${rows.join('')}` +
    `<line x1="${labelWidth}" y1="${axisY}" x2="${labelWidth + barWidth}" y2="${axisY}" stroke="currentColor" stroke-width="1"/>${ticks}</svg>`
  );
}

/** Inline (the page's style sheet belongs to the whole report): a rule beside each quote. */
const QUOTE_STYLE = ' style="margin: .6rem 0 .6rem 1rem; padding: .1rem .8rem; border-left: 4px solid #c8ccd0; color: #1a1a1a"';

/** The section's HTML: a chart per question and group, the figures in a table, then the quotes. */
export function outcomesHtml(section: OutcomesSection): string {
  if (section.outcomes.length === 0 && section.quotes.length === 0) return `<p>${esc(NO_SURVEYS)}</p>`;
  const parts = [`<p>${esc(OUTCOMES_EXPLAINED)}</p>`];
  section.outcomes.forEach((outcome, k) => {
    parts.push(
      `<figure>${beforeAfterChart(`chart-outcome-${k}`, outcome)}<figcaption>${esc(`${outcome.question}: ${outcome.group}, change ${figureText(outcome.change, true)}.`)}</figcaption></figure>`,
    );
  });
  if (section.outcomes.length > 0) {
    const head = ['Question', 'Group', 'Start n', 'Start mean', 'Mid n', 'Mid mean', 'End n', 'End mean', 'Change n', 'Change mean']
      .map((h, i) => `<th scope="col"${i >= 2 ? ' class="num"' : ''}>${esc(h)}</th>`)
      .join('');
    const rows = section.outcomes.map((o, k) => {
      const figures = (['start', 'mid', 'end', 'change'] as const).map((stage) => {
        const figure = o[stage];
        return (
          metricCell(`outcomes.${k}.${stage}.n`, figure?.n ?? null) +
          metricCell(`outcomes.${k}.${stage}.mean`, figure?.mean == null ? null : figure.mean.toFixed(1))
        );
      });
      return `<tr><td>${esc(o.question)}</td><td>${esc(o.group)}</td>${figures.join('')}</tr>`;
    });
    parts.push(`<div class="table-wrap"><table><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table></div>`);
  }
  if (section.quotes.length > 0) {
    parts.push('<h3>In their words (quoted with consent)</h3>');
    for (const quote of section.quotes)
      parts.push(`<blockquote${QUOTE_STYLE}><p>${esc(quote.text)}</p><footer>${esc(`- ${quoteSource(quote)}`)}</footer></blockquote>`);
  }
  return parts.join('\n');
}

/** The publication CSV's rows: section, item, value. */
export function outcomesCsvRows(section: OutcomesSection): Array<[string, string, string | number | null]> {
  const rows: Array<[string, string, string | number | null]> = [];
  for (const o of section.outcomes) {
    for (const stage of ['start', 'mid', 'end', 'change'] as const) {
      const figure = o[stage];
      if (figure === null) continue;
      rows.push([`outcome ${o.group}`, `${o.question}: ${stage} n`, figure.n]);
      if (figure.mean !== null) rows.push([`outcome ${o.group}`, `${o.question}: ${stage} mean`, Math.round(figure.mean * 100) / 100]);
    }
  }
  for (const quote of section.quotes) rows.push(['quote', quoteSource(quote), quote.text]);
  return rows;
}
