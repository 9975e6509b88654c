/**
 * Schema 9 keeps a session's themes in their key alone (WITHOUT ROWID), with the order they were
 * given in as their position: every theme kept, in its order, every rule and link still enforced.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/db.js';
import { themedSessions } from '../../src/store/reportData.js';
import { listSessions, sessionWriter } from '../../src/store/sessions.js';
import { tempDir } from '../helpers/cli.js';
import { expectUpToDateAndSound, schemaDatabase } from '../helpers/oldSchema.js';

/**
 * A database as schema 8 left it: one pair, three sessions. The first raised its themes in an
 * order that is not their ids' (3, then 1, then 2), the second one theme, the third none.
 */
function schemaEightDatabase(path: string): void {
  const old = schemaDatabase(path, 8);
  const day = '2026-01-01';
  const person = old.prepare('INSERT INTO staff (staff_id, name, added_on, updated_on) VALUES (?, ?, ?, ?)');
  for (const id of ['1', '2']) person.run(id, `Person ${id}`, day, day);
  old.prepare("INSERT INTO cohorts (number, start_date, end_date) VALUES (1, '2026-01-05', '2026-09-30')").run();
  old.prepare("INSERT INTO relationships (cohort, mentee_id, type, start_date, created_on) VALUES (1, '1', 'race', '2026-01-05', ?)").run(day);
  old.prepare("INSERT INTO relationship_mentors (relationship_id, mentor_id) VALUES (1, '2')").run();
  const theme = old.prepare('INSERT INTO themes (id, key, label) VALUES (?, ?, ?)');
  ['Belonging', 'Speaking up', 'Career progression'].forEach((label, n) => theme.run(n + 1, label.toLowerCase(), label));
  const session = old.prepare("INSERT INTO sessions (relationship_id, date, minutes, kind, level, created_on) VALUES (1, ?, 60, 'one-to-one', 'team', ?)");
  const sessionTheme = old.prepare('INSERT INTO session_themes (session_id, theme_id) VALUES (?, ?)');
  const first = Number(session.run('2026-02-01', day).lastInsertRowid);
  const second = Number(session.run('2026-02-02', day).lastInsertRowid);
  session.run('2026-02-03', day);
  // Given interleaved, as two sessions edited in turn would leave them: rowid order across sessions is no order within one.
  sessionTheme.run(first, 3);
  sessionTheme.run(second, 2);
  sessionTheme.run(first, 1);
  sessionTheme.run(first, 2);
  old.close();
}

describe('schema 9', () => {
  it("keeps every session's themes in the order they were given, in a table of its key alone, its links enforced as before", async () => {
    const path = join(tempDir(), 'remedi.db');
    schemaEightDatabase(path);
    const { db } = await openDatabase(path, { create: false });
    try {
      expectUpToDateAndSound(db);
      expect(db.prepare("SELECT sql FROM sqlite_master WHERE name = 'session_themes'").pluck().get()).toMatch(/WITHOUT ROWID$/);
      expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'session_themes' AND sql IS NOT NULL").pluck().all()).toEqual([
        'session_themes_by_theme',
      ]);
      expect(db.prepare('SELECT session_id, theme_id, position FROM session_themes ORDER BY 1, 3').raw().all()).toEqual([
        [1, 3, 0],
        [1, 1, 1],
        [1, 2, 2],
        [2, 2, 0],
      ]);
      expect(listSessions(db).map((s) => [s.id, s.themes])).toEqual([
        [1, ['Career progression', 'Belonging', 'Speaking up']],
        [2, ['Speaking up']],
        [3, []],
      ]);
      expect(themedSessions(db, [1])).toEqual([
        { cohort: 1, relationshipId: 1, themes: ['Career progression', 'Belonging', 'Speaking up'] },
        { cohort: 1, relationshipId: 1, themes: ['Speaking up'] },
      ]);

      // A theme row pointing nowhere is refused; the same theme twice too; deleting a session still takes its themes.
      const add = db.prepare('INSERT INTO session_themes (session_id, theme_id, position) VALUES (?, ?, ?)');
      expect(() => add.run(3, 9, 0)).toThrow(/FOREIGN KEY/);
      expect(() => add.run(99, 1, 0)).toThrow(/FOREIGN KEY/);
      expect(() => add.run(1, 3, 5)).toThrow(/UNIQUE/);
      expect(() => db.prepare('INSERT INTO session_themes (session_id, theme_id) VALUES (3, 1)').run()).toThrow(/NOT NULL/);
      db.prepare('DELETE FROM sessions WHERE id = 1').run();
      expect(db.prepare('SELECT count(*) FROM session_themes').pluck().get()).toBe(1);
    } finally {
      db.close();
    }
  });

  it("writes a new session's themes in the order given, and an edit's anew", async () => {
    const path = join(tempDir(), 'remedi.db');
    schemaEightDatabase(path);
    const { db } = await openDatabase(path, { create: false });
    try {
      const writer = sessionWriter(db, '2026-03-01');
      const theme = (label: string) => ({ key: label.toLowerCase(), label });
      const draft = {
        relationshipId: 1,
        date: '2026-02-10',
        minutes: 30,
        kind: 'one-to-one' as const,
        level: 'team' as const,
        livedExperience: false,
        mentors: ['2'],
        notes: null,
      };
      const id = db.transaction(() => writer.insert({ ...draft, themes: [theme('Wellbeing'), theme('Belonging'), theme('Allyship')] }))();
      expect(listSessions(db, { ids: [id] })[0].themes).toEqual(['Wellbeing', 'Belonging', 'Allyship']);
      db.transaction(() => writer.update(id, { ...draft, themes: [theme('Allyship'), theme('Wellbeing')] }))();
      expect(listSessions(db, { ids: [id] })[0].themes).toEqual(['Allyship', 'Wellbeing']);
    } finally {
      db.close();
    }
  });

  it('refuses a database whose session themes point nowhere, and leaves it as it was', async () => {
    const path = join(tempDir(), 'remedi.db');
    schemaEightDatabase(path);
    const broken = new Database(path);
    broken.pragma('foreign_keys = OFF');
    broken.prepare('INSERT INTO session_themes (session_id, theme_id) VALUES (3, 42)').run();
    broken.close();
    await expect(openDatabase(path, { create: false })).rejects.toThrow(/links between its tables that do not hold/);
    const after = new Database(path, { readonly: true });
    expect(after.pragma('user_version', { simple: true })).toBe(8);
    expect(after.prepare('SELECT count(*) FROM session_themes').pluck().get()).toBe(5);
    expect(after.prepare("SELECT sql FROM sqlite_master WHERE name = 'session_themes'").pluck().get()).not.toMatch(/WITHOUT ROWID/);
    after.close();
  });
});
