/**
 * Schema 8 rebuilds sessions (kind and level checked by comparisons, not IN lists) and keeps a session's
 * mentors in their key alone (WITHOUT ROWID): every row and id kept, every rule and link still enforced.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/db.js';
import { KINDS, LEVELS } from '../../src/domain/sessions.js';
import { listSessions } from '../../src/store/sessions.js';
import { tempDir } from '../helpers/cli.js';
import { expectUpToDateAndSound, schemaDatabase } from '../helpers/oldSchema.js';

/** A database as schema 7 left it: a pair and a trio, three sessions, the trio's second with one mentor of two. */
function schemaSevenDatabase(path: string): void {
  const old = schemaDatabase(path, 7);
  const day = '2026-01-01';
  const person = old.prepare('INSERT INTO staff (staff_id, name, added_on, updated_on) VALUES (?, ?, ?, ?)');
  for (const id of ['1', '2', '3', '4', '5']) person.run(id, `Person ${id}`, day, day);
  old.prepare("INSERT INTO cohorts (number, start_date, end_date) VALUES (1, '2026-01-05', '2026-09-30')").run();
  const relationship = old.prepare("INSERT INTO relationships (cohort, mentee_id, type, start_date, created_on) VALUES (1, ?, 'race', '2026-01-05', ?)");
  const mentor = old.prepare('INSERT INTO relationship_mentors (relationship_id, mentor_id) VALUES (?, ?)');
  const pair = Number(relationship.run('1', day).lastInsertRowid);
  mentor.run(pair, '3');
  const trio = Number(relationship.run('2', day).lastInsertRowid);
  mentor.run(trio, '5');
  mentor.run(trio, '4');
  const session = old.prepare("INSERT INTO sessions (relationship_id, date, minutes, kind, level, created_on) VALUES (?, ?, 60, 'one-to-one', 'team', ?)");
  const sessionMentor = old.prepare('INSERT INTO session_mentors (session_id, mentor_id) VALUES (?, ?)');
  sessionMentor.run(Number(session.run(pair, '2026-02-01', day).lastInsertRowid), '3');
  const both = Number(session.run(trio, '2026-02-02', day).lastInsertRowid);
  sessionMentor.run(both, '5');
  sessionMentor.run(both, '4');
  sessionMentor.run(Number(session.run(trio, '2026-02-03', day).lastInsertRowid), '4');
  // Session 4, deleted: its id is not given out again.
  old.prepare('DELETE FROM sessions WHERE id = ?').run(Number(session.run(trio, '2026-02-04', day).lastInsertRowid));
  old.close();
}

describe('schema 8', () => {
  it("keeps every session's mentors, in a table of its key alone, its links enforced as before", async () => {
    const path = join(tempDir(), 'remedi.db');
    schemaSevenDatabase(path);
    const { db } = await openDatabase(path, { create: false });
    try {
      expectUpToDateAndSound(db);
      expect(db.prepare("SELECT sql FROM sqlite_master WHERE name = 'session_mentors'").pluck().get()).toMatch(/WITHOUT ROWID$/);
      expect(db.prepare('SELECT session_id, mentor_id FROM session_mentors ORDER BY 1, 2').raw().all()).toEqual([
        [1, '3'],
        [2, '4'],
        [2, '5'],
        [3, '4'],
      ]);
      expect(listSessions(db).map((s) => [s.id, s.relationshipId, s.date, s.mentors])).toEqual([
        [1, 1, '2026-02-01', ['3']],
        [2, 2, '2026-02-02', ['4', '5']],
        [3, 2, '2026-02-03', ['4']],
      ]);
      expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'sessions'").pluck().all()).toEqual(['sessions_for_reports']);

      // Every kind and level is still allowed, anything else still refused; the next session is 5.
      const insert = db.prepare("INSERT INTO sessions (relationship_id, date, minutes, kind, level, created_on) VALUES (1, ?, 30, ?, ?, '2026-03-01')");
      KINDS.forEach((kind, n) => insert.run(`2026-03-0${n + 1}`, kind, LEVELS[n % LEVELS.length]));
      LEVELS.forEach((level, n) => insert.run(`2026-04-0${n + 1}`, 'other', level));
      expect(db.prepare('SELECT min(id) FROM sessions WHERE date >= ?').pluck().get('2026-03-01')).toBe(5);
      expect(() => insert.run('2026-05-01', 'chat', 'team')).toThrow(/CHECK constraint failed/);
      expect(() => insert.run('2026-05-01', 'One-to-one', 'team')).toThrow(/CHECK constraint failed/);
      expect(() => insert.run('2026-05-01', 'other', 'ward')).toThrow(/CHECK constraint failed/);
      expect(() =>
        db
          .prepare(
            "INSERT INTO sessions (relationship_id, date, minutes, kind, level, created_on) VALUES (99, '2026-05-01', 30, 'other', 'team', '2026-05-01')",
          )
          .run(),
      ).toThrow(/FOREIGN KEY/);

      // A mentor row pointing nowhere is refused; the same mentor twice too; deleting a session still takes its mentors.
      expect(() => db.prepare("INSERT INTO session_mentors (session_id, mentor_id) VALUES (1, '9')").run()).toThrow(/FOREIGN KEY/);
      expect(() => db.prepare("INSERT INTO session_mentors (session_id, mentor_id) VALUES (99, '3')").run()).toThrow(/FOREIGN KEY/);
      expect(() => db.prepare("INSERT INTO session_mentors (session_id, mentor_id) VALUES (1, '3')").run()).toThrow(/UNIQUE/);
      db.prepare('DELETE FROM sessions WHERE id = 2').run();
      expect(db.prepare('SELECT count(*) FROM session_mentors WHERE session_id = 2').pluck().get()).toBe(0);
      expect(db.prepare('SELECT count(*) FROM session_mentors').pluck().get()).toBe(2);
    } finally {
      db.close();
    }
  });

  it('leaves a database that never had a session without a count of them, as a new one is made', async () => {
    const path = join(tempDir(), 'remedi.db');
    schemaDatabase(path, 7).close();
    const { db } = await openDatabase(path, { create: false });
    const fresh = await openDatabase(join(tempDir(), 'new.db'), { create: true });
    try {
      for (const made of [db, fresh.db]) expect(made.prepare("SELECT count(*) FROM sqlite_sequence WHERE name = 'sessions'").pluck().get()).toBe(0);
    } finally {
      db.close();
      fresh.close();
    }
  });

  it('refuses a database whose session mentors point nowhere, and leaves it as it was', async () => {
    const path = join(tempDir(), 'remedi.db');
    schemaSevenDatabase(path);
    const broken = new Database(path);
    broken.pragma('foreign_keys = OFF');
    broken.prepare("INSERT INTO session_mentors (session_id, mentor_id) VALUES (1, 'nobody')").run();
    broken.close();
    await expect(openDatabase(path, { create: false })).rejects.toThrow(/links between its tables that do not hold/);
    const after = new Database(path, { readonly: true });
    expect(after.pragma('user_version', { simple: true })).toBe(7);
    expect(after.prepare('SELECT count(*) FROM session_mentors').pluck().get()).toBe(5);
    expect(after.prepare("SELECT sql FROM sqlite_master WHERE name = 'sessions'").pluck().get()).toContain('kind IN (');
    expect(after.prepare("SELECT sql FROM sqlite_master WHERE name = 'session_mentors'").pluck().get()).not.toMatch(/WITHOUT ROWID/);
    after.close();
  });
});
