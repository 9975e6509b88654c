/**
 * Random session logs against a known programme: rows for real relationships with
 * valid cells in the spellings the README accepts, and now and then a broken cell,
 * a future date, an unknown pair, a mentor from outside the relationship, a duplicate.
 */
import fc from 'fast-check';
import { csvFormat } from './rosterArbitraries.js';
import type { CsvFormat, CsvLine } from './support.js';

export interface KnownRelationship {
  id: number;
  menteeId: string;
  mentorIds: string[];
  start: string;
  /** The last day a session may have: its end, or today if that is sooner. */
  lastDay: string;
}

export interface Programme {
  relationships: KnownRelationship[];
  staffIds: string[];
  /** Sessions already recorded: the same pair, date and kind again is a duplicate. */
  recorded: Array<{ pairId: number; date: string; kind: string }>;
  today: string;
}

const COLUMNS = ['pair_id', 'mentee_id', 'date', 'minutes', 'kind', 'level', 'themes', 'lived_experience', 'mentors', 'notes'] as const;
type Column = (typeof COLUMNS)[number];
type Row = Record<Column, string>;

const HEADERS: Record<Column, string[]> = {
  pair_id: ['pair_id', 'Pair ID', 'Relationship'],
  mentee_id: ['mentee_id', 'Mentee Staff ID'],
  date: ['date', 'Session Date', 'Date of Meeting'],
  minutes: ['minutes', 'Duration (minutes)', 'Mins'],
  kind: ['kind', 'Session Type', 'Activity'],
  level: ['level', 'Focus Level'],
  themes: ['themes', 'Topics'],
  lived_experience: ['lived_experience', 'Lived Experience'],
  mentors: ['mentors', 'Mentors Present'],
  notes: ['notes', 'Comments'],
};

const sometimesBad = <T>(valid: fc.Arbitrary<T>, invalid: fc.Arbitrary<T>): fc.Arbitrary<T> =>
  fc.oneof({ weight: 40, arbitrary: valid }, { weight: 1, arbitrary: invalid });

const MS_PER_DAY = 86_400_000;
const dayNumber = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / MS_PER_DAY;
const isoOfDay = (n: number): string => new Date(n * MS_PER_DAY).toISOString().slice(0, 10);
const uk = (iso: string): string => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

const dateIn = (first: string, last: string) =>
  fc.integer({ min: dayNumber(first), max: dayNumber(last) }).chain((n) => fc.constantFrom(isoOfDay(n), uk(isoOfDay(n)), ` ${isoOfDay(n)} `));

const KIND_SPELLINGS = [
  'one-to-one',
  'observation',
  'semi-structured-interview',
  'reflective-discussion',
  'shadowing',
  'networking',
  'critical-friend',
  'other',
  'One-to-one conversation',
  '1:1',
  '121',
  'Shadowing',
  'critical friend',
  'Reflection',
  'Observation of the mentee at work',
];
const LEVEL_SPELLINGS = ['individual', 'team', 'department', 'organisation', 'system', 'Organization', 'departmental', 'TEAM'];
const YES_NO = ['', 'yes', 'no', 'Y', 'n', 'TRUE', '0'];

const THEME_WORDS = [
  'career progression',
  'Speaking  up',
  '=cmd|calc',
  '+NHS',
  '-flexible working',
  '@all',
  'Allyship',
  'micro-aggressions',
  "'=quoted",
  'Équité',
  'staff networks',
];
const themes = sometimesBad(
  fc
    .tuple(fc.array(fc.oneof(fc.constantFrom(...THEME_WORDS), fc.string({ maxLength: 12 })), { maxLength: 3 }), fc.constantFrom('; ', ';'))
    .map(([list, sep]) => list.join(sep)),
  fc.constant('x'.repeat(81)),
);
const notes = sometimesBad(
  fc.oneof(
    fc.constantFrom('', 'Talked about "the board", and then, briefly, rotas', '=HYPERLINK("http://x.example")', "Mentor's story\r\nsecond line", '@here'),
    fc.string({ maxLength: 30 }),
  ),
  fc.constant('n'.repeat(5001)),
);

/** One row for relationship `rel` (or, now and then, for nothing real). */
function sessionRow(programme: Programme, rel: KnownRelationship): fc.Arbitrary<Row> {
  const notMentors = programme.staffIds.filter((id) => !rel.mentorIds.includes(id));
  const otherMentee = programme.relationships.find((r) => r.menteeId !== rel.menteeId)?.menteeId ?? '99999999';
  const future = isoOfDay(dayNumber(programme.today) + 1);
  return fc.record({
    pair_id: sometimesBad(fc.constantFrom(String(rel.id), `#${rel.id}`, ` ${rel.id} `), fc.constantFrom('999', '0', 'abc', '-1', '1.5', '')),
    mentee_id: sometimesBad(fc.constant(rel.menteeId), fc.constantFrom('99999999', otherMentee, rel.mentorIds[0])),
    date: sometimesBad(
      dateIn(rel.start, rel.lastDay),
      fc.oneof(
        dateIn(future, '2027-01-31'),
        dateIn('2025-10-01', isoOfDay(dayNumber(rel.start) - 1)),
        fc.constantFrom('', '2026-02-30', '07/15/2026', '2026-7-1', 'yesterday', '31/04/2026'),
      ),
    ),
    minutes: sometimesBad(
      fc.oneof(fc.integer({ min: 1, max: 600 }).map(String), fc.constant(' 45 ')),
      fc.constantFrom('0', '601', '-5', '45.5', 'abc', '', '1e2'),
    ),
    kind: sometimesBad(fc.constantFrom(...KIND_SPELLINGS), fc.constantFrom('obsrvation', 'coffee', '')),
    level: sometimesBad(fc.constantFrom(...LEVEL_SPELLINGS), fc.constantFrom('galaxy', '')),
    themes,
    lived_experience: sometimesBad(fc.constantFrom(...YES_NO), fc.constantFrom('maybe', 'sometimes')),
    mentors: sometimesBad(
      fc.oneof(
        fc.constant(''),
        fc.constant(';;'),
        fc.subarray(rel.mentorIds, { minLength: 1 }).map((ids) => ids.join('; ')),
      ),
      fc.oneof(fc.constantFrom(...notMentors), fc.constant('12345'), fc.constant(`${rel.mentorIds[0]};${notMentors[0]}`)),
    ),
    notes,
  });
}

/** A row that repeats a session already recorded (valid cells otherwise). */
function recordedAgain(programme: Programme): fc.Arbitrary<Row> {
  return fc.constantFrom(...programme.recorded).map((s) => ({
    pair_id: String(s.pairId),
    mentee_id: programme.relationships.find((r) => r.id === s.pairId)!.menteeId,
    date: s.date,
    minutes: '30',
    kind: s.kind,
    level: 'team',
    themes: '',
    lived_experience: '',
    mentors: '',
    notes: 'again',
  }));
}

const DAMAGE = ['duplicate-row', 'ragged', 'stray-quote', 'unclosed-quote', 'header-only', 'no-relationship-column', 'duplicate-header', 'empty-file'] as const;
type Damage = (typeof DAMAGE)[number];

export interface SessionLogCase {
  columns: Column[];
  headers: string[];
  rows: Row[];
  blankRows: Array<{ at: number; line: string }>;
  damage: Damage[];
  format: CsvFormat;
  skipDuplicates: boolean;
  dryRun: boolean;
}

export function sessionLogCase(programme: Programme): fc.Arbitrary<SessionLogCase> {
  const row = fc.oneof(
    { weight: 12, arbitrary: fc.constantFrom(...programme.relationships).chain((rel) => sessionRow(programme, rel)) },
    { weight: 1, arbitrary: recordedAgain(programme) },
  );
  return fc
    .record({
      reference: fc.constantFrom<Column[]>(['pair_id'], ['pair_id'], ['mentee_id'], ['pair_id', 'mentee_id']),
      optional: fc.shuffledSubarray<Column>(['themes', 'lived_experience', 'mentors', 'notes']),
      rotate: fc.nat(),
      headerPicks: fc.array(fc.nat(), { minLength: COLUMNS.length, maxLength: COLUMNS.length }),
      rows: fc.array(row, { minLength: 1, maxLength: 5 }),
      blankRows: fc.array(fc.record({ at: fc.nat(), line: fc.constantFrom('', ',,,', ' ') }), { maxLength: 2 }),
      damage: fc.oneof(
        { weight: 4, arbitrary: fc.constant([] as Damage[]) },
        { weight: 1, arbitrary: fc.array(fc.constantFrom(...DAMAGE), { minLength: 1, maxLength: 2 }) },
      ),
      format: csvFormat,
      skipDuplicates: fc.boolean(),
      dryRun: fc.boolean(),
    })
    .map(({ reference, optional, rotate, headerPicks, ...rest }) => {
      const wanted: Column[] = [...reference, 'date', 'minutes', 'kind', 'level', ...optional];
      const columns = wanted.map((_, i) => wanted[(i + rotate) % wanted.length]);
      const headers = columns.map((c) => HEADERS[c][headerPicks[COLUMNS.indexOf(c)] % HEADERS[c].length]);
      return { columns, headers, ...rest };
    });
}

/** The file's records, damage applied. */
export function sessionLines(log: SessionLogCase): CsvLine[] {
  if (log.damage.includes('empty-file')) return [];
  let columns = [...log.columns];
  let headers = [...log.headers];
  if (log.damage.includes('no-relationship-column')) {
    const keep = columns.map((c) => c !== 'pair_id' && c !== 'mentee_id');
    columns = columns.filter((_, i) => keep[i]);
    headers = headers.filter((_, i) => keep[i]);
  }
  const rows = log.damage.includes('duplicate-row') ? [...log.rows, log.rows[0]] : log.rows;
  let records = rows.map((row) => columns.map((c) => row[c]));
  if (log.damage.includes('duplicate-header')) {
    headers.push(headers.includes('date') ? 'Session Date' : 'date');
    records = records.map((cells) => [...cells, '2026-03-03']);
  }
  if (log.damage.includes('ragged')) records[0] = records[0].slice(1);
  if (log.damage.includes('header-only')) records = [];
  const lines: CsvLine[] = [{ cells: headers }, ...records.map((cells) => ({ cells }))];
  const d = log.format.delimiter;
  for (const { at, line } of log.blankRows) lines.splice(1 + (at % lines.length), 0, { raw: line.replace(/,/g, d) });
  if (log.damage.includes('stray-quote')) lines.push({ raw: ['1', '2026-03-03 "ish"', ...headers.slice(2).map(() => '')].join(d) });
  if (log.damage.includes('unclosed-quote')) lines.push({ raw: `1${d}"2026-03-04` });
  return lines;
}

/** Data rows the file holds (what a successful import must account for, one by one). */
export function dataRowCount(log: SessionLogCase): number {
  return log.rows.length + (log.damage.includes('duplicate-row') ? 1 : 0);
}
