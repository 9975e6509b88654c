/** `remedi cohort create|edit|list`: a cohort's dates and its thresholds. */
import { UserError, UsageError } from '../../errors.js';
import { type CommonOptions, type Context } from '../../cli/context.js';
import { cohortState, cohortStateText, type CohortState } from '../../domain/cohorts.js';
import { formatDate } from '../../domain/dates.js';
import { toCsv } from '../../io/csvOutput.js';
import { enrolmentCounts, getCohort, listCohorts, saveCohort, type Cohort } from '../../store/cohorts.js';
import { DatabaseAppeared } from '../../store/db.js';
import { announceCreated, openCommandDb } from '../shared/openDb.js';
import { renderTable } from '../../ui/table.js';
import { visible } from '../../ui/terminalText.js';
import type { CohortCreateOptions, CohortEditOptions, CohortListOptions } from './command.js';
type CohortOptions = CohortCreateOptions | CohortEditOptions;

export const DEFAULT_MIN_MONTHS = 8;
export const DEFAULT_MIN_PER_MONTH = 2;

export async function runCohortCreate(number: number, options: CohortOptions, context: Context): Promise<Cohort> {
  if (options.start === undefined || options.end === undefined) {
    throw new UsageError('A new cohort needs --start and --end dates.', {
      fix: `For example: remedi cohort create ${number} --start 2026-01-05 --end 2026-09-30.`,
    });
  }
  const cohort: Cohort = {
    number,
    name: options.name?.trim() || null,
    start: options.start,
    end: options.end,
    minMonths: options.minMonths ?? DEFAULT_MIN_MONTHS,
    minPerMonth: options.minPerMonth ?? DEFAULT_MIN_PER_MONTH,
  };
  checkDates(cohort);
  try {
    await createCohort(cohort, options, context);
  } catch (error) {
    if (!(error instanceof DatabaseAppeared)) throw error;
    // Another remedi made the database while this one was building its own: use theirs.
    context.err(`Another remedi created ${error.path} meanwhile; using it.\n`);
    await createCohort(cohort, options, context);
  }
  report(cohort, 'Created', options, context);
  return cohort;
}

async function createCohort(cohort: Cohort, options: CohortOptions, context: Context): Promise<void> {
  const opened = await openCommandDb(options, context, { create: true, deferPublish: true });
  try {
    opened.db
      .transaction(() => {
        if (getCohort(opened.db, cohort.number)) {
          throw new UserError(`Cohort ${cohort.number} already exists.`, { fix: `Change it with remedi cohort edit ${cohort.number} --start ... --end ...` });
        }
        saveCohort(opened.db, cohort);
      })
      .immediate();
    // A new database appears under its name only now that its first cohort is in it.
    const isNew = !opened.published;
    opened.publish();
    if (isNew) announceCreated(opened, context);
  } finally {
    opened.close();
  }
}

export async function runCohortEdit(number: number, options: CohortOptions, context: Context): Promise<Cohort> {
  const opened = await openCommandDb(options, context, { create: false });
  try {
    const cohort = opened.db
      .transaction(() => {
        const before = getCohort(opened.db, number);
        if (!before) {
          throw new UserError(`Cohort ${number} does not exist.`, {
            fix: `Create it with remedi cohort create ${number} --start YYYY-MM-DD --end YYYY-MM-DD.`,
          });
        }
        const after: Cohort = {
          number,
          name: options.name === undefined ? before.name : options.name.trim() || null,
          start: options.start ?? before.start,
          end: options.end ?? before.end,
          minMonths: options.minMonths ?? before.minMonths,
          minPerMonth: options.minPerMonth ?? before.minPerMonth,
        };
        checkDates(after);
        saveCohort(opened.db, after);
        return after;
      })
      .immediate();
    report(cohort, 'Updated', options, context);
    return cohort;
  } finally {
    opened.db.close();
  }
}

export type CohortListing = Cohort & CohortState & { mentors: number; mentees: number; either: number };

export async function runCohortList(options: CohortListOptions, context: Context): Promise<CohortListing[]> {
  if (options.json && options.csv) throw new UsageError('Choose one of --json and --csv.');
  const opened = await openCommandDb(options, context, { create: false, readonly: true });
  let cohorts: CohortListing[];
  try {
    cohorts = listCohorts(opened.db).map((cohort) => {
      const counts = enrolmentCounts(opened.db, cohort.number);
      return { ...cohort, ...cohortState(cohort, context.today), mentors: counts.mentor, mentees: counts.mentee, either: counts.either };
    });
  } finally {
    opened.db.close();
  }
  if (options.json) {
    context.out(`${JSON.stringify(cohorts, null, 2)}\n`);
  } else if (options.csv) {
    context.out(
      toCsv(
        ['cohort', 'name', 'start', 'end', 'min_months', 'min_per_month', 'state', 'month', 'months', 'mentees', 'mentors', 'either'],
        cohorts.map((c) => [c.number, c.name, c.start, c.end, c.minMonths, c.minPerMonth, c.state, c.month, c.months, c.mentees, c.mentors, c.either]),
      ),
    );
  } else if (cohorts.length === 0) {
    context.err('No cohorts yet. Create one with: remedi cohort create 1 --start YYYY-MM-DD --end YYYY-MM-DD\n');
  } else {
    context.out(
      renderTable(
        ['Cohort', 'Name', 'Start', 'End', 'State', 'Thresholds', 'Mentees', 'Mentors', 'Either'],
        cohorts.map((c) => [
          String(c.number),
          c.name ?? '',
          formatDate(c.start),
          formatDate(c.end),
          cohortStateText(c),
          `${c.minMonths} months, ${c.minPerMonth}/month`,
          String(c.mentees),
          String(c.mentors),
          String(c.either),
        ]),
        { fit: context, columns: { Thresholds: { priority: 2 }, Either: { priority: 3 }, Name: { priority: 2 } } },
      ),
    );
  }
  return cohorts;
}

function checkDates(cohort: Cohort): void {
  if (cohort.end < cohort.start) {
    throw new UsageError(`Cohort ${cohort.number} would end (${formatDate(cohort.end)}) before it starts (${formatDate(cohort.start)}).`, {
      fix: 'Give an --end on or after the --start.',
    });
  }
}

function report(cohort: Cohort, verb: string, options: CommonOptions, context: Context): void {
  if (options.json) {
    context.out(`${JSON.stringify(cohort, null, 2)}\n`);
    return;
  }
  const name = cohort.name ? ` (${visible(cohort.name)})` : '';
  context.out(
    `${verb} cohort ${cohort.number}${name}: ${formatDate(cohort.start)} to ${formatDate(cohort.end)}, ` +
      `at least ${cohort.minMonths} months with ${cohort.minPerMonth} sessions a month.\n`,
  );
}
