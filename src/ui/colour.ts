/**
 * chalk for text that may be coloured, by the one colour policy (colourPolicy.ts). Loading
 * chalk is a measurable part of a short command's start, so cli/context.ts imports this module
 * only when colour is on, and uses colourPolicy.ts's noColour otherwise.
 */
import { Chalk, type ChalkInstance } from 'chalk';
import { colourLevel, type ColourChoice } from './colourPolicy.js';

export { colourLevel, type ColourChoice } from './colourPolicy.js';

export function makeChalk(choice: ColourChoice): ChalkInstance {
  return new Chalk({ level: colourLevel(choice) });
}

export type { ChalkInstance };
