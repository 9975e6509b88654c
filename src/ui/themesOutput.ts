/** `remedi report themes`: its CSV (one row per theme, two columns per cohort) and its table. The JSON is the analysis itself. */
import type { ThemeAnalysis } from '../domain/themeAnalysis.js';
import { toCsv } from '../io/csvOutput.js';
import { renderTable, type Fit } from './table.js';

export function themesCsv(analysis: ThemeAnalysis): string {
  return toCsv(
    ['theme', 'recurring', 'sessions', 'relationships', ...analysis.cohorts.flatMap((c) => [`cohort_${c}_sessions`, `cohort_${c}_relationships`]), 'sources'],
    analysis.themes.map((t) => [
      t.theme,
      t.recurring,
      t.sessions,
      t.relationships,
      ...analysis.cohorts.flatMap((c) => [t.byCohort[c]?.sessions ?? 0, t.byCohort[c]?.relationships ?? 0]),
      t.sources.join('; '),
    ]),
  );
}

export function renderThemes(analysis: ThemeAnalysis, fit?: Fit): string {
  return renderTable(
    ['Theme', 'Recurring', ...analysis.cohorts.map((c) => `Cohort ${c}`), 'Sessions', 'Relationships', 'Came up in'],
    analysis.themes.map((t) => [
      t.theme,
      t.recurring ? 'recurring' : '',
      ...analysis.cohorts.map((c) => (t.byCohort[c] ? `${t.byCohort[c].sessions} (${t.byCohort[c].relationships})` : '')),
      String(t.sessions),
      String(t.relationships),
      t.sources.length === 2 ? 'both' : t.sources[0] === 'meetings' ? 'meetings only' : 'sessions',
    ]),
    {
      fit,
      columns: {
        Theme: { min: 12 },
        Recurring: { priority: 2 },
        'Came up in': { priority: 2 },
        ...Object.fromEntries(analysis.cohorts.map((c) => [`Cohort ${c}`, { priority: 3 }])),
      },
    },
  );
}

/** Said on stderr under the table. */
export const THEMES_LEGEND =
  "Each cohort cell: sessions (relationships). Recurring: raised in more than one cohort's sessions. Came up in: sessions, cohort meetings, or both.\n";
export const NO_THEMES = 'No themes recorded yet.\n';
