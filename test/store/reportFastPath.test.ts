/**
 * The report's fast path (store/reportData.ts: sessions read by SQLite, one row per relationship)
 * against the pure domain over every session: every report format and the chase list, on random
 * databases written through remedi's own session writer (inserts, edits, deletes), both cohorts,
 * as of days before, during and after, with and without suppression.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { chasePart } from '../../src/commands/report/chasePart.js';
import { chaseOnTwoThreads } from '../../src/commands/report/chaseSplit.js';
import { withCountsOnAWorker } from '../../src/commands/report/reportSplit.js';
import { fallBackNote } from '../../src/commands/shared/workerPart.js';
import type { Context } from '../../src/cli/context.js';
import { loadCohortReport, loadPublicationReport } from '../../src/commands/report/cohortReport.js';
import { reportJsonPieces } from '../../src/ui/reportJson.js';
import { chaseDue, chaseList, withPeople } from '../../src/domain/chase.js';
import { buildCohortReport, type ReportInput } from '../../src/domain/cohortReport.js';
import { buildPublicationReport } from '../../src/domain/publicationReport.js';
import { KINDS, LEVELS, normaliseTheme } from '../../src/domain/sessions.js';
import { getCohort } from '../../src/store/cohorts.js';
import { openDatabase, type Db } from '../../src/store/db.js';
import {
  bmeOfParticipants,
  boardWithRoles,
  chaseRelationships,
  cohortIdCut,
  cohortSessionCounts,
  cohortSessionDates,
  cohortSessionSummary,
  relationshipsById,
  reportRelationships,
} from '../../src/store/reportData.js';
import { listSessions, sessionWriter } from '../../src/store/sessions.js';
import { makeChalk } from '../../src/ui/colour.js';
import { publicationCsv, reportCsv } from '../../src/ui/reportCsv.js';
import { renderReportHtml } from '../../src/ui/reportHtml.js';
import { renderReportMarkdown, renderReportText } from '../../src/ui/reportText.js';
import { tempDir } from '../helpers/cli.js';
import { mulberry32 } from '../helpers/random.js';
import { summariseSessions } from '../helpers/sessionSummary.js';

const day = (offset: number) => new Date(Date.UTC(2024, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10);

/**
 * Two cohorts, relationships (pairs and trios, some ended early, some cut short by their
 * cohort's end, some starting late) with sessions logged, edited (day and relationship moved),
 * and deleted through remedi's session writer, some dated after the as-of days and before a start.
 */
async function randomDatabase(seed: number, cohortOf: CohortLayout = 'random'): Promise<Db> {
  const random = mulberry32(seed);
  const int = (n: number) => Math.floor(random() * n);
  const { db } = await openDatabase(join(tempDir(), 'remedi.db'), { create: true });
  db.transaction(() => {
    db.prepare(
      `INSERT INTO cohorts (number, name, start_date, end_date, min_months, min_per_month) VALUES
         (1, 'One', '2024-01-31', '2024-09-30', 8, 2), (2, 'Two', '2024-03-01', '2024-08-15', 6, 1)`,
    ).run();
    const staff = db.prepare(`INSERT INTO staff (staff_id, name, email, department, staff_group, band, ethnicity, functions, board_member, line_manager_id,
      race_trained, race_trained_on, capacity, active, left_on, added_on, updated_on)
      VALUES (?, ?, NULL, 'Dept', 'Medical and Dental', ?, ?, '[]', ?, NULL, 1, NULL, 1, 1, NULL, '2024-01-01', '2024-01-01')`);
    const relationship = db.prepare(
      `INSERT INTO relationships (id, cohort, mentee_id, type, start_date, ended_on, created_on) VALUES (?, ?, ?, ?, ?, ?, '2024-01-01')`,
    );
    const mentor = db.prepare('INSERT INTO relationship_mentors (relationship_id, mentor_id, slot) VALUES (?, ?, ?)');
    // BME, not, unknown (none given, 99) and one a letter only: by the person, not the random stream.
    const ETHNICITIES = ['A', 'M', null, 'H', '99', 'C3', 'S1'];
    const starts = ['2024-01-31', '2024-01-31', '2024-02-29', '2024-03-01', '2024-03-15', '2024-05-31'];
    const TYPES = ['race', 'frontline', 'clinical', 'general'];
    for (let id = 1; id <= 30; id++) {
      const mentee = `1${String(id).padStart(7, '0')}`;
      staff.run(mentee, `Mentee ${id}`, '8c', ETHNICITIES[id % ETHNICITIES.length], int(3) === 0 ? 1 : 0);
      const start = starts[int(starts.length)];
      const ended = random() < 0.25 ? day(80 + int(150)) : null;
      const drawn = 1 + int(2);
      const number = cohortOf === 'random' ? drawn : cohortOf === 'runs' ? (id <= 12 ? 1 : 2) : id % 5 === 0 ? 1 : 2;
      relationship.run(id, number, mentee, TYPES[int(4)], start, ended !== null && ended < start ? start : ended);
      const trio = random() < 0.3;
      for (let k = 0; k < (trio ? 2 : 1); k++) {
        const staffId = `2${String(id * 2 + k).padStart(7, '0')}`;
        staff.run(staffId, `Mentor ${id}-${k}`, '5', ETHNICITIES[(id + k + 2) % ETHNICITIES.length], 0);
        mentor.run(id, staffId, trio ? (k === 0 ? 'bme' : 'frontline') : null);
      }
    }
    // Some people's BME status set by hand, either way (it wins over their ethnicity).
    db.prepare('UPDATE staff SET bme_override = CASE rowid % 7 WHEN 0 THEN 1 WHEN 3 THEN 0 END').run();
    const writer = sessionWriter(db, '2024-01-01');
    const themes = ['Career progression', 'Speaking up', 'Belonging', 'Allyship', 'Wellbeing'];
    const draft = () => ({
      relationshipId: 1 + int(30),
      date: day(int(300)),
      minutes: 1 + int(120),
      kind: KINDS[int(KINDS.length)],
      level: LEVELS[int(LEVELS.length)],
      livedExperience: random() < 0.4,
      themes: themes.filter(() => random() < 0.3).map((label) => normaliseTheme(label)!),
      mentors: [],
      notes: null,
    });
    const ids: number[] = [];
    for (let s = 0; s < 400; s++) ids.push(writer.insert(draft()));
    for (let s = 0; s < 60; s++) writer.update(ids[int(ids.length)], draft());
    for (let s = 0; s < 40; s++) {
      const at = int(ids.length);
      writer.remove(ids[at]);
      ids.splice(at, 1);
    }
  })();
  return db;
}

/**
 * Which cohort each relationship is in: drawn at random (ids interleaved), in runs (each cohort's
 * ids one after another), or one in five in cohort 1 (its ids far apart). The store reads a
 * cohort's sessions by its ids' range when they fill most of it, skipping another cohort's rows
 * in it, and else by the list of ids: each layout takes another of those ways.
 */
type CohortLayout = 'random' | 'runs' | 'sparse';

/** The report's input as the pure domain sees it: every session of the cohort, held in memory. */
function pureInput(db: Db, cohort: number, asOf: string, suppressBelow: number | null): ReportInput {
  return {
    cohort: getCohort(db, cohort)!,
    asOf,
    relationships: reportRelationships(db, cohort),
    sessions: summariseSessions(listSessions(db, { cohort }), asOf),
    board: boardWithRoles(db, cohort),
    bmeOf: bmeOfParticipants(db, cohort),
    suppressBelow,
  };
}

const plain = makeChalk({ flag: false, isTTY: false });

describe('the report read through SQLite gives every format and the chase list exactly as the domain does over all sessions', () => {
  it.each([
    [1, 'random'],
    [2, 'random'],
    [3, 'random'],
    [4, 'random'],
    [5, 'random'],
    [6, 'random'],
    [7, 'runs'],
    [8, 'sparse'],
  ] as const)('seed %i, cohorts %s, both cohorts, as of days before, during and after', async (seed, layout) => {
    const db = await randomDatabase(seed, layout);
    // How many chase entries were compared: none would prove nothing.
    let chased = 0;
    try {
      for (const number of [1, 2]) {
        const cohort = getCohort(db, number)!;
        for (const asOf of ['2024-01-15', '2024-02-29', '2024-03-30', '2024-05-31', '2024-07-14', '2024-08-15', '2024-09-30', '2024-12-31']) {
          for (const suppressBelow of [null, 3]) {
            const fast = loadCohortReport(db, cohort, asOf, suppressBelow);
            const pure = buildCohortReport(pureInput(db, number, asOf, suppressBelow));
            expect(fast).toEqual(pure);
            expect([...reportJsonPieces(fast)].join('')).toBe(`${JSON.stringify(pure, null, 2)}\n`);
            expect(reportCsv(fast)).toBe(reportCsv(pure));
            expect(renderReportMarkdown(fast)).toBe(renderReportMarkdown(pure));
            expect(renderReportHtml(fast)).toBe(renderReportHtml(pure));
            expect(renderReportText(fast, plain)).toBe(renderReportText(pure, plain));
            const fastPublication = loadPublicationReport(db, cohort, asOf, suppressBelow);
            const purePublication = buildPublicationReport(pureInput(db, number, asOf, suppressBelow));
            expect(fastPublication).toEqual(purePublication);
            expect(publicationCsv(fastPublication)).toBe(publicationCsv(purePublication));
          }
          // Every way of reading the themes (a few ids per query, two columns instead of one, a set per theme instead of bits) counts the same.
          const inMemory = summariseSessions(listSessions(db, { cohort: number }), asOf);
          for (const reading of [{}, { range: 3 }, { range: 7, packed: false }, { range: 1, maxBits: 0 }, { packed: false, maxBits: 0 }]) {
            expect(cohortSessionSummary(db, number, asOf, reading)).toEqual(inMemory);
          }
          const leaving = new Set([3, 7]);
          const relationships = reportRelationships(db, number).map((rel) => ({ ...rel, minMonths: cohort.minMonths, minPerMonth: cohort.minPerMonth }));
          const dates = summariseSessions(listSessions(db, { cohort: number }), asOf).datesByRelationship;
          const pure = chaseList(relationships, dates, asOf, leaving);
          // As `report chase` reads it: the decision on rows without people, then names for those listed only.
          const due = chaseDue(chaseRelationships(db, cohort, asOf), asOf, leaving);
          const people = relationshipsById(
            db,
            due.map((entry) => entry.id),
          );
          expect(due.map((entry) => withPeople(entry, people.get(entry.id)!))).toStrictEqual(pure);
          chased += pure.length;
        }
      }
      expect(chased).toBeGreaterThan(0);
    } finally {
      db.close();
    }
  });
});

describe('report chase on two threads gives the one-thread list', () => {
  const BUILT_WORKER = new URL('../../dist/commands/report/chaseWorker.js', import.meta.url);
  const asOf = '2024-05-31';
  /** A worker module written for the test: `body` runs in place of the chase worker. */
  const workerOf = (body: string): URL => {
    const path = join(tempDir(), 'worker.mjs');
    writeFileSync(path, body);
    return pathToFileURL(path);
  };
  const setupOf = (db: Db, number: number) => {
    const cohort = getCohort(db, number)!;
    const needsReplacement = new Set([3, 7]);
    return { cohort: { number, minMonths: cohort.minMonths, minPerMonth: cohort.minPerMonth }, asOf, needsReplacement };
  };

  it.each([1, 2, 3])('seed %i: cut anywhere, both cohorts, the built worker', async (seed) => {
    const db = await randomDatabase(seed, 'runs');
    try {
      for (const number of [1, 2]) {
        const setup = setupOf(db, number);
        const alone = chasePart(db, setup.cohort, asOf, setup.needsReplacement);
        expect(alone.items.length).toBeGreaterThan(0);
        for (const share of [0.1, 0.45, 0.9]) {
          const cut = cohortIdCut(db, number, share, 1)!;
          const fellBack: Error[] = [];
          expect(await chaseOnTwoThreads(db, { ...setup, cut, worker: BUILT_WORKER, onFallBack: (why) => fellBack.push(why) })).toStrictEqual(alone);
          // The worker's own part, not this thread's reading of it.
          expect(fellBack).toEqual([]);
        }
      }
    } finally {
      db.close();
    }
  });

  it("takes the worker's part as the worker sends it, and reads it itself when a write was committed meanwhile or the worker fails", async () => {
    const db = await randomDatabase(4, 'runs');
    try {
      const setup = setupOf(db, 1);
      const cut = cohortIdCut(db, 1, 0.5, 1)!;
      const alone = chasePart(db, setup.cohort, asOf, setup.needsReplacement);
      const mine = alone.items.filter((item) => item.id < cut);
      expect(mine.length).toBeGreaterThan(0);
      expect(mine.length).toBeLessThan(alone.items.length);
      // A worker that sends an empty part: taken as it is when nothing changed (so the part is the worker's) ...
      const empty = workerOf("import { parentPort } from 'node:worker_threads'; parentPort.postMessage({ items: [], running: 0 });");
      expect((await chaseOnTwoThreads(db, { ...setup, cut, worker: empty })).items).toStrictEqual(mine);
      // ... and read again here, in this thread's snapshot (names as they were), when a rename was committed meanwhile.
      const rename = () => {
        const other = new Database(db.name);
        other.exec("UPDATE staff SET name = name || ' (renamed)'");
        other.close();
      };
      const fellBack: Error[] = [];
      expect(await chaseOnTwoThreads(db, { ...setup, cut, worker: empty, beforeCheck: rename, onFallBack: (why) => fellBack.push(why) })).toStrictEqual(alone);
      expect(fellBack.map((why) => why.message)).toEqual(['the database changed between the two snapshots']);
      const failing = workerOf("throw new Error('the worker failed');");
      const renamed = chasePart(db, setup.cohort, asOf, setup.needsReplacement);
      expect(renamed.items[0].mentee.name).toMatch(/ \(renamed\)$/);
      expect(await chaseOnTwoThreads(db, { ...setup, cut, worker: failing, onFallBack: (why) => fellBack.push(why) })).toStrictEqual(renamed);
      expect(fellBack.at(-1)!.message).toBe('the worker failed');
    } finally {
      db.close();
    }
  });
});

describe("the report's session counts read on a second thread are the one-thread counts", () => {
  const BUILT_WORKER = new URL('../../dist/commands/report/reportWorker.js', import.meta.url);
  const workerOf = (body: string): URL => {
    const path = join(tempDir(), 'worker.mjs');
    writeFileSync(path, body);
    return pathToFileURL(path);
  };

  it.each([1, 2, 3])('seed %i: both cohorts, as of days before, during and after, the built worker', async (seed) => {
    const db = await randomDatabase(seed);
    try {
      let themed = 0;
      for (const cohort of [1, 2]) {
        for (const asOf of ['2024-02-15', '2024-05-31', '2024-12-31']) {
          const fellBack: Error[] = [];
          const { mine, counts } = await withCountsOnAWorker(db, { cohort, asOf, worker: BUILT_WORKER, onFallBack: (why) => fellBack.push(why) }, () =>
            cohortSessionDates(db, cohort, asOf),
          );
          // The worker's own counts, not this thread's reading of them.
          expect(fellBack).toEqual([]);
          const summary = cohortSessionSummary(db, cohort, asOf);
          expect({ ...mine, ...counts }).toEqual(summary);
          expect(counts).toStrictEqual(cohortSessionCounts(db, cohort, asOf));
          themed += summary.themes.length;
        }
      }
      // Counts with no themes would prove little.
      expect(themed).toBeGreaterThan(0);
    } finally {
      db.close();
    }
  });

  it("takes the worker's counts as it sends them, and reads them itself when a write was committed meanwhile or the worker fails", async () => {
    const db = await randomDatabase(4);
    try {
      const asOf = '2024-12-31';
      const alone = cohortSessionCounts(db, 1, asOf);
      expect(alone.themes.length).toBeGreaterThan(0);
      const none = { livedExperience: 0, kinds: {}, levels: {}, themes: [] };
      // A worker that sends no counts: taken as it is when nothing changed (so the counts are the worker's) ...
      const empty = workerOf(`import { parentPort } from 'node:worker_threads'; parentPort.postMessage(${JSON.stringify(none)});`);
      expect((await withCountsOnAWorker(db, { cohort: 1, asOf, worker: empty }, () => null)).counts).toStrictEqual(none);
      // ... and read again here, in this thread's snapshot (before the write), when a session's themes were deleted meanwhile.
      const deleteOne = () => {
        const other = new Database(db.name);
        other.exec(
          `DELETE FROM session_themes WHERE session_id = (SELECT min(st.session_id) FROM session_themes st JOIN sessions s ON s.id = st.session_id
             JOIN relationships r ON r.id = s.relationship_id WHERE r.cohort = 1 AND s.date <= '${asOf}')`,
        );
        other.close();
      };
      const fellBack: Error[] = [];
      // (This thread's snapshot begins with its own first read, as the report's does.)
      const dates = () => cohortSessionDates(db, 1, asOf);
      expect(
        (await withCountsOnAWorker(db, { cohort: 1, asOf, worker: empty, beforeCheck: deleteOne, onFallBack: (why) => fellBack.push(why) }, dates)).counts,
      ).toStrictEqual(alone);
      expect(fellBack.map((why) => why.message)).toEqual(['the database changed between the two snapshots']);
      const failing = workerOf("throw new Error('the worker failed');");
      const after = cohortSessionCounts(db, 1, asOf);
      expect(after).not.toStrictEqual(alone);
      expect((await withCountsOnAWorker(db, { cohort: 1, asOf, worker: failing, onFallBack: (why) => fellBack.push(why) }, () => null)).counts).toStrictEqual(
        after,
      );
      expect(fellBack.at(-1)!.message).toBe('the worker failed');
    } finally {
      db.close();
    }
  });
});

describe('a part read again on this thread', () => {
  it('says why on stderr with --debug, control characters shown, and says nothing without it', () => {
    const said: string[] = [];
    const context = { err: (text: string) => said.push(text) } as unknown as Context;
    expect(fallBackNote(context, undefined)).toBeUndefined();
    expect(fallBackNote(context, false)).toBeUndefined();
    fallBackNote(context, true)!(new Error('the worker failed \u001b[2J'));
    expect(said).toEqual(["The second thread's part was read on this one instead: the worker failed \\x1b[2J\n"]);
  });
});
