/**
 * What `cohort enrol` decides before it reads a name (docs/cohorts.md, "Enrolment"): who
 * the flags ask for and as what, whether it was told who to enrol at all, and which running
 * relationships hold each person to the role they have.
 */
import { UsageError } from '../errors.js';
import { holdsPeopleOn, type RelationshipDates } from './relationshipLife.js';
import type { ProgrammeRole } from './staff.js';
import type { IsoDate } from './dates.js';

export interface EnrolFlags {
  mentee?: string[];
  mentor?: string[];
  either?: string[];
  from?: string;
  map?: string[];
}

export interface FlaggedPerson {
  query: string;
  role: ProgrammeRole;
}

/**
 * The people the flags name, mentees then mentors then either, each with its role; refused
 * when there is nobody and no --from file, or a --map without the file it maps.
 */
export function flaggedPeople(cohort: number, flags: EnrolFlags): FlaggedPerson[] {
  const flagged: FlaggedPerson[] = [
    ...(flags.mentee ?? []).map((query) => ({ query, role: 'mentee' as const })),
    ...(flags.mentor ?? []).map((query) => ({ query, role: 'mentor' as const })),
    ...(flags.either ?? []).map((query) => ({ query, role: 'either' as const })),
  ];
  if (flags.map !== undefined && flags.from === undefined) throw new UsageError('--map applies to the --from file; give --from FILE too.');
  if (flagged.length === 0 && flags.from === undefined) {
    throw new UsageError('Say who to enrol: --mentee, --mentor or --either (each repeatable), or --from FILE.', {
      fix: `For example: remedi cohort enrol ${cohort} --mentee "Margaret Ellison" --mentor 10000065`,
    });
  }
  return flagged;
}

export interface HeldRelationship extends RelationshipDates {
  id: number;
  menteeId: string;
  mentors: ReadonlyArray<{ staffId: string }>;
}

/**
 * For each person, the cohort's relationships that hold them to their role today
 * ("#4 (mentor)"): only a relationship still running does; once ended, it is history.
 */
export function relationshipsHolding(relationships: readonly HeldRelationship[], today: IsoDate): Map<string, string[]> {
  const held = new Map<string, string[]>();
  const add = (staffId: string, text: string) => held.set(staffId, [...(held.get(staffId) ?? []), text]);
  for (const rel of relationships.filter((r) => holdsPeopleOn(r, today))) {
    add(rel.menteeId, `#${rel.id} (mentee)`);
    for (const mentor of rel.mentors) add(mentor.staffId, `#${rel.id} (mentor)`);
  }
  return held;
}
