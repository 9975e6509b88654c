import { describe, expect, it } from 'vitest';
import { DEFAULT_FACTS, type StaffFacts, type StaffRecord } from '../../src/domain/staff.js';
import type { EditField } from '../../src/domain/staffEdit.js';
import { fieldText, foundJson, handSetLabels, staffJson, staffListCsv } from '../../src/ui/staffOutput.js';

const person = (facts: Partial<StaffRecord> = {}): StaffRecord => ({ staffId: '001', name: 'Chidi Eze', ...DEFAULT_FACTS, band: '3', active: true, ...facts });
const names = new Map([['002', "Ciaran O'Neill"]]);
const nameOf = (id: string) => names.get(id);

describe('fieldText: how staff edit shows a value', () => {
  it.each<[EditField, Partial<StaffRecord>, string]>([
    ['email', {}, 'none'],
    ['email', { email: 'chidi.eze@nhs.net' }, 'chidi.eze@nhs.net'],
    ['department', { department: 'Surgery' }, 'Surgery'],
    ['band', { band: '8a' }, 'Band 8a'],
    ['band', { band: 'Consultant' }, 'Consultant'],
    ['band', { band: null, boardMember: true }, 'none'],
    ['functions', { functionsStated: ['clinical', 'front line'] }, 'clinical, front line'],
    ['functions', { staffGroup: 'Additional Clinical Services' }, 'clinical (derived)'],
    ['functions', {}, 'none (derived)'],
    ['boardMember', { boardMember: true }, 'yes'],
    ['capacity', { capacity: 0 }, '0'],
    ['raceTraining', {}, 'no'],
    ['raceTraining', { raceTrained: true }, 'yes (day not known)'],
    ['raceTraining', { raceTrained: true, raceTrainedOn: '2024-09-12' }, '12 Sep 2024'],
    ['lineManager', { lineManagerId: '002' }, "Ciaran O'Neill (002)"],
    ['lineManager', { lineManagerId: '999' }, '999'],
    ['lineManager', {}, 'none'],
  ])('%s of %j reads %j', (field, facts, text) => {
    expect(fieldText(field, person(facts), nameOf)).toBe(text);
  });
});

describe('handSetLabels', () => {
  it.each<[Array<keyof StaffFacts>, string[]]>([
    [[], []],
    [
      ['capacity', 'functionsStated'],
      ['functions', 'capacity'],
    ],
    [
      ['raceTrained', 'raceTrainedOn', 'lineManagerId'],
      ['line manager', 'RACE training'],
    ],
  ])('%j -> %j', (handSet, labels) => {
    expect(handSetLabels(handSet)).toEqual(labels);
  });
});

describe('staff CSV and search results', () => {
  it('staff list --csv neutralises a cell that would run as a formula in Excel', () => {
    const csv = staffListCsv([staffJson(person({ department: '=HYPERLINK("http://x")', jobTitle: '+44 nurse' }))], { cohort: false });
    expect(csv.split('\r\n')[1]).toBe(`001,Chidi Eze,,"'=HYPERLINK(""http://x"")",'+44 nurse,Band 3,junior,unknown,,no,,no,1,active`);
  });

  it('a search result never carries BME beside a name', () => {
    const found = foundJson(person({ ethnicity: 'M' }));
    expect(found).not.toHaveProperty('bme');
    expect(found).toMatchObject({ staffId: '001', name: 'Chidi Eze', band: '3', active: true });
  });
});
