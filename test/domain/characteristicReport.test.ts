/**
 * The cohort report's counts by the characteristics a trust enabled (issue 17; docs/characteristics.md,
 * "In reports"): yes, no and unknown over the people the report counts by BME status, and the lived
 * experience pair types, suppressed and secondarily suppressed as counts by ethnicity are.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildCohortReport,
  type CharacteristicCount,
  type ReportCohort,
  type ReportInput,
  type ReportRelationshipInput,
} from '../../src/domain/cohortReport.js';
import { SECONDARY } from '../../src/domain/countSuppression.js';
import type { PairType } from '../../src/domain/pairingRules.js';
import { buildPublicationReport } from '../../src/domain/publicationReport.js';
import { summariseSessions } from '../helpers/sessionSummary.js';

const COHORT: ReportCohort = { number: 1, name: null, start: '2024-01-01', end: '2024-12-31', minMonths: 8, minPerMonth: 2, meetEvery: null };
const LIVED = 'lived experience (disability)' as PairType;

function rel(id: number, type: string, mentee: string, mentors: string[]): ReportRelationshipInput {
  return {
    id,
    mentee: { staffId: mentee, name: `Name ${mentee}` },
    mentors: mentors.map((m) => ({ staffId: m, name: `Name ${m}`, slot: null })),
    type: type as PairType,
    start: '2024-01-01',
    endedOn: null,
    plannedEnd: '2024-12-31',
  };
}

function input(relationships: ReportRelationshipInput[], characteristics: CharacteristicCount[] | undefined, suppressBelow: number | null): ReportInput {
  return {
    cohort: COHORT,
    asOf: '2024-03-15',
    relationships,
    sessions: summariseSessions([], '2024-03-15'),
    board: [],
    bmeOf: new Map(),
    suppressBelow,
    ...(characteristics === undefined ? {} : { characteristics }),
  };
}

/** Seven relationships, fourteen people (one mentor in two relationships, one trio): one lived experience pair. */
const SEVEN = [
  rel(1, LIVED, 'E1', ['M1']),
  rel(2, 'general', 'E2', ['M2']),
  rel(3, 'general', 'E3', ['M3']),
  rel(4, 'general', 'E4', ['M1']),
  rel(5, 'frontline', 'E5', ['M5', 'M6']),
  rel(6, 'frontline', 'E6', ['M7']),
  rel(7, 'clinical', 'E7', ['M8']),
];

describe('participation by characteristic', () => {
  it('is an empty object, and byType the four functional types, when no characteristic is enabled', () => {
    for (const characteristics of [undefined, []]) {
      const { participation } = buildCohortReport(input([rel(1, 'race', 'A', ['X'])], characteristics, null));
      expect(participation.characteristics).toStrictEqual({});
      expect(participation.byType).toStrictEqual({ race: 1, frontline: 0, clinical: 0, general: 0 });
      expect(participation.pairsByType).toStrictEqual({ race: 1, frontline: 0, clinical: 0, general: 0 });
    }
  });

  it('counts yes and no as given, and everyone else in the relationships as unknown, in the enabled order', () => {
    const { participation } = buildCohortReport(
      input(
        SEVEN,
        [
          { name: 'disability', yes: 2, no: 7 },
          { name: 'carer', yes: 0, no: 0 },
        ],
        null,
      ),
    );
    expect(Object.keys(participation.characteristics)).toEqual(['disability', 'carer']);
    expect(participation.characteristics).toStrictEqual({ disability: { yes: 2, no: 7, unknown: 5 }, carer: { yes: 0, no: 0, unknown: 14 } });
    expect(participation.byBme).toStrictEqual({ yes: 0, no: 0, unknown: 14 });
  });

  it('lists the lived experience type of each enabled characteristic after the four, 0 when there is none', () => {
    const report = buildCohortReport(
      input(
        SEVEN,
        [
          { name: 'disability', yes: 2, no: 7 },
          { name: 'sex', yes: 7, no: 7 },
        ],
        null,
      ),
    );
    expect(report.participation.byType).toStrictEqual({
      race: 0,
      frontline: 2,
      clinical: 1,
      general: 3,
      'lived experience (disability)': 1,
      'lived experience (sex)': 0,
    });
    expect(report.participation.pairsByType?.['lived experience (disability)']).toBe(1);
    expect(report.participation.triosByType).toStrictEqual({
      race: 0,
      frontline: 1,
      clinical: 0,
      general: 0,
      'lived experience (disability)': 0,
      'lived experience (sex)': 0,
    });
    expect(report.relationships[0].type).toBe(LIVED);
  });

  it('still counts a relationship whose type names a characteristic not enabled', () => {
    const { participation } = buildCohortReport(input([rel(1, 'lived experience (carer)', 'A', ['X'])], [], 3));
    // Every other type is 0: all of them are hidden, as docs/reports.md, "Secondary suppression" says.
    expect(participation.byType).toStrictEqual({
      race: SECONDARY,
      frontline: SECONDARY,
      clinical: SECONDARY,
      general: SECONDARY,
      'lived experience (carer)': '<3',
    });
  });
});

describe('suppression of counts by characteristic (--suppress-below)', () => {
  it('hides 2 people with a disability as <5, and the smallest other count so the total cannot give it back', () => {
    const { participation } = buildCohortReport(input(SEVEN, [{ name: 'disability', yes: 2, no: 7 }], 5));
    expect(participation.characteristics.disability).toStrictEqual({ yes: '<5', no: 7, unknown: SECONDARY });
  });

  it('hides a lived experience pair type as it hides race, with the smallest other type secondarily', () => {
    const { participation } = buildCohortReport(input(SEVEN, [{ name: 'disability', yes: 2, no: 7 }], 5));
    expect(participation.byType).toStrictEqual({ race: 0, frontline: 2, clinical: SECONDARY, general: 3, 'lived experience (disability)': '<5' });
    expect(participation).not.toHaveProperty('pairsByType');
    expect(participation).not.toHaveProperty('triosByType');
  });

  it('a report for publication keeps them hidden below 5 by default, or below --suppress-below', () => {
    const five = buildPublicationReport(input(SEVEN, [{ name: 'disability', yes: 2, no: 7 }], null)).participation;
    expect(five.characteristics.disability).toStrictEqual({ yes: '<5', no: 7, unknown: SECONDARY });
    expect(five.byType['lived experience (disability)']).toBe('<5');
    const eight = buildPublicationReport(input(SEVEN, [{ name: 'disability', yes: 2, no: 7 }], 8)).participation;
    expect(eight.characteristics.disability).toStrictEqual({ yes: '<8', no: '<8', unknown: '<8' });
  });

  it('on any counts: no count from 1 to K-1 shown, never exactly one hidden, and shown counts as they are', () => {
    const people = SEVEN.flatMap((r) => [r.mentee.staffId, ...r.mentors.map((m) => m.staffId)]);
    const total = new Set(people).size;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: total }), fc.integer({ min: 0, max: total }), fc.integer({ min: 2, max: 9 }), (a, b, k) => {
        const yes = Math.min(a, total);
        const no = Math.min(b, total - yes);
        const counts = { yes, no, unknown: total - yes - no };
        const shown = buildCohortReport(input(SEVEN, [{ name: 'disability', yes, no }], k)).participation.characteristics.disability;
        const hidden = (Object.keys(counts) as Array<keyof typeof counts>).filter((key) => typeof shown[key] === 'string');
        for (const key of Object.keys(counts) as Array<keyof typeof counts>) {
          if (counts[key] >= 1 && counts[key] < k) expect(shown[key]).toBe(`<${k}`);
          if (typeof shown[key] === 'number') expect(shown[key]).toBe(counts[key]);
        }
        expect(hidden.length).not.toBe(1);
      }),
    );
  });
});
