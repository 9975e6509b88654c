import { describe, expect, it } from 'vitest';
import { researchDataset, type ResearchInput, type ResearchPerson } from '../../src/domain/researchExport.js';
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
