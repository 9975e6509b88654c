/** The cohort report as text for a terminal, and as Markdown for a board paper. */
import type { ChalkInstance } from 'chalk';
import { formatDate } from '../domain/dates.js';
import type { CohortReport } from '../domain/cohortReport.js';
import { isPublication, type PublicationReport } from '../domain/publicationReport.js';
import { KIND_LABELS } from '../domain/sessions.js';
import { meetingsMarkdown, meetingsTextLines } from './reportMeetings.js';
import { outcomesMarkdown, outcomesTextLines } from './outcomesReport.js';
import { renderTable, styled, wrapLines, type Fit } from './table.js';
import { oneLine, visible } from './terminalText.js';
import {
  asOfText,
  characteristicLabel,
  countedCharacteristics,
  countText,
  interactionClauses,
  sessionsAndHours,
  MONTH_LEGEND,
  MONTH_LEGEND_SHORT,
  monthStrip,
  NOT_FOR_PUBLICATION,
  NOT_FOR_PUBLICATION_WHY,
  PUBLICATION_NOTE,
  rateText,
  showsCoveredNow,
  statusText,
  suppressedBy,
} from './reportParts.js';

const mentorNames = (rel: CohortReport['relationships'][number]) => rel.mentors.map((m) => m.name).join(' + ');

function cohortTitle(report: CohortReport | PublicationReport): string {
  const { cohort } = report;
  return `Cohort ${cohort.number}${cohort.name ? `: ${cohort.name}` : ''}`;
}

/** The cohort report on a terminal; names, themes and the cohort's name are data, shown with visible escapes. */
export function renderReportText(report: CohortReport | PublicationReport, colour: ChalkInstance, fit?: Fit): string {
  const { cohort, participation: p, board, summary, interactions: i } = report;
  const named = isPublication(report) ? null : report;
  const lines: string[] = [];
  const heading = (text: string) => lines.push('', colour.bold(text));
  lines.push(colour.bold(visible(cohortTitle(report))));
  lines.push(
    `${formatDate(cohort.start)} to ${formatDate(cohort.end)}; at least ${cohort.minMonths} months with ${cohort.minPerMonth} sessions a month. ${asOfText(report)}`,
  );
  const counted = countedCharacteristics(report);
  if (isPublication(report)) lines.push(PUBLICATION_NOTE(report.suppressBelow, counted));
  else if (report.suppressBelow !== null)
    lines.push(`Counts of people by ${suppressedBy(counted)} below ${report.suppressBelow} are shown as <${report.suppressBelow}.`);

  heading('Participation');
  lines.push(
    `  ${p.relationships} ${p.relationships === 1 ? 'relationship' : 'relationships'} (${p.pairs} ${p.pairs === 1 ? 'pair' : 'pairs'}, ${p.trios} ${p.trios === 1 ? 'trio' : 'trios'}): ${Object.entries(
      p.byType,
    )
      .map(([type, n]) => `${type} ${countText(n)}`)
      .join(', ')}`,
  );
  if ('pairsByType' in p && p.pairsByType && p.triosByType) {
    const split = (counts: Record<string, number>) =>
      Object.entries(counts)
        .filter(([, n]) => n > 0)
        .map(([type, n]) => `${type} ${n}`)
        .join(', ') || 'none';
    lines.push(`  pairs: ${split(p.pairsByType)}; trios: ${split(p.triosByType)}`);
  }
  lines.push(
    `  ${p.mentees} mentees and ${p.mentors} mentors; participants by BME status: yes ${countText(p.byBme.yes)}, no ${countText(p.byBme.no)}, unknown ${countText(p.byBme.unknown)}`,
  );
  for (const [name, n] of Object.entries(p.characteristics))
    lines.push(`  participants by ${characteristicLabel(name)}: yes ${countText(n.yes)}, no ${countText(n.no)}, unknown ${countText(n.unknown)}`);

  const now = showsCoveredNow(report);
  heading(`Board coverage: ${board.covered} of ${board.total} board members covered during the cohort${now ? `; ${board.coveredNow} covered now` : ''}`);
  if (board.covered === board.total) lines.push(`  ${colour.green('Every board member was covered during the cohort.')}`);
  for (const member of named?.board.uncovered ?? [])
    lines.push(`  ${colour.yellow('not covered')}: ${visible(member.name)} (${visible(member.staffId)}): ${member.why}`);
  if (now)
    for (const member of named?.board.notCoveredNow ?? [])
      lines.push(`  ${colour.yellow('not covered now')}: ${visible(member.name)} (${visible(member.staffId)}): ${member.why}`);

  heading(`Compliance: ${summary.met} met, ${summary.onTrack} on track, ${summary.atRisk} at risk, ${summary.breached} breached`);
  if (named !== null && named.relationships.length > 0) {
    const withType = named.suppressBelow === null;
    const headers = [
      'Id',
      'Mentee',
      'Mentors',
      ...(withType ? ['Type'] : []),
      'Status',
      'Months',
      'Sessions',
      'Rate',
      `Month by month (${MONTH_LEGEND_SHORT})`,
    ];
    const rows = named.relationships.map((rel) => [
      `#${rel.id}`,
      rel.mentee.name,
      mentorNames(rel),
      ...(withType ? [rel.type ?? ''] : []),
      styled(statusText(rel.status, colour)),
      String(rel.monthsComplete),
      String(rel.sessions),
      rateText(rel.rate),
      styled(monthStrip(rel.months, cohort.minPerMonth, colour)),
    ]);
    // The table is indented by two; the month strip is never cut (a cut strip misleads), only left out.
    const columns = {
      Mentee: { min: 12 },
      Mentors: { priority: 2, min: 12 },
      Type: { priority: 3 },
      Months: { priority: 4 },
      Rate: { priority: 3 },
      [headers[headers.length - 1]]: { priority: 2, min: 1000 },
    };
    lines.push(renderTable(headers, rows, { fit, columns, indent: 2 }).trimEnd().replace(/^/gm, '  '));
    const attention = named.relationships.filter((rel) => rel.status === 'at risk' || rel.status === 'breached');
    if (attention.length > 0) {
      lines.push('', '  Why:');
      for (const rel of attention) lines.push(`  #${rel.id} ${visible(rel.mentee.name)} (${statusText(rel.status, colour)}): ${rel.reasons.join('; ')}`);
    }
  }

  heading(`Interactions: ${sessionsAndHours(i).join(', ')}`);
  const clauses = interactionClauses(p.relationships, i);
  if (clauses.length > 0) lines.push(`  ${clauses.map((clause) => `${clause[0].toUpperCase()}${clause.slice(1)}.`).join(' ')}`);
  lines.push(
    `  Kinds: ${
      Object.entries(i.kinds)
        .filter(([, n]) => n > 0)
        .map(([kind, n]) => `${KIND_LABELS[kind as keyof typeof KIND_LABELS]} ${n}`)
        .join(', ') || 'none yet'
    }`,
  );
  lines.push(
    `  Levels: ${
      Object.entries(i.levels)
        .filter(([, n]) => n > 0)
        .map(([level, n]) => `${level} ${n}`)
        .join(', ') || 'none yet'
    }`,
  );

  heading('Themes');
  if (report.themes.length === 0) lines.push('  No themes recorded yet.');
  for (const theme of report.themes.slice(0, 15)) {
    lines.push(
      `  ${visible(theme.theme)}: ${theme.relationships} ${theme.relationships === 1 ? 'relationship' : 'relationships'}, ${theme.sessions} ${theme.sessions === 1 ? 'session' : 'sessions'}`,
    );
  }
  lines.push(...meetingsTextLines(report.meetings, colour));
  heading('Outcomes');
  lines.push(...outcomesTextLines(report, fit));
  // On a terminal, prose lines are broken between words to its width (the tables fit it already).
  const text = lines.join('\n');
  return `${fit?.width ? wrapLines(text, fit.width) : text}\n`;
}

/**
 * Text from the data in Markdown: on one line (a line break would end a table row), its
 * control characters shown (the file may well be printed on a terminal), and Markdown's own
 * characters escaped, `|` above all, so a name cannot add a column or a link.
 */
const md = (text: string) => visible(oneLine(text)).replace(/[|\\`*_[\]<>]/g, (c) => `\\${c}`);

function mdTable(headers: string[], rows: string[][]): string {
  return [`| ${headers.join(' | ')} |`, `|${headers.map(() => '---').join('|')}|`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');
}

export function renderReportMarkdown(report: CohortReport | PublicationReport): string {
  const { cohort, participation: p, board, summary, interactions: i } = report;
  const named = isPublication(report) ? null : report;
  const out: string[] = [];
  out.push(`# ${md(cohortTitle(report))}`, '');
  // A paper with names and ethnicity counts must say so where nobody can miss it.
  if (named !== null) out.push(`> **${NOT_FOR_PUBLICATION}.** ${md(NOT_FOR_PUBLICATION_WHY)}`, '');
  out.push(
    `${formatDate(cohort.start)} to ${formatDate(cohort.end)}; at least ${cohort.minMonths} months with ${cohort.minPerMonth} sessions a month. ${asOfText(report)}`,
  );
  const counted = countedCharacteristics(report);
  if (isPublication(report)) out.push('', md(PUBLICATION_NOTE(report.suppressBelow, counted)));
  else if (report.suppressBelow !== null)
    out.push('', `Counts of people by ${md(suppressedBy(counted))} below ${report.suppressBelow} are shown as ${md(`<${report.suppressBelow}`)}.`);

  out.push('', '## Participation', '');
  out.push(
    mdTable(
      ['', 'Count'],
      [
        ['Relationships', String(p.relationships)],
        ['Pairs', String(p.pairs)],
        ['Trios', String(p.trios)],
        ...Object.entries(p.byType).map(([type, n]) => [`Type: ${type}`, md(countText(n))]),
        ...Object.entries(named?.participation.pairsByType ?? {}).map(([type, n]) => [`Pairs of type ${type}`, String(n)]),
        ...Object.entries(named?.participation.triosByType ?? {}).map(([type, n]) => [`Trios of type ${type}`, String(n)]),
        ['Mentees', String(p.mentees)],
        ['Mentors', String(p.mentors)],
        ...Object.entries(p.byBme).map(([status, n]) => [`Participants, BME: ${status}`, md(countText(n))]),
        ...Object.entries(p.characteristics).flatMap(([name, counts]) =>
          Object.entries(counts).map(([value, n]) => [`Participants, ${md(characteristicLabel(name))}: ${value}`, md(countText(n))]),
        ),
      ],
    ),
  );

  const now = showsCoveredNow(report);
  out.push(
    '',
    '## Board coverage',
    '',
    `${board.covered} of ${board.total} board members were the mentee of a relationship during the cohort${now ? `; ${board.coveredNow} are in a running relationship now` : ''}.`,
  );
  if (named !== null && named.board.uncovered.length > 0) {
    out.push(
      '',
      mdTable(
        ['Board member', 'Why not covered'],
        named.board.uncovered.map((m) => [md(m.name), md(m.why)]),
      ),
    );
  }
  if (named !== null && now && named.board.notCoveredNow.length > 0) {
    out.push(
      '',
      mdTable(
        ['Board member', 'Why not covered now'],
        named.board.notCoveredNow.map((m) => [md(m.name), md(m.why)]),
      ),
    );
  }

  out.push('', '## Compliance', '', `${summary.met} met, ${summary.onTrack} on track, ${summary.atRisk} at risk, ${summary.breached} breached.`);
  if (named !== null) {
    const withType = named.suppressBelow === null;
    out.push(
      '',
      mdTable(
        ['Id', 'Mentee', 'Mentors', ...(withType ? ['Type'] : []), 'Status', 'Months complete', 'Sessions', 'Rate', 'Month by month'],
        named.relationships.map((rel) => [
          String(rel.id),
          md(rel.mentee.name),
          md(mentorNames(rel)),
          ...(withType ? [rel.type ?? ''] : []),
          rel.status,
          String(rel.monthsComplete),
          String(rel.sessions),
          rateText(rel.rate),
          monthStrip(rel.months, cohort.minPerMonth),
        ]),
      ),
    );
    out.push('', `Month by month: sessions in each relationship month; ${MONTH_LEGEND}.`);
    const attention = named.relationships.filter((rel) => rel.status !== 'met' && rel.status !== 'on track');
    if (attention.length > 0) {
      out.push('', '### Why', '');
      for (const rel of attention) out.push(`- **#${rel.id} ${md(rel.mentee.name)}** (${rel.status}): ${md(rel.reasons.join('; '))}`);
    }
  }

  out.push('', '## Interactions', '');
  out.push(`${[`${sessionsAndHours(i)[0]} (${sessionsAndHours(i)[1]})`, ...interactionClauses(p.relationships, i)].join('; ')}.`, '');
  out.push(
    mdTable(
      ['Kind', 'Sessions'],
      Object.entries(i.kinds).map(([kind, n]) => [KIND_LABELS[kind as keyof typeof KIND_LABELS], String(n)]),
    ),
  );
  out.push(
    '',
    mdTable(
      ['Level', 'Sessions'],
      Object.entries(i.levels).map(([level, n]) => [level, String(n)]),
    ),
  );

  out.push('', '## Themes', '');
  out.push(
    report.themes.length === 0
      ? 'No themes recorded yet.'
      : mdTable(
          ['Theme', 'Relationships', 'Sessions'],
          report.themes.map((t) => [md(t.theme), String(t.relationships), String(t.sessions)]),
        ),
  );
  out.push(...meetingsMarkdown(report.meetings, md));
  out.push('', '## Outcomes', '', ...outcomesMarkdown(report, md));
  return `${out.join('\n')}\n`;
}
