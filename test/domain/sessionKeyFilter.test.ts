/**
 * The filter of sessions' identities an import asks before the database (domain/sessionKeyFilter.ts):
 * never a "no" for a key added, few "maybe"s for keys never added, and the day and kind as one number.
 */
import { describe, expect, it } from 'vitest';
import { dayAndKind, filterWords, sessionKeyFilter } from '../../src/domain/sessionKeyFilter.js';
import { KINDS, type Kind } from '../../src/domain/sessions.js';
import { mulberry32 } from '../helpers/random.js';

describe('dayAndKind', () => {
  it.each<[string, Kind, number]>([
    ['2026-01-08', 'one-to-one', 202601080],
    ['2026-12-31', 'other', 202612317],
    ['1999-02-01', 'observation', 199902011],
    ['2026-07-19', 'semi-structured-interview', 202607192],
  ])('%s %s is %i', (date, kind, expected) => {
    expect(dayAndKind(date, kind)).toBe(expected);
  });

  it('tells apart every kind on a day, and a day from the next', () => {
    const numbers = new Set(['2026-03-01', '2026-03-02', '2026-04-01'].flatMap((date) => KINDS.map((kind) => dayAndKind(date, kind))));
    expect(numbers.size).toBe(3 * KINDS.length);
  });
});

describe('filterWords', () => {
  it.each([
    [0, 1 << 11],
    [4096, 1 << 11],
    [4097, 1 << 12],
    [1_000_000, 1 << 19],
    [2_700_000, 1 << 21],
    [1e12, 1 << 23],
  ])('%i keys take %i words', (keys, words) => {
    expect(filterWords(keys)).toBe(words);
  });
});

describe('sessionKeyFilter', () => {
  it('holds every key added, whatever the relationship number (past 2^32 too), and few of the others', () => {
    const rand = mulberry32(3);
    const words = new Int32Array(filterWords(20_000));
    const filter = sessionKeyFilter(words);
    const key = () => [Math.floor(rand() * (rand() < 0.1 ? 2 ** 40 : 60_000)), 202600000 + Math.floor(rand() * 1231) * 10 + Math.floor(rand() * 8)] as const;
    const added = Array.from({ length: 20_000 }, key);
    for (const [relationship, day] of added) filter.add(relationship, day);
    for (const [relationship, day] of added) expect(filter.mayHold(relationship, day)).toBe(true);
    const held = new Set(added.map(([r, d]) => `${r}|${d}`));
    const others = Array.from({ length: 20_000 }, key).filter(([r, d]) => !held.has(`${r}|${d}`));
    const maybes = others.filter(([r, d]) => filter.mayHold(r, d)).length;
    // 16 bits a key and 4 probes: about 1 in 400.
    expect(maybes / others.length).toBeLessThan(0.01);
  });

  it('holds nothing when empty, and the same keys over the same words from a second filter (as the other thread reads them)', () => {
    const words = new Int32Array(1 << 11);
    expect(sessionKeyFilter(words).mayHold(1, 202601080)).toBe(false);
    sessionKeyFilter(words).add(1, 202601080);
    const again = sessionKeyFilter(words);
    expect(again.mayHold(1, 202601080)).toBe(true);
    expect(again.mayHold(2, 202601080)).toBe(false);
    expect(again.mayHold(1, 202601081)).toBe(false);
  });

  it('refuses words that are not a power of two', () => {
    expect(() => sessionKeyFilter(new Int32Array(3000))).toThrow('power of two');
  });
});
