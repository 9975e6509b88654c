/**
 * Random rosters as HR and spreadsheets write them: header spellings from the README,
 * cells that are valid in every accepted spelling, and (in broken mode) a sprinkling
 * of invalid cells and structural damage.
 */
import fc from 'fast-check';
import type { CsvFormat, CsvLine } from './support.js';

const FIELDS = [
  'staff_id',
  'name',
  'first_name',
  'last_name',
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
  'role',
  'race_trained',
  'capacity',
] as const;
type Field = (typeof FIELDS)[number];
type Cells = Record<Field, string>;

const HEADERS: Record<Field, string[]> = {
  staff_id: ['staff_id', 'Employee Number', 'ESR Number', 'STAFF ID'],
  name: ['name', 'Full Name', 'Employee Name'],
  first_name: ['first_name', 'Forename'],
  last_name: ['last_name', 'Surname'],
  email: ['email', 'Email Address', 'NHSmail'],
  department: ['department', 'Directorate', 'Dept'],
  job_title: ['job_title', 'Job Role'],
  band: ['band', 'Pay Band', 'AfC Band', 'Grade'],
  staff_group: ['staff_group', 'Staff Group'],
  ethnicity: ['ethnicity', 'Ethnic Origin', 'Ethnic Category'],
  bme: ['bme', 'BAME'],
  function: ['function', 'Functions'],
  board_member: ['board_member', 'Executive Board', 'Board'],
  line_manager_id: ['line_manager_id', 'Line Manager Employee Number', 'Manager ID'],
  role: ['role', 'Programme Role'],
  race_trained: ['race_trained', 'RACE Training'],
  capacity: ['capacity', 'Max Mentees'],
};
const OPTIONAL: Field[] = [
  'email',
  'department',
  'job_title',
  'staff_group',
  'ethnicity',
  'bme',
  'function',
  'board_member',
  'line_manager_id',
  'role',
  'race_trained',
  'capacity',
];

/** What the importer does to a cell before it reads it: one leading ' before a formula character goes, then spaces. */
export const asImported = (cell: string): string => cell.replace(/^'(?='*[=+\-@\t\r])/, '').trim();

/** Mostly valid, now and then invalid (broken mode only). */
const sometimesBad = (broken: boolean, valid: fc.Arbitrary<string>, invalid: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  broken ? fc.oneof({ weight: 80, arbitrary: valid }, { weight: 1, arbitrary: invalid }) : valid;

const LETTERS = [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZéèàöñçÆøßİŁŌ'];
const TEXT_CHARS = [...LETTERS, ' ', ' ', ',', ';', '"', "'", '-', '.', '=', '+', '@', '(', ')', '\t', '\n', '\r'];
const padding = fc.constantFrom('', '', '', ' ', '  ', '\t');
const formulaStart = fc.constantFrom(
  '',
  '',
  '',
  '=',
  '+',
  '-',
  '@',
  "'",
  "'=",
  "'-",
  "'+",
  "'@",
  '=HYPERLINK("http://x.example","x")&',
  '=1+2',
  '+44 ',
  '-2+3 ',
  '@SUM(A1)',
);

/** Names with commas, quotes, apostrophes, accents, a leading = + - @, and stray spaces. */
export const personName = fc
  .tuple(
    padding,
    formulaStart,
    fc.string({ unit: fc.constantFrom(...LETTERS), minLength: 1, maxLength: 6 }),
    fc.string({ unit: fc.constantFrom(...TEXT_CHARS), maxLength: 10 }),
    padding,
  )
  .map((parts) => parts.join(''));

const freeText = fc.oneof(
  fc.constantFrom('', 'Medicine', 'Surgery', 'Corporate', 'Estates & Facilities', "Women's Health", 'Pharmacy, Outpatients'),
  personName,
);
const overlong = fc.constant('x'.repeat(1001));

const isoDay = (offset: number): string => new Date(Date.UTC(2020, 0, 1 + offset)).toISOString().slice(0, 10);
const ukOf = (iso: string): string => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
const validDate = fc.integer({ min: 0, max: 2400 }).chain((n) => fc.constantFrom(isoDay(n), ukOf(isoDay(n)), ukOf(isoDay(n)).replace(/^0/, '')));

const email = (broken: boolean) =>
  sometimesBad(
    broken,
    fc.oneof(
      fc.constant(''),
      fc
        .tuple(fc.constantFrom('', '=', '+', '-'), fc.stringMatching(/^[a-z][a-z0-9.]{0,8}$/), fc.constantFrom('nhs.net', 'trust.nhs.uk'))
        .map(([p, local, domain]) => `${p}${local}@${domain}`),
    ),
    fc.constantFrom('not-an-email', 'a@b', 'two words@nhs.net', '@nhs.net', 'x@@y.z'),
  );

const BANDS = [
  'Band 6',
  '6',
  '8A',
  'AfC Band 8a',
  'Band 8 - Range C',
  'band 2',
  ' 7 ',
  'Agenda for Change Band 5',
  '9',
  'VSM',
  'Very Senior Manager',
  'FY1',
  'FY2',
  'ST3',
  'ST8',
  'CT2',
  'StR',
  'Registrar',
  'Specialty Doctor',
  'Associate Specialist',
  'SAS',
  'Consultant',
  'Specialist',
];
const band = (broken: boolean) =>
  sometimesBad(broken, fc.constantFrom(...BANDS), fc.constantFrom('8', 'Band 10', 'Band 8 - Range E', 'ST9', 'Grade Z', 'junior', '=1+1', '0'));

/** Ethnicity never refuses a row: codes, ESR values and descriptions, or garbage (a warning). */
const ethnicity = fc.constantFrom(
  '',
  'A',
  'B',
  'C3',
  'D',
  'h',
  'M',
  'N',
  'R',
  'S',
  'Z',
  '99',
  'M Black or Black British - Caribbean',
  'H Asian or Asian British - Indian',
  'Indian',
  'White British',
  'Not stated',
  'Prefer not to say',
  'NA',
  'Martian',
  '=cmd|calc',
  'x1',
  'Unknown',
);

const YES_NO = ['', 'yes', 'no', 'Y', 'n', 'TRUE', 'False', '1', '0', ' Yes '];
const yesNo = (broken: boolean) => sometimesBad(broken, fc.constantFrom(...YES_NO), fc.constantFrom('maybe', 'yes please', '2', '-', 'ja'));
const isYes = (cell: string): boolean => ['yes', 'y', 'true', '1'].includes(cell.trim().toLowerCase());

const functions = (broken: boolean) =>
  sometimesBad(
    broken,
    fc
      .tuple(fc.subarray(['strategic', 'managerial', 'clinical', 'front line', 'Front-Line', 'CLINICAL']), fc.constantFrom('; ', ',', ';'))
      .map(([list, sep]) => list.join(sep)),
    fc.constantFrom('strategy', 'admin', 'clinical; other'),
  );

const role = (broken: boolean) =>
  sometimesBad(broken, fc.constantFrom('', 'mentor', 'mentee', 'either', 'both', 'Mentor'), fc.constantFrom('leader', 'boss', 'mentors'));

const raceTrained = (broken: boolean) =>
  sometimesBad(
    broken,
    fc.oneof(fc.constantFrom('', 'yes', 'no', 'Y', 'false'), validDate),
    fc.constantFrom('2026-02-30', '31/02/2026', '07/15/2026', '12/31/2025', '2026/01/05', 'last year', '13/13/2013', '2026-7-1'),
  );

const capacity = (broken: boolean) =>
  sometimesBad(
    broken,
    fc.oneof(fc.constantFrom('', '007', ' 2 '), fc.integer({ min: 0, max: 20 }).map(String)),
    fc.constantFrom('21', '-1', '1.5', 'two', '99999999999999999999', '1 2'),
  );

/** Staff ids: some the base database already knows (updates), some new, some odd but valid. */
const staffId = fc.oneof(
  fc.integer({ min: 10000001, max: 10000012 }).map(String),
  fc.integer({ min: 20000000, max: 29999999 }).map(String),
  fc.tuple(fc.constantFrom('', '=', '-', '+', '@', "'", ' ', 'E'), fc.stringMatching(/^[A-Za-z0-9]{1,6}$/)).map(([p, s]) => p + s),
);
const UNKNOWN_MANAGER = '99999999';

type ManagerPick = { kind: 'none' } | { kind: 'other'; index: number } | { kind: 'unknown' } | { kind: 'self' };
const managerPick = (broken: boolean): fc.Arbitrary<ManagerPick> =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constant({ kind: 'none' as const }) },
    { weight: 4, arbitrary: fc.nat().map((index) => ({ kind: 'other' as const, index })) },
    { weight: 1, arbitrary: fc.constant({ kind: 'unknown' as const }) },
    { weight: broken ? 1 : 0, arbitrary: fc.constant({ kind: 'self' as const }) },
  );

const personCells = (broken: boolean) =>
  fc.record({
    name: sometimesBad(broken, personName, fc.constantFrom('', '   ')),
    first_name: sometimesBad(broken, personName, fc.constant('')),
    last_name: fc.oneof(personName, fc.constant('')),
    email: email(broken),
    department: sometimesBad(broken, freeText, overlong),
    job_title: freeText,
    band: band(broken),
    staff_group: fc.constantFrom('', 'Medical and Dental', 'Nursing and Midwifery Registered', 'Administrative and Clerical', 'Estates and Ancillary'),
    ethnicity,
    bme: yesNo(broken),
    function: functions(broken),
    board_member: yesNo(broken),
    role: role(broken),
    race_trained: raceTrained(broken),
    capacity: capacity(broken),
    manager: managerPick(broken),
  });

const DAMAGE = [
  'duplicate-id',
  'ragged-short',
  'ragged-long',
  'stray-quote',
  'unclosed-quote',
  'header-only',
  'duplicate-header',
  'no-staff-id',
  'overlong-id',
  'empty-file',
  'zero-byte',
] as const;
export type Damage = (typeof DAMAGE)[number];

export interface RosterCase {
  columns: Field[];
  headers: string[];
  people: Cells[];
  /** A column remedi does not know (a warning, not a refusal). */
  extraColumn: boolean;
  blankRows: Array<{ at: number; line: string }>;
  damage: Damage[];
  format: CsvFormat;
}

export const csvFormat: fc.Arbitrary<CsvFormat> = fc.record({
  delimiter: fc.constantFrom(',', ',', ';', '\t'),
  eol: fc.constantFrom('\n', '\r\n'),
  bom: fc.boolean(),
  quoteAll: fc.boolean(),
  windows1252: fc.boolean(),
});

/** A roster; in valid mode every row imports into an empty database. */
export function rosterCase(broken: boolean): fc.Arbitrary<RosterCase> {
  const ids = fc.uniqueArray(staffId, { minLength: 1, maxLength: 6, selector: asImported }).filter((list) => list.every((id) => asImported(id) !== ''));
  return fc
    .record({
      ids,
      people: fc.array(personCells(broken), { minLength: 6, maxLength: 6 }),
      nameStyle: fc.oneof(
        { weight: 6, arbitrary: fc.constant('name') },
        { weight: 3, arbitrary: fc.constant('split') },
        { weight: broken ? 1 : 0, arbitrary: fc.constant('none') },
      ),
      optional: fc.shuffledSubarray(OPTIONAL),
      bandColumn: fc.oneof({ weight: 12, arbitrary: fc.constant(true) }, { weight: broken ? 1 : 0, arbitrary: fc.constant(false) }),
      rotate: fc.nat(),
      headerPicks: fc.array(fc.nat(), { minLength: FIELDS.length, maxLength: FIELDS.length }),
      extraColumn: fc.boolean(),
      blankRows: fc.array(fc.record({ at: fc.nat(), line: fc.constantFrom('', ',,,', ' ', ' , ') }), { maxLength: 2 }),
      damage: broken
        ? fc.oneof(
            { weight: 3, arbitrary: fc.constant([] as Damage[]) },
            { weight: 1, arbitrary: fc.array(fc.constantFrom(...DAMAGE), { minLength: 1, maxLength: 2 }) },
          )
        : fc.constant([] as Damage[]),
      format: csvFormat,
    })
    .map(({ ids, people, nameStyle, optional, bandColumn, rotate, headerPicks, extraColumn, blankRows, damage, format }) => {
      const nameColumns: Field[] = nameStyle === 'name' ? ['name'] : nameStyle === 'split' ? ['first_name', 'last_name'] : [];
      const wanted: Field[] = ['staff_id', ...nameColumns, ...(bandColumn ? (['band'] as Field[]) : []), ...optional];
      const columns = wanted.map((_, i) => wanted[(i + rotate) % wanted.length]);
      const headers = columns.map((field) => HEADERS[field][headerPicks[FIELDS.indexOf(field)] % HEADERS[field].length]);
      const rows: Cells[] = ids.map((id, i) => {
        const { manager, ...cells } = people[i];
        const others = ids.filter((other) => asImported(other) !== asImported(id));
        const lineManager =
          manager.kind === 'other' && others.length > 0
            ? others[manager.index % others.length]
            : manager.kind === 'unknown'
              ? UNKNOWN_MANAGER
              : manager.kind === 'self'
                ? id
                : '';
        const row: Cells = { ...cells, staff_id: id, line_manager_id: lineManager };
        if (!broken) {
          // Everyone but a board member needs a band; a board member may have none.
          const board = columns.includes('board_member') && isYes(row.board_member);
          if (board && row.band.length % 2 === 0) row.band = '';
        }
        return row;
      });
      return { columns, headers, people: rows, extraColumn, blankRows, damage, format };
    });
}

/** The file's records, damage applied. */
export function rosterLines(roster: RosterCase): CsvLine[] {
  const { damage } = roster;
  let columns = [...roster.columns];
  let headers = [...roster.headers];
  if (damage.includes('no-staff-id')) {
    const at = columns.indexOf('staff_id');
    columns = columns.filter((_, i) => i !== at);
    headers = headers.filter((_, i) => i !== at);
  }
  const people = roster.people.map((person) => ({ ...person }));
  if (damage.includes('duplicate-id') && people.length > 1) people[1].staff_id = ` ${people[0].staff_id}`;
  if (damage.includes('overlong-id')) people[0].staff_id = 'x'.repeat(1001);
  let records: string[][] = people.map((person) => columns.map((field) => person[field]));
  if (roster.extraColumn) {
    headers.push('Favourite Colour');
    records = records.map((cells, i) => [...cells, i % 2 === 0 ? 'teal' : '=1+1']);
  }
  if (damage.includes('duplicate-header')) {
    headers.push(headers[0] === 'Employee Number' ? 'staff_id' : 'Employee Number');
    records = records.map((cells) => [...cells, cells[0] ?? '']);
  }
  if (damage.includes('ragged-short')) records[records.length - 1] = records[records.length - 1].slice(0, -1);
  if (damage.includes('ragged-long')) records[0] = [...records[0], 'extra'];
  if (damage.includes('header-only')) records = [];

  const lines: CsvLine[] = [{ cells: headers }, ...records.map((cells) => ({ cells }))];
  const d = roster.format.delimiter;
  for (const { at, line } of roster.blankRows) lines.splice(1 + (at % lines.length), 0, { raw: line.replace(/,/g, d) });
  if (damage.includes('stray-quote') && records.length > 0)
    lines.push({ raw: [`3000${records.length}`, 'Jo "JJ" Smith', ...headers.slice(2).map(() => '')].join(d) });
  if (damage.includes('unclosed-quote')) lines.push({ raw: `"30000099${d}"Unclosed, Name${d}6` });
  if (damage.includes('zero-byte')) lines.push({ raw: `30000098${d}Nul\u0000Name` });
  if (damage.includes('empty-file')) return [];
  return lines;
}
