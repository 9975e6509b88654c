/** `remedi staff list | find | show | train`: the people remedi knows, and how it classified them. */
import { page } from '../../ui/pager.js';
import { UsageError, UserError } from '../../errors.js';
import { type CommonOptions, type Context } from '../../cli/context.js';
import { formatDate } from '../../domain/dates.js';
import { getCohort } from '../../store/cohorts.js';
import { enrolmentsOf, namesOf, relationshipIdsOf, searchStaff, sessionCounts } from '../../store/people.js';
import { loadRelationships } from '../../store/relationships.js';
import { editStaff, listStaff, staffFinder } from '../../store/staff.js';
import { mergeHandSet } from '../../domain/staffEdit.js';
import { relationshipJson } from '../../ui/relationshipOutput.js';
import {
  foundCsv,
  foundJson,
  renderFound,
  renderStaffList,
  renderStaffShow,
  staffJson,
  staffListCsv,
  type FoundJson,
  type StaffJson,
  type StaffShowJson,
} from '../../ui/staffOutput.js';
import { visible } from '../../ui/terminalText.js';
import { openCommandDb } from '../shared/openDb.js';
import { resolvePeople, resolvePerson } from '../shared/resolvePerson.js';

export type { StaffJson } from '../../ui/staffOutput.js';

interface ListOutputOptions extends CommonOptions {
  csv?: boolean;
}

function refuseJsonAndCsv(options: ListOutputOptions): void {
  if (options.json && options.csv) throw new UsageError('Choose one of --json and --csv.');
}

export interface StaffListOptions extends ListOutputOptions {
  cohort?: number;
}

export async function runStaffList(options: StaffListOptions, context: Context): Promise<StaffJson[]> {
  refuseJsonAndCsv(options);
  const opened = await openCommandDb(options, context, { create: false, readonly: true });
  let people: StaffJson[];
  try {
    if (options.cohort !== undefined && !getCohort(opened.db, options.cohort)) {
      throw new UserError(`Cohort ${options.cohort} does not exist.`, { fix: 'See the cohorts with remedi cohort list.' });
    }
    people = listStaff(opened.db, options.cohort).map(staffJson);
  } finally {
    opened.db.close();
  }
  const cohort = options.cohort !== undefined;
  if (options.json) {
    context.out(`${JSON.stringify(people, null, 2)}\n`);
    return people;
  }
  if (options.csv) context.out(staffListCsv(people, { cohort }));
  if (people.length === 0) {
    context.err(cohort ? `Nobody is enrolled in cohort ${options.cohort} yet.\n` : 'Nobody yet: import a roster with remedi import roster.csv\n');
    return people;
  }
  if (!options.csv) page(context, renderStaffList(people, { cohort, dim: context.colour.out.dim, fit: context }));
  const left = people.filter((p) => !p.active).length;
  context.err(`${people.length} ${people.length === 1 ? 'person' : 'people'}${left > 0 ? `, ${left} of whom ${left === 1 ? 'has' : 'have'} left` : ''}.\n`);
  return people;
}

export interface StaffFindOptions extends ListOutputOptions {
  limit?: number;
}

export const FIND_LIMIT = 50;

/** `remedi staff find <text>`: part of a name, email or staff id, ignoring accents and case; active people first. */
export async function runStaffFind(text: string, options: StaffFindOptions, context: Context): Promise<FoundJson[]> {
  refuseJsonAndCsv(options);
  if (text.trim() === '') throw new UsageError('Nothing to look for: expected part of a name, email or staff id, e.g. remedi staff find kelly');
  const limit = options.limit ?? FIND_LIMIT;
  const { db } = await openCommandDb(options, context, { create: false, readonly: true });
  let found: { people: FoundJson[]; more: boolean };
  try {
    const result = searchStaff(db, text, limit);
    found = { people: result.people.map(foundJson), more: result.more };
  } finally {
    db.close();
  }
  if (options.json) context.out(`${JSON.stringify(found.people, null, 2)}\n`);
  else if (options.csv) context.out(foundCsv(found.people));
  else if (found.people.length > 0) page(context, renderFound(found.people, context));
  if (found.people.length === 0) context.err(`Nobody matches ${JSON.stringify(text.trim())} (by name, email or staff id).\n`);
  else if (found.more) context.err(`${found.people.length} shown, and more: narrow the search (or raise --limit).\n`);
  return found.people;
}

/** `remedi staff show P`: everything held about one person, their cohorts and their relationships. */
export async function runStaffShow(query: string, options: CommonOptions, context: Context): Promise<StaffShowJson> {
  const { db } = await openCommandDb(options, context, { create: false, readonly: true });
  let show: StaffShowJson;
  let names: Map<string, string>;
  try {
    const person = resolvePerson(db, query);
    const records = loadRelationships(db, { ids: relationshipIdsOf(db, person.staffId) });
    const sessions = sessionCounts(
      db,
      records.map((r) => r.id),
    );
    names = namesOf(db, [
      ...(person.lineManagerId === null ? [] : [person.lineManagerId]),
      ...records.flatMap((r) => [r.menteeId, ...r.mentors.map((m) => m.staffId)]),
    ]);
    const nameOf = (staffId: string) => names.get(staffId) ?? staffId;
    show = {
      person: staffJson(person),
      handSet: person.handSet ?? [],
      cohorts: enrolmentsOf(db, person.staffId),
      relationships: records.map((record) => ({ ...relationshipJson(record, nameOf, context.today), sessions: sessions.get(record.id) ?? 0 })),
    };
  } finally {
    db.close();
  }
  if (options.json) context.out(`${JSON.stringify(show, null, 2)}\n`);
  else context.out(renderStaffShow(show, (staffId) => names.get(staffId), context));
  return show;
}

export interface StaffTrainOptions extends CommonOptions {
  on?: string;
}

/**
 * `remedi staff train`: RACE training done after the roster was imported, set by hand so a
 * later import's blank cell keeps it (docs/programme-year.md, "Set by hand"). All or nothing.
 */
export async function runStaffTrain(queries: string[], options: StaffTrainOptions, context: Context): Promise<StaffJson[]> {
  const on = options.on ?? context.today;
  if (on > context.today) {
    throw new UserError(`${formatDate(on)} is in the future; record training once it has happened.`, { fix: 'Give the day they were trained with --on.' });
  }
  const { db } = await openCommandDb(options, context, { create: false });
  try {
    const trained = db
      .transaction(() => {
        const people = [...new Map(resolvePeople(db, queries, { what: 'Nobody was recorded' }).map((p) => [p.staffId, p])).values()];
        for (const person of people) {
          editStaff(
            db,
            person.staffId,
            { raceTrained: true, raceTrainedOn: on },
            mergeHandSet(person.handSet, ['raceTrained', 'raceTrainedOn']),
            context.today,
          );
        }
        const find = staffFinder(db);
        return people.map((p) => staffJson(find(p.staffId)!));
      })
      .immediate();
    if (options.json) context.out(`${JSON.stringify(trained, null, 2)}\n`);
    else context.out(`Recorded RACE training on ${formatDate(on)} for ${visible(trained.map((p) => `${p.name} (${p.staffId})`).join(', '))}.\n`);
    return trained;
  } finally {
    db.close();
  }
}
