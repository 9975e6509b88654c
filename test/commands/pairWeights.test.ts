import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_WEIGHTS_BYTES, nestingDepth, readWeights } from '../../src/commands/pair/weights.js';
import { tempDir } from '../helpers/cli.js';

describe('pair --weights: the file read', () => {
  it.each([
    ['{}', 1],
    ['{"race": 500}', 1],
    ['{"race": [1, 2]}', 2],
    ['[[[]]]', 3],
    ['{"note": "[[[{{{"}', 1],
    ['{"note": "a \\" [[["}', 1],
    ['500', 0],
  ])('%s nests %i deep', (text, depth) => {
    expect(nestingDepth(text)).toBe(depth);
  });

  it.each([
    ['{"race": 500, "perBandGap": 5}', null],
    ['{"race": {"a": {"b": 1}}}', /nested more than 2 levels deep/],
    ['{"race": ', /is not valid JSON/],
    ['{"rce": 5}', /"rce" is not a weight/],
    [' '.repeat(MAX_WEIGHTS_BYTES + 1), /at most 64 KB/],
  ])('%s', (text, refusal) => {
    const file = join(tempDir(), 'weights.json');
    writeFileSync(file, text);
    if (refusal === null) expect(readWeights(file)).toMatchObject({ race: 500, perBandGap: 5, frontline: 300 });
    else expect(() => readWeights(file)).toThrow(refusal);
  });

  it('refuses a folder and a missing file, saying which', () => {
    const dir = tempDir();
    expect(() => readWeights(dir)).toThrow(`The weights file ${dir} is a folder; --weights needs a JSON file.`);
    expect(() => readWeights(join(dir, 'none.json'))).toThrow(`Cannot read the weights file ${join(dir, 'none.json')}.`);
  });
});
