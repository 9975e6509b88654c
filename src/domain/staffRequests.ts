/**
 * What `staff edit`, `staff train` and `staff find` decide before they touch the database:
 * that an edit gives something to change and every value is right, the day training is
 * recorded on, and the search text and limit (docs/programme-year.md, "Set by hand").
 */
import { UsageError, UserError } from '../errors.js';
import { formatDate, type IsoDate } from './dates.js';
import type { StaffFacts } from './staff.js';
import { EDIT_FIELDS, formatFlagProblem, mergeHandSet, parseStaffEdit, type StaffEditFlags } from './staffEdit.js';

export interface StaffEditRequest extends StaffEditFlags {
  lineManager?: string;
}

/** The flag each edit field is given by, under the name commander gives its option. */
const FLAG_OPTION: Record<(typeof EDIT_FIELDS)[number]['field'], keyof StaffEditRequest> = {
  email: 'email',
  department: 'department',
  band: 'band',
  functions: 'function',
  boardMember: 'board',
  capacity: 'capacity',
  raceTraining: 'raceTrained',
  lineManager: 'lineManager',
};

/**
 * The facts an edit sets (the line manager, a name to resolve, is left to the command):
 * refused when no flag is given, or with every value that is not right.
 */
export function checkedStaffEdit(flags: StaffEditRequest, today: IsoDate): Partial<StaffFacts> {
  if (!EDIT_FIELDS.some(({ field }) => flags[FLAG_OPTION[field]] !== undefined)) {
    throw new UsageError(`Nothing to change: give at least one of ${EDIT_FIELDS.map((f) => f.flag).join(', ')}.`, {
      fix: 'For example: remedi staff edit "Chidi Eze" --function "front line"',
    });
  }
  const { facts, problems } = parseStaffEdit(flags, today);
  if (problems.length === 1) throw new UsageError(`Nothing was changed: ${formatFlagProblem(problems[0])}.`);
  if (problems.length > 1) {
    throw new UsageError(`Nothing was changed: ${problems.length} values are not right.`, { details: problems.map((p) => `  ${formatFlagProblem(p)}`) });
  }
  return facts;
}

/** The day RACE training is recorded on: the one given, else today; never a day still to come. */
export function trainingDay(on: IsoDate | undefined, today: IsoDate): IsoDate {
  const day = on ?? today;
  if (day > today)
    throw new UserError(`${formatDate(day)} is in the future; record training once it has happened.`, { fix: 'Give the day they were trained with --on.' });
  return day;
}

/** What recording training writes for one person: trained on that day, both facts set by hand so a later import's blank cell keeps them. */
export function trainingEdit(
  handSet: ReadonlyArray<keyof StaffFacts> | undefined,
  on: IsoDate,
): { facts: Pick<StaffFacts, 'raceTrained' | 'raceTrainedOn'>; handSet: Array<keyof StaffFacts> } {
  return { facts: { raceTrained: true, raceTrainedOn: on }, handSet: mergeHandSet(handSet, ['raceTrained', 'raceTrainedOn']) };
}

export const FIND_LIMIT = 50;

/** The text `staff find` looks for, and how many it shows at most. */
export function findRequest(text: string, limit: number | undefined): { text: string; limit: number } {
  if (text.trim() === '') throw new UsageError('Nothing to look for: expected part of a name, email or staff id, e.g. remedi staff find kelly');
  return { text, limit: limit ?? FIND_LIMIT };
}
