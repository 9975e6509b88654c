/**
 * Runs the whole command line in this process, as `remedi ARGS` would run: the same registry,
 * parsing, commands and error printing (src/cli/main.ts runCli), with stdout and stderr
 * captured and the day pinned. Far faster than starting a process; the end-to-end tests that
 * check what only a real process shows (exit status, streams, file modes, signals) use
 * `remedi()` from ./cli.ts instead.
 */
import type { Context } from '../../src/cli/context.js';
import { runCli } from '../../src/cli/main.js';
import type { ProgramHost } from '../../src/cli/program.js';
import { todayIso } from '../../src/domain/dates.js';
import { makeChalk } from '../../src/ui/colour.js';
import { ROOT, type RunResult } from './cli.js';

/** What a command wrote to stdout as text: bytes are UTF-8 (Context.out). */
export const outputText = (data: string | Uint8Array): string => (typeof data === 'string' ? data : Buffer.from(data).toString('utf8'));

export interface InProcessOptions {
  cwd?: string;
  /** Added to the environment the command sees (which starts from this process's, as a child's would). */
  env?: NodeJS.ProcessEnv;
  /** Whatever else the test needs the Context to hold (a prompt seam, a terminal width...). */
  context?: Partial<Context>;
}

/** `remedi ARGS`, in-process: the exit code and everything written to stdout and stderr. */
export async function run(args: string[], options: InProcessOptions = {}): Promise<RunResult & { code: number }> {
  let stdout = '';
  let stderr = '';
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', REMEDI_DB: '', REMEDI_TODAY: '2026-03-15', ...options.env };
  const plain = makeChalk({ isTTY: false, env: { NO_COLOR: '1' } });
  const host: ProgramHost = {
    context: async () => ({
      out: (data) => void (stdout += outputText(data)),
      err: (text) => void (stderr += text),
      colour: { out: plain, err: plain },
      env,
      cwd: options.cwd ?? ROOT,
      today: todayIso(env),
      interactive: false,
      width: null,
      rows: null,
      pager: null,
      stderrIsTerminal: false,
      ...options.context,
    }),
    writeOut: (text) => void (stdout += text),
    writeErr: (text) => void (stderr += text),
  };
  const code = await runCli(['node', 'remedi', ...args], host);
  return { code, stdout, stderr };
}
