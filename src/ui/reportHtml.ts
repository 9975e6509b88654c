/**
 * The cohort report as one self-contained HTML page for the Executive Board: inline CSS
 * and SVG only (no scripts, fonts or images to fetch), accessible, and printable on A4.
 * Every number carries a data-metric naming where it sits in the JSON report.
 */
import { formatDate } from '../domain/dates.js';
import type { CohortReport } from '../domain/cohortReport.js';
import type { Count } from '../domain/countSuppression.js';
import { isPublication, type PublicationReport } from '../domain/publicationReport.js';
import { KIND_LABELS, type Kind } from '../domain/sessions.js';
import {
  asOfText,
  characteristicLabel,
  countedCharacteristics,
  monthCells,
  MONTH_LEGEND,
  NOT_FOR_PUBLICATION,
  NOT_FOR_PUBLICATION_WHY,
  percent,
  PUBLICATION_NOTE,
  rateText,
  showsCoveredNow,
  suppressedBy,
  sessionsAndHours,
} from './reportParts.js';
import { meetingsHtml } from './reportMeetings.js';
import { outcomesHtml } from './outcomesReport.js';
import { barChart, columnChart, escapeHtml as esc, heatStrip, type Bar } from './svgCharts.js';

const STYLE = `
:root { --good: #1b5e20; --info: #0d47a1; --attention: #8a5300; --danger: #b71c1c; --neutral: #455a64; --ink: #1a1a1a; --rule: #c8ccd0; }
* { box-sizing: border-box; }
body { font-family: "Segoe UI", Arial, Helvetica, sans-serif; color: var(--ink); margin: 0 auto; padding: 1.5rem; max-width: 70rem; line-height: 1.45; font-size: 1rem; }
h1 { font-size: 1.8rem; margin: 0 0 .25rem; } h2 { font-size: 1.35rem; border-bottom: 2px solid var(--info); padding-bottom: .2rem; margin-top: 2rem; } h3 { font-size: 1.1rem; }
.lede { margin: 0 0 1rem; }
.note { border-left: 4px solid var(--attention); padding: .4rem .8rem; background: #fff8e6; }
.banner { border: 3px solid var(--danger); color: var(--danger); background: #fff; padding: .5rem .8rem; margin: 0 0 1rem; }
.banner strong { font-size: 1.15rem; text-transform: uppercase; letter-spacing: .02em; }
.figures { display: flex; flex-wrap: wrap; gap: .75rem; padding: 0; list-style: none; }
.figures li { border: 1px solid var(--rule); border-radius: 6px; padding: .6rem .9rem; min-width: 9rem; }
.figures .n { display: block; font-size: 1.6rem; font-weight: 700; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .95rem; }
th, td { border: 1px solid var(--rule); padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: #eef2f6; }
td.num, th.num { text-align: right; }
.status { font-weight: 700; white-space: nowrap; }
.status.met, .status.on-track { color: var(--good); } .status.at-risk { color: var(--attention); } .status.breached { color: var(--danger); }
.strip { font-family: Consolas, "Courier New", monospace; white-space: nowrap; }
figure { margin: 1rem 0; } figcaption { font-size: .9rem; color: #37474f; }
.chart { max-width: 100%; height: auto; font-size: 13px; }
.chart .label, .chart .value, .chart .axis { fill: var(--ink); }
.chart .bar.good { fill: var(--good); } .chart .bar.info { fill: var(--info); } .chart .bar.attention { fill: var(--attention); }
.chart .bar.danger { fill: var(--danger); } .chart .bar.neutral { fill: var(--neutral); }
.chart .cell.met { fill: #c8e6c9; stroke: var(--good); } .chart .cell.short { fill: #ffcdd2; stroke: var(--danger); stroke-dasharray: 3 2; }
.chart .cell.open { fill: #fff3cd; stroke: var(--attention); } .chart .cell.cut { fill: #eceff1; stroke: var(--neutral); stroke-dasharray: 1 2; } .chart .cell-text { fill: var(--ink); font-weight: 700; }
@page { size: A4; margin: 14mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  section { break-before: page; } section:first-of-type { break-before: auto; }
  tr, figure, .figures li { break-inside: avoid; } thead { display: table-header-group; }
  h2, h3 { break-after: avoid; }
}`;

const metric = (path: string, value: Count | null, className = 'num') =>
  `<td class="${className}" data-metric="${esc(path)}">${esc(value === null ? '-' : String(value))}</td>`;

function table(headers: string[], rows: string[], caption?: string): string {
  const head = headers.map((h) => `<th scope="col"${/^(Count|Sessions|Relationships|Months|Rate)/.test(h) ? ' class="num"' : ''}>${esc(h)}</th>`).join('');
  return `<div class="table-wrap"><table>${caption ? `<caption class="visually-hidden">${esc(caption)}</caption>` : ''}<thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
}

function figure(svg: string, caption: string): string {
  return `<figure>${svg}<figcaption>${esc(caption)}</figcaption></figure>`;
}

const statusClass = (status: string) => status.replace(' ', '-');

export function renderReportHtml(report: CohortReport | PublicationReport): string {
  const { cohort, participation: p, board, summary, interactions: i } = report;
  const named = isPublication(report) ? null : report;
  const title = `Cohort ${cohort.number}${cohort.name ? `: ${cohort.name}` : ''}: reverse mentoring report`;
  const withType = report.suppressBelow === null;
  const sections: string[] = [];

  sections.push(`<section aria-labelledby="summary">
<h2 id="summary">Summary</h2>
<ul class="figures">
<li><span class="n" data-metric="board.covered">${board.covered}</span> of <span data-metric="board.total">${board.total}</span> board members covered during the cohort</li>
${showsCoveredNow(report) ? `<li><span class="n" data-metric="board.coveredNow">${board.coveredNow}</span> covered now</li>\n` : ''}
<li><span class="n" data-metric="participation.relationships">${p.relationships}</span> relationships</li>
<li><span class="n" data-metric="summary.met">${summary.met}</span> met</li>
<li><span class="n" data-metric="summary.onTrack">${summary.onTrack}</span> on track</li>
<li><span class="n" data-metric="summary.atRisk">${summary.atRisk}</span> at risk</li>
<li><span class="n" data-metric="summary.breached">${summary.breached}</span> breached</li>
<li><span class="n" data-metric="interactions.total">${i.total}</span> sessions</li>
</ul>
</section>`);

  const statusBars: Bar[] = [
    { label: 'met', value: summary.met, tone: 'good' },
    { label: 'on track', value: summary.onTrack, tone: 'info' },
    { label: 'at risk', value: summary.atRisk, tone: 'attention' },
    { label: 'breached', value: summary.breached, tone: 'danger' },
  ];
  const relationships = named?.relationships ?? [];
  const relationshipRows = relationships.map((rel) => {
    const cells = monthCells(rel.months, cohort.minPerMonth)
      .map((c) => c.text)
      .join(' ');
    return `<tr data-relationship="${rel.id}"><td>#${rel.id}</td><td>${esc(rel.mentee.name)}</td><td>${esc(rel.mentors.map((m) => m.name).join(' + '))}</td>${withType ? `<td>${esc(rel.type ?? '')}</td>` : ''}<td class="status ${statusClass(rel.status)}" data-metric="relationships.${rel.id}.status">${esc(rel.status)}</td>${metric(`relationships.${rel.id}.monthsComplete`, rel.monthsComplete)}${metric(`relationships.${rel.id}.sessions`, rel.sessions)}${metric(`relationships.${rel.id}.rate`, rel.rate === null ? null : rateText(rel.rate))}<td class="strip">${esc(cells)}</td></tr>`;
  });
  const attention = relationships.filter((rel) => rel.status === 'at risk' || rel.status === 'breached');
  sections.push(`<section aria-labelledby="compliance">
<h2 id="compliance">Compliance with the thresholds</h2>
<p>At least ${cohort.minMonths} months, with ${cohort.minPerMonth} sessions in every relationship month. Status is the first that applies: met, breached, at risk (this month short with 7 days or fewer left), on track.</p>
${figure(barChart('chart-status', 'Relationships by compliance status', `${summary.met} met, ${summary.onTrack} on track, ${summary.atRisk} at risk, ${summary.breached} breached.`, statusBars), named === null ? 'Relationships by status.' : 'Relationships by status. The numbers are also in the table below.')}
${
  named === null
    ? ''
    : `${figure(
        heatStrip(
          'chart-months',
          'Sessions in each relationship month',
          `One row per relationship, one cell per relationship month: the number of sessions, ✓ when it reached ${cohort.minPerMonth}, ✗ when a complete month fell short, … for the month still running, ✂ for a last month the relationship ended part-way through.`,
          relationships.map((rel) => ({
            label: `#${rel.id} ${rel.mentee.name}`,
            cells: monthCells(rel.months, cohort.minPerMonth).map((c, k) => ({
              sessions: rel.months[k].sessions,
              state: c.state,
              title: `Month ${rel.months[k].index}, ${formatDate(rel.months[k].from)} to ${formatDate(rel.months[k].to)}: ${rel.months[k].sessions} sessions`,
            })),
          })),
          cohort.minPerMonth,
        ),
        `Month by month: ${MONTH_LEGEND}. The same strip is in the table.`,
      )}
<h3>Every relationship</h3>
${table(['Id', 'Mentee', 'Mentors', ...(withType ? ['Type'] : []), 'Status', 'Months complete', 'Sessions', 'Rate', 'Month by month'], relationshipRows)}
${attention.length > 0 ? `<h3>Why at risk or breached</h3><ul>${attention.map((rel) => `<li><strong>#${rel.id} ${esc(rel.mentee.name)}</strong> (${esc(rel.status)}): ${esc(rel.reasons.join('; '))}</li>`).join('')}</ul>` : ''}`
}
</section>`);

  sections.push(`<section aria-labelledby="board">
<h2 id="board">Board coverage</h2>
<p><span data-metric="board.covered">${board.covered}</span> of <span data-metric="board.total">${board.total}</span> Executive Board members were the mentee of a relationship during the cohort, up to ${formatDate(report.asOf)}${showsCoveredNow(report) ? `; <span data-metric="board.coveredNow">${board.coveredNow}</span> are in a relationship running on that day` : ''}.</p>
${figure(
  barChart('chart-board', 'Board members covered during the cohort', `${board.covered} of ${board.total} board members covered during the cohort.`, [
    { label: 'covered', value: board.covered, tone: 'good' },
    { label: 'not covered', value: board.total - board.covered, tone: 'danger' },
  ]),
  'Board coverage during the cohort.',
)}
${
  board.covered === board.total
    ? '<p>Every board member was covered during the cohort.</p>'
    : named !== null
      ? table(
          ['Board member', 'Why not covered'],
          named.board.uncovered.map((m) => `<tr><td>${esc(m.name)}</td><td>${esc(m.why)}</td></tr>`),
        )
      : ''
}
${
  named !== null && showsCoveredNow(report) && named.board.notCoveredNow.length > 0
    ? table(
        ['Board member', 'Why not covered now'],
        named.board.notCoveredNow.map((m) => `<tr><td>${esc(m.name)}</td><td>${esc(m.why)}</td></tr>`),
      )
    : ''
}
</section>`);

  const typeBars: Bar[] = Object.entries<Count>(p.byType).map(([type, n]) => ({ label: type, value: n, tone: 'info' }));
  sections.push(`<section aria-labelledby="participation">
<h2 id="participation">Participation</h2>
${figure(barChart('chart-types', 'Relationships by type', typeBars.map((b) => `${b.label} ${b.value}`).join(', '), typeBars), 'Relationships by functional type.')}
${table(
  ['', 'Count'],
  [
    `<tr><th scope="row">Relationships</th>${metric('participation.relationships', p.relationships)}</tr>`,
    `<tr><th scope="row">Pairs</th>${metric('participation.pairs', p.pairs)}</tr>`,
    `<tr><th scope="row">Trios</th>${metric('participation.trios', p.trios)}</tr>`,
    ...Object.entries(p.byType).map(([type, n]) => `<tr><th scope="row">Type: ${esc(type)}</th>${metric(`participation.byType.${type}`, n)}</tr>`),
    ...Object.entries(named?.participation.pairsByType ?? {}).map(
      ([type, n]) => `<tr><th scope="row">Pairs of type ${esc(type)}</th>${metric(`participation.pairsByType.${type}`, n)}</tr>`,
    ),
    ...Object.entries(named?.participation.triosByType ?? {}).map(
      ([type, n]) => `<tr><th scope="row">Trios of type ${esc(type)}</th>${metric(`participation.triosByType.${type}`, n)}</tr>`,
    ),
    `<tr><th scope="row">Mentees</th>${metric('participation.mentees', p.mentees)}</tr>`,
    `<tr><th scope="row">Mentors</th>${metric('participation.mentors', p.mentors)}</tr>`,
    ...Object.entries(p.byBme).map(
      ([status, n]) => `<tr><th scope="row">Participants, BME: ${esc(status)}</th>${metric(`participation.byBme.${status}`, n)}</tr>`,
    ),
    ...Object.entries(p.characteristics).flatMap(([name, counts]) =>
      Object.entries(counts).map(
        ([value, n]) =>
          `<tr><th scope="row">Participants, ${esc(characteristicLabel(name))}: ${esc(value)}</th>${metric(`participation.characteristics.${name}.${value}`, n)}</tr>`,
      ),
    ),
  ],
)}
</section>`);

  const kindBars: Bar[] = Object.entries(i.kinds).map(([kind, n]) => ({ label: KIND_LABELS[kind as Kind], value: n, tone: 'info' }));
  const levelBars: Bar[] = Object.entries(i.levels).map(([level, n]) => ({ label: level, value: n, tone: 'neutral' }));
  const monthLabel = (month: string) => formatDate(`${month}-01`).slice(2);
  sections.push(`<section aria-labelledby="interactions">
<h2 id="interactions">Interactions</h2>
<p><span data-metric="interactions.total">${i.total}</span> ${i.total === 1 ? 'session' : 'sessions'}, ${sessionsAndHours(i)[1]} in all; ${p.relationships === 0 ? '' : i.perRelationshipPerMonth === null ? 'no relationship month is complete yet; ' : `<span data-metric="interactions.perRelationshipPerMonth">${i.perRelationshipPerMonth.toFixed(2)}</span> sessions per relationship per complete month; `}${i.livedExperience.share === null ? '' : `${percent(i.livedExperience.share)} `}explored lived experience (<span data-metric="interactions.livedExperience.sessions">${i.livedExperience.sessions}</span> sessions).</p>
<h3>Sessions per calendar month</h3>
${figure(
  columnChart(
    'chart-calendar',
    'Sessions per calendar month',
    i.byCalendarMonth.map((m) => `${monthLabel(m.month)}: ${m.sessions}`).join(', '),
    i.byCalendarMonth.map((m) => ({ label: monthLabel(m.month), value: m.sessions })),
  ),
  'Sessions across the cohort in each calendar month.',
)}
${table(
  ['Month', 'Sessions'],
  i.byCalendarMonth.map((m) => `<tr><td>${esc(monthLabel(m.month))}</td>${metric(`interactions.byCalendarMonth.${m.month}`, m.sessions)}</tr>`),
)}
<h3>Kinds of session</h3>
${figure(barChart('chart-kinds', 'Sessions by kind', kindBars.map((b) => `${b.label} ${b.value}`).join(', '), kindBars), 'A varied mix of kinds is a good sign.')}
${table(
  ['Kind', 'Sessions'],
  Object.entries(i.kinds).map(([kind, n]) => `<tr><td>${esc(KIND_LABELS[kind as Kind])}</td>${metric(`interactions.kinds.${kind}`, n)}</tr>`),
)}
<h3>Levels of focus</h3>
${figure(barChart('chart-levels', 'Sessions by level of focus', levelBars.map((b) => `${b.label} ${b.value}`).join(', '), levelBars), 'The level of the leader\u2019s work each session focused on.')}
${table(
  ['Level', 'Sessions'],
  Object.entries(i.levels).map(([level, n]) => `<tr><td>${esc(level)}</td>${metric(`interactions.levels.${level}`, n)}</tr>`),
)}
</section>`);

  const themeBars: Bar[] = report.themes.slice(0, 15).map((t) => ({ label: t.theme, value: t.relationships, tone: 'info' }));
  sections.push(`<section aria-labelledby="themes">
<h2 id="themes">Themes</h2>
${
  report.themes.length === 0
    ? '<p>No themes recorded yet.</p>'
    : `${figure(barChart('chart-themes', 'Themes by how many relationships raised them', themeBars.map((b) => `${b.label}: ${b.value} relationships`).join('; '), themeBars), 'The most widespread themes: how many relationships raised each (sessions are in the table).')}
${table(
  ['Theme', 'Relationships', 'Sessions'],
  report.themes.map(
    (t, k) => `<tr><td>${esc(t.theme)}</td>${metric(`themes.${k}.relationships`, t.relationships)}${metric(`themes.${k}.sessions`, t.sessions)}</tr>`,
  ),
)}`
}
</section>`);

  sections.push(meetingsHtml(report.meetings));
  sections.push(`<section aria-labelledby="outcomes">
<h2 id="outcomes">Outcomes</h2>
${outcomesHtml(report)}
</section>`);

  const counted = countedCharacteristics(report);
  const suppression = isPublication(report)
    ? `<p class="note" data-for-publication="true">${esc(PUBLICATION_NOTE(report.suppressBelow, counted))}</p>`
    : report.suppressBelow === null
      ? ''
      : `<p class="note">Counts of people by ${esc(suppressedBy(counted))} from 1 to ${report.suppressBelow - 1} are shown as &lt;${report.suppressBelow}, and no row shows a pair type.</p>`;
  // A page with names and ethnicity counts says so first, on screen and on paper.
  const banner =
    named === null
      ? ''
      : `<p class="banner" role="note" id="not-for-publication"><strong>${esc(NOT_FOR_PUBLICATION)}.</strong> ${esc(NOT_FOR_PUBLICATION_WHY)}</p>\n`;
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${esc(title)}</title>
<style>${STYLE}
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }</style>
</head>
<body>
<header>
${banner}<h1>${esc(title)}</h1>
<p class="lede">${formatDate(cohort.start)} to ${formatDate(cohort.end)}. Thresholds: at least ${cohort.minMonths} months with ${cohort.minPerMonth} sessions a month. <time datetime="${report.asOf}">${esc(asOfText(report))}</time></p>
${suppression}
</header>
<main>
${sections.join('\n')}
</main>
</body>
</html>
`;
}
