/**
 * `remedi backup` and `remedi check`: a consistent copy, and a health check of the database
 * (which also lists the to-dos a leaver left behind, without failing for them).
 */
import { resolve } from 'node:path';
import { UserError } from '../errors.js';
import { dbPathOf, type CommonOptions, type Context } from '../context.js';
import { checkTarget } from '../io/outputFile.js';
import { backupTo, openExisting } from '../store/db.js';
import { SCHEMA_VERSION } from '../store/migrations.js';
import { replacementsNeeded } from '../store/reportData.js';
import type { ReplacementItem } from '../domain/chase.js';
import { replacementText } from '../ui/reportParts.js';

export async function runBackup(destination: string, options: CommonOptions, context: Context): Promise<string> {
  const source = dbPathOf(options, context);
  // Refuses the database, its side files, any existing file and a missing folder before reading anything.
  const target = checkTarget(resolve(context.cwd, destination), { database: source });
  const db = openExisting(source);
  let copy: { path: string; schemaVersion: number };
  try {
    copy = await backupTo(db, target);
  } finally {
    db.close();
  }
  if (options.json) context.out(`${JSON.stringify({ database: source, backup: copy.path, schemaVersion: copy.schemaVersion }, null, 2)}\n`);
  else context.out(`Backed up ${source} to ${copy.path} (readable by you only; checked: sound, schema ${copy.schemaVersion}).\n`);
  return copy.path;
}

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

export function runCheck(options: CommonOptions, context: Context): CheckResult {
  const path = dbPathOf(options, context);
  const db = openExisting(path);
  let result: CheckResult;
  try {
    const integrity = (db.pragma('integrity_check') as Array<{ integrity_check: string }>).map((row) => row.integrity_check);
    const foreignKeys = (db.pragma('foreign_key_check') as Array<{ table: string; rowid: number; parent: string }>).map(({ table, rowid, parent }) => ({ table, rowid, parent }));
    const schemaVersion = db.pragma('user_version', { simple: true }) as number;
    const ok = integrity.length === 1 && integrity[0] === 'ok' && foreignKeys.length === 0;
    // A damaged file is not asked for more than its health.
    const needsReplacement = ok ? replacementsNeeded(db, context.today) : [];
    result = { database: path, schemaVersion, integrity, foreignKeys, ok, needsReplacement };
  } finally {
    db.close();
  }
  if (options.json) {
    context.out(`${JSON.stringify(result, null, 2)}\n`);
  } else {
    const lines = [`Database: ${path} (schema ${result.schemaVersion}${result.schemaVersion < SCHEMA_VERSION ? `; this remedi will update it to ${SCHEMA_VERSION} when it next writes` : ''})`];
    lines.push(`Integrity: ${result.integrity.join('; ')}`);
    lines.push(`Links between records: ${result.foreignKeys.length === 0 ? 'ok' : result.foreignKeys.map((f) => `${f.table} row ${f.rowid} points to a missing ${f.parent}`).join('; ')}`);
    if (result.needsReplacement.length > 0) {
      const n = result.needsReplacement.length;
      lines.push(`To do (not damage): ${n} running ${n === 1 ? 'relationship needs' : 'relationships need'} a new mentor / mentee, as someone in ${n === 1 ? 'it' : 'them'} has left the trust:`);
      for (const item of result.needsReplacement) lines.push(`  cohort ${item.cohort}: ${replacementText(item)}`);
    }
    context.out(`${lines.join('\n')}\n`);
  }
  if (!result.ok) {
    throw new UserError('The database failed its check.', { fix: 'Restore it from your latest backup (remedi backup makes one), and keep the damaged file for investigation.' });
  }
  return result;
}
