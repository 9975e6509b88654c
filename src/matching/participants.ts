/**
 * Who takes part in a pairing run: the cohort's active participants not already in a
 * running relationship, with `either` resolved (a senior leader mentees, anyone else mentors).
 */
import type { CharacteristicValue } from '../domain/characteristics.js';
import { NO_CHARACTERISTICS, type Participant } from '../domain/pairingRules.js';
import type { Unmatched } from '../domain/proposal.js';
import { classify, departmentKey, type ProgrammeRole, type StaffRecord } from '../domain/staff.js';

export interface Enrolled {
  record: StaffRecord;
  role: ProgrammeRole;
}

export interface Participants {
  mentees: Participant[];
  mentors: Participant[];
  /** What was decided on the administrator's behalf ("X (either) takes part as a mentor"). */
  notes: string[];
  /** Enrolled people not offered for pairing, with why (a band not known). */
  leftOut: Unmatched[];
}

/** Why someone whose band is not known is never paired (their seniority is unknown). */
export const bandNotKnown = (staffId: string): string => `band not known: set it with remedi staff edit ${staffId} --band ...`;

const byStaffId = (a: Participant, b: Participant): number => (a.staffId < b.staffId ? -1 : a.staffId > b.staffId ? 1 : 0);

/** A person's values of the characteristics a run gives points (the others are not read: see Participant.characteristics). */
export type CharacteristicsOf = (staffId: string) => Readonly<Record<string, CharacteristicValue>>;

export function toParticipant(
  record: StaffRecord,
  managerOf: ReadonlyMap<string, string | null>,
  runningAsMentor = 0,
  characteristics: Readonly<Record<string, CharacteristicValue>> = NO_CHARACTERISTICS,
): Participant {
  const classification = classify(record);
  const manager = record.lineManagerId;
  return {
    staffId: record.staffId,
    name: record.name,
    email: record.email,
    department: record.department,
    departmentKey: departmentKey(record.department),
    band: record.band,
    // Unknown only when the band is (selectParticipants leaves such people out).
    rank: classification.rank ?? 0,
    seniority: classification.seniority ?? 'junior',
    bme: classification.bme,
    functions: classification.functions,
    boardMember: record.boardMember,
    lineManagerId: manager,
    secondLineManagerId: manager === null ? null : (managerOf.get(manager) ?? null),
    raceTrained: record.raceTrained,
    capacity: record.capacity,
    freeCapacity: Math.max(0, record.capacity - runningAsMentor),
    characteristics,
  };
}

export function selectParticipants(
  enrolled: readonly Enrolled[],
  managerOf: ReadonlyMap<string, string | null>,
  mentorLoad: ReadonlyMap<string, number>,
  alreadyPaired: ReadonlySet<string>,
  characteristicsOf: CharacteristicsOf = () => NO_CHARACTERISTICS,
): Participants {
  const mentees: Participant[] = [];
  const mentors: Participant[] = [];
  const notes: string[] = [];
  const leftOut: Unmatched[] = [];
  let left = 0;
  let paired = 0;
  for (const { record, role } of enrolled) {
    if (!record.active) {
      left += 1;
      continue;
    }
    const person = toParticipant(record, managerOf, mentorLoad.get(record.staffId) ?? 0, characteristicsOf(record.staffId));
    if (classify(record).rank === null) {
      // No band (ESR's Non AfC, Chair, N/A...): seniority unknown, so never paired until it is set.
      leftOut.push({ person, role: role === 'mentee' ? 'mentee' : 'mentor', reasons: [bandNotKnown(record.staffId)] });
      continue;
    }
    const resolved = role === 'either' ? (person.seniority === 'senior' ? 'mentee' : 'mentor') : role;
    if (resolved === 'mentee' && alreadyPaired.has(record.staffId)) {
      paired += 1;
      continue;
    }
    if (role === 'either') {
      notes.push(`${person.name} (role "either") takes part as a ${resolved}: ${resolved === 'mentee' ? 'a senior leader' : 'not a senior leader'}.`);
    }
    if (resolved === 'mentee') mentees.push(person);
    else mentors.push(person);
  }
  if (paired > 0) notes.push(`${paired} ${paired === 1 ? 'mentee is' : 'mentees are'} already in a running relationship in this cohort and kept as they are.`);
  if (left > 0)
    notes.push(`${left} enrolled ${left === 1 ? 'person has' : 'people have'} left the trust and ${left === 1 ? 'is' : 'are'} not offered for pairing.`);
  mentees.sort(byStaffId);
  mentors.sort(byStaffId);
  leftOut.sort((a, b) => byStaffId(a.person, b.person));
  return { mentees, mentors, notes, leftOut };
}
