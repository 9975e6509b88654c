/**
 * import-sessions' writer (store/sessions.ts sessionImportWriter): sessions written 512 to a
 * statement with their mentors and themes, and duplicates looked up a batch of keys per query,
 * on real temporary SQLite files, against remedi's one-at-a-time session writer.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Kind } from '../../src/domain/sessions.js';
import { sessionTarget } from '../../src/domain/sessionDraft.js';
import { openDatabase, type Db } from '../../src/store/db.js';
import { loadRelationships, loadSessionTargets } from '../../src/store/relationships.js';
import { heldKeysFiller, heldKeysRequest } from '../../src/commands/sessions/heldSessionKeys.js';
import { dayAndKind, sessionKeyFilter } from '../../src/domain/sessionKeyFilter.js';
import {
  heldSessionKeys,
  journalStatementsInMemory,
  sessionImportWriter,
  sessionWriter,
  withoutLinkLookups,
  type NewSession,
} from '../../src/store/sessions.js';
import { tempDir } from '../helpers/cli.js';

const TODAY = '2024-12-01';
const KINDS: Kind[] = ['one-to-one', 'observation', 'shadowing'];

/** Two relationships, the second a trio, in a cohort of 2024; one session recorded on 2 Jan 2024. */
async function database(): Promise<Db> {
  const { db } = await openDatabase(join(tempDir(), 'remedi.db'), { create: true });
  db.transaction(() => {
    db.prepare("INSERT INTO cohorts (number, start_date, end_date) VALUES (1, '2024-01-01', '2024-12-31')").run();
    const staff = db.prepare("INSERT INTO staff (staff_id, name, added_on, updated_on) VALUES (?, ?, '2024-01-01', '2024-01-01')");
    for (const id of ['L1', 'L2', 'M1', 'M2', 'M3']) staff.run(id, `Person ${id}`);
    const relationship = db.prepare(
      "INSERT INTO relationships (id, cohort, mentee_id, type, start_date, created_on) VALUES (?, 1, ?, 'race', '2024-01-01', '2024-01-01')",
    );
    relationship.run(1, 'L1');
    relationship.run(2, 'L2');
    const mentor = db.prepare('INSERT INTO relationship_mentors (relationship_id, mentor_id) VALUES (?, ?)');
    mentor.run(1, 'M1');
    mentor.run(2, 'M2');
    mentor.run(2, 'M3');
    sessionWriter(db, TODAY).insert(session(0));
  })();
  return db;
}

const day = (n: number) => new Date(Date.UTC(2024, 0, 2) + Math.floor(n / KINDS.length) * 86_400_000).toISOString().slice(0, 10);

/** The nth session: both relationships, three kinds a day, some themes (a theme repeated), mentors of a trio. */
function session(n: number): NewSession {
  const relationshipId = 1 + (n % 2);
  return {
    relationshipId,
    date: day(n >> 1),
    kind: KINDS[(n >> 1) % KINDS.length],
    minutes: 15 + (n % 5) * 15,
    level: 'team',
    livedExperience: n % 3 === 0,
    notes: n % 4 === 0 ? `note ${n}` : null,
    mentors: relationshipId === 1 ? ['M1'] : n % 3 === 0 ? ['M2', 'M3'] : ['M3'],
    themes: Array.from({ length: n % 4 }, (_, t) => ({ key: `theme ${(n + t) % 7}`, label: `Theme ${(n + t) % 7}` })),
  };
}

function contents(db: Db): unknown {
  return ['sessions', 'session_mentors', 'session_themes', 'themes', 'sqlite_sequence'].map((table) =>
    db.prepare(`SELECT * FROM ${table} ORDER BY 1, 2`).raw().all(),
  );
}

describe('sessionImportWriter', () => {
  it('writes sessions, mentors and themes as the one-at-a-time writer does, across several statements', async () => {
    const [batched, single] = [await database(), await database()];
    journalStatementsInMemory(batched);
    const sessions = Array.from({ length: 1300 }, (_, n) => session(n + 1));
    batched.transaction(() => {
      const writer = sessionImportWriter(batched, TODAY);
      sessions.forEach((s, n) => writer.insert(s, n + 2));
      writer.finish();
    })();
    single.transaction(() => {
      const writer = sessionWriter(single, TODAY);
      for (const s of sessions) writer.insert(s);
    })();
    expect(contents(batched)).toEqual(contents(single));
    expect((batched.prepare('SELECT count(*) FROM sessions').pluck().get() as number) - 1).toBe(1300);
    batched.close();
    single.close();
  });

  it("finds each key's earlier session, by line for this import's (written or waiting), 'recorded' for one held before", async () => {
    const db = await database();
    db.transaction(() => {
      const writer = sessionImportWriter(db, TODAY);
      // 600 written: the first 512 in the database, the rest still waiting.
      for (let n = 1; n <= 600; n++) writer.insert(session(n), n + 1);
      const key = (s: NewSession) => ({ relationshipId: s.relationshipId, date: s.date, kind: s.kind });
      const asked = [
        key(session(0)),
        key(session(1)),
        key(session(512)),
        key(session(513)),
        key(session(600)),
        { relationshipId: 1, date: '2024-11-30', kind: 'other' as Kind },
        { relationshipId: 3, date: day(0), kind: 'one-to-one' as Kind },
      ];
      expect(writer.earlier(asked)).toEqual(['recorded', 2, 513, 514, 601, undefined, undefined]);
      // More keys than one query takes: answered alike, in order.
      const many = Array.from({ length: 1100 }, (_, n) => key(session(n)));
      expect(writer.earlier(many)).toEqual(many.map((_, n) => (n === 0 ? 'recorded' : n <= 600 ? n + 1 : undefined)));
      writer.finish();
    })();
    db.close();
  });
});

describe('the filters of sessions held and written (heldSessionKeys, heldSessionKeys.ts)', () => {
  it('holds every session held, by the day and kind worked out in SQL as dayAndKind does, and few others, read a few relationships a step', async () => {
    const db = await database();
    db.transaction(() => {
      const writer = sessionWriter(db, TODAY);
      for (let n = 1; n <= 900; n++) writer.insert(session(n));
    })();
    const filter = sessionKeyFilter(new Int32Array(1 << 11));
    const reading = heldSessionKeys(db, filter);
    // Two relationships: the first step reads one, the second the other, the third finds none left.
    expect([reading.step(1), reading.step(1), reading.step(1)]).toEqual([true, true, false]);
    reading.stop();
    const held = db.prepare('SELECT relationship_id, date, kind FROM sessions').raw().all() as Array<[number, string, Kind]>;
    expect(held).toHaveLength(901);
    for (const [relationshipId, date, kind] of held) expect(filter.mayHold(relationshipId, dayAndKind(date, kind))).toBe(true);
    const others = Array.from({ length: 900 }, (_, n) => dayAndKind(day(n), 'other'));
    expect(others.filter((key) => filter.mayHold(1, key)).length).toBeLessThan(20);
    db.close();
  });

  /** The writer's answers to batches of sessions held and new ones, the new ones written, then the same again (each now held or this import's, written or waiting). */
  async function answers(fill: 'never' | 'before' | 'midway' | 'stopped'): Promise<unknown[]> {
    const db = await database();
    db.transaction(() => {
      const writer = sessionWriter(db, TODAY);
      for (let n = 1; n <= 300; n++) writer.insert(session(n * 3));
    })();
    db.exec('BEGIN IMMEDIATE');
    const request = fill === 'never' ? null : heldKeysRequest(db, db.name);
    const filler = request === null ? null : heldKeysFiller(request.setup);
    // Filled as the worker fills it: from its own connection, a step at a time.
    const fillAll = () => {
      while (filler!.step());
    };
    if (fill === 'before') fillAll();
    // Stopped before it is filled (the file read first): never used.
    if (fill === 'stopped') filler!.stop();
    const writer = sessionImportWriter(db, TODAY, request?.filters);
    const key = (s: NewSession) => ({ relationshipId: s.relationshipId, date: s.date, kind: s.kind });
    const seen: unknown[] = [];
    for (let at = 0; at < 1200; at += 150) {
      if (fill === 'midway' && at === 300) fillAll();
      const batch = Array.from({ length: 150 }, (_, n) => session((at + n) % 600));
      seen.push(writer.earlier(batch.map(key)));
      batch.forEach((s, n) => {
        if (at < 600 && (at + n) % 3 !== 0) writer.insert(s, at + n + 2);
      });
    }
    writer.finish();
    expect(request?.filters.held() ?? null).toEqual(fill === 'before' || fill === 'midway' ? expect.anything() : null);
    filler?.stop();
    db.exec('COMMIT');
    db.close();
    return seen;
  }

  it.each(['before', 'midway', 'stopped'] as const)(
    "give the writer the same answers as asking the database about every key, the held one filled on another connection inside the import's transaction (%s the import)",
    async (fill) => {
      const plain = await answers('never');
      expect(plain.flat().filter((answer) => answer === 'recorded').length).toBeGreaterThan(100);
      expect(plain.flat().filter((answer) => typeof answer === 'number').length).toBeGreaterThan(100);
      expect(await answers(fill)).toEqual(plain);
    },
  );

  it('are not asked for outside WAL, and the held one is left unfilled (every key asked) when the database cannot be read', async () => {
    const db = await database();
    db.pragma('journal_mode = DELETE');
    expect(heldKeysRequest(db, db.name)).toBeNull();
    db.pragma('journal_mode = WAL');
    const request = heldKeysRequest(db, db.name)!;
    const filler = heldKeysFiller({ ...request.setup, database: join(tempDir(), 'missing.db') });
    expect(filler.step()).toBe(false);
    filler.stop();
    expect(request.filters.held()).toBeNull();
    db.close();
  });
});

describe('withoutLinkLookups', () => {
  it('writes with foreign keys off, leaves no broken link, and turns them back on after the transaction, even when it fails', async () => {
    const db = await database();
    const keys = () => db.pragma('foreign_keys', { simple: true });
    expect(keys()).toBe(1);
    const seen = await withoutLinkLookups(db, async () => {
      db.exec('BEGIN IMMEDIATE');
      const writer = sessionImportWriter(db, TODAY);
      for (let n = 1; n <= 700; n++) writer.insert(session(n), n + 1);
      writer.finish();
      db.exec('COMMIT');
      return keys();
    });
    expect(seen).toBe(0);
    expect(keys()).toBe(1);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    await expect(
      withoutLinkLookups(db, async () => {
        throw new Error('the file could not be read');
      }),
    ).rejects.toThrow('the file could not be read');
    expect(keys()).toBe(1);
    db.close();
  });
});

describe('loadSessionTargets', () => {
  it("gives each relationship's dates, mentors (in loadRelationships' order) and mentee, as loadRelationships does", async () => {
    const db = await database();
    db.prepare("UPDATE relationships SET ended_on = '2024-06-30' WHERE id = 2").run();
    db.prepare("UPDATE relationship_mentors SET slot = 'frontline' WHERE mentor_id = 'M3'").run();
    expect(loadSessionTargets(db)).toEqual(loadRelationships(db).map((r) => ({ ...sessionTarget(r), menteeId: r.menteeId })));
    expect(loadSessionTargets(db).map((r) => r.mentorIds)).toEqual([['M1'], ['M3', 'M2']]);
    db.close();
  });
});
