import { describe, expect, it } from 'vitest';
import { analyseThemes, type ThemedSession, type ThemeRow } from '../../src/domain/themeAnalysis.js';

/** One session of a relationship in a cohort, raising the given themes. */
const s = (cohort: number, relationshipId: number, ...themes: string[]): ThemedSession => ({ cohort, relationshipId, themes });

/** `count` sessions of one relationship, each raising `theme`. */
const repeat = (count: number, cohort: number, relationshipId: number, theme: string): ThemedSession[] =>
  Array.from({ length: count }, () => s(cohort, relationshipId, theme));

const row = (rows: ThemeRow[], theme: string): ThemeRow | undefined => rows.find((r) => r.theme === theme);

describe('analyseThemes: normalisation', () => {
  it.each<{ name: string; labels: string[]; theme: string }>([
    { name: 'case variants', labels: ['Racism', 'racism', 'RACISM'], theme: 'Racism' },
    { name: 'leading, trailing and inner spacing', labels: ['Staff wellbeing', '  staff   wellbeing ', 'Staff\twellbeing'], theme: 'Staff wellbeing' },
    { name: 'the first label is kept, as written after trimming', labels: ['  speaking  UP ', 'Speaking up', 'SPEAKING UP'], theme: 'speaking UP' },
  ])('$name make one theme', ({ labels, theme }) => {
    const result = analyseThemes(
      labels.map((label, i) => s(1, i + 1, label)),
      [1],
    );
    expect(result.themes).toHaveLength(1);
    expect(result.themes[0]).toMatchObject({ theme, sessions: labels.length, relationships: labels.length });
  });

  it.each<{ name: string; sessions: ThemedSession[] }>([
    { name: 'no themes', sessions: [s(1, 1)] },
    { name: 'empty strings', sessions: [s(1, 1, ''), s(2, 2, '')] },
    { name: 'blank strings', sessions: [s(1, 1, '   ', '\t')] },
    { name: 'no sessions', sessions: [] },
  ])('ignores $name', ({ sessions }) => {
    expect(analyseThemes(sessions, [1, 2]).themes).toStrictEqual([]);
  });

  it('a blank label beside a real one does not count', () => {
    const [only] = analyseThemes([s(1, 1, '', 'Racism', ' ')], [1]).themes;
    expect(only).toStrictEqual({
      theme: 'Racism',
      byCohort: { '1': { sessions: 1, relationships: 1 } },
      sessions: 1,
      relationships: 1,
      recurring: false,
      sources: ['sessions'],
    });
  });
});

describe('analyseThemes: counts by cohort', () => {
  const result = analyseThemes(
    [
      s(1, 10, 'Racism'),
      s(1, 10, 'racism', 'Workload'),
      s(1, 11, 'Racism'),
      s(2, 20, ' RACISM '),
      s(4, 40, 'Workload'),
      s(4, 41, 'workload'),
      s(4, 41, 'Workload'),
    ],
    [1, 2, 4],
  );

  it.each<{ theme: string; byCohort: ThemeRow['byCohort']; sessions: number; relationships: number }>([
    {
      theme: 'Racism',
      byCohort: { '1': { sessions: 3, relationships: 2 }, '2': { sessions: 1, relationships: 1 } },
      sessions: 4,
      relationships: 3,
    },
    {
      theme: 'Workload',
      byCohort: { '1': { sessions: 1, relationships: 1 }, '4': { sessions: 3, relationships: 2 } },
      sessions: 4,
      relationships: 3,
    },
  ])('$theme: sessions and distinct relationships per cohort, and totals', ({ theme, byCohort, sessions, relationships }) => {
    const found = row(result.themes, theme);
    expect(found?.byCohort).toStrictEqual(byCohort);
    expect([found?.sessions, found?.relationships]).toStrictEqual([sessions, relationships]);
  });

  it('keys byCohort by cohort number as a string, only for cohorts that raised the theme', () => {
    expect(Object.keys(row(result.themes, 'Racism')?.byCohort ?? {})).toStrictEqual(['1', '2']);
    expect(Object.keys(row(result.themes, 'Workload')?.byCohort ?? {})).toStrictEqual(['1', '4']);
  });

  it('counts a relationship once in the total even across several sessions and themes', () => {
    const [only] = analyseThemes([...repeat(5, 1, 7, 'Trust')], [1]).themes;
    expect([only.sessions, only.relationships, only.byCohort['1']]).toStrictEqual([5, 1, { sessions: 5, relationships: 1 }]);
  });
});

describe('analyseThemes: recurring', () => {
  it.each<{ name: string; sessions: ThemedSession[]; recurring: boolean }>([
    { name: 'one session in one cohort', sessions: [s(1, 1, 'Trust')], recurring: false },
    { name: 'many relationships in one cohort', sessions: [s(2, 1, 'Trust'), s(2, 2, 'trust'), s(2, 3, 'Trust'), s(2, 4, 'Trust')], recurring: false },
    { name: 'two cohorts', sessions: [s(1, 1, 'Trust'), s(2, 2, 'TRUST')], recurring: true },
    { name: 'three cohorts', sessions: [s(1, 1, 'Trust'), s(2, 2, 'Trust'), s(3, 3, 'Trust')], recurring: true },
  ])('$name: recurring is $recurring', ({ sessions, recurring }) => {
    const { themes } = analyseThemes(sessions, [1, 2, 3]);
    expect(themes.map((t) => [t.theme, t.recurring])).toStrictEqual([['Trust', recurring]]);
  });
});

describe('analyseThemes: order', () => {
  it('sorts by cohorts, then relationships, then sessions, then name', () => {
    const { themes } = analyseThemes(
      [
        // Workload: 3 cohorts, 3 relationships, 3 sessions.
        s(1, 10, 'Workload'),
        s(2, 20, 'Workload'),
        s(3, 30, 'Workload'),
        // Voice: 2 cohorts, 5 relationships.
        s(1, 10, 'Voice'),
        s(1, 11, 'Voice'),
        s(1, 12, 'Voice'),
        s(2, 20, 'Voice'),
        s(2, 21, 'Voice'),
        // Uniforms: 1 cohort, 6 relationships.
        ...[10, 11, 12, 13, 14, 15].map((id) => s(1, id, 'Uniforms')),
        // Trust: 1 cohort, 2 relationships, 5 sessions. Silence: 1 cohort, 2 relationships, 3 sessions.
        ...repeat(4, 1, 10, 'Trust'),
        s(1, 11, 'Trust'),
        ...repeat(2, 1, 10, 'Silence'),
        s(1, 11, 'Silence'),
        // Belonging and Allyship: 1 cohort, 1 relationship, 1 session each: by name.
        s(1, 10, 'Belonging'),
        s(1, 10, 'Allyship'),
      ],
      [1, 2, 3],
    );
    expect(themes.map((t) => [t.theme, Object.keys(t.byCohort).length, t.relationships, t.sessions])).toStrictEqual([
      ['Workload', 3, 3, 3],
      ['Voice', 2, 5, 5],
      ['Uniforms', 1, 6, 6],
      ['Trust', 1, 2, 5],
      ['Silence', 1, 2, 3],
      ['Allyship', 1, 1, 1],
      ['Belonging', 1, 1, 1],
    ]);
  });
});

describe('analyseThemes: cohorts', () => {
  it.each<{ given: number[]; expected: number[] }>([
    { given: [3, 1, 2], expected: [1, 2, 3] },
    { given: [10, 9, 2], expected: [2, 9, 10] },
    { given: [], expected: [] },
  ])('lists the cohorts $given sorted as $expected', ({ given, expected }) => {
    const copy = [...given];
    expect(analyseThemes([s(1, 1, 'Trust')], given).cohorts).toStrictEqual(expected);
    expect(given).toStrictEqual(copy);
  });

  it('lists cohorts that raised no theme', () => {
    expect(analyseThemes([], [2, 1]).cohorts).toStrictEqual([1, 2]);
  });
});

describe('analyseThemes: one session, one count per theme', () => {
  it('counts a session once even if it lists the same theme in two spellings', () => {
    const [theme] = analyseThemes([s(1, 7, 'Racism', 'racism ')], [1]).themes;
    expect(theme).toMatchObject({ theme: 'Racism', sessions: 1, relationships: 1 });
  });
});
