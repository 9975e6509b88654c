/**
 * Protected characteristics beyond ethnicity that a trust chooses to use (docs/characteristics.md):
 * which there are, what "yes" means for each, how a roster cell is read, and the pair type of
 * lived experience each one gives. Special category data: nothing is stored for a characteristic
 * that is not enabled, and a value is never guessed.
 */

import { ROSTER_FIELDS } from './rosterColumns.js';

/** A person's value for one characteristic: "yes" has the lived experience, "no" has not, "unknown" not stated. */
export type CharacteristicValue = 'yes' | 'no' | 'unknown';
export const CHARACTERISTIC_VALUES: readonly CharacteristicValue[] = ['yes', 'no', 'unknown'];

/** The characteristics remedi knows; a trust may add yes/no ones of its own. */
export const BUILT_IN_CHARACTERISTICS = ['disability', 'sex', 'sexual_orientation', 'religion'] as const;
export type BuiltInCharacteristic = (typeof BUILT_IN_CHARACTERISTICS)[number];

export const isBuiltIn = (name: string): name is BuiltInCharacteristic => (BUILT_IN_CHARACTERISTICS as readonly string[]).includes(name);

/** An enabled characteristic, as the database keeps it. */
export interface Characteristic {
  name: string;
  /** A trust's own yes/no characteristic (not one of remedi's). */
  own: boolean;
  enabledOn: string;
}

/** A characteristic's name: lower case letters, digits and underscores, starting with a letter (it is a JSON key and a --weights key). */
export const CHARACTERISTIC_NAME = /^[a-z][a-z0-9_]{0,39}$/;
export const CHARACTERISTIC_NAME_EXPECTED = 'lower-case letters, digits and underscores, starting with a letter, at most 40 (e.g. "carer")';

/**
 * Names a trust's own characteristic may not take: a characteristic's name is also a --weights
 * key, a roster header, a research export column and a report key, and these already mean
 * something there (the pair types, ethnicity and BME, the roster's fields, the export's columns).
 */
export const RESERVED_NAMES: ReadonlySet<string> = new Set<string>([
  ...ROSTER_FIELDS,
  ...['race', 'frontline', 'clinical', 'general'],
  ...['ethnicity', 'bme', 'functions', 'seniority', 'seniority_group', 'cohort', 'person', 'unknown'],
]);

/** What "yes" and "no" mean, for `characteristics list` and the docs. */
export function meaningOf(name: string): { yes: string; no: string } {
  switch (name) {
    case 'disability':
      return { yes: 'has a disability or long-term condition', no: 'has none' };
    case 'sex':
      return { yes: 'female', no: 'male' };
    case 'sexual_orientation':
      return { yes: 'lesbian, gay, bisexual or another sexual orientation', no: 'heterosexual or straight' };
    case 'religion':
      return { yes: 'has a religion or belief', no: 'no religion (atheism)' };
    default:
      return { yes: 'yes', no: 'no' };
  }
}

/** Headers a roster may give a built-in characteristic's column, beyond its own name. */
export const CHARACTERISTIC_HEADERS: Readonly<Record<BuiltInCharacteristic, readonly string[]>> = {
  disability: ['Disability', 'Disability Flag', 'Disabled', 'Disability Status', 'Has Disability', 'Disability Declared'],
  sex: ['Sex', 'Gender', 'Legal Sex', 'Sex at Birth'],
  sexual_orientation: ['Sexual Orientation', 'Orientation'],
  religion: ['Religion', 'Religious Belief', 'Religion or Belief', 'Religion/Belief', 'Religion Or Belief', 'Faith'],
};

const squash = (text: string): string => text.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Not stated, in every characteristic: ESR's words and the forms'. */
const UNKNOWN = [
  'prefer not to say',
  'prefer not to answer',
  'not declared',
  'not stated',
  'not stated (person asked but declined to provide a response)',
  'declined',
  'declined to answer',
  'unspecified',
  'not specified',
  'not known',
  'not known (not recorded)',
  'unknown',
  'n/a',
  'na',
  'not disclosed',
  'undisclosed',
  'do not wish to disclose',
  'i do not wish to disclose',
  'i do not wish to disclose my religion/belief',
  'i do not wish to disclose my sexual orientation',
  'i do not wish to disclose my disability',
  'i do not wish to answer',
  'rather not say',
];

const YES_NO: Record<'yes' | 'no', string[]> = {
  yes: ['yes', 'y', 'true', '1'],
  no: ['no', 'n', 'false', '0'],
};

/** Each characteristic's words: yes, no, and any unknown beyond the shared ones. */
const WORDS: Readonly<Record<BuiltInCharacteristic, { yes: string[]; no: string[]; unknown?: string[] }>> = {
  disability: {
    yes: [...YES_NO.yes, 'disabled', 'yes disabled', 'has a disability', 'yes - disabled'],
    no: [...YES_NO.no, 'not disabled', 'no disability', 'none'],
  },
  sex: {
    yes: ['female', 'f', 'woman', 'women'],
    no: ['male', 'm', 'man', 'men'],
    // Sex as ESR records it has two values; other answers are not guessed into either.
    unknown: ['indeterminate', 'i', 'x', 'u', 'other', 'non-binary', 'nonbinary', 'intersex', 'prefer to self-describe', 'i describe myself another way'],
  },
  sexual_orientation: {
    // ESR's values and the NHS Data Dictionary's codes (1 heterosexual, 2 gay or lesbian, 3 bisexual, 4 other).
    yes: [
      'gay or lesbian',
      'gay',
      'lesbian',
      'gay man',
      'gay woman',
      'gay woman/lesbian',
      'bisexual',
      'bi',
      'other sexual orientation not listed',
      'other sexual orientation',
      'other',
      'asexual',
      'pansexual',
      'queer',
      'lgb',
      'lgbt',
      'lgbtq',
      'lgbtq+',
      '2',
      '3',
      '4',
    ],
    no: ['heterosexual or straight', 'heterosexual', 'straight', '1'],
    unknown: ['undecided', 'not sure', 'person asked and does not know or is not sure', 'u', 'z', '9'],
  },
  religion: {
    // ESR's religion or belief values, and the words people write for them.
    yes: [
      'christianity',
      'christian',
      'islam',
      'muslim',
      'judaism',
      'jewish',
      'hinduism',
      'hindu',
      'sikhism',
      'sikh',
      'buddhism',
      'buddhist',
      'jainism',
      'jain',
      'other',
      'other religion',
      'any other religion',
      'other religion or belief',
    ],
    no: ['atheism', 'atheist', 'no religion', 'none', 'no religion or belief', 'agnostic', 'agnosticism'],
  },
};

function wordsOf(words: { yes: string[]; no: string[]; unknown?: string[] }): ReadonlyMap<string, CharacteristicValue> {
  const map = new Map<string, CharacteristicValue>();
  for (const word of [...UNKNOWN, ...(words.unknown ?? [])]) map.set(squash(word), 'unknown');
  for (const word of words.yes) map.set(squash(word), 'yes');
  for (const word of words.no) map.set(squash(word), 'no');
  return map;
}

/** Each one's words, and what its yes and no mean (meaningOf), which remedi export writes and an import reads back. */
const BUILT_IN_WORDS = new Map(
  BUILT_IN_CHARACTERISTICS.map((name) => {
    const { yes, no } = meaningOf(name);
    const words = WORDS[name];
    return [name, wordsOf({ ...words, yes: [...words.yes, yes], no: [...words.no, no] })];
  }),
);
const OWN_WORDS = wordsOf(YES_NO);

/**
 * Reads a roster cell for a characteristic: its value, or null when the cell holds something
 * that is not one of its answers (a blank is unknown; so are "prefer not to say" and the like).
 */
export function readCharacteristic(name: string, raw: string): CharacteristicValue | null {
  const text = squash(raw);
  if (text === '') return 'unknown';
  const words = isBuiltIn(name) ? BUILT_IN_WORDS.get(name)! : OWN_WORDS;
  return words.get(text) ?? null;
}

/**
 * A value as remedi export writes it in staff.csv (what its yes and no mean, or unknown): a
 * person reading their own export understands it, and an import reads it back as it was.
 */
export function characteristicCell(name: string, value: CharacteristicValue): string {
  return value === 'unknown' ? 'unknown' : meaningOf(name)[value];
}

/** What a cell for this characteristic may say, for an error message. */
export function characteristicExpected(name: string): string {
  switch (name) {
    case 'disability':
      return 'Yes or No (ESR\'s "Not Declared" and "Prefer not to answer", or a blank, are unknown)';
    case 'sex':
      return 'Female or Male (F/M; a blank, "Not Known" or "Prefer not to say" is unknown)';
    case 'sexual_orientation':
      return 'an ESR sexual orientation such as "Heterosexual or Straight", "Gay or Lesbian", "Bisexual", "Other sexual orientation not listed" (a blank, "Undecided" or "Not stated" is unknown)';
    case 'religion':
      return 'an ESR religion or belief such as "Christianity", "Islam", "Atheism", "Other" (a blank or "I do not wish to disclose my religion/belief" is unknown)';
    default:
      return 'yes or no (also y/n, true/false, 1/0; a blank or "Prefer not to say" is unknown)';
  }
}

/** The pair type of a leader without the characteristic with a mentor who has it (docs/pairing.md, "Pair types"). */
export type LivedExperienceType = `lived experience (${string})`;

export const livedExperienceType = (name: string): LivedExperienceType => `lived experience (${name})`;

/** The characteristic a pair type of lived experience is about, or null for any other type. */
export function characteristicOfType(type: string): string | null {
  const match = /^lived experience \(([a-z][a-z0-9_]*)\)$/.exec(type);
  return match === null ? null : match[1];
}

/** A person's values for the enabled characteristics, unknown where nothing is stored. */
export function characteristicsOf(
  enabled: readonly Pick<Characteristic, 'name'>[],
  stored: ReadonlyMap<string, 'yes' | 'no'> | undefined,
): Record<string, CharacteristicValue> {
  const result: Record<string, CharacteristicValue> = {};
  for (const { name } of enabled) result[name] = stored?.get(name) ?? 'unknown';
  return result;
}
