import { describe, expect, it } from 'vitest';
import { UsageError, UserError } from '../../src/errors.js';
import {
  alreadyRecorded,
  choiceFlag,
  draftSession,
  duplicateProblem,
  editedSession,
  givenAnswerProblems,
  missingSessionFlags,
  notSaved,
  notStartedYet,
  relationshipsToChoose,
  offeredDate,
  sessionTarget,
  type Answers,
  type SessionBefore,
} from '../../src/domain/sessionDraft.js';
import { parseKind, parseLevel, type SessionTarget } from '../../src/domain/sessions.js';

/** Relationship #3, a trio, running 5 Jan to 30 Sep 2026. */
const TRIO: SessionTarget = { id: 3, start: '2026-01-05', endedOn: null, plannedEnd: '2026-09-30', mentorIds: ['10000024', '10000034'] };
const REQUIRED: Answers = { date: '2026-03-12', minutes: 45, kind: 'one-to-one', level: 'team' };

describe('missingSessionFlags', () => {
  it.each([
    [{}, ['--pair', '--date', '--minutes', '--kind', '--level']],
    [{ pair: 3, kind: 'one-to-one' }, ['--date', '--minutes', '--level']],
    [{ pair: 3, date: '2026-03-12', minutes: 45, kind: 'one-to-one', level: 'team' }, []],
    // Zero minutes is an answer (refused later, with the reason), not a missing one.
    [{ pair: 3, date: '2026-03-12', minutes: 0, kind: 'one-to-one', level: 'team' }, []],
  ])('%j is missing %j', (given, missing) => {
    expect(missingSessionFlags(given)).toEqual(missing);
  });
});

describe('choiceFlag', () => {
  it.each([
    [undefined, parseKind, '--kind', undefined],
    ['One to one', parseKind, '--kind', 'one-to-one'],
    ['1:1', parseKind, '--kind', 'one-to-one'],
    ['organization', parseLevel, '--level', 'organisation'],
  ])('%j for %s reads as %j', (raw, parse, flag, value) => {
    expect(choiceFlag(raw, parse as typeof parseKind, flag)).toBe(value);
  });

  it('a near miss is a usage error (exit 2) naming the flag, with a suggestion', () => {
    expect(() => choiceFlag('obsrvation', parseKind, '--kind')).toThrow(UsageError);
    expect(() => choiceFlag('obsrvation', parseKind, '--kind')).toThrow(/^--kind: "obsrvation" is not a kind of session; did you mean "observation"\? /);
  });
});

describe('draftSession: what the answers record, with the defaults', () => {
  it.each<[string, Answers, object]>([
    [
      'nothing optional given: every mentor present, no themes, no lived experience, no notes',
      REQUIRED,
      { mentors: ['10000024', '10000034'], themes: [], livedExperience: false, notes: null },
    ],
    ['a mentor named twice counts once', { ...REQUIRED, mentors: ['10000034', '10000034'] }, { mentors: ['10000034'] }],
    ['no mentors named is every mentor', { ...REQUIRED, mentors: [] }, { mentors: ['10000024', '10000034'] }],
    [
      'themes normalised, repeats dropped (the first spelling wins)',
      { ...REQUIRED, themes: [' Career   Progression', 'career progression; Belonging'] },
      {
        themes: [
          { key: 'career progression', label: 'Career Progression' },
          { key: 'belonging', label: 'Belonging' },
        ],
      },
    ],
    ['notes trimmed', { ...REQUIRED, notes: '  Observed a board meeting \n' }, { notes: 'Observed a board meeting' }],
    ['blank notes are none', { ...REQUIRED, notes: '   ' }, { notes: null }],
    ['lived experience as given', { ...REQUIRED, livedExperience: true }, { livedExperience: true }],
  ])('%s', (_, answers, expected) => {
    expect(draftSession(answers, TRIO)).toEqual({
      relationshipId: 3,
      date: '2026-03-12',
      minutes: 45,
      kind: 'one-to-one',
      level: 'team',
      themes: [],
      livedExperience: false,
      mentors: ['10000024', '10000034'],
      notes: null,
      ...expected,
    });
  });
});

describe('editedSession: only the fields given change', () => {
  const BEFORE: SessionBefore = {
    relationshipId: 3,
    date: '2026-03-12',
    minutes: 45,
    kind: 'one-to-one',
    level: 'team',
    themes: ['Belonging'],
    livedExperience: true,
    mentors: ['10000034'],
    notes: 'First meeting',
  };
  const OTHER: SessionTarget = { ...TRIO, id: 7, mentorIds: ['10000055'] };

  it.each<[string, Answers, SessionTarget, object]>([
    ['nothing given: the session as it was', {}, TRIO, {}],
    ['minutes and themes', { minutes: 90, themes: ['speaking up'] }, TRIO, { minutes: 90, themes: [{ key: 'speaking up', label: 'speaking up' }] }],
    ['moved to another relationship: its mentors were there', {}, OTHER, { relationshipId: 7, mentors: ['10000055'] }],
    ['moved, naming the mentor', { mentors: ['10000099', '10000099'] }, OTHER, { relationshipId: 7, mentors: ['10000099'] }],
    ['mentors named, not moved', { mentors: ['10000024'] }, TRIO, { mentors: ['10000024'] }],
    ['blank notes clear them', { notes: ' ' }, TRIO, { notes: null }],
    [
      'no lived experience, another kind and level',
      { livedExperience: false, kind: 'shadowing', level: 'system' },
      TRIO,
      { livedExperience: false, kind: 'shadowing', level: 'system' },
    ],
  ])('%s', (_, changes, target, expected) => {
    expect(editedSession(BEFORE, changes, target)).toEqual({
      relationshipId: 3,
      date: '2026-03-12',
      minutes: 45,
      kind: 'one-to-one',
      level: 'team',
      themes: [{ key: 'belonging', label: 'Belonging' }],
      livedExperience: true,
      mentors: ['10000034'],
      notes: 'First meeting',
      ...expected,
    });
  });
});

describe('givenAnswerProblems: flags refused before the first question', () => {
  it.each<[string, Answers, string[]]>([
    ['nothing given yet: nothing wrong', {}, []],
    ['a future date', { date: '2026-08-01' }, ['1 Aug 2026 is in the future; record a session once it has happened']],
    ['a day before the relationship started', { date: '2026-01-04' }, ['relationship #3 starts on 5 Jan 2026, after 4 Jan 2026']],
    ['no minutes', { minutes: 0 }, ['0 minutes is not a session length; expected a whole number from 1 to 600']],
    ['a mentor of another relationship', { mentors: ['10000090'] }, ['10000090 is not a mentor in relationship #3 (its mentors: 10000024, 10000034)']],
    ['good answers', { date: '2026-03-12', minutes: 45, mentors: ['10000024'] }, []],
  ])('%s', (_, answers, problems) => {
    expect(givenAnswerProblems(answers, TRIO, '2026-07-29').map((p) => p.message)).toEqual(problems);
  });
});

describe('the words of a refusal', () => {
  it.each([
    [{ relationshipId: 3, date: '2026-03-12', kind: 'one-to-one' as const }, 'a one-to-one session on 12 Mar 2026', 'A one-to-one session on 12 Mar 2026'],
    [{ relationshipId: 3, date: '2026-03-12', kind: 'observation' as const }, 'an observation session on 12 Mar 2026', 'An observation session on 12 Mar 2026'],
  ])('a duplicate of %j', (session, refused, asked) => {
    expect(duplicateProblem(session)).toBe(`${refused} is already recorded for relationship #3 (add --force if there really were two)`);
    expect(alreadyRecorded(session)).toBe(`${asked} is already recorded for #3.`);
  });

  it.each([
    [[], null],
    [['one'], 'Not saved: one.'],
    [['one', 'two'], 'Not saved: one; two.'],
  ])('notSaved(%j) is %j, a UserError (exit 1)', (problems, message) => {
    const refusal = notSaved(problems);
    expect(refusal?.message ?? null).toBe(message);
    if (refusal) expect(refusal).toBeInstanceOf(UserError);
  });
});

describe('offeredDate and sessionTarget', () => {
  it.each([
    ['running: today', { start: '2026-01-05', endedOn: null, plannedEnd: '2026-09-30' }, '2026-07-29', '2026-07-29'],
    ['ended early: its last day', { start: '2026-01-05', endedOn: '2026-04-30', plannedEnd: '2026-09-30' }, '2026-07-29', '2026-04-30'],
    ["after the cohort's end: its end", { start: '2026-01-05', endedOn: null, plannedEnd: '2026-09-30' }, '2026-11-02', '2026-09-30'],
  ])('%s', (_, relationship, today, offered) => {
    expect(offeredDate(relationship, today)).toBe(offered);
  });

  it('a relationship as a session is checked against it: its dates and its mentors by staff id', () => {
    const relationship = { id: 3, start: '2026-01-05', endedOn: null, plannedEnd: '2026-09-30', mentors: [{ staffId: '10000024' }, { staffId: '10000034' }] };
    expect(sessionTarget(relationship)).toEqual(TRIO);
  });
});

describe('relationshipsToChoose: what log-session offers to search', () => {
  const rel = (id: number, start: string, endedOn: string | null, plannedEnd = '2026-09-30') => ({ id, start, endedOn, plannedEnd });
  const RELATIONSHIPS = [
    rel(1, '2026-01-05', '2026-03-31'),
    rel(2, '2026-01-05', null),
    rel(3, '2026-01-05', '2026-05-31'),
    rel(4, '2026-08-01', null),
    rel(5, '2026-02-01', null),
  ];
  it.each([
    // Running first (as given), then ended, the most recently ended first; #4 has not started.
    [
      '2026-07-29',
      [
        [2, null],
        [5, null],
        [3, '2026-05-31'],
        [1, '2026-03-31'],
      ],
    ],
    // After the cohort's end every relationship has ended, on its own last day.
    [
      '2026-11-02',
      [
        [2, '2026-09-30'],
        [4, '2026-09-30'],
        [5, '2026-09-30'],
        [3, '2026-05-31'],
        [1, '2026-03-31'],
      ],
    ],
  ])('on %s', (today, expected) => {
    expect(relationshipsToChoose(RELATIONSHIPS, today).map(({ relationship, ended }) => [relationship.id, ended])).toEqual(expected);
  });

  it.each([
    [[], 'There are no relationships to record a session for.'],
    [
      [rel(4, '2026-08-01', null), rel(6, '2026-07-30', null)],
      'No relationship has started yet, so there is no session to record: the first starts on 30 Jul 2026.',
    ],
  ])('refuses %j: %s', (relationships, message) => {
    expect(() => relationshipsToChoose(relationships, '2026-07-29')).toThrow(UserError);
    expect(() => relationshipsToChoose(relationships, '2026-07-29')).toThrow(message);
  });

  it.each([
    ['2026-07-30', 'Relationship #4 starts on 31 Jul 2026: there is no session to record for it yet.'],
    ['2026-07-31', null],
    ['2026-08-01', null],
  ])('notStartedYet on %s: %j', (today, message) => {
    expect(notStartedYet(rel(4, '2026-07-31', null), today)?.message ?? null).toBe(message);
  });
});
