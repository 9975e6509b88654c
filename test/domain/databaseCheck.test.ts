import { describe, expect, it } from 'vitest';
import { checkVerdict } from '../../src/domain/databaseCheck.js';

const link = { table: 'enrolments', rowid: 3, parent: 'staff' };

describe('checkVerdict', () => {
  it.each([
    ['a sound file', ['ok'], [], null, { integrity: ['ok'], ok: true }],
    [
      'damage SQLite found',
      ['Page 4: never used', 'Tree 2 page 2 cell 0: invalid page number'],
      [],
      null,
      { integrity: ['Page 4: never used', 'Tree 2 page 2 cell 0: invalid page number'], ok: false },
    ],
    ['a broken link', ['ok'], [link], null, { integrity: ['ok'], ok: false }],
    ['a copy cut short that SQLite still reads as ok', ['ok'], [], 'it was cut short', { integrity: ['it was cut short'], ok: false }],
    ['a copy cut short and damaged', ['Page 4: never used'], [], 'it was cut short', { integrity: ['Page 4: never used', 'it was cut short'], ok: false }],
  ])('%s', (_case, integrity, foreignKeys, cutShort, expected) => {
    expect(checkVerdict({ integrity, foreignKeys }, cutShort)).toEqual(expected);
  });
});
