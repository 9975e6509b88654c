/** `remedi pair add`: record a pair (or trio) made by hand; domain/manualPairing.ts decides whether it may be, and what to write. */
import type { Context } from '../../cli/context.js';
import { formatDate } from '../../domain/dates.js';
import { planManualPairing } from '../../domain/manualPairing.js';
import { DEFAULT_WEIGHTS } from '../../domain/pairingRules.js';
import { chooseStart, describeShortfall, shortfall, shortfallFix, type Shortfall } from '../../domain/replacements.js';
import { UsageError, UserError } from '../../errors.js';
import { toParticipant } from '../../matching/participants.js';
import { enrolmentsOf, enrolmentWriter } from '../../store/cohorts.js';
import { targetedDepartments } from '../../store/departments.js';
import { insertRelationship, loadRelationships, menteesAlreadyPaired, pairsFromOtherCohorts, runningMentorLoad } from '../../store/relationships.js';
import { managersOf, staffFinder } from '../../store/staff.js';
import { relationshipJson, renderRelationships, type RelationshipJson } from '../../ui/relationshipOutput.js';
import { describeCohort, resolveCohort } from '../shared/resolveCohort.js';
import { resolvePeople } from '../shared/resolvePerson.js';
import { printJson, writeDatabase } from '../shared/skeleton.js';
import type { PairAddOptions } from './command.js';

export async function runPairAdd(options: PairAddOptions, context: Context): Promise<RelationshipJson> {
  const mentorQueries = options.mentor ?? [];
  if (mentorQueries.length < 1 || mentorQueries.length > 2) {
    throw new UsageError('Give one --mentor for a pair, or two for a trio.', { fix: 'For example: remedi pair add --mentee 10000001 --mentor 10000052' });
  }
  if (mentorQueries.length === 2 && mentorQueries[0] === mentorQueries[1]) {
    throw new UsageError('The two mentors of a trio must be two different people.');
  }
  let short: Shortfall | null = null;
  const json = await writeDatabase(options, context, (db) => {
    const cohort = resolveCohort(db, options.cohort, context);
    // docs/programme-year.md, "Replacements": a pair made by hand mid-cohort starts today; otherwise with the cohort.
    const { start } = chooseStart(cohort, context.today, options.start);
    if (start > cohort.end) {
      throw new UserError(`The start date ${formatDate(start)} is after ${describeCohort(cohort)} ends.`, { fix: 'Give a --start within the cohort.' });
    }
    const [menteeRecord, ...mentorRecords] = resolvePeople(db, [options.mentee, ...mentorQueries], { activeOnly: true, what: 'Not paired' });
    const managerOf = managersOf(
      db,
      [menteeRecord, ...mentorRecords].map((r) => r.staffId),
    );
    const load = runningMentorLoad(db, context.today);
    const mentee = toParticipant(menteeRecord, managerOf);
    const plan = planManualPairing({
      cohort: cohort.number,
      mentee,
      mentors: mentorRecords.map((record) => toParticipant(record, managerOf, load.get(record.staffId) ?? 0)),
      enrolments: enrolmentsOf(db, cohort.number),
      menteeAlreadyPaired: menteesAlreadyPaired(db, cohort.number, context.today).has(mentee.staffId),
      rules: { allowUntrained: false, allowRepeat: false, pairedBefore: pairsFromOtherCohorts(db, cohort.number) },
      weights: DEFAULT_WEIGHTS,
      targeted: targetedDepartments(db),
      force: options.force === true,
    });
    if (plan.outcome === 'refused') throw plan.usage ? new UsageError(plan.message, { fix: plan.fix }) : new UserError(plan.message, { fix: plan.fix });

    const enrol = enrolmentWriter(db, cohort.number);
    for (const { staffId, role } of plan.enrol) enrol(staffId, role);
    const id = insertRelationship(db, { cohort: cohort.number, menteeId: mentee.staffId, start, ...plan.relationship }, context.today);
    short = shortfall(start, cohort);
    const findStaff = staffFinder(db);
    const [record] = loadRelationships(db, { ids: [id] });
    return relationshipJson(record, (staffId) => findStaff(staffId)?.name ?? staffId, context.today);
  });
  if (options.json) printJson(context, json);
  else context.out(renderRelationships([json], context));
  context.err(`Saved relationship #${json.id}${json.override ? ' as an override of the rules' : ''}, starting ${formatDate(json.start)}.\n`);
  if (short) context.err(context.colour.err.yellow(`Warning: ${describeShortfall(short)}. To give it the time: ${shortfallFix(short)}\n`));
  return json;
}
