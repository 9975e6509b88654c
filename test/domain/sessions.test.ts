import { describe, expect, it } from 'vitest';
import {
  KINDS,
  KIND_LABELS,
  LEVELS,
  duplicateKey,
  normaliseTheme,
  parseKind,
  parseLevel,
  parseThemes,
  sessionProblems,
  type Kind,
  type SessionFacts,
  type SessionTarget,
} from '../../src/domain/sessions.js';
import { runsOn } from '../../src/domain/relationshipLife.js';

const KIND_LIST = 'one-to-one, observation, semi-structured-interview, reflective-discussion, shadowing, networking, critical-friend, other';
const LEVEL_LIST = 'individual, team, department, organisation, system';

describe('parseKind', () => {
  it.each(KINDS.map((kind) => [kind]))('reads the value %j as itself', (kind) => {
    expect(parseKind(kind)).toEqual({ ok: true, value: kind });
  });

  it.each(KINDS.map((kind) => [KIND_LABELS[kind], kind]))('reads the label %j as %j', (label, kind) => {
    expect(parseKind(label)).toEqual({ ok: true, value: kind });
  });

  it.each([
    ['One-to-one conversation', 'one-to-one'],
    ['Acting as a critical friend', 'critical-friend'],
    ['Observation of the mentee at work', 'observation'],
    ['SEMI-STRUCTURED INTERVIEW', 'semi-structured-interview'],
    ['  Reflective   discussion of attitudes  ', 'reflective-discussion'],
    ['Semi structured interview', 'semi-structured-interview'],
    ['semi_structured_interview', 'semi-structured-interview'],
    ['Critical Friend', 'critical-friend'],
    ['ONE-TO-ONE', 'one-to-one'],
    [' Shadowing ', 'shadowing'],
    ['NetWorking', 'networking'],
    ['Other', 'other'],
  ] as [string, Kind][])('reads %j, in any case and spacing, as %j', (raw, kind) => {
    expect(parseKind(raw)).toEqual({ ok: true, value: kind });
  });

  it.each([
    ['1-2-1', 'one-to-one'],
    ['121', 'one-to-one'],
    ['1:1', 'one-to-one'],
    ['1 to 1', 'one-to-one'],
    ['one to one', 'one-to-one'],
    ['One to one meeting', 'one-to-one'],
    ['conversation', 'one-to-one'],
    ['Interview', 'semi-structured-interview'],
    ['reflection', 'reflective-discussion'],
  ] as [string, Kind][])('reads the synonym %j as %j', (raw, kind) => {
    expect(parseKind(raw)).toEqual({ ok: true, value: kind });
  });

  it.each([
    ['obsrvation', 'observation'],
    ['Observaton', 'observation'],
    ['shadowng', 'shadowing'],
    ['netwroking', 'networking'],
    ['reflective discusion', 'reflective-discussion'],
    ['critical frend', 'critical-friend'],
    ['othr', 'other'],
  ])('refuses the near miss %j, suggesting %j', (raw, guess) => {
    const result = parseKind(raw);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problem).toBe(`"${raw.trim()}" is not a kind of session; did you mean "${guess}"? expected one of ${KIND_LIST}`);
  });

  it.each([['lunch'], ['coaching session'], ['team'], ['organisation'], ['walk and talk']])('refuses %j without a suggestion, listing the kinds', (raw) => {
    const result = parseKind(raw);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problem).toBe(`"${raw}" is not a kind of session; expected one of ${KIND_LIST}`);
    expect(result.problem).not.toContain('did you mean');
  });

  it.each([[''], ['   ']])('refuses the blank %j', (raw) => {
    const result = parseKind(raw);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problem).toContain(`expected one of ${KIND_LIST}`);
  });
});

describe('parseLevel', () => {
  it.each(LEVELS.map((level) => [level]))('reads the value %j as itself', (level) => {
    expect(parseLevel(level)).toEqual({ ok: true, value: level });
  });

  it.each([
    ['Individual', 'individual'],
    ['TEAM', 'team'],
    [' Department ', 'department'],
    ['Organisation', 'organisation'],
    ['SyStEm', 'system'],
    ['organization', 'organisation'],
    ['Organization', 'organisation'],
    ['Organisational', 'organisation'],
    ['organizational', 'organisation'],
    ['Departmental', 'department'],
  ])('reads %j as %j', (raw, level) => {
    expect(parseLevel(raw)).toEqual({ ok: true, value: level });
  });

  it.each([
    ['teem', 'team'],
    ['sytem', 'system'],
    ['individul', 'individual'],
    ['departmnt', 'department'],
    ['organsation', 'organisation'],
  ])('refuses the near miss %j, suggesting %j', (raw, guess) => {
    const result = parseLevel(raw);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problem).toBe(`"${raw}" is not a level; did you mean "${guess}"? expected one of ${LEVEL_LIST}`);
  });

  it.each([['national'], ['one-to-one'], ['conversation'], ['ward level']])('refuses %j without a suggestion, listing the levels', (raw) => {
    const result = parseLevel(raw);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problem).toBe(`"${raw}" is not a level; expected one of ${LEVEL_LIST}`);
  });

  it.each([[''], ['  ']])('refuses the blank %j', (raw) => {
    const result = parseLevel(raw);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problem).toContain(`expected one of ${LEVEL_LIST}`);
  });
});

describe('normaliseTheme', () => {
  it.each([
    ['career progression', 'career progression', 'career progression'],
    ['  Career progression  ', 'Career progression', 'career progression'],
    ['Career    progression', 'Career progression', 'career progression'],
    ['Career\tprogression\n', 'Career progression', 'career progression'],
    ['MICRO-AGGRESSIONS', 'MICRO-AGGRESSIONS', 'micro-aggressions'],
    ['Recruitment  Panels ', 'Recruitment Panels', 'recruitment panels'],
  ])('%j has label %j and key %j', (raw, label, key) => {
    expect(normaliseTheme(raw)).toEqual({ key, label });
  });

  it.each([[''], ['   '], ['\t\n']])('blank %j is no theme', (raw) => {
    expect(normaliseTheme(raw)).toBeNull();
  });

  it('treats a decomposed é as the composed é', () => {
    const decomposed = 'Cafe\u0301 culture';
    const composed = 'Caf\u00e9 culture';
    expect(decomposed).not.toBe(composed);
    expect(normaliseTheme(decomposed)).toEqual(normaliseTheme(composed));
    expect(normaliseTheme(decomposed)?.label).toBe(composed);
  });
});

describe('parseThemes', () => {
  it.each<[string, string[], Array<{ key: string; label: string }>]>([
    ['no values', [], []],
    ['one theme', ['career progression'], [{ key: 'career progression', label: 'career progression' }]],
    [
      'a ;-separated cell',
      ['career progression; micro-aggressions ;recruitment panels'],
      [
        { key: 'career progression', label: 'career progression' },
        { key: 'micro-aggressions', label: 'micro-aggressions' },
        { key: 'recruitment panels', label: 'recruitment panels' },
      ],
    ],
    [
      'several flag values, some with ;',
      ['career progression', 'micro-aggressions;recruitment panels'],
      [
        { key: 'career progression', label: 'career progression' },
        { key: 'micro-aggressions', label: 'micro-aggressions' },
        { key: 'recruitment panels', label: 'recruitment panels' },
      ],
    ],
    [
      'repeats in another spelling (first kept)',
      ['Career  progression', 'career progression', 'CAREER PROGRESSION'],
      [{ key: 'career progression', label: 'Career progression' }],
    ],
    [
      'repeats inside one cell',
      ['Micro-aggressions; micro-aggressions ;Recruitment panels'],
      [
        { key: 'micro-aggressions', label: 'Micro-aggressions' },
        { key: 'recruitment panels', label: 'Recruitment panels' },
      ],
    ],
    ['empty parts', [';;career progression; ;', '', '  '], [{ key: 'career progression', label: 'career progression' }]],
    ['only separators', [';', ' ; ; '], []],
    ['decomposed then composed é', ['Cafe\u0301 culture', 'caf\u00e9 culture'], [{ key: 'caf\u00e9 culture', label: 'Caf\u00e9 culture' }]],
  ])('%s', (_name, values, themes) => {
    expect(parseThemes(values)).toEqual(themes);
  });
});

/** A running relationship: 1 Mar 2024 to the cohort's end, 28 Feb 2025; a trio. */
const RUNNING: SessionTarget = { id: 7, start: '2024-03-01', endedOn: null, plannedEnd: '2025-02-28', mentorIds: ['E1001', 'E1002'] };
/** Ended early, on 31 Oct 2024. */
const ENDED: SessionTarget = { ...RUNNING, id: 9, endedOn: '2024-10-31' };
const TODAY = '2024-12-15';

const facts = (changes: Partial<SessionFacts> = {}): SessionFacts => ({
  date: '2024-06-12',
  minutes: 60,
  mentors: ['E1001'],
  themes: [{ key: 'career progression', label: 'career progression' }],
  ...changes,
});

const longTheme = (length: number) => ({ key: 'x'.repeat(length), label: 'x'.repeat(length) });

describe('sessionProblems', () => {
  it.each<[string, Partial<SessionFacts>, SessionTarget, string]>([
    ['an ordinary session', {}, RUNNING, TODAY],
    ['dated today', { date: TODAY }, RUNNING, TODAY],
    ['on the start day', { date: '2024-03-01' }, RUNNING, TODAY],
    ['on the end day of an ended relationship', { date: '2024-10-31' }, ENDED, TODAY],
    ['on the planned end day of a running one', { date: '2025-02-28' }, RUNNING, '2025-03-10'],
    ['1 minute', { minutes: 1 }, RUNNING, TODAY],
    ['600 minutes', { minutes: 600 }, RUNNING, TODAY],
    ['both mentors of a trio', { mentors: ['E1001', 'E1002'] }, RUNNING, TODAY],
    ['no mentors named', { mentors: [] }, RUNNING, TODAY],
    ['no themes', { themes: [] }, RUNNING, TODAY],
    ['a theme of 80 characters', { themes: [longTheme(80)] }, RUNNING, TODAY],
  ])('accepts %s', (_name, changes, target, today) => {
    expect(sessionProblems(facts(changes), target, today)).toEqual([]);
  });

  it.each<[string, Partial<SessionFacts>, SessionTarget, string, { field: string; value: string; message: string }]>([
    [
      'a date in the future',
      { date: '2024-12-16' },
      RUNNING,
      TODAY,
      { field: 'date', value: '2024-12-16', message: '16 Dec 2024 is in the future; record a session once it has happened' },
    ],
    [
      'a date before the relationship starts',
      { date: '2024-02-29' },
      RUNNING,
      TODAY,
      { field: 'date', value: '2024-02-29', message: 'relationship #7 starts on 1 Mar 2024, after 29 Feb 2024' },
    ],
    [
      'a date after an ended relationship ended',
      { date: '2024-11-01' },
      ENDED,
      TODAY,
      { field: 'date', value: '2024-11-01', message: 'relationship #9 ended on 31 Oct 2024, before 1 Nov 2024' },
    ],
    [
      'a date after the planned end of a running one',
      { date: '2025-03-01' },
      RUNNING,
      '2025-03-10',
      { field: 'date', value: '2025-03-01', message: "relationship #7 runs to 28 Feb 2025 (the cohort's end), before 1 Mar 2025" },
    ],
    [
      '0 minutes',
      { minutes: 0 },
      RUNNING,
      TODAY,
      { field: 'minutes', value: '0', message: '0 minutes is not a session length; expected a whole number from 1 to 600' },
    ],
    [
      '601 minutes',
      { minutes: 601 },
      RUNNING,
      TODAY,
      { field: 'minutes', value: '601', message: '601 minutes is not a session length; expected a whole number from 1 to 600' },
    ],
    [
      '1.5 minutes',
      { minutes: 1.5 },
      RUNNING,
      TODAY,
      { field: 'minutes', value: '1.5', message: '1.5 minutes is not a session length; expected a whole number from 1 to 600' },
    ],
    [
      '-30 minutes',
      { minutes: -30 },
      RUNNING,
      TODAY,
      { field: 'minutes', value: '-30', message: '-30 minutes is not a session length; expected a whole number from 1 to 600' },
    ],
    [
      'a mentor not in the relationship',
      { mentors: ['E1001', 'E3003'] },
      RUNNING,
      TODAY,
      { field: 'mentors', value: 'E3003', message: 'E3003 is not a mentor in relationship #7 (its mentors: E1001, E1002)' },
    ],
    [
      'a theme of 81 characters',
      { themes: [longTheme(81)] },
      RUNNING,
      TODAY,
      {
        field: 'themes',
        value: 'x'.repeat(81),
        message: `the theme "${'x'.repeat(20)}..." is longer than 80 characters; themes are short tags`,
      },
    ],
  ])('refuses %s', (_name, changes, target, today, problem) => {
    expect(sessionProblems(facts(changes), target, today)).toEqual([problem]);
  });

  it('reports every problem at once', () => {
    const problems = sessionProblems(
      facts({ date: '2025-01-10', minutes: 0, mentors: ['E3003', 'E1002', 'E4004'], themes: [longTheme(90), { key: 'ok', label: 'ok' }] }),
      ENDED,
      TODAY,
    );
    expect(problems.map((p) => [p.field, p.value])).toEqual([
      ['date', '2025-01-10'],
      ['date', '2025-01-10'],
      ['minutes', '0'],
      ['mentors', 'E3003'],
      ['mentors', 'E4004'],
      ['themes', 'x'.repeat(90)],
    ]);
    expect(problems[0].message).toContain('in the future');
    expect(problems[1].message).toContain('ended on 31 Oct 2024');
  });

  it('names people as the caller asks: a command that knows their names gives them', () => {
    const names: Record<string, string> = { E1001: 'Priya Sharma', E1002: 'Tendai Moyo', E3003: 'Chidi Eze' };
    const problems = sessionProblems(facts({ mentors: ['E3003'] }), RUNNING, TODAY, (id) => `${names[id]} (${id})`);
    expect(problems).toEqual([
      {
        field: 'mentors',
        value: 'E3003',
        message: 'Chidi Eze (E3003) is not a mentor in relationship #7 (its mentors: Priya Sharma (E1001), Tendai Moyo (E1002))',
      },
    ]);
  });

  it.each<[string, SessionTarget]>([
    ['2024-02-29', RUNNING],
    ['2024-03-01', RUNNING],
    ['2025-02-28', RUNNING],
    ['2025-03-01', RUNNING],
    ['2024-10-31', ENDED],
    ['2024-11-01', ENDED],
    ['2024-03-01', { ...RUNNING, endedOn: '2024-03-01' }],
    ['2024-03-02', { ...RUNNING, endedOn: '2024-03-01' }],
  ])('refuses a date exactly when the relationship does not run on it (%s, case %#)', (date, target) => {
    const dateProblem = sessionProblems(facts({ date }), target, '2025-12-31').some((p) => p.field === 'date');
    expect(dateProblem).toBe(!runsOn(target, date));
  });
});

describe('duplicateKey', () => {
  it.each<[string, [number, string, Kind], [number, string, Kind], boolean]>([
    ['same relationship, date and kind', [7, '2024-06-12', 'observation'], [7, '2024-06-12', 'observation'], true],
    ['another kind', [7, '2024-06-12', 'observation'], [7, '2024-06-12', 'shadowing'], false],
    ['another date', [7, '2024-06-12', 'observation'], [7, '2024-06-13', 'observation'], false],
    ['another relationship', [7, '2024-06-12', 'observation'], [17, '2024-06-12', 'observation'], false],
  ])('%s: same key is %s', (_name, a, b, same) => {
    expect(duplicateKey(...a) === duplicateKey(...b)).toBe(same);
  });
});
