/** `cohort enrol` and `cohort withdraw`: their JSON (a contract) and how they read. */
import { formatDate, type IsoDate } from '../domain/dates.js';
import type { EnrolmentPlan, PersonRole } from '../domain/enrolment.js';
import type { ProgrammeRole } from '../domain/staff.js';
import { visible } from './terminalText.js';

export interface EnrolmentJson {
  cohort: number;
  enrolled: PersonRole[];
  changed: Array<PersonRole & { from: ProgrammeRole }>;
  /** Had withdrawn; enrolled again. */
  rejoined: Array<PersonRole & { from: ProgrammeRole; withdrawnOn: IsoDate }>;
  alreadyEnrolled: PersonRole[];
  /** File rows with a blank role: they enrol nobody, as in the roster. */
  noRole: Array<{ file: string; line: number; person: string }>;
  /** Who takes part in the cohort now, by role. */
  taking: { mentees: number; mentors: number; either: number };
}

export function enrolmentJson(
  cohort: number,
  plan: EnrolmentPlan,
  noRole: EnrolmentJson['noRole'],
  counts: { mentee: number; mentor: number; either: number },
): EnrolmentJson {
  return {
    cohort,
    enrolled: plan.enrolled,
    changed: plan.changed,
    rejoined: plan.rejoined,
    alreadyEnrolled: plan.unchanged,
    noRole,
    taking: { mentees: counts.mentee, mentors: counts.mentor, either: counts.either },
  };
}

const ROLE_GROUPS: ReadonlyArray<[ProgrammeRole, string]> = [
  ['mentee', 'mentees'],
  ['mentor', 'mentors'],
  ['either', 'either'],
];

const person = (p: PersonRole): string => `${p.name} (${p.staffId})`;

/** "  mentees (2): A (1), B (2)" per role that has anyone. */
function byRole(people: readonly PersonRole[]): string[] {
  return ROLE_GROUPS.flatMap(([role, label]) => {
    const group = people.filter((p) => p.role === role);
    return group.length === 0 ? [] : [`  ${label} (${group.length}): ${group.map(person).join(', ')}`];
  });
}

const count = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

export function renderEnrolment(json: EnrolmentJson): string {
  const lines: string[] = [];
  const changedCount = json.changed.length + json.rejoined.length;
  lines.push(
    `Cohort ${json.cohort}: ${count(json.enrolled.length, 'person', 'people')} enrolled, ${changedCount} changed, ` +
      `${json.alreadyEnrolled.length} already enrolled.`,
  );
  if (json.enrolled.length > 0) lines.push('Enrolled:', ...byRole(json.enrolled));
  if (changedCount > 0) {
    lines.push('Changed:');
    for (const p of json.changed) lines.push(`  ${person(p)}: now ${p.role}, was ${p.from}`);
    for (const p of json.rejoined) {
      const role = p.role === p.from ? p.role : `${p.role}, was ${p.from}`;
      lines.push(`  ${person(p)}: enrolled again as ${role} (had withdrawn on ${formatDate(p.withdrawnOn)})`);
    }
  }
  if (json.alreadyEnrolled.length > 0) lines.push('Already enrolled, unchanged:', ...byRole(json.alreadyEnrolled));
  const { mentees, mentors, either } = json.taking;
  lines.push(`Cohort ${json.cohort} now has ${count(mentees, 'mentee', 'mentees')}, ${count(mentors, 'mentor', 'mentors')} and ${either} either.`);
  // Names and reasons are data: shown with visible escapes (terminalText.ts).
  return `${lines.map(visible).join('\n')}\n`;
}

export interface WithdrawalJson {
  cohort: number;
  on: IsoDate;
  reason: string | null;
  withdrawn: PersonRole[];
  alreadyWithdrawn: Array<PersonRole & { withdrawnOn: IsoDate }>;
  /** Relationships ended with --end-relationships. */
  endedRelationships: Array<{ id: number; mentee: string; mentors: string[] }>;
}

export function renderWithdrawal(json: WithdrawalJson): string {
  const lines: string[] = [];
  const reason = json.reason ? ` (${json.reason})` : '';
  if (json.withdrawn.length > 0) {
    lines.push(
      `Withdrew ${count(json.withdrawn.length, 'person', 'people')} from cohort ${json.cohort} on ${formatDate(json.on)}${reason}: ` +
        `${json.withdrawn.map((p) => `${person(p)}, ${p.role}`).join('; ')}.`,
    );
  }
  for (const rel of json.endedRelationships) {
    lines.push(`Ended relationship #${rel.id} (${rel.mentee} with ${rel.mentors.join(' and ')}) on ${formatDate(json.on)}.`);
  }
  for (const p of json.alreadyWithdrawn) lines.push(`${person(p)} had already withdrawn, on ${formatDate(p.withdrawnOn)}: unchanged.`);
  return `${lines.map(visible).join('\n')}\n`;
}

export function withdrawalJson(
  cohort: number,
  on: IsoDate,
  reason: string | null,
  plan: {
    leaving: PersonRole[];
    alreadyWithdrawn: WithdrawalJson['alreadyWithdrawn'];
    ending: ReadonlyArray<{ id: number; menteeId: string; mentors: ReadonlyArray<{ staffId: string }> }>;
  },
  nameOf: (staffId: string) => string,
): WithdrawalJson {
  return {
    cohort,
    on,
    reason,
    withdrawn: plan.leaving,
    alreadyWithdrawn: plan.alreadyWithdrawn,
    endedRelationships: plan.ending.map((rel) => ({ id: rel.id, mentee: nameOf(rel.menteeId), mentors: rel.mentors.map((m) => nameOf(m.staffId)) })),
  };
}

/** On stderr after `cohort enrol`: the file rows that enrolled nobody, or null when there are none. */
export function noRoleWarning(json: EnrolmentJson): string | null {
  if (json.noRole.length === 0) return null;
  const where = json.noRole.map((row) => `${row.file}:${row.line}`).join(', ');
  return `${json.noRole.length === 1 ? '1 row has' : `${json.noRole.length} rows have`} a blank role and enrolled nobody: ${where}.\n`;
}
