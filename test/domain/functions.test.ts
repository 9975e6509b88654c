import { describe, expect, it } from 'vitest';
import { parseBand } from '../../src/domain/bands.js';
import { deriveFunctions, parseFunctions, type StaffFunction } from '../../src/domain/functions.js';

describe('parseFunctions', () => {
  it.each<[string, StaffFunction[]]>([
    ['strategic', ['strategic']],
    ['Managerial', ['managerial']],
    ['frontline', ['front line']],
    ['front line', ['front line']],
    ['Front-Line', ['front line']],
    ['FRONTLINE', ['front line']],
    ['clinical; front line', ['clinical', 'front line']],
    ['clinical,front line', ['clinical', 'front line']],
    ['front line, strategic', ['strategic', 'front line']],
    ['managerial;clinical, strategic', ['strategic', 'managerial', 'clinical']],
    ['clinical; clinical', ['clinical']],
    ['clinical;', ['clinical']],
  ])('reads %j', (raw, functions) => {
    expect(parseFunctions(raw)).toEqual({ ok: true, functions });
  });

  it.each([[''], ['   '], [' ; , ']])('a blank cell %j means derive (null)', (raw) => {
    expect(parseFunctions(raw)).toEqual({ ok: true, functions: null });
  });

  it.each([
    ['operational', 'operational'],
    ['clinical; leadership', 'leadership'],
    ['strategic, back office', 'back office'],
  ])('refuses %j, naming %j', (raw, unknown) => {
    expect(parseFunctions(raw)).toEqual({ ok: false, unknown });
  });
});

describe('deriveFunctions', () => {
  const rank = (band: string): number => parseBand(band)!.rank;

  it.each<[string, number | null, boolean, string | null, StaffFunction[]]>([
    ['a board member', null, true, null, ['strategic']],
    ['a board member with a junior band', rank('6'), true, null, ['strategic']],
    ['a VSM', rank('VSM'), false, null, ['strategic']],
    ['a band 8c', rank('8c'), false, null, ['managerial']],
    ['a band 8d', rank('8d'), false, null, ['managerial']],
    ['a band 9', rank('9'), false, null, ['managerial']],
    ['a consultant outside a clinical group', rank('Consultant'), false, null, ['managerial']],
    ['a consultant in Medical and Dental', rank('Consultant'), false, 'Medical and Dental', ['managerial', 'clinical']],
    ['a band 8b', rank('8b'), false, 'Estates and Ancillary', []],
    ['a band 7', rank('7'), false, 'Administrative and Clerical', []],
    ['a junior non-clinical', rank('3'), false, 'Administrative and Clerical', []],
    ['a junior with no staff group', rank('5'), false, null, []],
    ['someone with no band', null, false, null, []],
    ['a board member who is a medic', null, true, 'Medical and Dental', ['strategic', 'clinical']],
  ])('%s', (_who, r, board, group, functions) => {
    expect(deriveFunctions(r, board, group)).toEqual(functions);
  });

  it.each([
    ['Nursing and Midwifery Registered'],
    ['Medical and Dental'],
    ['Allied Health Professionals'],
    ['Healthcare Scientists'],
    ['Additional Clinical Services'],
    ['Add Prof Scientific and Technic'],
    ['NURSING AND MIDWIFERY REGISTERED'],
    ['allied health professionals'],
    ['add prof scientific and technic'],
  ])('a junior in staff group %j is clinical', (group) => {
    expect(deriveFunctions(rank('5'), false, group)).toEqual(['clinical']);
  });

  it.each([
    [rank('2'), false, 'Additional Clinical Services'],
    [rank('6'), false, 'Nursing and Midwifery Registered'],
    [rank('VSM'), false, 'Medical and Dental'],
    [null, true, null],
  ])('never derives front line (rank %j, board %j, group %j)', (r, board, group) => {
    expect(deriveFunctions(r, board, group)).not.toContain('front line');
  });
});
