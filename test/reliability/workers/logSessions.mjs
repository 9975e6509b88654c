// One administrator's script: logs `count` sessions into a shared database, each call
// opening the database, writing in its own transaction and closing, as the CLI does.
// Usage: node logSessions.mjs <db> <worker> <count> <goFile> <pairIds,comma,separated>
// Prints "ready" once loaded, waits for <goFile> to exist, then prints a JSON summary.
import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

const [, , db, workerArg, countArg, goFile, pairsArg] = process.argv;
const worker = Number(workerArg);
const count = Number(countArg);
const pairs = pairsArg.split(',').map(Number);

const { runLogSession } = await import(new URL('../../../dist/commands/sessions/logSession.js', import.meta.url).href);
const { processContext } = await import(new URL('../../../dist/cli/context.js', import.meta.url).href);

process.stdout.write('ready\n');
while (!existsSync(goFile)) await sleep(1);

const startedAt = Date.now();
let ok = 0;
const failures = [];
for (let i = 0; i < count; i += 1) {
  const n = worker * count + i;
  const day = (worker * 37 + i * 3) % 206; // 5 Jan 2026 to 29 Jul 2026
  const date = new Date(Date.UTC(2026, 0, 5 + day)).toISOString().slice(0, 10);
  const options = {
    db,
    pair: pairs[(worker * 7 + i) % pairs.length],
    date,
    minutes: 20 + (n % 90),
    kind: 'one-to-one',
    level: 'team',
    notes: `worker ${worker} call ${i}`,
    force: true,
  };
  try {
    // The command prints "Recorded session #N"; keep stdout for the summary.
    await runLogSession(options, { ...(await processContext({})), out: () => {} });
    ok += 1;
  } catch (error) {
    const message = `worker ${worker} call ${i}: ${error?.code ?? ''} ${error?.message ?? error}`;
    failures.push(message);
    process.stderr.write(`${message}\n`);
  }
}
const finishedAt = Date.now();
process.stdout.write(`${JSON.stringify({ worker, ok, failed: failures.length, startedAt, finishedAt })}\n`);
process.exitCode = failures.length > 0 ? 1 : 0;
