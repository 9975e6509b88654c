/**
 * What the cohort report needs of a cohort's sessions: counts per kind, level, month and
 * theme, and each relationship's session dates, not the sessions themselves.
 */
import type { IsoDate } from './dates.js';
import { KINDS, LEVELS, normaliseTheme, type Kind, type Level } from './sessions.js';

export interface ReportSessionInput {
  relationshipId: number;
  date: IsoDate;
  minutes: number;
  kind: Kind;
  level: Level;
  livedExperience: boolean;
  themes: readonly string[];
}

/** What the report needs of the sessions: counts, not a million objects. */
export interface SessionSummary {
  /** Session dates per relationship (one entry per session), on or before the as-of date. */
  datesByRelationship: ReadonlyMap<number, readonly IsoDate[]>;
  total: number;
  minutes: number;
  livedExperience: number;
  kinds: Record<Kind, number>;
  levels: Record<Level, number>;
  /** Sessions per calendar month, `YYYY-MM`. */
  byMonth: ReadonlyMap<string, number>;
  /** Each normalised theme once, with the sessions and distinct relationships that raised it. */
  themes: Array<{ theme: string; sessions: number; relationships: number }>;
}

/** Orders themes: most relationships, then most sessions, then by name. */
export const themeOrder = (a: { theme: string; sessions: number; relationships: number }, b: { theme: string; sessions: number; relationships: number }) =>
  b.relationships - a.relationships || b.sessions - a.sessions || a.theme.localeCompare(b.theme);

/** Summarises sessions held in memory (the store computes the same with SQL). */
export function summariseSessions(sessions: readonly ReportSessionInput[], asOf: IsoDate): SessionSummary {
  const datesByRelationship = new Map<number, IsoDate[]>();
  const kinds = zeroes(KINDS);
  const levels = zeroes(LEVELS);
  const byMonth = new Map<string, number>();
  const themes = new Map<string, { theme: string; sessions: number; relationships: Set<number> }>();
  let total = 0;
  let minutes = 0;
  let livedExperience = 0;
  for (const session of sessions) {
    if (session.date > asOf) continue;
    total += 1;
    const dates = datesByRelationship.get(session.relationshipId) ?? [];
    dates.push(session.date);
    datesByRelationship.set(session.relationshipId, dates);
    kinds[session.kind] += 1;
    levels[session.level] += 1;
    minutes += session.minutes;
    if (session.livedExperience) livedExperience += 1;
    const month = session.date.slice(0, 7);
    byMonth.set(month, (byMonth.get(month) ?? 0) + 1);
    const seen = new Set<string>();
    for (const label of session.themes) {
      const theme = normaliseTheme(label);
      if (!theme || seen.has(theme.key)) continue;
      seen.add(theme.key);
      const entry = themes.get(theme.key) ?? { theme: theme.label, sessions: 0, relationships: new Set<number>() };
      entry.sessions += 1;
      entry.relationships.add(session.relationshipId);
      themes.set(theme.key, entry);
    }
  }
  return {
    datesByRelationship,
    total,
    minutes,
    livedExperience,
    kinds,
    levels,
    byMonth,
    themes: [...themes.values()].map((t) => ({ theme: t.theme, sessions: t.sessions, relationships: t.relationships.size })).sort(themeOrder),
  };
}

export const zeroes = <K extends string>(keys: readonly K[]): Record<K, number> => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
