/**
 * What the cohort report needs of a cohort's sessions: counts per kind, level, month and
 * theme, and each relationship's session dates, not the sessions themselves.
 */
import type { IsoDate } from './dates.js';
import type { Kind, Level } from './sessions.js';

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

/** A zero count for each key. */
export const zeroes = <K extends string>(keys: readonly K[]): Record<K, number> => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
