import { describe, expect, it } from 'vitest';
import { choosePerson, describeCandidate, foldText, looksLikeEmail, searchWords, type PersonCandidate } from '../../src/domain/people.js';

describe('foldText: names as administrators type them', () => {
  it.each([
    ['Siobhán Kelly', 'siobhan kelly'],
    ['  Zoë   Hamilton ', 'zoe hamilton'],
    ['Katarzyna Wiśniewska', 'katarzyna wisniewska'],
    ["CIARAN O'NEILL", "ciaran o'neill"],
    ['Ｊａｄｅ', 'jade'], // full-width letters, as pasted from some systems
    ['José\u00a0Álvarez', 'jose alvarez'], // a non-breaking space
    ['', ''],
  ])('%j -> %j', (raw, folded) => {
    expect(foldText(raw)).toBe(folded);
  });

  it('folds a precomposed and a decomposed accent the same', () => {
    expect(foldText('Sio\u0301bha\u0301n')).toBe(foldText('Siobhán'));
  });
});

describe('looksLikeEmail and searchWords', () => {
  it.each([
    ['chidi.eze@nhs.net', true],
    [' CHIDI.EZE@NHS.NET ', true],
    ['Chidi Eze', false],
    ['10000065', false],
  ])('%j is an email: %s', (text, email) => {
    expect(looksLikeEmail(text)).toBe(email);
  });

  it('keeps the words worth looking for, folded', () => {
    expect(searchWords('  Siobhán  O Kelly ')).toEqual(['siobhan', 'kelly']);
  });
});

const person = (staffId: string, name: string, extra: Partial<PersonCandidate> = {}): PersonCandidate => ({
  staffId,
  name,
  email: null,
  department: null,
  active: true,
  ...extra,
});
const chidi = person('10000065', 'Chidi Eze', { department: 'Surgery' });
const otherChidi = person('10000099', 'Chidi Eze', { department: 'Pharmacy' });
const jade = person('10000052', 'Jade Thompson');

describe('choosePerson: who a query names', () => {
  it.each<[string, Parameters<typeof choosePerson>[0], PersonCandidate[], ReturnType<typeof choosePerson>]>([
    ['one by staff id', { byId: [jade], byEmail: [], byName: [] }, [], { ok: true, person: jade }],
    ['one by email', { byId: [], byEmail: [chidi], byName: [] }, [], { ok: true, person: chidi }],
    ['one by name', { byId: [], byEmail: [], byName: [chidi] }, [], { ok: true, person: chidi }],
    ['an id wins over a name', { byId: [jade], byEmail: [], byName: [chidi] }, [], { ok: true, person: jade }],
    ['an email wins over a shared name', { byId: [], byEmail: [chidi], byName: [chidi, otherChidi] }, [], { ok: true, person: chidi }],
    [
      'a shared name is ambiguous, candidates by staff id',
      { byId: [], byEmail: [], byName: [otherChidi, chidi] },
      [],
      { ok: false, reason: 'ambiguous', candidates: [chidi, otherChidi] },
    ],
    ['nobody, with near misses', { byId: [], byEmail: [], byName: [] }, [otherChidi, chidi], { ok: false, reason: 'unknown', candidates: [chidi, otherChidi] }],
    ['nobody, and nobody near', { byId: [], byEmail: [], byName: [] }, [], { ok: false, reason: 'unknown', candidates: [] }],
  ])('%s', (_case, exact, near, expected) => {
    expect(choosePerson(exact, near)).toEqual(expected);
  });
});

describe('describeCandidate', () => {
  it.each([
    [chidi, '10000065 Chidi Eze (Surgery)'],
    [jade, '10000052 Jade Thompson'],
    [person('1', 'Ann Lee', { active: false }), '1 Ann Lee (has left)'],
  ])('%j', (candidate, text) => {
    expect(describeCandidate(candidate)).toBe(text);
  });
});
