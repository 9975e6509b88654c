import { describe, expect, it } from 'vitest';
import { parseYesNo } from '../../src/domain/yesNo.js';

describe('parseYesNo', () => {
  it.each([['yes'], ['Yes'], ['YES'], ['y'], ['Y'], ['true'], ['True'], ['TRUE'], ['1'], [' yes ']])('%j is yes', (raw) => {
    expect(parseYesNo(raw)).toBe(true);
  });

  it.each([['no'], ['No'], ['NO'], ['n'], ['N'], ['false'], ['False'], ['FALSE'], ['0'], [' no ']])('%j is no', (raw) => {
    expect(parseYesNo(raw)).toBe(false);
  });

  it.each([[''], ['  ']])('blank %j is null', (raw) => {
    expect(parseYesNo(raw)).toBeNull();
  });

  it.each([['maybe'], ['2'], ['yes please'], ['t']])('%j is neither', (raw) => {
    expect(parseYesNo(raw)).toBeUndefined();
  });
});
