import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/cli.js';
import { run } from '../helpers/inProcess.js';

describe('remedi pair on a cohort too large to pair exactly', () => {
  it('is refused with a fix (exit 1), not an internal error', async () => {
    // 1,000 board members in trios and 2,100 mentors of capacity 20 with the largest weights: the
    // solver's exact scores would pass 2^52 (matching/pairing.ts), found before any matrix is made.
    const dir = tempDir();
    const db = join(dir, 'remedi.db');
    const rows = ['staff_id,name,band,board_member,ethnicity,role,race_trained,capacity,department,function'];
    for (let k = 0; k < 1000; k += 1) rows.push(`B${k},Board ${k},VSM,yes,A,mentee,,,Board,`);
    for (let k = 0; k < 2100; k += 1) rows.push(`M${k},Mentor ${k},2,no,M,mentor,yes,20,Wards,front line`);
    writeFileSync(join(dir, 'roster.csv'), `${rows.join('\n')}\n`);
    const weights = join(dir, 'weights.json');
    writeFileSync(weights, JSON.stringify({ race: 1000, frontline: 1000, bmeMentor: 1000, differentDepartment: 1000, perBandGap: 1000 }));
    expect((await run(['cohort', 'create', '1', '--start', '2026-01-05', '--end', '2026-09-30', '--db', db])).code).toBe(0);
    const imported = await run(['import', join(dir, 'roster.csv'), '--cohort', '1', '--db', db]);
    expect(imported.code, imported.stderr).toBe(0);

    const result = await run(['pair', '--cohort', '1', '--trios', '--weights', weights, '--db', db]);
    expect(result).toMatchObject({ code: 1, stdout: '' });
    expect(result.stderr).toContain('Cohort 1 is too large to pair exactly in one go (2,000 mentee places and ');
    expect(result.stderr).toContain('Propose it without --trios, or with smaller weights (--weights), or split it into smaller cohorts.');
    expect(result.stderr).not.toContain('internal error');
  }, 60_000);
});
