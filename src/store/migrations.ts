/**
 * The schema, one migration per version (`PRAGMA user_version`). Never edit a
 * migration that has shipped: add the next one.
 */

import { SCHEMA_VERSION } from './schemaVersion.js';
import { STAFF_SEARCH_INDEXES } from './staffSearchIndexes.js';

export const MIGRATIONS: readonly string[] = [
  // 1: staff, cohorts and who takes part in which cohort.
  `
  CREATE TABLE staff (
    staff_id        TEXT PRIMARY KEY,
    name            TEXT NOT NULL,
    email           TEXT,
    department      TEXT,
    job_title       TEXT,
    staff_group     TEXT,
    band            TEXT,
    ethnicity       TEXT,
    bme_override    INTEGER CHECK (bme_override IN (0, 1)),
    functions       TEXT,
    board_member    INTEGER NOT NULL DEFAULT 0 CHECK (board_member IN (0, 1)),
    line_manager_id TEXT,
    race_trained    INTEGER NOT NULL DEFAULT 0 CHECK (race_trained IN (0, 1)),
    race_trained_on TEXT,
    capacity        INTEGER NOT NULL DEFAULT 1 CHECK (capacity >= 0),
    active          INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    left_on         TEXT,
    added_on        TEXT NOT NULL,
    updated_on      TEXT NOT NULL
  ) STRICT;

  CREATE TABLE cohorts (
    number        INTEGER PRIMARY KEY CHECK (number > 0),
    name          TEXT,
    start_date    TEXT NOT NULL,
    end_date      TEXT NOT NULL,
    min_months    INTEGER NOT NULL DEFAULT 8 CHECK (min_months > 0),
    min_per_month INTEGER NOT NULL DEFAULT 2 CHECK (min_per_month > 0),
    CHECK (end_date >= start_date)
  ) STRICT;

  CREATE TABLE enrolments (
    cohort   INTEGER NOT NULL REFERENCES cohorts (number),
    staff_id TEXT NOT NULL REFERENCES staff (staff_id),
    role     TEXT NOT NULL CHECK (role IN ('mentor', 'mentee', 'either')),
    PRIMARY KEY (cohort, staff_id)
  ) STRICT;
  `,
  // 2: relationships (pairs and trios) and the departments targeted for reverse mentoring.
  `
  CREATE TABLE targeted_departments (
    department_key TEXT PRIMARY KEY,
    name           TEXT NOT NULL
  ) STRICT;

  CREATE TABLE relationships (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    cohort      INTEGER NOT NULL REFERENCES cohorts (number),
    mentee_id   TEXT NOT NULL REFERENCES staff (staff_id),
    type        TEXT NOT NULL CHECK (type IN ('race', 'frontline', 'clinical', 'general')),
    score       INTEGER NOT NULL DEFAULT 0,
    reasons     TEXT NOT NULL DEFAULT '[]',
    start_date  TEXT NOT NULL,
    ended_on    TEXT,
    end_reason  TEXT,
    override    INTEGER NOT NULL DEFAULT 0 CHECK (override IN (0, 1)),
    created_on  TEXT NOT NULL,
    CHECK (ended_on IS NULL OR ended_on >= start_date)
  ) STRICT;
  CREATE INDEX relationships_by_cohort ON relationships (cohort);
  CREATE INDEX relationships_by_mentee ON relationships (mentee_id);

  CREATE TABLE relationship_mentors (
    relationship_id INTEGER NOT NULL REFERENCES relationships (id) ON DELETE CASCADE,
    mentor_id       TEXT NOT NULL REFERENCES staff (staff_id),
    slot            TEXT CHECK (slot IN ('bme', 'frontline')),
    PRIMARY KEY (relationship_id, mentor_id)
  ) STRICT;
  CREATE INDEX relationship_mentors_by_mentor ON relationship_mentors (mentor_id);
  `,
  // 3: mentoring sessions, the mentors present, and their themes (kept once, first spelling).
  `
  CREATE TABLE sessions (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    relationship_id  INTEGER NOT NULL REFERENCES relationships (id),
    date             TEXT NOT NULL,
    minutes          INTEGER NOT NULL CHECK (minutes BETWEEN 1 AND 600),
    kind             TEXT NOT NULL CHECK (kind IN ('one-to-one', 'observation', 'semi-structured-interview',
                       'reflective-discussion', 'shadowing', 'networking', 'critical-friend', 'other')),
    level            TEXT NOT NULL CHECK (level IN ('individual', 'team', 'department', 'organisation', 'system')),
    lived_experience INTEGER NOT NULL DEFAULT 0 CHECK (lived_experience IN (0, 1)),
    notes            TEXT,
    created_on       TEXT NOT NULL
  ) STRICT;
  CREATE INDEX sessions_by_relationship ON sessions (relationship_id, date);

  CREATE TABLE session_mentors (
    session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    mentor_id  TEXT NOT NULL REFERENCES staff (staff_id),
    PRIMARY KEY (session_id, mentor_id)
  ) STRICT;

  CREATE TABLE themes (
    id    INTEGER PRIMARY KEY,
    key   TEXT NOT NULL UNIQUE,
    label TEXT NOT NULL
  ) STRICT;

  CREATE TABLE session_themes (
    session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    theme_id   INTEGER NOT NULL REFERENCES themes (id),
    PRIMARY KEY (session_id, theme_id)
  ) STRICT;
  CREATE INDEX session_themes_by_theme ON session_themes (theme_id);
  `,
  // 4: reports read every session of a cohort: an index that holds all they read.
  `
  DROP INDEX sessions_by_relationship;
  CREATE INDEX sessions_for_reports ON sessions (relationship_id, date, kind, level, lived_experience, minutes);
  `,
  // 5: the programme year (docs/programme-year.md). People are found by folded name and
  // by email; values set by hand survive imports; withdrawals keep their date and reason;
  // erased people are remembered only as keyed hashes; import warnings already shown.
  `
  ALTER TABLE staff ADD COLUMN name_key TEXT;
  ALTER TABLE staff ADD COLUMN hand_set TEXT;
  UPDATE staff SET name_key = remedi_fold(name) WHERE staff_id NOT LIKE 'forgotten-%';
  ${STAFF_SEARCH_INDEXES}

  ALTER TABLE enrolments ADD COLUMN withdrawn_on TEXT;
  ALTER TABLE enrolments ADD COLUMN withdraw_reason TEXT;

  CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
  ) STRICT;

  CREATE TABLE forgotten (
    hash         TEXT PRIMARY KEY,
    forgotten_on TEXT NOT NULL
  ) STRICT;

  CREATE TABLE import_warnings_seen (
    fingerprint TEXT PRIMARY KEY
  ) STRICT;
  `,
  // 6: what the cohort learned (docs/outcomes.md): cohort meetings with who came, the themes
  // agreed and the actions asked for; outcome surveys at the start, middle and end.
  `
  ALTER TABLE cohorts ADD COLUMN meet_every INTEGER CHECK (meet_every IS NULL OR meet_every > 0);

  CREATE TABLE cohort_meetings (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    cohort     INTEGER NOT NULL REFERENCES cohorts (number),
    date       TEXT NOT NULL,
    notes      TEXT,
    created_on TEXT NOT NULL
  ) STRICT;
  CREATE INDEX cohort_meetings_by_cohort ON cohort_meetings (cohort, date);

  CREATE TABLE meeting_attendance (
    meeting_id INTEGER NOT NULL REFERENCES cohort_meetings (id) ON DELETE CASCADE,
    staff_id   TEXT NOT NULL REFERENCES staff (staff_id),
    PRIMARY KEY (meeting_id, staff_id)
  ) STRICT;
  CREATE INDEX meeting_attendance_by_staff ON meeting_attendance (staff_id);

  CREATE TABLE meeting_themes (
    meeting_id INTEGER NOT NULL REFERENCES cohort_meetings (id) ON DELETE CASCADE,
    theme_id   INTEGER NOT NULL REFERENCES themes (id),
    PRIMARY KEY (meeting_id, theme_id)
  ) STRICT;

  CREATE TABLE meeting_actions (
    meeting_id INTEGER NOT NULL REFERENCES cohort_meetings (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    text       TEXT NOT NULL,
    PRIMARY KEY (meeting_id, position)
  ) STRICT;

  CREATE TABLE survey_imports (
    cohort      INTEGER NOT NULL REFERENCES cohorts (number),
    stage       TEXT NOT NULL CHECK (stage IN ('start', 'mid', 'end')),
    file        TEXT NOT NULL,
    imported_on TEXT NOT NULL,
    PRIMARY KEY (cohort, stage)
  ) STRICT;

  CREATE TABLE survey_questions (
    id       INTEGER PRIMARY KEY,
    cohort   INTEGER NOT NULL,
    stage    TEXT NOT NULL,
    position INTEGER NOT NULL,
    question TEXT NOT NULL,
    free_text INTEGER NOT NULL CHECK (free_text IN (0, 1)),
    FOREIGN KEY (cohort, stage) REFERENCES survey_imports (cohort, stage) ON DELETE CASCADE,
    UNIQUE (cohort, stage, question)
  ) STRICT;

  CREATE TABLE survey_answers (
    question_id INTEGER NOT NULL REFERENCES survey_questions (id) ON DELETE CASCADE,
    staff_id    TEXT NOT NULL REFERENCES staff (staff_id),
    respondent_group TEXT NOT NULL CHECK (respondent_group IN ('mentees', 'mentors')),
    score       INTEGER CHECK (score BETWEEN 1 AND 5),
    text        TEXT,
    consent     INTEGER NOT NULL DEFAULT 0 CHECK (consent IN (0, 1)),
    PRIMARY KEY (question_id, staff_id),
    CHECK ((score IS NULL) <> (text IS NULL))
  ) STRICT;
  CREATE INDEX survey_answers_by_staff ON survey_answers (staff_id);
  `,
  // 7: protected characteristics beyond ethnicity (docs/characteristics.md): those the trust
  // enabled, each person's yes or no for them (unknown is no row), and pair types of lived
  // experience. SQLite cannot loosen a CHECK in place, so relationships is rebuilt: schema.ts
  // runs this step with foreign keys off and checks every link before it commits.
  `
  CREATE TABLE characteristics (
    name       TEXT PRIMARY KEY,
    own        INTEGER NOT NULL CHECK (own IN (0, 1)),
    enabled_on TEXT NOT NULL
  ) STRICT;

  CREATE TABLE staff_characteristics (
    staff_id TEXT NOT NULL REFERENCES staff (staff_id),
    name     TEXT NOT NULL REFERENCES characteristics (name),
    value    TEXT NOT NULL CHECK (value IN ('yes', 'no')),
    PRIMARY KEY (staff_id, name)
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX staff_characteristics_by_name ON staff_characteristics (name, value);

  CREATE TABLE relationships_new (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    cohort      INTEGER NOT NULL REFERENCES cohorts (number),
    mentee_id   TEXT NOT NULL REFERENCES staff (staff_id),
    type        TEXT NOT NULL CHECK (type IN ('race', 'frontline', 'clinical', 'general') OR type GLOB 'lived experience ([a-z]*)'),
    score       INTEGER NOT NULL DEFAULT 0,
    reasons     TEXT NOT NULL DEFAULT '[]',
    start_date  TEXT NOT NULL,
    ended_on    TEXT,
    end_reason  TEXT,
    override    INTEGER NOT NULL DEFAULT 0 CHECK (override IN (0, 1)),
    created_on  TEXT NOT NULL,
    CHECK (ended_on IS NULL OR ended_on >= start_date)
  ) STRICT;
  INSERT INTO relationships_new SELECT id, cohort, mentee_id, type, score, reasons, start_date, ended_on, end_reason, override, created_on FROM relationships;
  -- Ids of relationships deleted at the end are not given out again.
  UPDATE sqlite_sequence SET seq = max(seq, coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'relationships'), 0)) WHERE name = 'relationships_new';
  INSERT INTO sqlite_sequence (name, seq) SELECT 'relationships_new', seq FROM sqlite_sequence
    WHERE name = 'relationships' AND NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'relationships_new');
  DROP TABLE relationships;
  ALTER TABLE relationships_new RENAME TO relationships;
  CREATE INDEX relationships_by_cohort ON relationships (cohort);
  CREATE INDEX relationships_by_mentee ON relationships (mentee_id);
  `,
  // 8: what import-sessions writes a million of, made cheaper to write (same rows, same rules).
  // A session's kind and level are checked as comparisons: SQLite checks an IN list of more than
  // two values in a CHECK by building a small table of it for every row written (measured: a
  // third of writing the sessions table). SQLite cannot change a CHECK in place, so sessions is
  // rebuilt, its ids and the ids not to give out again kept. A session's mentors are kept in their
  // key alone (WITHOUT ROWID): one b-tree written for each mentor present instead of a table and
  // its key's index; they are read by session and mentor, the key's order.
  `
  CREATE TABLE sessions_new (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    relationship_id  INTEGER NOT NULL REFERENCES relationships (id),
    date             TEXT NOT NULL,
    minutes          INTEGER NOT NULL CHECK (minutes BETWEEN 1 AND 600),
    kind             TEXT NOT NULL CHECK (kind = 'one-to-one' OR kind = 'observation' OR kind = 'semi-structured-interview'
                       OR kind = 'reflective-discussion' OR kind = 'shadowing' OR kind = 'networking' OR kind = 'critical-friend'
                       OR kind = 'other'),
    level            TEXT NOT NULL CHECK (level = 'individual' OR level = 'team' OR level = 'department' OR level = 'organisation'
                       OR level = 'system'),
    lived_experience INTEGER NOT NULL DEFAULT 0 CHECK (lived_experience IN (0, 1)),
    notes            TEXT,
    created_on       TEXT NOT NULL
  ) STRICT;
  INSERT INTO sessions_new (id, relationship_id, date, minutes, kind, level, lived_experience, notes, created_on)
    SELECT id, relationship_id, date, minutes, kind, level, lived_experience, notes, created_on FROM sessions;
  -- Ids of sessions deleted at the end are not given out again.
  UPDATE sqlite_sequence SET seq = max(seq, coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'sessions'), 0)) WHERE name = 'sessions_new';
  INSERT INTO sqlite_sequence (name, seq) SELECT 'sessions_new', seq FROM sqlite_sequence
    WHERE name = 'sessions' AND NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'sessions_new');
  -- Copying no rows still leaves a count of 0; a table never written to had none.
  DELETE FROM sqlite_sequence WHERE name = 'sessions_new' AND NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'sessions');
  DROP TABLE sessions;
  ALTER TABLE sessions_new RENAME TO sessions;
  CREATE INDEX sessions_for_reports ON sessions (relationship_id, date, kind, level, lived_experience, minutes);

  CREATE TABLE session_mentors_new (
    session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    mentor_id  TEXT NOT NULL REFERENCES staff (staff_id),
    PRIMARY KEY (session_id, mentor_id)
  ) STRICT, WITHOUT ROWID;
  INSERT INTO session_mentors_new (session_id, mentor_id) SELECT session_id, mentor_id FROM session_mentors;
  DROP TABLE session_mentors;
  ALTER TABLE session_mentors_new RENAME TO session_mentors;
  `,
  // 9: a session's themes kept in their key alone (WITHOUT ROWID), as its mentors are since 8: one
  // b-tree written for each theme raised instead of a table and its key's index (measured: a new
  // database of a million sessions a tenth smaller, and SQLite's own writes of a million more a few
  // per cent cheaper; their index by theme stays, for the themes log-session offers). The
  // order a session's themes were given in was the table's rowid; it is kept as their position
  // (from 0, within the session), which every reader now orders by.
  `
  CREATE TABLE session_themes_new (
    session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    theme_id   INTEGER NOT NULL REFERENCES themes (id),
    position   INTEGER NOT NULL,
    PRIMARY KEY (session_id, theme_id)
  ) STRICT, WITHOUT ROWID;
  INSERT INTO session_themes_new (session_id, theme_id, position)
    SELECT session_id, theme_id, row_number() OVER (PARTITION BY session_id ORDER BY rowid) - 1 FROM session_themes;
  DROP TABLE session_themes;
  ALTER TABLE session_themes_new RENAME TO session_themes;
  CREATE INDEX session_themes_by_theme ON session_themes (theme_id);
  `,
];

/**
 * Migrations that rebuild a table: run with foreign keys off (SQLite's way to change a table's
 * constraints; with them on, rebuilding a table others point to would delete their rows with it),
 * and every link checked before the commit (store/schema.ts).
 */
export const REBUILDS_TABLES: ReadonlySet<number> = new Set([7, 8, 9]);

// A step added without SCHEMA_VERSION (or the other way round) would leave databases behind, or claim a step never run.
if (MIGRATIONS.length !== SCHEMA_VERSION) throw new Error(`migrations.ts has ${MIGRATIONS.length} steps, but SCHEMA_VERSION is ${SCHEMA_VERSION}`);
