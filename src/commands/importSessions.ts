/**
 * `remedi import-sessions sessions.csv`: bulk sessions from a form's export, checked
 * like the roster import (every row first, then all written in one transaction).
 */
import { dbPathOf, type CommonOptions, type Context } from '../context.js';
import { planSessionImport, SESSION_FIELDS, type SessionImportPlan } from '../domain/sessionImport.js';
import type { CsvEncoding } from '../io/csvInput.js';
import { readSessionFile } from '../io/sessionFile.js';
import { parseMapOption } from '../io/tableFile.js';
import { openDatabase, type Db } from '../store/db.js';
import { loadRelationships } from '../store/relationships.js';
import { sessionKeys, sessionWriter } from '../store/sessions.js';
import type { RowProblem } from '../domain/rosterRows.js';
import { formatProblemList, importRefusal, problemJson, problemsCsv } from '../ui/problems.js';
import { writeProblemsFile } from '../io/problemsFile.js';
import { targetOf } from './logSession.js';

export interface ImportSessionsOptions extends CommonOptions {
  dryRun?: boolean;
  skipDuplicates?: boolean;
  map?: string[];
  encoding?: CsvEncoding;
  /** `--header-row N`: the line the column names are on. */
  headerRow?: number;
  /** `--problems FILE`: every problem and warning, as CSV. */
  problems?: string;
}

export interface ImportSessionsSummary {
  file: string;
  database: string;
  dryRun: boolean;
  imported: number;
  duplicatesSkipped: number;
  relationships: number;
  warnings: ReturnType<typeof problemJson>[];
}

export async function runImportSessions(path: string, options: ImportSessionsOptions, context: Context): Promise<ImportSessionsSummary> {
  const maps = parseMapOption(options.map ?? [], SESSION_FIELDS);
  const dbPath = dbPathOf(options, context);
  const { db } = await openDatabase(dbPath, { create: false });
  try {
    const file = await readSessionFile(path, { encoding: options.encoding, maps, headerRow: options.headerRow });
    const name = file.source.name;
    const problemsFile = (problems: readonly RowProblem[]) =>
      options.problems === undefined ? undefined : writeProblemsFile(options.problems, problemsCsv(problems, file.warnings), dbPath, context.cwd);
    if (file.problems.length > 0) throw importRefusal(name, file.problems, problemsFile(file.problems));

    const plan = (): SessionImportPlan => {
      const relationships = loadRelationships(db).map((r) => ({ ...targetOf(r), menteeId: r.menteeId }));
      const result = planSessionImport(file.rows, relationships, sessionKeys(db), context.today, options.skipDuplicates === true);
      if (result.problems.length > 0) throw importRefusal(name, result.problems, problemsFile(result.problems));
      problemsFile([]);
      return result;
    };
    const result = options.dryRun ? plan() : db.transaction(() => write(db, plan(), context)).immediate();

    const summary: ImportSessionsSummary = {
      file: name,
      database: dbPath,
      dryRun: options.dryRun === true,
      imported: result.sessions.length,
      duplicatesSkipped: result.duplicates,
      relationships: new Set(result.sessions.map((s) => s.relationshipId)).size,
      warnings: file.warnings.map((w) => problemJson(name, w)),
    };
    if (options.json) context.out(`${JSON.stringify(summary, null, 2)}\n`);
    else {
      const verb = summary.dryRun ? `Dry run of ${name}: nothing was written. Importing it would record` : `Imported ${name}: recorded`;
      const skipped = summary.duplicatesSkipped > 0 ? `; ${summary.duplicatesSkipped} already recorded and skipped` : '';
      context.out(`${verb} ${summary.imported} ${summary.imported === 1 ? 'session' : 'sessions'} for ${summary.relationships} ${summary.relationships === 1 ? 'relationship' : 'relationships'}${skipped}.\n`);
    }
    if (file.warnings.length > 0) context.err(`${formatProblemList(name, file.warnings, 'warning', options.problems).join('\n')}\n`);
    if (options.problems !== undefined) context.err(`Every warning is listed in ${options.problems}.\n`);
    return summary;
  } finally {
    db.close();
  }
}

function write(db: Db, plan: SessionImportPlan, context: Context): SessionImportPlan {
  const writer = sessionWriter(db, context.today);
  for (const session of plan.sessions) writer.insert(session);
  return plan;
}

