/**
 * log-session at a terminal: the questions for whatever the flags left unanswered, the
 * duplicate check as soon as the day and kind are known, and a summary that can be
 * saved, changed or cancelled. Loaded only when a question is asked.
 */
import { UserError } from '../../errors.js';
import { promptsOf, type Context } from '../../cli/context.js';
import { formatDate, parseDate, type IsoDate } from '../../domain/dates.js';
import { foldText } from '../../domain/people.js';
import {
  alreadyRecorded,
  draftSession,
  givenAnswerProblems,
  notSaved,
  notStartedYet,
  offeredDate,
  relationshipsToChoose,
  sessionTarget,
  type Answers,
} from '../../domain/sessionDraft.js';
import type { RelationshipRecord } from '../../domain/relationships.js';
import { duplicateKey, sessionProblems } from '../../domain/sessions.js';
import type { StaffRecord } from '../../domain/staff.js';
import type { Db } from '../../store/db.js';
import { hasSession, knownThemes } from '../../store/sessions.js';
import type { Prompts, RelationshipChoice } from '../../ui/prompts.js';
import { answersToChange, describeSession } from '../../ui/sessionOutput.js';
import { personLabel } from '../shared/filePeople.js';
import { checkSession } from './checkSession.js';

export interface SessionQuestions {
  db: Db;
  /** Every relationship, to choose from when --pair was not given. */
  relationships: readonly RelationshipRecord[];
  relationship?: RelationshipRecord;
  /** The answers the flags gave, filled in as the questions are answered. */
  answers: Answers;
  force: boolean;
  context: Context;
  findStaff: (id: string) => StaffRecord | undefined;
}

/**
 * Asks what is missing. Returns the relationship and whether the session may repeat one
 * already recorded (--force, or "record it anyway" for its day and kind).
 */
export async function askForSession(questions: SessionQuestions): Promise<{ relationship: RelationshipRecord; mayDuplicate: boolean }> {
  const { relationships, answers, context, findStaff } = questions;
  const ask = await promptsOf(context);
  let relationship = questions.relationship;
  if (!relationship) {
    const id = await ask.askRelationship(relationshipChoices(relationships, context.today, findStaff));
    relationship = relationships.find((r) => r.id === id)!;
  }
  const notStarted = notStartedYet(relationship, context.today);
  if (notStarted) throw notStarted;
  refuseWrongFlags(answers, relationship, context.today, personLabel(findStaff));
  const nameOf = (id: string) => findStaff(id)?.name ?? id;
  const mayDuplicate = await interview(ask, { db: questions.db, relationship, answers, force: questions.force, context, nameOf });
  return { relationship, mayDuplicate };
}

/**
 * The relationships to search, in the order relationshipsToChoose gives (domain/sessionDraft.ts),
 * ended ones marked "(ended 30 Sep 2026)". The search matches names, staff ids, emails and
 * departments of the mentee and mentors.
 */
function relationshipChoices(
  relationships: readonly RelationshipRecord[],
  today: IsoDate,
  findStaff: (id: string) => StaffRecord | undefined,
): RelationshipChoice[] {
  const nameOf = (id: string) => findStaff(id)?.name ?? id;
  return relationshipsToChoose(relationships, today).map(({ relationship: r, ended }) => {
    const state = ended === null ? '' : ` (ended ${formatDate(ended)})`;
    const label = `#${r.id} ${nameOf(r.menteeId)} with ${r.mentors.map((m) => nameOf(m.staffId)).join(' + ')} (cohort ${r.cohort})${state}`;
    const people = [r.menteeId, ...r.mentors.map((m) => m.staffId)].map((id) => findStaff(id));
    const facts = people.flatMap((person) => (person ? [person.staffId, person.email ?? '', person.department ?? ''] : []));
    return { id: r.id, label, search: foldText([label, ...facts].join(' ')) };
  });
}

/** Flags that are wrong are refused before the first question, not after the last. */
function refuseWrongFlags(answers: Answers, relationship: RelationshipRecord, today: IsoDate, personOf: (staffId: string) => string): void {
  const refusal = notSaved(givenAnswerProblems(answers, sessionTarget(relationship), today, personOf).map((problem) => problem.message));
  if (refusal) throw refusal;
}

interface Interview {
  db: Db;
  relationship: RelationshipRecord;
  /** Filled in as the questions are answered. */
  answers: Answers;
  force: boolean;
  context: Context;
  nameOf: (id: string) => string;
}

/**
 * Asks whatever the flags left unanswered, then shows the session and lets the
 * administrator save it, change an answer, or cancel. Returns whether the session may
 * repeat one already recorded (--force, or "record it anyway" for its day and kind).
 */
async function interview(ask: Prompts, { db, relationship, answers, force, context, nameOf }: Interview): Promise<boolean> {
  const target = sessionTarget(relationship);
  const checkDate = (raw: string): string | null => {
    const parsed = parseDate(raw);
    if (!parsed.ok) return `Not a date (${parsed.problem}); use YYYY-MM-DD or DD/MM/YYYY.`;
    const problems = sessionProblems({ date: parsed.date, minutes: 1, mentors: [], themes: [] }, target, context.today);
    return problems.length > 0 ? problems[0].message : null;
  };
  const askDate = async (offered: IsoDate): Promise<IsoDate> => {
    const parsed = parseDate(await ask.askDate(offered, checkDate));
    if (!parsed.ok) throw new UserError(`Not saved: the date is not a date (${parsed.problem}).`);
    return parsed.date;
  };
  const mentorChoices = relationship.mentors.map((m) => ({ staffId: m.staffId, name: nameOf(m.staffId) }));
  const recordAnyway = new Set<string>();
  const mayDuplicate = () => force || recordAnyway.has(duplicateKey(relationship.id, answers.date!, answers.kind!));

  /** Run as soon as the date and kind are known, and again whenever either changes. */
  const settleDuplicate = async (): Promise<void> => {
    while (!mayDuplicate() && hasSession(db, relationship.id, answers.date!, answers.kind!)) {
      if (await ask.askRecordAnyway(alreadyRecorded({ relationshipId: relationship.id, date: answers.date!, kind: answers.kind! }))) {
        recordAnyway.add(duplicateKey(relationship.id, answers.date!, answers.kind!));
        return;
      }
      // "No" means there were not two such sessions: most often the day or the kind was a
      // slip (the 12th for the 13th), so both are asked again, offering what was typed,
      // rather than throwing away the answers. Someone who finds it was already recorded
      // stops with Ctrl+C, which saves nothing.
      context.err('Then give the date and kind again (Ctrl+C stops without saving).\n');
      answers.date = await askDate(answers.date!);
      answers.kind = await ask.askKind(answers.kind);
    }
  };

  answers.date ??= await askDate(offeredDate(relationship, context.today));
  answers.kind ??= await ask.askKind();
  await settleDuplicate();
  answers.minutes ??= await ask.askMinutes();
  answers.level ??= await ask.askLevel();
  answers.themes ??= await ask.askThemes(knownThemes(db));
  if (answers.mentors === undefined && relationship.mentors.length > 1) answers.mentors = await ask.askMentors(mentorChoices);
  answers.livedExperience ??= await ask.askLivedExperience();
  answers.notes ??= await ask.askNotes();

  for (;;) {
    const session = draftSession(answers, target);
    checkSession(db, session, target, context.today, mayDuplicate());
    context.err(`\n${describeSession(session, relationship, nameOf)}\n`);
    const choice = await ask.confirmSave();
    if (choice === 'save') return mayDuplicate();
    if (choice === 'cancel') throw new UserError('Not saved: you chose not to save the session.');
    const which = await ask.askAnswerToChange(answersToChange(session, relationship.mentors.length > 1, nameOf));
    if (which === 'date') answers.date = await askDate(session.date);
    else if (which === 'kind') answers.kind = await ask.askKind(session.kind);
    else if (which === 'minutes') answers.minutes = await ask.askMinutes(session.minutes);
    else if (which === 'level') answers.level = await ask.askLevel(session.level);
    else if (which === 'themes')
      answers.themes = await ask.askThemes(
        knownThemes(db),
        session.themes.map((theme) => theme.label),
      );
    else if (which === 'mentors') answers.mentors = await ask.askMentors(mentorChoices, session.mentors);
    else if (which === 'livedExperience') answers.livedExperience = await ask.askLivedExperience(session.livedExperience);
    else answers.notes = await ask.askNotes(session.notes ?? undefined);
    if (which === 'date' || which === 'kind') await settleDuplicate();
  }
}
