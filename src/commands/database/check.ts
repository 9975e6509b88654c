/**
 * `remedi check`: is the database file sound (integrity, links between records, not a copy cut
 * short)? It also lists the to-dos a leaver left behind, without failing for them.
 */
import { existsSync, statSync } from 'node:fs';
import { UserError } from '../../errors.js';
import { dbPathOf, type Context } from '../../cli/context.js';
import { checkVerdict } from '../../domain/databaseCheck.js';
import { partialCopyProblem } from '../../store/backup.js';
import { inspectDatabase } from '../../store/health.js';
import { SCHEMA_VERSION } from '../../store/schemaVersion.js';
import { renderCheck, type CheckResult } from '../../ui/databaseOutput.js';
import { printJson } from '../shared/skeleton.js';
import type { CheckOptions } from './command.js';

export type { CheckResult } from '../../ui/databaseOutput.js';

export function runCheck(options: CheckOptions, context: Context): CheckResult {
  const path = dbPathOf(options, context);
  const isFile = existsSync(path) && statSync(path).isFile();
  // A 0-byte file is what an interrupted copy or `touch` leaves: never "ok".
  if (isFile && statSync(path).size === 0) {
    throw new UserError(`${path} is empty (0 bytes): it is not a remedi database, nor a whole copy of one.`, {
      fix: 'Check the --db path; if this is a backup, it is no good: make another with remedi backup.',
    });
  }
  const cutShort = isFile ? partialCopyProblem(path) : null;
  const health = inspectDatabase(path, context.today, {
    sound: (found) => checkVerdict(found, cutShort).ok,
    // SQLite refuses to open most copies cut short: say what is wrong with them.
    cannotOpen: (error) =>
      cutShort === null
        ? (error as Error)
        : new UserError(`${path} failed its check: ${cutShort}.`, { fix: 'Do not use it: restore the database from a whole backup (remedi check it first).' }),
  });
  const { integrity, ok } = checkVerdict(health, cutShort);
  const result: CheckResult = {
    database: path,
    schemaVersion: health.schemaVersion,
    integrity,
    foreignKeys: health.foreignKeys,
    ok,
    needsReplacement: health.needsReplacement,
  };
  if (options.json) printJson(context, result);
  else context.out(renderCheck(result, SCHEMA_VERSION));
  if (!result.ok) {
    throw new UserError('The database failed its check.', {
      fix: 'Restore it from your latest backup (remedi backup makes one), and keep the damaged file for investigation.',
    });
  }
  return result;
}
