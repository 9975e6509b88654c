/** Schema 7 rebuilds relationships (a pair type may be lived experience): nothing that points to them may be lost. */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/db.js';
import { tempDir } from '../helpers/cli.js';
import { expectUpToDateAndSound, schemaDatabase } from '../helpers/oldSchema.js';

/** A database as schema 6 left it: two cohorts' relationships, mentors, sessions, one relationship deleted at the end. */
function schemaSixDatabase(path: string): void {
  const old = schemaDatabase(path, 6);
  const day = '2026-01-01';
  const person = old.prepare('INSERT INTO staff (staff_id, name, band, added_on, updated_on) VALUES (?, ?, ?, ?, ?)');
  for (const [id, band] of [
    ['1', '9'],
    ['2', '7'],
    ['3', '5'],
    ['4', '8a'],
  ])
    person.run(id, `Person ${id}`, band, day, day);
  old.prepare("INSERT INTO cohorts (number, start_date, end_date) VALUES (1, '2026-01-05', '2026-09-30')").run();
  const relationship = old.prepare(
    "INSERT INTO relationships (cohort, mentee_id, type, score, reasons, start_date, created_on) VALUES (1, ?, ?, 10, '[\"race pair (+400)\"]', '2026-01-05', ?)",
  );
  const mentor = old.prepare('INSERT INTO relationship_mentors (relationship_id, mentor_id, slot) VALUES (?, ?, ?)');
  const first = Number(relationship.run('1', 'race', day).lastInsertRowid);
  mentor.run(first, '2', 'bme');
  mentor.run(first, '3', 'frontline');
  const second = Number(relationship.run('4', 'general', day).lastInsertRowid);
  mentor.run(second, '3', null);
  const deleted = Number(relationship.run('4', 'clinical', day).lastInsertRowid);
  old.prepare('DELETE FROM relationships WHERE id = ?').run(deleted);
  const session = old.prepare(
    "INSERT INTO sessions (relationship_id, date, minutes, kind, level, created_on) VALUES (?, '2026-02-01', 60, 'one-to-one', 'individual', ?)",
  );
  const sessionId = Number(session.run(first, day).lastInsertRowid);
  old.prepare('INSERT INTO session_mentors (session_id, mentor_id) VALUES (?, ?)').run(sessionId, '2');
  session.run(second, day);
  old.close();
}

describe('schema 7', () => {
  it('keeps every relationship, mentor and session, their ids and the ids not to give out again, with foreign keys on afterwards', async () => {
    const path = join(tempDir(), 'remedi.db');
    schemaSixDatabase(path);
    const { db } = await openDatabase(path, { create: false });
    try {
      expectUpToDateAndSound(db);
      expect(db.prepare('SELECT id, mentee_id, type, reasons FROM relationships ORDER BY id').raw().all()).toEqual([
        [1, '1', 'race', '["race pair (+400)"]'],
        [2, '4', 'general', '["race pair (+400)"]'],
      ]);
      expect(db.prepare('SELECT relationship_id, mentor_id, slot FROM relationship_mentors ORDER BY 1, 2').raw().all()).toEqual([
        [1, '2', 'bme'],
        [1, '3', 'frontline'],
        [2, '3', null],
      ]);
      expect(db.prepare('SELECT relationship_id FROM sessions ORDER BY id').pluck().all()).toEqual([1, 2]);
      expect(db.prepare('SELECT count(*) FROM session_mentors').pluck().get()).toBe(1);
      expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'relationships' ORDER BY name").pluck().all()).toEqual([
        'relationships_by_cohort',
        'relationships_by_mentee',
      ]);

      // The deleted relationship's id 3 is not given out again; a lived experience type is now allowed, anything else still refused.
      const insert = db.prepare("INSERT INTO relationships (cohort, mentee_id, type, start_date, created_on) VALUES (1, '1', ?, '2026-01-05', '2026-01-01')");
      expect(Number(insert.run('lived experience (disability)').lastInsertRowid)).toBe(4);
      expect(() => insert.run('lived experience (Disability)')).toThrow(/CHECK constraint failed/);
      expect(() => insert.run('friendly')).toThrow(/CHECK constraint failed/);

      // Foreign keys hold again: a mentor row pointing nowhere is refused, and deleting a relationship still takes its mentors.
      expect(() => db.prepare("INSERT INTO relationship_mentors (relationship_id, mentor_id) VALUES (99, '2')").run()).toThrow(/FOREIGN KEY/);
      db.prepare('DELETE FROM sessions WHERE relationship_id = 2').run();
      db.prepare('DELETE FROM relationships WHERE id = 2').run();
      expect(db.prepare('SELECT count(*) FROM relationship_mentors WHERE relationship_id = 2').pluck().get()).toBe(0);
    } finally {
      db.close();
    }
  });

  it('refuses a database whose links do not hold, and leaves it as it was', async () => {
    const path = join(tempDir(), 'remedi.db');
    schemaSixDatabase(path);
    const broken = new Database(path);
    broken.pragma('foreign_keys = OFF');
    broken.prepare("INSERT INTO relationship_mentors (relationship_id, mentor_id) VALUES (42, '2')").run();
    broken.close();
    await expect(openDatabase(path, { create: false })).rejects.toThrow(/links between its tables that do not hold/);
    const after = new Database(path, { readonly: true });
    expect(after.pragma('user_version', { simple: true })).toBe(6);
    expect(after.prepare("SELECT sql FROM sqlite_master WHERE name = 'relationships'").pluck().get()).toContain(
      "type IN ('race', 'frontline', 'clinical', 'general'))",
    );
    after.close();
  });
});
