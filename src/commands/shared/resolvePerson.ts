/**
 * Which person a command means: `P` may be a staff id, an email (any case) or a name
 * that matches exactly one person, ignoring case and accents (docs/programme-year.md, "Naming people").
 * Unknown or ambiguous names are refused with the candidates.
 */
import { UserError } from '../../errors.js';
import { choosePerson, describeCandidate } from '../../domain/people.js';
import type { StaffRecord } from '../../domain/staff.js';
import type { Db } from '../../store/db.js';
import { lookUpPerson, nearMisses } from '../../store/people.js';

export interface ResolveOptions {
  /** Refuse someone who has left ("has left the trust"). */
  activeOnly?: boolean;
}

/** The person `query` names, or a UserError that says who it might have meant. */
export function resolvePerson(db: Db, query: string, options: ResolveOptions = {}): StaffRecord {
  const problem = personProblem(db, query, options);
  if (typeof problem === 'string') throw new UserError(problem, { fix: 'Find people with remedi staff find <part of a name, email or id>.' });
  return problem;
}

/**
 * Every query resolved, or one refusal that names each one that was not: commands that
 * take several people write nothing unless every name resolves.
 */
export function resolvePeople(db: Db, queries: readonly string[], options: ResolveOptions & { what?: string } = {}): StaffRecord[] {
  const found: StaffRecord[] = [];
  const problems: string[] = [];
  for (const query of queries) {
    const result = personProblem(db, query, options);
    if (typeof result === 'string') problems.push(result);
    else found.push(result);
  }
  if (problems.length === 0) return found;
  const fix = quotingHint(db, queries) ?? 'Find people with remedi staff find <part of a name, email or id>.';
  if (problems.length === 1) throw new UserError(`${options.what ?? 'Nothing was changed'}: ${lowerFirst(problems[0])}`, { fix });
  throw new UserError(`${options.what ?? 'Nothing was changed'}: ${problems.length} people could not be found.`, {
    details: problems.map((p) => `  ${p}`),
    fix,
  });
}

/**
 * `remedi staff train Chidi Eze` gives two words, not one name: when the words together
 * name one person, say to put the name in quotes.
 */
function quotingHint(db: Db, queries: readonly string[]): string | null {
  if (queries.length < 2) return null;
  const joined = queries.join(' ');
  const match = choosePerson(lookUpPerson(db, joined), []);
  return match.ok ? `A name with a space needs quotes around it: "${joined}" is ${match.person.name} (${match.person.staffId}).` : null;
}

const lowerFirst = (text: string): string => text.charAt(0).toLowerCase() + text.slice(1);

function personProblem(db: Db, query: string, options: ResolveOptions): StaffRecord | string {
  const shown = JSON.stringify(query.trim());
  if (query.trim() === '') return 'An empty name was given; expected a staff id, an email or a name.';
  const match = choosePerson(lookUpPerson(db, query), []);
  if (match.ok) {
    const person = match.person;
    if (options.activeOnly && !person.active) return `${person.name} (${person.staffId}) has left the trust.`;
    return person;
  }
  if (match.reason === 'ambiguous') {
    return `${shown} matches ${match.candidates.length} people: ${match.candidates.map(describeCandidate).join('; ')}. Give the staff id or email instead.`;
  }
  const misses = nearMisses(db, query);
  const hint = misses.length === 0 ? '' : ` Did you mean ${misses.map(describeCandidate).join(' or ')}?`;
  return `There is nobody called ${shown} (by staff id, email or name).${hint}`;
}
