/** The staff table: people as the rosters describe them, leavers kept with their history. */
import type { StaffFunction } from '../domain/functions.js';
import type { ClassifiedFacts, ProgrammeRole, StaffFacts, StaffRecord } from '../domain/staff.js';
import { foldText } from '../domain/people.js';
import type { IsoDate } from '../domain/dates.js';
import { csvCellSql } from '../io/csvOutput.js';
import type { Db } from './db.js';
import { STAFF_SEARCH_INDEXES } from './staffSearchIndexes.js';

export interface StaffRow {
  staff_id: string;
  name: string;
  email: string | null;
  department: string | null;
  job_title: string | null;
  staff_group: string | null;
  band: string | null;
  ethnicity: string | null;
  bme_override: number | null;
  functions: string | null;
  board_member: number;
  line_manager_id: string | null;
  race_trained: number;
  race_trained_on: string | null;
  capacity: number;
  active: number;
  left_on: string | null;
  hand_set: string | null;
}

const flag = (value: boolean): number => (value ? 1 : 0);

/** The columns a StaffRecord is read from (a hot lookup reads no more than it needs). */
const STAFF_COLUMNS = `staff_id, name, email, department, job_title, staff_group, band, ethnicity, bme_override, functions,
  board_member, line_manager_id, race_trained, race_trained_on, capacity, active, left_on, hand_set`;

export function staffFromRow(row: StaffRow): StaffRecord {
  return {
    staffId: row.staff_id,
    name: row.name,
    email: row.email,
    department: row.department,
    jobTitle: row.job_title,
    staffGroup: row.staff_group,
    band: row.band,
    ethnicity: row.ethnicity,
    bmeOverride: row.bme_override === null ? null : row.bme_override === 1,
    functionsStated: row.functions === null ? null : (row.functions.split(';') as StaffFunction[]),
    boardMember: row.board_member === 1,
    lineManagerId: row.line_manager_id,
    raceTrained: row.race_trained === 1,
    raceTrainedOn: row.race_trained_on,
    capacity: row.capacity,
    active: row.active === 1,
    ...(row.active === 1 || row.left_on === null ? {} : { leftOn: row.left_on }),
    ...(row.hand_set === null ? {} : { handSet: JSON.parse(row.hand_set) as Array<keyof StaffFacts> }),
  };
}

/** Everyone we know, keyed by staff id (leavers too). */
export function loadAllStaff(db: Db): Map<string, StaffRecord> {
  const rows = db.prepare('SELECT * FROM staff').all() as StaffRow[];
  return new Map(rows.map((row) => [row.staff_id, staffFromRow(row)]));
}

/**
 * Everyone we know in the order they were added (loadAllStaff's order), one at a time: read as
 * values (.raw()), the columns a record needs and no more, for export's whole roster. Each record
 * is garbage once its line is written: held all at once, a trust's fifteen thousand were most of
 * an export's time (the young generation copying them again and again).
 */
export function* eachStaffInOrderAdded(db: Db): Generator<StaffRecord> {
  const rows = db.prepare(`SELECT ${STAFF_COLUMNS} FROM staff ORDER BY rowid`).raw().iterate() as Iterable<StaffValues>;
  for (const values of rows) yield staffFromValues(values);
}

/** Looks people up one at a time (a million-row import cannot hold everyone in memory). */
export function staffFinder(db: Db): (staffId: string) => StaffRecord | undefined {
  const find = db.prepare(`SELECT ${STAFF_COLUMNS} FROM staff WHERE staff_id = ?`);
  return (staffId) => {
    const row = find.get(staffId) as StaffRow | undefined;
    return row ? staffFromRow(row) : undefined;
  };
}

/**
 * Line managers two levels up from the given people, for the line-chain rule: their own
 * managers and their managers' managers, without reading the whole staff list.
 */
export function managersOf(db: Db, staffIds: Iterable<string>): Map<string, string | null> {
  const query = db.prepare('SELECT staff_id, line_manager_id FROM staff WHERE staff_id IN (SELECT value FROM json_each(?))').raw();
  const result = new Map<string, string | null>();
  const lookUp = (ids: string[]) => {
    for (const [id, manager] of query.all(JSON.stringify(ids)) as Array<[string, string | null]>) result.set(id, manager);
  };
  lookUp([...new Set(staffIds)]);
  lookUp([...new Set([...result.values()].filter((id): id is string => id !== null && !result.has(id)))]);
  return result;
}

/** Everyone still active, in the order they were added, with their name; streamed. */
export function* activeStaffIds(db: Db): Generator<string> {
  for (const staffId of db.prepare('SELECT staff_id FROM staff WHERE active = 1 ORDER BY rowid').pluck().iterate()) yield staffId as string;
}

export function countActiveStaff(db: Db): number {
  return db.prepare('SELECT count(*) FROM staff WHERE active = 1').pluck().get() as number;
}

/** Whether the staff table holds anyone (a first import fills an empty one). */
export function hasStaff(db: Db): boolean {
  return db.prepare('SELECT EXISTS (SELECT 1 FROM staff)').pluck().get() === 1;
}

/** Whether remedi holds a person with this staff id, asked one id at a time. */
export function staffIdKnown(db: Db): (staffId: string) => boolean {
  const known = db.prepare('SELECT 1 FROM staff WHERE staff_id = ?').pluck();
  return (staffId) => known.get(staffId) !== undefined;
}

/** Marks people as having left (kept with their history). Call inside a transaction. */
export function markLeft(db: Db, staffIds: Iterable<string>, today: IsoDate): number {
  const update = db.prepare('UPDATE staff SET active = 0, left_on = coalesce(left_on, ?), updated_on = ? WHERE staff_id = ? AND active = 1');
  let count = 0;
  for (const staffId of staffIds) count += update.run(today, today, staffId).changes;
  return count;
}

export interface StaffWriter {
  insert(person: StaffRecord): void;
  /** Inserts the person whose staffInsertValues start at `values[at]` (made by a reading worker, say). */
  insertValues(values: readonly unknown[], at: number): void;
  update(person: StaffRecord): void;
}

/** How many values staffInsertValues gives per person; its staff id is the one at STAFF_INSERT_ID. */
export const STAFF_INSERT_WIDTH = 21;
export const STAFF_INSERT_ID = 17;

/**
 * What the staff writer's insert binds for a new person, in its order, pushed onto `out`: plain
 * values, so they can be worked out on another thread. A leaver's day is their `leftOn` when
 * given, else `today`.
 */
export function staffInsertValues(person: StaffRecord, today: IsoDate, out: unknown[]): void {
  pushFactValues(person, out);
  out.push(person.staffId, person.active ? null : (person.leftOn ?? today), today, today);
}

const PLAIN_ASCII = /^[\x21-\x7e]+(?: [\x21-\x7e]+)*$/;

/**
 * A name as name_key stores it: foldText's. A name of printable ASCII words with single
 * spaces between them (most of a roster) has no accents to strip and no spaces to squeeze,
 * so folding it is lower-casing it (test/store/staff.test.ts holds the two equal).
 */
export function nameKey(name: string): string {
  return PLAIN_ASCII.test(name) ? name.toLowerCase() : foldText(name);
}

/** The staff columns a roster sets, in statement order (positional: a million rows bind fast), pushed onto `out`. */
function pushFactValues(person: StaffRecord, out: unknown[]): void {
  out.push(
    person.name,
    person.email,
    person.department,
    person.jobTitle,
    person.staffGroup,
    person.band,
    person.ethnicity,
    person.bmeOverride === null ? null : flag(person.bmeOverride),
    person.functionsStated === null ? null : person.functionsStated.join(';'),
    flag(person.boardMember),
    person.lineManagerId,
    flag(person.raceTrained),
    person.raceTrainedOn,
    person.capacity,
    flag(person.active),
    nameKey(person.name),
    person.handSet === undefined || person.handSet.length === 0 ? null : JSON.stringify(person.handSet),
  );
}

/**
 * Prepared statements for a batch of writes; call inside a transaction. A leaver's day is
 * their `leftOn` when given (a file said so), else the day already recorded, else today.
 * An insert binds staffInsertValues.
 */
export function staffWriter(db: Db, today: IsoDate): StaffWriter {
  const insert = db.prepare(`
    INSERT INTO staff (name, email, department, job_title, staff_group, band, ethnicity, bme_override, functions,
      board_member, line_manager_id, race_trained, race_trained_on, capacity, active, name_key, hand_set, staff_id, left_on, added_on, updated_on)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const update = db.prepare(`
    UPDATE staff SET name = ?, email = ?, department = ?, job_title = ?, staff_group = ?, band = ?, ethnicity = ?,
      bme_override = ?, functions = ?, board_member = ?, line_manager_id = ?, race_trained = ?, race_trained_on = ?,
      capacity = ?, active = ?, name_key = ?, hand_set = ?, left_on = CASE WHEN ? = 1 THEN NULL ELSE coalesce(?, left_on, ?) END, updated_on = ?
    WHERE staff_id = ?`);
  // One call with the values written out (no array to spread): a first import inserts every row of the file.
  const insertValues = (v: readonly unknown[], at: number): void => {
    insert.run(
      v[at],
      v[at + 1],
      v[at + 2],
      v[at + 3],
      v[at + 4],
      v[at + 5],
      v[at + 6],
      v[at + 7],
      v[at + 8],
      v[at + 9],
      v[at + 10],
      v[at + 11],
      v[at + 12],
      v[at + 13],
      v[at + 14],
      v[at + 15],
      v[at + 16],
      v[at + 17],
      v[at + 18],
      v[at + 19],
      v[at + 20],
    );
  };
  const scratch: unknown[] = [];
  return {
    insert: (person) => {
      scratch.length = 0;
      staffInsertValues(person, today, scratch);
      insertValues(scratch, 0);
    },
    insertValues,
    update: (person) => {
      const values: unknown[] = [];
      pushFactValues(person, values);
      update.run(...values, flag(person.active), person.leftOn ?? null, today, today, person.staffId);
    },
  };
}

export interface ListedStaff extends StaffRecord {
  /** Their role in the cohort asked for; absent when listing everyone. */
  role?: ProgrammeRole;
}

/** Each person's stored characteristics as one value after the others, `name=value,...` (names are lower-case letters, digits and underscores). */
const CHARACTERISTICS_COLUMN = `(SELECT group_concat(c.name || '=' || c.value) FROM staff_characteristics c WHERE c.staff_id = staff.staff_id)`;

/** A characteristics column's value as the stored values by name (none stored: an empty map). */
export function characteristicsFrom(value: unknown): ReadonlyMap<string, 'yes' | 'no'> {
  const map = new Map<string, 'yes' | 'no'>();
  if (typeof value !== 'string') return map;
  for (const pair of value.split(',')) {
    const at = pair.indexOf('=');
    map.set(pair.slice(0, at), pair.slice(at + 1) as 'yes' | 'no');
  }
  return map;
}

/**
 * Everyone (leavers too), or one cohort's participants with their role; by staff id.
 * People who withdrew from the cohort are left out unless `withdrawn` asks for them.
 */
export function listStaff(db: Db, cohort?: number, options: { withdrawn?: boolean } = {}): ListedStaff[] {
  return [...eachListedStaff(db, cohort, options)];
}

/**
 * Who a cohort's list holds, by staff id: its participants (the cohort, then 1 to keep those who
 * withdrew, bound in that order), their enrolment beside their staff row.
 */
const COHORT_LIST = `FROM enrolments JOIN staff USING (staff_id)
  WHERE enrolments.cohort = ? AND (? = 1 OR enrolments.withdrawn_on IS NULL) ORDER BY staff_id`;

/**
 * listStaff one person at a time, as SQLite reads them: `staff list` of a national roster
 * writes each person as it comes instead of holding a million records (the database stays
 * busy until the loop ends).
 */
export function* eachListedStaff(db: Db, cohort?: number, { withdrawn = false }: { withdrawn?: boolean } = {}): Generator<ListedStaff> {
  // Rows as arrays (.raw()): naming eighteen properties on each of a million rows was most of the reading.
  if (cohort === undefined) {
    for (const row of db.prepare(`SELECT ${STAFF_COLUMNS} FROM staff ORDER BY staff_id`).raw().iterate()) yield staffFromValues(row as StaffValues);
    return;
  }
  const rows = db
    .prepare(`SELECT ${STAFF_COLUMNS}, enrolments.role AS role ${COHORT_LIST}`)
    .raw()
    .iterate(cohort, withdrawn ? 1 : 0);
  for (const row of rows) yield { ...staffFromValues(row as StaffValues), role: (row as StaffValues)[18] as ProgrammeRole };
}

/**
 * A person as text that SQLite writes (staff list --json and --csv of a national roster):
 * literal text, a field's value where `{ field }` stands, written as the template's `as` says
 * (JSON: text quoted and escaped as JSON.stringify does, flags true or false, numbers as
 * digits; CSV: each a cell by io/csvOutput.ts's rules; plain: a CSV cell as it is, NULL as
 * nothing, for a caller that looks over the line and asks for any that needs the rules again
 * with staffTextRowOf), or a flag as the template's own
 * `words` for true and false; and a hole where the caller writes what only remedi can
 * (`classification`: read as the facts it depends on; `raceTraining`: whether and when;
 * `characteristics`: the stored values). SQLite making the text is half the work of making
 * each value a string in JavaScript and writing it out there (staffTextRows).
 */
export interface StaffTextTemplate {
  as: 'json' | 'csv' | 'plain';
  pieces: ReadonlyArray<string | { field: StaffTextField; words?: readonly [string, string] } | { hole: StaffTextHole }>;
}
export type StaffTextHole = 'classification' | 'raceTraining' | 'characteristics';
/** The fields a template may show: the person's own, and their role when one cohort is listed. */
export type StaffTextField = Exclude<keyof StaffRecord, 'ethnicity' | 'bmeOverride' | 'functionsStated' | 'leftOn' | 'handSet'> | 'role';

/** Each field's column and the type of its value. */
const FIELD_COLUMN: Record<StaffTextField, { column: string; type: 'text' | 'number' | 'flag' }> = {
  staffId: { column: 'staff_id', type: 'text' },
  name: { column: 'name', type: 'text' },
  email: { column: 'email', type: 'text' },
  department: { column: 'department', type: 'text' },
  jobTitle: { column: 'job_title', type: 'text' },
  staffGroup: { column: 'staff_group', type: 'text' },
  band: { column: 'band', type: 'text' },
  boardMember: { column: 'board_member', type: 'flag' },
  lineManagerId: { column: 'line_manager_id', type: 'text' },
  raceTrained: { column: 'race_trained', type: 'flag' },
  raceTrainedOn: { column: 'race_trained_on', type: 'text' },
  capacity: { column: 'capacity', type: 'number' },
  active: { column: 'active', type: 'flag' },
  role: { column: 'enrolments.role', type: 'text' },
};

/** A field's value as the template writes it (json_quote gives 'null' for NULL). */
function fieldText(as: StaffTextTemplate['as'], field: StaffTextField, words: readonly [string, string] | undefined): string {
  const { column, type } = FIELD_COLUMN[field];
  if (words !== undefined) return `iif(${column}, ${sqlText(words[0])}, ${sqlText(words[1])})`;
  if (as === 'plain' && type === 'text') return `coalesce(${column}, '')`;
  if (as !== 'json') return csvCellSql(column, type);
  return type === 'text' ? `json_quote(${column})` : type === 'flag' ? `iif(${column}, 'true', 'false')` : column;
}

/** What each hole is read as: the facts in the order classifiedFactsOf and raceTrainingOf read them, the characteristics as characteristicsFrom reads them. */
const HOLE_VALUE: Record<StaffTextHole, string> = {
  classification: 'json_array(band, board_member, ethnicity, bme_override, functions, staff_group)',
  raceTraining: 'json_array(race_trained, race_trained_on)',
  characteristics: CHARACTERISTICS_COLUMN,
};

const sqlText = (text: string): string => `'${text.replaceAll("'", "''")}'`;

/**
 * The template's columns: each run of text and fields between holes as one concat() call,
 * each hole's value; then staff_id and active, which the list counts by.
 */
function staffTextColumns(template: StaffTextTemplate): string {
  const columns: string[] = [];
  // concat(), not format(): format's %s ends a text at a NUL character, which a CSV cell may hold.
  let run: string[] = [];
  const endRun = () => {
    columns.push(run.length === 0 ? "''" : run.length === 1 ? run[0] : `concat(${run.join(', ')})`);
    run = [];
  };
  for (const piece of template.pieces) {
    if (typeof piece === 'string') run.push(sqlText(piece));
    else if ('field' in piece) run.push(fieldText(template.as, piece.field, piece.words));
    else {
      endRun();
      columns.push(HOLE_VALUE[piece.hole]);
    }
  }
  endRun();
  return `${columns.join(', ')}, staff_id, active`;
}

/**
 * A row of staffTextRows: the template's runs of text with each hole's value between them,
 * then the staff id and 1 or 0 for active.
 */
export type StaffTextRow = unknown[];

/**
 * Everyone by staff id (`cohort` undefined), or one cohort's participants with their role
 * (withdrawn ones only when asked), as the template's text: eachListedStaff's people, written
 * by SQLite.
 */
export function staffTextRows(
  db: Db,
  template: StaffTextTemplate,
  cohort?: number,
  { withdrawn = false }: { withdrawn?: boolean } = {},
): Iterable<StaffTextRow> {
  const columns = staffTextColumns(template);
  if (cohort === undefined) return db.prepare(`SELECT ${columns} FROM staff ORDER BY staff_id`).raw().iterate() as Iterable<StaffTextRow>;
  return db
    .prepare(`SELECT ${columns} ${COHORT_LIST}`)
    .raw()
    .iterate(cohort, withdrawn ? 1 : 0) as Iterable<StaffTextRow>;
}

/** One person's row of staffTextRows (in `cohort`'s list, with their role, when given): undefined when there is none. */
export function staffTextRowOf(db: Db, template: StaffTextTemplate, cohort?: number): (staffId: string) => StaffTextRow | undefined {
  const columns = staffTextColumns(template);
  if (cohort === undefined) {
    const one = db.prepare(`SELECT ${columns} FROM staff WHERE staff_id = ?`).raw();
    return (staffId) => one.get(staffId) as StaffTextRow | undefined;
  }
  const one = db.prepare(`SELECT ${columns} FROM enrolments JOIN staff USING (staff_id) WHERE enrolments.cohort = ? AND staff_id = ?`).raw();
  return (staffId) => one.get(cohort, staffId) as StaffTextRow | undefined;
}

/**
 * Blocks of the whole list by staff id as the template's text (staffTextRows), for listing it on
 * two threads (staff list of a national roster): at most `limit` people (-1: all) after staff id
 * `after` (from the first when null), the first `skip` of them passed over. Passing over is
 * SQLite stepping the primary key's index, no row read, so each thread skips the other's blocks
 * for a fraction of reading them. Call inside a read transaction, so every block comes from one
 * snapshot.
 */
export function staffTextBlocks(db: Db, template: StaffTextTemplate): (after: string | null, skip: number, limit: number) => Iterable<StaffTextRow> {
  const columns = staffTextColumns(template);
  const first = db.prepare(`SELECT ${columns} FROM staff ORDER BY staff_id LIMIT ? OFFSET ?`).raw();
  const next = db.prepare(`SELECT ${columns} FROM staff WHERE staff_id > ? ORDER BY staff_id LIMIT ? OFFSET ?`).raw();
  // A block read whole in one call is cheaper than a call a row; the rest of the list (no limit) is read a row at a time.
  return (after, skip, limit) => {
    const read = limit >= 0 ? 'all' : 'iterate';
    return (after === null ? first[read](limit, skip) : next[read](after, limit, skip)) as Iterable<StaffTextRow>;
  };
}

/** A race training hole's value as whether and when (staffFromValues' reading of the same columns). */
export function raceTrainingOf(value: string): Pick<StaffRecord, 'raceTrained' | 'raceTrainedOn'> {
  const [trained, on] = JSON.parse(value) as [number, string | null];
  return { raceTrained: trained === 1, raceTrainedOn: on };
}

/** A classification hole's value as the facts it holds (staffFromValues' reading of the same columns). */
export function classifiedFactsOf(value: string): ClassifiedFacts {
  const [band, boardMember, ethnicity, bmeOverride, functions, staffGroup] = JSON.parse(value) as [
    string | null,
    number,
    string | null,
    number | null,
    string | null,
    string | null,
  ];
  return {
    band,
    boardMember: boardMember === 1,
    ethnicity,
    bmeOverride: bmeOverride === null ? null : bmeOverride === 1,
    functionsStated: functions === null ? null : (functions.split(';') as StaffFunction[]),
    staffGroup,
  };
}

/** About how many people the staff table holds, at once (the largest rowid: people are never deleted, only forgotten). */
export function staffCountEstimate(db: Db): number {
  return (db.prepare('SELECT coalesce(max(rowid), 0) FROM staff').pluck().get() as number) ?? 0;
}

/** A row of STAFF_COLUMNS as values in that order (and a role after them when a cohort was asked for). */
type StaffValues = [
  string,
  string,
  string | null,
  string | null,
  string | null,
  string | null,
  string | null,
  string | null,
  number | null,
  string | null,
  number,
  string | null,
  number,
  string | null,
  number,
  number,
  string | null,
  string | null,
  ...unknown[],
];

/**
 * staffFromRow for a row read as values, built directly: no row object between, and no
 * spread for the fields a person may not have (a million-row list makes each of these).
 */
function staffFromValues(v: StaffValues): StaffRecord {
  const record: StaffRecord = {
    staffId: v[0],
    name: v[1],
    email: v[2],
    department: v[3],
    jobTitle: v[4],
    staffGroup: v[5],
    band: v[6],
    ethnicity: v[7],
    bmeOverride: v[8] === null ? null : v[8] === 1,
    functionsStated: v[9] === null ? null : (v[9].split(';') as StaffFunction[]),
    boardMember: v[10] === 1,
    lineManagerId: v[11],
    raceTrained: v[12] === 1,
    raceTrainedOn: v[13],
    capacity: v[14],
    active: v[15] === 1,
  };
  if (v[15] !== 1 && v[16] !== null) record.leftOn = v[16];
  if (v[17] !== null) record.handSet = JSON.parse(v[17]) as Array<keyof StaffFacts>;
  return record;
}

/** Each fact's column, and how its value is stored (as pushFactValues stores it). */
const FACT_COLUMNS: { [K in keyof StaffFacts]: { column: string; value: (value: StaffFacts[K]) => string | number | null } } = {
  name: { column: 'name', value: (v) => v },
  email: { column: 'email', value: (v) => v },
  department: { column: 'department', value: (v) => v },
  jobTitle: { column: 'job_title', value: (v) => v },
  staffGroup: { column: 'staff_group', value: (v) => v },
  band: { column: 'band', value: (v) => v },
  ethnicity: { column: 'ethnicity', value: (v) => v },
  bmeOverride: { column: 'bme_override', value: (v) => (v === null ? null : flag(v)) },
  functionsStated: { column: 'functions', value: (v) => (v === null ? null : v.join(';')) },
  boardMember: { column: 'board_member', value: flag },
  lineManagerId: { column: 'line_manager_id', value: (v) => v },
  raceTrained: { column: 'race_trained', value: flag },
  raceTrainedOn: { column: 'race_trained_on', value: (v) => v },
  capacity: { column: 'capacity', value: (v) => v },
};

/**
 * Sets some of one person's facts by hand (`remedi staff edit`, `remedi staff train`) and
 * which facts are marked as set by hand; every other column stays. Call inside a transaction.
 */
export function editStaff(db: Db, staffId: string, facts: Partial<StaffFacts>, handSet: ReadonlyArray<keyof StaffFacts>, today: IsoDate): void {
  const sets: string[] = [];
  const values: Array<string | number | null> = [];
  for (const key of Object.keys(facts) as Array<keyof StaffFacts>) {
    const { column, value } = FACT_COLUMNS[key] as { column: string; value: (v: unknown) => string | number | null };
    sets.push(`${column} = ?`);
    values.push(value(facts[key]));
    if (key === 'name') {
      sets.push('name_key = ?');
      values.push(foldText(facts.name!));
    }
  }
  sets.push('hand_set = ?', 'updated_on = ?');
  values.push(handSet.length === 0 ? null : JSON.stringify(handSet), today);
  db.prepare(`UPDATE staff SET ${sets.join(', ')} WHERE staff_id = ?`).run(...values, staffId);
}

/** Each person's line manager, looked up one at a time (for walking a line chain up). */
export function lineManagerFinder(db: Db): (staffId: string) => string | null {
  const find = db.prepare('SELECT line_manager_id FROM staff WHERE staff_id = ?').pluck();
  return (staffId) => (find.get(staffId) as string | null | undefined) ?? null;
}

/**
 * For a first import into an empty staff table: the search indexes are dropped and built
 * again once every row is in, far quicker than keeping them up to date row by row. Call
 * both inside the import's transaction, so a refused import gets them back on rollback.
 */
export function dropStaffSearchIndexes(db: Db): void {
  db.exec('DROP INDEX IF EXISTS staff_by_name_key; DROP INDEX IF EXISTS staff_by_email;');
}

export function createStaffSearchIndexes(db: Db): void {
  // SQLite sorts a large index's keys with a helper thread: at the end of a first import the
  // reading worker is done, and the second core is free (1,000,000 people: 3.0 s of this thread's CPU, 2.0 s with one).
  const threads = db.pragma('threads', { simple: true }) as number;
  db.pragma('threads = 1');
  try {
    db.exec(STAFF_SEARCH_INDEXES);
  } finally {
    db.pragma(`threads = ${threads}`);
  }
}
