/** Opening the database from a command: the path from --db / REMEDI_DB, and the notices. */
import { dbPathOf, type CommonOptions, type Context } from '../../cli/context.js';
import { openDatabase, type OpenOptions, type OpenedDb } from '../../store/db.js';

/**
 * Read commands pass `readonly: true`: they open the file without writing to it, so they work on
 * read-only media. Commands that create pass `deferPublish: true` and call publish() after committing.
 */
export async function openCommandDb(
  options: CommonOptions,
  context: Context,
  how: Pick<OpenOptions, 'create' | 'readonly' | 'deferPublish'>,
): Promise<OpenedDb> {
  const opened = await openDatabase(dbPathOf(options, context), how);
  announceOpened(opened, context);
  return opened;
}

/**
 * Says, once, what opening did: permissions tightened, a network folder, the database just
 * created (only once it is there under its name) or brought up to date (and where the old one is).
 */
export function announceOpened(opened: OpenedDb, context: Context): void {
  for (const notice of opened.notices) context.err(`${notice}\n`);
  if (opened.created && opened.published) announceCreated(opened, context);
  if (opened.backup) context.err(`Updated the database for this version of remedi; the database as it was is saved as ${opened.backup}.\n`);
}

/** After publish(): the new database is there under its name. */
export function announceCreated(opened: OpenedDb, context: Context): void {
  context.err(`Created the remedi database ${opened.path} (readable by you only).\n`);
}
