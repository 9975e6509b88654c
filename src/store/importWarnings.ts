/**
 * Import warnings already shown: a fingerprint of each (the warning's column, value and
 * message, never its line or the file's name: this month's export is named for this
 * month, and says the same things as last month's) so the next import shows in full only
 * what is new.
 */
import { createHash } from 'node:crypto';
import type { RowProblem } from '../errors.js';
import type { Db } from './db.js';

export function warningFingerprint(warning: RowProblem): string {
  return createHash('sha256')
    .update(JSON.stringify([warning.column, warning.value, warning.message]))
    .digest('hex');
}

/** Which of these warnings were shown at an earlier import (true), in the same order. */
export function warningsSeenBefore(db: Db, fingerprints: readonly string[]): boolean[] {
  if (fingerprints.length === 0) return [];
  const seen = db.prepare('SELECT 1 FROM import_warnings_seen WHERE fingerprint = ?').pluck();
  return fingerprints.map((fingerprint) => seen.get(fingerprint) !== undefined);
}

/** Remembers warnings as shown. Call inside the import's transaction (never in a dry run). */
export function recordWarningsSeen(db: Db, fingerprints: readonly string[]): void {
  const insert = db.prepare('INSERT OR IGNORE INTO import_warnings_seen (fingerprint) VALUES (?)');
  for (const fingerprint of fingerprints) insert.run(fingerprint);
}
