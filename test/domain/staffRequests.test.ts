import { describe, expect, it } from 'vitest';
import { checkedStaffEdit, findRequest, FIND_LIMIT, trainingDay, trainingEdit, type StaffEditRequest } from '../../src/domain/staffRequests.js';
import { UsageError, UserError } from '../../src/errors.js';

const today = '2026-03-15';

describe('checkedStaffEdit', () => {
  it.each<[StaffEditRequest, Record<string, unknown>]>([
    [{ capacity: '2' }, { capacity: 2 }],
    [{ department: '' }, { department: null }],
    [{ lineManager: 'Margaret Ellison' }, {}],
  ])('%o sets %o', (flags, facts) => {
    expect(checkedStaffEdit(flags, today)).toEqual(facts);
  });

  it.each<[StaffEditRequest, string]>([
    [{}, 'Nothing to change: give at least one of --email, --department'],
    [{ capacity: 'lots' }, 'Nothing was changed: --capacity "lots": '],
    [{ capacity: 'lots', board: 'maybe' }, 'Nothing was changed: 2 values are not right.'],
  ])('%o is a usage mistake: %s', (flags, message) => {
    expect(() => checkedStaffEdit(flags, today)).toThrow(UsageError);
    expect(() => checkedStaffEdit(flags, today)).toThrow(message);
  });
});

describe('trainingDay and trainingEdit', () => {
  it.each([
    [undefined, today],
    ['2026-02-10', '2026-02-10'],
  ])('--on %s records %s', (on, expected) => {
    expect(trainingDay(on, today)).toBe(expected);
  });

  it('refuses a day still to come, with exit 1', () => {
    expect(() => trainingDay('2026-04-01', today)).toThrow(UserError);
    expect(() => trainingDay('2026-04-01', today)).toThrow('1 Apr 2026 is in the future; record training once it has happened.');
  });

  it.each([
    [undefined, ['raceTrained', 'raceTrainedOn']],
    [['email'] as const, ['email', 'raceTrained', 'raceTrainedOn']],
    [['raceTrained', 'capacity'] as const, ['raceTrained', 'raceTrainedOn', 'capacity']],
  ])('set by hand before %j, after %j', (handSet, expected) => {
    const edit = trainingEdit(handSet, '2026-02-10');
    expect(edit.facts).toEqual({ raceTrained: true, raceTrainedOn: '2026-02-10' });
    expect(edit.handSet).toEqual(expected);
  });
});

describe('findRequest', () => {
  it.each([
    ['kelly', undefined, FIND_LIMIT],
    ['kelly', 5, 5],
  ])('%j with --limit %s shows at most %i', (text, limit, expected) => {
    expect(findRequest(text, limit)).toEqual({ text, limit: expected });
  });

  it.each([[''], ['   ']])('refuses %j', (text) => {
    expect(() => findRequest(text, undefined)).toThrow(UsageError);
  });
});
