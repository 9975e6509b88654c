import { describe, expect, it } from 'vitest';
import { bmeStatus, parseEthnicity } from '../../src/domain/ethnicity.js';

describe('parseEthnicity', () => {
  it.each([
    // codes
    ['M', 'M'],
    ['m', 'M'],
    ['C3', 'C3'],
    ['LH', 'LH'],
    ['Z', 'Z'],
    ['99', '99'],
    [' N ', 'N'],
    // ESR values: the code is the first token
    ['A White - British', 'A'],
    ['M Black or Black British - Caribbean', 'M'],
    ['H Asian or Asian British - Indian', 'H'],
    // descriptions
    ['White British', 'A'],
    ['Indian', 'H'],
    ['Black or Black British - African', 'N'],
    ['Any other ethnic group', 'S'],
    ['Not stated', 'Z'],
    ['Chinese', 'R'],
  ])('reads %j as code %s', (raw, code) => {
    expect(parseEthnicity(raw)).toEqual({ code, unrecognised: false });
  });

  it.each([[''], ['   ']])('a blank cell %j is no code, and not a complaint', (raw) => {
    expect(parseEthnicity(raw)).toEqual({ code: null, unrecognised: false });
  });

  it.each([['Martian'], ['Q'], ['QX'], ['100'], ['NA'], ['N/A']])('%j is unrecognised, with no code guessed', (raw) => {
    expect(parseEthnicity(raw)).toEqual({ code: null, unrecognised: true });
  });
});

describe('bmeStatus', () => {
  it.each('DEFGHJKLMNPRS'.split('').map((code) => [code]))('code %s is BME', (code) => {
    expect(bmeStatus(code, null)).toBe('yes');
  });

  it.each([['A'], ['B'], ['C']])('code %s is not BME', (code) => {
    expect(bmeStatus(code, null)).toBe('no');
  });

  it.each([['Z'], ['99'], [null], ['Q']])('code %j is unknown, never guessed', (code) => {
    expect(bmeStatus(code, null)).toBe('unknown');
  });

  it.each([
    ['C3', 'no'],
    ['A1', 'no'],
    ['LH', 'yes'],
    ['M2', 'yes'],
  ])('local code %s rolls up to its first letter: %s', (code, bme) => {
    expect(bmeStatus(code, null)).toBe(bme);
  });

  it.each([
    ['A', true, 'yes'],
    ['M', false, 'no'],
    [null, true, 'yes'],
    ['Z', false, 'no'],
    ['99', true, 'yes'],
  ] as const)('an explicit bme column overrides code %j (override %j -> %s)', (code, override, bme) => {
    expect(bmeStatus(code, override)).toBe(bme);
  });

  it.each([
    ['M Black or Black British - Caribbean', 'yes'],
    ['A White - British', 'no'],
    ['Not stated', 'unknown'],
    ['Martian', 'unknown'],
    ['', 'unknown'],
  ])('from the cell %j to BME %s', (raw, bme) => {
    expect(bmeStatus(parseEthnicity(raw).code, null)).toBe(bme);
  });
});
