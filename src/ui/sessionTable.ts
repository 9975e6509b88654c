/** `sessions list` as a table (its JSON and CSV are in sessionOutput.ts). */
import { formatDate } from '../domain/dates.js';
import type { SessionJson } from './sessionOutput.js';
import { renderTable, type Fit } from './table.js';

export function renderSessions(sessions: readonly SessionJson[], nameOf: (staffId: string) => string, fit?: Fit): string {
  return renderTable(
    ['Id', 'Pair', 'Date', 'Minutes', 'Kind', 'Level', 'Lived exp.', 'Mentors present', 'Themes'],
    sessions.map((s) => [
      String(s.id),
      `#${s.pairId}`,
      formatDate(s.date),
      String(s.minutes),
      s.kind,
      s.level,
      s.livedExperience ? 'yes' : '',
      s.mentors.map(nameOf).join(', '),
      s.themes.join('; '),
    ]),
    {
      fit,
      columns: {
        'Mentors present': { priority: 2, min: 12 },
        Themes: { priority: 3, min: 10 },
        Level: { priority: 4 },
        'Lived exp.': { priority: 4 },
        Kind: { priority: 2 },
      },
    },
  );
}
