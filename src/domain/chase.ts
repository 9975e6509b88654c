/**
 * This month's to-do list: running relationships not yet met whose current month
 * is short of sessions, most urgent first (docs/compliance.md, "Chase"). A relationship that needs
 * a replacement is never chased (docs/programme-year.md, "Leavers").
 */
import { complianceStanding, daysBetween, type ComplianceStatus } from './compliance.js';
import type { IsoDate } from './dates.js';
import type { ReportPerson, ReportRelationshipInput } from './cohortReport.js';
import type { RelationshipDates } from './relationshipLife.js';

export interface ChaseItem {
  id: number;
  cohort: number;
  mentee: ReportPerson;
  mentors: ReportPerson[];
  status: ComplianceStatus;
  /** Sessions still needed in the current relationship month. */
  sessionsNeeded: number;
  /** The last day of the current relationship month. */
  by: IsoDate;
  /** Days left in it, counting the as-of day. */
  daysLeft: number;
}

/** What the chase decision needs of a relationship: its dates and its cohort's thresholds, not its people. */
export interface ChaseRelationship extends RelationshipDates {
  id: number;
  cohort: number;
  minMonths: number;
  minPerMonth: number;
}

/** A chase list entry before its people are added (the store reads names only for these). */
export type ChaseDue = Omit<ChaseItem, 'mentee' | 'mentors'>;

/**
 * Who is chased, most urgent first, by relationship id: chaseList without the people. Each
 * relationship comes with its session dates on or before the as-of date (one entry per
 * session), and is decided on its own, so they may come one at a time.
 */
export function chaseDue(
  relationships: Iterable<ChaseRelationship & { sessionDates: readonly IsoDate[] }>,
  asOf: IsoDate,
  /** Relationships whose mentee, or every mentor, has left: listed apart, not chased. */
  needsReplacement: ReadonlySet<number> = new Set(),
): ChaseDue[] {
  const due: ChaseDue[] = [];
  for (const rel of relationships) {
    if (needsReplacement.has(rel.id)) continue;
    const { status, end, current } = complianceStanding(rel, rel, asOf);
    if (status === 'met' || current === null || current.sessions >= rel.minPerMonth) continue;
    // The last relationship month may run past the relationship's end: sessions must come before it.
    const by = current.to < end ? current.to : end;
    due.push({ id: rel.id, cohort: rel.cohort, status, sessionsNeeded: rel.minPerMonth - current.sessions, by, daysLeft: daysBetween(asOf, by) + 1 });
  }
  return due.sort(chaseOrder);
}

/** The chase list's order: fewest days left first, then most sessions needed, then by id. */
export const chaseOrder = (a: ChaseDue, b: ChaseDue): number => a.daysLeft - b.daysLeft || b.sessionsNeeded - a.sessionsNeeded || a.id - b.id;

/** A chase entry with its people, in the field order of the JSON contract. */
export function withPeople(due: ChaseDue, people: { mentee: ReportPerson; mentors: ReadonlyArray<ReportPerson> }): ChaseItem {
  return {
    id: due.id,
    cohort: due.cohort,
    mentee: people.mentee,
    mentors: people.mentors.map((m) => ({ staffId: m.staffId, name: m.name })),
    status: due.status,
    sessionsNeeded: due.sessionsNeeded,
    by: due.by,
    daysLeft: due.daysLeft,
  };
}

/**
 * The chase list of relationships held with their people, their session dates apart: the
 * whole rule in one call (`report chase` takes it in two, chaseDue then withPeople, reading
 * names between for those listed only).
 */
export function chaseList(
  relationships: ReadonlyArray<ReportRelationshipInput & ChaseRelationship>,
  sessionDates: ReadonlyMap<number, readonly IsoDate[]>,
  asOf: IsoDate,
  /** Relationships whose mentee, or every mentor, has left: listed apart, not chased. */
  needsReplacement: ReadonlySet<number> = new Set(),
): ChaseItem[] {
  const byId = new Map(relationships.map((rel) => [rel.id, rel]));
  const withDates = relationships.map((rel) => ({ ...rel, sessionDates: sessionDates.get(rel.id) ?? [] }));
  return chaseDue(withDates, asOf, needsReplacement).map((due) => withPeople(due, byId.get(due.id)!));
}

/** A relationship that needs ending and a replacement: its mentee, or every mentor, has left. */
export interface ReplacementItem {
  id: number;
  mentee: ReportPerson;
  mentors: ReportPerson[];
  /** Staff ids of the people in it who have left. */
  left: string[];
}

/** The reason to end it with: who left. */
export function replacementReason(item: Pick<ReplacementItem, 'mentee' | 'mentors' | 'left'>): string {
  if (item.left.includes(item.mentee.staffId)) return 'mentee left the trust';
  return item.mentors.length > 1 ? 'both mentors left the trust' : 'mentor left the trust';
}

/**
 * An ended cohort has nothing to chase and nothing left to replace (docs/programme-year.md,
 * "Ended cohorts"): so once it is reported at its end by default (reportDay), or on a day after its end.
 */
export function nothingToChase(cohort: { end: IsoDate }, day: { asOf: IsoDate; atCohortEnd: boolean }): boolean {
  return day.atCohortEnd || day.asOf > cohort.end;
}
