/**
 * `remedi backup` and `remedi check` in-process: what they print, their JSON, and a damaged
 * database failing its check. The process contract (exit status, streams, modes, a kill during
 * a backup) is tested on the real binary in database.test.ts and files.test.ts.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../../src/store/schemaVersion.js';
import { FIXTURES, snapshotFolder, tempDir } from '../helpers/cli.js';
import { run } from '../helpers/inProcess.js';

let programme: Buffer;
beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'remedi-test-'));
  const db = join(dir, 'remedi.db');
  for (const args of [
    ['cohort', 'create', '1', '--start', '2026-01-05', '--end', '2026-09-30'],
    ['import', join(FIXTURES, 'roster.csv'), '--cohort', '1'],
  ]) {
    const result = await run([...args, '--db', db]);
    expect(result.code, result.stderr).toBe(0);
  }
  programme = readFileSync(db);
  rmSync(dir, { recursive: true, force: true });
});

function setUp(): { dir: string; db: string } {
  const dir = tempDir();
  const db = join(dir, 'remedi.db');
  writeFileSync(db, programme);
  return { dir, db };
}

describe('remedi backup', () => {
  it('says where the checked copy is, and --json gives the database, the backup and its schema', async () => {
    const { dir, db } = setUp();
    const text = await run(['backup', 'copy.db', '--db', db], { cwd: dir });
    expect(text).toEqual({
      code: 0,
      stdout: `Backed up ${db} to ${join(dir, 'copy.db')} (readable by you only; checked: sound, schema ${SCHEMA_VERSION}).\n`,
      stderr: '',
    });
    const json = await run(['backup', join(dir, 'again.db'), '--json', '--db', db]);
    expect(json.code, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({ database: db, backup: join(dir, 'again.db'), schemaVersion: SCHEMA_VERSION });
    expect((await run(['check', '--db', join(dir, 'copy.db')])).code).toBe(0);
  });

  it('refuses a name already taken, and writes nothing', async () => {
    const { dir, db } = setUp();
    writeFileSync(join(dir, 'taken.db'), 'mine');
    const before = snapshotFolder(dir);
    const result = await run(['backup', join(dir, 'taken.db'), '--db', db]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(snapshotFolder(dir)).toEqual(before);
  });
});

describe('remedi check', () => {
  it('passes a sound database, in text and in JSON', async () => {
    const { db } = setUp();
    const text = await run(['check', '--db', db]);
    expect(text).toEqual({ code: 0, stdout: `Database: ${db} (schema ${SCHEMA_VERSION})\nIntegrity: ok\nLinks between records: ok\n`, stderr: '' });
    const json = await run(['check', '--json', '--db', db]);
    expect(JSON.parse(json.stdout)).toEqual({
      database: db,
      schemaVersion: SCHEMA_VERSION,
      integrity: ['ok'],
      foreignKeys: [],
      ok: true,
      needsReplacement: [],
    });
  });

  it('fails a database with a damaged index page: what SQLite found, exit 1, and what to do', async () => {
    const { db } = setUp();
    const probe = new Database(db, { readonly: true });
    const { rootpage } = probe.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'sqlite_autoindex_staff_1'").get() as { rootpage: number };
    probe.close();
    const file = readFileSync(db);
    const pageSize = file.readUInt16BE(16);
    file.fill(0x41, (rootpage - 1) * pageSize + 200, rootpage * pageSize - 100);
    writeFileSync(db, file);
    const result = await run(['check', '--json', '--db', db]);
    expect(result.code).toBe(1);
    const json = JSON.parse(result.stdout) as { ok: boolean; integrity: string[] };
    expect(json.ok).toBe(false);
    expect(json.integrity).not.toEqual(['ok']);
    expect(result.stderr).toBe(
      'remedi: The database failed its check.\nRestore it from your latest backup (remedi backup makes one), and keep the damaged file for investigation.\n',
    );
  });

  it('fails a link to a record that is not there', async () => {
    const { db } = setUp();
    const sqlite = new Database(db);
    sqlite.pragma('foreign_keys = OFF');
    sqlite.prepare("UPDATE enrolments SET staff_id = 'nobody' WHERE rowid = (SELECT min(rowid) FROM enrolments)").run();
    sqlite.close();
    const result = await run(['check', '--db', db]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^Links between records: enrolments row \d+ points to a missing staff$/m);
  });
});
