/**
 * The end of `remedi import`, once every row has been read and written: who is missing from
 * the file (and, with --missing-left, marking them as having left, or refusing when that is
 * too many), the relationships leavers leave behind, the warnings seen before, and the
 * summary a dry run and a real import both print. Runs inside the import's transaction.
 */
import { UserError, type RowProblem } from '../../errors.js';
import type { Context } from '../../cli/context.js';
import { enrolmentOutcome, missingPeopleDecision, type HandSetReplacement, type PlanOutcome, type StaffUpdate } from '../../domain/rosterPlan.js';
import { characteristicColumnsOf, type RosterColumn } from '../../domain/rosterCharacteristics.js';
import type { StaffRecord } from '../../domain/staff.js';
import type { Table } from '../../io/tableFile.js';
import type { Db } from '../../store/db.js';
import { recordWarningsSeen, warningFingerprint, warningsSeenBefore } from '../../store/importWarnings.js';
import { relationshipsWithLeavers } from '../../store/relationships.js';
import { activeStaffIds, createStaffSearchIndexes, markLeft, staffFinder } from '../../store/staff.js';
import {
  SHOWN_ON_TERMINAL,
  handSetReplacedJson,
  leaverRelationshipJson,
  type ChangeJson,
  type ImportReport,
  type ImportSummary,
  type PersonJson,
} from '../../ui/importOutput.js';
import { fileArgument, problemJson } from '../../ui/problems.js';
import type { ImportOptions } from './command.js';
import type { ForgottenScreen } from './forgottenScreen.js';

export interface ImportOutcome {
  report: ImportReport;
  /** The first updates, to show on the terminal. */
  updates: StaffUpdate[];
  replaced: Array<{ person: StaffRecord; replaced: HandSetReplacement }>;
}

/** What the pass over the file left: the file as read, the plan, what was written, and what the database held before. */
export interface RosterPass {
  table: Table<RosterColumn>;
  plan: PlanOutcome;
  /** The staff table held people before this import (so people can be missing from the file). */
  existing: boolean;
  activeBefore: number;
  find: (staffId: string) => StaffRecord | undefined;
  forgotten: ForgottenScreen | null;
  updates: StaffUpdate[];
  changes: ChangeJson[];
  replaced: ImportOutcome['replaced'];
  /** Writes --problems FILE (when asked for) with these warnings. */
  problemsFile: (warnings: readonly RowProblem[]) => string | undefined;
  /** The characteristics enabled, and how many values (yes or no) the file recorded of each. */
  characteristics: readonly string[];
  recorded: ReadonlyMap<string, number>;
}

export function finishImport(db: Db, pass: RosterPass, options: ImportOptions & { database: string }, context: Context): ImportOutcome {
  const { table, plan, existing, activeBefore, find, forgotten } = pass;
  const name = table.source.name;
  const dryRun = options.dryRun === true;
  // A first import filled an empty table: its search indexes are built once, now.
  if (!existing) createStaffSearchIndexes(db);
  plan.finishManagers();

  // Who is missing from the file: every id (to mark them), names for the ones shown.
  const missing: string[] = [];
  // Into an empty table (a first import), nobody can be missing from the file.
  for (const staffId of existing ? activeStaffIds(db) : []) if (!plan.inFile(staffId)) missing.push(staffId);
  const missingShown: PersonJson[] = (options.json ? missing : missing.slice(0, SHOWN_ON_TERMINAL)).map((staffId) => ({
    staffId,
    name: find(staffId)?.name ?? staffId,
  }));
  const decision = missingPeopleDecision({ missingLeft: options.missingLeft === true, yes: options.yes === true }, missing.length, activeBefore);
  if (decision === 'refuse') throw tooManyLeftRefusal(name, missing.length, activeBefore, missingShown);
  const markedLeft = decision === 'mark' ? markLeft(db, missing, context.today) : 0;

  // Read inside the transaction, so a dry run sees what it would leave.
  const nameOf = staffFinder(db);
  const leavers = relationshipsWithLeavers(db, context.today).map((r) => leaverRelationshipJson(r, (id) => nameOf(id)?.name ?? id));

  const warnings = [...table.warnings, ...plan.warnings];
  pass.problemsFile(warnings);
  const fingerprints = warnings.map(warningFingerprint);
  const seenBefore = warningsSeenBefore(db, fingerprints);
  if (!dryRun) recordWarningsSeen(db, fingerprints);

  // Counts only, never who: the file's columns of enabled characteristics, and those of remedi's it did not read.
  const columns = characteristicColumnsOf(table.mapping, pass.characteristics);
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
    ...enrolmentOutcome(plan.enrolled, options.cohort !== undefined),
    changes: pass.changes,
    handSetReplaced: pass.replaced.map((r) => handSetReplacedJson(r.person, r.replaced)),
    relationshipsWithLeavers: leavers,
    skippedForgotten: forgotten?.skipped.rows ?? 0,
    warnings: warnings.map((warning) => problemJson(name, warning)),
    warningsSeenBefore: seenBefore.filter(Boolean).length,
  };
  if (columns.read.length > 0) summary.characteristics = Object.fromEntries(columns.read.map(({ name }) => [name, pass.recorded.get(name) ?? 0]));
  return {
    report: {
      summary,
      handSetReplacedCount: plan.handSetReplaced,
      erasedOn: [...(forgotten?.skipped.erasedOn ?? [])].sort(),
      forgottenManagers: forgotten?.skipped.managers ?? 0,
      warnings,
      seenBefore,
      characteristicsNotRead: columns.notRead,
    },
    updates: pass.updates,
    replaced: pass.replaced,
  };
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
