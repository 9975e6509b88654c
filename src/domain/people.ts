/**
 * Naming people the way administrators do (docs/programme-year.md, "Naming people"):
 * by staff id, by email in any case, or by a name that matches exactly one person,
 * ignoring case, accents and extra spaces. Pure: the store finds the candidates.
 */

/** A name or query folded for matching: no accents, lower case, single spaces. */
export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

export function looksLikeEmail(text: string): boolean {
  return /^[^\s@]+@[^\s@]+$/.test(text.trim());
}

export interface PersonCandidate {
  staffId: string;
  name: string;
  email: string | null;
  department: string | null;
  active: boolean;
}

export type PersonMatch<T extends PersonCandidate> = { ok: true; person: T } | { ok: false; reason: 'unknown' | 'ambiguous'; candidates: T[] };

/**
 * Decides who a query names, given the people whose id, email or folded name equals it
 * (exact) and near misses (for "Did you mean"). An id or an email wins over a name.
 */
export function choosePerson<T extends PersonCandidate>(exact: { byId: T[]; byEmail: T[]; byName: T[] }, nearMisses: T[]): PersonMatch<T> {
  if (exact.byId.length === 1) return { ok: true, person: exact.byId[0] };
  if (exact.byEmail.length === 1) return { ok: true, person: exact.byEmail[0] };
  if (exact.byName.length === 1) return { ok: true, person: exact.byName[0] };
  if (exact.byName.length > 1 || exact.byEmail.length > 1) {
    const all = exact.byName.length > 1 ? exact.byName : exact.byEmail;
    return { ok: false, reason: 'ambiguous', candidates: [...all].sort(byStaffId) };
  }
  return { ok: false, reason: 'unknown', candidates: [...nearMisses].sort(byStaffId) };
}

const byStaffId = (a: PersonCandidate, b: PersonCandidate): number => (a.staffId < b.staffId ? -1 : a.staffId > b.staffId ? 1 : 0);

/** "10000065 Chidi Eze (Surgery)": how a candidate is offered in a message. */
export function describeCandidate(person: PersonCandidate): string {
  const where = person.department ? ` (${person.department})` : '';
  return `${person.staffId} ${person.name}${where}${person.active ? '' : ' (has left)'}`;
}

/** The words of a query worth looking for in names, for near misses. */
export function searchWords(query: string): string[] {
  return foldText(query)
    .split(' ')
    .filter((word) => word.length >= 2);
}
