/**
 * What `remedi export` writes (docs/privacy.md, "Subject access"): everything held, or for a
 * subject access request (`--staff`) only what is about that person: their staff record, their
 * enrolments (withdrawn ones too), the relationships they are in and those relationships'
 * sessions, and the cohort meetings they attended (the cohort and the day only); no cohorts and no departments. Pure: the command reads, this chooses.
 */

export interface HeldData<P, E, C, R, S> {
  /** Everyone on the staff list, as they are read (a whole roster is never held at once). */
  staff: Iterable<P>;
  /** Every enrolment of every cohort, withdrawn ones too. */
  enrolments: readonly E[];
  cohorts: readonly C[];
  relationships: readonly R[];
  sessions: readonly S[];
  targetedDepartments: readonly string[];
}

/** The part of what is held that goes into the export of one person (staff id), or all of it when `who` is undefined. */
export function exportScope<
  P extends { staffId: string },
  E extends { staffId: string },
  C,
  R extends { id: number; menteeId: string; mentors: ReadonlyArray<{ staffId: string }> },
  S extends { relationshipId: number },
>(held: HeldData<P, E, C, R, S>, who: string | undefined): HeldData<P, E, C, R, S> {
  const about = (id: string) => who === undefined || id === who;
  const relationships = held.relationships.filter((r) => about(r.menteeId) || r.mentors.some((m) => about(m.staffId)));
  const relationshipIds = new Set(relationships.map((r) => r.id));
  return {
    staff: who === undefined ? held.staff : only(held.staff, who),
    enrolments: held.enrolments.filter((e) => about(e.staffId)),
    cohorts: who === undefined ? held.cohorts : [],
    relationships,
    sessions: held.sessions.filter((s) => relationshipIds.has(s.relationshipId)),
    targetedDepartments: who === undefined ? held.targetedDepartments : [],
  };
}

/** The person's own record, taken from the staff as they are read. */
function* only<P extends { staffId: string }>(staff: Iterable<P>, who: string): Generator<P> {
  for (const person of staff) if (person.staffId === who) yield person;
}

/** The cohort meetings that go into the export: all of them, or for one person those they attended. */
export function meetingsInScope<M extends { attended: readonly string[] }>(meetings: readonly M[], who: string | undefined): M[] {
  return who === undefined ? [...meetings] : meetings.filter((m) => m.attended.includes(who));
}
