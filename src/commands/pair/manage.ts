/** `remedi pair add | end | list`: relationships made, ended and seen by hand. */
import { page } from '../../ui/pager.js';
import { UserError, UsageError } from '../../errors.js';
import { type Context } from '../../cli/context.js';
import { formatDate } from '../../domain/dates.js';
import { bestType, brokenRule, describeBrokenRule, DEFAULT_WEIGHTS, fitsSlot, scorePair, type Participant, type Slot } from '../../domain/pairingRules.js';
import { chooseStart, describeShortfall, endingRefusal, shortfall, shortfallFix, type Shortfall } from '../../domain/replacements.js';
import { toParticipant } from '../../matching/participants.js';
import { enrolmentsOf, enrolmentWriter } from '../../store/cohorts.js';
import { openCommandDb } from '../shared/openDb.js';
import { type Db } from '../../store/db.js';
import { targetedDepartments } from '../../store/departments.js';
import {
  endRelationship,
  insertRelationship,
  loadRelationships,
  pairsFromOtherCohorts,
  menteesAlreadyPaired,
  runningMentorLoad,
} from '../../store/relationships.js';
import { lastSessions } from '../../store/sessions.js';
import { managersOf, staffFinder } from '../../store/staff.js';
import { relationshipCsv, relationshipJson, renderRelationships, type RelationshipJson } from '../../ui/relationshipOutput.js';
import { visible } from '../../ui/terminalText.js';
import { describeCohort, resolveCohort } from '../shared/resolveCohort.js';
import { resolvePeople } from '../shared/resolvePerson.js';
import type { PairAddOptions, PairEndOptions, PairListOptions } from './command.js';


export async function runPairAdd(options: PairAddOptions, context: Context): Promise<RelationshipJson> {
  const mentorQueries = options.mentor ?? [];
  if (mentorQueries.length < 1 || mentorQueries.length > 2) {
    throw new UsageError('Give one --mentor for a pair, or two for a trio.', { fix: 'For example: remedi pair add --mentee 10000001 --mentor 10000052' });
  }
  if (mentorQueries.length === 2 && mentorQueries[0] === mentorQueries[1]) {
    throw new UsageError('The two mentors of a trio must be two different people.');
  }
  const { db } = await openCommandDb(options, context, { create: false });
  let short: Shortfall | null = null;
  try {
    const json = db
      .transaction(() => {
        const cohort = resolveCohort(db, options.cohort, context);
        // docs/programme-year.md, "Replacements": a pair made by hand mid-cohort starts today; otherwise with the cohort.
        const { start } = chooseStart(cohort, context.today, options.start);
        if (start > cohort.end) {
          throw new UserError(`The start date ${formatDate(start)} is after ${describeCohort(cohort)} ends.`, { fix: 'Give a --start within the cohort.' });
        }
        const [menteeRecord, ...mentorRecords] = resolvePeople(db, [options.mentee, ...mentorQueries], { activeOnly: true, what: 'Not paired' });
        if (mentorRecords.length === 2 && mentorRecords[0].staffId === mentorRecords[1].staffId) {
          throw new UsageError(`The two mentors of a trio must be two different people; both name ${mentorRecords[0].name} (${mentorRecords[0].staffId}).`);
        }
        const findStaff = staffFinder(db);
        const managerOf = managersOf(
          db,
          [menteeRecord, ...mentorRecords].map((r) => r.staffId),
        );
        const load = runningMentorLoad(db, context.today);
        const enrolments = enrolmentsOf(db, cohort.number);
        for (const record of [menteeRecord, ...mentorRecords]) {
          const withdrawnOn = enrolments.get(record.staffId)?.withdrawnOn;
          if (withdrawnOn) {
            throw new UserError(`Not paired: ${record.name} (${record.staffId}) withdrew from cohort ${cohort.number} on ${formatDate(withdrawnOn)}.`, {
              fix: `To take them back, enrol them again: remedi cohort enrol ${cohort.number} --${enrolments.get(record.staffId)!.role} ${record.staffId}`,
            });
          }
        }
        const mentee = toParticipant(menteeRecord, managerOf);
        const mentors = mentorRecords.map((record) => toParticipant(record, managerOf, load.get(record.staffId) ?? 0));

        if (menteesAlreadyPaired(db, cohort.number, context.today).has(mentee.staffId)) {
          throw new UserError(`${mentee.name} is already the mentee of a relationship in cohort ${cohort.number}.`, {
            fix: 'End it first with remedi pair end <id> (see remedi pair list).',
          });
        }

        const problems: string[] = [];
        const roles = new Map([...enrolments].map(([staffId, enrolment]) => [staffId, enrolment.role]));
        const roleProblem = (person: Participant, wanted: 'mentee' | 'mentor') => {
          const role = roles.get(person.staffId);
          if (role !== undefined && role !== 'either' && role !== wanted)
            problems.push(`${person.name} is enrolled in cohort ${cohort.number} as a ${role}, not a ${wanted}`);
        };
        roleProblem(mentee, 'mentee');
        const rules = { allowUntrained: false, allowRepeat: false, pairedBefore: pairsFromOtherCohorts(db, cohort.number) };
        for (const mentor of mentors) {
          roleProblem(mentor, 'mentor');
          const rule = brokenRule(mentee, mentor, rules);
          if (rule !== null) problems.push(describeBrokenRule(rule, mentee, mentor));
        }
        const slots = trioSlots(mentors);
        if (mentors.length === 2) {
          if (!mentee.boardMember) problems.push(`${mentee.name} is not an Executive Board member; only board members work in trios`);
          if (slots === null)
            problems.push(`a trio needs one BME mentor and one front-line mentor, and ${mentors[0].name} and ${mentors[1].name} cannot fill both`);
        }
        if (problems.length > 0 && !options.force) {
          throw new UserError(`Not paired: ${problems.join('; ')}.`, {
            fix: 'Choose another mentor, or add --force to record it anyway, marked as an override.',
          });
        }

        const targeted = targetedDepartments(db);
        const scored = mentors.map((mentor) => scorePair(mentee, mentor, DEFAULT_WEIGHTS, targeted));
        const enrol = enrolmentWriter(db, cohort.number);
        if (!roles.has(mentee.staffId)) enrol(mentee.staffId, 'mentee');
        for (const mentor of mentors) if (!roles.has(mentor.staffId)) enrol(mentor.staffId, 'mentor');
        const id = insertRelationship(
          db,
          {
            cohort: cohort.number,
            menteeId: mentee.staffId,
            mentors: mentors.map((mentor, k) => ({ staffId: mentor.staffId, slot: mentors.length === 2 ? (slots?.[k] ?? null) : null })),
            type: bestType(
              scored.map((s) => s.type),
              DEFAULT_WEIGHTS,
            ),
            score: scored.reduce((sum, s) => sum + s.score, 0),
            reasons: ['paired by hand', ...problems.map((p) => `override: ${p}`), ...scored.flatMap((s) => s.reasons)],
            start,
            override: problems.length > 0,
          },
          context.today,
        );
        short = shortfall(start, cohort);
        const [record] = loadRelationships(db, { ids: [id] });
        return relationshipJson(record, (staffId) => findStaff(staffId)?.name ?? staffId, context.today);
      })
      .immediate();
    if (options.json) context.out(`${JSON.stringify(json, null, 2)}\n`);
    else context.out(renderRelationships([json], context));
    context.err(`Saved relationship #${json.id}${json.override ? ' as an override of the rules' : ''}, starting ${formatDate(json.start)}.\n`);
    if (short) context.err(context.colour.err.yellow(`Warning: ${describeShortfall(short)}. To give it the time: ${shortfallFix(short)}\n`));
    return json;
  } finally {
    db.close();
  }
}

/** The trio slots for two mentors: BME for one, front line for the other (null when impossible). */
function trioSlots(mentors: Participant[]): [Slot, Slot] | null {
  if (mentors.length !== 2) return null;
  const [a, b] = mentors;
  if (fitsSlot(a, 'bme') && fitsSlot(b, 'frontline')) return ['bme', 'frontline'];
  if (fitsSlot(a, 'frontline') && fitsSlot(b, 'bme')) return ['frontline', 'bme'];
  return null;
}


export async function runPairEnd(id: number, options: PairEndOptions, context: Context): Promise<RelationshipJson> {
  const { db } = await openCommandDb(options, context, { create: false });
  try {
    const json = db
      .transaction(() => {
        const [record] = loadRelationships(db, { ids: [id] });
        if (!record) throw new UserError(`There is no relationship #${id}.`, { fix: 'See the relationships with remedi pair list.' });
        const on = options.on ?? context.today;
        // docs/programme-year.md, "Replacements": still running, a day it runs, not before its last session.
        const refusal = endingRefusal({ ...record, lastSession: lastSessions(db, [id]).get(id) ?? null }, on, context.today);
        if (refusal) throw new UserError(refusal.message, { fix: refusal.fix });
        endRelationship(db, id, on, options.reason?.trim() || null);
        const [ended] = loadRelationships(db, { ids: [id] });
        return relationshipJson(ended, nameLookup(db), context.today);
      })
      .immediate();
    if (options.json) context.out(`${JSON.stringify(json, null, 2)}\n`);
    else
      context.out(
        `Ended relationship #${json.id} (${visible(json.mentee.name)} with ${visible(json.mentors.map((m) => m.name).join(' and '))}) on ${formatDate(json.end)}.\n`,
      );
    return json;
  } finally {
    db.close();
  }
}


export async function runPairList(options: PairListOptions, context: Context): Promise<RelationshipJson[]> {
  if (options.json && options.csv) throw new UsageError('Choose one of --json and --csv.');
  const { db } = await openCommandDb(options, context, { create: false, readonly: true });
  try {
    if (options.cohort !== undefined) resolveCohort(db, options.cohort, context);
    const nameOf = nameLookup(db);
    const list = loadRelationships(db, { cohort: options.cohort }).map((record) => relationshipJson(record, nameOf, context.today));
    if (options.json) context.out(`${JSON.stringify(list, null, 2)}\n`);
    else if (options.csv) {
      const find = staffFinder(db);
      context.out(relationshipCsv(list, (staffId) => find(staffId) ?? null));
    } else if (list.length > 0) page(context, renderRelationships(list, context));
    if (list.length === 0 && !options.json) context.err('No relationships yet. Propose some with remedi pair, then save them with --save.\n');
    return list;
  } finally {
    db.close();
  }
}

function nameLookup(db: Db): (staffId: string) => string {
  const names = new Map(db.prepare('SELECT staff_id, name FROM staff').raw().all() as Array<[string, string]>);
  return (staffId) => names.get(staffId) ?? staffId;
}
