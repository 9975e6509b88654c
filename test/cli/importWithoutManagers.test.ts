/** A file without a line manager column says nothing of anyone's manager: it is not told a manager is unknown. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../helpers/cli.js';
import { run } from '../helpers/inProcess.js';

describe('import of a file without line managers', () => {
  it('warns of an unknown manager only where the file gives one', async () => {
    const db = join(tempDir(), 'remedi.db');
    const first = await run(['import', join(ROOT, 'fixtures', 'roster.csv'), '--db', db]);
    expect(first.code).toBe(0);
    expect(first.stderr).toContain('line manager 19999999 is not in this file or the database');
    const flags = await run(['import', join(ROOT, 'fixtures', 'roster-disability.csv'), '--db', db]);
    expect(flags.code, flags.stderr).toBe(0);
    expect(flags.stderr).not.toContain('19999999');
    expect(flags.stderr).not.toContain('no line_manager_id column');
  });
});
