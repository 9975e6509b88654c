/**
 * `remedi report`: the cohort report for the board. Every format is rendered from the same
 * report data (docs/reports.md, "Formats"); to the screen or to a file through the one safe writer.
 */
import { resolve } from 'node:path';
import type { Context } from '../../cli/context.js';
import { buildCohortReport, type CohortReport, type ReportInput } from '../../domain/cohortReport.js';
import { buildPublicationReport, isPublication, type PublicationReport } from '../../domain/publicationReport.js';
import { reportDay, type Cohort } from '../../domain/cohorts.js';
import { formatDate, type IsoDate } from '../../domain/dates.js';
import { reportFormat, type ReportFormat } from '../../domain/reportFormat.js';
import { UsageError } from '../../errors.js';
import { characteristicCountsOfParticipants } from '../../store/characteristicCounts.js';
import type { Db } from '../../store/db.js';
import { eachCohortMember, listMeetings } from '../../store/meetings.js';
import { inOneRead } from '../../store/connection.js';
import { boardWithRoles, cohortSessionCounts, cohortSessionDates, reportRelationshipsWithBme, type SessionCounts } from '../../store/reportData.js';
import { cohortSurveyAnswers } from '../../store/surveys.js';
import { noColour } from '../../ui/colourPolicy.js';
import { reportJsonPieces } from '../../ui/reportJson.js';
import { resolveCohort } from '../shared/resolveCohort.js';
import { withDatabase } from '../shared/skeleton.js';
import type { ReportOptions } from './command.js';

const FORMAT_NAMES: Record<ReportFormat, string> = { html: 'an HTML page', markdown: 'Markdown', csv: 'CSV', json: 'JSON', table: 'plain text' };

/**
 * From how many relationships a cohort's report reads its session counts on a second thread
 * (reportSplit.ts): below it, starting a worker (its modules, its connection) costs more than it
 * saves. Tests set REMEDI_REPORT_SPLIT (relationships) to take that path on a small cohort.
 */
const SPLIT_FROM = 20_000;

/** Everything the report reads but the sessions' counts: this thread's part when the counts are read on the worker. */
function inputBesideCounts(db: Db, cohort: Cohort, asOf: IsoDate, suppressBelow: number | null) {
  const { relationships, bmeOf } = reportRelationshipsWithBme(db, cohort.number);
  return {
    cohort,
    asOf,
    relationships,
    dates: cohortSessionDates(db, cohort.number, asOf),
    board: boardWithRoles(db, cohort.number),
    bmeOf,
    characteristics: characteristicCountsOfParticipants(db, cohort.number),
    suppressBelow,
    meetings: { held: listMeetings(db, { cohort: cohort.number }), members: eachCohortMember(db, cohort.number) },
    surveyAnswers: cohortSurveyAnswers(db, cohort.number),
  };
}

function withCounts({ dates, ...rest }: ReturnType<typeof inputBesideCounts>, counts: SessionCounts): ReportInput {
  const { datesByRelationship, total, minutes, byMonth } = dates;
  const { livedExperience, kinds, levels, themes } = counts;
  return { ...rest, sessions: { datesByRelationship, total, minutes, livedExperience, kinds, levels, byMonth, themes } };
}

/**
 * What the report is built from, read in one read transaction; the cohort's members are the
 * exception: the meetings section reads them one by one as it is built, after it.
 */
function reportInput(db: Db, cohort: Cohort, asOf: IsoDate, suppressBelow: number | null): ReportInput {
  return inOneRead(db, () => withCounts(inputBesideCounts(db, cohort, asOf, suppressBelow), cohortSessionCounts(db, cohort.number, asOf)));
}

/**
 * The same, with the session counts read on a second thread for a large cohort. The split's
 * modules (worker threads, the witness connection) load only then.
 */
async function reportInputOnTwoThreads(
  db: Db,
  cohort: Cohort,
  asOf: IsoDate,
  suppressBelow: number | null,
  context: Context,
  debug: boolean | undefined,
): Promise<ReportInput> {
  const from = Number(context.env.REMEDI_REPORT_SPLIT ?? SPLIT_FROM);
  // A copy in memory (read-only media) has no file for a second connection.
  const large = !db.memory && (db.prepare('SELECT count(*) FROM relationships WHERE cohort = ?').pluck().get(cohort.number) as number) >= from;
  const split = large ? await import('./reportSplit.js') : null;
  if (split === null || !split.reportWorkerBuilt()) return reportInput(db, cohort, asOf, suppressBelow);
  const onFallBack = (await import('../shared/workerPart.js')).fallBackNote(context, debug);
  const { mine, counts } = await split.withCountsOnAWorker(db, { cohort: cohort.number, asOf, onFallBack }, () =>
    inputBesideCounts(db, cohort, asOf, suppressBelow),
  );
  return withCounts(mine, counts);
}

/** The report read on this thread alone, as runReport reads a cohort below SPLIT_FROM (the tests compare the fast path through it). */
export function loadCohortReport(db: Db, cohort: Cohort, asOf: IsoDate, suppressBelow: number | null): CohortReport {
  return buildCohortReport(reportInput(db, cohort, asOf, suppressBelow));
}

/** `--for-publication`: suppressBelow null means the default, 5. */
export function loadPublicationReport(db: Db, cohort: Cohort, asOf: IsoDate, suppressBelow: number | null): PublicationReport {
  return buildPublicationReport(reportInput(db, cohort, asOf, suppressBelow));
}

type Render = (report: CohortReport | PublicationReport, toScreen: boolean, context: Context) => string;

/**
 * The renderer of one format (the text table in colour only on the screen), loaded only when
 * that format is asked for: a JSON report needs none of the others, whose modules (tables,
 * string widths, charts) take a JSON report's start-up half as long again.
 */
async function rendererFor(format: ReportFormat): Promise<Render> {
  switch (format) {
    case 'json':
      return (report) => [...reportJsonPieces(report)].join('');
    case 'csv': {
      const { publicationCsv, reportCsv } = await import('../../ui/reportCsv.js');
      return (report) => (isPublication(report) ? publicationCsv(report) : reportCsv(report));
    }
    case 'markdown': {
      const { renderReportMarkdown } = await import('../../ui/reportText.js');
      return (report) => renderReportMarkdown(report);
    }
    case 'html': {
      const { renderReportHtml } = await import('../../ui/reportHtml.js');
      return (report) => renderReportHtml(report);
    }
    case 'table': {
      const { renderReportText } = await import('../../ui/reportText.js');
      return (report, toScreen, context) => (toScreen ? renderReportText(report, context.colour.out, context) : renderReportText(report, noColour));
    }
  }
}

export async function runReport(options: ReportOptions, context: Context): Promise<CohortReport | PublicationReport> {
  const { format, nameSays } = reportFormat(options);
  if (nameSays !== null) context.err(`${options.out} gets ${FORMAT_NAMES[format]}, as asked, though its name says ${FORMAT_NAMES[nameSays]}.\n`);
  if (options.suppressBelow !== undefined && options.suppressBelow < 2) {
    throw new UsageError('--suppress-below needs a number of 2 or more (counts from 1 to that number less one are hidden).');
  }
  const out = options.out;
  const toScreen = out === undefined || out === '-';
  const render = await rendererFor(format);
  // The text report on a terminal goes through the pager when long; JSON, CSV and the rest never.
  const page = format === 'table' && toScreen ? (await import('../../ui/pager.js')).page : null;
  // The file writer loads only with --out: most reports go to stdout.
  const writeOutputFile = toScreen ? null : (await import('../../io/outputFile.js')).writeOutputFile;
  return withDatabase(options, context, { create: false, readonly: true }, async (db, opened) => {
    const cohort = resolveCohort(db, options.cohort, context);
    const { asOf, atCohortEnd } = reportDay(cohort, context.today, options.asOf);
    if (atCohortEnd) context.err(`Cohort ${cohort.number} ended on ${formatDate(cohort.end)}: reporting as at its end (choose another day with --as-of).\n`);
    const input = await reportInputOnTwoThreads(db, cohort, asOf, options.suppressBelow ?? null, context, options.debug);
    const report = options.forPublication ? buildPublicationReport(input) : buildCohortReport(input);
    if (toScreen && format === 'json') {
      for (const piece of reportJsonPieces(report)) context.out(piece);
      return report;
    }
    const text = render(report, toScreen, context);
    if (toScreen) {
      if (page !== null) page(context, text);
      else context.out(text);
    } else {
      // Never onto the database itself (io/outputFile.ts).
      const path = writeOutputFile!(resolve(context.cwd, out), text, { database: opened.path, replace: true });
      context.err(`Wrote the cohort ${cohort.number} report${options.forPublication ? ' for publication' : ''} to ${path} (readable by you only).\n`);
    }
    return report;
  });
}
