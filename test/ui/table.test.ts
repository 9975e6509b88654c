import { describe, expect, it } from 'vitest';
import stringWidth from 'string-width';
import { cut, displayWidth, renderTable, styled, wrapLines } from '../../src/ui/table.js';

describe('renderTable', () => {
  it('lines columns up by the widest cell, ignoring the colour remedi adds, and trims the last column', () => {
    expect(
      renderTable(
        ['Id', 'Name'],
        [
          ['1', styled('\u001b[2mAnn Lee\u001b[22m')],
          ['10000065', 'Chidi Eze'],
        ],
      ),
    ).toBe(['Id        Name', '--------  ---------', '1         \u001b[2mAnn Lee\u001b[22m', '10000065  Chidi Eze', ''].join('\n'));
  });

  it('a header wider than every cell sets the width; a missing cell is blank', () => {
    expect(renderTable(['Staff id', 'Band', 'Status'], [['1', '5']])).toBe(['Staff id  Band  Status', '--------  ----  ------', '1         5', ''].join('\n'));
  });

  it('shows the control characters of data cells as visible escapes, and lines up what is shown', () => {
    const table = renderTable(
      ['Name', 'Theme'],
      [
        ['Ann\u001b[2JLee', 'x\u009b31m'],
        ['Bo\nCole', '\u001b]8;;http://evil\u0007link\u001b]8;;\u0007'],
      ],
    );
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

describe('renderTable fitted to a terminal', () => {
  const notes: string[] = [];
  const fit = (width: number | null) => ({ width, err: (text: string) => notes.push(text) });
  const shownWidth = (line: string) => stringWidth(line);
  const headers = ['Staff id', 'Name', 'Department', 'Band', 'Seniority', 'Functions', 'Line manager', 'Capacity', 'Status'];
  const columns = {
    Name: { min: 12 },
    Department: { priority: 4, min: 10 },
    Functions: { priority: 5, min: 10 },
    Capacity: { priority: 6 },
    'Line manager': { priority: 7 },
  };
  const rows = [
    ['10000001', '王秀英 (Wang Xiuying)', 'Emergency Department', '8a', 'senior', 'clinical, managerial', '10000002', '1', 'active'],
    ['10000002', 'Zoë Ångström-Nkemelu 👩🏽‍⚕️', 'Estates and Facilities Management', 'VSM', 'executive', 'strategic', '', '2', 'active'],
    ['10000003', 'Jose\u0301 Garci\u0301a Ferna\u0301ndez de la Cruz', 'Pharmacy', '5', 'junior', 'front line', '10000001', '1', 'left'],
  ];

  it.each([80, 60])('at %i columns every line fits as displayed, and staff id, name and status stay', (width) => {
    notes.length = 0;
    const lines = renderTable(headers, rows, { fit: fit(width), columns })
      .trimEnd()
      .split('\n');
    for (const line of lines) expect(shownWidth(line)).toBeLessThanOrEqual(width);
    expect(lines[0]).toMatch(/^Staff id {2}Name/);
    expect(lines[0]).toMatch(/Status$/);
    // Columns line up as displayed: every row's Status starts where the header's does.
    const at = shownWidth(lines[0].slice(0, lines[0].lastIndexOf('Status')));
    for (const line of lines.slice(2)) expect(shownWidth(line.slice(0, line.search(/(active|left)$/)))).toBe(at);
  });

  it('at 30 columns staff id and name stay, cut', () => {
    const lines = renderTable(headers, rows, { fit: fit(30), columns })
      .trimEnd()
      .split('\n');
    for (const line of lines) expect(shownWidth(line)).toBeLessThanOrEqual(30);
    expect(lines[0]).toMatch(/^Staff id {2}Name/);
  });

  it('at 80 columns the least important go first, said on stderr', () => {
    notes.length = 0;
    const table = renderTable(headers, rows, { fit: fit(80), columns });
    expect(table.split('\n')[0]).toBe('Staff id  Name                              Band  Seniority  Status');
    // The note fits the window too.
    expect(notes).toEqual(['4 columns hidden to fit 80 columns: Line manager, Capacity, Functions,\nDepartment; --wide shows them.\n']);
    expect(table).toContain('José García Fernández de la Cruz'.normalize('NFD').replace(/\u0301/g, '\u0301'));
  });

  it('at 60 columns the longest name is cut with an ellipsis, whole characters only', () => {
    notes.length = 0;
    const lines = renderTable(headers, rows, { fit: fit(60), columns }).split('\n');
    expect(lines[0]).toBe('Staff id  Name                       Band  Seniority  Status');
    expect(lines[4]).toBe('10000003  Jose\u0301 Garci\u0301a Ferna\u0301ndez de…  5     junior     left');
    // The CJK name is 21 columns as displayed, so it is padded by 4, not by its length in code units.
    expect(lines[2]).toBe('10000001  王秀英 (Wang Xiuying)      8a    senior     active');
  });

  it('at 200 columns the whole table shows, nothing cut, no note', () => {
    notes.length = 0;
    const table = renderTable(headers, rows, { fit: fit(200), columns });
    expect(table).toBe(renderTable(headers, rows));
    expect(table).not.toContain('…');
    expect(table).toContain('Zoë Ångström-Nkemelu 👩🏽‍⚕️');
    expect(notes).toEqual([]);
    // Wide characters count double: the CJK name's column is padded as displayed.
    const lines = table.split('\n');
    expect(shownWidth(lines[2].slice(0, lines[2].indexOf('Emergency')))).toBe(shownWidth(lines[0].slice(0, lines[0].indexOf('Department'))));
  });

  it('with no width (redirected, or --wide) nothing is cut, however wide', () => {
    notes.length = 0;
    const long = [['1', 'x'.repeat(500)]];
    expect(renderTable(['Id', 'Name'], long, { fit: fit(null) })).toContain('x'.repeat(500));
    expect(notes).toEqual([]);
  });

  it('cut() cuts by displayed width and keeps whole characters', () => {
    expect(cut('王秀英王秀英', 7)).toBe('王秀英…');
    expect(stringWidth(cut('王秀英王秀英', 7))).toBe(7);
    expect(cut('Jose\u0301 Garci\u0301a', 6)).toBe('Jose\u0301 …');
    expect(cut('ab👩🏽‍⚕️cd', 4)).toBe('ab…');
    expect(cut('short', 10)).toBe('short');
    expect(displayWidth('👩🏽‍⚕️')).toBe(2);
    expect(displayWidth('e\u0301')).toBe(1);
  });

  it('a styled cell that must be cut loses its colour rather than leaving an escape open', () => {
    const table = renderTable(['Id', 'Functions'], [['1', styled('strategic, managerial, clinical\u001b[2m (derived)\u001b[22m')]], { fit: fit(20) });
    expect(table).not.toContain('\u001b');
    expect(table.split('\n')[2]).toBe('1   strategic, mana…');
  });

  // Speed is the bench's to measure; this only keeps fitting linear: a fit that went back over
  // the rows for each row would not finish 200,000 of them within the test's time.
  it('fitted, a national staff list renders whole', () => {
    const many = Array.from({ length: 200_000 }, (_, i) => [String(i), `Name ${i} with a long surname`, 'Department of things', '5']);
    const lines = renderTable(['Id', 'Name', 'Department', 'Band'], many, { fit: fit(40) }).split('\n');
    expect(lines).toHaveLength(200_003);
    expect(lines.at(-2)).toMatch(/^199999 /);
  }, 30_000);
});

describe('wrapLines (prose on a terminal)', () => {
  it.each([
    ['a line that fits is left as it is', 'short line', 20, 'short line'],
    ['a fitted table line is left as it is', '  Id  Name\n  --  ----', 10, '  Id  Name\n  --  ----'],
    ['broken between words, the continuation indented two more', '  one two three four five', 12, '  one two\n    three\n    four\n    five'],
    ['no indent: continuations indented by two', 'alpha beta gamma delta', 11, 'alpha beta\n  gamma\n  delta'],
    ['a word wider than the terminal stands alone, never cut', 'a https://example.org/very/long b', 10, 'a\n  https://example.org/very/long\n  b'],
    ['measured as displayed: wide characters count two', '日本語 日本語 日本語', 13, '日本語 日本語\n  日本語'],
    ['colour escapes count nothing', '\u001b[1mbold\u001b[22m word word', 14, '\u001b[1mbold\u001b[22m word word'],
  ])('%s', (_, text, width, expected) => {
    expect(wrapLines(text, width)).toBe(expected);
  });

  it('keeps every word, in order, and every line fits where its words do', () => {
    const words = Array.from({ length: 200 }, (_, i) => 'x'.repeat(1 + ((i * 7) % 11)));
    const text = `    ${words.join(' ')}`;
    const out = wrapLines(text, 40).split('\n');
    expect(out.join(' ').split(' ').filter(Boolean)).toEqual(words);
    for (const line of out) expect(stringWidth(line)).toBeLessThanOrEqual(40);
    expect(out.slice(1).every((line) => line.startsWith('      x'))).toBe(true);
  });
});
