/**
 * A person's function: strategic, managerial, clinical, front line (docs/roster.md, "Functions").
 * A stated cell is taken as it is; a blank one is derived, and front line never is.
 */
import { RANK_VSM, seniorityOfRank } from './bands.js';

export type StaffFunction = 'strategic' | 'managerial' | 'clinical' | 'front line';

export const FUNCTIONS: readonly StaffFunction[] = ['strategic', 'managerial', 'clinical', 'front line'];

export const FUNCTION_EXPECTED = 'one or more of strategic, managerial, clinical, front line, separated by ";" or ","';

const squash = (text: string): string => text.toLowerCase().replace(/[^a-z]/g, '');

const FUNCTION_OF_WORD: ReadonlyMap<string, StaffFunction> = new Map([
  ['strategic', 'strategic'],
  ['managerial', 'managerial'],
  ['clinical', 'clinical'],
  ['frontline', 'front line'],
]);

export type FunctionsResult = { ok: true; functions: StaffFunction[] | null } | { ok: false; unknown: string };

/** Parses a function cell; null for a blank cell (derive it). Sorted, no repeats. */
export function parseFunctions(raw: string): FunctionsResult {
  const parts = raw
    .split(/[;,]/)
    .map((part) => part.trim())
    .filter((part) => part !== '');
  if (parts.length === 0) return { ok: true, functions: null };
  const found = new Set<StaffFunction>();
  for (const part of parts) {
    const fn = FUNCTION_OF_WORD.get(squash(part));
    if (fn === undefined) return { ok: false, unknown: part };
    found.add(fn);
  }
  return { ok: true, functions: FUNCTIONS.filter((fn) => found.has(fn)) };
}

/** ESR staff groups whose members are clinical. */
const CLINICAL_STAFF_GROUPS = new Set(
  [
    'Nursing and Midwifery Registered',
    'Medical and Dental',
    'Allied Health Professionals',
    'Healthcare Scientists',
    'Additional Clinical Services',
    'Add Prof Scientific and Technic',
    'Additional Professional Scientific and Technical',
  ].map(squash),
);

export function isClinicalStaffGroup(staffGroup: string | null): boolean {
  return staffGroup !== null && CLINICAL_STAFF_GROUPS.has(squash(staffGroup));
}

/**
 * Derives functions for a blank cell: board members and VSM are strategic, other
 * senior leaders managerial; clinical staff groups are clinical.
 */
export function deriveFunctions(rank: number | null, boardMember: boolean, staffGroup: string | null): StaffFunction[] {
  const found = new Set<StaffFunction>();
  if (boardMember || (rank !== null && rank >= RANK_VSM)) found.add('strategic');
  else if (rank !== null && seniorityOfRank(rank) === 'senior') found.add('managerial');
  if (isClinicalStaffGroup(staffGroup)) found.add('clinical');
  return FUNCTIONS.filter((fn) => found.has(fn));
}
