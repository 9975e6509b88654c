/**
 * Who takes part in a pairing run: the cohort's active participants not already in a
 * running relationship, with `either` resolved (a senior leader mentees, anyone else mentors).
 */
import { departmentKey, type Participant } from '../domain/pairingRules.js';
import { classify, type ProgrammeRole, type StaffRecord } from '../domain/staff.js';

export interface Enrolled {
  record: StaffRecord;
  role: ProgrammeRole;
}

export interface Participants {
  mentees: Participant[];
  mentors: Participant[];
  /** What was decided on the administrator's behalf ("X (either) takes part as a mentor"). */
  notes: string[];
}

const byStaffId = (a: Participant, b: Participant): number => (a.staffId < b.staffId ? -1 : a.staffId > b.staffId ? 1 : 0);

export function toParticipant(record: StaffRecord, managerOf: ReadonlyMap<string, string | null>, runningAsMentor = 0): Participant {
  const classification = classify(record);
  const manager = record.lineManagerId;
  return {
    staffId: record.staffId,
    name: record.name,
    email: record.email,
    department: record.department,
    departmentKey: departmentKey(record.department),
    band: record.band,
    // Import refuses a person with no band unless they are on the board, so rank is known.
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
  };
}

export function selectParticipants(
  enrolled: readonly Enrolled[],
  managerOf: ReadonlyMap<string, string | null>,
  mentorLoad: ReadonlyMap<string, number>,
  alreadyPaired: ReadonlySet<string>,
): Participants {
  const mentees: Participant[] = [];
  const mentors: Participant[] = [];
  const notes: string[] = [];
  let left = 0;
  let paired = 0;
  for (const { record, role } of enrolled) {
    if (!record.active) {
      left += 1;
      continue;
    }
    const person = toParticipant(record, managerOf, mentorLoad.get(record.staffId) ?? 0);
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
  if (left > 0) notes.push(`${left} enrolled ${left === 1 ? 'person has' : 'people have'} left the trust and ${left === 1 ? 'is' : 'are'} not offered for pairing.`);
  mentees.sort(byStaffId);
  mentors.sort(byStaffId);
  return { mentees, mentors, notes };
}
