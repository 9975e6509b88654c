/**
 * `remedi import roster.csv`: validate every row, then write it all in one
 * transaction, or write nothing and say exactly what to fix.
 */
import { existsSync, rmSync } from 'node:fs';
import { UserError } from '../errors.js';
import { dbPathOf, type CommonOptions, type Context } from '../context.js';
import { bandDisplay } from '../domain/bands.js';
import { ROSTER_FIELDS, type RosterField } from '../domain/rosterColumns.js';
import { RosterPlanner, type ChangedField, type StaffUpdate } from '../domain/rosterPlan.js';
import type { RowProblem } from '../domain/rosterRows.js';
import type { ProgrammeRole, StaffRecord } from '../domain/staff.js';
import type { CsvEncoding } from '../io/csvInput.js';
import { fieldColumn, streamRosterFile } from '../io/rosterFile.js';
import { parseMapOption } from '../io/tableFile.js';
import { announceOpened } from './openDb.js';
import { enrolmentWriter, getCohort } from '../store/cohorts.js';
import { openDatabase, type Db } from '../store/db.js';
import { activeStaffIds, markLeft, staffFinder, staffWriter } from '../store/staff.js';
import { formatProblemList, importRefusal, problemJson } from '../ui/problems.js';

export interface ImportOptions extends CommonOptions {
  cohort?: number;
  dryRun?: boolean;
  missingLeft?: boolean;
  map?: string[];
  encoding?: CsvEncoding;
}

export interface ImportSummary {
  file: string;
  database: string;
  dryRun: boolean;
  added: number;
  updated: number;
  unchanged: number;
  notInFile: number;
  markedLeft: number;
  cohort: number | null;
  enrolled: number;
  enrolledByRole: Record<ProgrammeRole, number>;
  rolesNotApplied: number;
  warnings: ReturnType<typeof problemJson>[];
}

export async function runImport(path: string, options: ImportOptions, context: Context): Promise<ImportSummary> {
  const maps = parseMapOption(options.map ?? [], ROSTER_FIELDS);
  const dbPath = dbPathOf(options, context);
  const dbExists = existsSync(dbPath);
  if (options.cohort !== undefined && !dbExists) throw missingCohort(options.cohort);
  const dryRun = options.dryRun === true;

  // One pass over the file inside one transaction: every row is checked and, while no row
  // has been refused, written; any refusal rolls all of it back. A dry run always rolls back.
  // A first import refused leaves no database behind; a dry run never creates one.
  const opened = await openDatabase(dryRun && !dbExists ? ':memory:' : dbPath, { create: !dryRun });
  const { db } = opened;
  let outcome: ImportOutcome;
  try {
    if (options.cohort !== undefined && !getCohort(db, options.cohort)) throw missingCohort(options.cohort);
    db.exec(dryRun ? 'BEGIN' : 'BEGIN IMMEDIATE');
    try {
      outcome = await importRoster(db, path, maps, options, context);
      db.exec(dryRun ? 'ROLLBACK' : 'COMMIT');
    } catch (error) {
      if (db.inTransaction) db.exec('ROLLBACK');
      throw error;
    }
  } catch (error) {
    db.close();
    if (opened.created) removeDatabaseFiles(dbPath);
    throw error;
  }
  db.close();
  announceOpened(opened, context);

  const summary = summarise(outcome, dbPath, options);
  if (options.json) context.out(`${JSON.stringify(summary, null, 2)}\n`);
  else context.out(renderSummary(summary, outcome.updates, options));
  renderWarnings(summary.file, outcome.warnings, summary, context);
  return summary;
}

interface ImportOutcome {
  file: string;
  added: number;
  updated: number;
  unchanged: number;
  notInFile: number;
  markedLeft: number;
  enrolled: Record<ProgrammeRole, number>;
  /** The first updates, to show in a dry run. */
  updates: StaffUpdate[];
  warnings: RowProblem[];
}

const SHOWN_UPDATES = 20;

async function importRoster(db: Db, path: string, maps: ReturnType<typeof parseMapOption<RosterField>>, options: ImportOptions, context: Context): Promise<ImportOutcome> {
  const existing = (db.prepare('SELECT count(*) FROM staff').pluck().get() as number) > 0;
  const find = existing ? staffFinder(db) : () => undefined;
  const known = existing ? (staffId: string) => find(staffId) !== undefined : () => false;
  const writer = staffWriter(db, context.today);
  const enrol = options.cohort === undefined ? null : enrolmentWriter(db, options.cohort);
  const updates: StaffUpdate[] = [];
  let planner: RosterPlanner | null = null;

  const table = await streamRosterFile(path, { encoding: options.encoding, maps }, (row, table) => {
    planner ??= new RosterPlanner({ missingLeft: options.missingLeft === true, columnOf: (field) => fieldColumn(table, field) });
    const decision = planner.row(row, find(row.staffId), known);
    // Once any row is refused nothing will be kept: go on checking, stop writing.
    if (decision === null || table.problems.length > 0 || planner.problems.length > 0) return;
    if (decision.kind === 'added') writer.insert(decision.after);
    else if (decision.kind === 'updated') {
      writer.update(decision.update.after);
      if (updates.length < SHOWN_UPDATES) updates.push(decision.update);
    }
    if (enrol && row.role) enrol(row.staffId, row.role);
  });
  const name = table.source.name;
  const plan = planner as RosterPlanner | null;
  const problems = [...table.problems, ...(plan?.problems ?? [])].sort((a, b) => a.line - b.line);
  if (problems.length > 0) throw importRefusal(name, problems);
  if (plan === null) throw importRefusal(name, []);
  plan.finishManagers();

  const missing: string[] = [];
  for (const staffId of activeStaffIds(db)) if (!plan.inFile(staffId)) missing.push(staffId);
  const markedLeft = options.missingLeft ? markLeft(db, missing, context.today) : 0;
  return {
    file: name,
    added: plan.added,
    updated: plan.updated,
    unchanged: plan.unchanged,
    notInFile: missing.length,
    markedLeft,
    enrolled: plan.enrolled,
    updates,
    warnings: [...table.warnings, ...plan.warnings],
  };
}

/** A database this command created and then refused to fill is removed, -wal and -shm too. */
function removeDatabaseFiles(path: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${path}${suffix}`, { force: true });
}

function missingCohort(cohort: number): UserError {
  return new UserError(`Cohort ${cohort} does not exist, so nobody was imported.`, {
    fix: `Create it first: remedi cohort create ${cohort} --start YYYY-MM-DD --end YYYY-MM-DD.`,
  });
}


function summarise(outcome: ImportOutcome, database: string, options: ImportOptions): ImportSummary {
  const withCohort = options.cohort !== undefined;
  const roles = outcome.enrolled.mentor + outcome.enrolled.mentee + outcome.enrolled.either;
  return {
    file: outcome.file,
    database,
    dryRun: options.dryRun === true,
    added: outcome.added,
    updated: outcome.updated,
    unchanged: outcome.unchanged,
    notInFile: outcome.notInFile,
    markedLeft: outcome.markedLeft,
    cohort: options.cohort ?? null,
    enrolled: withCohort ? roles : 0,
    enrolledByRole: withCohort ? { ...outcome.enrolled } : { mentor: 0, mentee: 0, either: 0 },
    rolesNotApplied: withCohort ? 0 : roles,
    warnings: outcome.warnings.map((warning) => problemJson(outcome.file, warning)),
  };
}

const FIELD_NAMES: Record<ChangedField, string> = {
  name: 'name',
  email: 'email',
  department: 'department',
  jobTitle: 'job title',
  staffGroup: 'staff group',
  band: 'band',
  ethnicity: 'ethnicity',
  bmeOverride: 'BME',
  functionsStated: 'function',
  boardMember: 'board member',
  lineManagerId: 'line manager',
  raceTrained: 'RACE trained',
  raceTrainedOn: 'RACE trained on',
  capacity: 'capacity',
  active: 'active',
};

/** A changed value as the administrator wrote it; ethnicity is never shown beside a name. */
function shownValue(field: ChangedField, person: StaffRecord): string {
  if (field === 'ethnicity' || field === 'bmeOverride') return '(changed)';
  if (field === 'band') return bandDisplay(person.band) || 'none';
  const value = person[field];
  if (value === null) return 'blank';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return Array.isArray(value) ? value.join('; ') : String(value);
}

function renderSummary(summary: ImportSummary, updates: readonly StaffUpdate[], options: ImportOptions): string {
  const verb = summary.dryRun ? 'would be' : 'were';
  const lines: string[] = [];
  lines.push(
    summary.dryRun
      ? `Dry run of ${summary.file}: nothing was written. Importing it into ${summary.database} would change:`
      : `Imported ${summary.file} into ${summary.database}:`,
  );
  lines.push(`  ${summary.added} added, ${summary.updated} updated, ${summary.unchanged} unchanged.`);
  for (const update of updates.slice(0, summary.dryRun ? SHOWN_UPDATES : 0)) {
    const changes = update.changed
      .map((field) => (field === 'ethnicity' || field === 'bmeOverride' ? FIELD_NAMES[field] : `${FIELD_NAMES[field]} ${shownValue(field, update.before)} -> ${shownValue(field, update.after)}`))
      .join(', ');
    lines.push(`    ${update.after.staffId} ${update.after.name}: ${changes}`);
  }
  if (summary.dryRun && summary.updated > SHOWN_UPDATES) lines.push(`    ... and ${summary.updated - SHOWN_UPDATES} more updated.`);
  if (summary.notInFile > 0) {
    lines.push(
      options.missingLeft
        ? `  ${summary.markedLeft} already known ${summary.markedLeft === 1 ? 'person is' : 'people are'} not in this file and ${verb} marked as having left (kept with their history).`
        : `  ${summary.notInFile} already known ${summary.notInFile === 1 ? 'person is' : 'people are'} not in this file and ${verb} left as they are (add --missing-left if the file is the whole staff list).`,
    );
  }
  if (summary.cohort !== null) {
    const { mentor, mentee, either } = summary.enrolledByRole;
    lines.push(`  ${summary.enrolled} ${verb} enrolled in cohort ${summary.cohort}: ${mentor} mentors, ${mentee} mentees, ${either} either.`);
  }
  return `${lines.join('\n')}\n`;
}

function renderWarnings(file: string, warnings: readonly RowProblem[], summary: ImportSummary, context: Context): void {
  const warn = context.colour.err.yellow;
  if (summary.rolesNotApplied > 0) {
    context.err(
      warn(`Note: the role column gives ${summary.rolesNotApplied} people a programme role, but no cohort was given, so no roles were applied.\n`) +
        `  To apply them: remedi import ${file} --cohort N (after remedi cohort create N ...).\n`,
    );
  }
  if (warnings.length === 0) return;
  context.err(warn(`${warnings.length === 1 ? '1 warning' : `${warnings.length} warnings`} (${summary.dryRun ? 'it would import' : 'imported'} all the same):\n`));
  context.err(`${formatProblemList(file, warnings, 'warning').join('\n')}\n`);
}
