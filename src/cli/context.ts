/**
 * What a command needs from the world: where to write, what day it is, which
 * database. Tests build one with captured output instead of the real streams.
 */
import { fstatSync } from 'node:fs';
import { UserError } from '../errors.js';
import { writeAll } from '../io/writeAll.js';
import { writeProblem } from '../io/writeProblem.js';
import type { ChalkInstance } from '../ui/colour.js';
import { colourLevel, noColour, type ColourChoice } from '../ui/colourPolicy.js';
import { choosePager } from '../ui/pager.js';
import { todayIso, type IsoDate } from '../domain/dates.js';
import { resolveDbPath } from '../store/db.js';
import type { Prompts } from '../ui/prompts.js';

export interface Context {
  /** stdout: data (tables, JSON, CSV): text, or bytes of UTF-8 text already encoded (a worker's part of a long list). */
  out(data: string | Uint8Array): void;
  /** stderr: talk (progress, warnings, notes). */
  err(text: string): void;
  /** Colours for stdout and for stderr, each by its own stream's terminal. */
  colour: { out: ChalkInstance; err: ChalkInstance };
  env: NodeJS.ProcessEnv;
  cwd: string;
  today: IsoDate;
  /** Both stdin and stderr are terminals: prompts are allowed. */
  interactive: boolean;
  /**
   * The questions asked at a terminal. Absent (the command line): ui/prompts.ts, loaded only
   * when a question is asked, so `remedi --help` never loads @inquirer/prompts. Tests give
   * their own answers here. Reach them with promptsOf(context).
   */
  prompts?: Prompts;
  /**
   * The terminal's width, which tables are fitted to; null (or absent) when stdout is not
   * a terminal or with --wide: redirected output is never cut.
   */
  width?: number | null;
  /** The terminal's height, and the pager for long output (null: print directly); see ui/pager.ts. */
  rows?: number | null;
  pager?: string | null;
  /** stderr is a terminal: long work may show a progress line there (ui/progress.ts). */
  stderrIsTerminal?: boolean;
  /** How soon, and how often, that line is drawn (ui/progress.ts); null: its own pace. */
  progressMs?: number | null;
}

export interface CommonOptions {
  db?: string;
  json?: boolean;
  color?: boolean;
  debug?: boolean;
  /** Tables show every column, whole, even on a narrow terminal. */
  wide?: boolean;
  /** false with --no-pager. */
  pager?: boolean;
}

/**
 * Whether a file descriptor is a terminal: what process.stderr.isTTY says, without building the
 * stream (or process.stdin) a command may never use. node:tty, with net and readline's modules,
 * is 5% of a command's start-up above node's own, so it is loaded only when this is asked.
 */
const isTerminal = (fd: number): boolean => process.getBuiltinModule('node:tty').isatty(fd);

export async function processContext(options: CommonOptions = {}): Promise<Context> {
  const env = process.env;
  let stderrTerminal: boolean | undefined;
  const stderrIsTerminal = () => (stderrTerminal ??= isTerminal(2));
  return {
    out: writeStdout,
    err: (text) => process.stderr.write(text),
    colour: await streamColours(
      { flag: options.color, isTTY: process.stdout.isTTY === true, env },
      // Asked only when nothing else decides (--no-color, NO_COLOR, FORCE_COLOR do).
      {
        flag: options.color,
        get isTTY() {
          return stderrIsTerminal();
        },
        env,
      },
    ),
    env,
    cwd: process.cwd(),
    today: todayIso(env),
    // Both asked when read: a command that asks nothing, shows no progress and writes no colour never loads node:tty.
    get interactive() {
      return isTerminal(0) && stderrIsTerminal();
    },
    width: terminalWidth(options),
    // A terminal that reports no size (0 rows) gets no pager: nobody can tell what is long.
    rows: process.stdout.isTTY === true && (process.stdout.rows ?? 0) > 0 ? process.stdout.rows : null,
    get stderrIsTerminal() {
      return stderrIsTerminal();
    },
    progressMs: progressPace(env.REMEDI_PROGRESS_MS),
    pager: choosePager({ flag: options.pager, isTTY: process.stdout.isTTY === true, env, platform: process.platform }),
  };
}

/** REMEDI_PROGRESS_MS as a whole number of milliseconds; anything else leaves the progress line its own pace. */
function progressPace(value: string | undefined): number | null {
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : null;
}

/** chalk for stdout and stderr; chalk itself is loaded only when one of them has colour (ui/colourPolicy.ts). */
async function streamColours(out: ColourChoice, err: ColourChoice): Promise<Context['colour']> {
  if (colourLevel(out) === 0 && colourLevel(err) === 0) return { out: noColour, err: noColour };
  const { makeChalk } = await import('../ui/colour.js');
  return { out: makeChalk(out), err: makeChalk(err) };
}

/** Columns of the terminal stdout is, for fitting tables; null when redirected or with --wide. */
function terminalWidth(options: CommonOptions): number | null {
  if (options.wide === true || process.stdout.isTTY !== true) return null;
  const columns = process.stdout.columns;
  return typeof columns === 'number' && columns > 0 ? columns : 80;
}

let stdoutIsFile: boolean | undefined;

/**
 * stdout redirected to a file or a device (`> out.json`, `> /dev/full`) is written here,
 * synchronously and checked, so a failed write (a full disk) stops the command with a
 * one-line error. A pipe or a terminal goes through process.stdout, whose errors main()
 * in cli.ts turns into one line (or, for a reader that closed the pipe, a quiet exit).
 */
function writeStdout(data: string | Uint8Array): void {
  stdoutIsFile ??= isFileOrDevice(1);
  if (!stdoutIsFile) {
    process.stdout.write(data);
    return;
  }
  try {
    writeAll(1, data);
  } catch (error) {
    const problem = writeProblem(error);
    if (problem === null) throw error;
    throw new UserError(`Cannot write to standard output: ${problem}.`);
  }
}

function isFileOrDevice(fd: number): boolean {
  try {
    const stats = fstatSync(fd);
    // stdout's stream is built already (processContext asks it whether it is a terminal), so it is asked, not node:tty.
    return stats.isFile() || ((stats.isCharacterDevice() || stats.isBlockDevice()) && !(fd === 1 ? process.stdout.isTTY === true : isTerminal(fd)));
  } catch {
    return false;
  }
}

/** The questions a command asks: the context's, or the terminal's (asked on stderr: stdout stays data), loaded now. */
export async function promptsOf(context: Context): Promise<Prompts> {
  return context.prompts ?? (await import('../ui/prompts.js')).terminalPrompts({ output: process.stderr });
}

export function dbPathOf(options: CommonOptions, context: Context): string {
  return resolveDbPath(options.db, context.env, context.cwd);
}
