/** The cohort report cut down to figures, for a board paper that may be published. */
import { buildCohortReport, type CohortReport, type ReportCohort, type ReportInput } from './cohortReport.js';
import type { IsoDate } from './dates.js';
import { publicationMeetings, type PublicationMeetings } from './meetings.js';

/** Small numbers in a report for publication are hidden below this, unless --suppress-below says otherwise. */
export const PUBLICATION_SUPPRESS_BELOW = 5;

/**
 * The cohort report as a board paper that may be published (`report --for-publication`):
 * figures only. No names, no staff ids, no relationship rows (a published row of one
 * relationship, with the board members known, could be read back to a person), no board
 * member left uncovered by name; counts of people by ethnicity below `suppressBelow` show
 * as "<K" (protectCounts), and pairs and trios by type are left out.
 */
export interface PublicationReport {
  forPublication: true;
  cohort: ReportCohort;
  asOf: IsoDate;
  suppressBelow: number;
  participation: Omit<CohortReport['participation'], 'pairsByType' | 'triosByType'>;
  board: Pick<CohortReport['board'], 'covered' | 'coveredNow' | 'total'>;
  summary: CohortReport['summary'];
  interactions: CohortReport['interactions'];
  themes: CohortReport['themes'];
  /** Who attended no meeting as a count: no names in a paper for publication. */
  meetings: PublicationMeetings;
  outcomes: CohortReport['outcomes'];
  quotes: CohortReport['quotes'];
}

export const isPublication = (report: CohortReport | PublicationReport): report is PublicationReport =>
  'forPublication' in report && report.forPublication === true;

/** `input.suppressBelow` null means the default for publication, 5. */
export function buildPublicationReport(input: ReportInput): PublicationReport {
  const suppressBelow = input.suppressBelow ?? PUBLICATION_SUPPRESS_BELOW;
  const full = buildCohortReport({ ...input, suppressBelow });
  const { pairsByType: _pairs, triosByType: _trios, ...participation } = full.participation;
  return {
    forPublication: true,
    cohort: full.cohort,
    asOf: full.asOf,
    suppressBelow,
    participation,
    board: { covered: full.board.covered, coveredNow: full.board.coveredNow, total: full.board.total },
    summary: full.summary,
    interactions: full.interactions,
    themes: full.themes,
    meetings: publicationMeetings(full.meetings),
    outcomes: full.outcomes,
    quotes: full.quotes,
  };
}
