/**
 * What a command needs from the world: where to write, what day it is, which
 * database. Tests build one with captured output instead of the real streams.
 */
import { makeChalk, type ChalkInstance } from './ui/colour.js';
import { todayIso, type IsoDate } from './domain/dates.js';
import { resolveDbPath } from './store/db.js';

export interface Context {
  /** stdout: data (tables, JSON, CSV). */
  out(text: string): void;
  /** stderr: talk (progress, warnings, notes). */
  err(text: string): void;
  /** Colours for stdout and for stderr, each by its own stream's terminal. */
  colour: { out: ChalkInstance; err: ChalkInstance };
  env: NodeJS.ProcessEnv;
  cwd: string;
  today: IsoDate;
  /** Both stdin and stderr are terminals: prompts are allowed. */
  interactive: boolean;
}

export interface CommonOptions {
  db?: string;
  json?: boolean;
  color?: boolean;
  debug?: boolean;
}

export function processContext(options: CommonOptions = {}): Context {
  const env = process.env;
  return {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    colour: {
      out: makeChalk({ flag: options.color, isTTY: process.stdout.isTTY === true, env }),
      err: makeChalk({ flag: options.color, isTTY: process.stderr.isTTY === true, env }),
    },
    env,
    cwd: process.cwd(),
    today: todayIso(env),
    interactive: process.stdin.isTTY === true && process.stderr.isTTY === true,
  };
}

export function dbPathOf(options: CommonOptions, context: Context): string {
  return resolveDbPath(options.db, context.env, context.cwd);
}
