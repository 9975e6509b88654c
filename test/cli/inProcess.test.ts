/**
 * The in-process runner (test/helpers/inProcess.ts), which most command tests use, runs the
 * same program as the real binary: same exit codes, same stdout, same stderr.
 */
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { FIXTURES, remedi, tempDir } from '../helpers/cli.js';
import { run } from '../helpers/inProcess.js';

it('gives what a real process gives, for success, refusal and usage errors', async () => {
  const dir = tempDir();
  const inProcessDb = join(dir, 'a.db');
  const processDb = join(dir, 'b.db');
  const same = (text: string, db: string) => text.replaceAll(db, 'remedi.db');
  const steps = [
    ['cohort', 'create', '1', '--start', '2026-01-05', '--end', '2026-09-30'],
    ['import', join(FIXTURES, 'roster.csv'), '--cohort', '1'],
    ['pair', '--trios', '--json'],
    ['staff', 'list'],
    ['cohort', 'list', '--bogus'],
    ['report', '--cohort', '9'],
    ['pair', 'add', '--help'],
  ];
  for (const args of steps) {
    const inProcess = await run([...args, '--db', inProcessDb]);
    const real = remedi([...args, '--db', processDb]);
    expect({ args, code: inProcess.code, stdout: same(inProcess.stdout, inProcessDb), stderr: same(inProcess.stderr, inProcessDb) }).toEqual({
      args,
      code: real.code,
      stdout: same(real.stdout, processDb),
      stderr: same(real.stderr, processDb),
    });
  }
});
