/**
 * The research export (docs/outcomes.md, "The research export"): a dataset for evaluating the
 * programme that identifies nobody. Pure: the command reads the database and writes the files,
 * this decides what they hold.
 */
import type { Seniority } from './bands.js';
import type { IsoDate } from './dates.js';
import type { BmeStatus } from './ethnicity.js';
import { kAnonymise, rarestCombination } from './kAnonymity.js';
import type { PairType } from './pairingRules.js';
import { monthIndexOn, relationshipEnd, relationshipMonths, type RelationshipDates } from './relationshipLife.js';
import type { Kind, Level } from './sessions.js';
import type { SurveyStage } from './surveys.js';

/** The identifying columns of people.csv every export has, in the order they are given up to reach k (docs/outcomes.md). */
export const IDENTIFYING_COLUMNS = ['seniority_group', 'bme', 'role', 'cohort'] as const;
/** One of IDENTIFYING_COLUMNS, or an enabled characteristic's name. */
export type IdentifyingColumn = string;

/**
 * The identifying columns of people.csv with these characteristics enabled, in the order they
 * are given up to reach k: the seniority group, then each characteristic in its order, then
 * BME, role and cohort (docs/outcomes.md, "The research export").
 */
export const identifyingColumns = (characteristics: readonly string[]): IdentifyingColumn[] => [
  IDENTIFYING_COLUMNS[0],
  ...characteristics,
  ...IDENTIFYING_COLUMNS.slice(1),
];

export const DEFAULT_K = 5;

export interface ResearchPerson {
  staffId: string;
  seniority: Seniority | null;
  bme: BmeStatus;
  /** Their stored values of the enabled characteristics (unknown is absent). */
  characteristics?: ReadonlyMap<string, 'yes' | 'no'>;
}

export interface ResearchRelationship extends RelationshipDates {
  id: number;
  cohort: number;
  menteeId: string;
  mentorIds: readonly string[];
  type: PairType;
}

export interface ResearchSession {
  relationshipId: number;
  date: IsoDate;
  minutes: number;
  kind: Kind;
  level: Level;
  livedExperience: boolean;
  themes: readonly string[];
}

export interface ResearchScore {
  staffId: string;
  cohort: number;
  group: 'mentees' | 'mentors';
  stage: SurveyStage;
  question: string;
  score: number;
}

export interface ResearchInput {
  people: ReadonlyMap<string, ResearchPerson>;
  relationships: readonly ResearchRelationship[];
  sessions: readonly ResearchSession[];
  scores: readonly ResearchScore[];
  /** The enabled characteristics, in their order: a column of people.csv each (none when absent). */
  characteristics?: readonly string[];
  /** Sessions after this day are not counted (today). */
  asOf: IsoDate;
}

export interface ResearchTable {
  file: string;
  headers: readonly string[];
  rows: Array<Array<string | number>>;
}

export interface ResearchDataset {
  tables: ResearchTable[];
  k: number;
  /** Rows of people.csv before the k check. */
  rows: number;
  suppressed: Array<{ column: IdentifyingColumn; cells: number }>;
  leftOut: number;
}

/** A row of people.csv: the random id, and a cell per identifying column, keyed by the column's position (a characteristic's name may be any word). */
type PeopleRow = Record<string, string> & { person: string };

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Cell by cell: numbers as numbers, text as text. */
function compareRows(a: ReadonlyArray<string | number>, b: ReadonlyArray<string | number>): number {
  for (let i = 0; i < Math.min(a.length, b.length); i += 1) {
    const [x, y] = [a[i], b[i]];
    const order = typeof x === 'number' && typeof y === 'number' ? x - y : byText(String(x), String(y));
    if (order !== 0) return order;
  }
  return a.length - b.length;
}

/**
 * The dataset: people.csv (one row per person and cohort, the only file with cohort, role,
 * seniority group, BME and the enabled characteristics, made k-anonymous), relationships.csv and sessions.csv (by a random
 * relationship id, naming no one: a relationship's type tells its people's BME status, so
 * linking people to relationships would undo the k check), and survey_scores.csv (by the
 * person's random id; scores only, never free text). Ids come from `newId`, one per person and
 * cohort and one per relationship; rows are in id order, so their order tells nothing.
 */
export function researchDataset(input: ResearchInput, k: number, newId: () => string): ResearchDataset {
  const participation = new Map<string, { cohort: number; staffId: string; role: 'mentee' | 'mentor' }>();
  const take = (cohort: number, staffId: string, role: 'mentee' | 'mentor') => {
    const key = `${cohort}\u0000${staffId}`;
    const known = participation.get(key);
    if (known === undefined || (known.role === 'mentor' && role === 'mentee')) participation.set(key, { cohort, staffId, role });
  };
  for (const r of input.relationships) {
    take(r.cohort, r.menteeId, 'mentee');
    for (const m of r.mentorIds) take(r.cohort, m, 'mentor');
  }
  for (const s of input.scores) take(s.cohort, s.staffId, s.group === 'mentees' ? 'mentee' : 'mentor');

  const names = input.characteristics ?? [];
  const columns = identifyingColumns(names);
  // Keyed by position, never by name, so a characteristic called "role" is a column of its own.
  const keys = columns.map((_, i) => `c${i}`);
  const personId = new Map<string, string>();
  const peopleRows: PeopleRow[] = [];
  for (const [key, p] of participation) {
    const person = input.people.get(p.staffId);
    const id = newId();
    personId.set(key, id);
    const cells: Record<string, string> = {
      seniority_group: person?.seniority ?? '',
      bme: person === undefined || person.bme === 'unknown' ? '' : person.bme,
      role: p.role,
      cohort: String(p.cohort),
    };
    const row: PeopleRow = { person: id };
    columns.forEach((column, i) => {
      // A characteristic not known (no value stored) is empty, as BME not known is.
      row[keys[i]] = i >= 1 && i <= names.length ? (person?.characteristics?.get(column) ?? '') : cells[column];
    });
    peopleRows.push(row);
  }
  const anonymised = kAnonymise(peopleRows, keys, k);
  // Defence in depth: the files are never written if the check does not hold.
  if (rarestCombination(anonymised.rows, keys) < k) throw new Error('research export: a combination rarer than k survived');
  // The file's order: cohort, role, seniority group, BME, then the characteristics (the columns' order above: seniority, characteristics, BME, role, cohort).
  const n = names.length;
  const peopleHeaders = ['person', 'cohort', 'role', 'seniority_group', 'bme', ...names];
  const cellKeys = [keys[n + 3], keys[n + 2], keys[0], keys[n + 1], ...names.map((_, i) => keys[1 + i])];

  const sessionsOf = new Map<number, ResearchSession[]>();
  for (const s of input.sessions) {
    const list = sessionsOf.get(s.relationshipId);
    if (list === undefined) sessionsOf.set(s.relationshipId, [s]);
    else list.push(s);
  }
  const relationshipRows: Array<Array<string | number>> = [];
  const sessionRows: Array<Array<string | number>> = [];
  for (const r of input.relationships) {
    const id = newId();
    const lastDay = input.asOf < relationshipEnd(r) ? input.asOf : relationshipEnd(r);
    const counted = (sessionsOf.get(r.id) ?? []).filter((s) => s.date >= r.start && s.date <= lastDay);
    const months = relationshipMonths(r, input.asOf);
    const complete = months.filter((m) => m.complete);
    const inComplete = counted.filter((s) => complete.some((m) => s.date >= m.from && s.date <= m.to)).length;
    relationshipRows.push([
      id,
      r.cohort,
      r.type,
      r.mentorIds.length > 1 ? 'trio' : 'pair',
      months.length,
      complete.length,
      counted.length,
      complete.length === 0 ? '' : Math.round((inComplete / complete.length) * 100) / 100,
      counted.reduce((sum, s) => sum + s.minutes, 0),
      counted.filter((s) => s.livedExperience).length,
    ]);
    for (const s of counted) {
      sessionRows.push([
        id,
        monthIndexOn(r.start, s.date) ?? '',
        s.kind,
        s.level,
        s.minutes,
        s.livedExperience ? 'yes' : 'no',
        [...s.themes].sort(byText).join('; '),
      ]);
    }
  }
  const scoreRows = input.scores.flatMap((s) => {
    const id = personId.get(`${s.cohort}\u0000${s.staffId}`);
    return id === undefined ? [] : [[id, s.stage, s.question, s.score]];
  });

  const inIdOrder = (rows: Array<Array<string | number>>) => rows.sort(compareRows);
  return {
    tables: [
      {
        file: 'people.csv',
        headers: peopleHeaders,
        rows: anonymised.rows.map((r) => [r.person, ...cellKeys.map((key) => r[key])]).sort((a, b) => byText(a[0], b[0])),
      },
      {
        file: 'relationships.csv',
        headers: [
          'relationship',
          'cohort',
          'type',
          'structure',
          'months',
          'complete_months',
          'sessions',
          'sessions_per_complete_month',
          'minutes',
          'lived_experience_sessions',
        ],
        rows: inIdOrder(relationshipRows),
      },
      { file: 'sessions.csv', headers: ['relationship', 'month', 'kind', 'level', 'minutes', 'lived_experience', 'themes'], rows: inIdOrder(sessionRows) },
      { file: 'survey_scores.csv', headers: ['person', 'stage', 'question', 'score'], rows: inIdOrder(scoreRows) },
    ],
    k,
    rows: peopleRows.length,
    suppressed: anonymised.suppressed.map(({ cells }, i) => ({ column: columns[i], cells })),
    leftOut: anonymised.leftOut,
  };
}
