/**
 * `remedi report chase`: this month's to-do list (docs/compliance.md, "Chase"), and apart the
 * relationships that need a new mentor or mentee because someone left.
 */
import type { Context } from '../../cli/context.js';
import { chaseList, nothingToChase, type ChaseItem } from '../../domain/chase.js';
import { chaseCohort, reportDay, type Cohort } from '../../domain/cohorts.js';
import type { IsoDate } from '../../domain/dates.js';
import type { Db } from '../../store/db.js';
import { runsOn } from '../../domain/relationshipLife.js';
import { chosenFormat } from '../../domain/reportFormat.js';
import { replacementsNeeded, reportRelationships } from '../../store/reportData.js';
import { countedMonthSessions } from '../../store/sessionCounts.js';
import { staffFinder } from '../../store/staff.js';
import { chaseCsv, chaseJson, chaseNotes, renderChase, renderNeedsReplacement, type ChaseJson } from '../../ui/chaseOutput.js';
import { resolveCohort } from '../shared/resolveCohort.js';
import { printJson, readDatabase } from '../shared/skeleton.js';
import type { ChaseOptions } from './command.js';

/**
 * The chase list from the stored month counts (store/sessionCounts.ts), and how many relationships
 * run on the as-of day. (Reading names only for the relationships chased was measured: no faster
 * than SQLite joining every name, so the names come with the relationships.)
 */
export function loadChase(db: Db, cohort: Cohort, asOf: IsoDate, needsReplacement: ReadonlySet<number>): { items: ChaseItem[]; running: number } {
  const relationships = reportRelationships(db, cohort.number).map((rel) => ({ ...rel, minMonths: cohort.minMonths, minPerMonth: cohort.minPerMonth }));
  const running = relationships.filter((rel) => runsOn(rel, asOf)).length;
  const monthSessions = countedMonthSessions(db, cohort.number, asOf, relationships);
  return { items: chaseList(relationships, { monthSessions }, asOf, needsReplacement), running };
}

export async function runReportChase(options: ChaseOptions, context: Context): Promise<ChaseJson> {
  const format = chosenFormat(options);
  return readDatabase(options, context, (db) => {
    const cohort = resolveCohort(db, options.cohort, context, chaseCohort);
    const day = reportDay(cohort, context.today, options.asOf);
    const { asOf } = day;
    const ended = nothingToChase(cohort, day);
    const needsReplacement = ended ? [] : replacementsNeeded(db, asOf, cohort.number).map(({ cohort: _c, ...item }) => item);
    let items: ChaseItem[] = [];
    let running = 0;
    if (!ended) ({ items, running } = loadChase(db, cohort, asOf, new Set(needsReplacement.map((item) => item.id))));
    const json = chaseJson(cohort.number, asOf, items, needsReplacement);
    if (format === 'json') {
      printJson(context, json);
      if (ended) context.err(chaseNotes.ended(cohort.number, cohort.end));
    } else if (format === 'csv') {
      const find = staffFinder(db);
      context.out(chaseCsv(items, (id) => find(id)?.email ?? null));
      if (ended) context.err(chaseNotes.ended(cohort.number, cohort.end));
      else if (needsReplacement.length > 0) context.err(chaseNotes.notInFile(needsReplacement.length));
    } else if (ended) {
      context.err(chaseNotes.ended(cohort.number, cohort.end));
    } else {
      if (items.length === 0) {
        // "every running relationship has its sessions" is only true when some are running.
        context.err(running === 0 ? chaseNotes.noneRunning(cohort.number, asOf) : chaseNotes.nobody(cohort.number, asOf, needsReplacement.length > 0));
      } else {
        context.out(renderChase(items, context.colour.out, context));
        context.err(chaseNotes.count(items.length, asOf));
        if (items.some((item) => item.status === 'breached')) context.err(chaseNotes.breachedStillRunning);
      }
      if (needsReplacement.length > 0) {
        context.out(renderNeedsReplacement(needsReplacement, { afterTable: items.length > 0 }));
        context.err(chaseNotes.endAndReplace(needsReplacement.length));
      }
    }
    return json;
  });
}
