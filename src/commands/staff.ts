/** `remedi staff list`: who is on the staff list, and how remedi classified them. */
import { UserError } from '../errors.js';
import { type CommonOptions, type Context } from '../context.js';
import { bandDisplay, type Seniority } from '../domain/bands.js';
import type { BmeStatus } from '../domain/ethnicity.js';
import type { StaffFunction } from '../domain/functions.js';
import { classify, type ProgrammeRole } from '../domain/staff.js';
import { getCohort } from '../store/cohorts.js';
import { openCommandDb } from './openDb.js';
import { listStaff, loadAllStaff, recordTraining, type ListedStaff } from '../store/staff.js';
import { formatDate } from '../domain/dates.js';
import { renderTable } from '../ui/table.js';

export interface StaffListOptions extends CommonOptions {
  cohort?: number;
}

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
}

export function staffJson(person: ListedStaff): StaffJson {
  const classification = classify(person);
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

export async function runStaffList(options: StaffListOptions, context: Context): Promise<StaffJson[]> {
  const opened = await openCommandDb(options, context, { create: false });
  let people: StaffJson[];
  try {
    if (options.cohort !== undefined && !getCohort(opened.db, options.cohort)) {
      throw new UserError(`Cohort ${options.cohort} does not exist.`, { fix: 'See the cohorts with remedi cohort list.' });
    }
    people = listStaff(opened.db, options.cohort).map(staffJson);
  } finally {
    opened.db.close();
  }
  if (options.json) {
    context.out(`${JSON.stringify(people, null, 2)}\n`);
    return people;
  }
  if (people.length === 0) {
    context.err(options.cohort === undefined ? 'Nobody yet: import a roster with remedi import roster.csv\n' : `Nobody is enrolled in cohort ${options.cohort} yet.\n`);
    return people;
  }
  const { dim } = context.colour.out;
  const headers = ['Staff id', 'Name', 'Department', 'Band', 'Seniority', 'BME', 'Functions', 'Board', 'Line manager', 'RACE trained', 'Capacity'];
  if (options.cohort !== undefined) headers.push('Role');
  else headers.push('Status');
  const rows = people.map((p) => {
    const row = [
      p.staffId,
      p.name,
      p.department ?? '',
      bandDisplay(p.band),
      p.seniority ?? '',
      p.bme,
      p.functions.join(', ') + (p.functionsDerived && p.functions.length > 0 ? dim(' (derived)') : ''),
      p.boardMember ? 'board' : '',
      p.lineManagerId ?? '',
      p.raceTrained ? (p.raceTrainedOn ?? 'yes') : 'no',
      String(p.capacity),
    ];
    row.push(options.cohort !== undefined ? (p.role ?? '') : p.active ? 'active' : 'left');
    return row;
  });
  context.out(renderTable(headers, rows));
  const left = people.filter((p) => !p.active).length;
  context.err(`${people.length} ${people.length === 1 ? 'person' : 'people'}${left > 0 ? `, ${left} of whom ${left === 1 ? 'has' : 'have'} left` : ''}.\n`);
  return people;
}

export interface StaffTrainOptions extends CommonOptions {
  on?: string;
}

/** `remedi staff train`: RACE training done after the roster was imported. All or nothing. */
export async function runStaffTrain(staffIds: string[], options: StaffTrainOptions, context: Context): Promise<StaffJson[]> {
  const on = options.on ?? context.today;
  if (on > context.today) {
    throw new UserError(`${formatDate(on)} is in the future; record training once it has happened.`, { fix: 'Give the day they were trained with --on.' });
  }
  const { db } = await openCommandDb(options, context, { create: false });
  try {
    const trained = db
      .transaction(() => {
        const everyone = loadAllStaff(db);
        const unknown = staffIds.filter((id) => !everyone.has(id));
        if (unknown.length > 0) {
          throw new UserError(`Nobody was recorded: there is no one with staff id ${unknown.join(', ')}.`, { fix: 'Check the ids with remedi staff list.' });
        }
        const ids = [...new Set(staffIds)];
        recordTraining(db, ids, on, context.today);
        const after = loadAllStaff(db);
        return ids.map((id) => staffJson(after.get(id)!));
      })
      .immediate();
    if (options.json) context.out(`${JSON.stringify(trained, null, 2)}\n`);
    else context.out(`Recorded RACE training on ${formatDate(on)} for ${trained.map((p) => `${p.name} (${p.staffId})`).join(', ')}.\n`);
    return trained;
  } finally {
    db.close();
  }
}
