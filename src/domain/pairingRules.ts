/**
 * The rules of a good pairing (docs/pairing.md, "Hard rules" and "Score"): hard rules that are never
 * broken, and the soft scores, with their weights written down once, here.
 */
import { bandDisplay, type Seniority } from './bands.js';
import { isBuiltIn, livedExperienceType, type CharacteristicValue, type LivedExperienceType } from './characteristics.js';
import type { BmeStatus } from './ethnicity.js';
import type { StaffFunction } from './functions.js';
import { pairKey } from './pairKey.js';

export const WEIGHT_NAMES = [
  'race',
  'frontline',
  'clinical',
  'general',
  'bmeMentor',
  'differentDepartment',
  'targetedMentee',
  'sameTargetedDepartment',
  'perBandGap',
] as const;
export type WeightName = (typeof WEIGHT_NAMES)[number];

/**
 * A lived experience type that applies in a run: an enabled characteristic given points
 * (docs/pairing.md, "Pair types"). A characteristic given 0, or none, has no type at all.
 */
export interface LivedWeight {
  name: string;
  type: LivedExperienceType;
  weight: number;
}

export type Weights = Record<WeightName, number> & {
  /** The enabled characteristics given more than 0 points, in the enabled order (which breaks ties between them). */
  readonly lived: readonly LivedWeight[];
};

/** The documented defaults (docs/pairing.md, "Score"); each may be 0 to 1000. No lived experience type applies by default. */
export const DEFAULT_WEIGHTS: Readonly<Weights> = {
  race: 400,
  frontline: 300,
  clinical: 200,
  general: 0,
  bmeMentor: 100,
  differentDepartment: 50,
  targetedMentee: 150,
  sameTargetedDepartment: 50,
  perBandGap: 10,
  lived: [],
};
export const MAX_WEIGHT = 1000;

/**
 * Reads a weights file's JSON: any subset of the names, and of the enabled characteristics
 * (in their enabled order), whole numbers 0 to 1000.
 */
export function parseWeights(json: unknown, enabled: readonly string[] = []): { weights: Weights; problems: string[] } {
  const weights: { -readonly [K in keyof Weights]: Weights[K] } = { ...DEFAULT_WEIGHTS };
  const problems: string[] = [];
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { weights, problems: ['expected a JSON object such as {"race": 500, "perBandGap": 5}'] };
  }
  const known = `the weights are ${WEIGHT_NAMES.join(', ')}, and one for each enabled characteristic (${enabled.length === 0 ? 'none is enabled' : enabled.join(', ')})`;
  const lived = new Map<string, number>();
  for (const [key, value] of Object.entries(json)) {
    const named = (WEIGHT_NAMES as readonly string[]).includes(key);
    if (!named && !enabled.includes(key)) {
      problems.push(
        isBuiltIn(key)
          ? `"${key}" is a characteristic that is not enabled, so it has no weight (to use it: remedi characteristics enable ${key}); ${known}`
          : `"${key}" is not a weight; ${known}`,
      );
    } else if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > MAX_WEIGHT) {
      problems.push(`"${key}" is ${JSON.stringify(value)}; expected a whole number from 0 to ${MAX_WEIGHT}`);
    } else if (named) {
      weights[key as WeightName] = value;
    } else {
      lived.set(key, value);
    }
  }
  // Only a characteristic given points has a type: with 0 every proposal is what it was without it.
  weights.lived = enabled.filter((name) => (lived.get(name) ?? 0) > 0).map((name) => ({ name, type: livedExperienceType(name), weight: lived.get(name)! }));
  return { weights, problems };
}

/** The weights as a weights file would give them: the named ones, then each lived experience type that applies. */
export function weightsJson(weights: Weights): Record<WeightName, number> & Record<string, number> {
  const json: Record<string, number> = {};
  for (const name of WEIGHT_NAMES) json[name] = weights[name];
  for (const { name, weight } of weights.lived) json[name] = weight;
  return json as Record<WeightName, number> & Record<string, number>;
}

/** What the pairing rules need to know about a person. */
export interface Participant {
  staffId: string;
  name: string;
  email: string | null;
  department: string | null;
  band: string | null;
  rank: number;
  seniority: Seniority;
  bme: BmeStatus;
  functions: readonly StaffFunction[];
  boardMember: boolean;
  lineManagerId: string | null;
  /** The line manager's own line manager: the second level of the line chain. */
  secondLineManagerId: string | null;
  /** Department, trimmed and lower-cased, for comparisons. */
  departmentKey: string | null;
  raceTrained: boolean;
  /** Mentees a mentor may still take: capacity less their running relationships. */
  freeCapacity: number;
  capacity: number;
  /**
   * The person's values of the characteristics the run gives points (docs/characteristics.md,
   * "Lived experience pairs"); a name not here is unknown. Never shown: only the pair types read it.
   */
  characteristics: Readonly<Record<string, CharacteristicValue>>;
}

/** No characteristic read: every one unknown. */
export const NO_CHARACTERISTICS: Readonly<Record<string, CharacteristicValue>> = Object.freeze({});

export type FunctionalPairType = 'race' | 'frontline' | 'clinical' | 'general';
export const PAIR_TYPES: readonly FunctionalPairType[] = ['race', 'frontline', 'clinical', 'general'];
/** A functional type, or a lived experience type of an enabled characteristic (docs/pairing.md, "Pair types"). */
export type PairType = FunctionalPairType | LivedExperienceType;

const LIVED_PREFIX = 'lived experience ('.length;
export const isFunctionalType = (type: PairType): type is FunctionalPairType => (PAIR_TYPES as readonly string[]).includes(type);
/** The characteristic of a lived experience type (its label is `lived experience (NAME)`). */
const characteristicOf = (type: LivedExperienceType): string => type.slice(LIVED_PREFIX, -1);
export type Slot = 'bme' | 'frontline';

export type HardRule = 'same-person' | 'not-junior' | 'line-chain' | 'no-capacity' | 'untrained' | 'paired-before';

export interface RuleContext {
  allowUntrained: boolean;
  allowRepeat: boolean;
  /** pairKey(a, b) of people paired in an earlier cohort. */
  pairedBefore: ReadonlySet<string>;
}

/** The manager and the manager's manager of someone: the two levels no pair may cross. */
export function lineChain(staffId: string, managerOf: ReadonlyMap<string, string | null>): [string | null, string | null] {
  const first = managerOf.get(staffId) ?? null;
  const second = first === null ? null : (managerOf.get(first) ?? null);
  return [first, second];
}

const inChainOf = (person: Participant, other: string): boolean => person.lineManagerId === other || person.secondLineManagerId === other;

/** The first hard rule this pair breaks, or null when the pair is allowed. */
export function brokenRule(mentee: Participant, mentor: Participant, context: RuleContext): HardRule | null {
  if (mentee.staffId === mentor.staffId) return 'same-person';
  if (mentor.rank >= mentee.rank) return 'not-junior';
  if (inChainOf(mentee, mentor.staffId) || inChainOf(mentor, mentee.staffId)) return 'line-chain';
  if (mentor.freeCapacity <= 0) return 'no-capacity';
  if (!mentor.raceTrained && !context.allowUntrained) return 'untrained';
  if (!context.allowRepeat && context.pairedBefore.has(pairKey(mentee.staffId, mentor.staffId))) return 'paired-before';
  return null;
}

export function fitsSlot(mentor: Participant, slot: Slot | null): boolean {
  if (slot === 'bme') return mentor.bme === 'yes';
  if (slot === 'frontline') return mentor.functions.includes('front line');
  return true;
}

/**
 * Whether a pair fits a type (docs/pairing.md, "Pair types"); general always fits. A lived
 * experience type: a senior leader whose value is no (not unknown) with a mentor whose value is
 * yes. Whether the type applies at all is the weights' (rankTypes).
 */
export function fitsType(type: PairType, mentee: Participant, mentor: Participant): boolean {
  if (type === 'general') return true;
  if (mentee.seniority !== 'senior') return false;
  switch (type) {
    case 'race':
      return mentee.bme === 'no' && mentor.seniority === 'middle' && mentor.bme === 'yes';
    case 'frontline':
      return mentee.functions.includes('strategic') && mentor.functions.includes('front line');
    case 'clinical':
      return mentee.functions.includes('managerial') && mentor.functions.includes('clinical') && mentor.rank >= 7;
    default: {
      const name = characteristicOf(type);
      return mentee.characteristics[name] === 'no' && mentor.characteristics[name] === 'yes';
    }
  }
}

/** The types that apply under these weights, in the order that breaks ties: race, frontline, clinical, lived experience (enabled order), general. */
function typesOf(weights: Pick<Weights, 'lived'>): PairType[] {
  return ['race', 'frontline', 'clinical', ...weights.lived.map((l) => l.type), 'general'];
}

/** The types a pair fits that apply under these weights (the functional ones when no characteristic has points), in the tie order. */
export function fittingTypes(mentee: Participant, mentor: Participant, weights: Pick<Weights, 'lived'> = DEFAULT_WEIGHTS): PairType[] {
  return typesOf(weights).filter((type) => fitsType(type, mentee, mentor));
}

/** The points a type is worth under these weights (0 for a lived experience type given none). */
export function typeWeight(type: PairType, weights: Weights): number {
  if (isFunctionalType(type)) return weights[type];
  return weights.lived.find((l) => l.type === type)?.weight ?? 0;
}

/** Where a type stands in the tie order (a lived experience type given no points just before general). */
function tieOrder(type: PairType, weights: Weights): number {
  const index = typesOf(weights).indexOf(type);
  return index === -1 ? 3 + weights.lived.length - 0.5 : index;
}

/** Of the given types, the one worth most under these weights (ties: race, frontline, clinical, lived experience, general). */
export function bestType(types: readonly PairType[], weights: Weights): PairType {
  return types.reduce((best, type) => {
    const worth = typeWeight(type, weights);
    const bestWorth = typeWeight(best, weights);
    return worth > bestWorth || (worth === bestWorth && tieOrder(type, weights) < tieOrder(best, weights)) ? type : best;
  });
}

/** The types that apply, from most to least valuable under these weights (ties: race, frontline, clinical, lived experience, general). */
export function rankTypes(weights: Weights): PairType[] {
  // Array.prototype.sort is stable: equal weights keep the tie order.
  return typesOf(weights).sort((a, b) => typeWeight(b, weights) - typeWeight(a, weights));
}

/** The pair's type: the fitting type worth most. Pass rankTypes(weights) when asking millions of times. */
export function pairType(mentee: Participant, mentor: Participant, weights: Weights, ranking = rankTypes(weights)): PairType {
  for (const type of ranking) if (fitsType(type, mentee, mentor)) return type;
  return 'general';
}

/** How the departments of a pair relate, for the department weights. */
type DepartmentRelation = 'targeted-same' | 'targeted-other' | 'different' | 'same-or-unknown';

function departmentRelation(mentee: Participant, mentor: Participant, targeted: ReadonlySet<string>): DepartmentRelation {
  const same = mentee.departmentKey !== null && mentee.departmentKey === mentor.departmentKey;
  if (mentee.departmentKey !== null && targeted.has(mentee.departmentKey)) return same ? 'targeted-same' : 'targeted-other';
  return mentee.departmentKey !== null && mentor.departmentKey !== null && !same ? 'different' : 'same-or-unknown';
}

function departmentPoints(relation: DepartmentRelation, weights: Weights): number {
  switch (relation) {
    case 'targeted-same':
      return weights.targetedMentee + weights.sameTargetedDepartment;
    case 'targeted-other':
      return weights.targetedMentee;
    case 'different':
      return weights.differentDepartment;
    case 'same-or-unknown':
      return 0;
  }
}

/** The soft score of an allowed pair, as a number only. scorePair explains the same sum. */
export function pairScore(mentee: Participant, mentor: Participant, weights: Weights, targeted: ReadonlySet<string>, ranking = rankTypes(weights)): number {
  return (
    typeWeight(pairType(mentee, mentor, weights, ranking), weights) +
    (mentor.bme === 'yes' ? weights.bmeMentor : 0) +
    departmentPoints(departmentRelation(mentee, mentor, targeted), weights) +
    weights.perBandGap * (mentee.rank - mentor.rank)
  );
}

const TYPE_REASON: Record<FunctionalPairType, string> = {
  race: 'race pair: a senior leader who is not BME with a BME middle manager',
  frontline: 'front-line pair: a strategic leader with a front-line mentor',
  clinical: 'clinical pair: a managerial leader with a clinical leader',
  general: 'general reverse pair',
};

export interface PairScore {
  type: PairType;
  score: number;
  reasons: string[];
}

/** The soft score of an allowed pair, with each point explained (the same sum as pairScore). */
export function scorePair(mentee: Participant, mentor: Participant, weights: Weights, targeted: ReadonlySet<string>): PairScore {
  const type = pairType(mentee, mentor, weights);
  const reasons: string[] = [];
  let score = 0;
  const add = (points: number, reason: string) => {
    score += points;
    reasons.push(`${reason} (+${points})`);
  };
  // A lived experience reason names the characteristic only: never anyone's value.
  add(typeWeight(type, weights), isFunctionalType(type) ? TYPE_REASON[type] : type);
  if (mentor.bme === 'yes') add(weights.bmeMentor, 'BME mentor');
  const relation = departmentRelation(mentee, mentor, targeted);
  if (relation === 'targeted-same' || relation === 'targeted-other') {
    add(weights.targetedMentee, `leader in a targeted department (${mentee.department})`);
    if (relation === 'targeted-same') add(weights.sameTargetedDepartment, 'mentor from the same targeted department');
  } else if (relation === 'different') {
    add(weights.differentDepartment, `different departments (${mentor.department} and ${mentee.department})`);
  }
  const gap = mentee.rank - mentor.rank;
  add(weights.perBandGap * gap, `${gap} ${gap === 1 ? 'step' : 'steps'} of seniority apart (${seniorityLabel(mentor)} and ${seniorityLabel(mentee)})`);
  return { type, score, reasons };
}

export function seniorityLabel(person: Pick<Participant, 'band' | 'boardMember'>): string {
  if (person.boardMember) return 'board';
  return bandDisplay(person.band);
}

/** Why a mentor who is not RACE-trained was left out (the text output gathers these into one line). */
export const UNTRAINED_MENTOR_REASON = 'not RACE-trained yet: record it with remedi staff train, or pair with --allow-untrained';

/** How a broken rule reads in a count ("3 are not junior to them"). */
export const RULE_PHRASE: Record<HardRule, { one: string; many: string; hint?: string }> = {
  'same-person': { one: 'is the same person', many: 'are the same person' },
  'not-junior': { one: 'is not junior to them', many: 'are not junior to them' },
  'line-chain': { one: 'is in their line chain', many: 'are in their line chain' },
  'no-capacity': { one: 'has no free capacity', many: 'have no free capacity' },
  untrained: { one: 'is not RACE-trained', many: 'are not RACE-trained', hint: 'remedi staff train, or --allow-untrained' },
  'paired-before': { one: 'was paired with them in an earlier cohort', many: 'were paired with them in an earlier cohort', hint: '--allow-repeat' },
};

/** The same rules from the mentor's side, for explaining why a mentor was left out. */
export const RULE_PHRASE_FOR_MENTOR: Record<HardRule, { one: string; many: string }> = {
  'same-person': { one: 'is themselves', many: 'are themselves' },
  'not-junior': { one: 'is not senior to them', many: 'are not senior to them' },
  'line-chain': { one: 'is in their line chain', many: 'are in their line chain' },
  'no-capacity': { one: 'needs capacity they do not have', many: 'need capacity they do not have' },
  untrained: { one: 'needs a RACE-trained mentor', many: 'need a RACE-trained mentor' },
  'paired-before': { one: 'was paired with them in an earlier cohort', many: 'were paired with them in an earlier cohort' },
};

/** A broken hard rule in one sentence, for `pair add` refusals. */
export function describeBrokenRule(rule: HardRule, mentee: Participant, mentor: Participant): string {
  switch (rule) {
    case 'same-person':
      return `${mentor.name} cannot mentor themselves`;
    case 'not-junior':
      return `${mentor.name} (${seniorityLabel(mentor)}) is not more junior than ${mentee.name} (${seniorityLabel(mentee)}), so it would not be reverse mentoring`;
    case 'line-chain': {
      const mentorManages = mentee.lineManagerId === mentor.staffId || mentee.secondLineManagerId === mentor.staffId;
      return mentorManages
        ? `${mentor.name} is ${mentee.name}'s line manager or their manager's manager`
        : `${mentee.name} is ${mentor.name}'s line manager or their manager's manager`;
    }
    case 'no-capacity':
      return `${mentor.name} has no free capacity (mentoring ${mentor.capacity - mentor.freeCapacity} of ${mentor.capacity})`;
    case 'untrained':
      return `${mentor.name} is not RACE-trained (record it with remedi staff train ${mentor.staffId})`;
    case 'paired-before':
      return `${mentor.name} and ${mentee.name} were paired in an earlier cohort`;
  }
}
