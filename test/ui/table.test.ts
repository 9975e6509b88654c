import { describe, expect, it } from 'vitest';
import { renderTable } from '../../src/ui/table.js';

describe('renderTable', () => {
  it('lines columns up by the widest cell, ignoring colour, and trims the last column', () => {
    expect(renderTable(['Id', 'Name'], [['1', '\u001b[2mAnn Lee\u001b[22m'], ['10000065', 'Chidi Eze']])).toBe(
      ['Id        Name', '--------  ---------', '1         \u001b[2mAnn Lee\u001b[22m', '10000065  Chidi Eze', ''].join('\n'),
    );
  });

  it('a header wider than every cell sets the width; a missing cell is blank', () => {
    expect(renderTable(['Staff id', 'Band', 'Status'], [['1', '5']])).toBe(['Staff id  Band  Status', '--------  ----  ------', '1         5', ''].join('\n'));
  });

  it('a national staff list (300,000 rows) renders instead of overflowing the stack', () => {
    const rows = Array.from({ length: 300_000 }, (_, i) => [String(i), i === 123_456 ? 'the longest name of all' : 'A Name']);
    const lines = renderTable(['Id', 'Name'], rows).split('\n');
    expect(lines).toHaveLength(300_003);
    expect(lines[1]).toBe(`${'-'.repeat(6)}  ${'-'.repeat(23)}`);
  });
});
