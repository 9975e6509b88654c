/**
 * The report's JSON written in pieces, its relationships by hand: always exactly
 * JSON.stringify(report, null, 2) and a newline, whatever the relationships hold and however
 * many there are (the pieces' boundaries fall every RELATIONSHIPS_PER_PIECE).
 */
import { describe, expect, it } from 'vitest';
import type { CohortReport, ReportRelationship } from '../../src/domain/cohortReport.js';
import { RELATIONSHIPS_PER_PIECE, reportJsonPieces } from '../../src/ui/reportJson.js';
import { mulberry32 } from '../helpers/random.js';

const NAMES = [
  'Grace Adeyemi',
  "Zoë O'Brien",
  'Ana "Nan" Silva',
  'Back\\slash',
  'Tab\there',
  'Line\nbreak',
  '\u0001control',
  'Emoji 🌍',
  'lone \ud800 half',
  '',
  'Łukasz Żółć',
];
const REASONS = [
  'month 2, 5 Feb to 4 Mar 2026: 1 of 2 sessions',
  'met: 8 months complete, each with at least 2 sessions',
  'starts on 1 Mar 2026',
  'quote " inside',
];
const STATES = [
  { complete: true, state: 'complete' },
  { complete: false, state: 'current' },
  { complete: false, state: 'cut short' },
] as const;

function randomRelationship(random: () => number, id: number, suppressed: boolean): ReportRelationship {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const person = () => ({ staffId: String(20_000_000 + Math.floor(random() * 1000)), name: pick(NAMES) });
  const mentors = Array.from({ length: Math.floor(random() * 3) }, () =>
    suppressed ? person() : { ...person(), slot: pick([null, 'bme', 'frontline'] as const) },
  );
  const months = Array.from({ length: Math.floor(random() * 4) }, (_, i) => ({
    index: i + 1,
    from: `2026-0${i + 1}-05`,
    to: `2026-0${i + 2}-04`,
    sessions: Math.floor(random() * 5),
    ...pick(STATES),
  }));
  const row: ReportRelationship = {
    id,
    mentee: person(),
    mentors,
    start: '2026-01-05',
    end: random() < 0.3 ? '2026-05-31' : null,
    plannedEnd: '2026-09-30',
    status: pick(['met', 'on track', 'at risk', 'breached'] as const),
    reasons: Array.from({ length: Math.floor(random() * 3) }, () => pick(REASONS)),
    monthsComplete: months.length,
    sessions: Math.floor(random() * 30),
    rate: pick([null, 0, 2, 2.25, 1.33, 0.1]),
    months,
    running: random() < 0.5,
  };
  if (!suppressed) row.type = pick(['race', 'frontline', 'lived experience (disability)']);
  return row;
}

/** A report's other fields as they come, in their order; the writer stringifies them as they are. */
function reportOf(relationships: ReportRelationship[]): CohortReport {
  return {
    cohort: { number: 1, name: 'One' },
    asOf: '2026-09-30',
    suppressBelow: null,
    summary: { met: 1, onTrack: 0, atRisk: 0, breached: 0 },
    relationships,
    themes: [],
    quotes: [],
  } as unknown as CohortReport;
}

describe('reportJsonPieces', () => {
  it.each([
    0,
    1,
    2,
    RELATIONSHIPS_PER_PIECE - 1,
    RELATIONSHIPS_PER_PIECE,
    RELATIONSHIPS_PER_PIECE + 1,
    2 * RELATIONSHIPS_PER_PIECE,
    2 * RELATIONSHIPS_PER_PIECE + 1,
    500,
  ])('writes %i relationships exactly as JSON.stringify does', (count) => {
    for (const suppressed of [false, true]) {
      const random = mulberry32(count * 2 + (suppressed ? 1 : 0));
      const report = reportOf(Array.from({ length: count }, (_, i) => randomRelationship(random, i + 1, suppressed)));
      const pieces = [...reportJsonPieces(report)];
      expect(pieces.join('')).toBe(`${JSON.stringify(report, null, 2)}\n`);
      // A piece per RELATIONSHIPS_PER_PIECE relationships, and the rest in the last one.
      expect(pieces).toHaveLength(Math.floor(count / RELATIONSHIPS_PER_PIECE) + 1);
    }
  });

  it('leaves out a field JSON.stringify cannot write, and writes a report with nothing else as JSON.stringify does', () => {
    const report = { ...reportOf([randomRelationship(mulberry32(7), 1, false)]), later: undefined } as unknown as CohortReport;
    expect([...reportJsonPieces(report)].join('')).toBe(`${JSON.stringify(report, null, 2)}\n`);
    const nothing = { none: undefined } as unknown as CohortReport;
    expect([...reportJsonPieces(nothing)].join('')).toBe(`${JSON.stringify(nothing, null, 2)}\n`);
  });
});
