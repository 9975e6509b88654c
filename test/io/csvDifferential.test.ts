/**
 * The hand-written CSV splitter (src/io/csvRecords.ts) against csv-parse, the general-purpose
 * parser it replaced for speed (issue 14). On generated text, cut into random chunks, both must
 * agree: the same records with the same values, or the same refusal of the same record.
 *
 * csv-parse is told to read CSV the way ours does: records end at CRLF, LF or CR; a BOM at the
 * start is not data; rows may differ in length (the importers check columns, not the splitter);
 * nothing is relaxed about quotes, since ours refuses what a spreadsheet never writes.
 *
 * Line numbers are not taken from csv-parse: its `info.lines` is where a record ends, not where
 * it starts, and counts a CRLF inside quotes as two lines. Each record's line is counted here
 * instead, as 1 + the line breaks (CR, LF, CRLF once) before its first character, using only
 * csv-parse's byte count to find where the record starts.
 */
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvFaultError, CsvRecordSplitter, type CsvFault, type SplitRecord } from '../../src/io/csvRecords.js';

type Outcome = { ok: true; records: SplitRecord[] } | { ok: false; fault: CsvFault; line: number };

const NO_LIMIT = 1_000_000;

/** Our splitter, fed the chunks in order. */
function ours(chunks: string[], delimiter: string, maxRecordChars = NO_LIMIT): Outcome {
  const splitter = new CsvRecordSplitter(delimiter, maxRecordChars);
  const records: SplitRecord[] = [];
  try {
    for (const chunk of chunks) splitter.feed(chunk, records);
    splitter.end(records);
  } catch (error) {
    if (error instanceof CsvFaultError) return { ok: false, fault: error.fault, line: error.line };
    throw error;
  }
  return { ok: true, records };
}

/** 1 + the line breaks in `text` before `offset`, a CRLF counting once. */
function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i += 1) {
    const c = text[i];
    if (c === '\r' || (c === '\n' && text[i - 1] !== '\r')) line += 1;
  }
  return line;
}

/** csv-parse's error codes for the faults ours names; any other code fails the test. */
const FAULT_OF_CODE: Record<string, CsvFault> = {
  CSV_QUOTE_NOT_CLOSED: 'unclosed-quote',
  INVALID_OPENING_QUOTE: 'stray-quote', // a quote inside an unquoted field
  CSV_INVALID_CLOSING_QUOTE: 'stray-quote', // text after a closing quote
};

/**
 * csv-parse on the whole text, its records given the lines counted by `lineAt`; `parsed` holds
 * the records read, all of them or those before the one refused.
 */
function reference(text: string, delimiter: string): { outcome: Outcome; parsed: SplitRecord[] } {
  const utf8 = Buffer.from(text, 'utf8');
  const parsed: SplitRecord[] = [];
  let nextStart = 0; // where the next record starts, in characters
  try {
    parse(text, {
      delimiter,
      record_delimiter: ['\r\n', '\n', '\r'],
      bom: true,
      relax_column_count: true,
      on_record: (record, context) => {
        parsed.push({ line: lineAt(text, nextStart), cells: record });
        nextStart = utf8.subarray(0, context.bytes).toString('utf8').length; // bytes: UTF-8 bytes read, to the end of the record
        return null;
      },
    });
  } catch (error) {
    const fault = FAULT_OF_CODE[(error as { code?: string }).code ?? ''];
    if (fault === undefined) throw error;
    return { outcome: { ok: false, fault, line: lineAt(text, nextStart) }, parsed };
  }
  return { outcome: { ok: true, records: parsed }, parsed };
}

/** Cuts the text at the given offsets (in any order, repeats giving empty chunks). */
function cut(text: string, offsets: number[]): string[] {
  const at = offsets.map((offset) => offset % (text.length + 1)).sort((a, b) => a - b);
  return [0, ...at].map((from, k) => text.slice(from, k < at.length ? at[k] : text.length));
}

const DELIMITERS = [',', ';', '\t'];
const BREAKS = ['\n', '\r\n', '\r'];
/** Data that is not structure, including the other delimiters and a BOM that is not at the start. */
const DATA = ['a', 'b', ' ', 'é', '\ufeff', ...DELIMITERS];

/** Text a spreadsheet could write: fields plain or quoted (holding delimiters, line breaks, doubled quotes). */
function wellFormed(delimiter: string): fc.Arbitrary<string> {
  const plainData = DATA.filter((c) => c !== delimiter);
  const plain = fc.array(fc.constantFrom(...plainData), { maxLength: 4 }).map((cs) => cs.join(''));
  const quoted = fc.array(fc.constantFrom(...DATA, '""', ...BREAKS), { maxLength: 5 }).map((cs) => `"${cs.join('')}"`);
  const record = fc.array(fc.oneof(plain, quoted), { minLength: 1, maxLength: 4 }).map((fields) => fields.join(delimiter));
  const line = fc.tuple(record, fc.constantFrom(...BREAKS)).map(([r, b]) => r + b);
  return fc
    .record({ bom: fc.boolean(), lines: fc.array(line, { maxLength: 6 }), last: fc.option(record, { nil: '' }) })
    .map(({ bom, lines, last }) => (bom ? '\ufeff' : '') + lines.join('') + last);
}

/** Well-formed text with one thing a spreadsheet would not write put somewhere, or cut short. */
function damaged(delimiter: string): fc.Arbitrary<string> {
  const token = fc.constantFrom('"', '""', 'x', ' ', delimiter, ...BREAKS);
  return fc.tuple(wellFormed(delimiter), fc.nat(), fc.option(token, { nil: undefined })).map(([text, at, insert]) => {
    const k = at % (text.length + 1);
    return insert === undefined ? text.slice(0, k) : text.slice(0, k) + insert + text.slice(k);
  });
}

/** Any string of the characters that matter. */
function soup(delimiter: string): fc.Arbitrary<string> {
  return fc.array(fc.constantFrom(...DATA, delimiter, '"', '""', ...BREAKS), { maxLength: 30 }).map((cs) => cs.join(''));
}

const csvCase = fc.constantFrom(...DELIMITERS).chain((delimiter) =>
  fc.record({
    delimiter: fc.constant(delimiter),
    text: fc.oneof(wellFormed(delimiter), damaged(delimiter), soup(delimiter)),
    offsets: fc.array(fc.nat(), { maxLength: 8 }),
  }),
);

/** A text's records, each as [line, cells], or its refusal. */
type Expected = Array<[number, string[]]> | { fault: CsvFault; line: number };

describe('CsvRecordSplitter against csv-parse', () => {
  // The edge cases the generator leans on, named: each holds for ours cut anywhere (every cut in two,
  // and one character at a time) and for csv-parse.
  it.each<[string, string, Expected]>([
    ['no text, no records', '', []],
    ['a lone line break is one empty record (csvInput skips it)', '\n', [[1, ['']]]],
    ['a line of bare delimiters is a record of empty fields', ',,\n', [[1, ['', '', '']]]],
    ['a trailing delimiter ends with an empty field', 'a,', [[1, ['a', '']]]],
    [
      'an empty quoted field alone at the end is a record',
      'a\n""',
      [
        [1, ['a']],
        [2, ['']],
      ],
    ],
    [
      'CR CRLF is two line breaks',
      'a\r\r\nb',
      [
        [1, ['a']],
        [2, ['']],
        [3, ['b']],
      ],
    ],
    [
      'LF CR is two line breaks',
      'a\n\rb',
      [
        [1, ['a']],
        [2, ['']],
        [3, ['b']],
      ],
    ],
    [
      'CRLF inside quotes counts once',
      'a\r\n"x\r\ny"\r\nz',
      [
        [1, ['a']],
        [2, ['x\r\ny']],
        [4, ['z']],
      ],
    ],
    [
      'lone CR and LF inside quotes are kept and counted',
      '"\r\n\n\r",1\nz',
      [
        [1, ['\r\n\n\r', '1']],
        [5, ['z']],
      ],
    ],
    ['a quote at a chunk end is decided by the next chunk', '"a""b","""",""""""', [[1, ['a"b', '"', '""']]]],
    ['other delimiters are data', 'a;b\tc,d', [[1, ['a;b\tc', 'd']]]],
    ['a BOM at the start is not data', '\ufeff"a",b', [[1, ['a', 'b']]]],
    [
      'a BOM anywhere else is data',
      'a,\ufeffb\n\ufeff',
      [
        [1, ['a', '\ufeffb']],
        [2, ['\ufeff']],
      ],
    ],
    ['a quote inside an unquoted field', 'a\nb"c', { fault: 'stray-quote', line: 2 }],
    ['a quote after a space', 'a, "b"', { fault: 'stray-quote', line: 1 }],
    ['a space after a closing quote', '"a" ,b', { fault: 'stray-quote', line: 1 }],
    ['text after a closing quote', 'x\n"a""b"c', { fault: 'stray-quote', line: 2 }],
    ['a stray quote names the line its record starts on', 'h\n"a\r\nb\r\n"x', { fault: 'stray-quote', line: 2 }],
    ['an unclosed quote names the line it opened on', 'a\n"b\nc\nd', { fault: 'unclosed-quote', line: 2 }],
    ['a doubled quote at the end does not close the field', 'a\n"b""', { fault: 'unclosed-quote', line: 2 }],
    ['a lone quote', '"', { fault: 'unclosed-quote', line: 1 }],
  ])('%s', (_label, text, expected) => {
    const want: Outcome = Array.isArray(expected) ? { ok: true, records: expected.map(([line, cells]) => ({ line, cells })) } : { ok: false, ...expected };
    expect(reference(text, ',').outcome).toEqual(want);
    for (let k = 0; k <= text.length; k += 1) expect(ours([text.slice(0, k), text.slice(k)], ',')).toEqual(want);
    expect(ours(text.split(''), ',')).toEqual(want);
  });

  it('gives the same records, lines and refusals as csv-parse, however the text is chunked', () => {
    fc.assert(
      fc.property(csvCase, ({ delimiter, text, offsets }) => {
        const want = reference(text, delimiter).outcome;
        expect(ours([text], delimiter)).toEqual(want);
        expect(ours(cut(text, offsets), delimiter)).toEqual(want);
        expect(ours(text.split(''), delimiter)).toEqual(want);
      }),
      { numRuns: 3000 },
    );
  });

  // Ours refuses a record whose values add up to more characters than a limit. csv-parse's
  // max_record_size counts UTF-8 bytes instead, so the limit is checked against the records
  // csv-parse reads. Ours checks it at each chunk's end too, so a record that is also broken
  // further on may be refused as too long first; which of the two is said depends on the chunks.
  it('refuses the first record over the length limit, naming its line, however the text is chunked', () => {
    fc.assert(
      fc.property(csvCase, fc.integer({ min: 0, max: 12 }), ({ delimiter, text, offsets }, max) => {
        const { outcome: want, parsed } = reference(text, delimiter);
        const got = ours(cut(text, offsets), delimiter, max);
        const tooLong = parsed.find((record) => record.cells.join('').length > max);
        if (tooLong) expect(got).toEqual({ ok: false, fault: 'record-too-long', line: tooLong.line });
        else if (!want.ok) expect([want, { ok: false, fault: 'record-too-long', line: want.line }]).toContainEqual(got);
        else expect(got).toEqual(want);
      }),
      { numRuns: 1500 },
    );
  });
});
