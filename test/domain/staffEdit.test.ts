import { describe, expect, it } from 'vitest';
import { DEFAULT_FACTS, type StaffFacts, type StaffRecord } from '../../src/domain/staff.js';
import { findManagementLoop, formatFlagProblem, mergeHandSet, parseStaffEdit, planStaffEdit, type StaffEditFlags } from '../../src/domain/staffEdit.js';

const TODAY = '2026-03-15';

const person = (facts: Partial<StaffRecord> = {}): StaffRecord => ({ staffId: '001', name: 'Chidi Eze', ...DEFAULT_FACTS, band: '3', active: true, ...facts });

describe('parseStaffEdit reads each flag as the roster reads its column', () => {
  it.each<[StaffEditFlags, Partial<StaffFacts>]>([
    [{ email: ' Chidi.Eze@nhs.net ' }, { email: 'Chidi.Eze@nhs.net' }],
    [{ email: '' }, { email: null }],
    [{ department: ' Surgery ' }, { department: 'Surgery' }],
    [{ department: '' }, { department: null }],
    [{ band: 'AfC Band 8b' }, { band: '8b' }],
    [{ band: 'Very Senior Manager' }, { band: 'VSM' }],
    [{ band: 'consultant' }, { band: 'Consultant' }],
    [{ function: 'frontline; clinical' }, { functionsStated: ['clinical', 'front line'] }],
    [{ function: '' }, { functionsStated: null }],
    [{ board: 'Y' }, { boardMember: true }],
    [{ board: 'false' }, { boardMember: false }],
    [{ capacity: '0' }, { capacity: 0 }],
    [{ capacity: '20' }, { capacity: 20 }],
    [{ raceTrained: '2026-02-10' }, { raceTrained: true, raceTrainedOn: '2026-02-10' }],
    [{ raceTrained: '10/02/2026' }, { raceTrained: true, raceTrainedOn: '2026-02-10' }],
    [{ raceTrained: TODAY }, { raceTrained: true, raceTrainedOn: TODAY }],
    [{ raceTrained: 'yes' }, { raceTrained: true, raceTrainedOn: null }],
    [{ raceTrained: 'no' }, { raceTrained: false, raceTrainedOn: null }],
    [{}, {}],
  ])('%j -> %j', (flags, facts) => {
    expect(parseStaffEdit(flags, TODAY)).toEqual({ facts, problems: [] });
  });

  it.each<[StaffEditFlags, string]>([
    [{ email: 'chidi.eze' }, '--email "chidi.eze": not an email address; expected something like jane.doe@nhs.net'],
    [{ email: 'chidi@nhs' }, '--email "chidi@nhs": not an email address'],
    [{ band: '12' }, '--band "12": not a pay band; expected a band such as "Band 6"'],
    [{ band: '8' }, '--band "8": not a pay band'],
    [{ band: '' }, '--band "": not a pay band'],
    [{ function: 'porter' }, '--function "porter": "porter" is not a function; expected one or more of strategic, managerial, clinical, front line'],
    [{ board: 'maybe' }, '--board "maybe": expected yes or no'],
    [{ board: '' }, '--board "": expected yes or no'],
    [{ capacity: '21' }, '--capacity "21": expected a whole number of mentees from 0 to 20'],
    [{ capacity: '-1' }, '--capacity "-1": expected a whole number of mentees from 0 to 20'],
    [{ capacity: '1.5' }, '--capacity "1.5": expected a whole number'],
    [{ capacity: '' }, '--capacity "": expected a whole number'],
    [
      { raceTrained: 'soon' },
      '--race-trained "soon": expected the day they were trained (a date as YYYY-MM-DD or DD/MM/YYYY), yes if the day is not known, or no',
    ],
    [{ raceTrained: '' }, '--race-trained "": expected the day they were trained'],
    [{ raceTrained: '2026-02-30' }, '--race-trained "2026-02-30": not a real date: Feb 2026 has no day 30'],
    [{ raceTrained: '2026-03-16' }, '--race-trained "2026-03-16": 16 Mar 2026 is in the future; expected the day they were trained'],
    [{ department: 'x'.repeat(1001) }, '--department "xxxxxxxxxxxxxxxxxxxx...": 1001 characters; expected at most 1000'],
  ])('%j is refused: %s', (flags, message) => {
    const { facts, problems } = parseStaffEdit(flags, TODAY);
    expect(facts).toEqual({});
    expect(problems).toHaveLength(1);
    expect(formatFlagProblem(problems[0])).toContain(message);
  });

  it('names every bad flag at once', () => {
    const { problems } = parseStaffEdit({ band: '12', capacity: 'two', email: 'ok@nhs.net' }, TODAY);
    expect(problems.map((p) => p.flag)).toEqual(['--band', '--capacity']);
  });
});

describe('mergeHandSet', () => {
  it.each<[Array<keyof StaffFacts> | undefined, Array<keyof StaffFacts>, Array<keyof StaffFacts>]>([
    [undefined, [], []],
    [undefined, ['capacity', 'email'], ['email', 'capacity']],
    [['capacity'], ['raceTrainedOn', 'raceTrained'], ['raceTrained', 'raceTrainedOn', 'capacity']],
    [['functionsStated'], ['functionsStated'], ['functionsStated']],
  ])('%j + %j = %j (one order, no repeats)', (existing, added, merged) => {
    expect(mergeHandSet(existing, added)).toEqual(merged);
  });
});

describe('planStaffEdit', () => {
  it('sets every field given, marks it as set by hand, and leaves the rest', () => {
    const plan = planStaffEdit(person({ department: 'Surgery', handSet: ['email'] }), { capacity: 2, functionsStated: ['front line'] });
    expect(plan.after).toEqual(
      person({ department: 'Surgery', capacity: 2, functionsStated: ['front line'], handSet: ['email', 'functionsStated', 'capacity'] }),
    );
    expect(plan.changes).toEqual([
      { field: 'functions', changed: true, newlyHandSet: false },
      { field: 'capacity', changed: true, newlyHandSet: false },
    ]);
    expect(plan.nothingToChange).toBe(false);
  });

  it.each<[string, Partial<StaffRecord>, Partial<StaffFacts>, boolean, boolean]>([
    ['a value already held and already set by hand', { capacity: 2, handSet: ['capacity'] }, { capacity: 2 }, false, true],
    ['a value already held from a roster, not yet set by hand', { capacity: 2 }, { capacity: 2 }, true, false],
    [
      'functions held in another order',
      { functionsStated: ['clinical', 'front line'], handSet: ['functionsStated'] },
      { functionsStated: ['clinical', 'front line'] },
      false,
      true,
    ],
    [
      'RACE training with a new date',
      { raceTrained: true, raceTrainedOn: '2025-01-01', handSet: ['raceTrained', 'raceTrainedOn'] },
      { raceTrained: true, raceTrainedOn: '2026-01-01' },
      false,
      false,
    ],
  ])('%s', (_, held, facts, newlyHandSet, nothingToChange) => {
    const plan = planStaffEdit(person(held), facts);
    expect(plan.changes).toHaveLength(1);
    expect(plan.changes[0].newlyHandSet).toBe(newlyHandSet);
    expect(plan.nothingToChange).toBe(nothingToChange);
  });

  it('counts RACE training (trained and its day) as one field', () => {
    const plan = planStaffEdit(person(), { raceTrained: true, raceTrainedOn: '2026-02-10' });
    expect(plan.changes).toEqual([{ field: 'raceTraining', changed: true, newlyHandSet: false }]);
    expect(plan.after.handSet).toEqual(['raceTrained', 'raceTrainedOn']);
  });
});

describe('findManagementLoop', () => {
  // 1 manages 2, 2 manages 3, 3 manages 4; 8 and 9 manage each other (a loop already there).
  const managers = new Map<string, string | null>([
    ['1', null],
    ['2', '1'],
    ['3', '2'],
    ['4', '3'],
    ['8', '9'],
    ['9', '8'],
  ]);
  const managerOf = (id: string) => managers.get(id) ?? null;

  it.each<[string, string, string[] | null]>([
    ['1', '2', ['2', '1']],
    ['1', '4', ['4', '3', '2', '1']],
    ['2', '4', ['4', '3', '2']],
    ['3', '3', ['3']],
    ['4', '1', null],
    ['3', '1', null],
    ['4', '2', null],
    ['5', '8', null],
    ['1', 'unknown', null],
  ])('%s managed by %s: loop %j', (personId, managerId, loop) => {
    expect(findManagementLoop(personId, managerId, managerOf)).toEqual(loop);
  });
});
