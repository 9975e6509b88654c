/** The checks a session meets before it is saved, by log-session, sessions edit and (per row) import-sessions. */
import type { IsoDate } from '../../domain/dates.js';
import { duplicateProblem, notSaved, type Answers } from '../../domain/sessionDraft.js';
import { sessionProblems, type Kind, type Level, type SessionDraft, type SessionTarget } from '../../domain/sessions.js';
import type { Db } from '../../store/db.js';
import { hasSession } from '../../store/sessions.js';
import { staffFinder } from '../../store/staff.js';
import { personLabel } from '../shared/filePeople.js';
import { resolvePeople } from '../shared/resolvePerson.js';
import type { LogSessionOptions } from './command.js';

/** Refuses a session that breaks a rule (a duplicate only without --force); `exceptId` is the session being edited. */
export function checkSession(db: Db, session: SessionDraft, target: SessionTarget, today: IsoDate, force: boolean, exceptId?: number): void {
  const problems = sessionProblems(session, target, today, personLabel(staffFinder(db))).map((problem) => problem.message);
  if (!force && hasSession(db, session.relationshipId, session.date, session.kind, exceptId)) problems.push(duplicateProblem(session));
  const refusal = notSaved(problems);
  if (refusal) throw refusal;
}

/**
 * What a session's flags say, as answers: log-session records them, sessions edit applies them.
 * Kind and level come already checked (both commands refuse a bad one before anything else).
 * sessions edit has the same flags, so its options are of this type too (the build says if they part).
 */
export function flagAnswers(db: Db, options: LogSessionOptions, checked: { kind?: Kind; level?: Level }): Answers {
  return {
    date: options.date,
    minutes: options.minutes,
    kind: checked.kind,
    level: checked.level,
    themes: options.theme,
    // Any way of naming a person (docs/programme-year.md, "Naming people"); whether they
    // are a mentor of this relationship is checked with the rest of the session.
    mentors: options.mentor && resolvePeople(db, options.mentor, { what: 'Not saved' }).map((person) => person.staffId),
    livedExperience: options.livedExperience,
    notes: options.notes,
  };
}
