/** The checks a session meets before it is saved, by log-session, sessions edit and (per row) import-sessions. */
import type { IsoDate } from '../../domain/dates.js';
import { duplicateProblem, notSaved } from '../../domain/sessionDraft.js';
import { sessionProblems, type SessionDraft, type SessionTarget } from '../../domain/sessions.js';
import type { StaffRecord } from '../../domain/staff.js';
import type { Db } from '../../store/db.js';
import { hasSession } from '../../store/sessions.js';
import { staffFinder } from '../../store/staff.js';

/** How a session's messages name a person: "Priya Sharma (10000024)", or the staff id of someone unknown. */
export function personLabel(findStaff: (staffId: string) => StaffRecord | undefined): (staffId: string) => string {
  return (staffId) => {
    const person = findStaff(staffId);
    return person ? `${person.name} (${staffId})` : staffId;
  };
}

/** Refuses a session that breaks a rule (a duplicate only without --force); `exceptId` is the session being edited. */
export function checkSession(db: Db, session: SessionDraft, target: SessionTarget, today: IsoDate, force: boolean, exceptId?: number): void {
  const problems = sessionProblems(session, target, today, personLabel(staffFinder(db))).map((problem) => problem.message);
  if (!force && hasSession(db, session.relationshipId, session.date, session.kind, exceptId)) problems.push(duplicateProblem(session));
  const refusal = notSaved(problems);
  if (refusal) throw refusal;
}
