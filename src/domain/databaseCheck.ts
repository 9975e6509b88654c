/**
 * The verdict of `remedi check`: a file is sound when SQLite's integrity check says only "ok",
 * no record points to a missing one, and it is not a copy cut short. Relationships needing a
 * new mentor or mentee are a to-do, never damage (docs/programme-year.md, "Leavers").
 */

export interface CheckVerdict {
  /** The integrity lines shown: SQLite's, with a copy cut short said in place of its "ok". */
  integrity: string[];
  ok: boolean;
}

export function checkVerdict(health: { integrity: readonly string[]; foreignKeys: readonly unknown[] }, cutShort: string | null): CheckVerdict {
  const integrity = cutShort === null ? [...health.integrity] : [...health.integrity.filter((line) => line !== 'ok'), cutShort];
  return { integrity, ok: integrity.length === 1 && integrity[0] === 'ok' && health.foreignKeys.length === 0 };
}
