/**
 * `remedi export`: the columns of each CSV file it writes, and its summary. The staff.csv and
 * sessions.csv columns are the file formats `remedi import` and `remedi import-sessions` read
 * back, so their names are typed against those importers' fields (domain/rosterColumns.ts,
 * domain/sessionImport.ts): a column the importer would not know does not compile.
 */
import { characteristicCell } from '../domain/characteristics.js';
import type { IsoDate } from '../domain/dates.js';
import type { RosterField } from '../domain/rosterColumns.js';
import type { SessionField } from '../domain/sessionRows.js';
import type { ProgrammeRole, StaffRecord } from '../domain/staff.js';
import type { CsvCell } from '../io/csvOutput.js';

/** One file of the export: its name, header and rows. */
export interface ExportTable {
  file: string;
  headers: readonly string[];
  /** staff.csv's are made from the staff as they are read, while the file is written: once. */
  rows: Iterable<CsvCell[]>;
}

export interface ExportedEnrolment {
  cohort: number;
  staffId: string;
  role: ProgrammeRole;
  withdrawnOn: IsoDate | null;
  withdrawReason: string | null;
}

export interface ExportedCohort {
  number: number;
  name: string | null;
  start: IsoDate;
  end: IsoDate;
  minMonths: number;
  minPerMonth: number;
  meetEvery?: number | null;
}

export interface ExportedRelationship {
  id: number;
  cohort: number;
  menteeId: string;
  mentors: ReadonlyArray<{ staffId: string; slot: string | null }>;
  type: string;
  score: number;
  reasons: readonly string[];
  start: IsoDate;
  endedOn: IsoDate | null;
  endReason: string | null;
  plannedEnd: IsoDate;
  override: boolean;
}

export interface ExportedSession {
  id: number;
  relationshipId: number;
  date: IsoDate;
  minutes: number;
  kind: string;
  level: string;
  themes: readonly string[];
  livedExperience: boolean;
  mentors: readonly string[];
  notes: string | null;
}

export interface ExportedMeeting {
  id: number;
  cohort: number;
  date: IsoDate;
  attended: readonly string[];
  themes: readonly string[];
  actions: readonly string[];
  notes: string | null;
}

export interface ExportContents {
  /** Everyone (or the one person), as they are read: a whole roster is never held at once. */
  staff: Iterable<StaffRecord>;
  enrolments: readonly ExportedEnrolment[];
  cohorts: readonly ExportedCohort[];
  relationships: readonly ExportedRelationship[];
  sessions: readonly ExportedSession[];
  targetedDepartments: readonly string[];
  /** Cohort meetings: all of them, or for a subject access request those the person attended. */
  meetings?: readonly ExportedMeeting[];
  /**
   * The enabled characteristics (docs/characteristics.md), each a column of staff.csv under its
   * name, which an import recognises, and each person's stored values (unknown where none is).
   */
  characteristics?: { names: readonly string[]; valuesOf: (staffId: string) => ReadonlyMap<string, 'yes' | 'no'> | undefined };
}

const STAFF_COLUMNS = [
  'staff_id',
  'name',
  'email',
  'department',
  'job_title',
  'band',
  'staff_group',
  'ethnicity',
  'bme',
  'function',
  'board_member',
  'line_manager_id',
  'race_trained',
  'capacity',
  'active',
  'left_on',
] as const satisfies readonly RosterField[];

const SESSION_COLUMNS = [
  'session_id',
  'pair_id',
  'date',
  'minutes',
  'kind',
  'level',
  'themes',
  'lived_experience',
  'mentors',
  'notes',
] as const satisfies ReadonlyArray<SessionField | 'session_id'>;

/**
 * The files of an export, in the order written. For a subject access request the
 * relationships leave out what would tell the person another's BME status (docs/privacy.md,
 * "Subject access"), and cohorts.csv and targeted-departments.csv are written empty.
 */
export function exportTables(contents: ExportContents, { subjectAccess }: { subjectAccess: boolean }): ExportTable[] {
  const characteristics = contents.characteristics?.names ?? [];
  const valuesOf = contents.characteristics?.valuesOf ?? (() => undefined);
  return [
    {
      file: 'staff.csv',
      headers: [...STAFF_COLUMNS, ...characteristics],
      rows: mapEach(contents.staff, (p) => [
        p.staffId,
        p.name,
        p.email,
        p.department,
        p.jobTitle,
        p.band,
        p.staffGroup,
        p.ethnicity,
        p.bmeOverride === null ? null : p.bmeOverride,
        p.functionsStated?.join('; ') ?? null,
        p.boardMember,
        p.lineManagerId,
        p.raceTrainedOn ?? p.raceTrained,
        p.capacity,
        // Who has left and when: `remedi import` reads both back (rosterRows.ts).
        p.active,
        p.leftOn ?? null,
        ...characteristics.map((name) => characteristicCell(name, valuesOf(p.staffId)?.get(name) ?? 'unknown')),
      ]),
    },
    {
      file: 'enrolments.csv',
      headers: ['cohort', 'staff_id', 'role', 'withdrawn_on', 'withdraw_reason'],
      rows: contents.enrolments.map((e) => [e.cohort, e.staffId, e.role, e.withdrawnOn, e.withdrawReason]),
    },
    {
      file: 'cohorts.csv',
      headers: ['cohort', 'name', 'start', 'end', 'min_months', 'min_per_month', 'meet_every'],
      rows: contents.cohorts.map((c) => [c.number, c.name, c.start, c.end, c.minMonths, c.minPerMonth, c.meetEvery ?? null]),
    },
    subjectAccess ? subjectAccessRelationships(contents.relationships) : relationshipsTable(contents.relationships),
    {
      file: 'sessions.csv',
      headers: SESSION_COLUMNS,
      rows: contents.sessions.map((s) => [
        s.id,
        s.relationshipId,
        s.date,
        s.minutes,
        s.kind,
        s.level,
        s.themes.join('; '),
        s.livedExperience,
        s.mentors.join('; '),
        s.notes,
      ]),
    },
    { file: 'targeted-departments.csv', headers: ['department'], rows: contents.targetedDepartments.map((name) => [name]) },
    subjectAccess ? subjectAccessMeetings(contents.meetings ?? []) : meetingsTable(contents.meetings ?? []),
  ];
}

function* mapEach<T, U>(items: Iterable<T>, map: (item: T) => U): Generator<U> {
  for (const item of items) yield map(item);
}

function meetingsTable(meetings: readonly ExportedMeeting[]): ExportTable {
  return {
    file: 'meetings.csv',
    headers: ['meeting_id', 'cohort', 'date', 'attended_ids', 'themes', 'actions', 'notes'],
    rows: meetings.map((m) => [m.id, m.cohort, m.date, m.attended.join('; '), m.themes.join('; '), m.actions.join(' | '), m.notes]),
  };
}

/**
 * A subject access request lists the meetings the person attended by cohort and day only: who
 * else came is about others, and the themes, actions and notes are the cohort's, not theirs.
 */
function subjectAccessMeetings(meetings: readonly ExportedMeeting[]): ExportTable {
  return { file: 'meetings.csv', headers: ['cohort', 'date'], rows: meetings.map((m) => [m.cohort, m.date]) };
}

function relationshipsTable(relationships: readonly ExportedRelationship[]): ExportTable {
  return {
    file: 'relationships.csv',
    headers: [
      'pair_id',
      'cohort',
      'mentee_id',
      'mentor_ids',
      'slots',
      'type',
      'score',
      'start',
      'ended_on',
      'planned_end',
      'end_reason',
      'override',
      'reasons',
    ],
    rows: relationships.map((r) => [
      r.id,
      r.cohort,
      r.menteeId,
      r.mentors.map((m) => m.staffId).join('; '),
      r.mentors.map((m) => m.slot ?? '').join('; '),
      r.type,
      r.score,
      r.start,
      r.endedOn,
      r.plannedEnd,
      r.endReason,
      r.override,
      r.reasons.join(' | '),
    ]),
  };
}

/**
 * A subject access request goes to the person, and must not tell them the other people's BME
 * status: the mentor slots ("bme"), the pair type ("race": a BME mentor, a mentee who is not),
 * the score built from them, and the reasons that spell them out are left out. A trio's
 * mentors are listed by staff id, not in slot order (the BME slot comes first).
 */
function subjectAccessRelationships(relationships: readonly ExportedRelationship[]): ExportTable {
  return {
    file: 'relationships.csv',
    headers: ['pair_id', 'cohort', 'mentee_id', 'mentor_ids', 'start', 'ended_on', 'planned_end', 'end_reason', 'override'],
    rows: relationships.map((r) => [
      r.id,
      r.cohort,
      r.menteeId,
      r.mentors
        .map((m) => m.staffId)
        .sort()
        .join('; '),
      r.start,
      r.endedOn,
      r.plannedEnd,
      r.endReason,
      r.override,
    ]),
  };
}

/** `export --json`. */
export interface ExportSummary {
  directory: string;
  staffId: string | null;
  files: Array<{ file: string; rows: number }>;
}

export function exportSummaryText(summary: ExportSummary): string {
  const what = summary.staffId === null ? 'everything remedi holds' : `everything remedi holds about ${summary.staffId}`;
  return (
    `Exported ${what} to ${summary.directory} (readable by you only):\n` +
    summary.files.map((f) => `  ${f.file}: ${f.rows} ${f.rows === 1 ? 'row' : 'rows'}`).join('\n') +
    '\n'
  );
}

/** Said on stderr after a subject access export: what to read before sending it. */
export const SUBJECT_ACCESS_NOTE =
  "relationships.csv leaves out the pair type, score, mentor slots and pairing reasons: they would tell this person the other people's BME status.\n" +
  'Session notes (sessions.csv) and end reasons (relationships.csv) are as the programme team wrote them and may mention other people: read them before you send the export.\n';
