/**
 * `remedi report chase`: this month's to-do list (docs/compliance.md, "Chase"), and apart the
 * relationships that need a new mentor or mentee because someone left.
 */
import type { Context } from '../../cli/context.js';
import { nothingToChase, type ChaseItem } from '../../domain/chase.js';
import { chaseCohort, reportDay, type Cohort } from '../../domain/cohorts.js';
import type { IsoDate } from '../../domain/dates.js';
import { meetingDue } from '../../domain/meetings.js';
import { chosenFormat } from '../../domain/reportFormat.js';
import { meetingDates } from '../../store/meetings.js';
import type { Db } from '../../store/db.js';
import { cohortIdCut, leftOutOfChase, replacementsNeeded } from '../../store/reportData.js';
import { staffFinder } from '../../store/staff.js';
import { chaseCsv, chaseJson, chaseNotes, meetingDueText, renderNeedsReplacement, type ChaseJson } from '../../ui/chaseOutput.js';
import { resolveCohort } from '../shared/resolveCohort.js';
import { printJson, readDatabase } from '../shared/skeleton.js';
import { chasePart, type ChasePart } from './chasePart.js';
import type { ChaseOptions } from './command.js';

/**
 * From how many relationships a cohort's chase runs on two threads (chaseSplit.ts): below it,
 * starting a worker (its modules, its connection) costs more than it saves. The worker takes the
 * smaller part: it starts later. Tests set REMEDI_CHASE_SPLIT (relationships) to take the
 * two-thread path on a small cohort.
 */
const SPLIT_FROM = 20_000;
const WORKER_SHARE = 0.45;

/**
 * The cohort's chase list, on two threads for a large cohort. The split's modules (worker
 * threads, the witness connection) load only then: a trust's cohort of sixty never needs them.
 */
async function chaseCohortList(
  db: Db,
  cohort: Cohort,
  asOf: IsoDate,
  needsReplacement: ReadonlySet<number>,
  context: Context,
  debug: boolean | undefined,
): Promise<ChasePart> {
  // A copy in memory (read-only media) has no file for a second connection.
  const cut = db.memory ? null : cohortIdCut(db, cohort.number, WORKER_SHARE, Number(context.env.REMEDI_CHASE_SPLIT ?? SPLIT_FROM));
  const split = cut === null ? null : await import('./chaseSplit.js');
  if (split === null || !split.chaseWorkerBuilt()) return chasePart(db, cohort, asOf, needsReplacement);
  const { number, minMonths, minPerMonth } = cohort;
  const onFallBack = (await import('../shared/workerPart.js')).fallBackNote(context, debug);
  return split.chaseOnTwoThreads(db, { cohort: { number, minMonths, minPerMonth }, asOf, needsReplacement, cut: cut!, onFallBack });
}

export async function runReportChase(options: ChaseOptions, context: Context): Promise<ChaseJson> {
  const format = chosenFormat(options);
  const { renderChase } = format === 'table' ? await import('../../ui/chaseTable.js') : { renderChase: null };
  return readDatabase(options, context, async (db) => {
    const cohort = resolveCohort(db, options.cohort, context, chaseCohort);
    const day = reportDay(cohort, context.today, options.asOf);
    const { asOf } = day;
    const ended = nothingToChase(cohort, day);
    const needsReplacement = ended ? [] : replacementsNeeded(db, asOf, cohort.number).map(({ cohort: _c, ...item }) => item);
    let items: ChaseItem[] = [];
    let running = 0;
    if (!ended) {
      // Never chased: a relationship running today whose mentee, or every mentor, has left (one
      // needing a replacement, or ended today); one not running is not chased anyway.
      ({ items, running } = await chaseCohortList(db, cohort, asOf, leftOutOfChase(db, asOf, cohort.number), context, options.debug));
    }
    // An ended cohort has no meeting to chase either.
    const meeting = ended ? null : meetingDue(cohort, meetingDates(db, cohort.number), asOf);
    const json = chaseJson(cohort.number, asOf, items, needsReplacement, meeting);
    if (format === 'json') {
      printJson(context, json);
      if (ended) context.err(chaseNotes.ended(cohort.number, cohort.end));
    } else if (format === 'csv') {
      const find = staffFinder(db);
      context.out(chaseCsv(items, (id) => find(id)?.email ?? null));
      if (ended) context.err(chaseNotes.ended(cohort.number, cohort.end));
      else if (needsReplacement.length > 0) context.err(chaseNotes.notInFile(needsReplacement.length));
      if (meeting !== null) context.err(meetingDueText(meeting, cohort.end, context.colour.err));
    } else if (ended) {
      context.err(chaseNotes.ended(cohort.number, cohort.end));
    } else {
      if (items.length === 0) {
        // "every running relationship has its sessions" is only true when some are running.
        context.err(running === 0 ? chaseNotes.noneRunning(cohort.number, asOf) : chaseNotes.nobody(cohort.number, asOf, needsReplacement.length > 0));
      } else {
        context.out(renderChase!(items, context.colour.out, context));
        context.err(chaseNotes.count(items.length, asOf));
        if (items.some((item) => item.status === 'breached')) context.err(chaseNotes.breachedStillRunning);
      }
      if (needsReplacement.length > 0) {
        context.out(renderNeedsReplacement(needsReplacement, { afterTable: items.length > 0, width: context.width }));
        context.err(chaseNotes.endAndReplace(needsReplacement.length));
      }
      if (meeting !== null)
        context.out(`${items.length > 0 || needsReplacement.length > 0 ? '\n' : ''}${meetingDueText(meeting, cohort.end, context.colour.out)}`);
    }
    return json;
  });
}
