/** Opening the database from a command: the path from --db / REMEDI_DB, and the notices. */
import { dbPathOf, type CommonOptions, type Context } from '../context.js';
import { openDatabase, type OpenedDb } from '../store/db.js';

export async function openCommandDb(options: CommonOptions, context: Context, { create }: { create: boolean }): Promise<OpenedDb> {
  const opened = await openDatabase(dbPathOf(options, context), { create });
  announceOpened(opened, context);
  return opened;
}

/** Says, once, that the database was just created or brought up to date (and where the old one is). */
export function announceOpened(opened: OpenedDb, context: Context): void {
  if (opened.created) context.err(`Created the remedi database ${opened.path} (readable by you only).\n`);
  if (opened.backup) context.err(`Updated the database for this version of remedi; the database as it was is saved as ${opened.backup}.\n`);
}
