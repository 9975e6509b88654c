/**
 * noColour (ui/colourPolicy.ts) stands in for chalk at level 0 when colour is off, so chalk is not
 * loaded: every style, chain and argument must give what `new Chalk({ level: 0 })` gives.
 */
import { Chalk, backgroundColorNames, foregroundColorNames, modifierNames, type ChalkInstance } from 'chalk';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { STYLE_NAMES, colourLevel, noColour } from '../../src/ui/colourPolicy.js';

const chalk0 = new Chalk({ level: 0 });
const MODELS = [
  ['rgb', [10, 20, 30]],
  ['hex', ['#ff0000']],
  ['ansi256', [200]],
  ['bgRgb', [1, 2, 3]],
  ['bgHex', ['#00ff00']],
  ['bgAnsi256', [17]],
] as const;

/** Follows a chain of style names (and colour models) from an instance. */
function chain(from: ChalkInstance, steps: readonly string[]): (...parts: unknown[]) => string {
  let at: unknown = from;
  for (const step of steps) {
    const model = MODELS.find(([name]) => name === step);
    at = model ? (at as Record<string, (...a: unknown[]) => unknown>)[step](...model[1]) : (at as Record<string, unknown>)[step];
  }
  return at as (...parts: unknown[]) => string;
}

describe('noColour', () => {
  it('knows every style chalk has', () => {
    expect([...STYLE_NAMES].sort()).toEqual([...modifierNames, ...foregroundColorNames, ...backgroundColorNames].sort());
  });

  it('has level 0, as chalk with colour off', () => {
    expect(noColour.level).toBe(chalk0.level);
  });

  it('gives what chalk at level 0 gives, for any chain of styles and any arguments', () => {
    const step = fc.constantFrom(...STYLE_NAMES, 'visible', ...MODELS.map(([name]) => name));
    const part = fc.oneof(fc.string(), fc.integer(), fc.constant(''), fc.constant(undefined), fc.constant(null), fc.boolean(), fc.constant('a\nb\u001B[31mc'));
    fc.assert(
      fc.property(fc.array(step, { maxLength: 5 }), fc.array(part, { maxLength: 4 }), (steps, parts) => {
        expect(chain(noColour, steps)(...parts)).toBe(chain(chalk0, steps)(...parts));
      }),
      { numRuns: 2000 },
    );
  });

  it.each([
    [[], ['x']],
    [['red'], ['x']],
    [['visible'], ['x']],
    [
      ['bold', 'visible', 'red'],
      ['x', 'y'],
    ],
    [['yellow'], [3]],
    [['green'], []],
    [['dim'], ['']],
  ])('%j of %j', (steps, parts) => {
    expect(chain(noColour, steps)(...parts)).toBe(chain(chalk0, steps)(...parts));
  });
});

describe('colourLevel', () => {
  it.each([
    [{ isTTY: true, env: {} }, 1],
    [{ isTTY: false, env: {} }, 0],
    [{ isTTY: true, env: { NO_COLOR: '1' } }, 0],
    [{ isTTY: true, env: { TERM: 'dumb' } }, 0],
    [{ isTTY: false, env: { FORCE_COLOR: '1' } }, 1],
    [{ isTTY: true, env: { FORCE_COLOR: '0' } }, 0],
    [{ flag: false, isTTY: true, env: { FORCE_COLOR: '1' } }, 0],
  ])('%j: %i', (choice, level) => {
    expect(colourLevel(choice)).toBe(level);
  });
});
