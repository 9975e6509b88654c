/**
 * A backup whose copy goes wrong on the way (a failing disk under the copy, SQLite finding
 * damage as it copies) is refused with what to do, and leaves nothing under the backup's name.
 * The copy step is the store's seam (CopyPages): the database itself stays sound.
 */
import { readdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { backupDatabase, type CopyPages } from '../../src/store/backup.js';
import { saveCohort } from '../../src/store/cohorts.js';
import { openDatabase } from '../../src/store/db.js';
import { SCHEMA_VERSION } from '../../src/store/schemaVersion.js';
import { tempDir } from '../helpers/cli.js';

async function programme(): Promise<{ dir: string; db: string }> {
  const dir = tempDir();
  const db = join(dir, 'remedi.db');
  const opened = await openDatabase(db, { create: true, deferPublish: true });
  opened.db
    .transaction(() => saveCohort(opened.db, { number: 1, name: null, start: '2026-01-05', end: '2026-09-30', minMonths: 8, minPerMonth: 2, meetEvery: null }))
    .immediate();
  opened.publish();
  opened.db.close();
  return { dir, db };
}

/** SQLite's copy, then `damage` done to the copy, as a failing disk would. */
const copyThen =
  (damage: (copy: string) => void): CopyPages =>
  async (db, temporary) => {
    await db.backup(temporary);
    damage(temporary);
  };

const overwritePages = (copy: string) => {
  const bytes = readFileSync(copy);
  const pageSize = bytes.readUInt16BE(16);
  bytes.fill(0x41, pageSize + 10, bytes.length);
  writeFileSync(copy, bytes);
};

async function refusal(copyPages: CopyPages): Promise<{ error: UserError; left: string[]; dir: string }> {
  const { dir, db } = await programme();
  const error = await backupDatabase(db, join(dir, 'copy.db'), copyPages).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(UserError);
  return { error: error as UserError, left: readdirSync(dir), dir };
}

describe('backupDatabase', () => {
  it('makes an owner-only copy, checked, under the name asked for', async () => {
    const { dir, db } = await programme();
    const copy = await backupDatabase(db, join(dir, 'copy.db'));
    expect(copy).toEqual({ path: join(dir, 'copy.db'), schemaVersion: SCHEMA_VERSION });
    expect(statSync(copy.path).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir).sort()).toEqual(['copy.db', 'remedi.db']);
  });

  it.each<[string, CopyPages, RegExp, string]>([
    [
      'pages damaged on the way',
      copyThen(overwritePages),
      /^The backup failed its integrity check \(.+\); nothing was written to .*copy\.db\.$/,
      'Run remedi check on the database; if it is damaged, restore it from an earlier backup.',
    ],
    [
      'a copy left empty',
      copyThen((copy) => truncateSync(copy, 0)),
      /^The copy holds no remedi data \(no schema version\); nothing was written to .*copy\.db\.$/,
      'Check the --db path points to your remedi database.',
    ],
    [
      'SQLite finding damage as it copies (an extended code)',
      () => Promise.reject(Object.assign(new Error('database disk image is malformed'), { code: 'SQLITE_CORRUPT_INDEX' })),
      /^The database .*remedi\.db is damaged, so it could not be copied; nothing was written to .*copy\.db\.$/,
      'Run remedi check on it, and restore it from an earlier backup.',
    ],
  ])('refuses %s, says what to do, and leaves no file but the database', async (_case, copyPages, message, fix) => {
    const { error, left } = await refusal(copyPages);
    expect(error.message).toMatch(message);
    expect(error.fix).toBe(fix);
    expect(left).toEqual(['remedi.db']);
  });

  it('lets a failure that is neither damage nor a failed write through as it is (a bug, an internal error)', async () => {
    const { dir, db } = await programme();
    const broken = new TypeError('not a function');
    await expect(backupDatabase(db, join(dir, 'copy.db'), () => Promise.reject(broken))).rejects.toBe(broken);
    expect(readdirSync(dir)).toEqual(['remedi.db']);
  });
});
