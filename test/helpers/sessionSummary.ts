/**
 * The report's session summary computed in memory, over sessions held in an array: the
 * oracle the store's SQL (store/reportData.ts, cohortSessionSummary) is tested against,
 * and the quick way for report tests to build their input.
 */
import type { IsoDate } from '../../src/domain/dates.js';
import { themeOrder, zeroes, type SessionSummary } from '../../src/domain/sessionSummary.js';
import { KINDS, LEVELS, normaliseTheme, type Kind, type Level } from '../../src/domain/sessions.js';

export interface ReportSessionInput {
  relationshipId: number;
  date: IsoDate;
  minutes: number;
  kind: Kind;
  level: Level;
  livedExperience: boolean;
  themes: readonly string[];
}

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
