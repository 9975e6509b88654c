/**
 * People as `staff list`, `find`, `show`, `edit` and `train` print them: the JSON (a
 * contract: the field names are relied on), the table and the CSV columns, in one place.
 * Ethnicity and BME appear only in `staff list` and `staff show`, the administrator's own view.
 * Over 300 lines as one idea: a person's output contract is one module, so a field renamed or hidden here changes every view of them.
 */
import { bandDisplay, type Seniority } from '../domain/bands.js';
import { characteristicsOf, type CharacteristicValue } from '../domain/characteristics.js';
import { formatDate, type IsoDate } from '../domain/dates.js';
import type { BmeStatus } from '../domain/ethnicity.js';
import type { StaffFunction } from '../domain/functions.js';
import { classify, FACT_KEYS, type Classification, type ClassifiedFacts, type ProgrammeRole, type StaffFacts, type StaffRecord } from '../domain/staff.js';
import type { EditField, StaffEditPlan } from '../domain/staffEdit.js';
import { csvCells, csvOfPlainCells, PLAIN_CELL_SEPARATOR, toCsv, type CsvCell } from '../io/csvOutput.js';
import { renderTable, styled, type Fit } from './table.js';
import { visible } from './terminalText.js';

/** One person in `staff list --json`: the field names are a contract. */
export interface StaffJson {
  staffId: string;
  name: string;
  email: string | null;
  department: string | null;
  jobTitle: string | null;
  staffGroup: string | null;
  band: string | null;
  seniority: Seniority | null;
  bme: BmeStatus;
  functions: StaffFunction[];
  functionsDerived: boolean;
  boardMember: boolean;
  lineManagerId: string | null;
  raceTrained: boolean;
  raceTrainedOn: string | null;
  capacity: number;
  active: boolean;
  role?: ProgrammeRole;
  /** Each enabled characteristic's value (docs/characteristics.md); present only when at least one is enabled. */
  characteristics?: Record<string, CharacteristicValue>;
}

/** A person as the store gives them, with their role when one cohort was asked for, and their stored characteristics when asked for. */
export type PersonWithRole = StaffRecord & { role?: ProgrammeRole; characteristics?: ReadonlyMap<string, 'yes' | 'no'> };

/**
 * The JSON with the enabled characteristics' values (unknown where none is stored), when any is
 * enabled; with none the JSON is as it always was, without the key.
 */
export function withCharacteristics(json: StaffJson, enabled: readonly { name: string }[], stored: ReadonlyMap<string, 'yes' | 'no'> | undefined): StaffJson {
  if (enabled.length > 0) json.characteristics = characteristicsOf(enabled, stored);
  return json;
}

export function staffJson(person: PersonWithRole): StaffJson {
  return staffJsonClassified(person, classify(person));
}

/** Classifications a list remembers at most (a roster holds a few hundred combinations; a pathological one cannot grow it without end). */
const REMEMBERED = 10_000;
const NULL_KEY = '\u0000';

/**
 * staffJson for a long list (a national roster): a classification depends only on the band,
 * board membership, ethnicity, BME override, stated functions and staff group, and a roster
 * holds few combinations of them, so each is classified once. The same JSON as staffJson.
 */
export function staffJsonOfList(): (person: PersonWithRole) => StaffJson {
  const known = new Map<string, Classification>();
  return (person) => {
    const key = `${person.band ?? NULL_KEY}\u0001${person.boardMember ? 1 : 0}\u0001${person.ethnicity ?? NULL_KEY}\u0001${person.bmeOverride ?? NULL_KEY}\u0001${
      person.functionsStated?.join(';') ?? NULL_KEY
    }\u0001${person.staffGroup ?? NULL_KEY}`;
    let classification = known.get(key);
    if (classification === undefined) {
      classification = classify(person);
      if (known.size < REMEMBERED) known.set(key, classification);
    }
    return staffJsonClassified(person, classification);
  };
}

function staffJsonClassified(person: PersonWithRole, classification: Classification): StaffJson {
  const json: StaffJson = {
    staffId: person.staffId,
    name: person.name,
    email: person.email,
    department: person.department,
    jobTitle: person.jobTitle,
    staffGroup: person.staffGroup,
    band: person.band,
    seniority: classification.seniority,
    bme: classification.bme,
    functions: classification.functions,
    functionsDerived: classification.functionsDerived,
    boardMember: person.boardMember,
    lineManagerId: person.lineManagerId,
    raceTrained: person.raceTrained,
    raceTrainedOn: person.raceTrainedOn,
    capacity: person.capacity,
    active: person.active,
  };
  if (person.role !== undefined) json.role = person.role;
  return json;
}

const status = (p: { active: boolean }): string => (p.active ? 'active' : 'left');
export const raceTraining = (p: { raceTrained: boolean; raceTrainedOn: IsoDate | null }): string =>
  p.raceTrained ? (p.raceTrainedOn === null ? 'yes' : formatDate(p.raceTrainedOn)) : 'no';
export const functionsText = (p: Pick<StaffJson, 'functions' | 'functionsDerived'>, mark: (text: string) => string): string =>
  p.functions.join(', ') + (p.functionsDerived && p.functions.length > 0 ? mark(' (derived)') : '');

// ---- staff list ---------------------------------------------------------------------

const STAFF_LIST_COLUMNS = {
  Name: { min: 12 },
  BME: { priority: 2 },
  'RACE trained': { priority: 3 },
  Board: { priority: 3 },
  Department: { priority: 4, min: 10 },
  Functions: { priority: 5, min: 10 },
  Capacity: { priority: 6 },
  'Line manager': { priority: 7 },
};

/** `staff list`: what remedi made of each person. With a cohort, their role instead of their status. */
export function renderStaffList(people: readonly StaffJson[], { cohort, dim, fit }: { cohort: boolean; dim: (text: string) => string; fit?: Fit }): string {
  const headers = [
    'Staff id',
    'Name',
    'Department',
    'Band',
    'Seniority',
    'BME',
    'Functions',
    'Board',
    'Line manager',
    'RACE trained',
    'Capacity',
    cohort ? 'Role' : 'Status',
  ];
  const rows = people.map((p) => [
    p.staffId,
    p.name,
    p.department ?? '',
    bandDisplay(p.band),
    p.seniority ?? '',
    p.bme,
    // Functions are remedi's own words (parsed from the file), so the "(derived)" mark may be dimmed.
    styled(functionsText(p, dim)),
    p.boardMember ? 'board' : '',
    p.lineManagerId ?? '',
    raceTraining(p),
    String(p.capacity),
    cohort ? (p.role ?? '') : status(p),
  ]);
  // On a narrow terminal: staff id, name, band, seniority and role or status stay; the rest go first.
  return renderTable(headers, rows, { fit, columns: STAFF_LIST_COLUMNS });
}

/**
 * `staff list --csv`: the table's columns plus email and job title; dates as YYYY-MM-DD for
 * spreadsheets; then one column per enabled characteristic (`characteristics`, their names), only when one is.
 */
export function staffListCsv(people: readonly StaffJson[], { cohort, characteristics = [] }: StaffCsvColumns): string {
  return toCsv(
    staffCsvHeaders(cohort, characteristics),
    people.map((p) => staffCsvRow(p, cohort, characteristics)),
  );
}

/** The list's columns: with a cohort (role) or not (status), and the enabled characteristics' names. */
export interface StaffCsvColumns {
  cohort: boolean;
  characteristics?: readonly string[];
}

const staffCsvHeaders = (cohort: boolean, characteristics: readonly string[]): string[] => [
  'Staff id',
  'Name',
  'Email',
  'Department',
  'Job title',
  'Band',
  'Seniority',
  'BME',
  'Functions',
  'Board',
  'Line manager',
  'RACE trained',
  'Capacity',
  cohort ? 'Role' : 'Status',
  ...characteristics,
];

/** Band, seniority, BME and functions: the CSV's cells of what remedi made of a person. */
const classificationCells = (band: string | null, c: Pick<StaffJson, 'seniority' | 'bme' | 'functions' | 'functionsDerived'>): CsvCell[] => [
  bandDisplay(band),
  c.seniority,
  c.bme,
  functionsText(c, (text) => text),
];
/** The CSV's RACE trained cell: the day as YYYY-MM-DD for a spreadsheet, yes without one, or no. */
const raceTrainingCell = (p: { raceTrained: boolean; raceTrainedOn: IsoDate | null }): string => (p.raceTrained ? (p.raceTrainedOn ?? 'yes') : 'no');

const staffCsvRow = (p: StaffJson, cohort: boolean, characteristics: readonly string[]): CsvCell[] => [
  p.staffId,
  p.name,
  p.email,
  p.department,
  p.jobTitle,
  ...classificationCells(p.band, p),
  p.boardMember,
  p.lineManagerId,
  raceTrainingCell(p),
  p.capacity,
  cohort ? (p.role ?? '') : status(p),
  ...characteristics.map((name) => p.characteristics?.[name] ?? 'unknown'),
];

/** A list written as it is read, so a million people are never held at once: add each, then end. */
export interface ListWriter<T> {
  add(item: T): void;
  /** Writes what is gathered now (before text written beside the writer: another thread's block). */
  flush(): void;
  end(): void;
}

/**
 * How a writer's text sits in the whole list: `whole` (the default) writes its opening and
 * closing; `middle` writes people only, as they come after the first person (no opening, no
 * header, nothing at the end): another thread's block, which the whole list's writer places.
 */
export interface ListPart {
  part?: 'whole' | 'middle';
}

/** People gathered before each write: large writes to stdout, and a buffer of a few megabytes at most. */
const BATCH = 250;

/** A field of a person that SQLite writes into their text (the store's StaffTextField). */
type TextField = Exclude<keyof StaffJson, 'seniority' | 'bme' | 'functions' | 'functionsDerived' | 'characteristics'>;
type TextPiece = string | { field: TextField; words?: readonly [string, string] } | { hole: 'classification' | 'raceTraining' | 'characteristics' };
/** A person's text as SQLite fills it in (the store's StaffTextTemplate): fields written as JSON or as CSV cells. */
interface PersonTemplate {
  as: 'json' | 'csv' | 'plain';
  pieces: TextPiece[];
}

/** What a list's text needs besides its template: how the store's holes read, and what the list shows. */
export interface PersonTextOptions {
  /** A classification hole's value as the facts it holds. */
  factsOf: (value: string) => ClassifiedFacts;
  /** A race training hole's value as whether and when. */
  raceTrainingOf: (value: string) => { raceTrained: boolean; raceTrainedOn: IsoDate | null };
  /** A characteristics hole's value as the stored values (when any characteristic is enabled). */
  storedOf: (value: unknown) => ReadonlyMap<string, 'yes' | 'no'>;
  /** The enabled characteristics, in order: none, and the list has no characteristics. */
  enabled: readonly { name: string }[];
  /** A cohort's list: each person's role instead of their status (the CSV) or after it (the JSON). */
  cohort: boolean;
}

/**
 * One person of `staff list --json` as a template: the text JSON.stringify(list, null, 2)
 * writes for them inside the list, field for field in staffJson's order, with SQLite writing
 * each field's value and this module the classification and the characteristics. The test
 * compares the whole list with JSON.stringify of staffJson's.
 */
export function personJsonTemplate({ cohort, enabled }: Pick<PersonTextOptions, 'cohort' | 'enabled'>): PersonTemplate {
  const field = (key: TextField): TextPiece[] => [`,\n    "${key}": `, { field: key }];
  return {
    as: 'json',
    pieces: [
      '  {\n    "staffId": ',
      { field: 'staffId' },
      ...field('name'),
      ...field('email'),
      ...field('department'),
      ...field('jobTitle'),
      ...field('staffGroup'),
      ...field('band'),
      ',\n    "seniority": ',
      { hole: 'classification' },
      ...field('boardMember'),
      ...field('lineManagerId'),
      ...field('raceTrained'),
      ...field('raceTrainedOn'),
      ...field('capacity'),
      ...field('active'),
      ...(cohort ? field('role') : []),
      ...(enabled.length > 0 ? [',\n    "characteristics": ', { hole: 'characteristics' } as const] : []),
      '\n  }',
    ],
  };
}

/**
 * One person's line of `staff list --csv` as a template: staffCsvRow's cells, each by the CSV's
 * rules, the line's end included; `plain`, each written as it is, for staffCsvTextWriter to look
 * over (fullRowOf).
 */
export function personCsvTemplate({ cohort, enabled, plain = false }: Pick<PersonTextOptions, 'cohort' | 'enabled'> & { plain?: boolean }): PersonTemplate {
  const between = plain ? PLAIN_CELL_SEPARATOR : ',';
  return {
    as: plain ? 'plain' : 'csv',
    pieces: [
      { field: 'staffId' },
      between,
      { field: 'name' },
      between,
      { field: 'email' },
      between,
      { field: 'department' },
      between,
      { field: 'jobTitle' },
      between,
      // Band, seniority, BME and functions.
      { hole: 'classification' },
      between,
      { field: 'boardMember' },
      between,
      { field: 'lineManagerId' },
      between,
      { hole: 'raceTraining' },
      between,
      { field: 'capacity' },
      between,
      cohort ? { field: 'role' } : { field: 'active', words: ['active', 'left'] },
      ...(enabled.length > 0 ? [between, { hole: 'characteristics' } as const] : []),
      '\r\n',
    ],
  };
}

/**
 * Each run of a plain template's text between its holes: the separators its own literal text
 * holds, and how long the line's end after its last cell is (not a cell's to hold).
 */
function plainRuns(template: PersonTemplate): Array<{ separators: number; skip: number }> {
  const runs = [{ separators: 0, skip: 0 }];
  for (const piece of template.pieces) {
    const run = runs[runs.length - 1];
    if (typeof piece === 'string') {
      run.separators += piece.split(PLAIN_CELL_SEPARATOR).length - 1;
      run.skip = piece.endsWith('\r\n') ? 2 : 0;
    } else if ('hole' in piece) runs.push({ separators: 0, skip: 0 });
    else run.skip = 0;
  }
  return runs;
}

/** What JSON.stringify escapes in a string: quotes, backslashes, control characters and lone surrogates. */
const ESCAPED_IN_JSON = /["\\\u0000-\u001f\ud800-\udfff]/;
const text = (value: string | null): string => (value === null ? 'null' : ESCAPED_IN_JSON.test(value) ? JSON.stringify(value) : `"${value}"`);

/** From "seniority" to "functionsDerived": a classification's part of a person's JSON, after `"seniority": `. */
function classificationJsonText(c: Classification): string {
  const functions = c.functions.length === 0 ? '[]' : `[\n      ${c.functions.map(text).join(',\n      ')}\n    ]`;
  return `${text(c.seniority)},\n    "bme": ${text(c.bme)},\n    "functions": ${functions},\n    "functionsDerived": ${c.functionsDerived}`;
}

/** A memory of each hole value's text: a roster holds a few hundred combinations (a pathological one cannot grow it without end). */
function remembered(textOf: (value: string) => string): (value: string) => string {
  const known = new Map<string, string>();
  return (value) => {
    let text = known.get(value);
    if (text === undefined) {
      text = textOf(value);
      if (known.size < REMEMBERED) known.set(value, text);
    }
    return text;
  };
}

/**
 * A list of people from the rows of their template as the store reads them (the template's
 * texts with each hole's value between, then staff id and active), in batches: `write` gives
 * each row's text to `parts`; `start` and `end` are the list's opening and closing.
 */
function textListWriter(
  out: (text: string) => void,
  { start, end, write }: { start: string; end: (count: number) => string; write: (row: readonly unknown[], parts: string[], first: boolean) => void },
): ListWriter<readonly unknown[]> {
  let parts: string[] = start === '' ? [] : [start];
  let count = 0;
  const flush = () => {
    if (parts.length > 0) out(parts.join(''));
    parts = [];
  };
  return {
    add(row) {
      write(row, parts, count === 0);
      count += 1;
      if (count % BATCH === 0) flush();
    },
    flush,
    end() {
      parts.push(end(count));
      flush();
    },
  };
}

/**
 * `staff list --json`, person by person, from personJsonTemplate's rows: the same text as
 * printJson of the whole list (JSON.stringify with 2 spaces, a final newline), the field names
 * being a contract. `middle`: another thread's block, every person after a first.
 */
export function staffJsonTextWriter(out: (text: string) => void, options: PersonTextOptions & ListPart): ListWriter<readonly unknown[]> {
  const { factsOf, storedOf, enabled, part = 'whole' } = options;
  const whole = part === 'whole';
  const classified = remembered((value) => classificationJsonText(classify(factsOf(value))));
  return textListWriter(out, {
    start: '',
    end: (count) => (!whole ? '' : count === 0 ? '[]\n' : '\n]\n'),
    write(row, parts, first) {
      parts.push(first && whole ? '[\n' : ',\n', row[0] as string, classified(row[1] as string), row[2] as string);
      if (enabled.length > 0) parts.push(characteristicsText(characteristicsOf(enabled, storedOf(row[3]))), row[4] as string);
    },
  });
}

/** The characteristics object as JSON.stringify(list, null, 2) writes it at a person's depth. */
function characteristicsText(values: Record<string, CharacteristicValue>): string {
  const entries = Object.entries(values);
  return entries.length === 0 ? '{}' : `{\n${entries.map(([name, value]) => `      ${text(name)}: ${text(value)}`).join(',\n')}\n    }`;
}

/**
 * `staff list --csv`, person by person, from personCsvTemplate's rows: the same text as
 * staffListCsv of the whole list (its header first, unless `middle`: another thread's block).
 * With `fullRowOf`, the rows are the plain template's, each written by csvOfPlainCells; a line
 * with a cell holding its separator is taken again, by its staff id, from the template with the
 * rules.
 */
export function staffCsvTextWriter(
  out: (text: string) => void,
  options: PersonTextOptions & ListPart & { fullRowOf?: (staffId: string) => readonly unknown[] },
): ListWriter<readonly unknown[]> {
  const { factsOf, raceTrainingOf, storedOf, enabled, cohort, part = 'whole', fullRowOf } = options;
  const runs = plainRuns(personCsvTemplate({ cohort, enabled, plain: true }));
  // The row with each run's CSV in place of its plain text; or, for a cell holding the separator, the row written by the rules.
  const asWritten = (row: readonly unknown[]): readonly unknown[] => {
    const written = row.slice();
    for (let i = 0; i < runs.length; i += 1) {
      const text = csvOfPlainCells(row[2 * i] as string, runs[i].separators, runs[i].skip);
      if (text === null) return fullRowOf!(row[row.length - 2] as string);
      written[2 * i] = text;
    }
    return written;
  };
  const classified = remembered((value) => {
    const facts = factsOf(value);
    return csvCells(classificationCells(facts.band, classify(facts)));
  });
  const race = remembered((value) => csvCells([raceTrainingCell(raceTrainingOf(value))]));
  const names = enabled.map((c) => c.name);
  return textListWriter(out, {
    start: part === 'whole' ? toCsv(staffCsvHeaders(cohort, names), []) : '',
    end: () => '',
    write(plainOrFull, parts) {
      const row = fullRowOf === undefined ? plainOrFull : asWritten(plainOrFull);
      parts.push(row[0] as string, classified(row[1] as string), row[2] as string, race(row[3] as string), row[4] as string);
      if (enabled.length > 0) {
        const values = characteristicsOf(enabled, storedOf(row[5]));
        parts.push(csvCells(names.map((name) => values[name] ?? 'unknown')), row[6] as string);
      }
    },
  });
}

// ---- staff find ---------------------------------------------------------------------

/** One person found by `staff find --json`: as in `staff list --json`, without BME (a search result is not the staff list). */
export type FoundJson = Omit<StaffJson, 'bme'>;

export function foundJson(person: StaffRecord): FoundJson {
  const { bme: _bme, ...rest } = staffJson(person);
  return rest;
}

const FIND_HEADERS = ['Staff id', 'Name', 'Email', 'Department', 'Band', 'Status'];
const foundRow = (p: FoundJson): string[] => [p.staffId, p.name, p.email ?? '', p.department ?? '', bandDisplay(p.band), status(p)];

export function renderFound(people: readonly FoundJson[], fit?: Fit): string {
  return renderTable(FIND_HEADERS, people.map(foundRow), {
    fit,
    columns: { Name: { min: 12 }, Email: { priority: 2, min: 12 }, Department: { priority: 3, min: 10 } },
  });
}

export function foundCsv(people: readonly FoundJson[]): string {
  return toCsv(FIND_HEADERS, people.map(foundRow));
}

// ---- set by hand, and staff edit ----------------------------------------------------

export const FACT_LABEL: Record<keyof StaffFacts, string> = {
  name: 'name',
  email: 'email',
  department: 'department',
  jobTitle: 'job title',
  staffGroup: 'staff group',
  band: 'band',
  ethnicity: 'ethnicity',
  bmeOverride: 'BME',
  functionsStated: 'functions',
  boardMember: 'board member',
  lineManagerId: 'line manager',
  raceTrained: 'RACE training',
  raceTrainedOn: 'RACE training',
  capacity: 'capacity',
};

/** "functions, capacity, RACE training": the facts set by hand, in plain words. */
export function handSetLabels(handSet: ReadonlyArray<keyof StaffFacts>): string[] {
  return [...new Set(FACT_KEYS.filter((key) => handSet.includes(key)).map((key) => FACT_LABEL[key]))];
}

const FIELD_LABEL: Record<EditField, string> = {
  email: 'email',
  department: 'department',
  band: 'band',
  functions: 'functions',
  boardMember: 'board member',
  capacity: 'capacity',
  raceTraining: 'RACE training',
  lineManager: 'line manager',
};

export const person = (staffId: string, nameOf: (staffId: string) => string | undefined): string => {
  const name = nameOf(staffId);
  return name === undefined ? staffId : `${name} (${staffId})`;
};

/** How one field of a person reads: `Band 6`, `front line`, `clinical (derived)`, `12 Sep 2024`, `none`. */
export function fieldText(field: EditField, record: StaffRecord, nameOf: (staffId: string) => string | undefined): string {
  switch (field) {
    case 'email':
      return record.email ?? 'none';
    case 'department':
      return record.department ?? 'none';
    case 'band':
      return record.band === null ? 'none' : bandDisplay(record.band);
    case 'functions': {
      const { functions, functionsDerived } = classify(record);
      return (functions.length === 0 ? 'none' : functions.join(', ')) + (functionsDerived ? ' (derived)' : '');
    }
    case 'boardMember':
      return record.boardMember ? 'yes' : 'no';
    case 'capacity':
      return String(record.capacity);
    case 'raceTraining':
      return record.raceTrained ? (record.raceTrainedOn === null ? 'yes (day not known)' : formatDate(record.raceTrainedOn)) : 'no';
    case 'lineManager':
      return record.lineManagerId === null ? 'none' : person(record.lineManagerId, nameOf);
  }
}

/** What `staff edit` changed, old -> new, one field a line. */
export function renderEdit(plan: StaffEditPlan, nameOf: (staffId: string) => string | undefined): string {
  const lines = [`${plan.after.name} (${plan.after.staffId}), set by hand:`];
  for (const change of plan.changes) {
    const label = FIELD_LABEL[change.field];
    if (change.changed) lines.push(`  ${label}: ${fieldText(change.field, plan.before, nameOf)} -> ${fieldText(change.field, plan.after, nameOf)}`);
    else if (change.newlyHandSet) lines.push(`  ${label}: ${fieldText(change.field, plan.after, nameOf)} (unchanged, now kept as set by hand)`);
    else lines.push(`  ${label}: ${fieldText(change.field, plan.after, nameOf)} (unchanged)`);
  }
  // Names, emails and departments are data: their control characters are shown, not obeyed.
  return `${lines.map(visible).join('\n')}\n`;
}

// ---- staff list and train: what goes on stderr ---------------------------------------

/** After `staff list`: how many, and how many of them have left. */
export function staffListSummary(count: number, left: number): string {
  return `${count} ${count === 1 ? 'person' : 'people'}${left > 0 ? `, ${left} of whom ${left === 1 ? 'has' : 'have'} left` : ''}.\n`;
}

/** After `staff train`: who was recorded as trained, and on which day. */
export function renderTrained(trained: readonly StaffJson[], on: IsoDate): string {
  return `Recorded RACE training on ${formatDate(on)} for ${visible(trained.map((p) => `${p.name} (${p.staffId})`).join(', '))}.\n`;
}
