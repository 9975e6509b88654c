/**
 * A cohort's theme counts for the report, read from session_themes by session id range, with
 * no join (store/reportData.ts reads the sessions' ids as it reads their dates).
 */
import { themeOrder, type SessionSummary } from '../domain/sessionSummary.js';
import type { Db } from './db.js';
import { readIntegers } from './joinedValues.js';

/**
 * The relationship of each session counted: relationship n (from 1, in the order added) at
 * its id, in an array over every session id in the database (4 bytes a session: a million
 * sessions are 4 MB), so a theme row finds its relationship with no look-up.
 */
export class SessionRelationships {
  readonly low: number;
  readonly high: number;
  readonly of: Int32Array;
  relationships = 0;
  /** The lowest and highest id counted. */
  first = Infinity;
  last = -Infinity;

  constructor(db: Db) {
    const [low, high] = db.prepare('SELECT (SELECT min(id) FROM sessions), (SELECT max(id) FROM sessions)').raw().get() as [number | null, number | null];
    this.low = low ?? 0;
    this.high = high ?? -1;
    this.of = new Int32Array(this.high - this.low + 1);
  }

  /** The next relationship's sessions: ids[0 .. count]. */
  add(ids: readonly number[], count: number): void {
    const relationship = ++this.relationships;
    for (let i = 0; i < count; i++) {
      const id = ids[i];
      // Read in the same transaction as the bounds: an id outside them is a bug, not a race.
      if (!(id >= this.low && id <= this.high)) throw new Error(`session ${id} is outside the ids ${this.low} to ${this.high} read before it`);
      this.of[id - this.low] = relationship;
      if (id < this.first) this.first = id;
      if (id > this.last) this.last = id;
    }
  }
}

/** How the themes are read (for the tests: every way gives the same counts). */
export interface ThemeReading {
  /** Session ids per query: a few hundred kilobytes of joined text at a time. */
  range?: number;
  /** Each (session, theme) pair as one integer when that stays exact. */
  packed?: boolean;
  /** Each theme's relationships marked in one bit array when it is at most this many bits. */
  maxBits?: number;
}

/**
 * Each theme raised in the sessions counted, with its sessions and distinct relationships. The
 * themes are read by session id range from session_themes' own key (session, theme): a join
 * looks each session up one at a time, a million B-tree searches. A session has a theme at
 * most once (the key), so each row is one session of that theme.
 */
export function sessionThemeCounts(db: Db, counted: SessionRelationships, reading: ThemeReading = {}): SessionSummary['themes'] {
  const { range = 65_536, packed = true, maxBits = 1 << 28 } = reading;
  if (counted.first > counted.last) return [];
  const width = ((db.prepare('SELECT max(id) FROM themes').pluck().get() as number | null) ?? 0) + 1;
  // One joined column, session * width + theme, costs SQLite less than two; taken when it stays
  // exact. (A number is bound as a real: cast, or the products are written "38.0".)
  const pack = packed && counted.first >= 0 && (counted.last + 1) * width <= Number.MAX_SAFE_INTEGER;
  const read = db
    .prepare(
      pack
        ? 'SELECT group_concat(session_id * CAST(? AS INTEGER) + theme_id) FROM session_themes WHERE session_id BETWEEN ? AND ?'
        : 'SELECT group_concat(session_id), group_concat(theme_id) FROM session_themes WHERE session_id BETWEEN ? AND ?',
    )
    .raw();
  const sessionsOf = new Float64Array(width);
  const relationshipsOf = new Float64Array(width);
  // Whether theme t has been counted for relationship r: bit t * relationships + r, or a set per theme when that is too many bits.
  const relationships = counted.relationships;
  const bits = width * relationships <= maxBits ? new Int32Array(Math.ceil((width * relationships) / 32)) : null;
  const sets = bits === null ? new Map<number, Set<number>>() : null;
  const { of, low } = counted;
  const sessions: number[] = [];
  const themes: number[] = [];
  for (let from = counted.first; from <= counted.last; from += range) {
    const to = Math.min(counted.last, from + range - 1);
    let pairs = 0;
    if (pack) {
      const [joined] = read.get(width, from, to) as [string | null];
      if (joined !== null) pairs = readIntegers(joined, themes, 0);
      for (let p = 0; p < pairs; p++) {
        const session = Math.floor(themes[p] / width);
        sessions[p] = session;
        themes[p] -= session * width;
      }
    } else {
      const [joinedSessions, joinedThemes] = read.get(from, to) as [string | null, string | null];
      if (joinedSessions !== null && joinedThemes !== null) {
        pairs = readIntegers(joinedSessions, sessions, 0);
        readIntegers(joinedThemes, themes, 0);
      }
    }
    for (let p = 0; p < pairs; p++) {
      const relationship = of[sessions[p] - low];
      // 0: a session of another cohort, or after the as-of day.
      if (!(relationship > 0)) continue;
      const theme = themes[p];
      sessionsOf[theme] += 1;
      if (bits !== null) {
        const bit = theme * relationships + relationship - 1;
        const mask = 1 << (bit & 31);
        if ((bits[bit >>> 5] & mask) === 0) {
          bits[bit >>> 5] |= mask;
          relationshipsOf[theme] += 1;
        }
      } else {
        let set = sets!.get(theme);
        if (set === undefined) {
          set = new Set();
          sets!.set(theme, set);
        }
        if (!set.has(relationship)) {
          set.add(relationship);
          relationshipsOf[theme] += 1;
        }
      }
    }
  }
  const labels = new Map(db.prepare('SELECT id, label FROM themes').raw().all() as Array<[number, string]>);
  const counts: SessionSummary['themes'] = [];
  for (let theme = 0; theme < width; theme++) {
    if (sessionsOf[theme] > 0) counts.push({ theme: labels.get(theme) ?? '', sessions: sessionsOf[theme], relationships: relationshipsOf[theme] });
  }
  return counts.sort(themeOrder);
}
