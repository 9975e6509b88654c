/**
 * The verdict of `remedi check`: a file is sound when SQLite's integrity check says only "ok",
 * no record points to a missing one, and it is not a copy cut short. Relationships needing a
 * new mentor or mentee are a to-do, never damage (docs/programme-year.md, "Leavers").
 */

/** A relationship month whose session count, kept for the reports, is not what its sessions give. */
export interface CountMismatch {
  relationshipId: number;
  month: number;
  stored: number;
  counted: number;
}

/** What check says of counts that disagree with the sessions (a few of them named): damage, with its own fix. */
function countsProblem(mismatches: readonly CountMismatch[]): string[] {
  if (mismatches.length === 0) return [];
  const n = mismatches.length;
  const shown = mismatches
    .slice(0, 3)
    .map((m) => `relationship ${m.relationshipId} month ${m.month}: ${m.stored} kept, ${m.counted} recorded`)
    .join('; ');
  return [
    `the session counts kept for the reports disagree with the sessions in ${n} relationship ${n === 1 ? 'month' : 'months'} (${shown}${n > 3 ? '; ...' : ''})`,
  ];
}

/** Whether the only damage is counts that disagree: they can be counted again from the sessions. */
export const onlyCountsWrong = (
  health: { integrity: readonly string[]; foreignKeys: readonly unknown[]; sessionCounts?: readonly CountMismatch[] },
  cutShort: string | null,
): boolean =>
  (health.sessionCounts ?? []).length > 0 &&
  cutShort === null &&
  health.foreignKeys.length === 0 &&
  health.integrity.length === 1 &&
  health.integrity[0] === 'ok';

export interface CheckVerdict {
  /** The integrity lines shown: SQLite's, with a copy cut short said in place of its "ok". */
  integrity: string[];
  ok: boolean;
}

export function checkVerdict(
  health: { integrity: readonly string[]; foreignKeys: readonly unknown[]; sessionCounts?: readonly CountMismatch[] },
  cutShort: string | null,
): CheckVerdict {
  const problems = [...countsProblem(health.sessionCounts ?? []), ...(cutShort === null ? [] : [cutShort])];
  const integrity = problems.length === 0 ? [...health.integrity] : [...health.integrity.filter((line) => line !== 'ok'), ...problems];
  return { integrity, ok: integrity.length === 1 && integrity[0] === 'ok' && health.foreignKeys.length === 0 };
}
