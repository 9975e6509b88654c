/** A trust's own characteristic cannot take a name that already means something elsewhere (a weight, a roster column, a research column). */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/cli.js';
import { run } from '../helpers/inProcess.js';

describe('characteristics enable NAME --own', () => {
  it.each(['race', 'bme', 'role', 'cohort', 'seniority_group', 'department', 'ethnicity', 'general'])('refuses %s (exit 2), nothing enabled', async (name) => {
    const db = join(tempDir(), 'remedi.db');
    expect((await run(['cohort', 'create', '1', '--start', '2026-01-05', '--end', '2026-09-30', '--db', db])).code).toBe(0);
    const refused = await run(['characteristics', 'enable', name, '--own', '--db', db]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`"${name}" already means something to remedi`);
    expect(refused.stderr).toContain(`${name}_network`);
    const list = JSON.parse((await run(['characteristics', 'list', '--json', '--db', db])).stdout) as Array<{ name: string; enabled: boolean }>;
    expect(list.filter((c) => c.enabled)).toEqual([]);
  });

  it('takes a name of its own', async () => {
    const db = join(tempDir(), 'remedi.db');
    const enabled = await run(['characteristics', 'enable', 'carer', '--own', '--json', '--db', db]);
    expect(enabled.code).toBe(0);
    expect(JSON.parse(enabled.stdout)).toMatchObject({ name: 'carer', kind: 'own', enabled: true, recorded: 0 });
  });
});
