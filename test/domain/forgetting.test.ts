import { describe, expect, it } from 'vitest';
import { forgetConfirmation, typedIdentity } from '../../src/domain/forgetting.js';

describe('forgetConfirmation: erasing is for good', () => {
  it.each([
    [true, true, 'go'],
    [true, false, 'go'],
    [false, true, 'ask'],
    [false, false, 'refuse'],
  ] as const)('--yes %s, a terminal %s: %s', (yes, interactive, step) => {
    expect(forgetConfirmation({ yes, interactive })).toBe(step);
  });
});

describe('typedIdentity: someone already erased, as typed', () => {
  it.each([
    ['10000052', { staffId: '10000052', email: null }],
    ['  10000052 ', { staffId: '10000052', email: null }],
    ['Jade.Thompson@nhs.net', { staffId: 'Jade.Thompson@nhs.net', email: 'Jade.Thompson@nhs.net' }],
    [' jade@nhs.net\t', { staffId: 'jade@nhs.net', email: 'jade@nhs.net' }],
  ])('%j', (query, identity) => {
    expect(typedIdentity(query)).toEqual(identity);
  });
});
