import { describe, expect, it } from 'vitest';
import { parseValueMapOption } from '../../src/io/tableFile.js';
import { ROSTER_FIELDS } from '../../src/domain/rosterColumns.js';

describe('parseValueMapOption', () => {
  it.each<[string, { field: string; from: string; to: string }]>([
    ['band:Non AfC=VSM', { field: 'band', from: 'Non AfC', to: 'VSM' }],
    [' Band : Chair = Band 9 ', { field: 'band', from: 'Chair', to: 'Band 9' }],
    ['department:ED=Emergency Department', { field: 'department', from: 'ED', to: 'Emergency Department' }],
    ['band:N/A=', { field: 'band', from: 'N/A', to: '' }],
    ['job_title:A=B=C', { field: 'job_title', from: 'A', to: 'B=C' }],
  ])('%j', (rule, expected) => {
    expect(parseValueMapOption([rule], ROSTER_FIELDS)).toEqual([expected]);
  });

  it.each(['band=VSM', 'band:=VSM', 'grade:Non AfC=VSM', 'band:Non AfC', ':x=y'])('refuses %j', (rule) => {
    expect(() => parseValueMapOption([rule], ROSTER_FIELDS)).toThrow(/is not "field:value=replacement"/);
  });
});
