/**
 * `remedi report chase`'s table, apart from the rest of its output (ui/chaseOutput.ts): the
 * table module (ui/table.ts) loads only when the table is printed, not for the JSON or the CSV.
 */
import type { ChalkInstance } from 'chalk';
import type { ChaseItem } from '../domain/chase.js';
import { formatDate } from '../domain/dates.js';
import { renderTable, styled, type Fit } from './table.js';

/** The chase table, statuses readable without colour. */
export function renderChase(items: readonly ChaseItem[], colour: Pick<ChalkInstance, 'red' | 'yellow'>, fit?: Fit): string {
  const { red, yellow } = colour;
  return renderTable(
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
    { fit, columns: { Mentee: { min: 12 }, Mentors: { priority: 2, min: 12 }, 'Days left': { priority: 3 }, By: { priority: 4 } } },
  );
}
