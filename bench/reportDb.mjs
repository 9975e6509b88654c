/**
 * A large cohort database for the report benchmark, written directly with prepared
 * statements in one transaction (going through the CLI would take far longer than the
 * report itself). The schema comes from remedi's own openDatabase, so it is exactly
 * the one the CLI reads.
 *
 * Cohort 1 runs 2026-01-05 to 2026-09-30. Each relationship has a senior mentee and
 * one mentor (a board member gets two: a trio), most start on the cohort's first day,
 * some later, a few end early; sessions fall at random days between the start and the
 * end (or 2026-09-29), with mentors present and a few themes each.
 */
import { random } from './generate.mjs';

const COHORT_START = Date.UTC(2026, 0, 5);
const COHORT_END = Date.UTC(2026, 8, 30);
const LAST_SESSION = Date.UTC(2026, 8, 29);
const DAY = 86_400_000;
const iso = (ms) => new Date(ms).toISOString().slice(0, 10);

const KINDS = [
  'one-to-one',
  'one-to-one',
  'one-to-one',
  'observation',
  'semi-structured-interview',
  'reflective-discussion',
  'shadowing',
  'networking',
  'critical-friend',
  'other',
];
const LEVELS = ['individual', 'team', 'department', 'organisation', 'system'];
const TYPES = ['race', 'frontline', 'clinical', 'general'];
const SENIOR_BANDS = ['8c', '8d', '9', 'VSM', 'Consultant'];
const MENTOR_BANDS = ['3', '4', '5', '5', '6', '6', '7', '8a', 'FY2', 'ST3'];
const ETHNICITY = ['A', 'A', 'A', 'B', 'C', 'H', 'J', 'L', 'M', 'N', 'N', 'R', 'S', 'Z'];
const GROUPS = ['Nursing and Midwifery Registered', 'Medical and Dental', 'Allied Health Professionals', 'Administrative and Clerical'];
const THEMES = [
  'Career progression',
  'Recruitment panels',
  'Microaggressions',
  'Speaking up',
  'Flexible working',
  'Allyship',
  'Belonging',
  'Racism at work',
  'Disciplinary processes',
  'Access to training',
  'Visibility of leaders',
  'Patient experience',
  'Staff networks',
  'Imposter syndrome',
  'Bullying and harassment',
  'Shift patterns',
  'Pay gap',
  'Sponsorship',
  'Coaching',
  'Wellbeing',
  'Inclusive language',
  'Team culture',
  'Decision making',
  'Board papers',
  'International recruits',
  'Religious observance',
  'Menopause',
  'Neurodiversity',
  'Workload',
  'Estates and facilities',
];

/**
 * Fills an empty remedi database at `path`. Returns counts of what was written.
 * `openDatabase` is dist/store/db.js's, passed in so this file imports nothing built.
 */
export async function buildReportDatabase(path, { relationships, sessions, seed = 1, openDatabase }) {
  const { db } = await openDatabase(path, { create: true });
  db.pragma('synchronous = OFF');
  db.pragma('foreign_keys = OFF');
  db.pragma('cache_size = -262144');
  const rand = random(seed);
  const pick = (items) => items[Math.floor(rand() * items.length)];
  const departments = Array.from({ length: 400 }, (_, k) => `Directorate ${k + 1}`);
  const today = '2026-01-04';

  const insertStaff = db.prepare(`INSERT INTO staff (staff_id, name, email, department, job_title, staff_group, band, ethnicity,
      bme_override, functions, board_member, line_manager_id, race_trained, race_trained_on, capacity, active, left_on, added_on, updated_on)
    VALUES (?, ?, ?, ?, NULL, ?, ?, ?, NULL, ?, ?, ?, ?, ?, 1, 1, NULL, ?, ?)`);
  const enrol = db.prepare('INSERT INTO enrolments (cohort, staff_id, role) VALUES (1, ?, ?)');
  const insertRelationship =
    db.prepare(`INSERT INTO relationships (id, cohort, mentee_id, type, score, reasons, start_date, ended_on, end_reason, override, created_on)
    VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?, 0, ?)`);
  const insertRelationshipMentor = db.prepare('INSERT INTO relationship_mentors (relationship_id, mentor_id, slot) VALUES (?, ?, ?)');
  const insertSession = db.prepare(`INSERT INTO sessions (id, relationship_id, date, minutes, kind, level, lived_experience, notes, created_on)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertSessionMentor = db.prepare('INSERT INTO session_mentors (session_id, mentor_id) VALUES (?, ?)');
  const insertTheme = db.prepare('INSERT INTO themes (id, key, label) VALUES (?, ?, ?)');
  const insertSessionTheme = db.prepare('INSERT OR IGNORE INTO session_themes (session_id, theme_id, position) VALUES (?, ?, ?)');

  const counts = { staff: 0, relationships, sessions: 0, sessionMentors: 0, sessionThemes: 0, trios: 0 };
  const perRelationship = sessions / relationships;
  let nextStaff = 20_000_000;
  let nextSession = 1;
  const person = (senior, board) => {
    const id = String(nextStaff++);
    const last = pick(['Adeyemi', 'Brown', 'Chowdhury', 'Davies', 'Khan', 'Mensah', 'Okafor', 'Patel', 'Singh', 'Taylor']);
    const first = pick(['Amara', 'Ben', 'Chen', 'Deepa', 'Efe', 'Grace', 'Kwame', 'Mei', 'Priya', 'Tom']);
    const frontline = !senior && rand() < 0.35;
    insertStaff.run(
      id,
      `${first} ${last}`,
      `${first}.${last}.${id}@nhs.net`.toLowerCase(),
      pick(departments),
      pick(GROUPS),
      board ? 'VSM' : senior ? pick(SENIOR_BANDS) : pick(MENTOR_BANDS),
      pick(ETHNICITY),
      board ? 'strategic' : frontline ? 'front line' : null,
      board ? 1 : 0,
      null,
      senior ? 0 : 1,
      senior ? null : '2025-09-01',
      today,
      today,
    );
    enrol.run(id, senior ? 'mentee' : 'mentor');
    counts.staff += 1;
    return id;
  };

  db.exec('BEGIN IMMEDIATE');
  db.prepare(`INSERT INTO cohorts (number, name, start_date, end_date) VALUES (1, 'National benchmark cohort', ?, ?)`).run(iso(COHORT_START), iso(COHORT_END));
  THEMES.forEach((label, k) => insertTheme.run(k + 1, label.toLowerCase(), label));
  for (let r = 1; r <= relationships; r++) {
    const trio = rand() < 0.05;
    const mentee = person(true, trio);
    const mentors = trio ? [person(false, false), person(false, false)] : [person(false, false)];
    const startMs = rand() < 0.85 ? COHORT_START : COHORT_START + Math.floor(rand() * 60) * DAY;
    const endedMs = rand() < 0.05 ? startMs + (60 + Math.floor(rand() * 150)) * DAY : null;
    insertRelationship.run(
      r,
      mentee,
      pick(TYPES),
      400 + Math.floor(rand() * 900),
      JSON.stringify([`${pick(TYPES)} pair (+300)`, 'different departments (+50)']),
      iso(startMs),
      endedMs === null ? null : iso(endedMs),
      endedMs === null ? null : 'mentor moved trust',
      iso(startMs),
    );
    mentors.forEach((mentor, k) => insertRelationshipMentor.run(r, mentor, trio ? (k === 0 ? 'bme' : 'frontline') : null));
    if (trio) counts.trios += 1;

    // Spread the session total evenly: relationship r gets floor(r * per) - floor((r-1) * per).
    const mine = Math.floor(r * perRelationship) - Math.floor((r - 1) * perRelationship);
    const lastMs = endedMs === null ? LAST_SESSION : Math.min(endedMs, LAST_SESSION);
    const span = Math.floor((lastMs - startMs) / DAY) + 1;
    for (let s = 0; s < mine; s++) {
      const id = nextSession++;
      const date = iso(startMs + Math.floor(rand() * span) * DAY);
      insertSession.run(
        id,
        r,
        date,
        15 + 15 * Math.floor(rand() * 6),
        pick(KINDS),
        pick(LEVELS),
        rand() < 0.4 ? 1 : 0,
        rand() < 0.2 ? 'Talked about a recent recruitment panel' : null,
        date,
      );
      const present = trio && rand() < 0.1 ? [mentors[0]] : mentors;
      for (const mentor of present) insertSessionMentor.run(id, mentor);
      counts.sessionMentors += present.length;
      const themeCount = Math.floor(rand() * 4);
      for (let t = 0; t < themeCount; t++) {
        counts.sessionThemes += insertSessionTheme.run(id, 1 + Math.floor(rand() * THEMES.length), t).changes;
      }
      counts.sessions += 1;
    }
  }
  db.exec('COMMIT');
  db.pragma('foreign_keys = ON');
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return counts;
}
