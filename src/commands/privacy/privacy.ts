/**
 * `remedi export` (everything held, or everything about one person: a subject access
 * request) and `remedi forget` (erasure). Exports are owner-only CSV files.
 */
import { progress } from '../../ui/progress.js';
import { resolve } from 'node:path';
import { UsageError, UserError } from '../../errors.js';
import type { Context } from '../../cli/context.js';
import { toCsv, type CsvCell } from '../../io/csvOutput.js';
import { createOutputFolder } from '../../io/outputFile.js';
import { checkNewFolder } from '../../io/outputTarget.js';
import { enrolmentsOf, listCohorts } from '../../store/cohorts.js';
import { listDepartments } from '../../store/departments.js';
import { checkpointWal, compactFile, copiesHolding, erasedOn, forgetPerson } from '../../store/privacy.js';
import { loadRelationships } from '../../store/relationships.js';
import { listSessions } from '../../store/sessions.js';
import { loadAllStaff } from '../../store/staff.js';
import { formatDate, type IsoDate } from '../../domain/dates.js';
import type { StaffRecord } from '../../domain/staff.js';
import type { Db } from '../../store/db.js';
import { oneLine, visible } from '../../ui/terminalText.js';
import { openCommandDb } from '../shared/openDb.js';
import { resolvePerson } from '../shared/resolvePerson.js';
import type { ExportOptions, ForgetOptions } from './command.js';


export interface ExportSummary {
  directory: string;
  staffId: string | null;
  files: Array<{ file: string; rows: number }>;
}

export async function runExport(directory: string, options: ExportOptions, context: Context): Promise<ExportSummary> {
  const target = resolve(context.cwd, directory);
  // Refused before anything is read; createOutputFolder looks again when it renames.
  checkNewFolder(target);
  const { db } = await openCommandDb(options, context, { create: false, readonly: true });
  try {
    // A person by staff id, email or name; a forgotten person cannot be found any more.
    const who = options.staff === undefined ? undefined : resolvePerson(db, options.staff).staffId;
    const everyone = loadAllStaff(db);
    const about = (id: string) => who === undefined || id === who;
    const relationships = loadRelationships(db).filter((r) => about(r.menteeId) || r.mentors.some((m) => about(m.staffId)));
    const relationshipIds = new Set(relationships.map((r) => r.id));
    const sessions = listSessions(db).filter((s) => relationshipIds.has(s.relationshipId));
    const staff = [...everyone.values()].filter((p) => about(p.staffId));
    // Every enrolment, withdrawn ones too: a subject access request asks for all that is held.
    const enrolments = listCohorts(db).flatMap((c) =>
      [...enrolmentsOf(db, c.number)]
        .filter(([staffId]) => about(staffId))
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([staffId, e]) => [c.number, staffId, e.role, e.withdrawnOn, e.withdrawReason] as CsvCell[]),
    );

    const tables: Array<[string, string[], CsvCell[][]]> = [
      [
        'staff.csv',
        [
          'staff_id',
          'name',
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
          'race_trained',
          'capacity',
          'active',
          'left_on',
        ],
        staff.map((p) => [
          p.staffId,
          p.name,
          p.email,
          p.department,
          p.jobTitle,
          p.band,
          p.staffGroup,
          p.ethnicity,
          p.bmeOverride === null ? null : p.bmeOverride,
          p.functionsStated?.join('; ') ?? null,
          p.boardMember,
          p.lineManagerId,
          p.raceTrainedOn ?? p.raceTrained,
          p.capacity,
          // Who has left and when: `remedi import` reads both back (rosterRows.ts).
          p.active,
          p.leftOn ?? null,
        ]),
      ],
      ['enrolments.csv', ['cohort', 'staff_id', 'role', 'withdrawn_on', 'withdraw_reason'], enrolments],
      [
        'cohorts.csv',
        ['cohort', 'name', 'start', 'end', 'min_months', 'min_per_month'],
        who === undefined ? listCohorts(db).map((c) => [c.number, c.name, c.start, c.end, c.minMonths, c.minPerMonth]) : [],
      ],
      who === undefined
        ? [
            'relationships.csv',
            ['pair_id', 'cohort', 'mentee_id', 'mentor_ids', 'slots', 'type', 'score', 'start', 'ended_on', 'planned_end', 'end_reason', 'override', 'reasons'],
            relationships.map((r) => [
              r.id,
              r.cohort,
              r.menteeId,
              r.mentors.map((m) => m.staffId).join('; '),
              r.mentors.map((m) => m.slot ?? '').join('; '),
              r.type,
              r.score,
              r.start,
              r.endedOn,
              r.plannedEnd,
              r.endReason,
              r.override,
              r.reasons.join(' | '),
            ]),
          ]
        : // A subject access request goes to the person, and must not tell them the other people's
          // BME status: the mentor slots ("bme"), the pair type ("race": a BME mentor, a mentee who
          // is not), the score built from them, and the reasons that spell them out are left out.
          // A trio's mentors are listed by staff id, not in slot order (the BME slot comes first).
          [
            'relationships.csv',
            ['pair_id', 'cohort', 'mentee_id', 'mentor_ids', 'start', 'ended_on', 'planned_end', 'end_reason', 'override'],
            relationships.map((r) => [
              r.id,
              r.cohort,
              r.menteeId,
              r.mentors
                .map((m) => m.staffId)
                .sort()
                .join('; '),
              r.start,
              r.endedOn,
              r.plannedEnd,
              r.endReason,
              r.override,
            ]),
          ],
      [
        'sessions.csv',
        ['session_id', 'pair_id', 'date', 'minutes', 'kind', 'level', 'themes', 'lived_experience', 'mentors', 'notes'],
        sessions.map((s) => [
          s.id,
          s.relationshipId,
          s.date,
          s.minutes,
          s.kind,
          s.level,
          s.themes.join('; '),
          s.livedExperience,
          s.mentors.join('; '),
          s.notes,
        ]),
      ],
      [
        'targeted-departments.csv',
        ['department'],
        who === undefined
          ? listDepartments(db)
              .filter((d) => d.targeted)
              .map((d) => [d.name])
          : [],
      ],
    ];
    const summary: ExportSummary = { directory: target, staffId: who ?? null, files: [] };
    // Every file into a fresh folder beside the target, which gets its name only when all are written.
    const onProgress = progress(context, { what: `Exporting to ${target}`, unit: 'files written', json: options.json, every: 1 });
    try {
      createOutputFolder(target, (write) => {
        for (const [file, headers, rows] of tables) {
          write(file, toCsv(headers, rows));
          summary.files.push({ file, rows: rows.length });
          onProgress(summary.files.length, tables.length);
        }
      });
    } finally {
      onProgress.end();
    }
    if (options.json) context.out(`${JSON.stringify(summary, null, 2)}\n`);
    else {
      context.out(
        `Exported ${who === undefined ? 'everything remedi holds' : `everything remedi holds about ${who}`} to ${target} (readable by you only):\n` +
          summary.files.map((f) => `  ${f.file}: ${f.rows} ${f.rows === 1 ? 'row' : 'rows'}`).join('\n') +
          '\n',
      );
    }
    if (who !== undefined) {
      context.err(
        "relationships.csv leaves out the pair type, score, mentor slots and pairing reasons: they would tell this person the other people's BME status.\n" +
          'Session notes (sessions.csv) and end reasons (relationships.csv) are as the programme team wrote them and may mention other people: read them before you send the export.\n',
      );
    }
    return summary;
  } finally {
    db.close();
  }
}


/** `forget --json`. */
export interface ForgetSummary {
  /** The id their anonymous records now carry; null when they had been erased before (see alreadyErasedOn). */
  anonymousId: string | null;
  relationships: number;
  sessions: number;
  /** Set when the person was erased on an earlier day and this run only finished clearing the file. */
  alreadyErasedOn: IsoDate | null;
  /** Copies remedi made beside the database before updating it that still hold the person. */
  stillHeldIn: string[];
  /** Such copies that could not be read: they may hold them. */
  notChecked: string[];
}

/** How often, and how far apart, the file is tried again while another program reads it. */
const CHECKPOINT_TRIES = 5;
const CHECKPOINT_WAIT_MS = 200;

export async function runForget(query: string, options: ForgetOptions, context: Context): Promise<ForgetSummary> {
  const opened = await openCommandDb(options, context, { create: false });
  const { db } = opened;
  try {
    // By staff id, email or name; leavers can be forgotten too.
    let person: StaffRecord;
    try {
      person = resolvePerson(db, query);
    } catch (error) {
      // Asked again for someone already erased (by staff id or email): finish clearing the file.
      const day = error instanceof UserError ? erasedOn(db, query) : null;
      if (day === null) throw error;
      const typed = query.trim();
      const copies = copiesHolding(opened.path, { staffId: typed, email: typed.includes('@') ? typed : null });
      context.err(copiesNote(copies));
      await clearFile(db, opened.path, typed, 'earlier');
      const summary: ForgetSummary = {
        anonymousId: null,
        relationships: 0,
        sessions: 0,
        alreadyErasedOn: day,
        stillHeldIn: copies.holding,
        notChecked: copies.unreadable,
      };
      if (options.json) context.out(`${JSON.stringify(summary, null, 2)}\n`);
      else
        context.out(
          `${visible(typed)} was erased on ${formatDate(day)}; the erasure is now complete in ${visible(opened.path)} (compacted, with nothing of it waiting in the -wal file).\n`,
        );
      return summary;
    }
    const { staffId } = person;
    const who = visible(`${person.name} (${staffId})`);
    if (!options.yes) {
      if (!context.interactive) {
        throw new UsageError(`Forgetting ${who} needs --yes when there is no terminal to confirm it.`, { fix: `remedi forget ${staffId} --yes` });
      }
      const { confirmForget } = await import('../../ui/prompts.js');
      if (!(await confirmForget(who))) {
        context.err('Nothing was changed.\n');
        return { anonymousId: null, relationships: 0, sessions: 0, alreadyErasedOn: null, stillHeldIn: [], notChecked: [] };
      }
    }
    // Copies made before the erasure are looked at first: what they hold does not change.
    const copies = copiesHolding(opened.path, person);
    // Overwrite what is deleted instead of leaving it in free pages.
    db.pragma('secure_delete = ON');
    const result = db.transaction(() => forgetPerson(db, staffId, context.today)).immediate();
    // From here on the erasure is committed: no message may say that nothing was changed.
    context.err(copiesNote(copies));
    await clearFile(db, opened.path, staffId, 'now');
    const summary: ForgetSummary = { ...result, alreadyErasedOn: null, stillHeldIn: copies.holding, notChecked: copies.unreadable };
    if (options.json) context.out(`${JSON.stringify(summary, null, 2)}\n`);
    else {
      context.out(
        `Forgot ${visible(staffId)}: their name, email, ethnicity, job details and the notes of their sessions are erased. ` +
          `${result.relationships} ${result.relationships === 1 ? 'relationship' : 'relationships'} and ${result.sessions} ${result.sessions === 1 ? 'session' : 'sessions'} stay in the cohort statistics under the anonymous id ${result.anonymousId}. ` +
          'Later roster imports will skip a row with their staff id or email.\n',
      );
    }
    return summary;
  } finally {
    db.close();
  }
}

/**
 * After the erasure is committed: rebuild the file (VACUUM) and copy everything into it from
 * the WAL (a checkpoint), so the old values are in neither. A checkpoint that another program's
 * read holds up is tried again a few times, then refused loudly: the erasure stands, but the
 * old values are still on disk until that program lets go.
 */
async function clearFile(db: Db, file: string, staffId: string, when: 'now' | 'earlier'): Promise<void> {
  const path = visible(file);
  const erased =
    when === 'now'
      ? `${visible(staffId)} is erased from remedi's records (that is saved, and remedi will not show them again)`
      : `${visible(staffId)} was erased from remedi's records earlier`;
  const again = `remedi forget ${visible(staffId)} --yes --db ${path}`;
  try {
    compactFile(db);
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    const why =
      code === 'SQLITE_FULL'
        ? 'the disk is full (compacting needs free space up to the size of the database)'
        : code.startsWith('SQLITE_BUSY')
          ? 'another program was writing to the database'
          : `SQLite said: ${oneLine((error as Error).message)}`;
    // The erasure itself can still go from the WAL into the file, over the old values.
    try {
      checkpointWal(db);
    } catch {
      // Said below all the same: the file may still hold them.
    }
    throw new UserError(
      `${erased}, but compacting ${path} failed: ${why}. Until it is compacted, older copies of their details may remain in the file's free space.`,
      {
        fix: `${code === 'SQLITE_FULL' ? 'Free some disk space' : 'Wait a moment'}, then run ${again} to finish.`,
      },
    );
  }
  for (let attempt = 1; ; attempt += 1) {
    if (checkpointWal(db).busy === 0) return;
    if (attempt === CHECKPOINT_TRIES) break;
    await new Promise((resolve) => setTimeout(resolve, CHECKPOINT_WAIT_MS));
  }
  throw new UserError(
    `${erased}, but their old details are still inside ${path}: the erasure is waiting in ${path}-wal, and SQLite cannot write it over the old details ` +
      'while another program is reading the database. That is most likely another remedi command still running, or a program that opened the file (such as DB Browser for SQLite).',
    { fix: `Close that program (or let the other remedi finish), then run ${again} to finish.` },
  );
}

/** The copies beside the database that still hold the person, by path; backups, exports and report files remedi does not track. */
function copiesNote(copies: { holding: string[]; unreadable: string[] }): string {
  const lines: string[] = [];
  if (copies.holding.length > 0) {
    lines.push(
      `These copies, saved when remedi updated the database, still hold their data: delete them.`,
      ...copies.holding.map((path) => `  ${visible(path)}`),
    );
  }
  if (copies.unreadable.length > 0) {
    lines.push(
      `These copies, saved when remedi updated the database, could not be read, so they may hold their data:`,
      ...copies.unreadable.map((path) => `  ${visible(path)}`),
    );
  }
  lines.push(
    'Backups (remedi backup), exports and report files are not tracked by remedi: any made before today may still hold their data; delete or re-make them.',
  );
  return `${lines.join('\n')}\n`;
}
