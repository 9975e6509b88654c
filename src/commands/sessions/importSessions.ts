/**
 * `remedi import-sessions sessions.csv`: bulk sessions from a form's export, checked
 * like the roster import (every row first, then all written in one transaction).
 */
import { type Context, dbPathOf } from '../../cli/context.js';
import { choosePerson, type PersonCandidate, type PersonMatch } from '../../domain/people.js';
import { sessionTarget } from '../../domain/sessionDraft.js';
import { planSessionImport, type SessionImportPlan, type SessionPeople } from '../../domain/sessionImport.js';
import { SESSION_FIELDS, sessionLogFile } from '../../domain/sessionRows.js';
import type { RowProblem } from '../../errors.js';
import { writeProblemsFile } from '../../io/problemsFile.js';
import { parseMapOption, readRecords } from '../../io/tableFile.js';
import type { Db } from '../../store/db.js';
import { nearMisses, personLookup } from '../../store/people.js';
import { loadRelationships } from '../../store/relationships.js';
import { sessionKeys, sessionWriter } from '../../store/sessions.js';
import { staffFinder } from '../../store/staff.js';
import { formatProblemList, importRefusal, problemJson, problemsCsv } from '../../ui/problems.js';
import { progress } from '../../ui/progress.js';
import { importSessionsLine, type ImportSessionsSummary } from '../../ui/sessionOutput.js';
import { printJson, withDatabase } from '../shared/skeleton.js';
import { personLabel } from './checkSession.js';
import type { ImportSessionsOptions } from './command.js';

/**
 * Opens the database the one way (withDatabase), so an older database is brought up to date
 * with the notice of where its copy is, as for every command.
 */
export async function runImportSessions(path: string, options: ImportSessionsOptions, context: Context): Promise<ImportSessionsSummary> {
  const maps = parseMapOption(options.map ?? [], SESSION_FIELDS);
  const dbPath = dbPathOf(options, context);
  return withDatabase(options, context, { create: false }, async (db) => {
    const file = await readRecords(path, sessionLogFile(), { encoding: options.encoding, sheet: options.sheet, maps, headerRow: options.headerRow });
    const name = file.source.name;
    const problemsFile = (problems: readonly RowProblem[]) =>
      options.problems === undefined ? undefined : writeProblemsFile(options.problems, problemsCsv(problems, file.warnings), dbPath, context.cwd);
    if (file.problems.length > 0) throw importRefusal(name, file.problems, problemsFile(file.problems));

    const plan = (): SessionImportPlan => {
      const relationships = loadRelationships(db).map((r) => ({ ...sessionTarget(r), menteeId: r.menteeId }));
      const result = planSessionImport(file.rows, relationships, sessionKeys(db), context.today, options.skipDuplicates === true, sessionPeople(db));
      if (result.problems.length > 0) throw importRefusal(name, result.problems, problemsFile(result.problems));
      problemsFile([]);
      return result;
    };
    const result = options.dryRun ? plan() : db.transaction(() => write(db, plan(), context, options.json === true)).immediate();

    const summary: ImportSessionsSummary = {
      file: name,
      database: dbPath,
      dryRun: options.dryRun === true,
      imported: result.sessions.length,
      duplicatesSkipped: result.duplicates,
      relationships: new Set(result.sessions.map((s) => s.relationshipId)).size,
      warnings: file.warnings.map((w) => problemJson(name, w)),
    };
    if (options.json) printJson(context, summary);
    else context.out(importSessionsLine(summary));
    if (file.warnings.length > 0) context.err(`${formatProblemList(name, file.warnings, 'warning', options.problems).join('\n')}\n`);
    if (options.problems !== undefined) context.err(`Every warning is listed in ${options.problems}.\n`);
    return summary;
  });
}

function write(db: Db, plan: SessionImportPlan, context: Context, json: boolean): SessionImportPlan {
  const writer = sessionWriter(db, context.today);
  const onProgress = progress(context, { what: 'Recording sessions', unit: 'sessions', json });
  try {
    let done = 0;
    for (const session of plan.sessions) {
      writer.insert(session);
      onProgress((done += 1), plan.sessions.length);
    }
  } finally {
    onProgress.end();
  }
  return plan;
}

/**
 * Names, emails and ids in a session file, each distinct text looked up once: a national
 * form export repeats the same few thousand people over a million rows. "Did you mean"
 * costs a search of every name, so only the first MAX_NEAR_MISSES unknown texts get one.
 */
export function sessionPeople(db: Db): SessionPeople {
  const lookUp = personLookup(db);
  const matches = new Map<string, PersonMatch<PersonCandidate>>();
  const nearMissesSought = new Set<string>();
  const labels = new Map<string, string>();
  const label = personLabel(staffFinder(db));
  return {
    resolve(text, withNearMisses) {
      const key = text.trim();
      let match = matches.get(key);
      if (match === undefined) {
        match = choosePerson(lookUp(key), []);
        matches.set(key, match);
      }
      if (
        !match.ok &&
        match.reason === 'unknown' &&
        withNearMisses &&
        match.candidates.length === 0 &&
        !nearMissesSought.has(key) &&
        nearMissesSought.size < MAX_NEAR_MISSES
      ) {
        nearMissesSought.add(key);
        match = choosePerson({ byId: [], byEmail: [], byName: [] }, nearMisses(db, key));
        matches.set(key, match);
      }
      return match;
    },
    personOf(staffId) {
      let shown = labels.get(staffId);
      if (shown === undefined) labels.set(staffId, (shown = label(staffId)));
      return shown;
    },
  };
}

const MAX_NEAR_MISSES = 200;
