/**
 * The process around the command line: the umask, stdout closing early, and the one exit path
 * (CONVENTIONS habit 2): commands throw a UserError or return; only runCli prints the error and
 * chooses the exit code. bin/remedi.js calls main(); tests call runCli() with their own host.
 */
import { CommanderError } from './commander.js';
import { EXIT_INTERNAL, EXIT_OK, EXIT_REFUSED, EXIT_USAGE, UserError, databaseActivity, resetDatabaseActivity, sqliteUserError } from '../errors.js';
import { writeProblem } from '../io/writeProblem.js';
import { visible } from '../ui/terminalText.js';
import type { CommonOptions } from './context.js';
import { buildProgram, type ProgramHost } from './program.js';

/** The real process: its streams, its environment, its terminal. */
export const processHost: ProgramHost = {
  async context(options: CommonOptions) {
    const { processContext } = await import('./context.js');
    return processContext(options);
  },
  writeOut: (text) => process.stdout.write(text),
  writeErr: (text) => process.stderr.write(text),
};

/** bin/remedi.js: runs the command line in this process and returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  // Everything remedi creates (database, WAL, exports) is for its owner's eyes only.
  process.umask(0o077);
  // `remedi staff list | head` closes the pipe early: that is the reader's choice, not an error.
  // Any other failure to write the data (stdout to a file or device fails in context.out) is one line.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(EXIT_OK);
    process.stderr.write(`remedi: cannot write to standard output: ${writeProblem(error) ?? error.message.split('\n')[0]}.\n`);
    process.exit(EXIT_REFUSED);
  });
  return runCli(argv, processHost);
}

/** Parses argv (node's form: the first two are node and the script), runs the command, prints any error; the exit code. */
export async function runCli(argv: string[], host: ProgramHost): Promise<number> {
  resetDatabaseActivity();
  const debug = argv.includes('--debug');
  try {
    await (await buildProgram(host, argv)).parseAsync(argv);
    return EXIT_OK;
  } catch (error) {
    return reportError(error, debug, host.writeErr);
  }
}

function reportError(error: unknown, debug: boolean, writeErr: (text: string) => void): number {
  if (error instanceof CommanderError) {
    // Commander has printed its message; help and version end well, the rest is usage.
    return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
  }
  if (error instanceof Error && error.name === 'ExitPromptError') {
    writeErr('\nremedi: cancelled; nothing was saved.\n');
    return EXIT_REFUSED;
  }
  // A locked, full, read-only or failing database is the user's to fix, not a bug.
  const expected = error instanceof UserError ? error : sqliteUserError(error);
  if (expected) {
    const lines = [`remedi: ${expected.message}`, ...expected.details];
    if (expected.fix) lines.push(expected.fix);
    // Messages quote names and cells from the data: their control characters are shown, not obeyed.
    writeErr(
      `${lines
        .flatMap((line) => line.split('\n'))
        .map(visible)
        .join('\n')}\n`,
    );
    if (debug && error instanceof Error && error.stack) writeErr(`${error.stack}\n`);
    return expected.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  writeErr(`remedi: unexpected internal error: ${visible(message.split('\n')[0])}\n`);
  if (debug && error instanceof Error && error.stack) writeErr(`${error.stack}\n`);
  else {
    // Only true when no write of this command had committed (errors.ts, databaseActivity).
    const done = databaseActivity().committed ? 'Changes this command made before the error were saved.' : 'Nothing was changed.';
    writeErr(`${done} Run the same command with --debug to see the detail, and report it.\n`);
  }
  return EXIT_INTERNAL;
}
