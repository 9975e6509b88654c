/**
 * The one colour policy: colour only on a terminal; NO_COLOR and --no-color turn it
 * off, FORCE_COLOR turns it on. Colour adds emphasis, never the only carrier of meaning.
 */
import { Chalk, type ChalkInstance } from 'chalk';

export interface ColourChoice {
  /** false when --no-color was given. */
  flag?: boolean;
  isTTY: boolean;
  env?: NodeJS.ProcessEnv;
}

export function colourLevel({ flag, isTTY, env = process.env }: ColourChoice): 0 | 1 {
  if (flag === false) return 0;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return 0;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR === '0' || env.FORCE_COLOR === 'false' ? 0 : 1;
  return isTTY && env.TERM !== 'dumb' ? 1 : 0;
}

export function makeChalk(choice: ColourChoice): ChalkInstance {
  return new Chalk({ level: colourLevel(choice) });
}

export type { ChalkInstance };
