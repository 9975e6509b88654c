import { describe, expect, it } from 'vitest';
import { bandDisplay, parseBand, rankOfBand, seniorityOfRank, seniorityRank } from '../../src/domain/bands.js';

describe('parseBand', () => {
  it.each([
    // Agenda for Change, as HR files spell it
    ['Band 6', '6', 6],
    ['6', '6', 6],
    ['1', '1', 1],
    ['Band 7', '7', 7],
    ['8A', '8a', 8],
    ['Band 8a', '8a', 8],
    ['AfC 8a', '8a', 8],
    ['AfC Band 8a', '8a', 8],
    ['Band 8b', '8b', 9],
    ['Band 8 - Range C', '8c', 10],
    ['Band 8d', '8d', 11],
    ['Band 9', '9', 12],
    ['  band 5  ', '5', 5],
    ['VSM', 'VSM', 13],
    ['Very Senior Manager', 'VSM', 13],
    // medical and dental grades
    ['FY1', 'FY1', 5],
    ['FY2', 'FY2', 6],
    ['ST1', 'ST1', 7],
    ['ST3', 'ST3', 7],
    ['st8', 'ST8', 7],
    ['StR', 'StR', 7],
    ['Registrar', 'Registrar', 7],
    ['SAS', 'SAS', 7],
    ['Specialty Doctor', 'Specialty Doctor', 7],
    ['Associate Specialist', 'Associate Specialist', 7],
    ['Consultant', 'Consultant', 11],
    ['consultant', 'Consultant', 11],
  ])('reads %j as band %s (rank %i)', (raw, label, rank) => {
    expect(parseBand(raw)).toEqual({ label, rank });
  });

  it.each([['Band 10'], ['8e'], ['0'], ['Band'], ['Manager'], [''], ['   '], ['ST9'], ['8'], ['Band 8'], ['AfC 8']])('refuses %j', (raw) => {
    expect(parseBand(raw)).toBeNull();
  });
});

describe('medical grades rank with their Agenda for Change equivalents', () => {
  it.each([
    ['FY1', 'Band 5'],
    ['FY2', 'Band 6'],
    ['ST4', 'Band 7'],
    ['StR', 'Band 7'],
    ['Registrar', 'Band 7'],
    ['SAS', 'Band 7'],
    ['Specialty Doctor', 'Band 7'],
    ['Associate Specialist', 'Band 7'],
    ['Consultant', 'Band 8d'],
  ])('%s ranks as %s', (grade, afc) => {
    expect(parseBand(grade)!.rank).toBe(parseBand(afc)!.rank);
  });
});

describe('seniority levels', () => {
  it.each([
    ['1', 'junior'],
    ['6', 'junior'],
    ['FY1', 'junior'],
    ['FY2', 'junior'],
    ['7', 'middle'],
    ['8a', 'middle'],
    ['8b', 'middle'],
    ['Registrar', 'middle'],
    ['8c', 'senior'],
    ['8d', 'senior'],
    ['9', 'senior'],
    ['Consultant', 'senior'],
    ['VSM', 'senior'],
  ])('band %s is %s', (label, level) => {
    expect(seniorityOfRank(seniorityRank(label, false)!)).toBe(level);
  });

  it.each([['6'], ['1'], ['8c'], [null]])('a board member with band %s is a senior leader, above VSM', (label) => {
    const rank = seniorityRank(label, true)!;
    expect(seniorityOfRank(rank)).toBe('senior');
    expect(rank).toBeGreaterThan(rankOfBand('VSM')!);
  });

  it.each([
    [null, null],
    ['not-a-band', null],
    ['8c', 10],
  ])('rankOfBand(%j) is %j', (label, rank) => {
    expect(rankOfBand(label)).toBe(rank);
  });
});

describe('bandDisplay', () => {
  it.each([
    ['6', 'Band 6'],
    ['8a', 'Band 8a'],
    ['VSM', 'VSM'],
    ['Consultant', 'Consultant'],
    ['FY1', 'FY1'],
    [null, ''],
  ])('shows %j as %j', (label, shown) => {
    expect(bandDisplay(label)).toBe(shown);
  });
});
