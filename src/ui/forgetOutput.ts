/** `remedi forget`: its JSON, and what it says (docs/privacy.md, "Erasure"). */
import { formatDate, type IsoDate } from '../domain/dates.js';
import { visible } from './terminalText.js';

/** `forget --json`. */
export interface ForgetSummary {
  /** The id their anonymous records now carry; null when they had been erased before (see alreadyErasedOn). */
  anonymousId: string | null;
  relationships: number;
  sessions: number;
  /** Set when the person was erased on an earlier day and this run only finished clearing the file. */
  alreadyErasedOn: IsoDate | null;
  /** Copies remedi made beside the database before updating it that still hold the person. */
  stillHeldIn: string[];
  /** Such copies that could not be read: they may hold them. */
  notChecked: string[];
}

/** Nothing was erased: the confirmation was declined. */
export const NOTHING_FORGOTTEN: ForgetSummary = { anonymousId: null, relationships: 0, sessions: 0, alreadyErasedOn: null, stillHeldIn: [], notChecked: [] };

export function forgotText(staffId: string, result: { anonymousId: string; relationships: number; sessions: number }): string {
  return (
    `Forgot ${visible(staffId)}: their name, email, ethnicity, job details, the notes of their sessions and their survey answers are erased. ` +
    `${result.relationships} ${result.relationships === 1 ? 'relationship' : 'relationships'} and ${result.sessions} ${result.sessions === 1 ? 'session' : 'sessions'} stay in the cohort statistics under the anonymous id ${result.anonymousId}. ` +
    'Later roster imports will skip a row with their staff id or email.\n'
  );
}

export function erasureFinishedText(typed: string, erasedOn: IsoDate, database: string): string {
  return `${visible(typed)} was erased on ${formatDate(erasedOn)}; the erasure is now complete in ${visible(database)} (compacted, with nothing of it waiting in the -wal file).\n`;
}

/** The copies beside the database that still hold the person, by path; backups, exports and report files remedi does not track. */
export function copiesNote(copies: { holding: readonly string[]; unreadable: readonly string[] }): string {
  const lines: string[] = [];
  if (copies.holding.length > 0) {
    lines.push(
      `These copies, saved when remedi updated the database, still hold their data: delete them.`,
      ...copies.holding.map((path) => `  ${visible(path)}`),
    );
  }
  if (copies.unreadable.length > 0) {
    lines.push(
      `These copies, saved when remedi updated the database, could not be read, so they may hold their data:`,
      ...copies.unreadable.map((path) => `  ${visible(path)}`),
    );
  }
  lines.push(
    'Backups (remedi backup), exports and report files are not tracked by remedi: any made before today may still hold their data; delete or re-make them.',
  );
  return `${lines.join('\n')}\n`;
}
