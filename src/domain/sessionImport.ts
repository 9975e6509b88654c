/**
 * A session log's rows (read in sessionRows.ts) planned for import: which relationship
 * each session belongs to, which mentors were present, and which rows repeat one already
 * recorded. No I/O here.
 */
import type { RowProblem } from '../errors.js';
import type { IsoDate } from './dates.js';
import { describeCandidate, type PersonCandidate, type PersonMatch } from './people.js';
import { runsOn } from './relationshipLife.js';
import type { SessionRow } from './sessionRows.js';
import { duplicateKey, sessionOfKind, sessionProblems, type Kind, type SessionDraft, type SessionTarget } from './sessions.js';

export interface KnownRelationship extends SessionTarget {
  menteeId: string;
}

export interface PlannedSession extends SessionDraft {
  line: number;
}

export interface SessionImportPlan {
  sessions: PlannedSession[];
  /** Rows already recorded (or repeated in the file), skipped with --skip-duplicates. */
  duplicates: number;
  problems: RowProblem[];
}

/**
 * Who the people in an import's cells are (docs/programme-year.md, "Naming people"). The
 * command looks each distinct text up once; without it, texts are staff ids as written.
 */
export interface SessionPeople {
  /** Who a text names; `nearMisses` asks for "Did you mean" candidates when nobody matches. */
  resolve: (text: string, nearMisses: boolean) => PersonMatch<PersonCandidate>;
  /** "Priya Sharma (10000024)", for messages; passed around on its own, so a function, not a method. */
  personOf: (staffId: string) => string;
}

const AS_STAFF_IDS: SessionPeople = {
  resolve: (text) => ({ ok: true, person: { staffId: text, name: text, email: null, department: null, active: true } }),
  personOf: (staffId) => staffId,
};

/** Why a text names nobody, or more than one person; the row's problem already shows the text. */
export function personMatchProblem(match: Extract<PersonMatch<PersonCandidate>, { ok: false }>): string {
  if (match.reason === 'ambiguous') {
    return `this matches ${match.candidates.length} people: ${match.candidates.map(describeCandidate).join('; ')}; give the staff id or email instead`;
  }
  const hint = match.candidates.length === 0 ? '' : `; did you mean ${match.candidates.map(describeCandidate).join(' or ')}?`;
  return `there is nobody with this staff id, email or name${hint}`;
}

/** A text with no space, no @ and a digit reads as a staff id: unknown, it is "not a mentor", as before names were read. */
const looksLikeStaffId = (text: string): boolean => /^[^\s@]*\d[^\s@]*$/.test(text);

/** A session's identity for duplicates: its relationship, day and kind (docs/sessions.md, "Duplicates"). */
export interface SessionKey {
  relationshipId: number;
  date: IsoDate;
  kind: Kind;
}

/**
 * Where each of these sessions was met before the rows now being planned, in order: the line of
 * an earlier row of this file that was accepted, 'recorded' when the database already holds one,
 * else undefined. Asked once per batch of rows, so a store answers a batch with one query.
 */
export type EarlierSessions = (keys: readonly SessionKey[]) => ReadonlyArray<number | 'recorded' | undefined>;

/**
 * Plans a session log a batch of rows at a time, so a file of a million rows is never held whole:
 * each batch's accepted sessions are handed back for the caller to write (and to remember, for
 * `earlier`) before the next batch is planned. Problems and the count of skipped duplicates
 * accumulate on the planner, in the order of the rows.
 */
export interface SessionImportPlanner {
  /** The sessions these rows record, in order; a row refused (see problems) or a skipped duplicate records none. */
  rows: (rows: readonly SessionRow[]) => PlannedSession[];
  readonly problems: RowProblem[];
  readonly duplicates: number;
}

/**
 * Finds each row's relationship and checks it as log-session would; duplicates refused unless skipped.
 * The mentors present are the mentors column when filled in; else the form's respondent when they
 * are a mentor of the relationship (a mentor filling in the form after meeting); else every mentor.
 */
export function sessionImportPlanner(
  relationships: readonly KnownRelationship[],
  earlier: EarlierSessions,
  today: IsoDate,
  skipDuplicates: boolean,
  people: SessionPeople = AS_STAFF_IDS,
): SessionImportPlanner {
  const problems: RowProblem[] = [];
  let duplicates = 0;
  const byId = new Map(relationships.map((r) => [r.id, r]));
  const byMentee = new Map<string, KnownRelationship[]>();
  for (const r of relationships) {
    const list = byMentee.get(r.menteeId);
    if (list === undefined) byMentee.set(r.menteeId, [r]);
    else list.push(r);
  }
  /** The session a row records, before duplicates are looked for, or null with its problems on `refused`. */
  const check = (row: SessionRow, refused: RowProblem[]): PlannedSession | null => {
    const refuse = (column: string | null, value: string | null, message: string) => {
      refused.push({ line: row.line, column, value, message });
      return null;
    };
    let menteeId = row.menteeId;
    if (row.mentee !== undefined) {
      const match = people.resolve(row.mentee, true);
      if (!match.ok) return refuse(row.columns.mentee ?? row.columns.pair, row.mentee, personMatchProblem(match));
      if (menteeId !== null && menteeId !== match.person.staffId) {
        return refuse(
          row.columns.mentee ?? row.columns.pair,
          row.mentee,
          `${people.personOf(match.person.staffId)} is not ${menteeId}, the mentee_id on this row`,
        );
      }
      menteeId = match.person.staffId;
    }
    const menteeShown = () => (row.mentee !== undefined && menteeId !== null ? people.personOf(menteeId) : menteeId);
    let target: KnownRelationship | undefined;
    if (row.pairId !== null) {
      target = byId.get(row.pairId);
      if (!target) return refuse(row.columns.pair, String(row.pairId), `there is no relationship #${row.pairId}`);
      if (menteeId !== null && menteeId !== target.menteeId) {
        return refuse(
          row.columns.pair,
          String(row.pairId),
          `relationship #${row.pairId} is not ${menteeShown()}'s (its mentee is ${people.personOf(target.menteeId)})`,
        );
      }
    } else {
      const candidates = (byMentee.get(menteeId ?? '') ?? []).filter((r) => runsOn(r, row.date));
      if (candidates.length !== 1) {
        const menteeColumn = row.mentee !== undefined ? (row.columns.mentee ?? row.columns.pair) : row.columns.pair;
        return refuse(
          menteeColumn,
          row.mentee ?? row.menteeId,
          candidates.length === 0
            ? `${menteeShown()} is not the mentee of any relationship running on ${row.date}`
            : `${menteeShown()} has ${candidates.length} relationships running on ${row.date} (#${candidates.map((c) => c.id).join(', #')}); give pair_id`,
        );
      }
      target = candidates[0];
    }
    const found = mentorsPresent(row, target, people);
    if (!found.ok) {
      for (const problem of found.problems) refuse(row.columns.mentors, problem.value, problem.message);
      return null;
    }
    const mentors = found.mentors;
    const sessionRefusals = sessionProblems({ date: row.date, minutes: row.minutes, mentors, themes: row.themes }, target, today, people.personOf);
    if (sessionRefusals.length > 0) {
      for (const problem of sessionRefusals)
        refuse(row.columns[problem.field], problem.field === 'mentors' ? (found.written.get(problem.value) ?? problem.value) : problem.value, problem.message);
      return null;
    }
    return {
      line: row.line,
      relationshipId: target.id,
      date: row.date,
      minutes: row.minutes,
      kind: row.kind,
      level: row.level,
      themes: row.themes,
      livedExperience: row.livedExperience,
      mentors,
      notes: row.notes,
    };
  };
  const refused: RowProblem[] = [];
  const rows = (batch: readonly SessionRow[]): PlannedSession[] => {
    // Each row's session, or the problems that refuse it (kept aside so that every problem is told in the order of the rows).
    const checked: Array<PlannedSession | RowProblem[]> = [];
    const keys: SessionKey[] = [];
    for (const row of batch) {
      const session = check(row, refused);
      checked.push(session ?? refused.splice(0));
      if (session !== null) keys.push(session);
    }
    const before = keys.length > 0 ? earlier(keys) : [];
    // Accepted rows of this batch, for a later row of it that repeats one.
    const accepted = new Map<string, number>();
    const sessions: PlannedSession[] = [];
    let asked = 0;
    for (let at = 0; at < checked.length; at += 1) {
      const entry = checked[at];
      if (Array.isArray(entry)) {
        problems.push(...entry);
        continue;
      }
      const key = duplicateKey(entry.relationshipId, entry.date, entry.kind);
      const earlierLine = accepted.get(key) ?? before[asked];
      asked += 1;
      if (earlierLine === undefined) {
        accepted.set(key, entry.line);
        sessions.push(entry);
      } else if (skipDuplicates) duplicates += 1;
      else {
        problems.push({
          line: entry.line,
          column: batch[at].columns.date,
          value: entry.date,
          message:
            earlierLine !== 'recorded'
              ? `the same session (relationship #${entry.relationshipId}, ${entry.date}, ${entry.kind}) is already on line ${earlierLine}`
              : `${sessionOfKind(entry.kind)} on ${entry.date} is already recorded for relationship #${entry.relationshipId} (use --skip-duplicates to skip rows already recorded)`,
        });
      }
    }
    return sessions;
  };
  return {
    rows,
    problems,
    get duplicates() {
      return duplicates;
    },
  };
}

/**
 * A whole session log planned at once (the planner over rows in memory, `recorded` the duplicateKey
 * of each session held), `batch` rows at a time as an import plans them (all at once unless told).
 */
export function planSessionImport(
  rows: readonly SessionRow[],
  relationships: readonly KnownRelationship[],
  recorded: ReadonlySet<string>,
  today: IsoDate,
  skipDuplicates: boolean,
  people: SessionPeople = AS_STAFF_IDS,
  batch = Math.max(rows.length, 1),
): SessionImportPlan {
  const seen = new Map<string, number>();
  const earlier: EarlierSessions = (keys) =>
    keys.map(({ relationshipId, date, kind }) => {
      const key = duplicateKey(relationshipId, date, kind);
      return seen.get(key) ?? (recorded.has(key) ? 'recorded' : undefined);
    });
  const planner = sessionImportPlanner(relationships, earlier, today, skipDuplicates, people);
  const sessions: PlannedSession[] = [];
  for (let at = 0; at < rows.length; at += batch) {
    for (const session of planner.rows(rows.slice(at, at + batch))) {
      seen.set(duplicateKey(session.relationshipId, session.date, session.kind), session.line);
      sessions.push(session);
    }
  }
  return { sessions, duplicates: planner.duplicates, problems: planner.problems };
}

type MentorsPresent = { ok: true; mentors: string[]; written: Map<string, string> } | { ok: false; problems: Array<{ value: string; message: string }> };

/** The staff ids of the mentors present (see planSessionImport), or why a listed one names nobody. */
function mentorsPresent(row: SessionRow, target: KnownRelationship, people: SessionPeople): MentorsPresent {
  if (row.mentors === null) {
    if (row.respondent !== undefined) {
      const match = people.resolve(row.respondent, false);
      if (match.ok && target.mentorIds.includes(match.person.staffId)) return { ok: true, mentors: [match.person.staffId], written: new Map() };
    }
    return { ok: true, mentors: [...target.mentorIds], written: new Map() };
  }
  const mentors: string[] = [];
  const written = new Map<string, string>();
  const problems: Array<{ value: string; message: string }> = [];
  for (const text of row.mentors) {
    // The relationship's own mentors by staff id need no look-up (and are no name's namesake).
    if (target.mentorIds.includes(text)) {
      mentors.push(text);
      continue;
    }
    const match = people.resolve(text, true);
    if (match.ok) {
      mentors.push(match.person.staffId);
      written.set(match.person.staffId, text);
    } else if (match.reason === 'unknown' && looksLikeStaffId(text)) mentors.push(text);
    else problems.push({ value: text, message: personMatchProblem(match) });
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, mentors: [...new Set(mentors)], written };
}
