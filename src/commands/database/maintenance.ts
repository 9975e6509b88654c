/**
 * `remedi backup` and `remedi check`: a consistent copy, and a health check of the database
 * (which also lists the to-dos a leaver left behind, without failing for them).
 */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { UserError } from '../../errors.js';
import { dbPathOf, type CommonOptions, type Context } from '../../cli/context.js';
import { checkTarget } from '../../io/outputTarget.js';
import { backupTo, partialCopyProblem } from '../../store/backup.js';
import { openExisting, openReadOnly } from '../../store/readOnlyOpen.js';
import { schemaKind } from '../../store/schema.js';
import { SCHEMA_VERSION } from '../../store/migrations.js';
import { replacementsNeeded } from '../../store/reportData.js';
import type { ReplacementItem } from '../../domain/chase.js';
import { replacementText } from '../../ui/reportParts.js';

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
  // A 0-byte file is what an interrupted copy or `touch` leaves: never "ok".
  if (existsSync(path) && statSync(path).isFile() && statSync(path).size === 0) {
    throw new UserError(`${path} is empty (0 bytes): it is not a remedi database, nor a whole copy of one.`, {
      fix: 'Check the --db path; if this is a backup, it is no good: make another with remedi backup.',
    });
  }
  const partial = existsSync(path) && statSync(path).isFile() ? partialCopyProblem(path) : null;
  // Read-only, so a database on read-only media can be checked; an older schema is checked as it is.
  let db: ReturnType<typeof openReadOnly>;
  try {
    db = openReadOnly(path);
  } catch (error) {
    // SQLite refuses to open most copies cut short: say what is wrong with them.
    if (partial === null) throw error;
    throw new UserError(`${path} failed its check: ${partial}.`, { fix: 'Do not use it: restore the database from a whole backup (remedi check it first).' });
  }
  let result: CheckResult;
  try {
    let integrity: string[];
    let foreignKeys: CheckResult['foreignKeys'] = [];
    let schemaVersion = 0;
    try {
      const kind = schemaKind(db);
      if (kind !== 'remedi') {
        throw new UserError(
          kind === 'empty'
            ? `${path} is an SQLite database with no remedi tables in it, not a remedi database.`
            : `${path} is an SQLite database of another program, not a remedi database.`,
          { fix: 'Check the --db path: remedi keeps its own file (remedi.db by default).' },
        );
      }
      schemaVersion = db.pragma('user_version', { simple: true }) as number;
      integrity = (db.pragma('integrity_check') as Array<{ integrity_check: string }>).map((row) => row.integrity_check);
      foreignKeys = (db.pragma('foreign_key_check') as Array<{ table: string; rowid: number; parent: string }>).map(({ table, rowid, parent }) => ({
        table,
        rowid,
        parent,
      }));
    } catch (error) {
      // SQLite stops reading a damaged file with an error: that is the check's answer, not a crash.
      const code = (error as { code?: string }).code;
      if (code !== 'SQLITE_CORRUPT' && code !== 'SQLITE_NOTADB' && code !== 'SQLITE_IOERR_SHORT_READ') throw error;
      integrity = [`SQLite cannot read the file: ${(error as Error).message}`];
    }
    if (partial) integrity = [...integrity.filter((line) => line !== 'ok'), partial];
    const ok = integrity.length === 1 && integrity[0] === 'ok' && foreignKeys.length === 0;
    // A damaged file is not asked for more than its health, nor an older schema for today's tables.
    const needsReplacement = ok && schemaVersion === SCHEMA_VERSION ? replacementsNeeded(db, context.today) : [];
    result = { database: path, schemaVersion, integrity, foreignKeys, ok, needsReplacement };
  } finally {
    db.close();
  }
  if (options.json) {
    context.out(`${JSON.stringify(result, null, 2)}\n`);
  } else {
    const lines = [
      `Database: ${path} (schema ${result.schemaVersion}${result.schemaVersion < SCHEMA_VERSION ? `; this remedi will update it to ${SCHEMA_VERSION} when it next writes` : ''})`,
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
    context.out(`${lines.join('\n')}\n`);
  }
  if (!result.ok) {
    throw new UserError('The database failed its check.', {
      fix: 'Restore it from your latest backup (remedi backup makes one), and keep the damaged file for investigation.',
    });
  }
  return result;
}
