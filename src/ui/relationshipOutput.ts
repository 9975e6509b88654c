/** Saved relationships: the JSON of `pair list`, `pair add` and `pair end` (a contract), the table, the CSV of `pair list --csv`. */
import { formatDate, type IsoDate } from '../domain/dates.js';
import type { PairType, Slot } from '../domain/pairingRules.js';
import { holdsPeopleOn, relationshipEnd } from '../domain/relationshipLife.js';
import type { RelationshipRecord } from '../domain/relationships.js';
import type { CsvCell } from '../io/csvOutput.js';
import { renderTable, type Fit } from './table.js';
import { visible } from './terminalText.js';

export interface RelationshipJson {
  id: number;
  cohort: number;
  mentee: { staffId: string; name: string };
  mentors: Array<{ staffId: string; name: string; slot: Slot | null }>;
  type: PairType;
  score: number;
  start: IsoDate;
  /** The day it ends: the day it was ended, else its planned end. */
  end: IsoDate;
  plannedEnd: IsoDate;
  status: 'active' | 'ended';
  endReason: string | null;
  override: boolean;
}

export function relationshipJson(record: RelationshipRecord, nameOf: (staffId: string) => string, today: IsoDate): RelationshipJson {
  const end = relationshipEnd(record);
  return {
    id: record.id,
    cohort: record.cohort,
    mentee: { staffId: record.menteeId, name: nameOf(record.menteeId) },
    mentors: record.mentors.map((m) => ({ staffId: m.staffId, name: nameOf(m.staffId), slot: m.slot })),
    type: record.type,
    score: record.score,
    start: record.start,
    end,
    plannedEnd: record.plannedEnd,
    // Active while it holds its people: an early end frees them on the day it was ended.
    status: holdsPeopleOn(record, today) ? 'active' : 'ended',
    endReason: record.endReason,
    override: record.override,
  };
}

export function renderRelationships(list: readonly RelationshipJson[], fit?: Fit): string {
  return renderTable(
    ['Id', 'Cohort', 'Mentee', 'Mentors', 'Type', 'Start', 'End', 'Status'],
    list.map((r) => [
      String(r.id),
      String(r.cohort),
      r.mentee.name,
      r.mentors.map((m) => m.name).join(' + '),
      r.type + (r.override ? ' (override)' : ''),
      formatDate(r.start),
      formatDate(r.end) + (r.end === r.plannedEnd && r.status === 'active' ? ' (planned)' : ''),
      r.status,
    ]),
    { fit, columns: { Mentee: { min: 12 }, Mentors: { min: 12 }, Cohort: { priority: 3 }, Start: { priority: 2 }, Type: { priority: 2 } } },
  );
}

/** What a mail merge needs about a person beyond their name. */
export interface Contact {
  email: string | null;
  department: string | null;
}

const CSV_PERSON = ['id', 'name', 'email', 'department'] as const;

/** The columns of `pair list --csv`: each person's staff id, name, email and department (the introductions mail merge). */
export const RELATIONSHIP_CSV_HEADER: readonly string[] = [
  'relationship_id',
  'cohort',
  ...CSV_PERSON.map((c) => `mentee_${c}`),
  ...CSV_PERSON.map((c) => `mentor_${c}`),
  ...CSV_PERSON.map((c) => `second_mentor_${c}`),
  'type',
  'start',
  'end',
  'status',
];

/** `pair list --csv`: one row per relationship (RELATIONSHIP_CSV_HEADER); a pair leaves the second mentor's cells empty. */
export function relationshipCsvRows(list: readonly RelationshipJson[], contactOf: (staffId: string) => Contact | null): CsvCell[][] {
  const person = (p: { staffId: string; name: string } | undefined): CsvCell[] => {
    if (!p) return [null, null, null, null];
    const contact = contactOf(p.staffId);
    return [p.staffId, p.name, contact?.email ?? null, contact?.department ?? null];
  };
  return list.map((r) => [r.id, r.cohort, ...person(r.mentee), ...person(r.mentors[0]), ...person(r.mentors[1]), r.type, r.start, r.end, r.status]);
}

/** What `pair end` prints: the relationship, its people (shown with visible escapes: names are data) and the day it ended. */
export function endedRelationshipText(json: RelationshipJson): string {
  return `Ended relationship #${json.id} (${visible(json.mentee.name)} with ${visible(json.mentors.map((m) => m.name).join(' and '))}) on ${formatDate(json.end)}.\n`;
}
