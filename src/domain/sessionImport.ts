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
import { duplicateKey, sessionOfKind, sessionProblems, type SessionDraft, type SessionTarget } from './sessions.js';

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

/**
 * Finds each row's relationship and checks it as log-session would; duplicates refused unless skipped.
 * The mentors present are the mentors column when filled in; else the form's respondent when they
 * are a mentor of the relationship (a mentor filling in the form after meeting); else every mentor.
 */
export function planSessionImport(
  rows: readonly SessionRow[],
  relationships: readonly KnownRelationship[],
  recorded: ReadonlySet<string>,
  today: IsoDate,
  skipDuplicates: boolean,
  people: SessionPeople = AS_STAFF_IDS,
): SessionImportPlan {
  const plan: SessionImportPlan = { sessions: [], duplicates: 0, problems: [] };
  const byId = new Map(relationships.map((r) => [r.id, r]));
  const byMentee = new Map<string, KnownRelationship[]>();
  for (const r of relationships) byMentee.set(r.menteeId, [...(byMentee.get(r.menteeId) ?? []), r]);
  const seen = new Map<string, number>();
  for (const row of rows) {
    const refuse = (column: string | null, value: string | null, message: string) => plan.problems.push({ line: row.line, column, value, message });
    let menteeId = row.menteeId;
    if (row.mentee !== undefined) {
      const match = people.resolve(row.mentee, true);
      if (!match.ok) {
        refuse(row.columns.mentee ?? row.columns.pair, row.mentee, personMatchProblem(match));
        continue;
      }
      if (menteeId !== null && menteeId !== match.person.staffId) {
        refuse(row.columns.mentee ?? row.columns.pair, row.mentee, `${people.personOf(match.person.staffId)} is not ${menteeId}, the mentee_id on this row`);
        continue;
      }
      menteeId = match.person.staffId;
    }
    const menteeShown = row.mentee !== undefined && menteeId !== null ? people.personOf(menteeId) : menteeId;
    const menteeColumn = row.mentee !== undefined ? (row.columns.mentee ?? row.columns.pair) : row.columns.pair;
    let target: KnownRelationship | undefined;
    if (row.pairId !== null) {
      target = byId.get(row.pairId);
      if (!target) {
        refuse(row.columns.pair, String(row.pairId), `there is no relationship #${row.pairId}`);
        continue;
      }
      if (menteeId !== null && menteeId !== target.menteeId) {
        refuse(row.columns.pair, String(row.pairId), `relationship #${row.pairId} is not ${menteeShown}'s (its mentee is ${people.personOf(target.menteeId)})`);
        continue;
      }
    } else {
      const candidates = (byMentee.get(menteeId ?? '') ?? []).filter((r) => runsOn(r, row.date));
      if (candidates.length !== 1) {
        refuse(
          menteeColumn,
          row.mentee ?? row.menteeId,
          candidates.length === 0
            ? `${menteeShown} is not the mentee of any relationship running on ${row.date}`
            : `${menteeShown} has ${candidates.length} relationships running on ${row.date} (#${candidates.map((c) => c.id).join(', #')}); give pair_id`,
        );
        continue;
      }
      target = candidates[0];
    }
    const found = mentorsPresent(row, target, people);
    if (!found.ok) {
      for (const problem of found.problems) refuse(row.columns.mentors, problem.value, problem.message);
      continue;
    }
    const mentors = found.mentors;
    const problems = sessionProblems({ date: row.date, minutes: row.minutes, mentors, themes: row.themes }, target, today, people.personOf);
    if (problems.length > 0) {
      for (const problem of problems)
        refuse(row.columns[problem.field], problem.field === 'mentors' ? (found.written.get(problem.value) ?? problem.value) : problem.value, problem.message);
      continue;
    }
    const key = duplicateKey(target.id, row.date, row.kind);
    const earlierLine = seen.get(key);
    if (recorded.has(key) || earlierLine !== undefined) {
      if (skipDuplicates) {
        plan.duplicates += 1;
        continue;
      }
      refuse(
        row.columns.date,
        row.date,
        earlierLine !== undefined
          ? `the same session (relationship #${target.id}, ${row.date}, ${row.kind}) is already on line ${earlierLine}`
          : `${sessionOfKind(row.kind)} on ${row.date} is already recorded for relationship #${target.id} (use --skip-duplicates to skip rows already recorded)`,
      );
      continue;
    }
    seen.set(key, row.line);
    plan.sessions.push({
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
    });
  }
  return plan;
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
