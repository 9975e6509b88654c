/**
 * Who is in a cohort, with which programme role (docs/programme-year.md, "Set by hand"):
 * reading an enrolment file's rows, and planning `remedi cohort enrol`. Pure.
 */
import { UserError, type RowProblem } from '../errors.js';
import type { IsoDate } from './dates.js';
import type { FieldColumns, InputFile } from './inputFile.js';
import { ENROLMENT_HEADERS, type EnrolmentField } from './rosterColumns.js';
import { PROGRAMME_ROLES, type ProgrammeRole } from './staff.js';

export const ROLE_EXPECTED = 'mentor, mentee or either (or blank to enrol nobody)';

/** A role cell as the roster reads it: any case, "both" meaning either; null when blank, undefined when unreadable. */
export function parseProgrammeRole(raw: string): ProgrammeRole | null | undefined {
  const lower = raw.trim().toLowerCase();
  if (lower === '') return null;
  if ((PROGRAMME_ROLES as readonly string[]).includes(lower)) return lower as ProgrammeRole;
  if (lower === 'both') return 'either';
  return undefined;
}

export interface EnrolmentRow {
  line: number;
  /** What names the person: a staff id, an email or a name, as written. */
  person: string;
  /** `column A (Employee Number)`, for messages. */
  column: string;
  /** Null: a blank role, which enrols nobody (as in the roster). */
  role: ProgrammeRole | null;
}

/** The person columns in the order they are trusted: an id or an email wins over a name. */
const PERSON_FIELDS: readonly EnrolmentField[] = ['staff_id', 'email', 'name'];
const PERSON_FIELD_WORDS: Record<string, string> = { staff_id: 'staff id', email: 'email', name: 'name' };

export function parseEnrolmentRecord(
  cells: readonly string[],
  line: number,
  columns: FieldColumns<EnrolmentField>,
): { row: EnrolmentRow | null; problems: RowProblem[] } {
  const label = (field: EnrolmentField): string | null => {
    const index = columns.indexOf[field];
    return index === undefined ? null : columns.labels[index];
  };
  const cell = (field: EnrolmentField): string => {
    const index = columns.indexOf[field];
    return index === undefined ? '' : (cells[index] ?? '').trim();
  };
  const personField = PERSON_FIELDS.find((field) => cell(field) !== '');
  const roleText = cell('role');
  const role = parseProgrammeRole(roleText);
  const problems: RowProblem[] = [];
  if (role === undefined) problems.push({ line, column: label('role'), value: roleText, message: `not a programme role; expected ${ROLE_EXPECTED}` });
  if (personField === undefined) {
    // A row with neither a person nor a role says nothing.
    if (roleText === '') return { row: null, problems };
    const present = PERSON_FIELDS.filter((field) => columns.indexOf[field] !== undefined);
    const blank = present.map((field) => PERSON_FIELD_WORDS[field]).join(' and ');
    const absent = PERSON_FIELDS.filter((field) => !present.includes(field)).map((field) => PERSON_FIELD_WORDS[field]);
    const hint =
      absent.length > 0
        ? ` (the file has no ${absent.join(' or ')} column remedi recognises; name one with --map "Header=${absent.includes('name') ? 'name' : 'email'}")`
        : '';
    problems.push({
      line,
      column: label(present[0]),
      value: '',
      message: `the ${blank} ${present.length > 1 ? 'are' : 'is'} blank, so the row names nobody${hint}`,
    });
  }
  if (problems.length > 0 || personField === undefined || role === undefined) return { row: null, problems };
  return { row: { line, person: cell(personField), column: label(personField)!, role }, problems };
}

/** An enrolment file (`remedi cohort enrol --from`), for the table reader: a person column, and a role column. */
export function enrolmentFile(): InputFile<EnrolmentField, EnrolmentRow> {
  return {
    ...ENROLMENT_HEADERS,
    what: 'enrolment list',
    empty: 'nobody in it',
    required: { fields: ['staff_id', 'email', 'name'], hint: 'person (looked for headers like staff_id, Employee Number, Email or Full Name)' },
    read: parseEnrolmentRecord,
    complete: ({ source, mapping }) => {
      if (mapping.indexOf.role === undefined) {
        throw new UserError(`${source.name} has no role column (looked for headers like Role or Programme Role).`, {
          fix: 'Nothing was written. Name the column with --map "Your Header=role", or give the people with --mentee, --mentor or --either.',
        });
      }
    },
  };
}

export interface EnrolmentRequest {
  staffId: string;
  name: string;
  role: ProgrammeRole;
  /** Where it was asked for: `--mentee "Chidi Eze"` or `people.csv:4`. */
  source: string;
}

export interface CurrentEnrolment {
  role: ProgrammeRole;
  withdrawnOn: IsoDate | null;
}

export interface PersonRole {
  staffId: string;
  name: string;
  role: ProgrammeRole;
}

export interface EnrolmentPlan {
  enrolled: PersonRole[];
  changed: Array<PersonRole & { from: ProgrammeRole }>;
  /** Withdrawn before, enrolled again (perhaps with another role). */
  rejoined: Array<PersonRole & { withdrawnOn: IsoDate; from: ProgrammeRole }>;
  unchanged: PersonRole[];
  /** Why nothing may be written; empty when the plan can be applied. */
  problems: string[];
}

/**
 * What enrolling these people does: new people are enrolled, a withdrawn person is
 * enrolled again, another role replaces the old one unless they are already in a
 * relationship of the cohort. `relationshipsOf` gives, for each person, the cohort's
 * running relationships they are in ("#4 (mentor)").
 */
export function planEnrolment(
  cohort: number,
  requests: readonly EnrolmentRequest[],
  current: ReadonlyMap<string, CurrentEnrolment>,
  relationshipsOf: ReadonlyMap<string, readonly string[]>,
): EnrolmentPlan {
  const plan: EnrolmentPlan = { enrolled: [], changed: [], rejoined: [], unchanged: [], problems: [] };
  const byPerson = new Map<string, EnrolmentRequest[]>();
  for (const request of requests) byPerson.set(request.staffId, [...(byPerson.get(request.staffId) ?? []), request]);

  for (const [staffId, asked] of byPerson) {
    const { name, role } = asked[0];
    const roles = new Set(asked.map((r) => r.role));
    if (roles.size > 1) {
      plan.problems.push(`${name} (${staffId}) is given ${roles.size} roles: ${asked.map((r) => `${r.role} (${r.source})`).join(', ')}; give one.`);
      continue;
    }
    const person: PersonRole = { staffId, name, role };
    const before = current.get(staffId);
    if (before === undefined) {
      plan.enrolled.push(person);
      continue;
    }
    const held = relationshipsOf.get(staffId) ?? [];
    if (before.role !== role && held.length > 0) {
      plan.problems.push(
        `${name} (${staffId}) is enrolled in cohort ${cohort} as ${article(before.role)} and is in running relationship ${held.join(', ')}, ` +
          `so cannot become ${article(role)}.`,
      );
      continue;
    }
    if (before.withdrawnOn !== null) plan.rejoined.push({ ...person, withdrawnOn: before.withdrawnOn, from: before.role });
    else if (before.role !== role) plan.changed.push({ ...person, from: before.role });
    else plan.unchanged.push(person);
  }
  return plan;
}

const article = (role: ProgrammeRole): string => (role === 'either' ? '"either"' : `a ${role}`);
