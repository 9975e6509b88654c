/**
 * Thematic analysis across cohorts (docs/sessions.md, "Thematic analysis"): which themes recur, across
 * relationships and across cohorts. Themes are matched by their normalised key.
 */
import { normaliseTheme } from './sessions.js';

export interface ThemedSession {
  cohort: number;
  relationshipId: number;
  themes: readonly string[];
}

export interface ThemeRow {
  theme: string;
  byCohort: Record<string, { sessions: number; relationships: number }>;
  sessions: number;
  relationships: number;
  /** Raised in more than one cohort. */
  recurring: boolean;
}

export interface ThemeAnalysis {
  cohorts: number[];
  themes: ThemeRow[];
}

export function analyseThemes(sessions: readonly ThemedSession[], cohorts: readonly number[]): ThemeAnalysis {
  const byKey = new Map<
    string,
    { theme: string; cohorts: Map<number, { sessions: number; relationships: Set<number> }>; relationships: Set<number>; sessions: number }
  >();
  for (const session of sessions) {
    const seen = new Set<string>();
    for (const label of session.themes) {
      const theme = normaliseTheme(label);
      if (!theme || seen.has(theme.key)) continue;
      seen.add(theme.key);
      const entry = byKey.get(theme.key) ?? {
        theme: theme.label,
        cohorts: new Map<number, { sessions: number; relationships: Set<number> }>(),
        relationships: new Set<number>(),
        sessions: 0,
      };
      const inCohort = entry.cohorts.get(session.cohort) ?? { sessions: 0, relationships: new Set<number>() };
      inCohort.sessions += 1;
      inCohort.relationships.add(session.relationshipId);
      entry.cohorts.set(session.cohort, inCohort);
      entry.relationships.add(session.relationshipId);
      entry.sessions += 1;
      byKey.set(theme.key, entry);
    }
  }
  const themes = [...byKey.values()].map((entry) => ({
    theme: entry.theme,
    byCohort: Object.fromEntries(
      [...entry.cohorts.entries()]
        .sort(([a], [b]) => a - b)
        .map(([cohort, c]) => [String(cohort), { sessions: c.sessions, relationships: c.relationships.size }]),
    ),
    sessions: entry.sessions,
    relationships: entry.relationships.size,
    recurring: entry.cohorts.size > 1,
  }));
  themes.sort(
    (a, b) =>
      Object.keys(b.byCohort).length - Object.keys(a.byCohort).length ||
      b.relationships - a.relationships ||
      b.sessions - a.sessions ||
      a.theme.localeCompare(b.theme),
  );
  return { cohorts: [...cohorts].sort((a, b) => a - b), themes };
}
