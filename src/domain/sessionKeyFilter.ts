/**
 * Which sessions' identities (docs/sessions.md, "Duplicates": relationship, day and kind) may be
 * among a set, in a fixed number of bits (a Bloom filter): "no" is certain, "maybe" has to be
 * asked. A bulk import asks the database only about the rows whose answer is maybe, instead of
 * looking up every row. No I/O here: the bits are an Int32Array the caller gives (shared memory,
 * so that another thread can fill it).
 */
import type { IsoDate } from './dates.js';
import { KINDS, type Kind } from './sessions.js';

/**
 * A session's day and kind as one number: yyyymmdd × 10 + the kind's place in KINDS. The store
 * works out the same number in SQL from the day's text (its digits) for the sessions it holds.
 */
export function dayAndKind(date: IsoDate, kind: Kind): number {
  // The digits read one by one: a string sliced and joined for each of a million rows was measured.
  let number = 0;
  for (const at of DIGITS) number = number * 10 + date.charCodeAt(at) - 48;
  return number * 10 + KINDS.indexOf(kind);
}

/** Where the digits of YYYY-MM-DD are. */
const DIGITS = [0, 1, 2, 3, 5, 6, 8, 9];

export interface SessionKeyFilter {
  add: (relationshipId: number, dayAndKind: number) => void;
  /** False only when no session with this relationship, day and kind was added. */
  mayHold: (relationshipId: number, dayAndKind: number) => boolean;
}

/** Bits set for each key: with 16 bits a key, about 1 in 400 keys never added is a maybe. */
const PROBES = 4;

/** Words (of 32 bits) for about `keys` keys at 16 bits a key, a power of two from 2^11 (8 KB) to 2^23 (32 MB). */
export function filterWords(keys: number): number {
  let words = 1 << 11;
  while (words < keys / 2 && words < 1 << 23) words *= 2;
  return words;
}

/** The filter over `words` (its length a power of two; all zero for an empty set). */
export function sessionKeyFilter(words: Int32Array): SessionKeyFilter {
  const mask = words.length * 32 - 1;
  if ((mask & (mask + 1)) !== 0) throw new Error('a session key filter has a power of two words');
  // Two hashes of the key; the probes are h1 + i × h2 (double hashing). Worked out in each method, kept in locals (measured).
  return {
    add(relationshipId, dayAndKind) {
      const h1 = firstHash(relationshipId, dayAndKind);
      const h2 = mix(h1 + 0x9e3779b9) | 1;
      for (let i = 0; i < PROBES; i += 1) {
        const bit = (h1 + Math.imul(i, h2)) & mask;
        words[bit >>> 5] |= 1 << (bit & 31);
      }
    },
    mayHold(relationshipId, dayAndKind) {
      const h1 = firstHash(relationshipId, dayAndKind);
      const h2 = mix(h1 + 0x9e3779b9) | 1;
      for (let i = 0; i < PROBES; i += 1) {
        const bit = (h1 + Math.imul(i, h2)) & mask;
        if ((words[bit >>> 5] & (1 << (bit & 31))) === 0) return false;
      }
      return true;
    },
  };
}

function firstHash(relationshipId: number, dayAndKind: number): number {
  const low = (relationshipId % 4294967296) | 0;
  const high = (relationshipId / 4294967296) | 0;
  return mix(mix(low ^ Math.imul(high, 0x27d4eb2d)) ^ dayAndKind);
}

/** A 32-bit finaliser (MurmurHash3's): every input bit moves every output bit. */
function mix(value: number): number {
  let x = value | 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return x ^ (x >>> 16);
}
