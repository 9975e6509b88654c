import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rarestCombination } from '../../src/domain/kAnonymity.js';
import { identifyingColumns, researchDataset, type ResearchInput, type ResearchPerson } from '../../src/domain/researchExport.js';
import type { Seniority } from '../../src/domain/bands.js';
import type { BmeStatus } from '../../src/domain/ethnicity.js';

const person = (staffId: string, seniority: Seniority | null, bme: BmeStatus): [string, ResearchPerson] => [staffId, { staffId, seniority, bme }];
const counter = () => {
  let n = 0;
  return () => `id${String((n += 1)).padStart(3, '0')}`;
};

const INPUT: ResearchInput = {
  people: new Map([
    person('L1', 'senior', 'no'),
    person('L2', 'senior', 'no'),
    person('M1', 'junior', 'yes'),
    person('M2', 'junior', 'yes'),
    person('M3', null, 'unknown'),
  ]),
  relationships: [
    { id: 1, cohort: 1, menteeId: 'L1', mentorIds: ['M1'], type: 'race', start: '2026-01-05', endedOn: null, plannedEnd: '2026-09-30' },
    { id: 2, cohort: 1, menteeId: 'L2', mentorIds: ['M2', 'M3'], type: 'general', start: '2026-01-05', endedOn: '2026-02-20', plannedEnd: '2026-09-30' },
  ],
  sessions: [
    {
      relationshipId: 1,
      date: '2026-01-06',
      minutes: 60,
      kind: 'one-to-one',
      level: 'individual',
      livedExperience: true,
      themes: ['speaking up', 'career progression'],
    },
    { relationshipId: 1, date: '2026-01-20', minutes: 30, kind: 'shadowing', level: 'team', livedExperience: false, themes: [] },
    { relationshipId: 1, date: '2026-02-10', minutes: 45, kind: 'one-to-one', level: 'team', livedExperience: false, themes: [] },
    // After the as-of day: not counted.
    { relationshipId: 1, date: '2026-03-20', minutes: 45, kind: 'one-to-one', level: 'team', livedExperience: false, themes: [] },
    // After relationship 2 ended: not counted.
    { relationshipId: 2, date: '2026-02-25', minutes: 45, kind: 'one-to-one', level: 'team', livedExperience: false, themes: [] },
  ],
  scores: [
    { staffId: 'L1', cohort: 1, group: 'mentees', stage: 'start', question: 'I understand racism at work', score: 2 },
    { staffId: 'L1', cohort: 1, group: 'mentees', stage: 'end', question: 'I understand racism at work', score: 4 },
  ],
  asOf: '2026-03-10',
};

const table = (dataset: ReturnType<typeof researchDataset>, file: string) => {
  const found = dataset.tables.find((t) => t.file === file);
  if (found === undefined) throw new Error(`no ${file}`);
  return found;
};

describe('researchDataset', () => {
  it('with k = 1 keeps every person, each with cohort, role, seniority group and BME, unknowns empty', () => {
    const dataset = researchDataset(INPUT, 1, counter());
    expect(table(dataset, 'people.csv').rows).toEqual([
      ['id001', '1', 'mentee', 'senior', 'no'],
      ['id002', '1', 'mentor', 'junior', 'yes'],
      ['id003', '1', 'mentee', 'senior', 'no'],
      ['id004', '1', 'mentor', 'junior', 'yes'],
      ['id005', '1', 'mentor', '', ''],
    ]);
  });

  it('counts each relationship as of the day, to its end, and lists its sessions by month without dates or people', () => {
    const dataset = researchDataset(INPUT, 1, counter());
    expect(table(dataset, 'relationships.csv').rows).toEqual([
      ['id006', 1, 'race', 'pair', 3, 2, 3, 1.5, 135, 1],
      ['id007', 1, 'general', 'trio', 2, 1, 0, 0, 0, 0],
    ]);
    expect(table(dataset, 'sessions.csv').rows).toEqual([
      ['id006', 1, 'one-to-one', 'individual', 60, 'yes', 'career progression; speaking up'],
      ['id006', 1, 'shadowing', 'team', 30, 'no', ''],
      ['id006', 2, 'one-to-one', 'team', 45, 'no', ''],
    ]);
  });

  it('gives survey scores by the person-and-cohort id only', () => {
    const dataset = researchDataset(INPUT, 1, counter());
    expect(table(dataset, 'survey_scores.csv').rows).toEqual([
      ['id001', 'end', 'I understand racism at work', 4],
      ['id001', 'start', 'I understand racism at work', 2],
    ]);
  });

  it('only people.csv has role, seniority group or BME columns', () => {
    const dataset = researchDataset(INPUT, 1, counter());
    for (const t of dataset.tables.filter((t) => t.file !== 'people.csv')) {
      expect(t.headers.some((h) => ['role', 'seniority_group', 'bme', 'group'].includes(h))).toBe(false);
    }
  });

  it('with k = 2 leaves out the one person whose combination nobody shares, even with every cell empty', () => {
    const dataset = researchDataset(INPUT, 2, counter());
    const rows = table(dataset, 'people.csv').rows.map((r) => r.slice(1).join(','));
    expect(rows.sort()).toEqual(['1,mentee,senior,no', '1,mentee,senior,no', '1,mentor,junior,yes', '1,mentor,junior,yes']);
    expect(dataset.leftOut).toBe(1);
  });

  it('empties the seniority group of a rare combination before giving up BME', () => {
    const people = new Map(INPUT.people);
    people.set('M3', { staffId: 'M3', seniority: 'middle', bme: 'yes' });
    const dataset = researchDataset({ ...INPUT, people }, 3, counter());
    const rows = table(dataset, 'people.csv').rows.map((r) => r.slice(1).join(','));
    expect(rows.sort()).toEqual(['1,mentor,,yes', '1,mentor,,yes', '1,mentor,,yes']);
    expect(dataset.suppressed).toEqual([
      { column: 'seniority_group', cells: 3 },
      { column: 'bme', cells: 0 },
      { column: 'role', cells: 0 },
      { column: 'cohort', cells: 0 },
    ]);
    expect(dataset.leftOut).toBe(2);
  });

  it('with k above everyone, leaves everyone out of people.csv', () => {
    const dataset = researchDataset(INPUT, 6, counter());
    expect(table(dataset, 'people.csv').rows).toEqual([]);
    expect(dataset.leftOut).toBe(5);
  });
});

describe('researchDataset with characteristics enabled', () => {
  const valued = (staffId: string, seniority: Seniority | null, bme: BmeStatus, values: Record<string, 'yes' | 'no'>): [string, ResearchPerson] => [
    staffId,
    { staffId, seniority, bme, characteristics: new Map(Object.entries(values)) },
  ];
  const WITH: ResearchInput = {
    ...INPUT,
    characteristics: ['disability', 'carer'],
    people: new Map([
      valued('L1', 'senior', 'no', { disability: 'no', carer: 'yes' }),
      valued('L2', 'senior', 'no', { disability: 'no' }),
      valued('M1', 'junior', 'yes', { disability: 'yes', carer: 'no' }),
      valued('M2', 'junior', 'yes', { disability: 'yes', carer: 'no' }),
      // No values stored: unknown, an empty cell.
      person('M3', null, 'unknown'),
    ]),
  };

  it('gives people.csv a column per characteristic after BME, yes or no, not known empty', () => {
    const people = table(researchDataset(WITH, 1, counter()), 'people.csv');
    expect(people.headers).toEqual(['person', 'cohort', 'role', 'seniority_group', 'bme', 'disability', 'carer']);
    expect(people.rows).toEqual([
      ['id001', '1', 'mentee', 'senior', 'no', 'no', 'yes'],
      ['id002', '1', 'mentor', 'junior', 'yes', 'yes', 'no'],
      ['id003', '1', 'mentee', 'senior', 'no', 'no', ''],
      ['id004', '1', 'mentor', 'junior', 'yes', 'yes', 'no'],
      ['id005', '1', 'mentor', '', '', '', ''],
    ]);
  });

  it('gives up the seniority group, then each characteristic in its order, before BME, role and cohort', () => {
    expect(identifyingColumns(['disability', 'carer'])).toEqual(['seniority_group', 'disability', 'carer', 'bme', 'role', 'cohort']);
    expect(identifyingColumns([])).toEqual(['seniority_group', 'bme', 'role', 'cohort']);
    const dataset = researchDataset(WITH, 2, counter());
    // L1 and L2 differ only in carer: their seniority group is emptied first, then disability (neither helps), then carer, and they pair up.
    const rows = table(dataset, 'people.csv').rows.map((r) => r.slice(1).join(','));
    expect(rows.sort()).toEqual(['1,mentee,,no,,', '1,mentee,,no,,', '1,mentor,junior,yes,yes,no', '1,mentor,junior,yes,yes,no']);
    expect(dataset.suppressed).toEqual([
      { column: 'seniority_group', cells: 2 },
      { column: 'disability', cells: 2 },
      { column: 'carer', cells: 1 },
      { column: 'bme', cells: 0 },
      { column: 'role', cells: 0 },
      { column: 'cohort', cells: 0 },
    ]);
    expect(dataset.leftOut).toBe(1);
  });

  it('keeps a characteristic named like another column apart from it', () => {
    const dataset = researchDataset({ ...WITH, characteristics: ['role'], people: new Map([valued('L1', 'senior', 'no', { role: 'yes' })]) }, 1, counter());
    const people = table(dataset, 'people.csv');
    expect(people.headers).toEqual(['person', 'cohort', 'role', 'seniority_group', 'bme', 'role']);
    expect(people.rows[0]).toEqual(['id001', '1', 'mentee', 'senior', 'no', 'yes']);
  });

  it('on random people, values and k: no combination of every identifying column rarer than k, and only identifying cells emptied', () => {
    const names = ['disability', 'sex', 'carer'];
    const value = fc.constantFrom<'yes' | 'no' | undefined>('yes', 'no', undefined);
    const someone = fc.record({
      seniority: fc.constantFrom<Seniority | null>('junior', 'middle', 'senior', null),
      bme: fc.constantFrom<BmeStatus>('yes', 'no', 'unknown'),
      values: fc.tuple(value, value, value),
      cohort: fc.integer({ min: 1, max: 2 }),
      mentee: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(someone, { minLength: 1, maxLength: 60 }), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 2, max: 8 }), (spec, enabled, k) => {
        const characteristics = names.slice(0, enabled);
        const people = new Map(
          spec.map((p, i): [string, ResearchPerson] => {
            const stored = new Map<string, 'yes' | 'no'>();
            characteristics.forEach((name, j) => {
              if (p.values[j] !== undefined) stored.set(name, p.values[j]);
            });
            return [`P${i}`, { staffId: `P${i}`, seniority: p.seniority, bme: p.bme, characteristics: stored }];
          }),
        );
        // Each person the mentee, or the mentor, of a relationship of their own.
        const relationships = spec.map((p, i) => ({
          id: i + 1,
          cohort: p.cohort,
          menteeId: p.mentee ? `P${i}` : 'LEADER',
          mentorIds: p.mentee ? ['MENTOR'] : [`P${i}`],
          type: 'general' as const,
          start: '2026-01-05',
          endedOn: null,
          plannedEnd: '2026-09-30',
        }));
        const dataset = researchDataset({ people, relationships, sessions: [], scores: [], characteristics, asOf: '2026-03-10' }, k, counter());
        const file = table(dataset, 'people.csv');
        expect(file.headers).toEqual(['person', 'cohort', 'role', 'seniority_group', 'bme', ...characteristics]);
        const rows = file.rows.map((r) => Object.fromEntries(file.headers.map((h, i) => [i >= 5 ? `c:${h}` : h, String(r[i])])));
        const columns = [...identifyingColumns([]), ...characteristics.map((name) => `c:${name}`)];
        expect(rarestCombination(rows, columns)).toBeGreaterThanOrEqual(k);
        expect(file.rows.length + dataset.leftOut).toBe(dataset.rows);
        // The same export with k = 1 (the same ids, nothing emptied): every cell kept is as it was, or empty.
        const whole = table(
          researchDataset({ people, relationships, sessions: [], scores: [], characteristics, asOf: '2026-03-10' }, 1, counter()),
          'people.csv',
        );
        const original = new Map(whole.rows.map((r) => [r[0], r]));
        for (const row of file.rows) row.forEach((cell, i) => expect([original.get(row[0])![i], '']).toContain(cell));
        for (const row of whole.rows) for (const cell of row.slice(5)) expect(['yes', 'no', '']).toContain(cell);
        expect(dataset.suppressed.map((s) => s.column)).toEqual(identifyingColumns(characteristics));
      }),
      { numRuns: 200 },
    );
  });
});
