/**
 * Every question remedi asks at a terminal lives here, so scripts never need one
 * and tests replace this one module. Prompts write to stderr: stdout stays data.
 * Each prompt has a flag that answers it instead (see log-session --help).
 */
import type { IsoDate } from '../domain/dates.js';
import { KINDS, KIND_LABELS, LEVELS, MAX_MINUTES, type Kind, type Level } from '../domain/sessions.js';

const context = () => ({ output: process.stderr });
const prompts = () => import('@inquirer/prompts');

export interface RelationshipChoice {
  id: number;
  /** "#3 Margaret Ellison with Priya Sharma + Tendai Moyo (cohort 1)" */
  label: string;
}

/** Pick a relationship by typing part of a name: a search, not a 200-line list. */
export async function askRelationship(choices: readonly RelationshipChoice[]): Promise<number> {
  const { search } = await prompts();
  return search<number>(
    {
      message: 'Which relationship? Type part of a name',
      source: (term) => {
        const words = (term ?? '').toLowerCase().split(/\s+/).filter(Boolean);
        return choices
          .filter((choice) => words.every((word) => choice.label.toLowerCase().includes(word)))
          .slice(0, 15)
          .map((choice) => ({ name: choice.label, value: choice.id }));
      },
    },
    context(),
  );
}

export async function askDate(today: IsoDate, check: (raw: string) => string | null): Promise<string> {
  const { input } = await prompts();
  return input({ message: 'Date of the session (YYYY-MM-DD or DD/MM/YYYY)', default: today, validate: (raw) => check(raw) ?? true }, context());
}

export async function askMinutes(): Promise<number> {
  const { number } = await prompts();
  const minutes = await number({ message: 'How many minutes did it last?', min: 1, max: MAX_MINUTES, step: 1, required: true }, context());
  return minutes ?? 0;
}

export async function askKind(): Promise<Kind> {
  const { select } = await prompts();
  return select<Kind>({ message: 'What kind of session was it?', choices: KINDS.map((kind) => ({ name: KIND_LABELS[kind], value: kind })) }, context());
}

export async function askLevel(): Promise<Level> {
  const { select } = await prompts();
  return select<Level>({ message: 'At what level of the leader\'s work did it focus?', choices: LEVELS.map((level) => ({ name: level, value: level })) }, context());
}

/** Themes: tick ones used before, then type any new ones (separated by ;). */
export async function askThemes(known: readonly string[]): Promise<string[]> {
  const { checkbox, input } = await prompts();
  const chosen = known.length > 0
    ? await checkbox<string>({ message: 'Themes that came up (space to tick, enter when done)', choices: known.slice(0, 30).map((theme) => ({ name: theme, value: theme })), pageSize: 12 }, context())
    : [];
  const typed = await input({ message: known.length > 0 ? 'Any new themes? (separate with ;, or leave blank)' : 'Themes that came up (separate with ;, or leave blank)' }, context());
  return [...chosen, ...typed.split(';')].filter((theme) => theme.trim() !== '');
}

export async function askMentors(mentors: ReadonlyArray<{ staffId: string; name: string }>): Promise<string[]> {
  const { checkbox } = await prompts();
  return checkbox<string>(
    {
      message: 'Which mentors were there?',
      choices: mentors.map((m) => ({ name: m.name, value: m.staffId, checked: true })),
      required: true,
    },
    context(),
  );
}

export async function askLivedExperience(): Promise<boolean> {
  const { confirm } = await prompts();
  return confirm({ message: 'Did it explore lived experience?', default: false }, context());
}

export async function askNotes(): Promise<string> {
  const { input } = await prompts();
  return input({ message: 'Notes (optional)' }, context());
}

/** Shows what will be saved and asks to go ahead. */
export async function confirmSave(summary: string): Promise<boolean> {
  const { confirm } = await prompts();
  process.stderr.write(`\n${summary}\n`);
  return confirm({ message: 'Save this session?', default: true }, context());
}

export async function confirmDelete(summary: string): Promise<boolean> {
  const { confirm } = await prompts();
  return confirm({ message: `Delete ${summary}? This cannot be undone`, default: false }, context());
}

export async function confirmForget(who: string): Promise<boolean> {
  const { confirm } = await prompts();
  return confirm({ message: `Erase ${who}'s personal data for good? This cannot be undone`, default: false }, context());
}
