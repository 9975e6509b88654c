import { describe, expect, it } from 'vitest';
import { chooseDepartment } from '../../src/domain/departmentChoice.js';

const known = [{ name: 'Emergency Medicine' }, { name: 'Surgery' }, { name: 'Pharmacy' }];

describe('chooseDepartment', () => {
  it.each([
    ['Surgery', 'Surgery'],
    ['emergency MEDICINE', 'Emergency Medicine'],
    ['  pharmacy ', 'Pharmacy'],
  ])('%j is %j', (name, expected) => {
    expect(chooseDepartment(known, name).name).toBe(expected);
  });

  it.each([
    ['Emergncy Medicine', 'Did you mean "Emergency Medicine"? (See them all with remedi department list.)'],
    ['Radiology', 'See the departments with remedi department list.'],
  ])('refuses %j, suggesting: %s', (name, fix) => {
    expect(() => chooseDepartment(known, name)).toThrow(`No department called "${name}" is on the staff list.`);
    try {
      chooseDepartment(known, name);
    } catch (error) {
      expect((error as { fix?: string }).fix).toBe(fix);
    }
  });
});
