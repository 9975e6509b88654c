/**
 * What `cohort withdraw` decides before it writes (docs/cohorts.md, "Withdrawing"): the day,
 * who is leaving and who had already left, and which running relationships of theirs stop
 * it, or, with --end-relationships, must end with them and pass the checks of `pair end`.
 */
import { UserError } from '../errors.js';
import { formatDate, type IsoDate } from './dates.js';
import type { CurrentEnrolment, PersonRole } from './enrolment.js';
import type { HeldRelationship } from './enrolmentRequests.js';
import { holdsPeopleOn } from './relationshipLife.js';
import { endingRefusal, type EndingTarget } from './replacements.js';

/** The day they withdrew: the one given, else today; never a day still to come. */
export function withdrawalDay(on: IsoDate | undefined, today: IsoDate): IsoDate {
  const day = on ?? today;
  if (day > today) {
    throw new UserError(`--on ${formatDate(day)} is after today (${formatDate(today)}).`, {
      fix: 'Record a withdrawal on the day it happens, or give the day it happened with --on.',
    });
  }
  return day;
}

export type WithdrawnRelationship = HeldRelationship & Omit<EndingTarget, 'lastSession'>;

export interface WithdrawalPlan<R extends WithdrawnRelationship> {
  leaving: PersonRole[];
  alreadyWithdrawn: Array<PersonRole & { withdrawnOn: IsoDate }>;
  /** The running relationships of those leaving, which end with them. */
  ending: R[];
}

export interface WithdrawalRequest<R extends WithdrawnRelationship> {
  cohort: number;
  /** Everyone named, once each. */
  people: ReadonlyArray<{ staffId: string; name: string }>;
  enrolments: ReadonlyMap<string, CurrentEnrolment>;
  /** The cohort's relationships. */
  relationships: readonly R[];
  on: IsoDate;
  today: IsoDate;
  endRelationships: boolean;
  nameOf: (staffId: string) => string;
}

export const involves = (rel: HeldRelationship, staffId: string): boolean => rel.menteeId === staffId || rel.mentors.some((m) => m.staffId === staffId);

/**
 * Everyone named must be enrolled; those not yet withdrawn leave, with their running
 * relationships, which without --end-relationships refuse the whole withdrawal.
 */
export function planWithdrawal<R extends WithdrawnRelationship>(request: WithdrawalRequest<R>): WithdrawalPlan<R> {
  const { cohort, people, enrolments, nameOf } = request;
  const notEnrolled = people.filter((p) => !enrolments.has(p.staffId));
  if (notEnrolled.length > 0) {
    throw new UserError(
      `Nothing was withdrawn: ${notEnrolled.map((p) => `${p.name} (${p.staffId})`).join(', ')} ${notEnrolled.length === 1 ? 'is' : 'are'} not enrolled in cohort ${cohort}.`,
      { fix: `See who is with remedi staff list --cohort ${cohort}.` },
    );
  }
  const plan: WithdrawalPlan<R> = { leaving: [], alreadyWithdrawn: [], ending: [] };
  for (const person of people) {
    const enrolment = enrolments.get(person.staffId)!;
    const named = { staffId: person.staffId, name: person.name, role: enrolment.role };
    if (enrolment.withdrawnOn === null) plan.leaving.push(named);
    else plan.alreadyWithdrawn.push({ ...named, withdrawnOn: enrolment.withdrawnOn });
  }
  const leaving = new Set(plan.leaving.map((p) => p.staffId));
  plan.ending = request.relationships.filter(
    (rel) => holdsPeopleOn(rel, request.today) && [rel.menteeId, ...rel.mentors.map((m) => m.staffId)].some((id) => leaving.has(id)),
  );
  if (plan.ending.length > 0 && !request.endRelationships) throw stillRunning(plan.ending, leaving, request.on, nameOf);
  return plan;
}

/** Someone still in a running relationship cannot simply withdraw: refused, naming it. */
function stillRunning(running: readonly HeldRelationship[], leaving: ReadonlySet<string>, on: IsoDate, nameOf: (staffId: string) => string): UserError {
  const lines = running.map((rel) => {
    const who = [rel.menteeId, ...rel.mentors.map((m) => m.staffId)]
      .filter((id) => leaving.has(id))
      .map(nameOf)
      .join(' and ');
    return `  ${who}: relationship #${rel.id} (${nameOf(rel.menteeId)} with ${rel.mentors.map((m) => nameOf(m.staffId)).join(' and ')}) is still running`;
  });
  const one = running.length === 1;
  return new UserError(`Nothing was withdrawn: ${one ? 'a relationship' : `${running.length} relationships`} of theirs ${one ? 'is' : 'are'} still running.`, {
    details: lines,
    fix: `End ${one ? 'it' : 'them'} first with remedi pair end <id>, or add --end-relationships to end ${one ? 'it' : 'them'} on ${formatDate(on)}.`,
  });
}

/** With --end-relationships, each relationship ends on `on` only if `pair end` would let it. */
export function refuseUnendable(ending: readonly EndingTarget[], on: IsoDate, today: IsoDate): void {
  const refusals = ending.flatMap((rel) => {
    const refusal = endingRefusal(rel, on, today);
    return refusal ? [refusal] : [];
  });
  if (refusals.length === 0) return;
  throw new UserError(
    `Nothing was withdrawn: ${refusals.length === 1 ? 'a relationship' : `${refusals.length} relationships`} cannot end on ${formatDate(on)}.`,
    {
      details: refusals.map((r) => `  ${r.message}`),
      fix: refusals.length === 1 ? refusals[0].fix : 'Give another --on date, or end each relationship with remedi pair end <id> first.',
    },
  );
}
