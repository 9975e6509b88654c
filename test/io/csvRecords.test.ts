import { describe, expect, it } from 'vitest';
import { CsvFaultError, CsvRecordSplitter, type SplitRecord } from '../../src/io/csvRecords.js';

function split(chunks: string[], delimiter = ',', max = 1_000_000): SplitRecord[] {
  const splitter = new CsvRecordSplitter(delimiter, max);
  const out: SplitRecord[] = [];
  for (const chunk of chunks) splitter.feed(chunk, out);
  splitter.end(out);
  return out;
}

/** Every way of cutting the text in two: chunk boundaries must never change the records. */
function everyCut(text: string): SplitRecord[][] {
  return Array.from({ length: text.length + 1 }, (_, k) => split([text.slice(0, k), text.slice(k)]));
}

describe('CsvRecordSplitter', () => {
  it.each<[string, string, Array<[number, string[]]>]>([
    [
      'plain LF',
      'a,b\n1,2\n',
      [
        [1, ['a', 'b']],
        [2, ['1', '2']],
      ],
    ],
    [
      'CRLF and no final line break',
      'a,b\r\n1,2',
      [
        [1, ['a', 'b']],
        [2, ['1', '2']],
      ],
    ],
    [
      'lone CR',
      'a,b\r1,2\r',
      [
        [1, ['a', 'b']],
        [2, ['1', '2']],
      ],
    ],
    [
      'a BOM is not data',
      '\ufeffa,b\n1,2\n',
      [
        [1, ['a', 'b']],
        [2, ['1', '2']],
      ],
    ],
    [
      'quoted delimiter, doubled quote',
      'a,b\n"x, y","say ""hi"""\n',
      [
        [1, ['a', 'b']],
        [2, ['x, y', 'say "hi"']],
      ],
    ],
    [
      'a line break in quotes counts as a physical line',
      'a,b\n"x\ny",3\n4,5\n',
      [
        [1, ['a', 'b']],
        [2, ['x\ny', '3']],
        [4, ['4', '5']],
      ],
    ],
    [
      'CRLF in quotes is kept and counted once',
      'a,b\r\n"x\r\ny",3\r\n4,5\r\n',
      [
        [1, ['a', 'b']],
        [2, ['x\r\ny', '3']],
        [4, ['4', '5']],
      ],
    ],
    [
      'an empty line is an empty record',
      'a\n\nb\n',
      [
        [1, ['a']],
        [2, ['']],
        [3, ['b']],
      ],
    ],
    ['empty quoted fields and empty fields', '"",,""\n', [[1, ['', '', '']]]],
    ['semicolons', 'a;"b;c"\n', [[1, ['a', 'b;c']]]],
  ])('%s', (_label, text, expected) => {
    const delimiter = text.includes(';') && !text.includes(',') ? ';' : ',';
    const want = expected.map(([line, cells]) => ({ line, cells }));
    expect(split([text], delimiter)).toEqual(want);
    if (delimiter === ',') for (const cut of everyCut(text)) expect(cut).toEqual(want);
  });

  it.each<[string, string, CsvFaultError['fault'], number]>([
    ['a quote inside an unquoted field', 'a,b\n1,x"y"\n', 'stray-quote', 2],
    ['text after a closing quote', 'a,b\n"x"y,2\n', 'stray-quote', 2],
    ['an unclosed quote', 'a,b\n1,2\n3,"oops\n4,5\n', 'unclosed-quote', 3],
  ])('refuses %s, naming the line the record starts on', (_label, text, fault, line) => {
    for (const chunks of [[text], [text.slice(0, 7), text.slice(7)], text.split('')]) {
      expect(() => split(chunks)).toThrow(CsvFaultError);
      try {
        split(chunks);
      } catch (error) {
        expect((error as CsvFaultError).fault).toBe(fault);
        expect((error as CsvFaultError).line).toBe(line);
      }
    }
  });

  it('refuses a runaway record, however it is chunked', () => {
    const text = `a,b\n1,${'x'.repeat(5000)}\n`;
    expect(() => split([text], ',', 1000)).toThrow(/record-too-long/);
    expect(() => split(text.match(/.{1,100}/gs)!, ',', 1000)).toThrow(/record-too-long/);
  });
});
