import { describe, expect, it } from 'vitest';
import type { CohortReport } from '../../src/domain/cohortReport.js';
import { interactionClauses } from '../../src/ui/reportParts.js';

const interactions = (perRelationshipPerMonth: number | null, share: number | null = null) =>
  ({ perRelationshipPerMonth, livedExperience: { sessions: 0, share } }) as unknown as CohortReport['interactions'];

describe('interactionClauses', () => {
  it.each([
    [13, null, 'no relationship month is complete yet'],
    [13, 0, '0.0 sessions per relationship per complete month'],
    // One session over thirteen relationships' complete months: held, though it rounds to 0.0.
    [13, 0.04, 'fewer than 0.1 sessions per relationship per complete month'],
    [13, 0.05, '0.1 sessions per relationship per complete month'],
    [13, 2.25, '2.3 sessions per relationship per complete month'],
  ])('%i relationships at a rate of %s: "%s"', (relationships, rate, clause) => {
    expect(interactionClauses(relationships, interactions(rate))).toEqual([clause]);
  });

  it('says nothing of the rate without relationships, and adds lived experience once there is a share', () => {
    expect(interactionClauses(0, interactions(null))).toEqual([]);
    expect(interactionClauses(0, interactions(null, 0.25))).toEqual(['25% explored lived experience']);
  });
});
