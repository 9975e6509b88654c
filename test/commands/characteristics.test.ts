/**
 * `remedi characteristics list|enable|disable` (docs/characteristics.md, "Enabling" and
 * "Disabling"), in-process through the whole command line, and what disabling leaves behind:
 * nothing of the characteristic anywhere in the database file or its WAL.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { Prompts } from '../../src/ui/prompts.js';
import { tempDir } from '../helpers/cli.js';
import { run } from '../helpers/inProcess.js';

const ROSTER = [
  'Employee Number,Full Name,Pay Band,Ethnic Origin,Disability,Network Q',
  '1001,Ann Lee,8a,A,Yes,yes',
  '1002,Bob Ng,5,B,No,no',
  '1003,Cat Roy,6,C,,yes',
  '1004,Dan Oz,8c,D,Yes,',
].join('\n');

async function database(): Promise<{ dir: string; db: string; roster: string }> {
  const dir = tempDir();
  const db = join(dir, 'remedi.db');
  const roster = join(dir, 'roster.csv');
  writeFileSync(roster, `${ROSTER}\n`);
  expect((await run(['import', roster, '--db', db])).code).toBe(0);
  return { dir, db, roster };
}

const sql = <T>(db: string, query: string, ...params: unknown[]): T[] => {
  const conn = new Database(db);
  try {
    return conn.prepare(query).all(...params) as T[];
  } finally {
    conn.close();
  }
};

describe('characteristics list and enable', () => {
  it("lists remedi's four, none enabled at first, and says so on stderr; --json and --csv", async () => {
    const { db } = await database();
    const list = await run(['characteristics', 'list', '--db', db]);
    expect(list.code).toBe(0);
    for (const name of ['disability', 'sex', 'sexual_orientation', 'religion']) expect(list.stdout).toContain(name);
    expect(list.stderr).toContain('None is enabled');
    const json = JSON.parse((await run(['characteristics', 'list', '--json', '--db', db])).stdout);
    expect(json.map((c: { name: string; enabled: boolean }) => [c.name, c.enabled])).toEqual([
      ['disability', false],
      ['sex', false],
      ['sexual_orientation', false],
      ['religion', false],
    ]);
    const csv = (await run(['characteristics', 'list', '--csv', '--db', db])).stdout;
    expect(csv.split(/\r?\n/)[0]).toBe('name,kind,enabled,enabled_on,yes_means,no_means,recorded');
  });

  it('enables one of remedi\'s, and a trust\'s own with --own; says "already enabled" the second time; counts people recorded', async () => {
    const { db, roster } = await database();
    const enabled = await run(['characteristics', 'enable', 'disability', '--db', db]);
    expect(enabled.code).toBe(0);
    expect(enabled.stdout).toContain('Enabled disability');
    expect(enabled.stderr).toContain('special category data');
    const again = await run(['characteristics', 'enable', 'disability', '--db', db]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('disability was already enabled (since 2026-03-15); nothing was changed.');
    const own = await run(['characteristics', 'enable', 'network_q', '--own', '--db', db, '--json']);
    expect(own.code).toBe(0);
    expect(JSON.parse(own.stdout)).toMatchObject({ name: 'network_q', kind: 'own', enabled: true, enabledOn: '2026-03-15', recorded: 0 });
    expect((await run(['import', roster, '--characteristic', 'Network Q=network_q', '--db', db])).code).toBe(0);
    const json = JSON.parse((await run(['characteristics', 'list', '--json', '--db', db])).stdout);
    expect(json.find((c: { name: string }) => c.name === 'disability')).toMatchObject({ enabled: true, recorded: 3 });
    expect(json.find((c: { name: string }) => c.name === 'network_q')).toMatchObject({ enabled: true, kind: 'own', recorded: 3 });
  });

  it('refuses a typo with "Did you mean", a built-in with --own, a bad own name, and an own name without --own (exit 2, nothing changed)', async () => {
    const { db } = await database();
    const typo = await run(['characteristics', 'enable', 'disabilty', '--db', db]);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('Did you mean disability?');
    expect(typo.stderr).toContain('remedi characteristics enable disability');
    const builtInOwn = await run(['characteristics', 'enable', 'sex', '--own', '--db', db]);
    expect(builtInOwn.code).toBe(2);
    expect(builtInOwn.stderr).toContain("sex is one of remedi's characteristics");
    const badName = await run(['characteristics', 'enable', 'Network Q', '--own', '--db', db]);
    expect(badName.code).toBe(2);
    expect(badName.stderr).toContain('cannot be a characteristic');
    const withoutOwn = await run(['characteristics', 'enable', 'carer', '--db', db]);
    expect(withoutOwn.code).toBe(2);
    expect(withoutOwn.stderr).toContain('remedi characteristics enable carer --own');
    expect(sql(db, 'SELECT * FROM characteristics')).toEqual([]);
  });
});

describe('characteristics disable', () => {
  it('needs --yes off a terminal (exit 2), asks at one (no: nothing changed), and refuses one not enabled', async () => {
    const { db, roster } = await database();
    expect((await run(['characteristics', 'enable', 'disability', '--db', db])).code).toBe(0);
    expect((await run(['import', roster, '--db', db])).code).toBe(0);
    const noTerminal = await run(['characteristics', 'disable', 'disability', '--db', db]);
    expect(noTerminal.code).toBe(2);
    expect(noTerminal.stderr).toContain('needs --yes when there is no terminal');
    let asked = '';
    const prompts = {
      confirmDelete: async (summary: string) => {
        asked = summary;
        return false;
      },
    } as unknown as Prompts;
    const declined = await run(['characteristics', 'disable', 'disability', '--db', db], { context: { interactive: true, prompts } });
    expect(declined.code).toBe(0);
    expect(asked).toBe('disability and its values for 3 people');
    expect(declined.stderr).toContain('Nothing was changed.');
    expect(sql(db, 'SELECT count(*) AS n FROM staff_characteristics')).toEqual([{ n: 3 }]);
    const notEnabled = await run(['characteristics', 'disable', 'religion', '--yes', '--db', db]);
    expect(notEnabled.code).toBe(1);
    expect(notEnabled.stderr).toContain('religion is not enabled');
  });

  it('erases the values and turns a lived experience relationship general, without its reason', async () => {
    const { db, roster } = await database();
    expect((await run(['characteristics', 'enable', 'disability', '--db', db])).code).toBe(0);
    expect((await run(['import', roster, '--db', db])).code).toBe(0);
    expect((await run(['cohort', 'create', '1', '--start', '2026-01-05', '--end', '2026-09-30', '--db', db])).code).toBe(0);
    livedExperiencePair(db, 'disability');
    const result = await run(['characteristics', 'disable', 'disability', '--yes', '--db', db, '--json']);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ name: 'disability', values: 3, relationships: 1 });
    expect(sql(db, 'SELECT count(*) AS n FROM staff_characteristics')).toEqual([{ n: 0 }]);
    expect(sql(db, 'SELECT type, reasons FROM relationships')).toEqual([
      { type: 'general', reasons: JSON.stringify(['mentor is a senior leader', 'a reason removed when its characteristic was disabled']) },
    ]);
    const shown = JSON.parse((await run(['staff', 'show', '1002', '--json', '--db', db])).stdout);
    expect(shown.person.characteristics).toBeUndefined();
  });

  it('leaves no trace in the database file or its WAL of a trust-defined characteristic it disabled', async () => {
    const { db, roster } = await database();
    expect((await run(['characteristics', 'enable', 'zz_network_q', '--own', '--db', db])).code).toBe(0);
    expect((await run(['import', roster, '--characteristic', 'Network Q=zz_network_q', '--db', db])).code).toBe(0);
    expect((await run(['cohort', 'create', '1', '--start', '2026-01-05', '--end', '2026-09-30', '--db', db])).code).toBe(0);
    livedExperiencePair(db, 'zz_network_q');
    const bytes = () => Buffer.concat([readFileSync(db), ...(existsSync(`${db}-wal`) ? [readFileSync(`${db}-wal`)] : [])]).toString('latin1');
    // The name and the reason are in the file before.
    expect(bytes()).toContain('zz_network_q');
    const result = await run(['characteristics', 'disable', 'zz_network_q', '--yes', '--db', db]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Disabled zz_network_q: erased its values for 3 people; 1 relationship of its lived experience type is now general');
    const after = bytes();
    expect(after).not.toContain('zz_network_q');
    expect(after).not.toContain('lived experience (zz');
    expect(after).not.toContain('only network members');
    expect(sql(db, 'SELECT count(*) AS n FROM relationships')).toEqual([{ n: 1 }]);
  });
});

/** A relationship of the characteristic's lived experience type, as pairing would record it (inserted directly). */
function livedExperiencePair(db: string, name: string): void {
  const conn = new Database(db);
  try {
    const id = conn
      .prepare(
        `INSERT INTO relationships (cohort, mentee_id, type, score, reasons, start_date, override, created_on)
         VALUES (1, '1004', ?, 300, ?, '2026-01-05', 0, '2026-01-05')`,
      )
      .run(
        `lived experience (${name})`,
        JSON.stringify(['mentor is a senior leader', `lived experience (${name}) only network members share`]),
      ).lastInsertRowid;
    conn.prepare("INSERT INTO relationship_mentors (relationship_id, mentor_id, slot) VALUES (?, '1002', NULL)").run(id);
  } finally {
    conn.close();
  }
}
