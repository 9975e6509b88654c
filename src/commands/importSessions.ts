/**
 * `remedi import-sessions sessions.csv`: bulk sessions from a form's export, checked
 * like the roster import (every row first, then all written in one transaction).
 */
import { progress } from '../ui/progress.js';
import { dbPathOf, type CommonOptions, type Context } from '../context.js';
import { planSessionImport, SESSION_FIELDS, type SessionImportPlan } from '../domain/sessionImport.js';
import type { CsvEncoding } from '../io/csvInput.js';
import { readSessionFile } from '../io/sessionFile.js';
import { parseMapOption } from '../io/tableFile.js';
import { openDatabase, type Db } from '../store/db.js';
import { loadRelationships } from '../store/relationships.js';
import { sessionKeys, sessionWriter } from '../store/sessions.js';
import { formatProblemList, importRefusal, problemJson } from '../ui/problems.js';
import { targetOf } from './logSession.js';

export interface ImportSessionsOptions extends CommonOptions {
  dryRun?: boolean;
  skipDuplicates?: boolean;
  map?: string[];
  encoding?: CsvEncoding;
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
    const file = await readSessionFile(path, { encoding: options.encoding, maps });
    const name = file.source.name;
    if (file.problems.length > 0) throw importRefusal(name, file.problems);

    const plan = (): SessionImportPlan => {
      const relationships = loadRelationships(db).map((r) => ({ ...targetOf(r), menteeId: r.menteeId }));
      const result = planSessionImport(file.rows, relationships, sessionKeys(db), context.today, options.skipDuplicates === true);
      if (result.problems.length > 0) throw importRefusal(name, result.problems);
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
    if (options.json) context.out(`${JSON.stringify(summary, null, 2)}\n`);
    else {
      const verb = summary.dryRun ? `Dry run of ${name}: nothing was written. Importing it would record` : `Imported ${name}: recorded`;
      const skipped = summary.duplicatesSkipped > 0 ? `; ${summary.duplicatesSkipped} already recorded and skipped` : '';
      context.out(`${verb} ${summary.imported} ${summary.imported === 1 ? 'session' : 'sessions'} for ${summary.relationships} ${summary.relationships === 1 ? 'relationship' : 'relationships'}${skipped}.\n`);
    }
    if (file.warnings.length > 0) context.err(`${formatProblemList(name, file.warnings, 'warning').join('\n')}\n`);
    return summary;
  } finally {
    db.close();
  }
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

