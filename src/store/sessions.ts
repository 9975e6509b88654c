/** Sessions: each mentoring interaction recorded against a relationship. */
import type { IsoDate } from '../domain/dates.js';
import type { EarlierSessions } from '../domain/sessionImport.js';
import { dayAndKind, type SessionKeyFilter } from '../domain/sessionKeyFilter.js';
import { KINDS, type Kind, type Level, type RecordedSession, type SessionDraft, type Theme } from '../domain/sessions.js';
import type { Statement } from 'better-sqlite3';
import type { Db } from './db.js';

export type NewSession = SessionDraft;

interface SessionRow {
  id: number;
  relationship_id: number;
  date: string;
  minutes: number;
  kind: Kind;
  level: Level;
  lived_experience: number;
  notes: string | null;
}

export interface SessionFilter {
  relationshipId?: number;
  cohort?: number;
  ids?: number[];
  /** Sessions of relationships this person is the mentee or a mentor of. */
  staffId?: string;
}

/** Sessions in date order (then id), with their mentors and themes. */
export function listSessions(db: Db, filter: SessionFilter = {}): RecordedSession[] {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  if (filter.relationshipId !== undefined) {
    where.push('s.relationship_id = @relationshipId');
    params.relationshipId = filter.relationshipId;
  }
  if (filter.cohort !== undefined) {
    where.push('r.cohort = @cohort');
    params.cohort = filter.cohort;
  }
  if (filter.ids !== undefined) {
    where.push('s.id IN (SELECT value FROM json_each(@ids))');
    params.ids = JSON.stringify(filter.ids);
  }
  if (filter.staffId !== undefined) {
    where.push('(r.mentee_id = @staffId OR EXISTS (SELECT 1 FROM relationship_mentors rm WHERE rm.relationship_id = r.id AND rm.mentor_id = @staffId))');
    params.staffId = filter.staffId;
  }
  const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
  const rows = db
    .prepare(`SELECT s.* FROM sessions s JOIN relationships r ON r.id = s.relationship_id ${clause} ORDER BY s.date, s.id`)
    .all(params) as SessionRow[];
  const mentorsOf = groupBy(
    db
      .prepare(
        `SELECT m.session_id AS id, m.mentor_id AS value FROM session_mentors m JOIN sessions s ON s.id = m.session_id JOIN relationships r ON r.id = s.relationship_id ${clause} ORDER BY m.mentor_id`,
      )
      .all(params) as Array<{ id: number; value: string }>,
  );
  const themesOf = groupBy(
    db
      .prepare(
        `SELECT st.session_id AS id, t.label AS value FROM session_themes st JOIN themes t ON t.id = st.theme_id JOIN sessions s ON s.id = st.session_id JOIN relationships r ON r.id = s.relationship_id ${clause} ORDER BY st.session_id, st.position`,
      )
      .all(params) as Array<{ id: number; value: string }>,
  );
  return rows.map((row) => ({
    id: row.id,
    relationshipId: row.relationship_id,
    date: row.date,
    minutes: row.minutes,
    kind: row.kind,
    level: row.level,
    themes: themesOf.get(row.id) ?? [],
    livedExperience: row.lived_experience === 1,
    mentors: mentorsOf.get(row.id) ?? [],
    notes: row.notes,
  }));
}

function groupBy(rows: Array<{ id: number; value: string }>): Map<number, string[]> {
  const map = new Map<number, string[]>();
  for (const row of rows) {
    const list = map.get(row.id) ?? [];
    list.push(row.value);
    map.set(row.id, list);
  }
  return map;
}

/** The latest session of each of these relationships (the higher id on a tie), for checking an end date. */
export function lastSessions(db: Db, relationshipIds: readonly number[]): Map<number, { id: number; date: IsoDate }> {
  const rows = db
    .prepare('SELECT relationship_id, id, date FROM sessions WHERE relationship_id IN (SELECT value FROM json_each(?)) ORDER BY date, id')
    .raw()
    .all(JSON.stringify(relationshipIds)) as Array<[number, number, string]>;
  return new Map(rows.map(([relationshipId, id, date]) => [relationshipId, { id, date }]));
}

/** Is a session of this kind already recorded for this relationship on this day? (See duplicateKey.) */
export function hasSession(db: Db, relationshipId: number, date: IsoDate, kind: Kind, exceptId = -1): boolean {
  return (
    db.prepare('SELECT 1 FROM sessions WHERE relationship_id = ? AND date = ? AND kind = ? AND id <> ? LIMIT 1').get(relationshipId, date, kind, exceptId) !==
    undefined
  );
}

/** Every theme used so far, by label, most used first (for suggestions). */
export function knownThemes(db: Db): string[] {
  const rows = db
    .prepare('SELECT t.label FROM themes t LEFT JOIN session_themes st ON st.theme_id = t.id GROUP BY t.id ORDER BY count(st.session_id) DESC, t.key')
    .all() as Array<{ label: string }>;
  return rows.map((row) => row.label);
}

export interface SessionWriter {
  insert(session: NewSession): number;
  update(id: number, session: NewSession): void;
  remove(id: number): void;
}

/** Prepared statements for writing sessions; call inside a transaction. */
export function sessionWriter(db: Db, today: IsoDate): SessionWriter {
  const insert = db.prepare(
    `INSERT INTO sessions (relationship_id, date, minutes, kind, level, lived_experience, notes, created_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const update = db.prepare(
    `UPDATE sessions SET relationship_id = @relationshipId, date = @date, minutes = @minutes, kind = @kind, level = @level,
       lived_experience = @livedExperience, notes = @notes WHERE id = @id`,
  );
  const addMentor = db.prepare('INSERT INTO session_mentors (session_id, mentor_id) VALUES (?, ?)');
  // A theme's position is the order it was given in (listSessions reads them in it).
  const addTheme = db.prepare('INSERT OR IGNORE INTO session_themes (session_id, theme_id, position) VALUES (?, ?, ?)');
  const clearMentors = db.prepare('DELETE FROM session_mentors WHERE session_id = ?');
  const clearThemes = db.prepare('DELETE FROM session_themes WHERE session_id = ?');
  const remove = db.prepare('DELETE FROM sessions WHERE id = ?');
  const themeId = themeIdsOf(db);
  const attach = (id: number, session: NewSession) => {
    for (const mentor of session.mentors) addMentor.run(id, mentor);
    session.themes.forEach((theme, position) => addTheme.run(id, themeId(theme), position));
  };
  const params = (session: NewSession) => ({
    relationshipId: session.relationshipId,
    date: session.date,
    minutes: session.minutes,
    kind: session.kind,
    level: session.level,
    livedExperience: session.livedExperience ? 1 : 0,
    notes: session.notes,
  });
  return {
    insert(s) {
      const id = Number(insert.run(s.relationshipId, s.date, s.minutes, s.kind, s.level, s.livedExperience ? 1 : 0, s.notes, today).lastInsertRowid);
      attach(id, s);
      return id;
    },
    update(id, session) {
      update.run({ ...params(session), id });
      clearMentors.run(id);
      clearThemes.run(id);
      attach(id, session);
    },
    remove(id) {
      remove.run(id);
    },
  };
}

/** What a bulk import's writer asks before the database about a key: neither holding it means no session has it. */
export interface SessionImportFilters {
  /** The sessions this import writes: the writer adds each. */
  written: SessionKeyFilter;
  /** The sessions held before the import, once every one is in it; null until then. */
  held: () => SessionKeyFilter | null;
}

export interface SessionImportWriter {
  /** Writes a planned session (perhaps later, with others: see finish and earlier), remembering its line for `earlier`. */
  insert(session: NewSession, line: number): void;
  /** For each key, the line of a session this import wrote with it, 'recorded' for one held before it, else undefined (see duplicateKey). */
  earlier: EarlierSessions;
  /** Writes what is still waiting; call before the transaction commits. */
  finish(): void;
}

/**
 * Before a bulk import's transaction begins (SQLite changes it only outside one): each statement's
 * own journal, which a multi-row INSERT keeps so that it can be undone alone, is held in memory
 * rather than in a temporary file, as are any temporary indexes. Only this connection is changed.
 */
export function journalStatementsInMemory(db: Db): void {
  db.pragma('temp_store = MEMORY');
}

/**
 * Runs a bulk import's transaction (begun and ended inside `work`) without SQLite looking up the
 * parent of every row written (foreign keys), and turns them back on after: each link the import
 * writes was read in the same transaction (the relationship and its own mentors, checked by the
 * planner, a theme's id found or added, a session written before its mentors and themes).
 * Measured on 1,000,000 rows: a quarter of writing them (one look-up per session, two per mentor
 * and per theme). The pragma changes only outside a transaction; only this connection is changed.
 */
export async function withoutLinkLookups<T>(db: Db, work: () => Promise<T>): Promise<T> {
  const before = db.pragma('foreign_keys', { simple: true }) as number;
  db.pragma('foreign_keys = OFF');
  try {
    return await work();
  } finally {
    db.pragma(`foreign_keys = ${before}`);
  }
}

/**
 * Sessions written per statement, with their mentor and theme rows, and keys looked up per query:
 * one statement per row was most of an import's time, and 512 took fewer instructions than 128.
 */
const BATCH = 512;

/**
 * A bulk import's writer, inside its one transaction. Sessions are written BATCH at a time, each
 * with its id given (the next AUTOINCREMENT would hand out, so sqlite_sequence moves on as it
 * would), so their mentor and theme rows can go in the same few statements. Duplicates are looked
 * up in the database itself, a batch of keys per query (the reports' index leads with relationship,
 * date, kind), once the sessions waiting are written, rather than by loading every recorded key; a
 * session this import wrote is told from an older one by its id, and the line of each is kept by id
 * in a typed array.
 */
export function sessionImportWriter(db: Db, today: IsoDate, filters?: SessionImportFilters): SessionImportWriter {
  const themeId = themeIdsOf(db);
  const firstId =
    (db
      .prepare("SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'sessions'), 0), coalesce((SELECT max(id) FROM sessions), 0))")
      .pluck()
      .get() as number) + 1;
  let nextId = firstId;
  let lines = new Int32Array(1 << 16);
  // Made once each, by what they are (the SQL of 512 rows is long: built and hashed on every call, it was measured).
  const statements = new Map<string, Statement>();
  const prepared = (name: string, sql: () => string) => {
    let statement = statements.get(name);
    if (statement === undefined) statements.set(name, (statement = db.prepare(sql())));
    return statement;
  };
  const tuples = (count: number, width: number) =>
    Array(count)
      .fill(`(${Array(width).fill('?').join(', ')})`)
      .join(', ');
  /**
   * `values` in rows of `width`, BATCH rows a statement. A session's created_on is the import's day,
   * one parameter for every row (@today, bound once a statement): a string bound per row was
   * measured a tenth of writing the sessions table. The values are spread into the call, so that
   * better-sqlite3 binds them from its arguments: from an array it reads them one property
   * look-up at a time (measured on 1,000,000 rows of 8 values: 0.97-0.98 -> 0.79-0.80 s CPU).
   */
  const insertMany = (table: string, columns: string, width: number, values: unknown[], last = '') => {
    const row = `(${[...Array<string>(width).fill('?'), ...(last === '' ? [] : [last])].join(', ')})`;
    for (let at = 0; at < values.length; at += BATCH * width) {
      const chunk = values.length - at >= BATCH * width ? BATCH : (values.length - at) / width;
      const statement = prepared(
        `${table} ${chunk}`,
        () => `INSERT ${table === 'session_themes' ? 'OR IGNORE ' : ''}INTO ${table} (${columns}) VALUES ${Array(chunk).fill(row).join(', ')}`,
      );
      const rows = values.length === chunk * width ? values : values.slice(at, at + chunk * width);
      if (last === '') statement.run(...rows);
      else statement.run(...rows, { today });
    }
  };
  /** Of these keys (at, relationship, date, kind each), the place `at` and the id of a session found with each. */
  const found = (count: number) =>
    prepared(
      `found ${count}`,
      () => `SELECT k.column1, (SELECT s.id FROM sessions s WHERE s.relationship_id = k.column2 AND s.date = k.column3 AND s.kind = k.column4 LIMIT 1) AS id
       FROM (VALUES ${tuples(count, 4)}) k WHERE id IS NOT NULL`,
    ).raw();
  let sessions: unknown[] = [];
  let mentors: unknown[] = [];
  let themes: unknown[] = [];
  const flush = () => {
    if (sessions.length > 0)
      insertMany('sessions', 'id, relationship_id, date, minutes, kind, level, lived_experience, notes, created_on', 8, sessions, '@today');
    if (mentors.length > 0) insertMany('session_mentors', 'session_id, mentor_id', 2, mentors);
    if (themes.length > 0) insertMany('session_themes', 'session_id, theme_id, position', 3, themes);
    sessions = [];
    mentors = [];
    themes = [];
  };
  return {
    insert(s, line) {
      filters?.written.add(s.relationshipId, dayAndKind(s.date, s.kind));
      const id = nextId++;
      sessions.push(id, s.relationshipId, s.date, s.minutes, s.kind, s.level, s.livedExperience ? 1 : 0, s.notes);
      for (const mentor of s.mentors) mentors.push(id, mentor);
      for (let position = 0; position < s.themes.length; position += 1) themes.push(id, themeId(s.themes[position]), position);
      const at = id - firstId;
      if (at >= lines.length) {
        const grown = new Int32Array(lines.length * 2);
        grown.set(lines);
        lines = grown;
      }
      lines[at] = line;
      if (sessions.length >= BATCH * 8) flush();
    },
    earlier(keys) {
      // What is waiting is written first, so that the database answers for every session of this import.
      flush();
      const answers = new Array<number | 'recorded' | undefined>(keys.length).fill(undefined);
      // Only the keys the filters may hold are asked (a key neither holds is in no session); until the filter of those held is filled, every key.
      const held = filters?.held() ?? null;
      const asked: number[] = [];
      for (let n = 0; n < keys.length; n += 1) {
        const key = held === null ? 0 : dayAndKind(keys[n].date, keys[n].kind);
        if (held === null || held.mayHold(keys[n].relationshipId, key) || filters!.written.mayHold(keys[n].relationshipId, key)) asked.push(n);
      }
      for (let at = 0; at < asked.length; at += BATCH) {
        const params: unknown[] = [];
        const chunk = Math.min(BATCH, asked.length - at);
        for (let n = at; n < at + chunk; n += 1) params.push(asked[n], keys[asked[n]].relationshipId, keys[asked[n]].date, keys[asked[n]].kind);
        for (const [place, id] of found(chunk).all(...params) as Array<[number, number]>) {
          answers[place] = id >= firstId ? lines[id - firstId] : 'recorded';
        }
      }
      return answers;
    },
    finish: flush,
  };
}

/**
 * Adds the sessions held to `filter` by their relationship, day and kind (domain/sessionKeyFilter.ts
 * dayAndKind, worked out here in SQL from the day's digits), a relationship's at a time: one row of
 * text for each relationship instead of one row for each session, which better-sqlite3 makes at
 * about twice the cost (measured on 1,000,000 sessions, 0.36-0.48 s against 0.58-0.85 s). `step`
 * adds the next `relationships` relationships' and says whether any are left; `stop` ends the read.
 * The read sees one state of the database from its first step to its last.
 */
export function heldSessionKeys(db: Db, filter: SessionKeyFilter): { step: (relationships: number) => boolean; stop: () => void } {
  const kind = `CASE kind ${KINDS.map((k, at) => `WHEN '${k}' THEN ${at}`).join(' ')} END`;
  const rows = db
    .prepare(`SELECT relationship_id, group_concat(CAST(replace(date, '-', '') AS INTEGER) * 10 + ${kind}) FROM sessions GROUP BY relationship_id`)
    .raw()
    .iterate() as IterableIterator<[number, string | null]>;
  return {
    step(relationships) {
      for (let n = 0; n < relationships; n += 1) {
        const next = rows.next();
        if (next.done === true) return false;
        const [relationshipId, list] = next.value;
        if (list !== null) for (const key of list.split(',')) filter.add(relationshipId, Number(key));
      }
      return true;
    },
    stop() {
      rows.return?.();
    },
  };
}

/** A theme's id by its key, found or added once per writer: themes are only ever added, so an id once found stays right. */
function themeIdsOf(db: Db): (theme: Theme) => number {
  const findTheme = db.prepare('SELECT id FROM themes WHERE key = ?').pluck();
  const newTheme = db.prepare('INSERT INTO themes (key, label) VALUES (?, ?)');
  const themeIds = new Map<string, number>();
  return (theme) => {
    let id = themeIds.get(theme.key);
    if (id === undefined) {
      const found = findTheme.get(theme.key) as number | undefined;
      id = found ?? Number(newTheme.run(theme.key, theme.label).lastInsertRowid);
      themeIds.set(theme.key, id);
    }
    return id;
  };
}
