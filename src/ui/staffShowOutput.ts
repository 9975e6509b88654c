/**
 * One person as `staff show` prints them: the JSON (a contract: the field names are relied
 * on) and the page that reads it out, details, cohorts and relationships.
 */
import { bandDisplay } from '../domain/bands.js';
import { formatDate, type IsoDate } from '../domain/dates.js';
import type { ProgrammeRole, StaffFacts, StaffRecord } from '../domain/staff.js';
import type { RelationshipJson } from './relationshipOutput.js';
import { functionsText, handSetLabels, person, raceTraining, staffJson, withCharacteristics, type StaffJson } from './staffOutput.js';
import { renderTable, type Fit } from './table.js';
import { visible } from './terminalText.js';

export interface CohortEnrolmentJson {
  cohort: number;
  role: ProgrammeRole;
  withdrawnOn: IsoDate | null;
  withdrawReason: string | null;
}

/** `staff show --json`: the field names are a contract. */
export interface StaffShowJson {
  person: StaffJson;
  handSet: Array<keyof StaffFacts>;
  cohorts: CohortEnrolmentJson[];
  relationships: Array<RelationshipJson & { sessions: number }>;
}

/** Everything remedi holds about one person, for the administrator. */
export function renderStaffShow(show: StaffShowJson, nameOf: (staffId: string) => string | undefined, fit?: Fit): string {
  const p = show.person;
  const details: Array<[string, string]> = [
    ['Staff id', p.staffId],
    ['Name', p.name],
    ['Email', p.email ?? ''],
    ['Department', p.department ?? ''],
    ['Job title', p.jobTitle ?? ''],
    ['Staff group', p.staffGroup ?? ''],
    ['Band', bandDisplay(p.band)],
    ['Seniority', p.seniority ?? 'unknown (no band)'],
    ['BME', p.bme],
    // As BME: the administrator's view of one person shows their values (docs/characteristics.md, "Values").
    // Labelled as the other lines are: "Sexual orientation", "Carer".
    ...Object.entries(p.characteristics ?? {}).map(([name, value]): [string, string] => [characteristicLabel(name), value]),
    ['Functions', p.functions.length === 0 ? 'none' : functionsText(p, (text) => text)],
    ['Board member', p.boardMember ? 'yes' : 'no'],
    ['Line manager', p.lineManagerId === null ? 'none' : person(p.lineManagerId, nameOf)],
    ['RACE trained', raceTraining(p)],
    ['Capacity', String(p.capacity)],
    ['Status', p.active ? 'active' : 'has left'],
    ['Set by hand', show.handSet.length === 0 ? 'nothing' : handSetLabels(show.handSet).join(', ')],
  ];
  const labelWidth = Math.max(...details.map(([label]) => label.length));
  const parts = [details.map(([label, value]) => `${label.padEnd(labelWidth)}  ${visible(value)}`.trimEnd()).join('\n') + '\n'];

  parts.push('\nCohorts\n');
  if (show.cohorts.length === 0) parts.push('Not enrolled in any cohort.\n');
  else {
    parts.push(
      renderTable(
        ['Cohort', 'Role', 'Withdrawn'],
        show.cohorts.map((c) => [
          String(c.cohort),
          c.role,
          c.withdrawnOn === null ? '' : formatDate(c.withdrawnOn) + (c.withdrawReason ? `: ${c.withdrawReason}` : ''),
        ]),
        { fit, columns: { Withdrawn: { min: 11 } } },
      ),
    );
  }

  parts.push('\nRelationships\n');
  if (show.relationships.length === 0) parts.push('In no relationship.\n');
  else {
    parts.push(
      renderTable(
        ['Id', 'Cohort', 'As', 'With', 'Type', 'Start', 'End', 'Status', 'Sessions'],
        show.relationships.map((r) => {
          const asMentee = r.mentee.staffId === p.staffId;
          const others = asMentee
            ? r.mentors.map((m) => m.name).join(' + ')
            : [`${r.mentee.name} (mentee)`, ...r.mentors.filter((m) => m.staffId !== p.staffId).map((m) => `${m.name} (co-mentor)`)].join(', ');
          return [
            String(r.id),
            String(r.cohort),
            asMentee ? 'mentee' : 'mentor',
            others,
            r.type,
            formatDate(r.start),
            formatDate(r.end) + (r.end === r.plannedEnd && r.status === 'active' ? ' (planned)' : ''),
            r.status,
            String(r.sessions),
          ];
        }),
        { fit, columns: { With: { min: 12 }, Type: { priority: 2 }, Start: { priority: 3 }, Sessions: { priority: 2 } } },
      ),
    );
  }
  return parts.join('');
}

/** `staff show --json` from what the store holds: the person, their cohorts, and each relationship with its session count. */
export function staffShowJson(
  person: StaffRecord,
  cohorts: CohortEnrolmentJson[],
  relationships: ReadonlyArray<{ json: RelationshipJson; sessions: number }>,
  characteristics: { enabled: readonly { name: string }[]; stored: ReadonlyMap<string, 'yes' | 'no'> } = { enabled: [], stored: new Map() },
): StaffShowJson {
  return {
    person: withCharacteristics(staffJson(person), characteristics.enabled, characteristics.stored),
    handSet: person.handSet ?? [],
    cohorts,
    relationships: relationships.map(({ json, sessions }) => ({ ...json, sessions })),
  };
}

const characteristicLabel = (name: string): string => {
  const words = name.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
};
