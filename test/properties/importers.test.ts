/**
 * Property-based tests of the importers (issue 7): random rosters and session logs,
 * valid and broken, imported in-process. Whatever the file, an import either succeeds
 * or refuses with a UserError (never a crash), a refusal leaves the database byte for
 * byte as it was, and a valid roster survives import, export and import again.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCohortCreate } from '../../src/commands/cohort/create.js';
import { runImport } from '../../src/commands/roster/importRoster.js';
import { runImportSessions } from '../../src/commands/sessions/importSessions.js';
import { runPair } from '../../src/commands/pair/propose.js';
import { runExport } from '../../src/commands/privacy/export.js';
import { runStaffList } from '../../src/commands/staff/list.js';
import { loadRelationships } from '../../src/store/relationships.js';
import { FIXTURES } from '../helpers/cli.js';
import { rosterCase, rosterLines, type RosterCase } from './rosterArbitraries.js';
import { dataRowCount, sessionLines, sessionLogCase, type Programme } from './sessionArbitraries.js';
import {
  capturedContext,
  copyDatabase,
  countRows,
  csvBytes,
  databaseFiles,
  databaseProblems,
  outcomeOf,
  removeFolder,
  runFolder,
  snapshotFolder,
  TODAY,
  asFlags,
} from './support.js';

const BASE_ROSTER = [
  'staff_id,name,band,department,ethnicity,board_member,line_manager_id,role',
  '10000001,Ada Board,,Corporate,A,yes,,mentee',
  '10000002,Bola Adeyemi,8c,Medicine,N,no,10000001,mentee',
  '10000003,Chen Wei,6,Surgery,R,no,10000002,mentor',
  '10000004,Dev Patel,7,Pharmacy,H,no,10000002,either',
  "10000005,Erin O'Neill,5,Estates,B,no,10000004,mentor",
  '10000006,"=Fay, Formula",4,=Dept,M,no,,mentor',
].join('\n');

/** A folder of its own for one run, removed however the run ends. */
async function inRunFolder<T>(body: (dir: string) => Promise<T>): Promise<T> {
  const dir = runFolder();
  try {
    return await body(dir);
  } finally {
    removeFolder(dir);
  }
}

function writeRoster(dir: string, roster: RosterCase): string {
  const path = join(dir, 'roster.csv');
  writeFileSync(path, csvBytes(rosterLines(roster), roster.format));
  return path;
}

const folders: string[] = [];
afterAll(() => folders.forEach(removeFolder));

describe('roster import on random files', () => {
  let baseDb: string;

  beforeAll(async () => {
    const dir = runFolder();
    folders.push(dir);
    baseDb = join(dir, 'remedi.db');
    const { context } = capturedContext(dir);
    await runCohortCreate(1, asFlags({ db: baseDb, start: '2026-01-05', end: '2026-09-30' }), context);
    writeFileSync(join(dir, 'base.csv'), BASE_ROSTER);
    await runImport(join(dir, 'base.csv'), asFlags({ db: baseDb, cohort: 1 }), context);
    expect(databaseFiles(dir)).toEqual(['remedi.db']);
  });

  it('resolves or refuses with a UserError; a refusal (or a dry run) leaves the database files as they were', async () => {
    const scenario = fc.record({
      roster: rosterCase(true),
      dbExists: fc.boolean(),
      cohort: fc.oneof({ weight: 7, arbitrary: fc.constant(undefined) }, { weight: 2, arbitrary: fc.constant(1) }, { weight: 1, arbitrary: fc.constant(2) }),
      missingLeft: fc.boolean(),
      dryRun: fc.oneof({ weight: 4, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
      json: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(scenario, ({ roster, dbExists, ...options }) =>
        inRunFolder(async (dir) => {
          const db = join(dir, 'remedi.db');
          if (dbExists) copyDatabase(baseDb, dir);
          const file = writeRoster(dir, roster);
          const before = snapshotFolder(dir);
          const result = await outcomeOf(() => runImport(file, asFlags({ db, ...options }), capturedContext(dir).context));
          if (!result.ok || options.dryRun) {
            expect(snapshotFolder(dir)).toEqual(before);
            return;
          }
          expect(result.value.added + result.value.updated + result.value.unchanged).toBe(roster.people.length);
          expect(databaseProblems(db)).toEqual([]);
        }),
      ),
      { numRuns: 100 },
    );
  });
});

describe('roster round trip: import, export, import again', () => {
  /** Import the roster, export staff.csv, import that into a new database: both staff lists. */
  async function roundTrip(dir: string, roster: RosterCase) {
    const first = join(dir, 'first.db');
    const second = join(dir, 'second.db');
    const { context } = capturedContext(dir);
    const imported = await outcomeOf(() => runImport(writeRoster(dir, roster), asFlags({ db: first }), context));
    if (!imported.ok) throw new Error(`a valid roster was refused: ${imported.error.message}\n${imported.error.details.join('\n')}`);
    await runExport(join(dir, 'export'), asFlags({ db: first }), context);
    const again = await outcomeOf(() => runImport(join(dir, 'export', 'staff.csv'), asFlags({ db: second }), context));
    if (!again.ok) throw new Error(`the exported staff.csv was refused: ${again.error.message}\n${again.error.details.join('\n')}`);
    const staffList = async (db: string) => {
      const listed = capturedContext(dir);
      await runStaffList(asFlags({ db, json: true as const }), listed.context);
      return JSON.parse(listed.out.join('')) as unknown[];
    };
    return { before: await staffList(first), after: await staffList(second) };
  }

  const roundTripHolds = (roster: RosterCase) =>
    inRunFolder(async (dir) => {
      const { before, after } = await roundTrip(dir, roster);
      expect(before).toHaveLength(roster.people.length);
      expect(after).toEqual(before);
    });

  const oneCell = (cells: Partial<RosterCase['people'][number]>): RosterCase => ({
    columns: ['staff_id', 'name', 'band', 'department'],
    headers: ['staff_id', 'name', 'band', 'department'],
    people: [{ staff_id: '10000001', name: 'a', band: '6', department: '', ...cells } as RosterCase['people'][number]],
    extraColumn: false,
    blankRows: [],
    damage: [],
    format: { delimiter: ',', eol: '\n', bom: false, quoteAll: false, windows1252: false },
  });

  it('gives exactly the same staff list, formula-like names and departments included', async () => {
    await fc.assert(fc.asyncProperty(rosterCase(false), roundTripHolds), { numRuns: 60 });
  });

  // Found by this property: csv-stringify quoted only cells holding a whole CRLF, so a cell
  // with a bare LF went out unquoted and staff.csv no longer imported.
  it('exports a value with a line break quoted, so staff.csv imports back', async () => {
    await fc.assert(fc.asyncProperty(rosterCase(false), roundTripHolds), { numRuns: 20, examples: [[oneCell({ department: 'a\na' })]] });
  });

  // Found by this property: a value stored starting with ' and a formula character lost its '
  // on the way back, because the export did not escape the ' again.
  it("keeps a stored value that starts with ' and a formula character on the round trip", async () => {
    await fc.assert(fc.asyncProperty(rosterCase(false), roundTripHolds), { numRuns: 20, examples: [[oneCell({ name: " '-a" })]] });
  });
});

describe('session import on random files', () => {
  let baseDb: string;
  let baseSessions: number;
  let programme: Programme;

  beforeAll(async () => {
    const dir = runFolder();
    folders.push(dir);
    baseDb = join(dir, 'remedi.db');
    const { context } = capturedContext(dir, TODAY);
    await runCohortCreate(1, asFlags({ db: baseDb, start: '2026-01-05', end: '2026-09-30' }), context);
    await runImport(join(FIXTURES, 'roster.csv'), asFlags({ db: baseDb, cohort: 1 }), context);
    await runPair(asFlags({ db: baseDb, trios: true as const, save: true as const, start: '2026-01-05' }), context);
    await runImportSessions(join(FIXTURES, 'sessions.csv'), asFlags({ db: baseDb }), context);

    const db = new Database(baseDb, { fileMustExist: true });
    try {
      programme = {
        relationships: loadRelationships(db).map((r) => {
          const end = r.endedOn ?? r.plannedEnd;
          return { id: r.id, menteeId: r.menteeId, mentorIds: r.mentors.map((m) => m.staffId), start: r.start, lastDay: end < TODAY ? end : TODAY };
        }),
        staffIds: (db.prepare('SELECT staff_id FROM staff').all() as Array<{ staff_id: string }>).map((row) => row.staff_id),
        recorded: db.prepare('SELECT relationship_id AS pairId, date, kind FROM sessions').all() as Programme['recorded'],
        today: TODAY,
      };
    } finally {
      db.close();
    }
    baseSessions = countRows(baseDb, 'sessions');
    expect(programme.relationships.length).toBeGreaterThan(5);
    expect(baseSessions).toBeGreaterThan(0);
    expect(databaseFiles(dir)).toEqual(['remedi.db']);
  });

  it('resolves or refuses with a UserError; never half-writes; a success adds exactly the rows it imported', async () => {
    await fc.assert(
      fc.asyncProperty(sessionLogCase(programme), (log) =>
        inRunFolder(async (dir) => {
          const db = copyDatabase(baseDb, dir);
          const file = join(dir, 'sessions.csv');
          writeFileSync(file, csvBytes(sessionLines(log), log.format));
          const before = snapshotFolder(dir);
          const options = asFlags({ db, skipDuplicates: log.skipDuplicates, dryRun: log.dryRun });
          const result = await outcomeOf(() => runImportSessions(file, options, capturedContext(dir, TODAY).context));
          if (!result.ok || log.dryRun) expect(snapshotFolder(dir)).toEqual(before);
          if (!result.ok) {
            expect(countRows(db, 'sessions')).toBe(baseSessions);
            return;
          }
          const { imported, duplicatesSkipped } = result.value;
          expect(imported + duplicatesSkipped).toBe(dataRowCount(log));
          if (!log.skipDuplicates) expect(duplicatesSkipped).toBe(0);
          expect(countRows(db, 'sessions')).toBe(baseSessions + (log.dryRun ? 0 : imported));
          expect(databaseProblems(db)).toEqual([]);
        }),
      ),
      { numRuns: 100 },
    );
  });
});
