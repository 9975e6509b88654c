/**
 * People named in a file of rows about people (a session log, an outcome survey): each distinct
 * text looked up once, and each person's label for messages.
 */
import { choosePerson, type PersonCandidate, type PersonMatch } from '../../domain/people.js';
import type { SessionPeople } from '../../domain/sessionImport.js';
import type { StaffRecord } from '../../domain/staff.js';
import type { Db } from '../../store/db.js';
import { nearMisses, personLookup } from '../../store/people.js';
import { staffFinder } from '../../store/staff.js';

/** "Ann Lee (10000001)", or the staff id alone for someone remedi does not hold. */
export function personLabel(findStaff: (staffId: string) => StaffRecord | undefined): (staffId: string) => string {
  return (staffId) => {
    const person = findStaff(staffId);
    return person ? `${person.name} (${staffId})` : staffId;
  };
}

/**
 * Names, emails and ids in a session log or a survey file, each distinct text looked up once: a national
 * form export repeats the same few thousand people over a million rows. "Did you mean"
 * costs a search of every name, so only the first MAX_NEAR_MISSES unknown texts get one.
 */
export function sessionPeople(db: Db): SessionPeople {
  const lookUp = personLookup(db);
  const matches = new Map<string, PersonMatch<PersonCandidate>>();
  const nearMissesSought = new Set<string>();
  const labels = new Map<string, string>();
  const label = personLabel(staffFinder(db));
  return {
    resolve(text, withNearMisses) {
      const key = text.trim();
      let match = matches.get(key);
      if (match === undefined) {
        match = choosePerson(lookUp(key), []);
        matches.set(key, match);
      }
      if (
        !match.ok &&
        match.reason === 'unknown' &&
        withNearMisses &&
        match.candidates.length === 0 &&
        !nearMissesSought.has(key) &&
        nearMissesSought.size < MAX_NEAR_MISSES
      ) {
        nearMissesSought.add(key);
        match = choosePerson({ byId: [], byEmail: [], byName: [] }, nearMisses(db, key));
        matches.set(key, match);
      }
      return match;
    },
    personOf(staffId) {
      let shown = labels.get(staffId);
      if (shown === undefined) labels.set(staffId, (shown = label(staffId)));
      return shown;
    },
  };
}

const MAX_NEAR_MISSES = 200;
