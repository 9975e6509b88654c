/**
 * `remedi pair`: propose the optimal pairs (and trios) for a cohort, explain them,
 * and with --save record them. Without --save nothing is written.
 */
import { working } from '../../ui/progress.js';
import { closeSync, constants as fsConstants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { UserError, UsageError } from '../../errors.js';
import { type Context } from '../../cli/context.js';
import { formatDate } from '../../domain/dates.js';
import { chooseStart, describeShortfall, shortfall, shortfallFix, type Shortfall } from '../../domain/replacements.js';
import { parseWeights, type Weights } from '../../domain/pairingRules.js';
import { proposePairings, type Proposal } from '../../matching/pairing.js';
import { selectParticipants } from '../../matching/participants.js';
import { openCommandDb } from '../shared/openDb.js';
import { type Db } from '../../store/db.js';
import { targetedDepartments } from '../../store/departments.js';
import {
  deleteRelationships,
  insertRelationship,
  loadRelationships,
  pairsFromOtherCohorts,
  replaceableRelationships,
  menteesAlreadyPaired,
  runningMentorLoad,
} from '../../store/relationships.js';
import { listStaff, managersOf } from '../../store/staff.js';
import { enrolmentsOf, type Cohort } from '../../store/cohorts.js';
import { proposalCsv, proposalJson, renderProposal, type ProposalJson } from '../../ui/pairingOutput.js';
import { resolveCohort } from '../shared/resolveCohort.js';
import type { PairOptions } from './command.js';

export async function runPair(options: PairOptions, context: Context): Promise<ProposalJson> {
  if (options.json && options.csv) throw new UsageError('Choose one of --json and --csv.');
  const weights = options.weights === undefined ? parseWeights({}).weights : readWeights(options.weights);
  const opened = await openCommandDb(options, context, { create: false });
  const { db } = opened;
  try {
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
    db.exec(options.save ? 'BEGIN IMMEDIATE' : 'BEGIN');
    let json: ProposalJson;
    let proposal: Proposal;
    let short: Shortfall | null = null;
    let saved = 0;
    try {
      const removed = options.replace ? replaceableRelationships(db, cohort.number, context.today) : [];
      deleteRelationships(db, removed);
      const planned = plan(db, cohort, weights, options, context);
      proposal = planned.proposal;
      const notes: string[] = [];
      if (removed.length > 0)
        notes.push(
          `--replace ${options.save ? 'removed' : 'would remove'} ${removed.length} relationships with no sessions yet; their people were proposed afresh.`,
        );
      // docs/programme-year.md, "Replacements": mid-cohort they start the day they are made.
      if (reason === 'today' && start !== cohort.start) {
        notes.push(
          `Cohort ${cohort.number} is running, so new relationships start today, ${formatDate(start)}, not on its start (${formatDate(cohort.start)}); give --start to choose the day.`,
        );
      }
      notes.push(...planned.notes);
      short = proposal.relationships.length === 0 ? null : shortfall(start, cohort);
      if (short) notes.push(`${capitalise(describeShortfall(short, 'they'))}. To give them the time, make the cohort longer: ${shortfallFix(short)}`);
      saved = loadRelationships(db, { cohort: cohort.number }).length;
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
      json = proposalJson(cohort.number, weights, proposal, notes, { ids, start, tooShort: short !== null });
      db.exec(options.save ? 'COMMIT' : 'ROLLBACK');
    } catch (error) {
      if (db.inTransaction) db.exec('ROLLBACK');
      throw error;
    }

    const savedList = `remedi pair list --cohort ${cohort.number} --csv`;
    if (options.json) context.out(`${JSON.stringify(json, null, 2)}\n`);
    else if (options.csv && json.relationships.length === 0 && saved > 0) {
      // A bare header would look like an empty programme: say where the saved pairs are.
      context.err(
        json.totals.mentees === 0
          ? `Every participant is already paired: the saved relationships are in ${savedList}\n`
          : `No new pairs can be proposed (remedi pair --cohort ${cohort.number} says why): the saved relationships are in ${savedList}\n`,
      );
    } else if (options.csv)
      context.out(proposalCsv(proposal, { ids: json.relationships.some((r) => r.id !== null) ? json.relationships.map((r) => r.id!) : null, start }));
    else context.out(renderProposal(json, proposal, context.colour.out));
    const starting = reason === 'today' ? `starting today (${formatDate(start)})` : `starting ${formatDate(start)}`;
    if (options.save) {
      const count = json.relationships.length;
      context.err(
        `Saved ${count} ${count === 1 ? 'relationship' : 'relationships'} in cohort ${cohort.number}, ${starting}. See them with remedi pair list.\n`,
      );
      if (short && count > 0) {
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
  } finally {
    db.close();
  }
}

/** People in a cohort from which `pair` says it is working. */
const LARGE_COHORT = 2000;

function plan(db: Db, cohort: Cohort, weights: Weights, options: PairOptions, context: Context): { proposal: Proposal; notes: string[] } {
  const enrolled = listStaff(db, cohort.number).map((record) => ({ record, role: record.role! }));
  const managerOf = managersOf(
    db,
    enrolled.map(({ record }) => record.staffId),
  );
  const participants = selectParticipants(enrolled, managerOf, runningMentorLoad(db, context.today), menteesAlreadyPaired(db, cohort.number, context.today));
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
  // A large cohort takes a while to solve: say so on a terminal (wiped once done).
  const large = participants.mentees.length + participants.mentors.length >= LARGE_COHORT;
  const busy = large
    ? working(
        context,
        `Finding the best pairs for ${participants.mentees.length.toLocaleString('en-GB')} mentees and ${participants.mentors.length.toLocaleString('en-GB')} mentors...`,
        { json: options.json },
      )
    : null;
  let proposal: Proposal;
  try {
    proposal = proposePairings({
      mentees: participants.mentees,
      mentors: participants.mentors,
      weights,
      trios: options.trios === true,
      targeted: targetedDepartments(db),
      leftOut: participants.leftOut,
      rules: {
        allowUntrained: options.allowUntrained === true,
        allowRepeat: options.allowRepeat === true,
        pairedBefore: pairsFromOtherCohorts(db, cohort.number),
      },
    });
  } finally {
    busy?.end();
  }
  return { proposal, notes: participants.notes };
}

const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** A weights file is a flat object of a few numbers: anything bigger is not one. */
export const MAX_WEIGHTS_BYTES = 64 * 1024;
/** {"race": 500} is one level; a value that is itself an object or a list is two, and refused by parseWeights. */
const MAX_WEIGHTS_DEPTH = 2;

function readWeights(path: string): Weights {
  const text = readWeightsFile(path);
  // JSON.parse recurses: 50,000 '[' overflow its stack. Count the nesting first.
  if (nestingDepth(text) > MAX_WEIGHTS_DEPTH) {
    throw new UsageError(`The weights file ${path} is not a flat list of weights: its JSON is nested more than ${MAX_WEIGHTS_DEPTH} levels deep.`, {
      fix: 'Write it like {"race": 500, "perBandGap": 5}.',
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`The weights file ${path} is not valid JSON (${(error as Error).message}).`, {
      fix: 'Write it like {"race": 500, "perBandGap": 5}.',
    });
  }
  const { weights, problems } = parseWeights(json);
  if (problems.length > 0) {
    throw new UsageError(`The weights file ${path} was not used: ${problems.join('; ')}.`, { fix: 'Fix the file and run remedi pair again.' });
  }
  return weights;
}

/**
 * The text of a regular file of at most MAX_WEIGHTS_BYTES. A FIFO, a device or a folder is
 * refused before it is read (`--weights /dev/zero` would never end, a FIFO would wait for a
 * writer); it is opened without blocking and checked again on the open file, in case the
 * path was swapped in between.
 */
function readWeightsFile(path: string): string {
  const notRegular = (what: string) =>
    new UsageError(`The weights file ${path} is ${what}; --weights needs a JSON file.`, {
      fix: 'Give --weights the path of a JSON file, like {"race": 500, "perBandGap": 5}.',
    });
  const tooBig = (size: number) =>
    new UsageError(
      `The weights file ${path} is ${size.toLocaleString('en-GB')} bytes; a weights file is a few lines, at most ${MAX_WEIGHTS_BYTES / 1024} KB.`,
      {
        fix: 'Give --weights the path of a JSON file, like {"race": 500, "perBandGap": 5}.',
      },
    );
  const cannotRead = () => new UserError(`Cannot read the weights file ${path}.`, { fix: 'Check the path of the --weights file.' });
  let stat: Stats;
  try {
    stat = statSync(path);
  } catch {
    throw cannotRead();
  }
  if (!stat.isFile()) throw notRegular(kindOf(stat));
  if (stat.size > MAX_WEIGHTS_BYTES) throw tooBig(stat.size);
  let fd: number;
  try {
    fd = openSync(path, fsConstants.O_RDONLY | fsConstants.O_NONBLOCK);
  } catch {
    throw cannotRead();
  }
  try {
    const opened = fstatSync(fd);
    if (!opened.isFile()) throw notRegular(kindOf(opened));
    const buffer = Buffer.alloc(MAX_WEIGHTS_BYTES + 1);
    let length = 0;
    for (let read = -1; read !== 0 && length < buffer.length; length += read) read = readSync(fd, buffer, length, buffer.length - length, null);
    if (length > MAX_WEIGHTS_BYTES) throw tooBig(Math.max(length, opened.size));
    return buffer.subarray(0, length).toString('utf8');
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw cannotRead();
  } finally {
    closeSync(fd);
  }
}

const kindOf = (stat: Stats): string =>
  stat.isDirectory()
    ? 'a folder'
    : stat.isFIFO()
      ? 'a pipe'
      : stat.isCharacterDevice() || stat.isBlockDevice()
        ? 'a device'
        : stat.isSocket()
          ? 'a socket'
          : 'not a regular file';

/** How deeply the JSON text nests objects and lists, counted without parsing it (brackets inside strings do not count). */
export function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let k = 0; k < text.length; k += 1) {
    const c = text[k];
    if (inString) {
      if (c === '\\') k += 1;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') deepest = Math.max(deepest, ++depth);
    else if (c === '}' || c === ']') depth -= 1;
  }
  return deepest;
}
