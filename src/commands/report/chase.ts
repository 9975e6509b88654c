/**
 * `remedi report chase`: this month's to-do list (docs/compliance.md, "Chase"), and apart the
 * relationships that need a new mentor or mentee because someone left.
 */
import type { Context } from '../../cli/context.js';
import { chaseDue, nothingToChase, withPeople, type ChaseItem, type ChaseRelationship } from '../../domain/chase.js';
import { chaseCohort, reportDay } from '../../domain/cohorts.js';
import type { IsoDate } from '../../domain/dates.js';
import { meetingDue } from '../../domain/meetings.js';
import { runsOn } from '../../domain/relationshipLife.js';
import { chosenFormat } from '../../domain/reportFormat.js';
import { meetingDates } from '../../store/meetings.js';
import { chaseRelationships, relationshipsById, replacementsNeeded } from '../../store/reportData.js';
import { staffFinder } from '../../store/staff.js';
import { chaseCsv, chaseJson, chaseNotes, meetingDueText, renderNeedsReplacement, type ChaseJson } from '../../ui/chaseOutput.js';
import { resolveCohort } from '../shared/resolveCohort.js';
import { printJson, readDatabase } from '../shared/skeleton.js';
import type { ChaseOptions } from './command.js';

export async function runReportChase(options: ChaseOptions, context: Context): Promise<ChaseJson> {
  const format = chosenFormat(options);
  const { renderChase } = format === 'table' ? await import('../../ui/chaseTable.js') : { renderChase: null };
  return readDatabase(options, context, (db) => {
    const cohort = resolveCohort(db, options.cohort, context, chaseCohort);
    const day = reportDay(cohort, context.today, options.asOf);
    const { asOf } = day;
    const ended = nothingToChase(cohort, day);
    const needsReplacement = ended ? [] : replacementsNeeded(db, asOf, cohort.number).map(({ cohort: _c, ...item }) => item);
    let items: ChaseItem[] = [];
    let running = 0;
    if (!ended) {
      // Counted as they pass: the relationships come one at a time.
      const counted = function* (relationships: Iterable<ChaseRelationship & { sessionDates: readonly IsoDate[] }>) {
        for (const rel of relationships) {
          if (runsOn(rel, asOf)) running += 1;
          yield rel;
        }
      };
      const due = chaseDue(counted(chaseRelationships(db, cohort, asOf)), asOf, new Set(needsReplacement.map((item) => item.id)));
      // Names only for those listed: usually a fraction of the cohort.
      const people = relationshipsById(
        db,
        due.map((entry) => entry.id),
      );
      items = due.map((entry) => withPeople(entry, people.get(entry.id)!));
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
        context.out(renderNeedsReplacement(needsReplacement, { afterTable: items.length > 0 }));
        context.err(chaseNotes.endAndReplace(needsReplacement.length));
      }
      if (meeting !== null)
        context.out(`${items.length > 0 || needsReplacement.length > 0 ? '\n' : ''}${meetingDueText(meeting, cohort.end, context.colour.out)}`);
    }
    return json;
  });
}
