/** Pieces every format of the cohort report shares: the month strip, counts, statuses. */
import type { ChalkInstance } from 'chalk';
import type { ComplianceStatus, RelationshipMonth } from '../domain/compliance.js';
import { replacementReason, type ReplacementItem } from '../domain/chase.js';
import type { CohortReport } from '../domain/cohortReport.js';
import type { Count } from '../domain/countSuppression.js';
import { formatDate } from '../domain/dates.js';
import { visible } from './terminalText.js';

/** How a month cell reads: enough sessions, short, still running, or cut short by the relationship's end. */
export type MonthCellState = 'met' | 'short' | 'open' | 'cut';

/** The marks, readable without colour, and the legend every format prints beside them. */
export const MONTH_MARKS: Record<MonthCellState, string> = { met: '✓', short: '✗', open: '…', cut: '✂' };
export const MONTH_LEGEND = '✓ enough, ✗ short, … still running, ✂ cut short (the relationship ended part-way through the month)';
export const MONTH_LEGEND_SHORT = '✓ enough, ✗ short, … running, ✂ cut short';

/**
 * One cell per relationship month: the sessions, then a mark. A complete month is enough
 * or short; the current month is still running; a last month the relationship ended
 * part-way through is cut short, never running (docs/programme-year.md, "A relationship's life").
 */
export function monthCells(months: readonly RelationshipMonth[], minPerMonth: number): Array<{ text: string; state: MonthCellState }> {
  return months.map((month) => {
    const state: MonthCellState = month.state === 'current' ? 'open' : month.state === 'cut short' ? 'cut' : month.sessions >= minPerMonth ? 'met' : 'short';
    return { text: `${month.sessions}${MONTH_MARKS[state]}`, state };
  });
}

export function monthStrip(months: readonly RelationshipMonth[], minPerMonth: number, colour?: ChalkInstance): string {
  return monthCells(months, minPerMonth)
    .map((cell) => {
      if (!colour) return cell.text;
      return cell.state === 'met'
        ? colour.green(cell.text)
        : cell.state === 'short'
          ? colour.red(cell.text)
          : cell.state === 'open'
            ? colour.yellow(cell.text)
            : colour.dim(cell.text);
    })
    .join(' ');
}

export function statusText(status: ComplianceStatus, colour?: ChalkInstance): string {
  if (!colour) return status;
  switch (status) {
    case 'met':
      return colour.green(status);
    case 'on track':
      return colour.cyan(status);
    case 'at risk':
      return colour.yellow(status);
    case 'breached':
      return colour.red(status);
  }
}

export const countText = (count: Count): string => (typeof count === 'number' ? count.toLocaleString('en-GB') : count);

export const rateText = (rate: number | null): string => (rate === null ? '-' : rate.toFixed(1));

export const percent = (share: number | null): string => (share === null ? '-' : `${Math.round(share * 100)}%`);

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** "12 sessions, 9 hours" ("1 session, 1 hour"): the interactions' count and their time in whole hours. */
export const sessionsAndHours = (interactions: CohortReport['interactions']): [sessions: string, hours: string] => [
  plural(interactions.total, 'session', 'sessions'),
  plural(Math.round(interactions.minutes / 60), 'hour', 'hours'),
];

/**
 * How often relationships met, and how many sessions explored lived experience, as clauses
 * (each without its full stop): none for the rate when there are no relationships (no month
 * can complete), none for lived experience before the first session.
 */
export function interactionClauses(relationships: number, interactions: CohortReport['interactions']): string[] {
  const { perRelationshipPerMonth: rate, livedExperience } = interactions;
  const clauses: string[] = [];
  // To one decimal, but a rate that rounds to 0.0 while some sessions were held says so.
  const shown = rate === null ? null : rate > 0 && rate < 0.05 ? 'fewer than 0.1' : rate.toFixed(1);
  if (relationships > 0) clauses.push(shown === null ? 'no relationship month is complete yet' : `${shown} sessions per relationship per complete month`);
  if (livedExperience.share !== null) clauses.push(`${percent(livedExperience.share)} explored lived experience`);
  return clauses;
}

/**
 * The day the report is as of, in words: "As at the cohort's end, 30 Sep 2026." when it is
 * the cohort's end (the default once a cohort has ended: docs/programme-year.md, "Ended cohorts").
 */
export function asOfText(report: Pick<CohortReport, 'asOf' | 'cohort'>): string {
  const { asOf, cohort } = report;
  if (asOf === cohort.end) return `As at the cohort's end, ${formatDate(asOf)}.`;
  if (asOf > cohort.end) return `As of ${formatDate(asOf)}, after the cohort's end (${formatDate(cohort.end)}).`;
  return `As of ${formatDate(asOf)}.`;
}

/** A report shows who is covered *now* only while its cohort runs on the as-of day (and it is not the last). */
export const showsCoveredNow = (report: Pick<CohortReport, 'asOf' | 'cohort'>): boolean =>
  report.cohort.start <= report.asOf && report.asOf < report.cohort.end;

/** The heading over relationships that need a replacement, in `report chase` and `check`. */
export const NEEDS_REPLACEMENT_HEADING = 'Needs a new mentor / mentee (someone in it has left the trust; not chased):';

/** The exact command that ends a relationship that needs a replacement. */
export const endCommand = (item: ReplacementItem): string => `remedi pair end ${item.id} --reason "${replacementReason(item)}"`;

/** "#7 Ada Obi with Ben Cole: Ben Cole (10000083) has left the trust. End it with: remedi pair end 7 ..." (names shown with visible escapes) */
export function replacementText(item: ReplacementItem): string {
  const gone = [item.mentee, ...item.mentors].filter((person) => item.left.includes(person.staffId));
  const who = gone.map((person) => `${person.name} (${person.staffId})`).join(' and ');
  return visible(
    `#${item.id} ${item.mentee.name} with ${item.mentors.map((m) => m.name).join(' + ')}: ${who} ${gone.length === 1 ? 'has' : 'have'} left the trust. End it with: ${endCommand(item)}`,
  );
}

/** The banner on every Markdown and HTML report with names (a board paper for the programme team). */
export const NOT_FOR_PUBLICATION = 'Contains special category data: not for publication';
export const NOT_FOR_PUBLICATION_WHY =
  'It names staff beside their relationships and counts participants by ethnicity. For a paper to publish, use remedi report --for-publication.';

/** A characteristic's name as words ("sexual orientation"). */
export const characteristicLabel = (name: string): string => name.replace(/_/g, ' ');

/**
 * What the suppressed counts of people are by: "ethnicity", or with the characteristics the
 * report counts, "ethnicity or disability", "ethnicity, disability or sex".
 */
export function suppressedBy(characteristics: readonly string[]): string {
  const all = ['ethnicity', ...characteristics.map(characteristicLabel)];
  return all.length === 1 ? all[0] : `${all.slice(0, -1).join(', ')} or ${all[all.length - 1]}`;
}

/** The characteristics a report counts its participants by (docs/characteristics.md, "In reports"). */
export const countedCharacteristics = (report: Pick<CohortReport, 'participation'>): string[] => Object.keys(report.participation.characteristics);

/** What a report for publication says about itself, in every format. */
export const PUBLICATION_NOTE = (suppressBelow: number, characteristics: readonly string[] = []): string =>
  `For publication: no names or staff ids, no row for any one relationship, and counts of people by ${suppressedBy(characteristics)} from 1 to ${suppressBelow - 1} shown as <${suppressBelow}.`;
