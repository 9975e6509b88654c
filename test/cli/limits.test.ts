/**
 * Input at the edges (issue 12, case 11): an id above 2^53 would be rounded to another
 * row's id; a --weights file that is a device, a pipe, a folder, huge, or nested 50,000
 * deep would hang or crash. Each is a one-line usage error that changes nothing.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, remedi, snapshotFolder, tempDir } from '../helpers/cli.js';
import { run as inProcess } from '../helpers/inProcess.js';

const env = { REMEDI_TODAY: '2026-07-29' };

async function setUp(): Promise<{ dir: string; db: string }> {
  const dir = tempDir();
  const db = join(dir, 'remedi.db');
  const ok = async (args: string[]) => expect((await inProcess([...args, '--db', db], { env })).code, args.join(' ')).toBe(0);
  await ok(['cohort', 'create', '1', '--start', '2026-01-05', '--end', '2026-09-30']);
  await ok(['import', join(FIXTURES, 'roster.csv'), '--cohort', '1']);
  await ok(['pair', '--trios', '--save', '--start', '2026-01-05']);
  await ok(['import-sessions', join(FIXTURES, 'sessions.csv')]);
  return { dir, db };
}

describe('an id beyond the safe integer range is a usage error, not another row', () => {
  it.each([
    [['sessions', 'edit', '9007199254740993', '--minutes', '30'], 'a session id'],
    [['sessions', 'delete', '9007199254740992', '--yes'], 'a session id'],
    [['pair', 'end', '99999999999999999999'], 'a relationship id'],
    [['log-session', '--pair', '9007199254740993', '--date', '2026-07-01', '--minutes', '30', '--kind', 'one-to-one', '--level', 'team'], 'a relationship id'],
    [['report', '--cohort', '9007199254740993'], 'a cohort number'],
  ])('%j', async (args, label) => {
    const { dir, db } = await setUp();
    const before = snapshotFolder(dir);
    const result = await inProcess([...args, '--db', db], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`Expected ${label} (a whole number from 1 to 9007199254740991)`);
    expect(result.stderr).toContain('is too large');
    expect(snapshotFolder(dir)).toEqual(before);
  });

  it('the largest safe id is read exactly (and is simply not found)', async () => {
    const { db } = await setUp();
    const result = await inProcess(['sessions', 'edit', '9007199254740991', '--minutes', '30', '--db', db], { env });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('9007199254740991');
  });

  it('a session log whose pair_id is beyond the range is refused on its line, nothing written', async () => {
    const { dir, db } = await setUp();
    const log = join(dir, 'log.csv');
    writeFileSync(log, 'pair_id,date,minutes,kind,level\n9007199254740993,2026-07-01,30,one-to-one,team\n');
    const before = snapshotFolder(dir);
    const result = await inProcess(['import-sessions', log, '--db', db], { env });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('"9007199254740993": expected a relationship number, as in remedi pair list');
    expect(snapshotFolder(dir)).toEqual({ ...before });
  });
});

describe('--weights reads a small regular file of flat JSON', () => {
  const pair = (db: string, weights: string) => inProcess(['pair', '--cohort', '1', '--weights', weights, '--json', '--db', db], { env });

  it('a good file is used', async () => {
    const { dir, db } = await setUp();
    const file = join(dir, 'weights.json');
    writeFileSync(file, '{"race": 700, "perBandGap": 5}');
    const result = await pair(db, file);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout).weights).toMatchObject({ race: 700, perBandGap: 5 });
  });

  it.each([
    ['/dev/zero (a device that never ends)', () => '/dev/zero', 'is a device; --weights needs a JSON file'],
    ['/dev/null', () => '/dev/null', 'is a device; --weights needs a JSON file'],
    ['a folder', (dir: string) => dir, 'is a folder; --weights needs a JSON file'],
    [
      'a named pipe nobody writes to',
      (dir: string) => {
        const fifo = join(dir, 'weights.fifo');
        expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
        return fifo;
      },
      'is a pipe; --weights needs a JSON file',
    ],
    [
      'a file over 64 KB',
      (dir: string) => {
        const file = join(dir, 'big.json');
        writeFileSync(file, `{"race": 500${' '.repeat(70_000)}}`);
        return file;
      },
      'a weights file is a few lines, at most 64 KB',
    ],
    [
      'JSON nested 50,000 deep (JSON.parse would overflow its stack)',
      (dir: string) => {
        const file = join(dir, 'deep.json');
        writeFileSync(file, '['.repeat(50_000));
        return file;
      },
      'its JSON is nested more than 2 levels deep',
    ],
    [
      'an object nested three deep',
      (dir: string) => {
        const file = join(dir, 'three.json');
        writeFileSync(file, '{"race": {"a": {"b": 1}}}');
        return file;
      },
      'its JSON is nested more than 2 levels deep',
    ],
    [
      'a weight that is a list',
      (dir: string) => {
        const file = join(dir, 'list.json');
        writeFileSync(file, '{"race": [500]}');
        return file;
      },
      '"race" is [500]; expected a whole number',
    ],
    [
      'brackets inside a string are only text',
      (dir: string) => {
        const file = join(dir, 'text.json');
        writeFileSync(file, '{"[[[[": 1}');
        return file;
      },
      '"[[[[" is not a weight',
    ],
  ])('%s: a usage error at once, nothing written', async (_what, pathOf, message) => {
    const { dir, db } = await setUp();
    // Beside the database's folder, so that folder's snapshot is only the database.
    const path = pathOf(tempDir());
    const before = snapshotFolder(dir);
    const started = Date.now();
    const result = await pair(db, path);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).not.toMatch(/\n\s+at |RangeError|Maximum call stack/);
    expect(result.stdout).toBe('');
    expect(snapshotFolder(dir)).toEqual(before);
  });
});

describe('from the real binary', () => {
  it('an id too large and JSON nested 50,000 deep: exit 2, one message on stderr, nothing on stdout, no stack overflow', async () => {
    const { dir, db } = await setUp();
    const deep = join(tempDir(), 'deep.json');
    writeFileSync(deep, '['.repeat(50_000));
    const before = snapshotFolder(dir);
    for (const [args, message] of [
      [['pair', 'end', '99999999999999999999'], 'is too large'],
      [['pair', '--cohort', '1', '--weights', deep, '--json'], 'its JSON is nested more than 2 levels deep'],
    ] as const) {
      const result = remedi([...args, '--db', db], { env });
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain(message);
      expect(result.stderr).not.toMatch(/\n\s+at |RangeError|Maximum call stack/);
    }
    expect(snapshotFolder(dir)).toEqual(before);
  });
});
