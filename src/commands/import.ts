/**
 * `remedi import roster.csv`: validate every row, then write it all in one
 * transaction, or write nothing and say exactly what to fix.
 */
import { existsSync } from 'node:fs';
import { UserError } from '../errors.js';
import { dbPathOf, type CommonOptions, type Context } from '../context.js';
import { bandDisplay } from '../domain/bands.js';
import { ROSTER_FIELDS } from '../domain/rosterColumns.js';
import { planRosterImport, type ChangedField, type RosterPlan } from '../domain/rosterPlan.js';
import type { RowProblem } from '../domain/rosterRows.js';
import type { ProgrammeRole, StaffRecord } from '../domain/staff.js';
import type { CsvEncoding } from '../io/csvInput.js';
import { fieldColumn, readRosterFile, type RosterFile } from '../io/rosterFile.js';
import { parseMapOption } from '../io/tableFile.js';
import { enrolmentWriter, getCohort } from '../store/cohorts.js';
import { openDatabase, type Db } from '../store/db.js';
import { loadAllStaff, staffWriter } from '../store/staff.js';
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

  const file = await readRosterFile(path, { encoding: options.encoding, maps });
  const name = file.source.name;
  if (file.problems.length > 0) throw importRefusal(name, file.problems);

  const planOptions = { missingLeft: options.missingLeft === true, columnOf: (field: Parameters<typeof fieldColumn>[1]) => fieldColumn(file, field) };
  let plan: RosterPlan;
  if (options.dryRun) {
    const db = dbExists ? (await openDatabase(dbPath, { create: false })).db : null;
    try {
      if (db && options.cohort !== undefined && !getCohort(db, options.cohort)) throw missingCohort(options.cohort);
      plan = planRosterImport(db ? loadAllStaff(db) : new Map(), file.rows, planOptions);
    } finally {
      db?.close();
    }
    if (plan.problems.length > 0) throw importRefusal(name, plan.problems);
  } else {
    if (!dbExists) {
      // Refuse before creating the file: a refused import leaves no trace at all.
      const problems = planRosterImport(new Map(), file.rows, planOptions).problems;
      if (problems.length > 0) throw importRefusal(name, problems);
    }
    const opened = await openDatabase(dbPath, { create: true });
    try {
      if (opened.created) context.err(`Created the remedi database ${opened.path} (readable by you only).\n`);
      if (opened.backup) context.err(`Updated the database for this version of remedi; the database as it was is saved as ${opened.backup}.\n`);
      plan = writeRoster(opened.db, file, planOptions, options.cohort, context);
    } finally {
      opened.db.close();
    }
  }

  const summary = summarise(file, plan, dbPath, options);
  if (options.json) context.out(`${JSON.stringify(summary, null, 2)}\n`);
  else context.out(renderSummary(summary, plan, options));
  renderWarnings(name, file.warnings.concat(plan.warnings), summary, context);
  return summary;
}

/** Plans against the database as it is inside the write lock, then applies the plan. */
function writeRoster(
  db: Db,
  file: RosterFile,
  planOptions: Parameters<typeof planRosterImport>[2],
  cohort: number | undefined,
  context: Context,
): RosterPlan {
  return db
    .transaction(() => {
      if (cohort !== undefined && !getCohort(db, cohort)) throw missingCohort(cohort);
      const plan = planRosterImport(loadAllStaff(db), file.rows, planOptions);
      if (plan.problems.length > 0) throw importRefusal(file.source.name, plan.problems);
      const staff = staffWriter(db, context.today);
      for (const person of plan.added) staff.insert(person);
      for (const { after } of plan.updated) staff.update(after);
      for (const person of plan.markedLeft) staff.update(person);
      if (cohort !== undefined) {
        const enrol = enrolmentWriter(db, cohort);
        for (const { staffId, role } of plan.enrolments) enrol(staffId, role);
      }
      return plan;
    })
    .immediate();
}

function missingCohort(cohort: number): UserError {
  return new UserError(`Cohort ${cohort} does not exist, so nobody was imported.`, {
    fix: `Create it first: remedi cohort create ${cohort} --start YYYY-MM-DD --end YYYY-MM-DD.`,
  });
}


function summarise(file: RosterFile, plan: RosterPlan, database: string, options: ImportOptions): ImportSummary {
  const enrolledByRole: Record<ProgrammeRole, number> = { mentor: 0, mentee: 0, either: 0 };
  if (options.cohort !== undefined) for (const { role } of plan.enrolments) enrolledByRole[role] += 1;
  const name = file.source.name;
  return {
    file: name,
    database,
    dryRun: options.dryRun === true,
    added: plan.added.length,
    updated: plan.updated.length,
    unchanged: plan.unchanged,
    notInFile: plan.notInFile.length,
    markedLeft: plan.markedLeft.length,
    cohort: options.cohort ?? null,
    enrolled: options.cohort === undefined ? 0 : plan.enrolments.length,
    enrolledByRole,
    rolesNotApplied: options.cohort === undefined ? plan.enrolments.length : 0,
    warnings: file.warnings.concat(plan.warnings).map((warning) => problemJson(name, warning)),
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

function renderSummary(summary: ImportSummary, plan: RosterPlan, options: ImportOptions): string {
  const verb = summary.dryRun ? 'would be' : 'were';
  const lines: string[] = [];
  lines.push(
    summary.dryRun
      ? `Dry run of ${summary.file}: nothing was written. Importing it into ${summary.database} would change:`
      : `Imported ${summary.file} into ${summary.database}:`,
  );
  lines.push(`  ${summary.added} added, ${summary.updated} updated, ${summary.unchanged} unchanged.`);
  for (const update of plan.updated.slice(0, summary.dryRun ? 20 : 0)) {
    const changes = update.changed
      .map((field) => (field === 'ethnicity' || field === 'bmeOverride' ? FIELD_NAMES[field] : `${FIELD_NAMES[field]} ${shownValue(field, update.before)} -> ${shownValue(field, update.after)}`))
      .join(', ');
    lines.push(`    ${update.after.staffId} ${update.after.name}: ${changes}`);
  }
  if (summary.dryRun && plan.updated.length > 20) lines.push(`    ... and ${plan.updated.length - 20} more updated.`);
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
  context.err(warn(`${warnings.length === 1 ? '1 warning' : `${warnings.length} warnings`} (imported all the same):\n`));
  context.err(`${formatProblemList(file, warnings, 'warning').join('\n')}\n`);
}
