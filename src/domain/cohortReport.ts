/**
 * The cohort report (docs/reports.md): who took part, is every board member in a
 * relationship, who is keeping to the thresholds, how people met, which themes recur.
 * Built from plain data; the commands load it and the ui renders it.
 */
import { assessCompliance, type ComplianceStatus, type RelationshipMonth } from './compliance.js';
import type { Cohort } from './cohorts.js';
import { formatDate, type IsoDate } from './dates.js';
import type { BmeStatus } from './ethnicity.js';
import type { PairType, Slot } from './pairingRules.js';
import { relationshipEnd, runsBetween, runsOn } from './relationshipLife.js';
import { KINDS, LEVELS, normaliseTheme, type Kind, type Level } from './sessions.js';

/** A count of people by ethnicity may be shown as "<K" in a report that leaves the programme team. */
export type Count = number | string;

/** The cohort as a report shows it. */
export type ReportCohort = Cohort;

export interface ReportPerson {
  staffId: string;
  name: string;
}

export interface ReportRelationshipInput {
  id: number;
  mentee: ReportPerson;
  mentors: Array<ReportPerson & { slot: Slot | null }>;
  type: PairType;
  start: IsoDate;
  endedOn: IsoDate | null;
  plannedEnd: IsoDate;
}

export interface ReportSessionInput {
  relationshipId: number;
  date: IsoDate;
  minutes: number;
  kind: Kind;
  level: Level;
  livedExperience: boolean;
  themes: readonly string[];
}

export interface ReportInput {
  cohort: ReportCohort;
  asOf: IsoDate;
  relationships: readonly ReportRelationshipInput[];
  /** The cohort's sessions on or before the as-of date, summarised (summariseSessions, or SQL). */
  sessions: SessionSummary;
  /**
   * Every active board member on the staff list, their role in this cohort (null: not
   * enrolled) and the day they withdrew from it (null: they did not).
   */
  board: ReadonlyArray<ReportPerson & { role: 'mentor' | 'mentee' | 'either' | null; withdrawnOn: IsoDate | null }>;
  /** BME status of the people in this cohort's relationships. */
  bmeOf: ReadonlyMap<string, BmeStatus>;
  /** From --suppress-below K: counts of people by ethnicity from 1 to K-1 show as "<K". */
  suppressBelow: number | null;
}

export interface ReportRelationship {
  id: number;
  mentee: ReportPerson;
  mentors: Array<ReportPerson & { slot?: Slot | null }>;
  /** Left out under --suppress-below, so ethnicity never stands beside a name. */
  type?: PairType;
  start: IsoDate;
  /** The recorded end (ended early), or null. */
  end: IsoDate | null;
  plannedEnd: IsoDate;
  status: ComplianceStatus;
  reasons: string[];
  monthsComplete: number;
  sessions: number;
  rate: number | null;
  months: RelationshipMonth[];
  /** Running on the as-of date. */
  running: boolean;
}

export interface CohortReport {
  cohort: ReportCohort;
  asOf: IsoDate;
  suppressBelow: number | null;
  participation: {
    mentees: number;
    mentors: number;
    relationships: number;
    pairs: number;
    trios: number;
    byType: Record<PairType, Count>;
    /** Pairs and trios by type; left out under --suppress-below (their sums would undo it). */
    pairsByType?: Record<PairType, number>;
    triosByType?: Record<PairType, number>;
    byBme: Record<BmeStatus, Count>;
  };
  /**
   * Board coverage (docs/programme-year.md, "Ended cohorts"): `covered` counts board members
   * who were the mentee of a relationship at any time in the cohort up to the as-of day;
   * `coveredNow` those in a relationship running on the as-of day; `uncovered` the others
   * of `total` (never covered during the cohort), each with why; `notCoveredNow` those
   * covered during the cohort whose relationship is not running on the as-of day.
   */
  board: {
    covered: number;
    coveredNow: number;
    total: number;
    uncovered: Array<ReportPerson & { why: string }>;
    notCoveredNow: Array<ReportPerson & { why: string }>;
  };
  summary: { met: number; onTrack: number; atRisk: number; breached: number };
  relationships: ReportRelationship[];
  interactions: {
    total: number;
    minutes: number;
    /** Sessions in complete months per complete relationship month, or null before any month completes. */
    perRelationshipPerMonth: number | null;
    kinds: Record<Kind, number>;
    levels: Record<Level, number>;
    livedExperience: { sessions: number; share: number | null };
    /** Sessions per calendar month (`YYYY-MM`), from the cohort's first month to the as-of month. */
    byCalendarMonth: Array<{ month: string; sessions: number }>;
  };
  themes: Array<{ theme: string; sessions: number; relationships: number }>;
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

export function suppressCount(n: number, below: number | null): Count {
  return below !== null && n >= 1 && n < below ? `<${below}` : n;
}

/** What a count hidden only to protect another shows. */
export const SECONDARY = 'suppressed';

/**
 * Suppresses a group of counts for publication: each sensitive count from 1 to K-1 shows
 * as "<K" (primary); when that leaves exactly one hidden cell, which the group's total
 * would give away, the smallest other non-zero cell is hidden too, or every other cell
 * when none is non-zero (secondary suppression).
 */
export function protectCounts<K extends string>(counts: Record<K, number>, sensitive: readonly K[], below: number | null): Record<K, Count> {
  const keys = Object.keys(counts) as K[];
  const shown = { ...counts } as Record<K, Count>;
  if (below === null) return shown;
  const primary = keys.filter((k) => sensitive.includes(k) && counts[k] >= 1 && counts[k] < below);
  for (const k of primary) shown[k] = `<${below}`;
  if (primary.length !== 1) return shown;
  const others = keys.filter((k) => k !== primary[0]);
  const nonZero = others.filter((k) => counts[k] > 0).sort((a, b) => counts[a] - counts[b]);
  for (const k of nonZero.length > 0 ? [nonZero[0]] : others) shown[k] = SECONDARY;
  return shown;
}

const zeroes = <K extends string>(keys: readonly K[]): Record<K, number> => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

export function buildCohortReport(input: ReportInput): CohortReport {
  const { cohort, asOf, suppressBelow } = input;
  const thresholds = { minMonths: cohort.minMonths, minPerMonth: cohort.minPerMonth };
  const summary = input.sessions;
  const datesOf = summary.datesByRelationship;

  const relationships: ReportRelationship[] = input.relationships.map((rel) => {
    const compliance = assessCompliance(
      { start: rel.start, endedOn: rel.endedOn, plannedEnd: rel.plannedEnd, sessionDates: datesOf.get(rel.id) ?? [] },
      thresholds,
      asOf,
    );
    const row: ReportRelationship = {
      id: rel.id,
      mentee: rel.mentee,
      mentors: rel.mentors.map((m) => (suppressBelow === null ? { staffId: m.staffId, name: m.name, slot: m.slot } : { staffId: m.staffId, name: m.name })),
      start: rel.start,
      end: rel.endedOn,
      plannedEnd: rel.plannedEnd,
      status: compliance.status,
      reasons: compliance.reasons,
      monthsComplete: compliance.monthsComplete,
      sessions: compliance.sessions,
      rate: compliance.rate === null ? null : Math.round(compliance.rate * 100) / 100,
      months: compliance.months,
      running: runsOn(rel, asOf),
    };
    if (suppressBelow === null) row.type = rel.type;
    return row;
  });

  const TYPES = ['race', 'frontline', 'clinical', 'general'] as const;
  const byType = zeroes(TYPES);
  const pairsByType = zeroes(TYPES);
  const triosByType = zeroes(TYPES);
  for (const rel of input.relationships) {
    byType[rel.type] += 1;
    (rel.mentors.length === 2 ? triosByType : pairsByType)[rel.type] += 1;
  }
  const people = new Set<string>();
  const mentees = new Set<string>();
  const mentors = new Set<string>();
  for (const rel of input.relationships) {
    mentees.add(rel.mentee.staffId);
    people.add(rel.mentee.staffId);
    for (const m of rel.mentors) {
      mentors.add(m.staffId);
      people.add(m.staffId);
    }
  }
  const byBme = zeroes(['yes', 'no', 'unknown'] as const);
  for (const id of people) byBme[input.bmeOf.get(id) ?? 'unknown'] += 1;

  const board = boardCoverage(input.board, input.relationships, cohort, asOf);

  const completeMonths = relationships.reduce((sum, r) => sum + r.monthsComplete, 0);
  const inCompleteMonths = relationships.reduce((sum, r) => sum + r.months.filter((m) => m.complete).reduce((s, m) => s + m.sessions, 0), 0);

  return {
    cohort,
    asOf,
    suppressBelow,
    participation: {
      mentees: mentees.size,
      mentors: mentors.size,
      relationships: input.relationships.length,
      pairs: input.relationships.filter((r) => r.mentors.length === 1).length,
      trios: input.relationships.filter((r) => r.mentors.length === 2).length,
      byType: protectCounts<PairType>(byType, ['race'], suppressBelow),
      ...(suppressBelow === null ? { pairsByType, triosByType } : {}),
      byBme: protectCounts<BmeStatus>(byBme, ['yes', 'no', 'unknown'], suppressBelow),
    },
    board,
    summary: {
      met: relationships.filter((r) => r.status === 'met').length,
      onTrack: relationships.filter((r) => r.status === 'on track').length,
      atRisk: relationships.filter((r) => r.status === 'at risk').length,
      breached: relationships.filter((r) => r.status === 'breached').length,
    },
    relationships,
    interactions: {
      total: summary.total,
      minutes: summary.minutes,
      perRelationshipPerMonth: completeMonths === 0 ? null : Math.round((inCompleteMonths / completeMonths) * 100) / 100,
      kinds: { ...summary.kinds },
      levels: { ...summary.levels },
      livedExperience: {
        sessions: summary.livedExperience,
        share: summary.total === 0 ? null : Math.round((summary.livedExperience / summary.total) * 1000) / 1000,
      },
      byCalendarMonth: calendarMonths(cohort.start, asOf < cohort.end ? asOf : cohort.end, summary.byMonth),
    },
    themes: summary.themes,
  };
}

/** Small numbers in a report for publication are hidden below this, unless --suppress-below says otherwise. */
export const PUBLICATION_SUPPRESS_BELOW = 5;

/**
 * The cohort report as a board paper that may be published (`report --for-publication`):
 * figures only. No names, no staff ids, no relationship rows (a published row of one
 * relationship, with the board members known, could be read back to a person), no board
 * member left uncovered by name; counts of people by ethnicity below `suppressBelow` show
 * as "<K" (protectCounts), and pairs and trios by type are left out.
 */
export interface PublicationReport {
  forPublication: true;
  cohort: ReportCohort;
  asOf: IsoDate;
  suppressBelow: number;
  participation: Omit<CohortReport['participation'], 'pairsByType' | 'triosByType'>;
  board: Pick<CohortReport['board'], 'covered' | 'coveredNow' | 'total'>;
  summary: CohortReport['summary'];
  interactions: CohortReport['interactions'];
  themes: CohortReport['themes'];
}

export const isPublication = (report: CohortReport | PublicationReport): report is PublicationReport =>
  'forPublication' in report && report.forPublication === true;

/** `input.suppressBelow` null means the default for publication, 5. */
export function buildPublicationReport(input: ReportInput): PublicationReport {
  const suppressBelow = input.suppressBelow ?? PUBLICATION_SUPPRESS_BELOW;
  const full = buildCohortReport({ ...input, suppressBelow });
  const { pairsByType: _pairs, triosByType: _trios, ...participation } = full.participation;
  return {
    forPublication: true,
    cohort: full.cohort,
    asOf: full.asOf,
    suppressBelow,
    participation,
    board: { covered: full.board.covered, coveredNow: full.board.coveredNow, total: full.board.total },
    summary: full.summary,
    interactions: full.interactions,
    themes: full.themes,
  };
}

/** Who on the board was covered during the cohort up to the as-of day, and who is covered on it. */
function boardCoverage(
  board: ReportInput['board'],
  relationships: readonly ReportRelationshipInput[],
  cohort: ReportCohort,
  asOf: IsoDate,
): CohortReport['board'] {
  const byMentee = new Map<string, ReportRelationshipInput[]>();
  for (const rel of relationships) byMentee.set(rel.mentee.staffId, [...(byMentee.get(rel.mentee.staffId) ?? []), rel]);
  const uncovered: CohortReport['board']['uncovered'] = [];
  const notCoveredNow: CohortReport['board']['notCoveredNow'] = [];
  let coveredNow = 0;
  for (const member of board) {
    const own = byMentee.get(member.staffId) ?? [];
    const during = own.filter((rel) => runsBetween(rel, cohort.start, asOf));
    const person = { staffId: member.staffId, name: member.name };
    if (own.some((rel) => runsOn(rel, asOf))) coveredNow += 1;
    else if (during.length > 0) {
      // Ran during the cohort, not on the as-of day: it ended before it.
      const lastEnd = during.map(relationshipEnd).sort().at(-1)!;
      notCoveredNow.push({ ...person, why: `their relationship ended on ${formatDate(lastEnd)}` });
    }
    if (during.length > 0) continue;
    const firstStart = own.map((rel) => rel.start).sort()[0];
    uncovered.push({
      ...person,
      why:
        // Someone who withdrew no longer takes part (docs/programme-year.md, "Ended cohorts").
        member.withdrawnOn !== null && member.withdrawnOn <= asOf
          ? `withdrew from this cohort on ${formatDate(member.withdrawnOn)}`
          : firstStart !== undefined
            ? firstStart > asOf
              ? `their relationship starts on ${formatDate(firstStart)}`
              : 'their relationship ran before the cohort started'
            : member.role === null
              ? 'not enrolled in this cohort'
              : member.role === 'mentor'
                ? 'enrolled as a mentor, not as a mentee'
                : 'enrolled but not paired',
    });
  }
  return { covered: board.length - uncovered.length, coveredNow, total: board.length, uncovered, notCoveredNow };
}

/** Sessions per calendar month, every month from `from` to `to` listed (zeros too). */
function calendarMonths(from: IsoDate, to: IsoDate, counts: ReadonlyMap<string, number>): Array<{ month: string; sessions: number }> {
  const months: Array<{ month: string; sessions: number }> = [];
  let [year, month] = from.split('-').map(Number);
  const [lastYear, lastMonth] = to.split('-').map(Number);
  while (year < lastYear || (year === lastYear && month <= lastMonth)) {
    const key = `${year}-${String(month).padStart(2, '0')}`;
    months.push({ month: key, sessions: counts.get(key) ?? 0 });
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return months;
}
