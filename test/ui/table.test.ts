import { describe, expect, it } from 'vitest';
import { renderTable, styled } from '../../src/ui/table.js';

describe('renderTable', () => {
  it('lines columns up by the widest cell, ignoring the colour remedi adds, and trims the last column', () => {
    expect(renderTable(['Id', 'Name'], [['1', styled('\u001b[2mAnn Lee\u001b[22m')], ['10000065', 'Chidi Eze']])).toBe(
      ['Id        Name', '--------  ---------', '1         \u001b[2mAnn Lee\u001b[22m', '10000065  Chidi Eze', ''].join('\n'),
    );
  });

  it('a header wider than every cell sets the width; a missing cell is blank', () => {
    expect(renderTable(['Staff id', 'Band', 'Status'], [['1', '5']])).toBe(['Staff id  Band  Status', '--------  ----  ------', '1         5', ''].join('\n'));
  });

  it('shows the control characters of data cells as visible escapes, and lines up what is shown', () => {
    const table = renderTable(['Name', 'Theme'], [['Ann\u001b[2JLee', 'x\u009b31m'], ['Bo\nCole', '\u001b]8;;http://evil\u0007link\u001b]8;;\u0007']]);
    expect(table).toBe(
      [
        'Name           Theme',
        `${'-'.repeat(13)}  ${'-'.repeat('\\x1b]8;;http://evil\\x07link\\x1b]8;;\\x07'.length)}`,
        'Ann\\x1b[2JLee  x\\u009b31m',
        'Bo\\x0aCole     \\x1b]8;;http://evil\\x07link\\x1b]8;;\\x07',
        '',
      ].join('\n'),
    );
    expect(table).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  });

  it('a national staff list (300,000 rows) renders instead of overflowing the stack', () => {
    const rows = Array.from({ length: 300_000 }, (_, i) => [String(i), i === 123_456 ? 'the longest name of all' : 'A Name']);
    const lines = renderTable(['Id', 'Name'], rows).split('\n');
    expect(lines).toHaveLength(300_003);
    expect(lines[1]).toBe(`${'-'.repeat(6)}  ${'-'.repeat(23)}`);
  });
});
