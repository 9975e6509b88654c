/**
 * The one colour policy: colour only on a terminal; NO_COLOR and --no-color turn it off,
 * FORCE_COLOR turns it on. Colour adds emphasis, never the only carrier of meaning.
 * This module loads no chalk: most runs have no colour (a script, a pipe, --no-color), and
 * for them `noColour` stands in for chalk at level 0; colour.ts makes a real chalk when
 * colour is on (cli/context.ts loads it only then).
 */
import type { ChalkInstance } from 'chalk';

export interface ColourChoice {
  /** false when --no-color was given. */
  flag?: boolean;
  isTTY: boolean;
  env?: NodeJS.ProcessEnv;
}

/** `choice.isTTY` is read last, only when nothing else decides: asking a terminal may load node:tty (cli/context.ts). */
export function colourLevel(choice: ColourChoice): 0 | 1 {
  const { flag, env = process.env } = choice;
  if (flag === false) return 0;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return 0;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR === '0' || env.FORCE_COLOR === 'false' ? 0 : 1;
  return choice.isTTY && env.TERM !== 'dumb' ? 1 : 0;
}

/** chalk's style names (modifiers, colours, background colours); test/ui/colour.test.ts checks them against chalk's own lists. */
export const STYLE_NAMES = [
  ...['reset', 'bold', 'dim', 'italic', 'underline', 'overline', 'inverse', 'hidden', 'strikethrough'],
  ...['black', 'red', 'green', 'yellow', 'blue', 'magenta', 'cyan', 'white'].flatMap((c) => [
    c,
    `${c}Bright`,
    `bg${c[0].toUpperCase()}${c.slice(1)}`,
    `bg${c[0].toUpperCase()}${c.slice(1)}Bright`,
  ]),
  ...['gray', 'grey', 'bgGray', 'bgGrey'],
] as const;

const COLOUR_MODELS = ['rgb', 'hex', 'ansi256', 'bgRgb', 'bgHex', 'bgAnsi256'] as const;

/**
 * What chalk at level 0 gives, without loading chalk: a style returns its text unchanged (one
 * argument as `'' + value`, several joined by spaces), `visible` and every style after it
 * return '', and chalk itself joins its arguments by spaces.
 */
function plainStyle(empty: boolean): ChalkInstance {
  const style = (...parts: unknown[]): string => (empty ? '' : parts.length === 1 ? '' + (parts[0] as string) : parts.join(' '));
  return style as unknown as ChalkInstance;
}

function withStyles(target: ChalkInstance, plain: ChalkInstance, empty: ChalkInstance): ChalkInstance {
  for (const name of STYLE_NAMES) Object.defineProperty(target, name, { value: plain });
  for (const model of COLOUR_MODELS) Object.defineProperty(target, model, { value: () => plain });
  Object.defineProperty(target, 'visible', { value: empty });
  Object.defineProperty(target, 'level', { value: 0, enumerable: true });
  return target;
}

const plainText = plainStyle(false);
const emptyText = plainStyle(true);
withStyles(plainText, plainText, emptyText);
withStyles(emptyText, emptyText, emptyText);

/** chalk with colour off (level 0), as `new Chalk({ level: 0 })` gives, loading nothing. */
export const noColour: ChalkInstance = withStyles(((...parts: unknown[]) => parts.join(' ')) as unknown as ChalkInstance, plainText, emptyText);
