/**
 * `remedi import roster.csv`: validate every row, then write it all in one
 * transaction, or write nothing and say exactly what to fix. This file opens the database
 * and runs the one pass over the file (read, classify, write each row); what follows the
 * pass (leavers, warnings seen before, the summary) is finishImport.ts.
 */
import { progress } from '../../ui/progress.js';
import { existsSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { UserError, type RowProblem } from '../../errors.js';
import { dbPathOf, type Context } from '../../cli/context.js';
import { ROSTER_FIELDS, type RosterField } from '../../domain/rosterColumns.js';
import { firstImportPlan, RosterPlanner, type PlanOutcome, type PlanTally, type StaffUpdate } from '../../domain/rosterPlan.js';
import { rosterFile, type RosterRow } from '../../domain/rosterRows.js';
import type { RosterColumn } from '../../domain/rosterCharacteristics.js';
import { fieldColumn, parseMapOption, parseValueMapOption, recordReader, streamRecords, type RowHandler, type Table } from '../../io/tableFile.js';
import type { WorkerStreamOptions } from '../../io/tableWorker.js';
import { enabledCharacteristics } from '../../store/characteristics.js';
import { characteristicMaps, characteristicRecorder, parseCharacteristicOption } from './characteristicValues.js';
import { announceOpened } from '../shared/openDb.js';
import { readingWorker, ROSTER_WORKER_FROM_BYTES } from '../shared/readingWorker.js';
import { commitOrDryRun, printJson } from '../shared/skeleton.js';
import { enrolmentWriter, getCohort } from '../../store/cohorts.js';
import { DatabaseAppeared, openDatabase, type Db } from '../../store/db.js';
import { countActiveStaff, dropStaffSearchIndexes, hasStaff, staffFinder, staffWriter } from '../../store/staff.js';
import { SHOWN_ON_TERMINAL, changeJson, renderImportNotes, renderImportSummary, type ChangeJson, type ImportSummary } from '../../ui/importOutput.js';
import { importRefusal, problemsCsv } from '../../ui/problems.js';
import { writeProblemsFile } from '../../io/problemsFile.js';
import type { ImportOptions } from './command.js';
import { finishImport, type ImportOutcome } from './finishImport.js';
import { screenForgotten } from './forgottenScreen.js';
import { eachAddedPerson, type RosterWorkerSetup } from './rosterBatches.js';

export type { ImportSummary } from '../../ui/importOutput.js';

type RosterTable = Table<RosterColumn>;
type RosterSpec = ReturnType<typeof rosterFile>;

export async function runImport(path: string, options: ImportOptions, context: Context): Promise<ImportSummary> {
  const maps = parseMapOption(options.map ?? [], ROSTER_FIELDS);
  parseValueMapOption(options.mapValue ?? [], ROSTER_FIELDS); // a malformed rule stops us before the database is opened
  parseCharacteristicOption(options.characteristic ?? []);
  let outcome: ImportOutcome;
  try {
    outcome = await importOnce(path, maps, options, context);
  } catch (error) {
    if (!(error instanceof DatabaseAppeared)) throw error;
    // Another remedi made the database while this import was building its own: import into theirs.
    context.err(`Another remedi created ${error.path} meanwhile; importing into it instead.\n`);
    outcome = await importOnce(path, maps, options, context);
  }

  const { report } = outcome;
  if (options.json) printJson(context, report.summary);
  else context.out(renderImportSummary(report, outcome.updates, outcome.replaced));
  context.err(renderImportNotes(report, context.colour.err.yellow));
  if (options.problems !== undefined) context.err(`Every warning is listed in ${options.problems}.\n`);
  return report.summary;
}

async function importOnce(
  path: string,
  maps: ReturnType<typeof parseMapOption<RosterField>>,
  options: ImportOptions,
  context: Context,
): Promise<ImportOutcome> {
  const dbPath = dbPathOf(options, context);
  // An empty file (`touch remedi.db`) is no database yet: a dry run leaves it as it is.
  const dbExists = existsSync(dbPath) && statSync(dbPath).size > 0;
  if (options.cohort !== undefined && !dbExists) throw missingCohort(options.cohort);
  const dryRun = options.dryRun === true;

  // One pass over the file inside one transaction: every row is checked and, while no row
  // has been refused, written; any refusal rolls all of it back. A dry run always rolls back,
  // after reading what the import would leave (leavers' relationships) inside it.
  // A new database is built under a temporary name and appears only once the import has
  // committed: a refused first import leaves nothing behind; a dry run never creates one.
  const opened = await openDatabase(dryRun && !dbExists ? ':memory:' : dbPath, { create: !dryRun, deferPublish: true });
  const { db } = opened;
  let outcome: ImportOutcome;
  try {
    if (options.cohort !== undefined && !getCohort(db, options.cohort)) throw missingCohort(options.cohort);
    outcome = await commitOrDryRun(db, dryRun, () => importRoster(db, path, maps, { ...options, database: dbPath }, context));
    opened.publish();
  } catch (error) {
    // Removes only a new database's own temporary file, never a file at dbPath.
    opened.close();
    announceOpened(opened, context);
    throw error;
  }
  announceOpened(opened, context);
  return outcome;
}

async function importRoster(
  db: Db,
  path: string,
  maps: ReturnType<typeof parseMapOption<RosterField>>,
  options: ImportOptions & { database: string },
  context: Context,
): Promise<ImportOutcome> {
  const valueMaps = parseValueMapOption(options.mapValue ?? [], ROSTER_FIELDS);
  // The characteristics enabled are read (docs/characteristics.md, "Importing"); with none, no row does anything more.
  const characteristics = enabledCharacteristics(db).map((c) => c.name);
  const headerMaps = [...maps, ...characteristicMaps(parseCharacteristicOption(options.characteristic ?? []), characteristics)];
  const values = characteristics.length === 0 ? null : characteristicRecorder(db);
  const existing = hasStaff(db);
  const activeBefore = existing ? countActiveStaff(db) : 0;
  const find = existing ? staffFinder(db) : () => undefined;
  const known = existing ? (staffId: string) => find(staffId) !== undefined : () => false;
  const writer = staffWriter(db, context.today);
  const enrol = options.cohort === undefined ? null : enrolmentWriter(db, options.cohort);
  // The terminal shows the first few; --json lists every one, so only then are all kept.
  const keep = (list: readonly unknown[]) => options.json === true || list.length < SHOWN_ON_TERMINAL;
  const updates: StaffUpdate[] = [];
  // With --json every change is kept, as its (smaller) JSON.
  const changes: ChangeJson[] = [];
  const replaced: ImportOutcome['replaced'] = [];
  let planner: RosterPlanner | null = null;
  const newPlanner = (table: RosterTable) => new RosterPlanner({ missingLeft: options.missingLeft === true, columnOf: (field) => fieldColumn(table, field) });

  // A first import fills an empty table: its search indexes are built once, at the end.
  const deferIndexes = !existing;
  if (deferIndexes) dropStaffSearchIndexes(db);
  const forgotten = screenForgotten(db);
  const onProgress = progress(context, { what: `Reading ${basename(path)}`, json: options.json });
  let rowsRead = 0;
  const spec = rosterFile(characteristics);
  const readOptions: WorkerStreamOptions<RosterColumn> = {
    encoding: options.encoding,
    sheet: options.sheet,
    maps: headerMaps,
    valueMaps,
    headerRow: options.headerRow,
    onBytes: onProgress.through,
  };
  const onRow = (row: RosterRow, table: RosterTable) => {
    onProgress((rowsRead += 1));
    planner ??= newPlanner(table);
    const decision = planner.row(row, find(row.staffId), known);
    // Once any row is refused nothing will be kept: go on checking, stop writing.
    if (decision === null || table.problems.length > 0 || planner.problems.length > 0) return;
    if (decision.kind === 'added') writer.insert(decision.after);
    else if (decision.kind === 'updated') {
      const { update } = decision;
      writer.update(update.after);
      if (updates.length < SHOWN_ON_TERMINAL) updates.push(update);
      if (keep(changes)) changes.push(changeJson(update));
      for (const r of update.handSetReplaced) if (keep(replaced)) replaced.push({ person: update.after, replaced: r });
    } else if (decision.rewrite) writer.update(decision.after);
    if (values !== null && row.characteristics !== undefined) values.record(row.staffId, row.characteristics, decision.kind === 'added');
    if (enrol && row.role) enrol(row.staffId, row.role);
  };
  // A large file is read on the second core (commands/shared/readingWorker.ts). Into an empty
  // table, with nothing the rows are checked against in the database, the worker plans them too,
  // and this thread only inserts; otherwise it splits the file, and each record is read here.
  const worker = readingWorker(new URL('./importRosterWorker.js', import.meta.url), path, ROSTER_WORKER_FROM_BYTES, context);
  const firstImport = !existing && values === null && forgotten === null;
  let plannedInWorker: PlanOutcome | null = null;
  const reading =
    worker === null
      ? streamRecords(path, spec, { ...readOptions, screen: forgotten?.screen }, onRow)
      : readInWorker(worker, path, spec, readOptions, {
          characteristics,
          firstImport: firstImport ? { today: context.today, missingLeft: options.missingLeft === true } : null,
          onRow: recordReader(spec, forgotten?.screen, onRow),
          onAdded: (inserts, at, staffId, role) => {
            onProgress((rowsRead += 1));
            writer.insertValues(inserts, at);
            if (enrol && role) enrol(staffId, role);
          },
          onPlanned: (planned) => (plannedInWorker = planned),
        });
  const table = await reading.finally(() => onProgress.end());
  values?.finish();
  const name = table.source.name;
  const plan: PlanOutcome = (plannedInWorker as PlanOutcome | null) ?? (planner as RosterPlanner | null) ?? newPlanner(table);
  const problems = [...table.problems, ...plan.problems].sort((a, b) => a.line - b.line);
  const problemsFile = (warnings: readonly RowProblem[]) =>
    options.problems === undefined ? undefined : writeProblemsFile(options.problems, problemsCsv(problems, warnings), options.database, context.cwd);
  if (problems.length > 0) throw importRefusal(name, problems, problemsFile([...table.warnings, ...plan.warnings]));
  return finishImport(
    db,
    {
      table,
      plan,
      existing,
      activeBefore,
      find,
      forgotten,
      updates,
      changes,
      replaced,
      problemsFile,
      characteristics,
      recorded: values?.recorded ?? new Map(),
    },
    options,
    context,
  );
}

interface WorkerReading extends RosterWorkerSetup {
  /** Each record read (a worker that splits only). */
  onRow: RowHandler<RosterColumn>;
  /** Each person a first import adds (a worker that plans). */
  onAdded: Parameters<typeof eachAddedPerson>[2];
  /** What a worker that planned the file came to. */
  onPlanned: (plan: PlanOutcome) => void;
}

/** The pass over the file with a reading worker (its modules load only when one is started). */
async function readInWorker(
  worker: URL,
  path: string,
  spec: RosterSpec,
  options: WorkerStreamOptions<RosterColumn>,
  { characteristics, firstImport, onRow, onAdded, onPlanned }: WorkerReading,
): Promise<RosterTable> {
  const { streamCellsInWorker, streamRecordsInWorker } = await import('../../io/tableWorker.js');
  const setup: RosterWorkerSetup = { characteristics: [...characteristics], firstImport };
  if (firstImport === null) {
    const table = await streamCellsInWorker(worker, path, { ...options, setup }, onRow);
    spec.complete?.(table);
    return table;
  }
  return streamRecordsInWorker(
    worker,
    path,
    // V8's young generation (measured on 1,000,000 rows: 9.2 s of the worker's CPU and a 312 MB peak with 4 MB, 8.0 s and 263 MB).
    { ...options, setup, youngGenerationMb: null, onResult: (tally) => onPlanned(firstImportPlan(tally as PlanTally)) },
    (batch, rows) => eachAddedPerson(batch, rows, onAdded),
    () => undefined,
  );
}

function missingCohort(cohort: number): UserError {
  return new UserError(`Cohort ${cohort} does not exist, so nobody was imported.`, {
    fix: `Create it first: remedi cohort create ${cohort} --start YYYY-MM-DD --end YYYY-MM-DD.`,
  });
}
