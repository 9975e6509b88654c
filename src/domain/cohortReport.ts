/**
 * The cohort report (docs/reports.md): who took part, is every board member in a
 * relationship, who is keeping to the thresholds, how people met, which themes recur.
 * Built from plain data; the commands load it and the ui renders it.
 */
import { characteristicOfType, livedExperienceType, type CharacteristicValue } from './characteristics.js';
import { assessCompliance, type ComplianceStatus, type RelationshipMonth } from './compliance.js';
import type { Cohort } from './cohorts.js';
import { protectCounts, type Count } from './countSuppression.js';
import { formatDate, type IsoDate } from './dates.js';
import type { BmeStatus } from './ethnicity.js';
import { buildMeetingsSection, type CohortMember, type MeetingRecord, type MeetingsSection } from './meetings.js';
import type { PairType, Slot } from './pairingRules.js';
import { outcomesSection, type Outcome, type Quote, type ReportSurveyAnswer } from './outcomes.js';
import { relationshipEnd, runsBetween, runsOn } from './relationshipLife.js';
import { zeroes, type SessionSummary } from './sessionSummary.js';
import type { Kind, Level } from './sessions.js';

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

export interface ReportInput {
  cohort: ReportCohort;
  asOf: IsoDate;
  relationships: readonly ReportRelationshipInput[];
  /** The cohort's sessions on or before the as-of date, summarised (by the store, in SQL). */
  sessions: SessionSummary;
  /**
   * Every active board member on the staff list, their role in this cohort (null: not
   * enrolled) and the day they withdrew from it (null: they did not).
   */
  board: ReadonlyArray<ReportPerson & { role: 'mentor' | 'mentee' | 'either' | null; withdrawnOn: IsoDate | null }>;
  /** BME status of the people in this cohort's relationships. */
  bmeOf: ReadonlyMap<string, BmeStatus>;
  /**
   * The enabled characteristics, in their order, each with how many of the people in this
   * cohort's relationships said yes and said no (the rest are unknown); none when absent.
   */
  characteristics?: ReadonlyArray<CharacteristicCount>;
  /** From --suppress-below K: counts of people by ethnicity from 1 to K-1 show as "<K". */
  suppressBelow: number | null;
  /** The cohort's meetings and everyone ever enrolled in it (docs/outcomes.md, "In the report"); none when left out. The members may be read only once (the store streams them). */
  meetings?: { held: readonly MeetingRecord[]; members: Iterable<CohortMember> };
  /** The cohort's outcome survey answers (none when absent). */
  surveyAnswers?: readonly ReportSurveyAnswer[];
}

/** An enabled characteristic and how many of the cohort's participants said yes and no (docs/characteristics.md, "In reports"). */
export interface CharacteristicCount {
  name: string;
  yes: number;
  no: number;
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
    /** The four functional types, then the lived experience type of each enabled characteristic. */
    byType: Record<string, Count>;
    /** Pairs and trios by type; left out under --suppress-below (their sums would undo it). */
    pairsByType?: Record<string, number>;
    triosByType?: Record<string, number>;
    byBme: Record<BmeStatus, Count>;
    /** The participants by each enabled characteristic, yes, no and unknown (an empty object when none is enabled). */
    characteristics: Record<string, Record<CharacteristicValue, Count>>;
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
  meetings: MeetingsSection;
  /** Outcome surveys before and after (docs/outcomes.md, "Outcomes"). */
  outcomes: Outcome[];
  /** Free-text answers given with consent to quote; never with a name. */
  quotes: Quote[];
}

/** The functional pair types, in the order every report lists them (docs/pairing.md, "Pair types"). */
const FUNCTIONAL_TYPES = ['race', 'frontline', 'clinical', 'general'] as const;
const isSensitiveType = (type: string): boolean => type === 'race' || characteristicOfType(type) !== null;
const CHARACTERISTIC_CELLS: readonly CharacteristicValue[] = ['yes', 'no', 'unknown'];

export function buildCohortReport(input: ReportInput): CohortReport {
  const { cohort, asOf, suppressBelow } = input;
  const thresholds = { minMonths: cohort.minMonths, minPerMonth: cohort.minPerMonth };
  const summary = input.sessions;
  const datesOf = summary.datesByRelationship;

  // Sessions in complete months over every relationship, and each status's count, added up as the rows are made.
  let inCompleteMonths = 0;
  const statusCounts: Record<ComplianceStatus, number> = { met: 0, 'on track': 0, 'at risk': 0, breached: 0 };
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
    inCompleteMonths += compliance.sessionsInCompleteMonths;
    statusCounts[compliance.status] += 1;
    return row;
  });

  const livedTypes = (input.characteristics ?? []).map((c) => livedExperienceType(c.name));
  const types = [...FUNCTIONAL_TYPES, ...livedTypes];
  const byType = zeroes<string>(types);
  const pairsByType = zeroes<string>(types);
  const triosByType = zeroes<string>(types);
  for (const rel of input.relationships) {
    // A type the list does not name (a characteristic no longer enabled) is still counted, after the others.
    if (!(rel.type in byType)) for (const counts of [byType, pairsByType, triosByType]) counts[rel.type] = 0;
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
  // Counted over the same people as byBme, and every cell is a count of people by a special category: all sensitive.
  const characteristics: CohortReport['participation']['characteristics'] = {};
  for (const { name, yes, no } of input.characteristics ?? []) {
    characteristics[name] = protectCounts<CharacteristicValue>({ yes, no, unknown: people.size - yes - no }, CHARACTERISTIC_CELLS, suppressBelow);
  }

  const board = boardCoverage(input.board, input.relationships, cohort, asOf);

  const completeMonths = relationships.reduce((sum, r) => sum + r.monthsComplete, 0);

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
      // A race pair tells its people's BME status, a lived experience pair their values: sensitive counts.
      byType: protectCounts<string>(byType, Object.keys(byType).filter(isSensitiveType), suppressBelow),
      ...(suppressBelow === null ? { pairsByType, triosByType } : {}),
      byBme: protectCounts<BmeStatus>(byBme, ['yes', 'no', 'unknown'], suppressBelow),
      characteristics,
    },
    board,
    summary: {
      met: statusCounts.met,
      onTrack: statusCounts['on track'],
      atRisk: statusCounts['at risk'],
      breached: statusCounts.breached,
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
    meetings: buildMeetingsSection(input.meetings?.held ?? [], input.meetings?.members ?? [], cohort, asOf),
    ...outcomesSection(input.surveyAnswers ?? [], suppressBelow),
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
