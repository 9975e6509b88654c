/** Sessions as JSON (a contract: the field names are relied on) and as a table. */
import { formatDate } from '../domain/dates.js';
import type { SessionRecord } from '../store/sessions.js';
import { renderTable } from './table.js';

export interface SessionJson {
  id: number;
  pairId: number;
  date: string;
  minutes: number;
  kind: string;
  level: string;
  themes: string[];
  livedExperience: boolean;
  mentors: string[];
  notes: string | null;
}

export function sessionJson(session: SessionRecord): SessionJson {
  return {
    id: session.id,
    pairId: session.relationshipId,
    date: session.date,
    minutes: session.minutes,
    kind: session.kind,
    level: session.level,
    themes: session.themes,
    livedExperience: session.livedExperience,
    mentors: session.mentors,
    notes: session.notes,
  };
}

export function renderSessions(sessions: readonly SessionJson[], nameOf: (staffId: string) => string): string {
  return renderTable(
    ['Id', 'Pair', 'Date', 'Minutes', 'Kind', 'Level', 'Lived exp.', 'Mentors present', 'Themes'],
    sessions.map((s) => [
      String(s.id),
      `#${s.pairId}`,
      formatDate(s.date),
      String(s.minutes),
      s.kind,
      s.level,
      s.livedExperience ? 'yes' : '',
      s.mentors.map(nameOf).join(', '),
      s.themes.join('; '),
    ]),
  );
}
