/**
 * `remedi cohort enrol`: who takes part in a cohort, set by hand (docs/programme-year.md,
 * "Set by hand"). Every name is resolved and every change checked before anything is
 * written, in one transaction.
 */
import type { Context } from '../../cli/context.js';
import { enrolmentFile, planEnrolment, type EnrolmentRequest, type EnrolmentRow } from '../../domain/enrolment.js';
import { flaggedPeople, relationshipsHolding, type FlaggedPerson } from '../../domain/enrolmentRequests.js';
import { ENROLMENT_FIELDS, type EnrolmentField } from '../../domain/rosterColumns.js';
import type { StaffRecord } from '../../domain/staff.js';
import { UserError } from '../../errors.js';
import { parseMapOption, readRecords, type RecordTable } from '../../io/tableFile.js';
import { enrolByHand, enrolmentCounts, enrolmentsOf, type Cohort } from '../../store/cohorts.js';
import type { Db } from '../../store/db.js';
import { loadRelationships } from '../../store/relationships.js';
import { enrolmentJson, noRoleWarning, renderEnrolment, type EnrolmentJson } from '../../ui/enrolmentOutput.js';
import { formatProblem, importRefusal } from '../../ui/problems.js';
import { existingCohort } from '../shared/resolveCohort.js';
import { resolvePerson } from '../shared/resolvePerson.js';
import { printJson, writeDatabase } from '../shared/skeleton.js';
import type { EnrolOptions } from './command.js';

const FIND_PEOPLE = 'Find people with remedi staff find <part of a name, email or id>; people who have left the trust cannot be enrolled.';

export async function runCohortEnrol(number: number, options: EnrolOptions, context: Context): Promise<EnrolmentJson> {
  const flagged = flaggedPeople(number, options);
  const maps = parseMapOption(options.map ?? [], ENROLMENT_FIELDS);
  const file =
    options.from === undefined
      ? null
      : await readRecords(options.from, enrolmentFile(), { encoding: options.encoding, sheet: options.sheet, maps, headerRow: options.headerRow });
  if (file && file.problems.length > 0) throw importRefusal(file.source.name, file.problems);

  const json = await writeDatabase(options, context, (db) => {
    const cohort = existingCohort(db, number);
    const requests = resolveRequests(db, cohort, flagged, file);
    const held = relationshipsHolding(loadRelationships(db, { cohort: number }), context.today);
    const plan = planEnrolment(number, requests, enrolmentsOf(db, number), held);
    if (plan.problems.length > 0) {
      throw new UserError(
        `Nothing was enrolled in cohort ${number}: ${plan.problems.length === 1 ? 'one role cannot be set' : `${plan.problems.length} roles cannot be set`}.`,
        {
          details: plan.problems.map((p) => `  ${p}`),
          fix: 'End the relationship first (remedi pair end <id>), or leave their role as it is.',
        },
      );
    }
    enrolByHand(db, number, [...plan.enrolled, ...plan.changed, ...plan.rejoined]);
    const noRole = file ? file.rows.filter((row) => row.role === null).map((row) => ({ file: file.source.name, line: row.line, person: row.person })) : [];
    return enrolmentJson(number, plan, noRole, enrolmentCounts(db, number));
  });
  if (options.json) printJson(context, json);
  else context.out(renderEnrolment(json));
  const warning = noRoleWarning(json);
  if (warning) context.err(warning);
  return json;
}

/** Every flag and file row resolved to a person still on the staff list, or one refusal naming each that is not. */
function resolveRequests(
  db: Db,
  cohort: Cohort,
  flagged: readonly FlaggedPerson[],
  file: RecordTable<EnrolmentField, EnrolmentRow> | null,
): EnrolmentRequest[] {
  const requests: EnrolmentRequest[] = [];
  const problems: string[] = [];
  const resolve = (query: string, onProblem: (message: string) => void): StaffRecord | null => {
    try {
      return resolvePerson(db, query, { activeOnly: true });
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      onProblem(error.message);
      return null;
    }
  };
  for (const { query, role } of flagged) {
    const source = `--${role} ${JSON.stringify(query)}`;
    const person = resolve(query, (message) => problems.push(`${source}: ${message}`));
    if (person) requests.push({ staffId: person.staffId, name: person.name, role, source });
  }
  if (file) {
    const name = file.source.name;
    for (const row of file.rows) {
      if (row.role === null) continue;
      const person = resolve(row.person, (message) => problems.push(formatProblem(name, { line: row.line, column: row.column, value: null, message })));
      if (person) requests.push({ staffId: person.staffId, name: person.name, role: row.role, source: `${name}:${row.line}` });
    }
  }
  if (problems.length > 0) {
    throw new UserError(
      `Nothing was enrolled in cohort ${cohort.number}: ${problems.length === 1 ? '1 person' : `${problems.length} people`} could not be enrolled.`,
      { details: problems.map((p) => `  ${p}`), fix: FIND_PEOPLE },
    );
  }
  return requests;
}
