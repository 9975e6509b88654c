/**
 * `remedi report`, `report chase` and `report themes`: what the board and the
 * administrator read. Every format is rendered from the same report data.
 */
import { page } from '../../ui/pager.js';
import { resolve } from 'node:path';
import { UsageError } from '../../errors.js';
import { type Context } from '../../cli/context.js';
import { buildCohortReport, type CohortReport, type ReportInput } from '../../domain/cohortReport.js';
import { buildPublicationReport, isPublication, type PublicationReport } from '../../domain/publicationReport.js';
import { chaseList, type ChaseItem, type ReplacementItem } from '../../domain/chase.js';
import { chaseCohort, reportDay } from '../../domain/cohorts.js';
import { formatDate, type IsoDate } from '../../domain/dates.js';
import { analyseThemes, type ThemeAnalysis } from '../../domain/themeAnalysis.js';
import { toCsv } from '../../io/csvOutput.js';
import { writeOutputFile } from '../../io/outputFile.js';
import { listCohorts, type Cohort } from '../../store/cohorts.js';
import { openCommandDb } from '../shared/openDb.js';
import { type Db } from '../../store/db.js';
import { staffFinder } from '../../store/staff.js';
import { bmeOfParticipants, boardWithRoles, cohortSessionSummary, replacementsNeeded, reportRelationships, themedSessions } from '../../store/reportData.js';
import { makeChalk } from '../../ui/colour.js';
import { NEEDS_REPLACEMENT_HEADING, PUBLICATION_NOTE, rateText, replacementText } from '../../ui/reportParts.js';
import { renderReportHtml } from '../../ui/reportHtml.js';
import { renderReportMarkdown, renderReportText } from '../../ui/reportText.js';
import { renderTable, styled } from '../../ui/table.js';
import { resolveCohort } from '../shared/resolveCohort.js';
import type { ChaseOptions, ReportOptions, ThemesOptions } from './command.js';

export const REPORT_FORMATS = ['table', 'json', 'csv', 'markdown', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];


/** --json and --csv are short for --format json and --format csv. */
export function chosenFormat(options: { format?: string; json?: boolean; csv?: boolean }): string {
  const asked = [options.format, options.json ? 'json' : undefined, options.csv ? 'csv' : undefined].filter((f): f is string => f !== undefined);
  const distinct = [...new Set(asked)];
  if (distinct.length > 1) throw new UsageError(`Choose one format: ${distinct.map((f) => `--format ${f}`).join(' or ')}.`);
  return distinct[0] ?? 'table';
}

/** The format a report file's name asks for: .html, .md, .csv, .json; anything else is the text table. */
export function formatOfFile(out: string): string {
  const extension = /\.([^./\\]+)$/.exec(out)?.[1]?.toLowerCase() ?? '';
  return ({ html: 'html', htm: 'html', md: 'markdown', markdown: 'markdown', csv: 'csv', json: 'json' } as Record<string, string>)[extension] ?? 'table';
}

/**
 * The report's format: as asked (--format, --json, --csv), else from the name of the --out
 * file. An explicit format wins over the file's name, but is said, since the file will
 * open as something it is not.
 */
const FORMAT_NAMES: Record<string, string> = { html: 'an HTML page', markdown: 'Markdown', csv: 'CSV', json: 'JSON', table: 'plain text' };

function reportFormat(options: ReportOptions, context: Context): string {
  const asked = chosenFormat(options);
  const explicit = options.format !== undefined || options.json === true || options.csv === true;
  if (options.out === undefined || options.out === '-') return asked;
  const fromName = formatOfFile(options.out);
  if (!explicit) return fromName;
  if (fromName !== asked && fromName !== 'table')
    context.err(`${options.out} gets ${FORMAT_NAMES[asked] ?? asked}, as asked, though its name says ${FORMAT_NAMES[fromName]}.\n`);
  return asked;
}

function reportInput(db: Db, cohort: Cohort, asOf: IsoDate, suppressBelow: number | null): ReportInput {
  return {
    cohort,
    asOf,
    relationships: reportRelationships(db, cohort.number),
    sessions: cohortSessionSummary(db, cohort.number, asOf),
    board: boardWithRoles(db, cohort.number),
    bmeOf: bmeOfParticipants(db, cohort.number),
    suppressBelow,
  };
}

export function loadCohortReport(db: Db, cohort: Cohort, asOf: IsoDate, suppressBelow: number | null): CohortReport {
  return buildCohortReport(reportInput(db, cohort, asOf, suppressBelow));
}

/** `--for-publication`: suppressBelow null means the default, 5. */
export function loadPublicationReport(db: Db, cohort: Cohort, asOf: IsoDate, suppressBelow: number | null): PublicationReport {
  return buildPublicationReport(reportInput(db, cohort, asOf, suppressBelow));
}

/** The figures of a report for publication, one a row: section, item, value (a count, or "<5"). */
export function publicationCsv(report: PublicationReport): string {
  const { participation: p, board, summary, interactions: i } = report;
  const rows: Array<[string, string, string | number | null]> = [
    ['note', 'for publication', PUBLICATION_NOTE(report.suppressBelow)],
    ['participation', 'relationships', p.relationships],
    ['participation', 'pairs', p.pairs],
    ['participation', 'trios', p.trios],
    ...Object.entries(p.byType).map(([type, n]): [string, string, string | number] => ['participation', `type ${type}`, n]),
    ['participation', 'mentees', p.mentees],
    ['participation', 'mentors', p.mentors],
    ...Object.entries(p.byBme).map(([status, n]): [string, string, string | number] => ['participation', `participants BME ${status}`, n]),
    ['board', 'covered during the cohort', board.covered],
    ['board', 'board members', board.total],
    ['board', 'covered now', board.coveredNow],
    ['compliance', 'met', summary.met],
    ['compliance', 'on track', summary.onTrack],
    ['compliance', 'at risk', summary.atRisk],
    ['compliance', 'breached', summary.breached],
    ['interactions', 'sessions', i.total],
    ['interactions', 'minutes', i.minutes],
    ['interactions', 'sessions per relationship per complete month', i.perRelationshipPerMonth],
    ['interactions', 'explored lived experience', i.livedExperience.sessions],
    ...Object.entries(i.kinds).map(([kind, n]): [string, string, number] => ['kind', kind, n]),
    ...Object.entries(i.levels).map(([level, n]): [string, string, number] => ['level', level, n]),
    ...i.byCalendarMonth.map((m): [string, string, number] => ['calendar month', m.month, m.sessions]),
    ...report.themes.map((t): [string, string, number] => ['theme (relationships)', t.theme, t.relationships]),
  ];
  return toCsv(['section', 'item', 'value'], rows);
}

export function reportCsv(report: CohortReport): string {
  const withType = report.suppressBelow === null;
  const headers = ['id', 'mentee', 'mentors', ...(withType ? ['type'] : []), 'start', 'planned_end', 'end', 'status', 'months_complete', 'sessions', 'rate'];
  return toCsv(
    headers,
    report.relationships.map((rel) => [
      rel.id,
      rel.mentee.name,
      rel.mentors.map((m) => m.name).join('; '),
      ...(withType ? [rel.type ?? ''] : []),
      rel.start,
      rel.plannedEnd,
      rel.end,
      rel.status,
      rel.monthsComplete,
      rel.sessions,
      rel.rate === null ? null : rateText(rel.rate),
    ]),
  );
}

/** To the screen (no --out, or `--out -`), else to a file through the one safe writer, never onto the database. */
function deliver(text: string, out: string | undefined, what: string, database: string, context: Context, { paged = false } = {}): void {
  if (out === undefined || out === '-') {
    // The text report on a terminal goes through the pager when long; JSON, CSV and the rest never.
    if (paged) page(context, text);
    else context.out(text);
    return;
  }
  const path = writeOutputFile(resolve(context.cwd, out), text, { database, replace: true });
  context.err(`Wrote ${what} to ${path} (readable by you only).\n`);
}

export async function runReport(options: ReportOptions, context: Context): Promise<CohortReport | PublicationReport> {
  const format = reportFormat(options, context);
  if (!(REPORT_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`--format ${format} is not a report format; choose ${REPORT_FORMATS.join(', ')}.`);
  }
  if (options.suppressBelow !== undefined && options.suppressBelow < 2) {
    throw new UsageError('--suppress-below needs a number of 2 or more (counts from 1 to that number less one are hidden).');
  }
  const { db, path } = await openCommandDb(options, context, { create: false, readonly: true });
  try {
    const cohort = resolveCohort(db, options.cohort, context);
    const { asOf, atCohortEnd } = reportDay(cohort, context.today, options.asOf);
    if (atCohortEnd) context.err(`Cohort ${cohort.number} ended on ${formatDate(cohort.end)}: reporting as at its end (choose another day with --as-of).\n`);
    const report = options.forPublication
      ? loadPublicationReport(db, cohort, asOf, options.suppressBelow ?? null)
      : loadCohortReport(db, cohort, asOf, options.suppressBelow ?? null);
    const text =
      format === 'json'
        ? `${JSON.stringify(report, null, 2)}\n`
        : format === 'csv'
          ? isPublication(report)
            ? publicationCsv(report)
            : reportCsv(report)
          : format === 'markdown'
            ? renderReportMarkdown(report)
            : format === 'html'
              ? renderReportHtml(report)
              : options.out === undefined || options.out === '-'
                ? renderReportText(report, context.colour.out, context)
                : renderReportText(report, makeChalk({ flag: false, isTTY: false }));
    deliver(text, options.out, `the cohort ${cohort.number} report${options.forPublication ? ' for publication' : ''}`, path, context, {
      paged: format === 'table',
    });
    return report;
  } finally {
    db.close();
  }
}


/** `report chase --json`: the contract of issue 11. */
export interface ChaseJson {
  cohort: number;
  asOf: IsoDate;
  chase: ChaseItem[];
  needsReplacement: ReplacementItem[];
}

export async function runReportChase(options: ChaseOptions, context: Context): Promise<ChaseJson> {
  const format = chosenFormat(options);
  const { db } = await openCommandDb(options, context, { create: false, readonly: true });
  try {
    const cohort = resolveCohort(db, options.cohort, context, chaseCohort);
    const { asOf, atCohortEnd } = reportDay(cohort, context.today, options.asOf);
    // An ended cohort has nothing to chase, and nothing left to replace (docs/programme-year.md, "Ended cohorts").
    const ended = atCohortEnd || asOf > cohort.end;
    const needsReplacement = ended ? [] : replacementsNeeded(db, asOf, cohort.number).map(({ cohort: _c, ...item }) => item);
    let items: ChaseItem[] = [];
    if (!ended) {
      const relationships = reportRelationships(db, cohort.number).map((rel) => ({ ...rel, minMonths: cohort.minMonths, minPerMonth: cohort.minPerMonth }));
      const dates = cohortSessionSummary(db, cohort.number, asOf).datesByRelationship;
      items = chaseList(relationships, dates, asOf, new Set(needsReplacement.map((item) => item.id)));
    }
    const json: ChaseJson = {
      cohort: cohort.number,
      asOf,
      chase: items.map(({ id, cohort: c, mentee, mentors, status, sessionsNeeded, by, daysLeft }) => ({
        id,
        cohort: c,
        mentee,
        mentors,
        status,
        sessionsNeeded,
        by,
        daysLeft,
      })),
      needsReplacement,
    };
    const endedNote = `Cohort ${cohort.number} ended on ${formatDate(cohort.end)}: nothing to chase.\n`;
    if (format === 'json') {
      context.out(`${JSON.stringify(json, null, 2)}\n`);
      if (ended) context.err(endedNote);
    } else if (format === 'csv') {
      const find = staffFinder(db);
      const email = (id: string) => find(id)?.email ?? null;
      context.out(
        toCsv(
          ['id', 'cohort', 'status', 'sessions_needed', 'by', 'days_left', 'mentee_id', 'mentee_name', 'mentee_email', 'mentor_names', 'mentor_emails'],
          items.map((item) => [
            item.id,
            item.cohort,
            item.status,
            item.sessionsNeeded,
            item.by,
            item.daysLeft,
            item.mentee.staffId,
            item.mentee.name,
            email(item.mentee.staffId),
            item.mentors.map((m) => m.name).join('; '),
            item.mentors
              .map((m) => email(m.staffId))
              .filter(Boolean)
              .join('; '),
          ]),
        ),
      );
      if (ended) context.err(endedNote);
      else if (needsReplacement.length > 0) context.err(`${needsReplacementCount(needsReplacement.length)} not in this file: see remedi report chase.\n`);
    } else if (ended) {
      context.err(endedNote);
    } else {
      if (items.length === 0) {
        context.err(
          `Nobody to chase in cohort ${cohort.number} as of ${formatDate(asOf)}: every ${needsReplacement.length > 0 ? 'other ' : ''}running relationship has its sessions for this month.\n`,
        );
      } else {
        const { red, yellow } = context.colour.out;
        context.out(
          renderTable(
            ['Id', 'Mentee', 'Mentors', 'Status', 'Needs', 'By', 'Days left'],
            items.map((item) => [
              `#${item.id}`,
              item.mentee.name,
              item.mentors.map((m) => m.name).join(' + '),
              styled(item.status === 'breached' ? red('breached') : item.status === 'at risk' ? yellow(item.status) : item.status),
              `${item.sessionsNeeded} ${item.sessionsNeeded === 1 ? 'session' : 'sessions'}`,
              formatDate(item.by),
              String(item.daysLeft),
            ]),
            // Whom to write to matters more than the date: Mentors is kept, By and Days left go first.
            { fit: context, columns: { Mentee: { min: 12 }, Mentors: { priority: 2, min: 12 }, 'Days left': { priority: 3 }, By: { priority: 4 } } },
          ),
        );
        context.err(`${items.length} ${items.length === 1 ? 'relationship needs' : 'relationships need'} chasing this month (as of ${formatDate(asOf)}).\n`);
        if (items.some((item) => item.status === 'breached'))
          context.err('A breached relationship here is still running: its sessions still count for the cohort.\n');
      }
      if (needsReplacement.length > 0) {
        context.out(
          `${items.length > 0 ? '\n' : ''}${NEEDS_REPLACEMENT_HEADING}\n${needsReplacement.map((item) => `  ${replacementText(item)}`).join('\n')}\n`,
        );
        context.err(`${needsReplacementCount(needsReplacement.length)}: end ${needsReplacement.length === 1 ? 'it' : 'each'} and pair a replacement.\n`);
      }
    }
    return json;
  } finally {
    db.close();
  }
}

const needsReplacementCount = (n: number): string => `${n} ${n === 1 ? 'relationship needs' : 'relationships need'} a new mentor or mentee`;


export async function runReportThemes(options: ThemesOptions, context: Context): Promise<ThemeAnalysis> {
  const format = chosenFormat(options);
  const { db } = await openCommandDb(options, context, { create: false, readonly: true });
  try {
    const all = listCohorts(db);
    const wanted = options.cohort ?? all.map((c) => c.number);
    for (const number of wanted) resolveCohort(db, number, context);
    const analysis = analyseThemes(themedSessions(db, wanted), wanted);
    if (format === 'json') {
      context.out(`${JSON.stringify(analysis, null, 2)}\n`);
    } else if (format === 'csv') {
      context.out(
        toCsv(
          ['theme', 'recurring', 'sessions', 'relationships', ...analysis.cohorts.flatMap((c) => [`cohort_${c}_sessions`, `cohort_${c}_relationships`])],
          analysis.themes.map((t) => [
            t.theme,
            t.recurring,
            t.sessions,
            t.relationships,
            ...analysis.cohorts.flatMap((c) => [t.byCohort[c]?.sessions ?? 0, t.byCohort[c]?.relationships ?? 0]),
          ]),
        ),
      );
    } else if (analysis.themes.length === 0) {
      context.err('No themes recorded yet.\n');
    } else {
      context.out(
        renderTable(
          ['Theme', 'Recurring', ...analysis.cohorts.map((c) => `Cohort ${c}`), 'Sessions', 'Relationships'],
          analysis.themes.map((t) => [
            t.theme,
            t.recurring ? 'recurring' : '',
            ...analysis.cohorts.map((c) => (t.byCohort[c] ? `${t.byCohort[c].sessions} (${t.byCohort[c].relationships})` : '')),
            String(t.sessions),
            String(t.relationships),
          ]),
          {
            fit: context,
            columns: { Theme: { min: 12 }, Recurring: { priority: 2 }, ...Object.fromEntries(analysis.cohorts.map((c) => [`Cohort ${c}`, { priority: 3 }])) },
          },
        ),
      );
      context.err('Each cohort cell: sessions (relationships). Recurring: raised in more than one cohort.\n');
    }
    return analysis;
  } finally {
    db.close();
  }
}
