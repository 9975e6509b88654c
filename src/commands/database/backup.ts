/** `remedi backup FILE`: a consistent copy of the database, checked before it takes its name (store/backup.ts). */
import { resolve } from 'node:path';
import { dbPathOf, type Context } from '../../cli/context.js';
import { checkTarget } from '../../io/outputTarget.js';
import { backupDatabase } from '../../store/backup.js';
import { backupJson, renderBackup } from '../../ui/databaseOutput.js';
import { printJson } from '../shared/skeleton.js';
import type { BackupOptions } from './command.js';

export async function runBackup(destination: string, options: BackupOptions, context: Context): Promise<string> {
  const source = dbPathOf(options, context);
  // Refuses the database, its side files, any existing file and a missing folder before reading anything.
  const target = checkTarget(resolve(context.cwd, destination), { database: source });
  const copy = await backupDatabase(source, target);
  if (options.json) printJson(context, backupJson(source, copy));
  else context.out(renderBackup(source, copy));
  return copy.path;
}
