import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, snapshotFolder, tempDir } from '../helpers/cli.js';
import { run } from '../helpers/inProcess.js';

interface ProposalJson {
  relationships: Array<{ reasons: string[] }>;
}

async function setUp(): Promise<{ dir: string; db: string }> {
  const dir = tempDir();
  const db = join(dir, 'remedi.db');
  expect((await run(['cohort', 'create', '1', '--start', '2026-01-05', '--end', '2026-09-30', '--db', db])).code).toBe(0);
  expect((await run(['import', join(FIXTURES, 'roster.csv'), '--cohort', '1', '--db', db])).code).toBe(0);
  return { dir, db };
}

async function pair(db: string, ...args: string[]): Promise<ProposalJson> {
  const result = await run(['pair', '--json', '--db', db, ...args]);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as ProposalJson;
}

describe('remedi department', () => {
  it('targets a department (any case), lists it, and suggests a near miss', async () => {
    const { db } = await setUp();
    const target = await run(['department', 'target', 'emergency MEDICINE', '--db', db]);
    expect(target.code, target.stderr).toBe(0);
    const list = JSON.parse((await run(['department', 'list', '--json', '--db', db])).stdout) as Array<{ name: string; targeted: boolean }>;
    expect(list.find((d) => d.name === 'Emergency Medicine')).toMatchObject({ targeted: true });
    expect(list.filter((d) => d.targeted)).toHaveLength(1);

    const proposal = await pair(db);
    const targetedReasons = proposal.relationships.flatMap((r) => r.reasons).filter((r) => r.includes('targeted department'));
    expect(targetedReasons.length).toBeGreaterThan(0);

    const miss = await run(['department', 'target', 'Emergncy Medicine', '--db', db]);
    expect(miss.code).toBe(1);
    expect(miss.stderr).toContain('Did you mean "Emergency Medicine"?');
    expect((await run(['department', 'target', 'Emergency Medicine', '--off', '--db', db])).code).toBe(0);
    const after = JSON.parse((await run(['department', 'list', '--json', '--db', db])).stdout) as Array<{ targeted: boolean }>;
    expect(after.some((d) => d.targeted)).toBe(false);
  });

  it('department list --csv has one row per department with its staff count and whether it is targeted', async () => {
    const { db } = await setUp();
    expect((await run(['department', 'target', 'Surgery', '--db', db])).code).toBe(0);
    const result = await run(['department', 'list', '--csv', '--db', db]);
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.trim().split('\r\n');
    expect(lines[0]).toBe('department,staff,targeted');
    expect(lines).toContain('Surgery,10,yes');
    expect(lines).toContain('Pharmacy,6,no');
    const json = JSON.parse((await run(['department', 'list', '--json', '--db', db])).stdout) as unknown[];
    expect(lines).toHaveLength(json.length + 1);
  });
});

describe('remedi staff train (from the department tests)', () => {
  it('staff train refuses unknown ids and writes nothing', async () => {
    const { dir, db } = await setUp();
    const before = snapshotFolder(dir);
    const result = await run(['staff', 'train', '10000065', 'nobody', '--db', db]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Nobody was recorded: there is nobody called "nobody" (by staff id, email or name).');
    expect(snapshotFolder(dir)).toEqual(before);
  });
});
