/**
 * Every form a roster cell of a characteristic may take (docs/characteristics.md, "Values"):
 * ESR's words, the NHS Data Dictionary's codes, a trust's own yes/no, the ways of not saying,
 * and cells that are refused. Unknown is never guessed.
 */
import { describe, expect, it } from 'vitest';
import {
  BUILT_IN_CHARACTERISTICS,
  characteristicCell,
  characteristicExpected,
  characteristicOfType,
  characteristicsOf,
  CHARACTERISTIC_HEADERS,
  CHARACTERISTIC_VALUES,
  livedExperienceType,
  readCharacteristic,
} from '../../src/domain/characteristics.js';

/** The ways of not saying, in every characteristic. */
const NOT_SAYING = [
  '',
  '   ',
  'Prefer not to say',
  'PREFER NOT TO SAY',
  'prefer-not-to-say',
  'Prefer not to answer',
  'Not Declared',
  'Not declared',
  'Not stated',
  'Not stated (person asked but declined to provide a response)',
  'Declined',
  'Declined to answer',
  'Unspecified',
  'Not specified',
  'Not known',
  'Not Known (Not Recorded)',
  'Unknown',
  'N/A',
  'NA',
  'Not disclosed',
  'Undisclosed',
  'Do not wish to disclose',
  'I do not wish to disclose',
  'I do not wish to answer',
  'Rather not say',
];

const TABLE: Record<string, { yes: string[]; no: string[]; unknown: string[]; refused: string[] }> = {
  disability: {
    yes: ['Yes', 'yes', 'Y', 'y', 'TRUE', '1', 'Disabled', 'Yes Disabled', 'Has a disability', 'Yes - Disabled', 'has a disability or long-term condition'],
    no: ['No', 'no', 'N', 'false', '0', 'Not Disabled', 'No disability', 'None', 'has none'],
    unknown: ['I do not wish to disclose my disability'],
    refused: ['Maybe', 'Sometimes', '2', 'Female', 'Yes please'],
  },
  sex: {
    yes: ['Female', 'female', 'F', 'f', 'Woman', 'Women'],
    no: ['Male', 'M', 'Man', 'Men'],
    // ESR records two values; any other answer is not guessed into either.
    unknown: ['Indeterminate', 'I', 'X', 'U', 'Other', 'Non-binary', 'Nonbinary', 'Intersex', 'Prefer to self-describe', 'I describe myself another way'],
    refused: ['Yes', 'No', '1', 'Fem', 'Gay'],
  },
  sexual_orientation: {
    yes: [
      'Gay or Lesbian',
      'Gay',
      'Lesbian',
      'Gay Man',
      'Gay Woman',
      'Gay Woman/Lesbian',
      'Bisexual',
      'Bi',
      'Other sexual orientation not listed',
      'Other sexual orientation',
      'Other',
      'Asexual',
      'Pansexual',
      'Queer',
      'LGB',
      'LGBT',
      'LGBTQ',
      'LGBTQ+',
      // The NHS Data Dictionary's codes: 2 gay or lesbian, 3 bisexual, 4 other.
      '2',
      '3',
      '4',
      'lesbian, gay, bisexual or another sexual orientation',
    ],
    no: ['Heterosexual or Straight', 'Heterosexual', 'Straight', 'heterosexual or straight', '1'],
    unknown: ['Undecided', 'Not sure', 'Person asked and does not know or is not sure', 'U', 'Z', '9', 'I do not wish to disclose my sexual orientation'],
    refused: ['Yes', 'No', '5', '0', 'Female', 'Hetero'],
  },
  religion: {
    yes: [
      'Christianity',
      'Christian',
      'Islam',
      'Muslim',
      'Judaism',
      'Jewish',
      'Hinduism',
      'Hindu',
      'Sikhism',
      'Sikh',
      'Buddhism',
      'Buddhist',
      'Jainism',
      'Jain',
      'Other',
      'Other religion',
      'Any other religion',
      'Other religion or belief',
      'has a religion or belief',
    ],
    no: ['Atheism', 'Atheist', 'No religion', 'None', 'No religion or belief', 'Agnostic', 'Agnosticism', 'no religion (atheism)'],
    unknown: ['I do not wish to disclose my religion/belief'],
    refused: ['Yes', 'No', 'Pastafarian', '1', 'Female'],
  },
  // A trust's own yes/no characteristic.
  carer: {
    yes: ['yes', 'Yes', 'Y', 'y', 'true', 'TRUE', '1', ' yes '],
    no: ['no', 'No', 'N', 'false', '0'],
    unknown: [],
    refused: ['Female', 'Christianity', 'Disabled', 'sometimes', '2', 'yes no'],
  },
};

const cases = (value: 'yes' | 'no' | 'unknown' | 'refused') =>
  Object.entries(TABLE).flatMap(([name, forms]) => [...forms[value], ...(value === 'unknown' ? NOT_SAYING : [])].map((raw) => [name, raw] as const));

describe('readCharacteristic: every value form', () => {
  it.each(cases('yes'))('%s %j is yes', (name, raw) => expect(readCharacteristic(name, raw)).toBe('yes'));
  it.each(cases('no'))('%s %j is no', (name, raw) => expect(readCharacteristic(name, raw)).toBe('no'));
  it.each(cases('unknown'))('%s %j is unknown, never guessed', (name, raw) => expect(readCharacteristic(name, raw)).toBe('unknown'));
  it.each(cases('refused'))('%s %j is refused (not one of its answers)', (name, raw) => expect(readCharacteristic(name, raw)).toBeNull());
});

describe('what an export writes reads back as it was', () => {
  it.each(Object.keys(TABLE).flatMap((name) => CHARACTERISTIC_VALUES.map((value) => [name, value] as const)))('%s %s', (name, value) => {
    expect(readCharacteristic(name, characteristicCell(name, value))).toBe(value);
  });
});

describe('the rest of the characteristics domain', () => {
  it('says what a cell may hold, for every characteristic', () => {
    for (const name of [...BUILT_IN_CHARACTERISTICS, 'carer']) expect(characteristicExpected(name).length).toBeGreaterThan(10);
    expect(characteristicExpected('disability')).toContain('Yes or No');
    expect(characteristicExpected('carer')).toContain('yes or no');
  });

  it("gives every one of remedi's its ESR headers", () => {
    expect(CHARACTERISTIC_HEADERS.disability).toContain('Disability Flag');
    expect(CHARACTERISTIC_HEADERS.sex).toContain('Gender');
    expect(CHARACTERISTIC_HEADERS.sexual_orientation).toContain('Sexual Orientation');
    expect(CHARACTERISTIC_HEADERS.religion).toContain('Religious Belief');
  });

  it('names the pair type of lived experience, and finds the characteristic in it', () => {
    expect(livedExperienceType('disability')).toBe('lived experience (disability)');
    expect(characteristicOfType('lived experience (carer_2)')).toBe('carer_2');
    expect(characteristicOfType('race')).toBeNull();
    expect(characteristicOfType('lived experience (Disability)')).toBeNull();
  });

  it("fills in unknown for a person's enabled characteristics with nothing stored, in the enabled order", () => {
    const enabled = [{ name: 'disability' }, { name: 'carer' }];
    expect(characteristicsOf(enabled, new Map([['carer', 'no']]))).toEqual({ disability: 'unknown', carer: 'no' });
    expect(Object.keys(characteristicsOf(enabled, undefined))).toEqual(['disability', 'carer']);
    expect(characteristicsOf([], new Map([['carer', 'yes']]))).toEqual({});
  });
});
