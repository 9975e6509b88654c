/** The output contracts of `remedi backup` and `remedi check`: their JSON (field names are a contract) and the lines they print. */
import type { ReplacementItem } from '../domain/chase.js';
import { replacementText } from './reportParts.js';

export interface BackupJson {
  database: string;
  backup: string;
  schemaVersion: number;
}

export const backupJson = (database: string, copy: { path: string; schemaVersion: number }): BackupJson => ({
  database,
  backup: copy.path,
  schemaVersion: copy.schemaVersion,
});

export const renderBackup = (database: string, copy: { path: string; schemaVersion: number }): string =>
  `Backed up ${database} to ${copy.path} (readable by you only; checked: sound, schema ${copy.schemaVersion}).\n`;

export interface CheckResult {
  database: string;
  schemaVersion: number;
  integrity: string[];
  foreignKeys: Array<{ table: string; rowid: number; parent: string }>;
  /** Whether the file is sound: integrity and links. The to-dos below never make it fail. */
  ok: boolean;
  /** Running relationships whose mentee, or every mentor, has left (docs/programme-year.md, "Leavers"). */
  needsReplacement: Array<ReplacementItem & { cohort: number }>;
}

/** The check as text; `currentSchema` is the schema this remedi writes, to say an older one will be updated. */
export function renderCheck(result: CheckResult, currentSchema: number): string {
  const lines = [
    `Database: ${result.database} (schema ${result.schemaVersion}${result.schemaVersion < currentSchema ? `; this remedi will update it to ${currentSchema} when it next writes` : ''})`,
  ];
  lines.push(`Integrity: ${result.integrity.join('; ')}`);
  lines.push(
    `Links between records: ${result.foreignKeys.length === 0 ? 'ok' : result.foreignKeys.map((f) => `${f.table} row ${f.rowid} points to a missing ${f.parent}`).join('; ')}`,
  );
  if (result.needsReplacement.length > 0) {
    const n = result.needsReplacement.length;
    lines.push(
      `To do (not damage): ${n} running ${n === 1 ? 'relationship needs' : 'relationships need'} a new mentor / mentee, as someone in ${n === 1 ? 'it' : 'them'} has left the trust:`,
    );
    for (const item of result.needsReplacement) lines.push(`  cohort ${item.cohort}: ${replacementText(item)}`);
  }
  return `${lines.join('\n')}\n`;
}
