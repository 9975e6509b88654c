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
  /** Raised in more than one cohort's sessions. */
  recurring: boolean;
  /** Where it came up: in sessions, agreed at a cohort meeting, or both, in that order (docs/outcomes.md, "Themes across cohorts"). */
  sources: ThemeSource[];
}

export type ThemeSource = 'sessions' | 'meetings';

/** A theme agreed at a meeting of a cohort. */
export interface MeetingTheme {
  cohort: number;
  theme: string;
}

export interface ThemeAnalysis {
  cohorts: number[];
  themes: ThemeRow[];
}

export function analyseThemes(sessions: readonly ThemedSession[], cohorts: readonly number[], meetings: readonly MeetingTheme[] = []): ThemeAnalysis {
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
  // A theme agreed only at meetings is listed too, with no sessions; its spelling is the sessions' when they have it.
  const agreed = new Set<string>();
  for (const { theme: label } of meetings) {
    const theme = normaliseTheme(label);
    if (!theme) continue;
    agreed.add(theme.key);
    if (!byKey.has(theme.key)) byKey.set(theme.key, { theme: theme.label, cohorts: new Map(), relationships: new Set(), sessions: 0 });
  }
  const themes = [...byKey.entries()].map(([key, entry]) => ({
    theme: entry.theme,
    byCohort: Object.fromEntries(
      [...entry.cohorts.entries()]
        .sort(([a], [b]) => a - b)
        .map(([cohort, c]) => [String(cohort), { sessions: c.sessions, relationships: c.relationships.size }]),
    ),
    sessions: entry.sessions,
    relationships: entry.relationships.size,
    recurring: entry.cohorts.size > 1,
    sources: [...(entry.sessions > 0 ? ['sessions' as const] : []), ...(agreed.has(key) ? ['meetings' as const] : [])],
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
