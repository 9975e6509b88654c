/** Sessions as JSON (a contract: the field names are relied on) and as a table. */
import { formatDate } from '../domain/dates.js';
import { toCsv } from '../io/csvOutput.js';
import type { SessionRecord } from '../store/sessions.js';
import { renderTable, type Fit } from './table.js';

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

export function renderSessions(sessions: readonly SessionJson[], nameOf: (staffId: string) => string, fit?: Fit): string {
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
    {
      fit,
      columns: {
        'Mentors present': { priority: 2, min: 12 },
        Themes: { priority: 3, min: 10 },
        Level: { priority: 4 },
        'Lived exp.': { priority: 4 },
        Kind: { priority: 2 },
      },
    },
  );
}

/** Who a session's relationship is between, for the CSV. */
export interface SessionPeople {
  cohort: number;
  menteeId: string;
  menteeName: string;
}

/**
 * `sessions list --csv`: one row per session, with the mentee and the mentors present
 * by staff id and name (several joined with "; ").
 */
export function sessionCsv(sessions: readonly SessionJson[], peopleOf: (pairId: number) => SessionPeople | null, nameOf: (staffId: string) => string): string {
  const headers = [
    'session_id',
    'relationship_id',
    'cohort',
    'date',
    'minutes',
    'kind',
    'level',
    'mentee_id',
    'mentee_name',
    'mentor_ids',
    'mentor_names',
    'lived_experience',
    'themes',
    'notes',
  ];
  const rows = sessions.map((s) => {
    const people = peopleOf(s.pairId);
    return [
      s.id,
      s.pairId,
      people?.cohort ?? null,
      s.date,
      s.minutes,
      s.kind,
      s.level,
      people?.menteeId ?? null,
      people?.menteeName ?? null,
      s.mentors.join('; '),
      s.mentors.map(nameOf).join('; '),
      s.livedExperience,
      s.themes.join('; '),
      s.notes,
    ];
  });
  return toCsv(headers, rows);
}
