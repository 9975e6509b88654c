/**
 * Every question remedi asks at a terminal lives here, so scripts never need one.
 * Prompts write to stderr: stdout stays data.
 * Each prompt has a flag that answers it instead (see log-session --help): the
 * relationship --pair, the date --date, the kind --kind, the length --minutes, the level
 * --level, themes --theme, mentors --mentor, lived experience --[no-]lived-experience,
 * notes --notes, "record it anyway?" --force; with every required flag given nothing is
 * asked, so nothing needs confirming.
 * What a prompt needs to show beside its question (a summary) the command prints itself.
 * The caller gives the streams (terminalPrompts), so this module never reaches for the
 * process's own; commands reach the questions through Context.prompts (cli/context.ts,
 * promptsOf), where a test gives answers of its own.
 */
import type { IsoDate } from '../domain/dates.js';
import { foldText } from '../domain/people.js';
import { KINDS, KIND_LABELS, LEVELS, MAX_MINUTES, MAX_THEME_LENGTH, type Kind, type Level } from '../domain/sessions.js';
import { visible } from './terminalText.js';

const prompts = () => import('@inquirer/prompts');

/** Where the questions are asked: the answers come from `input` (the process's stdin when absent), the questions go to `output` (stderr). */
export interface PromptStreams {
  input?: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
}

export interface RelationshipChoice {
  id: number;
  /** "#3 Margaret Ellison with Priya Sharma + Tendai Moyo (cohort 1)" */
  label: string;
  /** Never shown: everything a search may match (names, staff ids, emails, departments), folded by foldText. */
  search: string;
}

/**
 * The choices a search term matches: every word of the term (folded: no accents, any
 * case) is in the choice's searchable text. The order given is kept.
 */
export function matchingChoices<T extends { search: string }>(choices: readonly T[], term: string | undefined): T[] {
  const words = foldText(term ?? '')
    .split(' ')
    .filter(Boolean);
  return choices.filter((choice) => words.every((word) => choice.search.includes(word)));
}

export type SaveChoice = 'save' | 'change' | 'cancel';

/**
 * Every question remedi asks, as a command receives them through Context.prompts
 * (cli/context.ts): the command line's are terminalPrompts'; a test gives its own.
 */
export type Prompts = ReturnType<typeof terminalPrompts>;

/** The questions, asked at the terminal through `streams`. */
export function terminalPrompts(streams: PromptStreams) {
  const context = { input: streams.input, output: streams.output };

  /** Pick a relationship by typing part of a name, email, staff id or department: a search, not a 200-line list. */
  async function askRelationship(choices: readonly RelationshipChoice[]): Promise<number> {
    const { search } = await prompts();
    return search<number>(
      {
        message: 'Which relationship? Type part of a name, email, staff id or department',
        source: (term) =>
          matchingChoices(choices, term)
            .slice(0, 15)
            .map((choice) => ({ name: visible(choice.label), value: choice.id })),
      },
      context,
    );
  }

  /** `check` returns what is wrong with a typed date, or null when it will do. */
  async function askDate(offered: IsoDate, check: (raw: string) => string | null): Promise<string> {
    const { input } = await prompts();
    return input({ message: 'Date of the session (YYYY-MM-DD or DD/MM/YYYY)', default: offered, validate: (raw) => check(raw) ?? true }, context);
  }

  async function askKind(current?: Kind): Promise<Kind> {
    const { select } = await prompts();
    return select<Kind>(
      { message: 'What kind of session was it?', choices: KINDS.map((kind) => ({ name: KIND_LABELS[kind], value: kind })), default: current },
      context,
    );
  }

  /** `already` says which session is recorded: "A one-to-one session on 12 Mar 2026 is already recorded for #3." */
  async function askRecordAnyway(already: string): Promise<boolean> {
    const { confirm } = await prompts();
    return confirm({ message: `${already} Record it anyway?`, default: false }, context);
  }

  async function askMinutes(current?: number): Promise<number> {
    const { number } = await prompts();
    const minutes = await number({ message: 'How many minutes did it last?', min: 1, max: MAX_MINUTES, step: 1, required: true, default: current }, context);
    return minutes ?? 0;
  }

  async function askLevel(current?: Level): Promise<Level> {
    const { select } = await prompts();
    return select<Level>(
      { message: "At what level of the leader's work did it focus?", choices: LEVELS.map((level) => ({ name: level, value: level })), default: current },
      context,
    );
  }

  /**
   * Themes: tick ones used before, then type any new ones (separated by ;). Asked again,
   * the themes already given come ticked.
   */
  async function askThemes(known: readonly string[], current: readonly string[] = []): Promise<string[]> {
    const { checkbox, input } = await prompts();
    const offered = [...new Set([...current, ...known.slice(0, 30)])];
    const chosen =
      offered.length > 0
        ? await checkbox<string>(
            {
              message: 'Themes that came up (space to tick, enter when done)',
              choices: offered.map((theme) => ({ name: visible(theme), value: theme, checked: current.includes(theme) })),
              pageSize: 12,
            },
            context,
          )
        : [];
    const typed = await input(
      {
        message: offered.length > 0 ? 'Any new themes? (separate with ;, or leave blank)' : 'Themes that came up (separate with ;, or leave blank)',
        validate: (raw) => {
          const long = raw.split(';').find((theme) => theme.trim().length > MAX_THEME_LENGTH);
          return long === undefined ? true : `"${long.trim().slice(0, 20)}..." is longer than ${MAX_THEME_LENGTH} characters; themes are short tags.`;
        },
      },
      context,
    );
    return [...chosen, ...typed.split(';')].filter((theme) => theme.trim() !== '');
  }

  /** Every mentor comes ticked the first time; asked again, the ones given before. */
  async function askMentors(mentors: ReadonlyArray<{ staffId: string; name: string }>, current?: readonly string[]): Promise<string[]> {
    const { checkbox } = await prompts();
    return checkbox<string>(
      {
        message: 'Which mentors were there?',
        choices: mentors.map((m) => ({ name: visible(m.name), value: m.staffId, checked: current === undefined || current.includes(m.staffId) })),
        required: true,
      },
      context,
    );
  }

  async function askLivedExperience(current = false): Promise<boolean> {
    const { confirm } = await prompts();
    return confirm({ message: 'Did it explore lived experience?', default: current }, context);
  }

  /**
   * Asked again, the notes given come ready to edit. An emptied line would give them back
   * (the prompt answers an empty line with what it offered), so a lone "-" clears them.
   */
  async function askNotes(current?: string): Promise<string> {
    const { input } = await prompts();
    if (!current) return input({ message: 'Notes (optional)' }, context);
    const notes = await input({ message: 'Notes (edit them, or type - alone for none)', default: current, prefill: 'editable' }, context);
    return notes.trim() === '-' ? '' : notes;
  }

  /** After the command has shown what will be saved: save it, change an answer, or cancel. */
  async function confirmSave(): Promise<SaveChoice> {
    const { select } = await prompts();
    return select<SaveChoice>(
      {
        message: 'Save this session?',
        choices: [
          { name: 'Save it', value: 'save' },
          { name: 'Change an answer', value: 'change' },
          { name: 'Cancel', value: 'cancel' },
        ],
      },
      context,
    );
  }

  /** Which answer to change: each choice names the answer and what it is now ("Minutes: 50"). */
  async function askAnswerToChange<T extends string>(answers: ReadonlyArray<{ value: T; name: string }>): Promise<T> {
    const { select } = await prompts();
    return select<T>(
      { message: 'Which answer do you want to change?', choices: answers.map((a) => ({ name: a.name, value: a.value })), pageSize: answers.length },
      context,
    );
  }

  async function confirmDelete(summary: string): Promise<boolean> {
    const { confirm } = await prompts();
    return confirm({ message: `Delete ${summary}? This cannot be undone`, default: false }, context);
  }

  async function confirmForget(who: string): Promise<boolean> {
    const { confirm } = await prompts();
    return confirm({ message: `Erase ${who}'s personal data for good? This cannot be undone`, default: false }, context);
  }

  return {
    askRelationship,
    askDate,
    askKind,
    askRecordAnyway,
    askMinutes,
    askLevel,
    askThemes,
    askMentors,
    askLivedExperience,
    askNotes,
    confirmSave,
    askAnswerToChange,
    confirmDelete,
    confirmForget,
  };
}
