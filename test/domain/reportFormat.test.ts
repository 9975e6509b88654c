import { describe, expect, it } from 'vitest';
import { chosenFormat, formatOfFile, reportFormat, type FormatDecision, type FormatFlags } from '../../src/domain/reportFormat.js';

describe('chosenFormat: --json and --csv are short for --format', () => {
  it.each<[FormatFlags, string]>([
    [{}, 'table'],
    [{ format: 'markdown' }, 'markdown'],
    [{ json: true }, 'json'],
    [{ csv: true }, 'csv'],
    [{ format: 'json', json: true }, 'json'],
    [{ format: 'csv', csv: true }, 'csv'],
  ])('%j -> %s', (flags, format) => {
    expect(chosenFormat(flags)).toBe(format);
  });

  it.each<[FormatFlags, string]>([
    [{ json: true, csv: true }, 'Choose one format: --format json or --format csv.'],
    [{ format: 'csv', json: true }, 'Choose one format: --format csv or --format json.'],
    [{ format: 'html', csv: true }, 'Choose one format: --format html or --format csv.'],
  ])('%j is refused as a usage mistake', (flags, message) => {
    expect(() => chosenFormat(flags)).toThrow(expect.objectContaining({ message, exitCode: 2 }));
  });
});

describe('formatOfFile: what the --out file name says', () => {
  it.each([
    ['board.html', 'html'],
    ['board.HTM', 'html'],
    ['paper.md', 'markdown'],
    ['paper.markdown', 'markdown'],
    ['figures.csv', 'csv'],
    ['report.json', 'json'],
    ['report.txt', 'table'],
    ['report', 'table'],
    ['folder.md/report', 'table'],
    ['C:\\papers.md\\report', 'table'],
  ])('%s -> %s', (file, format) => {
    expect(formatOfFile(file)).toBe(format);
  });
});

describe('reportFormat: as asked, else from the --out name', () => {
  it.each<[string, FormatFlags & { out?: string }, FormatDecision]>([
    ['nothing asked, the screen', {}, { format: 'table', nameSays: null }],
    ['--out - is the screen', { out: '-' }, { format: 'table', nameSays: null }],
    ['the name decides when nothing is asked', { out: 'board.html' }, { format: 'html', nameSays: null }],
    ['an unknown extension is the text table', { out: 'board.txt' }, { format: 'table', nameSays: null }],
    ['asked and named alike', { format: 'markdown', out: 'paper.md' }, { format: 'markdown', nameSays: null }],
    ['asked wins over the name, which is said', { json: true, out: 'paper.md' }, { format: 'json', nameSays: 'markdown' }],
    ['a name that says nothing is not a mismatch', { csv: true, out: 'figures.txt' }, { format: 'csv', nameSays: null }],
    ['asked to the screen', { format: 'html', out: '-' }, { format: 'html', nameSays: null }],
  ])('%s', (_case, flags, decision) => {
    expect(reportFormat(flags)).toEqual(decision);
  });

  it('refuses a format that is not a report format', () => {
    expect(() => reportFormat({ format: 'pdf' })).toThrow(
      expect.objectContaining({ message: '--format pdf is not a report format; choose table, json, csv, markdown, html.', exitCode: 2 }),
    );
  });
});
