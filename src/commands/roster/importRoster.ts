/**
 * `remedi import roster.csv`: validate every row, then write it all in one
 * transaction, or write nothing and say exactly what to fix.
 */
import { progress } from '../../ui/progress.js';
import { existsSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { UserError, type RowProblem } from '../../errors.js';
import { dbPathOf, type Context } from '../../cli/context.js';
import type { IsoDate } from '../../domain/dates.js';
import { ROSTER_FIELDS, type RosterField } from '../../domain/rosterColumns.js';
import { RosterPlanner, tooManyLeft, type HandSetReplacement, type StaffUpdate } from '../../domain/rosterPlan.js';
import { rosterFile } from '../../domain/rosterRows.js';
import type { StaffRecord } from '../../domain/staff.js';
import { fieldColumn, parseMapOption, parseValueMapOption, streamRecords, type RecordReadOptions, type Table } from '../../io/tableFile.js';
import { announceOpened } from '../shared/openDb.js';
import { enrolmentWriter, getCohort } from '../../store/cohorts.js';
import { DatabaseAppeared, openDatabase, type Db } from '../../store/db.js';
import { recordWarningsSeen, warningFingerprint, warningsSeenBefore } from '../../store/importWarnings.js';
import { forgottenChecker } from '../../store/privacy.js';
import { relationshipsWithLeavers } from '../../store/relationships.js';
import { activeStaffIds, countActiveStaff, createStaffSearchIndexes, dropStaffSearchIndexes, markLeft, staffFinder, staffWriter } from '../../store/staff.js';
import {
  SHOWN_ON_TERMINAL,
  changeJson,
  handSetReplacedJson,
  leaverRelationshipJson,
  renderImportNotes,
  renderImportSummary,
  type ChangeJson,
  type ImportReport,
  type ImportSummary,
  type PersonJson,
} from '../../ui/importOutput.js';
import { fileArgument, importRefusal, problemJson, problemsCsv } from '../../ui/problems.js';
import { writeProblemsFile } from '../../io/problemsFile.js';
import type { ImportOptions } from './command.js';

export type { ImportSummary } from '../../ui/importOutput.js';

type RosterTable = Table<RosterField>;
type RosterReadOptions = RecordReadOptions<RosterField>;

export async function runImport(path: string, options: ImportOptions, context: Context): Promise<ImportSummary> {
  const maps = parseMapOption(options.map ?? [], ROSTER_FIELDS);
  parseValueMapOption(options.mapValue ?? [], ROSTER_FIELDS); // a malformed rule stops us before the database is opened
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
  if (options.json) context.out(`${JSON.stringify(report.summary, null, 2)}\n`);
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
    db.exec(dryRun ? 'BEGIN' : 'BEGIN IMMEDIATE');
    try {
      outcome = await importRoster(db, path, maps, { ...options, database: dbPath }, context);
      db.exec(dryRun ? 'ROLLBACK' : 'COMMIT');
    } catch (error) {
      if (db.inTransaction) db.exec('ROLLBACK');
      throw error;
    }
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

interface ImportOutcome {
  report: ImportReport;
  /** The first updates, to show on the terminal. */
  updates: StaffUpdate[];
  replaced: Array<{ person: StaffRecord; replaced: HandSetReplacement }>;
}

async function importRoster(
  db: Db,
  path: string,
  maps: ReturnType<typeof parseMapOption<RosterField>>,
  options: ImportOptions & { database: string },
  context: Context,
): Promise<ImportOutcome> {
  const dryRun = options.dryRun === true;
  const valueMaps = parseValueMapOption(options.mapValue ?? [], ROSTER_FIELDS);
  const existing = (db.prepare('SELECT count(*) FROM staff').pluck().get() as number) > 0;
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
  const table = await streamRecords(
    path,
    rosterFile(),
    { encoding: options.encoding, sheet: options.sheet, maps, valueMaps, headerRow: options.headerRow, screen: forgotten?.screen, onBytes: onProgress.through },
    (row, table) => {
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
      if (enrol && row.role) enrol(row.staffId, row.role);
    },
  ).finally(() => onProgress.end());
  const name = table.source.name;
  const plan: RosterPlanner = (planner as RosterPlanner | null) ?? newPlanner(table);
  const problems = [...table.problems, ...plan.problems].sort((a, b) => a.line - b.line);
  const problemsFile = (warnings: readonly RowProblem[]) =>
    options.problems === undefined ? undefined : writeProblemsFile(options.problems, problemsCsv(problems, warnings), options.database, context.cwd);
  if (problems.length > 0) throw importRefusal(name, problems, problemsFile([...table.warnings, ...plan.warnings]));
  if (deferIndexes) createStaffSearchIndexes(db);
  plan.finishManagers();

  // Who is missing from the file: every id (to mark them), names for the ones shown.
  const missing: string[] = [];
  // Into an empty table (a first import), nobody can be missing from the file.
  for (const staffId of existing ? activeStaffIds(db) : []) if (!plan.inFile(staffId)) missing.push(staffId);
  const missingShown: PersonJson[] = (options.json ? missing : missing.slice(0, SHOWN_ON_TERMINAL)).map((staffId) => ({
    staffId,
    name: find(staffId)?.name ?? staffId,
  }));
  if (options.missingLeft && !options.yes && tooManyLeft(missing.length, activeBefore))
    throw tooManyLeftRefusal(name, missing.length, activeBefore, missingShown);
  const markedLeft = options.missingLeft ? markLeft(db, missing, context.today) : 0;

  // Read inside the transaction, so a dry run sees what it would leave.
  const nameOf = staffFinder(db);
  const leavers = relationshipsWithLeavers(db, context.today).map((r) => leaverRelationshipJson(r, (id) => nameOf(id)?.name ?? id));

  const warnings = [...table.warnings, ...plan.warnings];
  problemsFile(warnings);
  const fingerprints = warnings.map(warningFingerprint);
  const seenBefore = warningsSeenBefore(db, fingerprints);
  if (!dryRun) recordWarningsSeen(db, fingerprints);

  const withCohort = options.cohort !== undefined;
  const roles = plan.enrolled.mentor + plan.enrolled.mentee + plan.enrolled.either;
  const summary: ImportSummary = {
    file: name,
    database: options.database,
    dryRun,
    added: plan.added,
    updated: plan.updated,
    unchanged: plan.unchanged,
    notInFile: missing.length,
    markedLeft,
    markedLeftPeople: options.missingLeft ? missingShown : [],
    cohort: options.cohort ?? null,
    roleColumn: table.mapping.indexOf.role !== undefined,
    enrolled: withCohort ? roles : 0,
    enrolledByRole: withCohort ? { ...plan.enrolled } : { mentor: 0, mentee: 0, either: 0 },
    rolesNotApplied: withCohort ? 0 : roles,
    changes,
    handSetReplaced: replaced.map((r) => handSetReplacedJson(r.person, r.replaced)),
    relationshipsWithLeavers: leavers,
    skippedForgotten: forgotten?.skipped.rows ?? 0,
    warnings: warnings.map((warning) => problemJson(name, warning)),
    warningsSeenBefore: seenBefore.filter(Boolean).length,
  };
  return {
    report: {
      summary,
      handSetReplacedCount: plan.handSetReplaced,
      erasedOn: [...(forgotten?.skipped.erasedOn ?? [])].sort(),
      forgottenManagers: forgotten?.skipped.managers ?? 0,
      warnings,
      seenBefore,
    },
    updates,
    replaced,
  };
}

/**
 * Rows of people erased with `remedi forget` are skipped before they are read, and an
 * erased line manager's id is read as blank (docs/programme-year.md, "Forgotten means
 * forgotten"). Nothing to do, at no cost, while nobody has been erased.
 */
function screenForgotten(
  db: Db,
): { screen: NonNullable<RosterReadOptions['screen']>; skipped: { rows: number; erasedOn: Set<IsoDate>; managers: number } } | null {
  const check = forgottenChecker(db);
  if (check === null) return null;
  const known = db.prepare('SELECT 1 FROM staff WHERE staff_id = ?').pluck();
  const isKnown = (staffId: string): boolean => known.get(staffId) !== undefined;
  const skipped = { rows: 0, erasedOn: new Set<IsoDate>(), managers: 0 };
  const screen: NonNullable<RosterReadOptions['screen']> = (cells, table) => {
    const cellOf = (field: RosterField): string | null => {
      const index = table.mapping.indexOf[field];
      const value = index === undefined ? '' : (cells[index] ?? '').trim();
      return value === '' ? null : value;
    };
    const staffId = cellOf('staff_id');
    const match = check({ staffId, email: cellOf('email'), lineManagerId: cellOf('line_manager_id') });
    // An email alone marks an erased person coming back under a new staff id; a row whose
    // staff id is someone remedi still holds is that person (emails are sometimes reused).
    const someoneElse = match.onlyByEmail && staffId !== null && isKnown(staffId);
    if (match.erasedOn !== null && !someoneElse) {
      skipped.rows += 1;
      skipped.erasedOn.add(match.erasedOn);
      return 'skip';
    }
    if (match.managerErased) {
      cells[table.mapping.indexOf.line_manager_id!] = '';
      skipped.managers += 1;
    }
    return 'read';
  };
  return { screen, skipped };
}

/** Over a fifth of the people now active missing: a partial export, not a mass departure. */
function tooManyLeftRefusal(file: string, missing: number, active: number, first: readonly PersonJson[]): UserError {
  const shown = first.slice(0, 10);
  return new UserError(
    `${file} was not imported: --missing-left would mark ${missing} of the ${active} people now active (${Math.round((missing / active) * 100)}%) as having left, and nothing was written.`,
    {
      details: [...shown.map((p) => `  ${p.staffId} ${p.name}`), ...(missing > shown.length ? [`  ... and ${missing - shown.length} more.`] : [])],
      fix:
        'A file that leaves out more than a fifth of the staff is usually a partial export. If it really is the whole staff list, ' +
        `import it again with --yes (to see everyone it would mark first: remedi import ${fileArgument(file)} --missing-left --yes --dry-run --json).`,
    },
  );
}

function missingCohort(cohort: number): UserError {
  return new UserError(`Cohort ${cohort} does not exist, so nobody was imported.`, {
    fix: `Create it first: remedi cohort create ${cohort} --start YYYY-MM-DD --end YYYY-MM-DD.`,
  });
}
