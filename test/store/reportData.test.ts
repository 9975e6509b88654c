import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCohortReport } from '../../src/commands/report/cohortReport.js';
import { reportJsonPieces } from '../../src/ui/reportJson.js';
import { KINDS, LEVELS } from '../../src/domain/sessions.js';
import { getCohort } from '../../src/store/cohorts.js';
import { openDatabase, type Db } from '../../src/store/db.js';
import { boardWithRoles, chaseRelationships, cohortSessionSummary, reportRelationships } from '../../src/store/reportData.js';
import { listSessions } from '../../src/store/sessions.js';
import { FIXTURES, remedi, tempDir } from '../helpers/cli.js';
import { mulberry32 } from '../helpers/random.js';
import { summariseSessions } from '../helpers/sessionSummary.js';

describe('cohortSessionSummary (SQL) agrees with summariseSessions (in memory)', () => {
  it.each(['2026-03-01', '2026-07-29', '2026-01-04'])('on the fixture sessions as of %s', async (asOf) => {
    const db = join(tempDir(), 'remedi.db');
    const env = { REMEDI_TODAY: '2026-07-29' };
    for (const args of [
      ['cohort', 'create', '1', '--start', '2026-01-05', '--end', '2026-09-30'],
      ['import', join(FIXTURES, 'roster.csv'), '--cohort', '1'],
      ['pair', '--trios', '--save', '--start', '2026-01-05'],
      ['import-sessions', join(FIXTURES, 'sessions.csv')],
      ['import-sessions', join(FIXTURES, 'sessions-form-export.csv')],
    ]) {
      expect(remedi([...args, '--db', db], { env }).code).toBe(0);
    }
    const { db: handle } = await openDatabase(db, { create: false });
    try {
      const fromSql = cohortSessionSummary(handle, 1, asOf);
      const inMemory = summariseSessions(listSessions(handle, { cohort: 1 }), asOf);
      expect(fromSql.total).toBe(inMemory.total);
      expect({ ...fromSql, themes: fromSql.themes.map((t) => [t.theme.toLowerCase(), t.sessions, t.relationships]) }).toEqual({
        ...inMemory,
        themes: inMemory.themes.map((t) => [t.theme.toLowerCase(), t.sessions, t.relationships]),
      });
    } finally {
      handle.close();
    }
  });
});

describe('boardWithRoles', () => {
  it('gives each active board member their role in the cohort and the day they withdrew from it', async () => {
    const db = join(tempDir(), 'remedi.db');
    const env = { REMEDI_TODAY: '2026-03-15' };
    for (const args of [
      ['cohort', 'create', '1', '--start', '2026-01-05', '--end', '2026-09-30'],
      ['cohort', 'create', '2', '--start', '2026-10-01', '--end', '2027-06-30'],
      ['import', join(FIXTURES, 'roster.csv'), '--cohort', '1'],
      ['cohort', 'withdraw', '1', '10000002', '--on', '2026-03-12', '--reason', 'stepped down'],
    ]) {
      const result = remedi([...args, '--db', db], { env });
      expect(result.code, result.stderr).toBe(0);
    }
    const { db: handle } = await openDatabase(db, { create: false });
    try {
      const board = boardWithRoles(handle, 1);
      expect(board.map((m) => m.staffId)).toEqual(['10000001', '10000002', '10000003', '10000004', '10000005', '10000006', '10000007', '10000008']);
      expect(board[0]).toEqual({ staffId: '10000001', name: 'Margaret Ellison', role: 'mentee', withdrawnOn: null });
      expect(board[1]).toEqual({ staffId: '10000002', name: 'Siobhán Kelly', role: 'mentee', withdrawnOn: '2026-03-12' });
      expect(board.filter((m) => m.withdrawnOn !== null)).toHaveLength(1);
      // Nobody is enrolled in cohort 2: no role, and no withdrawal.
      expect(boardWithRoles(handle, 2).every((m) => m.role === null && m.withdrawnOn === null)).toBe(true);
    } finally {
      handle.close();
    }
  });
});

describe('cohortSessionSummary (SQL) agrees with summariseSessions (in memory) on random data', () => {
  /** Two cohorts of relationships with random sessions (some after the as-of day, some before a start), kinds, levels and themes. */
  async function randomDatabase(seed: number): Promise<Db> {
    const random = mulberry32(seed);
    const int = (n: number) => Math.floor(random() * n);
    const day = (offset: number) => new Date(Date.UTC(2026, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10);
    const { db } = await openDatabase(join(tempDir(), 'remedi.db'), { create: true });
    db.transaction(() => {
      db.prepare(
        `INSERT INTO cohorts (number, name, start_date, end_date) VALUES (1, 'One', '2026-01-05', '2026-09-30'), (2, 'Two', '2026-03-01', '2026-12-31')`,
      ).run();
      const staff = db.prepare(`INSERT INTO staff (staff_id, name, email, department, staff_group, band, ethnicity, functions, board_member, line_manager_id,
        race_trained, race_trained_on, capacity, active, left_on, added_on, updated_on)
        VALUES (?, ?, NULL, 'Dept', 'Medical and Dental', '8c', 'A', '[]', 0, NULL, 0, NULL, 1, 1, NULL, '2026-01-01', '2026-01-01')`);
      const theme = db.prepare('INSERT INTO themes (id, key, label) VALUES (?, ?, ?)');
      const themes = ['Career progression', 'Speaking up', 'Belonging', 'Allyship', 'Wellbeing'];
      themes.forEach((label, i) => theme.run(i + 1, label.toLowerCase(), label));
      const relationship = db.prepare(
        `INSERT INTO relationships (id, cohort, mentee_id, type, start_date, ended_on, created_on) VALUES (?, ?, ?, 'general', ?, ?, '2026-01-01')`,
      );
      const session = db.prepare(
        `INSERT INTO sessions (relationship_id, date, minutes, kind, level, lived_experience, created_on) VALUES (?, ?, ?, ?, ?, ?, '2026-01-01')`,
      );
      const sessionTheme = db.prepare('INSERT OR IGNORE INTO session_themes (session_id, theme_id, position) VALUES (?, ?, ?)');
      for (let id = 1; id <= 40; id++) {
        const staffId = String(20000000 + id);
        staff.run(staffId, `Person ${id}`);
        const start = day(int(120));
        relationship.run(id, 1 + int(2), staffId, start, random() < 0.2 ? day(150 + int(100)) : null);
        const sessions = int(4) === 0 ? 0 : int(30);
        for (let s = 0; s < sessions; s++) {
          const { lastInsertRowid } = session.run(id, day(int(330)), 1 + int(120), KINDS[int(KINDS.length)], LEVELS[int(LEVELS.length)], int(2));
          for (let t = int(4); t > 0; t--) sessionTheme.run(lastInsertRowid, 1 + int(themes.length), t);
        }
      }
    })();
    return db;
  }

  it.each([1, 2, 3, 4, 5, 6])('seed %i, both cohorts, as of several days', async (seed) => {
    const db = await randomDatabase(seed);
    try {
      for (const cohort of [1, 2]) {
        for (const asOf of ['2025-12-31', '2026-02-14', '2026-06-30', '2026-09-30', '2027-01-31']) {
          const inMemory = summariseSessions(listSessions(db, { cohort }), asOf);
          expect(cohortSessionSummary(db, cohort, asOf)).toEqual(inMemory);
          // The chase's reading: every relationship of the cohort in id order, each with its dates.
          const chased = [...chaseRelationships(db, getCohort(db, cohort)!, asOf)];
          expect(chased.map((rel) => rel.id)).toEqual(reportRelationships(db, cohort).map((rel) => rel.id));
          expect(new Map(chased.filter((rel) => rel.sessionDates.length > 0).map((rel) => [rel.id, rel.sessionDates]))).toEqual(inMemory.datesByRelationship);
          // The report's JSON, written in pieces, is JSON.stringify's byte for byte.
          const report = loadCohortReport(db, getCohort(db, cohort)!, asOf, null);
          expect([...reportJsonPieces(report)].join('')).toBe(`${JSON.stringify(report, null, 2)}\n`);
        }
      }
    } finally {
      db.close();
    }
  });
});
