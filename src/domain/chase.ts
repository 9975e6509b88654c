/**
 * This month's to-do list: running relationships not yet met whose current month
 * is short of sessions, most urgent first (DOMAIN.md section 5).
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
): ChaseItem[] {
  const items: ChaseItem[] = [];
  for (const rel of relationships) {
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
