/** The progress line's text and when it is drawn (the line's other checks are in test/cli/tables.test.ts). */
import { describe, expect, it } from 'vitest';
import { progress, progressText, type ProgressStart } from '../../src/ui/progress.js';

describe('progressText', () => {
  it.each<[string, number, number | null, number, { fraction?: number | null; from?: ProgressStart }, string]>([
    ['a total', 1200, 4000, 3, {}, 'Pairing: 1,200 of 4,000 places (400 a second, about 7s left)'],
    [
      'a total, counting from where the clock started',
      1200,
      4000,
      2,
      { from: { done: 400, fraction: 0 } },
      'Pairing: 1,200 of 4,000 places (400 a second, about 7s left)',
    ],
    ['a total reached', 4000, 4000, 10, {}, 'Pairing: 4,000 of 4,000 places (400 a second)'],
    ['a fraction of the file', 120_000, null, 1, { fraction: 0.125 }, 'Pairing: 120,000 places, 12% (120,000 a second, about 7s left)'],
    [
      'a fraction, from where the clock started',
      120_000,
      null,
      2,
      { fraction: 0.3, from: { done: 0, fraction: 0.2 } },
      'Pairing: 120,000 places, 30% (60,000 a second, about 14s left)',
    ],
    ['a fraction not yet moved', 5, null, 1, { fraction: 0.2, from: { done: 0, fraction: 0.2 } }, 'Pairing: 5 places, 20% (5 a second)'],
    ['the whole file read', 990_000, null, 9, { fraction: 1 }, 'Pairing: 990,000 places, 100% (110,000 a second)'],
    ['a long way to go', 1000, null, 1, { fraction: 0.001 }, 'Pairing: 1,000 places, 0% (1,000 a second, about 16m 39s left)'],
    ['a total wins over a fraction', 10, 20, 1, { fraction: 0.9 }, 'Pairing: 10 of 20 places (10 a second, about 1s left)'],
  ])('with %s', (_, done, total, seconds, options, text) => {
    expect(progressText('Pairing', 'places', done, total, seconds, options)).toBe(text);
  });
});

describe('progress', () => {
  const drawn = (calls: (p: ReturnType<typeof progress>, tick: (seconds: number) => void) => void, every = 1): string[] => {
    let clock = 0;
    const written: string[] = [];
    const p = progress({ err: (text) => written.push(text), stderrIsTerminal: true }, { what: 'Reading roster.csv', every, now: () => clock });
    calls(p, (seconds) => (clock += seconds * 1000));
    p.end();
    return written;
  };

  it('shows how far through the file the rows are, and the time left from it', () => {
    // 10,000 rows a second, 10 bytes each, through a 1,000,000-byte file whose first piece (5%) is read before the first row.
    const written = drawn((p, tick) => {
      for (let row = 1; row <= 40_000; row += 1) {
        p.through(50_000 + 10 * row, 1_000_000);
        p(row);
        tick(1 / 10_000);
      }
    }, 1024);
    expect(written.length).toBeGreaterThan(1);
    // Row 19,456 at 1.9455 s: 24.456% read, 19.455 points of it since the first row, so 75.544 / 19.455 x 1.9455 s left
    // (755,440 bytes at 100,000 a second).
    expect(written).toContain('\rReading roster.csv: 19,456 rows, 24% (10,000 a second, about 8s left)\u001b[K');
    expect(written.at(-1)).toBe('\r\u001b[K');
  });

  it('starts the clock at the first call, so what came before does not lower the rate', () => {
    const written = drawn((p, tick) => {
      tick(30); // opening the file, scoring every pair...
      p(1000, 5000); // a quick start placed 1,000 at once
      for (let done = 1001; done <= 5000; done += 1) {
        tick(1 / 1000);
        p(done, 5000);
      }
    });
    expect(written[0]).toBe('\rReading roster.csv: 2,000 of 5,000 rows (1,000 a second, about 3s left)\u001b[K');
  });

  it('says nothing when stderr is not a terminal or with --json, however far through it is', () => {
    const written: string[] = [];
    let clock = 0;
    for (const target of [
      { err: (text: string) => written.push(text), stderrIsTerminal: false },
      { err: (text: string) => written.push(text), stderrIsTerminal: true, json: true },
    ]) {
      const p = progress(target, { what: 'x', json: 'json' in target, every: 1, now: () => (clock += 1000) });
      for (let i = 1; i <= 100; i += 1) {
        p.through(i, 100);
        p(i);
      }
      p.end();
    }
    expect(written).toEqual([]);
  });
});
