import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/db.js';
import { boardWithRoles, cohortSessionSummary } from '../../src/store/reportData.js';
import { listSessions } from '../../src/store/sessions.js';
import { FIXTURES, remedi, tempDir } from '../helpers/cli.js';
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
