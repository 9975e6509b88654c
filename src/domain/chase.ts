/**
 * This month's to-do list: running relationships not yet met whose current month
 * is short of sessions, most urgent first (docs/compliance.md, "Chase"). A relationship that needs
 * a replacement is never chased (docs/programme-year.md, "Leavers").
 */
import { assessCompliance, daysBetween, type ComplianceStatus } from './compliance.js';
import type { IsoDate } from './dates.js';
import type { ReportPerson, ReportRelationshipInput } from './cohortReport.js';

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

export function chaseList(
  relationships: ReadonlyArray<ReportRelationshipInput & { cohort: number; minMonths: number; minPerMonth: number }>,
  sessionDates: ReadonlyMap<number, readonly IsoDate[]>,
  asOf: IsoDate,
  /** Relationships whose mentee, or every mentor, has left: listed apart, not chased. */
  needsReplacement: ReadonlySet<number> = new Set(),
): ChaseItem[] {
  const items: ChaseItem[] = [];
  for (const rel of relationships) {
    if (needsReplacement.has(rel.id)) continue;
    const compliance = assessCompliance(
      { start: rel.start, endedOn: rel.endedOn, plannedEnd: rel.plannedEnd, sessionDates: sessionDates.get(rel.id) ?? [] },
      { minMonths: rel.minMonths, minPerMonth: rel.minPerMonth },
      asOf,
    );
    const current = compliance.current;
    if (compliance.status === 'met' || current === null || current.sessions >= rel.minPerMonth) continue;
    // The last relationship month may run past the relationship's end: sessions must come before it.
    const by = current.to < compliance.end ? current.to : compliance.end;
    items.push({
      id: rel.id,
      cohort: rel.cohort,
      mentee: rel.mentee,
      mentors: rel.mentors.map((m) => ({ staffId: m.staffId, name: m.name })),
      status: compliance.status,
      sessionsNeeded: rel.minPerMonth - current.sessions,
      by,
      daysLeft: daysBetween(asOf, by) + 1,
    });
  }
  return items.sort((a, b) => a.daysLeft - b.daysLeft || b.sessionsNeeded - a.sessionsNeeded || a.id - b.id);
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
