/**
 * Reading SQLite's group_concat text (store/joinedValues.ts) gives what splitting it plainly
 * gives, on random lists and on text that is not the usual shape.
 */
import { describe, expect, it } from 'vitest';
import { KINDS, LEVELS } from '../../src/domain/sessions.js';
import { choiceCounter, dateSplitter, readIntegers } from '../../src/store/joinedValues.js';
import { mulberry32 } from '../helpers/random.js';

const plainCounts = (joined: string, choices: readonly string[]) => choices.map((choice) => joined.split(',').filter((value) => value === choice).length);

describe('choiceCounter', () => {
  it.each([1, 2, 3, 4, 5])('counts random lists of kinds and levels as splitting does (seed %i)', (seed) => {
    const random = mulberry32(seed);
    for (const choices of [KINDS, LEVELS]) {
      const count = choiceCounter(choices);
      for (let n = 1; n < 60; n += 7) {
        const joined = Array.from({ length: n }, () => choices[Math.floor(random() * choices.length)]).join(',');
        const counts = choices.map(() => 0);
        count(joined, counts);
        expect(counts).toEqual(plainCounts(joined, choices));
      }
    }
  });

  it('tells apart choices that start alike or hold one another, and skips values that are none of them', () => {
    const choices = ['one', 'one-to-one', 'on', 'other'];
    const count = choiceCounter(choices);
    const joined = 'one-to-one,on,one,oneself,other,,x,one-to-one,ones,on';
    const counts = choices.map(() => 0);
    count(joined, counts);
    expect(counts).toEqual(plainCounts(joined, choices));
    expect(counts).toEqual([1, 2, 2, 1]);
  });
});

describe('readIntegers', () => {
  it.each([1, 2, 3])('reads random lists as Number does (seed %i), from any index', (seed) => {
    const random = mulberry32(seed);
    for (let n = 1; n < 200; n += 13) {
      const values = Array.from({ length: n }, () => Math.floor(random() * 10 ** (1 + Math.floor(random() * 12))));
      const into = [7, 8];
      expect(readIntegers(values.join(','), into, 2)).toBe(n + 2);
      expect(into).toEqual([7, 8, ...values]);
    }
  });

  it.each(['-3,4', '1.0,2', '12345678901234567890,1', '1,,2', '5,', 'x'])('reads %j plainly, value by value', (joined) => {
    const into: number[] = [];
    expect(readIntegers(joined, into, 0)).toBe(joined.split(',').length);
    expect(into).toEqual(joined.split(',').map(Number));
  });
});

describe('dateSplitter', () => {
  it.each(['2026-01-05,2026-02-05,2026-01-05', '2026-01-05', '2026-1-5,2026-01-05', '2026-01-05;2026-01-06', '2026-01-05,20260106xx'])(
    'splits %j as split does',
    (joined) => {
      expect(dateSplitter()(joined)).toEqual(joined.split(','));
    },
  );
});
