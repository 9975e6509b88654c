/**
 * `remedi import-sessions sessions.csv`: bulk sessions from a form's export, checked
 * like the roster import (every row checked and written in one transaction, or nothing).
 */
import { type Context, dbPathOf } from '../../cli/context.js';
import { sessionImportPlanner } from '../../domain/sessionImport.js';
import { SESSION_FIELDS, sessionLogFile, type SessionField, type SessionRow } from '../../domain/sessionRows.js';
import type { RowProblem } from '../../errors.js';
import { writeProblemsFile } from '../../io/problemsFile.js';
import { parseMapOption, streamRecords, type Table } from '../../io/tableFile.js';
import type { WorkerStreamOptions } from '../../io/tableWorker.js';
import type { Db } from '../../store/db.js';
import { loadSessionTargets } from '../../store/relationships.js';
import { journalStatementsInMemory, sessionImportWriter, withoutLinkLookups } from '../../store/sessions.js';
import { formatProblemList, importRefusal, problemJson, problemsCsv } from '../../ui/problems.js';
import { progress } from '../../ui/progress.js';
import { importSessionsLine, type ImportSessionsSummary } from '../../ui/sessionOutput.js';
import { sessionPeople } from '../shared/filePeople.js';
import { readingWorker, SESSION_LOG_WORKER_FROM_BYTES } from '../shared/readingWorker.js';
import { commitOrDryRun, printJson, withDatabase } from '../shared/skeleton.js';
import type { ImportSessionsOptions } from './command.js';

/**
 * Opens the database the one way (withDatabase), so an older database is brought up to date
 * with the notice of where its copy is, as for every command. One pass over the file inside one
 * transaction (CONVENTIONS habit 8, as the roster import): each row is checked and, when it is
 * a session to record, written at once, so a million rows are never held; any problem rolls all
 * of it back, and a dry run always rolls back. Rows are written even after a refusal, so that a
 * later row repeating them is still told as the duplicate it is.
 */
export async function runImportSessions(path: string, options: ImportSessionsOptions, context: Context): Promise<ImportSessionsSummary> {
  const maps = parseMapOption(options.map ?? [], SESSION_FIELDS);
  const dbPath = dbPathOf(options, context);
  return withDatabase(options, context, { create: false }, async (db) => {
    journalStatementsInMemory(db);
    const { table, imported, duplicates, relationships } = await withoutLinkLookups(db, () =>
      commitOrDryRun(db, options.dryRun === true, () => importRows(db, path, maps, options, context)),
    );
    const name = table.source.name;
    const summary: ImportSessionsSummary = {
      file: name,
      database: dbPath,
      dryRun: options.dryRun === true,
      imported,
      duplicatesSkipped: duplicates,
      relationships,
      warnings: table.warnings.map((w) => problemJson(name, w)),
    };
    if (options.json) printJson(context, summary);
    else context.out(importSessionsLine(summary));
    if (table.warnings.length > 0) context.err(`${formatProblemList(name, table.warnings, 'warning', options.problems).join('\n')}\n`);
    if (options.problems !== undefined) context.err(`Every warning is listed in ${options.problems}.\n`);
    return summary;
  });
}

async function importRows(
  db: Db,
  path: string,
  maps: ReturnType<typeof parseMapOption<SessionField>>,
  options: ImportSessionsOptions,
  context: Context,
): Promise<{ table: Table<SessionField>; imported: number; duplicates: number; relationships: number }> {
  const relationships = loadSessionTargets(db);
  const worker = readingWorker(new URL('./importSessionsWorker.js', import.meta.url), path, SESSION_LOG_WORKER_FROM_BYTES, context);
  const held = worker !== null && options.dryRun !== true ? await heldKeys(db, path) : null;
  const writer = sessionImportWriter(db, context.today, held?.filters);
  const planner = sessionImportPlanner(relationships, writer.earlier, context.today, options.skipDuplicates === true, sessionPeople(db));
  const written = new Set<number>();
  let imported = 0;
  const onProgress = progress(context, { what: 'Recording sessions', unit: 'sessions', json: options.json === true });
  let batch: SessionRow[] = [];
  const plan = () => {
    for (const session of planner.rows(batch)) {
      writer.insert(session, session.line);
      written.add(session.relationshipId);
      onProgress((imported += 1));
    }
    batch = [];
  };
  const handle = (row: SessionRow) => {
    batch.push(row);
    if (batch.length >= PLANNED_AT_ONCE) plan();
  };
  const readOptions = { encoding: options.encoding, sheet: options.sheet, maps, headerRow: options.headerRow, onBytes: onProgress.through };
  const table = await (
    worker !== null
      ? readInWorker(worker, path, { ...readOptions, setup: held?.setup }, handle)
      : streamRecords(path, sessionLogFile(), readOptions, (row, table) => {
          // A cell refused as read means only those problems are told: stop planning, read on.
          if (table.problems.length === 0) handle(row);
        })
  ).finally(() => onProgress.end());
  plan();
  writer.finish();
  const problemsFile = (problems: readonly RowProblem[]) =>
    options.problems === undefined
      ? undefined
      : writeProblemsFile(options.problems, problemsCsv(problems, table.warnings), dbPathOf(options, context), context.cwd);
  const problems = table.problems.length > 0 ? table.problems : planner.problems;
  if (problems.length > 0) throw importRefusal(table.source.name, problems, problemsFile(problems));
  problemsFile([]);
  return { table, imported, duplicates: planner.duplicates, relationships: written.size };
}

/** The filter of the sessions held, filled by the worker (heldSessionKeys.ts): loaded, as the worker's modules, only for a large file. */
async function heldKeys(db: Db, file: string) {
  const { heldKeysRequest } = await import('./heldSessionKeys.js');
  return heldKeysRequest(db, file);
}

/** The worker's modules load only when one is started: a small file's import does not pay for them. */
async function readInWorker(
  worker: URL,
  path: string,
  options: WorkerStreamOptions<SessionField>,
  onRow: (row: SessionRow) => void,
): Promise<Table<SessionField>> {
  const [{ streamRecordsInWorker }, { decodeSessionRows }] = await Promise.all([import('../../io/tableWorker.js'), import('./sessionRowBatches.js')]);
  return streamRecordsInWorker(worker, path, { ...options, youngGenerationMb: WORKER_YOUNG_GENERATION_MB }, decodeSessionRows, onRow);
}

/**
 * The reading worker's young generation (io/tableWorker.ts gives 4 MB): with writing now cheaper,
 * this thread waited on the worker's collections (a quarter of its CPU in the profile). Measured
 * on 1,000,000 rows side by side: 24.5-29.0 s -> 19.4-23.8 s wall, peak 202-206 -> 213-216 MB.
 */
const WORKER_YOUNG_GENERATION_MB = 16;

/** Rows planned together: the duplicates among them are looked for in the database by one query. */
const PLANNED_AT_ONCE = 512;
