import { describe, expect, it } from 'vitest';
import { DEFAULT_FACTS, classify, departmentKey, type StaffFacts } from '../../src/domain/staff.js';

const person = (facts: Partial<StaffFacts>): StaffFacts => ({ name: 'Test Person', ...DEFAULT_FACTS, ...facts });

describe('classify', () => {
  it.each<[string, Partial<StaffFacts>, number | null, string | null]>([
    ['band 6', { band: '6' }, 6, 'junior'],
    ['band 7', { band: '7' }, 7, 'middle'],
    ['band 8b', { band: '8b' }, 9, 'middle'],
    ['band 8c', { band: '8c' }, 10, 'senior'],
    ['VSM', { band: 'VSM' }, 13, 'senior'],
    ['FY1', { band: 'FY1' }, 5, 'junior'],
    ['Consultant', { band: 'Consultant' }, 11, 'senior'],
    ['a board member with band 6', { band: '6', boardMember: true }, 14, 'senior'],
    ['a board member without a band', { band: null, boardMember: true }, 14, 'senior'],
    ['no band, not board', { band: null }, null, null],
  ])('%s: rank %j, %j', (_who, facts, rank, seniority) => {
    const c = classify(person(facts));
    expect(c.rank).toBe(rank);
    expect(c.seniority).toBe(seniority);
  });

  it.each<[Partial<StaffFacts>, string]>([
    [{ ethnicity: 'M' }, 'yes'],
    [{ ethnicity: 'A' }, 'no'],
    [{ ethnicity: 'LH' }, 'yes'],
    [{ ethnicity: null }, 'unknown'],
    [{ ethnicity: 'A', bmeOverride: true }, 'yes'],
    [{ ethnicity: 'N', bmeOverride: false }, 'no'],
  ])('BME from %j is %s', (facts, bme) => {
    expect(classify(person({ band: '5', ...facts })).bme).toBe(bme);
  });

  it.each<[string, Partial<StaffFacts>, string[], boolean]>([
    ['stated front line, as it is', { band: '5', functionsStated: ['front line'] }, ['front line'], false],
    ['stated clinical for a board member, as it is', { boardMember: true, functionsStated: ['clinical'] }, ['clinical'], false],
    [
      'stated managerial for a nurse, with no clinical added',
      { band: '6', staffGroup: 'Nursing and Midwifery Registered', functionsStated: ['managerial'] },
      ['managerial'],
      false,
    ],
    ['blank for a board member: derived strategic', { boardMember: true }, ['strategic'], true],
    ['blank for a band 8c: derived managerial', { band: '8c' }, ['managerial'], true],
    ['blank for a junior nurse: derived clinical', { band: '5', staffGroup: 'Nursing and Midwifery Registered' }, ['clinical'], true],
    ['blank for a junior administrator: none', { band: '4', staffGroup: 'Administrative and Clerical' }, [], true],
  ])('functions %s', (_case, facts, functions, derived) => {
    const c = classify(person(facts));
    expect(c.functions).toEqual(functions);
    expect(c.functionsDerived).toBe(derived);
  });
});

describe('departmentKey: departments compared trimmed, in any case', () => {
  it.each<[string | null, string | null]>([
    ['Cardiology', 'cardiology'],
    ['  Cardiology ', 'cardiology'],
    ['CARDIOLOGY', 'cardiology'],
    ['Emergency Department', 'emergency department'],
    ['', null],
    ['   ', null],
    [null, null],
  ])('%j -> %j', (department, key) => {
    expect(departmentKey(department)).toBe(key);
  });
});
