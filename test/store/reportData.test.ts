import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { summariseSessions } from '../../src/domain/cohortReport.js';
import { openDatabase } from '../../src/store/db.js';
import { cohortSessionSummary } from '../../src/store/reportData.js';
import { listSessions } from '../../src/store/sessions.js';
import { FIXTURES, remedi, tempDir } from '../helpers/cli.js';

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
