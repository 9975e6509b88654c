/** Pieces every format of the cohort report shares: the month strip, counts, statuses. */
import type { ChalkInstance } from 'chalk';
import type { ComplianceStatus, RelationshipMonth } from '../domain/compliance.js';
import type { Count } from '../domain/cohortReport.js';

/**
 * One cell per relationship month: the sessions, then a mark that reads without
 * colour: ✓ enough, ✗ short, … still running.
 */
export function monthCells(months: readonly RelationshipMonth[], minPerMonth: number): Array<{ text: string; state: 'met' | 'short' | 'open' }> {
  return months.map((month) => {
    if (!month.complete) return { text: `${month.sessions}…`, state: 'open' as const };
    return month.sessions >= minPerMonth ? { text: `${month.sessions}✓`, state: 'met' as const } : { text: `${month.sessions}✗`, state: 'short' as const };
  });
}

export function monthStrip(months: readonly RelationshipMonth[], minPerMonth: number, colour?: ChalkInstance): string {
  return monthCells(months, minPerMonth)
    .map((cell) => {
      if (!colour) return cell.text;
      return cell.state === 'met' ? colour.green(cell.text) : cell.state === 'short' ? colour.red(cell.text) : colour.yellow(cell.text);
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
