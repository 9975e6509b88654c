/**
 * `remedi pair`: propose the optimal pairs (and trios) for a cohort, explain them,
 * and with --save record them. Without --save nothing is written.
 */
import { progress, working } from '../../ui/progress.js';
import type { Context } from '../../cli/context.js';
import { formatDate, type IsoDate } from '../../domain/dates.js';
import { parseWeights, type Weights } from '../../domain/pairingRules.js';
import { chooseStart, describeShortfall, shortfall, shortfallFix, type Shortfall } from '../../domain/replacements.js';
import { UserError } from '../../errors.js';
import type { Proposal } from '../../domain/proposal.js';
import { CohortTooLargeError, proposePairings } from '../../matching/pairing.js';
import { selectParticipants, type CharacteristicsOf } from '../../matching/participants.js';
import { characteristicsOf } from '../../domain/characteristics.js';
import type { StaffRecord } from '../../domain/staff.js';
import { enabledCharacteristics, storedCharacteristics } from '../../store/characteristics.js';
import { enrolmentsOf, type Cohort } from '../../store/cohorts.js';
import type { Db } from '../../store/db.js';
import { targetedDepartments } from '../../store/departments.js';
import {
  deleteRelationships,
  insertRelationship,
  loadRelationships,
  menteesAlreadyPaired,
  pairsFromOtherCohorts,
  replaceableRelationships,
  runningMentorLoad,
} from '../../store/relationships.js';
import { listStaff, managersOf } from '../../store/staff.js';
import { PROPOSAL_CSV_HEADER, proposalCsvRows, proposalJson, renderProposal, type ProposalJson } from '../../ui/pairingOutput.js';
import { resolveCohort } from '../shared/resolveCohort.js';
import { commitOrDryRun, printCsv, printJson, refuseJsonAndCsv, withDatabase } from '../shared/skeleton.js';
import type { PairOptions } from './command.js';
import { readWeightsJson, weightsOf } from './weights.js';

export async function runPair(options: PairOptions, context: Context): Promise<ProposalJson> {
  refuseJsonAndCsv(options);
  // The file is read before the database is opened; its characteristics' keys are checked against the enabled ones inside.
  const weightsFile = options.weights === undefined ? null : { path: options.weights, json: readWeightsJson(options.weights) };
  const { cohort, start, reason, short, saved, proposal, json } = await withDatabase(options, context, { create: false }, (db) => {
    const weights =
      weightsFile === null
        ? parseWeights({}).weights
        : weightsOf(
            weightsFile.json,
            weightsFile.path,
            enabledCharacteristics(db).map((c) => c.name),
          );
    const cohort = resolveCohort(db, options.cohort, context);
    if (cohort.end < context.today) {
      context.err(context.colour.err.yellow(`Note: cohort ${cohort.number} ended on ${formatDate(cohort.end)}; relationships saved now are already over.\n`));
    }
    const { start, reason } = chooseStart(cohort, context.today, options.start);
    if (start > cohort.end) {
      throw new UserError(`The start date ${formatDate(start)} is after cohort ${cohort.number} ends (${formatDate(cohort.end)}).`, {
        fix: 'Give a --start within the cohort, or change the cohort with remedi cohort edit.',
      });
    }
    // One transaction either way: committed with --save, rolled back without, so a
    // proposal with --replace shows exactly what saving it would do.
    return commitOrDryRun(db, !options.save, () => {
      const removed = options.replace ? replaceableRelationships(db, cohort.number, context.today) : [];
      deleteRelationships(db, removed);
      const planned = plan(db, cohort, weights, options, context);
      const proposal = planned.proposal;
      const short = proposal.relationships.length === 0 ? null : shortfall(start, cohort);
      const notes = proposalNotes({ cohort, start, reason, short, removed: removed.length, save: options.save === true, participantNotes: planned.notes });
      const saved = loadRelationships(db, { cohort: cohort.number }).length;
      const ids = options.save
        ? proposal.relationships.map((rel) =>
            insertRelationship(
              db,
              {
                cohort: cohort.number,
                menteeId: rel.mentee.staffId,
                mentors: rel.mentors.map((m) => ({ staffId: m.mentor.staffId, slot: m.slot })),
                type: rel.type,
                score: rel.score,
                reasons: rel.reasons,
                start,
                override: false,
              },
              context.today,
            ),
          )
        : null;
      const json = proposalJson(cohort.number, weights, proposal, notes, { ids, start, tooShort: short !== null });
      return { cohort, start, reason, short, saved, proposal, json };
    });
  });

  const savedList = `remedi pair list --cohort ${cohort.number} --csv`;
  if (options.json) printJson(context, json);
  else if (options.csv && json.relationships.length === 0 && saved > 0) {
    // A bare header would look like an empty programme: say where the saved pairs are.
    context.err(
      json.totals.mentees === 0
        ? `Every participant is already paired: the saved relationships are in ${savedList}\n`
        : `No new pairs can be proposed (remedi pair --cohort ${cohort.number} says why): the saved relationships are in ${savedList}\n`,
    );
  } else if (options.csv)
    printCsv(
      context,
      PROPOSAL_CSV_HEADER,
      proposalCsvRows(proposal, { ids: json.relationships.some((r) => r.id !== null) ? json.relationships.map((r) => r.id!) : null, start }),
    );
  else context.out(renderProposal(json, proposal, context.colour.out, context.width));
  const starting = reason === 'today' ? `starting today (${formatDate(start)})` : `starting ${formatDate(start)}`;
  if (options.save) {
    const count = json.relationships.length;
    context.err(
      count === 0
        ? `Nothing was saved: no relationship could be proposed in cohort ${cohort.number} (the reasons are above).\n`
        : `Saved ${count} ${count === 1 ? 'relationship' : 'relationships'} in cohort ${cohort.number}, ${starting}. See them with remedi pair list.\n`,
    );
    // The text proposal above already ends with this in its notes; JSON and CSV hold it out of sight.
    if (short && count > 0 && (options.json || options.csv)) {
      context.err(
        context.colour.err.yellow(
          `Warning: ${describeShortfall(short, count === 1 ? 'it' : 'they')}. To give ${count === 1 ? 'it' : 'them'} the time: ${shortfallFix(short)}\n`,
        ),
      );
    }
  } else if (json.relationships.length > 0) {
    context.err(`Nothing was saved. Add --save to record these relationships, ${starting}.\n`);
  }
  return json;
}

/** The notes under a proposal, in the order they are shown. */
function proposalNotes(given: {
  cohort: Cohort;
  start: IsoDate;
  reason: ReturnType<typeof chooseStart>['reason'];
  short: Shortfall | null;
  removed: number;
  save: boolean;
  participantNotes: readonly string[];
}): string[] {
  const { cohort, start, short } = given;
  const notes: string[] = [];
  if (given.removed > 0)
    notes.push(`--replace ${given.save ? 'removed' : 'would remove'} ${given.removed} relationships with no sessions yet; their people were proposed afresh.`);
  // docs/programme-year.md, "Replacements": mid-cohort they start the day they are made.
  if (given.reason === 'today' && start !== cohort.start) {
    notes.push(
      `Cohort ${cohort.number} is running, so new relationships start today, ${formatDate(start)}, not on its start (${formatDate(cohort.start)}); give --start to choose the day.`,
    );
  }
  notes.push(...given.participantNotes);
  if (short) notes.push(`${capitalise(describeShortfall(short, 'they'))}. To give them the time, make the cohort longer: ${shortfallFix(short)}`);
  return notes;
}

/** People in a cohort from which `pair` says it is working. */
const LARGE_COHORT = 2000;

function plan(db: Db, cohort: Cohort, weights: Weights, options: PairOptions, context: Context): { proposal: Proposal; notes: string[] } {
  const enrolled = listStaff(db, cohort.number).map((record) => ({ record, role: record.role! }));
  const managerOf = managersOf(
    db,
    enrolled.map(({ record }) => record.staffId),
  );
  const participants = selectParticipants(
    enrolled,
    managerOf,
    runningMentorLoad(db, context.today),
    menteesAlreadyPaired(db, cohort.number, context.today),
    valuesForPairing(db, enrolled, weights),
  );
  if (participants.mentees.length === 0 && participants.mentors.length === 0 && enrolled.length === 0) {
    throw new UserError(`Nobody is enrolled in cohort ${cohort.number}.`, {
      fix: `Enrol people with remedi cohort enrol ${cohort.number} --mentee P --mentor P (or --from FILE), or import a roster with a role column: remedi import roster.csv --cohort ${cohort.number}`,
    });
  }
  const withdrawn = [...enrolmentsOf(db, cohort.number).values()].filter((e) => e.withdrawnOn !== null).length;
  if (withdrawn > 0)
    participants.notes.push(
      `${withdrawn} ${withdrawn === 1 ? 'person has' : 'people have'} withdrawn from the cohort and ${withdrawn === 1 ? 'is' : 'are'} not offered for pairing.`,
    );
  // A large cohort takes a while to solve: say so on a terminal (wiped once done); the solver's count replaces it.
  const large = participants.mentees.length + participants.mentors.length >= LARGE_COHORT;
  const quiet = options.json === true || options.csv === true;
  const busy = large
    ? working(
        context,
        `Finding the best pairs for ${participants.mentees.length.toLocaleString('en-GB')} mentees and ${participants.mentors.length.toLocaleString('en-GB')} mentors...`,
        { json: quiet },
      )
    : null;
  const onProgress = progress(context, { what: 'Pairing', unit: 'places', json: quiet, every: 1 });
  let proposal: Proposal;
  try {
    proposal = proposePairings({
      mentees: participants.mentees,
      mentors: participants.mentors,
      weights,
      trios: options.trios === true,
      targeted: targetedDepartments(db),
      leftOut: participants.leftOut,
      onProgress,
      rules: {
        allowUntrained: options.allowUntrained === true,
        allowRepeat: options.allowRepeat === true,
        pairedBefore: pairsFromOtherCohorts(db, cohort.number),
      },
    });
  } catch (error) {
    if (error instanceof CohortTooLargeError) throw tooLargeToPair(cohort, error, options.trios === true);
    throw error;
  } finally {
    onProgress.end();
    busy?.end();
  }
  return { proposal, notes: participants.notes };
}

/**
 * Each person's values of the characteristics this run gives points, and of no other: a run
 * without lived experience weights reads none (docs/characteristics.md, "Lived experience pairs").
 */
function valuesForPairing(db: Db, enrolled: ReadonlyArray<{ record: StaffRecord }>, weights: Weights): CharacteristicsOf | undefined {
  if (weights.lived.length === 0) return undefined;
  const stored = storedCharacteristics(
    db,
    enrolled.map(({ record }) => record.staffId),
  );
  return (staffId) => characteristicsOf(weights.lived, stored.get(staffId));
}

/**
 * The solver's scores are exact whole numbers only below 2^52 (matching/pairing.ts); they grow
 * with the cohort's size, the weights and, above all, the number of trios.
 */
function tooLargeToPair(cohort: Cohort, error: CohortTooLargeError, trios: boolean): UserError {
  const number = (n: number) => n.toLocaleString('en-GB');
  return new UserError(
    `Cohort ${cohort.number} is too large to pair exactly in one go (${number(error.slots)} mentee places and ${number(error.places)} mentor places).`,
    {
      fix: trios
        ? 'Propose it without --trios, or with smaller weights (--weights), or split it into smaller cohorts.'
        : 'Propose it with smaller weights (--weights), or split it into smaller cohorts.',
    },
  );
}

const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
