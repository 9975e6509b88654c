/**
 * One run of the real binary through issue 17's people side: enable disability, import a roster
 * carrying it, see it in staff list --json, disable it (refused without --yes off a terminal),
 * and find it gone: exit codes and streams as a user gets them.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { remedi, tempDir } from '../helpers/cli.js';

it('enables disability, imports it from an ESR column, lists it, and disables it only with --yes', { timeout: 60_000 }, () => {
  const dir = tempDir();
  const db = join(dir, 'remedi.db');
  const roster = join(dir, 'esr.csv');
  writeFileSync(roster, 'Employee Number,Full Name,Pay Band,Disability Flag\n2001,Ann Lee,8a,Yes\n2002,Bob Ng,5,Prefer not to answer\n2003,Cat Roy,6,No\n');

  const first = remedi(['import', roster, '--db', db]);
  expect(first.code, first.stderr).toBe(0);
  expect(first.stderr).toContain('column D (Disability Flag) was not read: disability is not enabled');

  const enable = remedi(['characteristics', 'enable', 'disability', '--db', db]);
  expect(enable.code).toBe(0);
  expect(enable.stdout).toContain('Enabled disability');

  const imported = remedi(['import', roster, '--db', db]);
  expect(imported.code, imported.stderr).toBe(0);
  expect(imported.stdout).toContain('disability: a value was recorded for 2 people (the others unknown).');

  const list = remedi(['staff', 'list', '--json', '--db', db]);
  expect(list.code).toBe(0);
  expect(JSON.parse(list.stdout).map((p: { characteristics: { disability: string } }) => p.characteristics.disability)).toEqual(['yes', 'unknown', 'no']);

  const listed = remedi(['characteristics', 'list', '--json', '--db', db]);
  expect(JSON.parse(listed.stdout)[0]).toMatchObject({ name: 'disability', enabled: true, recorded: 2 });

  const refused = remedi(['characteristics', 'disable', 'disability', '--db', db]);
  expect(refused.code).toBe(2);
  expect(refused.stderr).toContain('--yes');

  const disabled = remedi(['characteristics', 'disable', 'disability', '--yes', '--db', db]);
  expect(disabled.code, disabled.stderr).toBe(0);
  expect(disabled.stdout).toBe('Disabled disability: erased its values for 2 people.\n');

  const after = remedi(['staff', 'list', '--json', '--db', db]);
  expect(after.stdout).not.toContain('characteristics');
});
