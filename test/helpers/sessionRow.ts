/** A parsed session row for tests: a one-to-one of 45 minutes at team level, no themes, mentors or notes, unless told. */
import type { SessionRow } from '../../src/domain/sessionRows.js';

export function sessionRow(fields: Pick<SessionRow, 'line' | 'pairId' | 'date' | 'columns'> & Partial<SessionRow>): SessionRow {
  return {
    menteeId: null,
    minutes: 45,
    kind: 'one-to-one',
    level: 'team',
    themes: [],
    livedExperience: false,
    mentors: null,
    notes: null,
    ...fields,
  };
}
