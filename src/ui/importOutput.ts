/**
 * What `remedi import` says: the JSON summary (a contract), the summary on stdout, and
 * the notes on stderr. Ethnicity and BME are never shown beside a name: a change to them
 * is only said to have happened.
 * Over 300 lines as one idea: one command's output contract, so its JSON, summary and notes keep the same fields and the same rule on ethnicity.
 */
import { bandDisplay } from '../domain/bands.js';
import { formatDate, type IsoDate } from '../domain/dates.js';
import type { ChangedField, HandSetReplacement, StaffUpdate } from '../domain/rosterPlan.js';
import type { RowProblem } from '../errors.js';
import type { RelationshipWithLeavers } from '../domain/relationships.js';
import type { ProgrammeRole, StaffFacts, StaffRecord } from '../domain/staff.js';
import { fileArgument, formatProblemList, type problemJson } from './problems.js';
import { FACT_LABEL } from './staffOutput.js';
import { visible } from './terminalText.js';

/** How many people, changes or relationships the terminal shows before "... and N more". */
export const SHOWN_ON_TERMINAL = 20;

export interface PersonJson {
  staffId: string;
  name: string;
}

/** A fact's value, or `active`'s (a boolean, as some facts are). */
type FactValue = StaffFacts[keyof StaffFacts];

/** One changed field; ethnicity and BME carry no values ("changed" is all that is said). */
export interface FieldChangeJson {
  field: string;
  before?: FactValue;
  after?: FactValue;
}

export interface ChangeJson extends PersonJson {
  fields: FieldChangeJson[];
}

export interface HandSetReplacedJson extends PersonJson {
  field: string;
  before?: FactValue;
  after?: FactValue;
}

export interface LeaverRelationshipJson {
  id: number;
  cohort: number;
  mentee: PersonJson;
  mentors: PersonJson[];
  /** Staff ids of the people in it who have left. */
  left: string[];
  /** Its mentee, or every mentor, has left: it needs ending and a replacement. */
  needsReplacement: boolean;
  /** The command that ends it. */
  command: string;
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
  /** Everyone marked (or, in a dry run, who would be marked) as having left. */
  markedLeftPeople: PersonJson[];
  cohort: number | null;
  /** The file has a role column (without one, `--cohort` enrols nobody). */
  roleColumn: boolean;
  enrolled: number;
  enrolledByRole: Record<ProgrammeRole, number>;
  rolesNotApplied: number;
  /** Every person updated, with what changed. */
  changes: ChangeJson[];
  /** Values set by hand that a non-blank cell replaced. */
  handSetReplaced: HandSetReplacedJson[];
  /** Running relationships in which someone has left, after this import. */
  relationshipsWithLeavers: LeaverRelationshipJson[];
  /** Rows skipped because their person was erased with `remedi forget`. */
  skippedForgotten: number;
  /** Every warning, those shown at an earlier import too. */
  warnings: ReturnType<typeof problemJson>[];
  /** How many of the warnings were shown at an earlier import. */
  warningsSeenBefore: number;
  /**
   * Per enabled characteristic whose column the file has: how many people it gives a value
   * (yes or no; the others are unknown). Counts only. Absent when the file has none.
   */
  characteristics?: Record<string, number>;
}

/** What the command found, for the summary and the notes. */
export interface ImportReport {
  summary: ImportSummary;
  /** Counts behind lists that the terminal shortens. */
  handSetReplacedCount: number;
  /** The days the skipped rows' people were erased. */
  erasedOn: IsoDate[];
  /** Line manager ids left blank because they belonged to someone erased. */
  forgottenManagers: number;
  warnings: RowProblem[];
  /** Per warning: shown at an earlier import. */
  seenBefore: boolean[];
  /** Columns of remedi's characteristics that are not enabled, so were not read. */
  characteristicsNotRead: ReadonlyArray<{ name: string; column: string }>;
}

/** The facts as staff show names them, but for the words a roster's changes have always used. */
const FIELD_NAMES: Record<ChangedField, string> = {
  ...FACT_LABEL,
  functionsStated: 'function',
  raceTrained: 'RACE trained',
  raceTrainedOn: 'RACE trained on',
  active: 'active',
  leftOn: 'left on',
};

/** The names `staff list --json` gives the same facts. */
const FIELD_JSON: Record<ChangedField, string> = {
  name: 'name',
  email: 'email',
  department: 'department',
  jobTitle: 'jobTitle',
  staffGroup: 'staffGroup',
  band: 'band',
  ethnicity: 'ethnicity',
  bmeOverride: 'bme',
  functionsStated: 'functions',
  boardMember: 'boardMember',
  lineManagerId: 'lineManagerId',
  raceTrained: 'raceTrained',
  raceTrainedOn: 'raceTrainedOn',
  capacity: 'capacity',
  active: 'active',
  leftOn: 'leftOn',
};

const secret = (field: ChangedField): boolean => field === 'ethnicity' || field === 'bmeOverride';

function fieldJson(field: ChangedField, before: FactValue, after: FactValue): FieldChangeJson {
  return secret(field) ? { field: FIELD_JSON[field] } : { field: FIELD_JSON[field], before, after };
}

export function changeJson(update: StaffUpdate): ChangeJson {
  return {
    staffId: update.after.staffId,
    name: update.after.name,
    fields: update.changed.map((field) => fieldJson(field, update.before[field] ?? null, update.after[field] ?? null)),
  };
}

export function handSetReplacedJson(person: StaffRecord, replaced: HandSetReplacement): HandSetReplacedJson {
  return { staffId: person.staffId, name: person.name, ...fieldJson(replaced.field, replaced.before, replaced.after) };
}

/** The reason `pair end` records: who left, never by name. */
function endReason(relationship: RelationshipWithLeavers): string {
  const menteeLeft = relationship.left.includes(relationship.menteeId);
  const mentorsLeft = relationship.left.filter((id) => id !== relationship.menteeId).length;
  const mentors = mentorsLeft === 0 ? null : mentorsLeft < relationship.mentorIds.length ? 'a mentor' : mentorsLeft === 1 ? 'mentor' : 'both mentors';
  return `${[menteeLeft ? 'mentee' : null, mentors].filter((part) => part !== null).join(' and ')} left the trust`;
}

export function leaverRelationshipJson(relationship: RelationshipWithLeavers, nameOf: (staffId: string) => string): LeaverRelationshipJson {
  const person = (staffId: string): PersonJson => ({ staffId, name: nameOf(staffId) });
  return {
    id: relationship.id,
    cohort: relationship.cohort,
    mentee: person(relationship.menteeId),
    mentors: relationship.mentorIds.map(person),
    left: relationship.left,
    needsReplacement: relationship.needsReplacement,
    command: `remedi pair end ${relationship.id} --reason "${endReason(relationship)}"`,
  };
}

/** A changed value as the administrator wrote it; ethnicity is never shown beside a name. */
function shownValue(field: ChangedField, value: FactValue): string {
  if (field === 'band') return bandDisplay(value as string | null) || 'none';
  if (value === null) return 'blank';
  if (field === 'leftOn' || field === 'raceTrainedOn') return formatDate(value as IsoDate);
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return Array.isArray(value) ? value.join('; ') : String(value);
}

function shownChange(field: ChangedField, before: FactValue, after: FactValue): string {
  return secret(field) ? `${FIELD_NAMES[field]} (changed)` : `${FIELD_NAMES[field]} ${shownValue(field, before)} -> ${shownValue(field, after)}`;
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;
const more = (shown: number, total: number, what: string): string[] => (total > shown ? [`    ... and ${total - shown} more ${what}.`] : []);

/** The summary on stdout (no colour: every line is shown with visible escapes, since names and values are data). */
export function renderImportSummary(
  report: ImportReport,
  updates: readonly StaffUpdate[],
  replaced: ReadonlyArray<{ person: StaffRecord; replaced: HandSetReplacement }>,
): string {
  const { summary } = report;
  const verb = summary.dryRun ? 'would be' : 'were';
  const lines: string[] = [];
  lines.push(
    summary.dryRun
      ? `Dry run of ${summary.file}: nothing was written. Importing it into ${summary.database} would change:`
      : `Imported ${summary.file} into ${summary.database}:`,
  );
  lines.push(`  ${summary.added} added, ${summary.updated} updated, ${summary.unchanged} unchanged.`);
  for (const update of updates.slice(0, SHOWN_ON_TERMINAL)) {
    const changes = update.changed.map((field) => shownChange(field, update.before[field] ?? null, update.after[field] ?? null)).join(', ');
    lines.push(`    ${update.after.staffId} ${update.after.name}: ${changes}`);
  }
  lines.push(...more(Math.min(updates.length, SHOWN_ON_TERMINAL), summary.updated, 'updated (all of them with --json)'));

  if (report.handSetReplacedCount > 0) {
    const replacedVerb = summary.dryRun ? 'would be' : report.handSetReplacedCount === 1 ? 'was' : 'were';
    lines.push(`  ${plural(report.handSetReplacedCount, 'value', 'values')} set by hand ${replacedVerb} replaced by the file (a filled-in cell is HR's word):`);
    for (const { person, replaced: r } of replaced.slice(0, SHOWN_ON_TERMINAL))
      lines.push(`    ${person.staffId} ${person.name}: ${shownChange(r.field, r.before, r.after)}`);
    lines.push(...more(Math.min(replaced.length, SHOWN_ON_TERMINAL), report.handSetReplacedCount, 'replaced'));
  }

  if (summary.notInFile > 0) {
    if (summary.markedLeft > 0) {
      lines.push(
        `  ${plural(summary.markedLeft, 'already known person is', 'already known people are')} not in this file and ${verb} marked as having left (kept with their history):`,
      );
      for (const person of summary.markedLeftPeople.slice(0, SHOWN_ON_TERMINAL)) lines.push(`    ${person.staffId} ${person.name}`);
      lines.push(...more(Math.min(summary.markedLeftPeople.length, SHOWN_ON_TERMINAL), summary.markedLeft, 'marked as having left (all of them with --json)'));
    } else {
      lines.push(
        `  ${plural(summary.notInFile, 'already known person is', 'already known people are')} not in this file and ${verb} left as they are (add --missing-left if the file is the whole staff list).`,
      );
    }
  }
  if (summary.cohort !== null) {
    if (!summary.roleColumn) lines.push(`  Nobody ${summary.dryRun ? 'would be' : 'was'} enrolled in cohort ${summary.cohort}: the file has no role column.`);
    else {
      const { mentor, mentee, either } = summary.enrolledByRole;
      lines.push(`  ${summary.enrolled} ${verb} enrolled in cohort ${summary.cohort}: ${mentor} mentors, ${mentee} mentees, ${either} either.`);
    }
  }
  for (const [name, count] of Object.entries(summary.characteristics ?? {})) {
    lines.push(`  ${name}: a value ${summary.dryRun ? 'would be' : 'was'} recorded for ${plural(count, 'person', 'people')} (the others unknown).`);
  }
  return `${lines.map(visible).join('\n')}\n`;
}

/**
 * The notes on stderr: roles, erased people skipped, relationships with leavers, warnings.
 * The file name, names and quoted cells are data: shown with visible escapes before any colour.
 */
export function renderImportNotes(report: ImportReport, colour: (text: string) => string): string {
  const { summary } = report;
  const out: string[] = [];
  const warn = (text: string) => colour(visible(text));
  if (summary.rolesNotApplied > 0) {
    out.push(
      warn(`Note: the role column gives ${summary.rolesNotApplied} people a programme role, but no cohort was given, so no roles were applied.`),
      visible(`  To apply them: remedi import ${fileArgument(summary.file)} --cohort N (after remedi cohort create N ...).`),
    );
  }
  if (summary.cohort !== null && !summary.roleColumn) {
    out.push(
      warn(`Note: ${summary.file} has no role column, so nobody was enrolled in cohort ${summary.cohort}. Enrol people by command:`),
      `  remedi cohort enrol ${summary.cohort} --mentee P ... --mentor P ...   (P: a staff id, an email or a name)`,
      `  remedi cohort enrol ${summary.cohort} --from FILE                      (a CSV or .xlsx with a person column and a role column)`,
    );
  }
  for (const { name, column } of report.characteristicsNotRead) {
    out.push(
      warn(`Note: ${column} was not read: ${name} is not enabled, so remedi records nothing of it.`),
      `  To record it: remedi characteristics enable ${name}, then import again.`,
    );
  }
  if (summary.skippedForgotten > 0) {
    const days = report.erasedOn.map(formatDate);
    const who = summary.skippedForgotten === 1 ? 'a person' : 'people';
    out.push(warn(`${plural(summary.skippedForgotten, 'row', 'rows')} skipped: ${who} erased on ${joinAnd(days)}.`));
  }
  if (report.forgottenManagers > 0) {
    out.push(
      warn(
        `${plural(report.forgottenManagers, 'line manager id was', 'line manager ids were')} left blank: ${report.forgottenManagers === 1 ? 'it belongs' : 'they belong'} to a person who was erased.`,
      ),
    );
  }
  out.push(...leaverLines(summary).map(visible));
  out.push(...warningLines(report, warn));
  return out.length === 0 ? '' : `${out.join('\n')}\n`;
}

function leaverLines(summary: ImportSummary): string[] {
  const relationships = summary.relationshipsWithLeavers;
  if (relationships.length === 0) return [];
  const lines = [
    `${plural(relationships.length, 'running relationship', 'running relationships')} ${summary.dryRun ? 'would involve' : relationships.length === 1 ? 'involves' : 'involve'} someone who has left the trust:`,
  ];
  for (const r of relationships.slice(0, SHOWN_ON_TERMINAL)) {
    const who = (p: PersonJson) => `${p.staffId} ${p.name}${r.left.includes(p.staffId) ? ' (left)' : ''}`;
    const menteeLeft = r.left.includes(r.mentee.staffId);
    const what = !r.needsReplacement
      ? 'It can go on with its other mentor; to end it:'
      : menteeLeft
        ? 'It needs ending, and its mentors a new mentee:'
        : 'It needs ending, and its mentee a new mentor:';
    lines.push(
      `  #${r.id} (cohort ${r.cohort}): mentee ${who(r.mentee)}; ${r.mentors.length === 1 ? 'mentor' : 'mentors'} ${r.mentors.map(who).join(', ')}. ${what}`,
      `    ${r.command}`,
    );
  }
  lines.push(...more(SHOWN_ON_TERMINAL, relationships.length, 'relationships (all of them with --json)').map((line) => line.slice(2)));
  return lines;
}

function warningLines(report: ImportReport, warn: (text: string) => string): string[] {
  const { warnings, seenBefore, summary } = report;
  if (warnings.length === 0) return [];
  const fresh = warnings.filter((_, k) => !seenBefore[k]);
  const lines: string[] = [];
  const doing = summary.dryRun ? 'it would import' : 'imported';
  if (fresh.length > 0) {
    lines.push(
      warn(`${plural(fresh.length, 'warning', 'warnings')}${fresh.length < warnings.length ? ' not shown at an earlier import' : ''} (${doing} all the same):`),
    );
    lines.push(...formatProblemList(summary.file, fresh, 'warning').map(visible));
  }
  const repeated = warnings.length - fresh.length;
  if (repeated > 0) {
    lines.push(
      warn(
        `${repeated === 1 ? '1 warning shown at an earlier import is' : `${repeated} warnings shown at an earlier import are`} still there; see them all with --json.`,
      ),
    );
  }
  return lines;
}

function joinAnd(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
