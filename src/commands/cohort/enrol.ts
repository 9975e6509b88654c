/**
 * `remedi cohort enrol | withdraw`: who takes part in a cohort, set by hand
 * (docs/programme-year.md, "Set by hand"). Every name is resolved and every change
 * checked before anything is written, in one transaction.
 */
import { UserError, UsageError } from '../../errors.js';
import { type Context } from '../../cli/context.js';
import { formatDate, type IsoDate } from '../../domain/dates.js';
import { planEnrolment, type EnrolmentRequest } from '../../domain/enrolment.js';
import { holdsPeopleOn } from '../../domain/relationshipLife.js';
import { endingRefusal } from '../../domain/replacements.js';
import { ENROLMENT_FIELDS } from '../../domain/rosterColumns.js';
import type { ProgrammeRole, StaffRecord } from '../../domain/staff.js';
import { readEnrolmentFile, type EnrolmentFile } from '../../io/enrolmentFile.js';
import { parseMapOption } from '../../io/tableFile.js';
import { enrolByHand, enrolmentCounts, enrolmentsOf, getCohort, withdrawEnrolments, type Cohort } from '../../store/cohorts.js';
import type { Db } from '../../store/db.js';
import { endRelationship, loadRelationships, type RelationshipRecord } from '../../store/relationships.js';
import { lastSessions } from '../../store/sessions.js';
import { staffFinder } from '../../store/staff.js';
import { enrolmentJson, renderEnrolment, renderWithdrawal, type EnrolmentJson, type WithdrawalJson } from '../../ui/enrolmentOutput.js';
import { formatProblem, importRefusal } from '../../ui/problems.js';
import { openCommandDb } from '../shared/openDb.js';
import { resolvePeople, resolvePerson } from '../shared/resolvePerson.js';
import type { EnrolOptions, WithdrawOptions } from './command.js';


const FIND_PEOPLE = 'Find people with remedi staff find <part of a name, email or id>; people who have left the trust cannot be enrolled.';

export async function runCohortEnrol(number: number, options: EnrolOptions, context: Context): Promise<EnrolmentJson> {
  const flagged: Array<{ query: string; role: ProgrammeRole }> = [
    ...(options.mentee ?? []).map((query) => ({ query, role: 'mentee' as const })),
    ...(options.mentor ?? []).map((query) => ({ query, role: 'mentor' as const })),
    ...(options.either ?? []).map((query) => ({ query, role: 'either' as const })),
  ];
  if (options.map !== undefined && options.from === undefined) throw new UsageError('--map applies to the --from file; give --from FILE too.');
  if (flagged.length === 0 && options.from === undefined) {
    throw new UsageError('Say who to enrol: --mentee, --mentor or --either (each repeatable), or --from FILE.', {
      fix: `For example: remedi cohort enrol ${number} --mentee "Margaret Ellison" --mentor 10000065`,
    });
  }
  const maps = parseMapOption(options.map ?? [], ENROLMENT_FIELDS);
  const file =
    options.from === undefined
      ? null
      : await readEnrolmentFile(options.from, { encoding: options.encoding, sheet: options.sheet, maps, headerRow: options.headerRow });
  if (file && file.problems.length > 0) throw importRefusal(file.source.name, file.problems);

  const { db } = await openCommandDb(options, context, { create: false });
  try {
    const json = db
      .transaction(() => {
        const cohort = existingCohort(db, number);
        const requests = resolveRequests(db, cohort, flagged, file);
        const relationshipsOf = new Map<string, string[]>();
        // Only a relationship still running holds someone to their role; once ended, it is history.
        for (const rel of loadRelationships(db, { cohort: number }).filter((r) => holdsPeopleOn(r, context.today))) {
          const add = (staffId: string, as: string) => relationshipsOf.set(staffId, [...(relationshipsOf.get(staffId) ?? []), `#${rel.id} (${as})`]);
          add(rel.menteeId, 'mentee');
          for (const mentor of rel.mentors) add(mentor.staffId, 'mentor');
        }
        const plan = planEnrolment(number, requests, enrolmentsOf(db, number), relationshipsOf);
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
      })
      .immediate();
    if (options.json) context.out(`${JSON.stringify(json, null, 2)}\n`);
    else context.out(renderEnrolment(json));
    if (json.noRole.length > 0) {
      const where = json.noRole.map((row) => `${row.file}:${row.line}`).join(', ');
      context.err(`${json.noRole.length === 1 ? '1 row has' : `${json.noRole.length} rows have`} a blank role and enrolled nobody: ${where}.\n`);
    }
    return json;
  } finally {
    db.close();
  }
}

function existingCohort(db: Db, number: number): Cohort {
  const cohort = getCohort(db, number);
  if (!cohort) throw new UserError(`Cohort ${number} does not exist.`, { fix: 'See the cohorts with remedi cohort list.' });
  return cohort;
}

/** Every flag and file row resolved to a person still on the staff list, or one refusal naming each that is not. */
function resolveRequests(
  db: Db,
  cohort: Cohort,
  flagged: ReadonlyArray<{ query: string; role: ProgrammeRole }>,
  file: EnrolmentFile | null,
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
      {
        details: problems.map((p) => `  ${p}`),
        fix: FIND_PEOPLE,
      },
    );
  }
  return requests;
}


export async function runCohortWithdraw(number: number, queries: string[], options: WithdrawOptions, context: Context): Promise<WithdrawalJson> {
  const on = options.on ?? context.today;
  if (on > context.today) {
    throw new UserError(`--on ${formatDate(on)} is after today (${formatDate(context.today)}).`, {
      fix: 'Record a withdrawal on the day it happens, or give the day it happened with --on.',
    });
  }
  const reason = options.reason?.trim() || null;
  const { db } = await openCommandDb(options, context, { create: false });
  try {
    const json = db
      .transaction(() => {
        existingCohort(db, number);
        const people = [...new Map(resolvePeople(db, queries, { what: 'Nothing was withdrawn' }).map((p) => [p.staffId, p])).values()];
        const enrolments = enrolmentsOf(db, number);
        const notEnrolled = people.filter((p) => !enrolments.has(p.staffId));
        if (notEnrolled.length > 0) {
          throw new UserError(
            `Nothing was withdrawn: ${notEnrolled.map((p) => `${p.name} (${p.staffId})`).join(', ')} ${notEnrolled.length === 1 ? 'is' : 'are'} not enrolled in cohort ${number}.`,
            {
              fix: `See who is with remedi staff list --cohort ${number}.`,
            },
          );
        }
        const leaving = people.filter((p) => enrolments.get(p.staffId)!.withdrawnOn === null);
        const ids = new Set(leaving.map((p) => p.staffId));
        const running = loadRelationships(db, { cohort: number }).filter(
          (rel) => holdsPeopleOn(rel, context.today) && [rel.menteeId, ...rel.mentors.map((m) => m.staffId)].some((id) => ids.has(id)),
        );
        const nameOf = names(db);
        checkRunning(db, running, ids, on, options.endRelationships === true, nameOf, context.today);

        withdrawEnrolments(db, number, [...ids], on, reason);
        for (const rel of running) {
          const who = leaving.filter((p) => involves(rel, p.staffId)).map((p) => p.name);
          endRelationship(db, rel.id, on, reason ?? `${who.join(' and ')} withdrew from cohort ${number}`);
        }
        const result: WithdrawalJson = {
          cohort: number,
          on,
          reason,
          withdrawn: leaving.map((p) => ({ staffId: p.staffId, name: p.name, role: enrolments.get(p.staffId)!.role })),
          alreadyWithdrawn: people
            .filter((p) => !ids.has(p.staffId))
            .map((p) => {
              const enrolment = enrolments.get(p.staffId)!;
              return { staffId: p.staffId, name: p.name, role: enrolment.role, withdrawnOn: enrolment.withdrawnOn! };
            }),
          endedRelationships: running.map((rel) => ({ id: rel.id, mentee: nameOf(rel.menteeId), mentors: rel.mentors.map((m) => nameOf(m.staffId)) })),
        };
        return result;
      })
      .immediate();
    if (options.json) context.out(`${JSON.stringify(json, null, 2)}\n`);
    else context.out(renderWithdrawal(json));
    return json;
  } finally {
    db.close();
  }
}

const involves = (rel: RelationshipRecord, staffId: string): boolean => rel.menteeId === staffId || rel.mentors.some((m) => m.staffId === staffId);

/**
 * Someone still in a running relationship cannot simply withdraw: refused, naming it,
 * unless --end-relationships, when each must pass the checks of `pair end`.
 */
function checkRunning(
  db: Db,
  running: readonly RelationshipRecord[],
  leaving: ReadonlySet<string>,
  on: IsoDate,
  endThem: boolean,
  nameOf: (staffId: string) => string,
  today: IsoDate,
): void {
  if (running.length === 0) return;
  if (!endThem) {
    const lines = running.map((rel) => {
      const who = [rel.menteeId, ...rel.mentors.map((m) => m.staffId)]
        .filter((id) => leaving.has(id))
        .map(nameOf)
        .join(' and ');
      return `  ${who}: relationship #${rel.id} (${nameOf(rel.menteeId)} with ${rel.mentors.map((m) => nameOf(m.staffId)).join(' and ')}) is still running`;
    });
    throw new UserError(
      `Nothing was withdrawn: ${running.length === 1 ? 'a relationship' : `${running.length} relationships`} of theirs ${running.length === 1 ? 'is' : 'are'} still running.`,
      {
        details: lines,
        fix: `End ${running.length === 1 ? 'it' : 'them'} first with remedi pair end <id>, or add --end-relationships to end ${running.length === 1 ? 'it' : 'them'} on ${formatDate(on)}.`,
      },
    );
  }
  const last = lastSessions(
    db,
    running.map((rel) => rel.id),
  );
  const refusals = running.flatMap((rel) => {
    const refusal = endingRefusal({ ...rel, lastSession: last.get(rel.id) ?? null }, on, today);
    return refusal ? [refusal] : [];
  });
  if (refusals.length > 0) {
    throw new UserError(
      `Nothing was withdrawn: ${refusals.length === 1 ? 'a relationship' : `${refusals.length} relationships`} cannot end on ${formatDate(on)}.`,
      {
        details: refusals.map((r) => `  ${r.message}`),
        fix: refusals.length === 1 ? refusals[0].fix : 'Give another --on date, or end each relationship with remedi pair end <id> first.',
      },
    );
  }
}

function names(db: Db): (staffId: string) => string {
  const find = staffFinder(db);
  return (staffId) => find(staffId)?.name ?? staffId;
}
