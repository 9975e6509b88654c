/**
 * A member of staff: the facts we store, and the classification docs/roster.md derives
 * from them. Classification is computed on read, so a rule lives in one place.
 */
import { seniorityOfRank, seniorityRank, type Seniority } from './bands.js';
import { bmeStatus, type BmeStatus } from './ethnicity.js';
import { deriveFunctions, type StaffFunction } from './functions.js';
import type { IsoDate } from './dates.js';

export type ProgrammeRole = 'mentor' | 'mentee' | 'either';
export const PROGRAMME_ROLES: readonly ProgrammeRole[] = ['mentor', 'mentee', 'either'];

/** The facts about a person that a roster sets. */
export interface StaffFacts {
  name: string;
  email: string | null;
  department: string | null;
  jobTitle: string | null;
  staffGroup: string | null;
  /** Canonical band label (`6`, `8a`, `VSM`, `Consultant`); null only for board members. */
  band: string | null;
  /** Ethnic category code as given (`M`, `C3`, `Z`, `99`), null when blank. */
  ethnicity: string | null;
  /** The explicit `bme` column, which overrides the code. */
  bmeOverride: boolean | null;
  /** Functions as stated in the roster; null means derive them. */
  functionsStated: StaffFunction[] | null;
  boardMember: boolean;
  lineManagerId: string | null;
  raceTrained: boolean;
  raceTrainedOn: IsoDate | null;
  capacity: number;
}

export interface StaffRecord extends StaffFacts {
  staffId: string;
  /** False once a full staff list was imported without them (`--missing-left`), or a file said they left. */
  active: boolean;
  /** The day a leaver left (or was marked as having left); absent while they are here. */
  leftOn?: IsoDate;
  /**
   * Facts set by hand (`remedi staff edit`): a later import keeps them unless its cell
   * for that fact is non-blank (docs/programme-year.md, "Set by hand").
   */
  handSet?: Array<keyof StaffFacts>;
}

export const FACT_KEYS: ReadonlyArray<keyof StaffFacts> = [
  'name',
  'email',
  'department',
  'jobTitle',
  'staffGroup',
  'band',
  'ethnicity',
  'bmeOverride',
  'functionsStated',
  'boardMember',
  'lineManagerId',
  'raceTrained',
  'raceTrainedOn',
  'capacity',
];

export const DEFAULT_FACTS: Omit<StaffFacts, 'name'> = {
  email: null,
  department: null,
  jobTitle: null,
  staffGroup: null,
  band: null,
  ethnicity: null,
  bmeOverride: null,
  functionsStated: null,
  boardMember: false,
  lineManagerId: null,
  raceTrained: false,
  raceTrainedOn: null,
  capacity: 1,
};

/**
 * How departments are compared (pairing, targeted departments, `remedi department`): trimmed,
 * any case; a blank department is none.
 */
export const departmentKey = (department: string | null): string | null =>
  department === null || department.trim() === '' ? null : department.trim().toLowerCase();

export interface Classification {
  /** 1 (band 1) to 13 (VSM), 14 for board members; null without a band. */
  rank: number | null;
  seniority: Seniority | null;
  bme: BmeStatus;
  functions: StaffFunction[];
  functionsDerived: boolean;
}

/** The facts a classification depends on, and only those: a list of a million people classifies each combination of them once. */
export type ClassifiedFacts = Pick<StaffFacts, 'band' | 'boardMember' | 'ethnicity' | 'bmeOverride' | 'functionsStated' | 'staffGroup'>;

export function classify(facts: ClassifiedFacts): Classification {
  const rank = seniorityRank(facts.band, facts.boardMember);
  const functionsDerived = facts.functionsStated === null;
  return {
    rank,
    seniority: rank === null ? null : seniorityOfRank(rank),
    bme: bmeStatus(facts.ethnicity, facts.bmeOverride),
    functions: facts.functionsStated ?? deriveFunctions(rank, facts.boardMember, facts.staffGroup),
    functionsDerived,
  };
}

export function sameFact<K extends keyof StaffFacts>(a: StaffFacts[K], b: StaffFacts[K]): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((v, i) => v === b[i]);
  }
  return a === b;
}
