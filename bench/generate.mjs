#!/usr/bin/env node
/**
 * Synthetic but realistic rosters for benchmarks, deterministic from a seed:
 * bands, ethnic category codes, functions, departments, a line-manager tree and
 * board members, with programme roles for a cohort.
 *
 *   node bench/generate.mjs roster --rows 100000 --seed 1 > roster.csv
 *   node bench/generate.mjs cohort --mentees 2000 --mentors 2000 --seed 1 > cohort.csv
 */
import { createWriteStream } from 'node:fs';

/** mulberry32: small, fast and the same everywhere. */
export function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = (rand, items) => items[Math.floor(rand() * items.length)];
function weighted(rand, table) {
  const total = table.reduce((sum, [, w]) => sum + w, 0);
  let r = rand() * total;
  for (const [value, w] of table) if ((r -= w) < 0) return value;
  return table[table.length - 1][0];
}

const JUNIOR = [
  ['Band 2', 8],
  ['Band 3', 12],
  ['Band 4', 8],
  ['Band 5', 22],
  ['Band 6', 18],
  ['FY1', 1],
  ['FY2', 1],
];
const MIDDLE = [
  ['Band 7', 12],
  ['AfC 8a', 5],
  ['Band 8b', 2],
  ['ST3', 2],
  ['Registrar', 1],
  ['Specialty Doctor', 1],
];
const SENIOR = [
  ['Band 8c', 4],
  ['8d', 2],
  ['Band 9', 1],
  ['VSM', 1],
  ['Consultant', 4],
];
const ETHNICITY = [
  ['A', 60],
  ['B', 3],
  ['C', 8],
  ['C3', 1],
  ['D', 1],
  ['F', 1],
  ['H', 6],
  ['J', 2],
  ['K', 1],
  ['L', 3],
  ['M', 3],
  ['N', 6],
  ['P', 1],
  ['R', 1],
  ['S', 2],
  ['Z', 3],
  ['99', 1],
  ['', 2],
];
const GROUPS = [
  ['Nursing and Midwifery Registered', 30],
  ['Medical and Dental', 10],
  ['Allied Health Professionals', 8],
  ['Additional Clinical Services', 20],
  ['Administrative and Clerical', 22],
  ['Estates and Ancillary', 10],
];
const FIRST = [
  'Amara',
  'Ben',
  'Chen',
  'Deepa',
  'Efe',
  'Fatima',
  'Grace',
  'Hassan',
  'Ifeoma',
  'James',
  'Kwame',
  'Laura',
  'Mei',
  'Nadia',
  'Oliver',
  'Priya',
  'Rhys',
  'Sade',
  'Tom',
  'Usha',
  'Vikram',
  'Wei',
  'Yusuf',
  'Zoë',
];
const LAST = [
  'Adeyemi',
  'Brown',
  'Chowdhury',
  'Davies',
  'Evans',
  "O'Neill",
  'Hughes',
  'Iqbal',
  'Jones',
  'Khan',
  'Lewis',
  'Mensah',
  'Nowak',
  'Okafor',
  'Patel',
  'Roberts',
  'Singh',
  'Taylor',
  'Walker',
  'Zhang',
];

const HEADER = 'staff_id,name,email,department,band,staff_group,ethnicity,function,board_member,line_manager_id,role,race_trained,capacity';
const quote = (cell) => (/[",\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);

/**
 * People as rows. Seniors first (so every line manager appears before their reports),
 * then middle managers, then juniors; each reports to someone above them.
 */
export function* rosterRows({ rows, seed = 1, mentees = 0, mentors = 0, boardShare = 0.002 }) {
  const rand = random(seed);
  const departments = Array.from({ length: Math.max(4, Math.round(rows / 60)) }, (_, k) => `Directorate ${k + 1}`);
  const seniors = Math.max(2, Math.round(rows * 0.06), mentees);
  const middles = Math.max(2, Math.round(rows * 0.2));
  const idOf = (k) => String(10_000_000 + k);
  let menteeCount = 0;
  let mentorCount = 0;
  for (let k = 0; k < rows; k += 1) {
    const level = k < seniors ? 'senior' : k < seniors + middles ? 'middle' : 'junior';
    const board = level === 'senior' && rand() < boardShare * 30;
    const band = board ? 'VSM' : weighted(rand, level === 'senior' ? SENIOR : level === 'middle' ? MIDDLE : JUNIOR);
    const manager = k === 0 ? '' : idOf(Math.floor(rand() * (level === 'senior' ? k : level === 'middle' ? seniors : seniors + middles)));
    const first = pick(rand, FIRST);
    const last = pick(rand, LAST);
    const frontline = level === 'junior' && rand() < 0.35;
    let role = '';
    if (level === 'senior' && menteeCount < mentees) {
      role = 'mentee';
      menteeCount += 1;
    } else if (level !== 'senior' && mentorCount < mentors) {
      role = 'mentor';
      mentorCount += 1;
    }
    yield [
      idOf(k),
      `${first} ${last}`,
      `${first}.${last}.${k}@nhs.net`.toLowerCase().replace(/[^a-z0-9.@]/g, ''),
      pick(rand, departments),
      band,
      weighted(rand, GROUPS),
      weighted(rand, ETHNICITY),
      frontline ? 'front line' : '',
      board ? 'yes' : 'no',
      manager,
      role,
      role === 'mentor' ? (rand() < 0.85 ? '2025-09-01' : 'no') : '',
      role === 'mentor' && rand() < 0.2 ? '2' : '',
    ]
      .map(quote)
      .join(',');
  }
}

export async function writeRoster(path, options) {
  const out = createWriteStream(path);
  const write = (text) => (out.write(text) ? Promise.resolve() : new Promise((resolve) => out.once('drain', resolve)));
  await write(`${HEADER}\n`);
  let batch = [];
  for (const row of rosterRows(options)) {
    batch.push(row);
    if (batch.length === 5000) {
      await write(`${batch.join('\n')}\n`);
      batch = [];
    }
  }
  if (batch.length > 0) await write(`${batch.join('\n')}\n`);
  await new Promise((resolve) => out.end(resolve));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [kind, ...args] = process.argv.slice(2);
  const flag = (name, fallback) => {
    const at = args.indexOf(`--${name}`);
    return at >= 0 ? Number(args[at + 1]) : fallback;
  };
  const seed = flag('seed', 1);
  let options;
  if (kind === 'roster') options = { rows: flag('rows', 1000), seed };
  else if (kind === 'cohort') {
    const mentees = flag('mentees', 500);
    const mentors = flag('mentors', mentees);
    options = { rows: Math.round((mentees + mentors) * 1.6), seed, mentees, mentors };
  } else {
    process.stderr.write('usage: generate.mjs roster --rows N [--seed S] | cohort --mentees N [--mentors M] [--seed S]\n');
    process.exit(2);
  }
  process.stdout.write(`${HEADER}\n`);
  for (const row of rosterRows(options)) process.stdout.write(`${row}\n`);
}

const SESSION_HEADER = 'pair_id,date,minutes,kind,level,themes,lived_experience,notes';
const SESSION_KINDS = [
  'one-to-one',
  'observation',
  'semi-structured-interview',
  'reflective-discussion',
  'shadowing',
  'networking',
  'critical-friend',
  'other',
];
const SESSION_LEVELS = ['individual', 'team', 'department', 'organisation', 'system'];
const SESSION_THEMES = ['Career progression', 'Recruitment panels', 'Speaking up', 'Allyship', 'Belonging', 'Flexible working', 'Sponsorship', 'Wellbeing'];
const DAY_MS = 86_400_000;

/**
 * A session log for `remedi import-sessions`, as a form's CSV export by pair_id: `rows` sessions
 * spread evenly over `relationships` ([{ id, start, last }], ISO dates, `last` the latest day a
 * session may fall on), each on a random day in its relationship's span with a kind not already
 * used that day by that relationship, in the file or in `taken` (a Set of `id|date|kind` already
 * recorded), so no row is a duplicate and every row is recorded.
 */
export async function writeSessionFile(path, { relationships, rows, seed = 1, taken = new Set() }) {
  const rand = random(seed);
  const out = createWriteStream(path);
  const write = (text) => (out.write(text) ? Promise.resolve() : new Promise((resolve) => out.once('drain', resolve)));
  await write(`${SESSION_HEADER}\n`);
  let batch = [];
  const per = rows / relationships.length;
  for (let r = 0; r < relationships.length; r++) {
    const { id, start, last } = relationships[r];
    const startMs = Date.parse(`${start}T00:00:00Z`);
    const span = Math.floor((Date.parse(`${last}T00:00:00Z`) - startMs) / DAY_MS) + 1;
    const mine = Math.floor((r + 1) * per) - Math.floor(r * per);
    if (span * SESSION_KINDS.length < mine + 20) throw new Error(`relationship ${id}: ${span} days cannot hold ${mine} sessions`);
    for (let s = 0; s < mine; s++) {
      let date;
      let kind;
      let key;
      do {
        date = new Date(startMs + Math.floor(rand() * span) * DAY_MS).toISOString().slice(0, 10);
        kind = SESSION_KINDS[Math.floor(rand() * SESSION_KINDS.length)];
        key = `${id}|${date}|${kind}`;
      } while (taken.has(key));
      taken.add(key);
      const themes = Array.from({ length: Math.floor(rand() * 3) }, () => SESSION_THEMES[Math.floor(rand() * SESSION_THEMES.length)]);
      batch.push(
        [
          id,
          date,
          15 + 15 * Math.floor(rand() * 6),
          kind,
          SESSION_LEVELS[Math.floor(rand() * SESSION_LEVELS.length)],
          [...new Set(themes)].join('; '),
          rand() < 0.4 ? 'yes' : 'no',
          rand() < 0.2 ? 'Talked about a recent recruitment panel' : '',
        ].join(','),
      );
      if (batch.length === 5000) {
        await write(`${batch.join('\n')}\n`);
        batch = [];
      }
    }
  }
  if (batch.length > 0) await write(`${batch.join('\n')}\n`);
  await new Promise((resolve) => out.end(resolve));
}
