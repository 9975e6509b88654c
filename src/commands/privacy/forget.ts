/**
 * `remedi forget`: erasure (docs/privacy.md, "Erasure"). The person's personal data goes, what
 * the cohort statistics need stays under an anonymous id; then the file is rebuilt so the old
 * values are left neither in its free pages nor in its -wal file.
 */
import { promptsOf, type Context } from '../../cli/context.js';
import { forgetConfirmation, typedIdentity } from '../../domain/forgetting.js';
import type { StaffRecord } from '../../domain/staff.js';
import { UsageError, UserError } from '../../errors.js';
import type { Db } from '../../store/db.js';
import { checkpointPatiently, checkpointWal, compactFile, copiesHolding, erasedOn, erasePerson } from '../../store/privacy.js';
import { copiesNote, erasureFinishedText, forgotText, NOTHING_FORGOTTEN, type ForgetSummary } from '../../ui/forgetOutput.js';
import { oneLine, visible } from '../../ui/terminalText.js';
import { resolvePerson } from '../shared/resolvePerson.js';
import { printJson, withDatabase } from '../shared/skeleton.js';
import type { ForgetOptions } from './command.js';

/** How often, and how far apart, the file is tried again while another program reads it. */

export async function runForget(query: string, options: ForgetOptions, context: Context): Promise<ForgetSummary> {
  return withDatabase(options, context, { create: false }, async (db, opened) => {
    // By staff id, email or name; leavers can be forgotten too.
    let person: StaffRecord;
    try {
      person = resolvePerson(db, query);
    } catch (error) {
      // Asked again for someone already erased (by staff id or email): finish clearing the file.
      const day = error instanceof UserError ? erasedOn(db, query) : null;
      if (day === null) throw error;
      const typed = typedIdentity(query);
      const copies = copiesHolding(opened.path, typed);
      context.err(copiesNote(copies));
      await clearFile(db, opened.path, typed.staffId, 'earlier');
      const summary: ForgetSummary = { ...NOTHING_FORGOTTEN, alreadyErasedOn: day, stillHeldIn: copies.holding, notChecked: copies.unreadable };
      if (options.json) printJson(context, summary);
      else context.out(erasureFinishedText(typed.staffId, day, opened.path));
      return summary;
    }
    const { staffId } = person;
    const who = visible(`${person.name} (${staffId})`);
    const confirmation = forgetConfirmation({ yes: options.yes === true, interactive: context.interactive });
    if (confirmation === 'refuse') {
      throw new UsageError(`Forgetting ${who} needs --yes when there is no terminal to confirm it.`, { fix: `remedi forget ${staffId} --yes` });
    }
    if (confirmation === 'ask') {
      const { confirmForget } = await promptsOf(context);
      if (!(await confirmForget(who))) {
        context.err('Nothing was changed.\n');
        return NOTHING_FORGOTTEN;
      }
    }
    // Copies made before the erasure are looked at first: what they hold does not change.
    const copies = copiesHolding(opened.path, person);
    const result = erasePerson(db, staffId, context.today);
    // From here on the erasure is committed: no message may say that nothing was changed.
    context.err(copiesNote(copies));
    await clearFile(db, opened.path, staffId, 'now');
    const summary: ForgetSummary = { ...result, alreadyErasedOn: null, stillHeldIn: copies.holding, notChecked: copies.unreadable };
    if (options.json) printJson(context, summary);
    else context.out(forgotText(staffId, result));
    return summary;
  });
}

/**
 * After the erasure is committed: rebuild the file (VACUUM) and copy everything into it from
 * the WAL (a checkpoint), so the old values are in neither. A checkpoint that another program's
 * read holds up is tried again a few times, then refused loudly: the erasure stands, but the
 * old values are still on disk until that program lets go.
 */
async function clearFile(db: Db, file: string, staffId: string, when: 'now' | 'earlier'): Promise<void> {
  const path = visible(file);
  const erased =
    when === 'now'
      ? `${visible(staffId)} is erased from remedi's records (that is saved, and remedi will not show them again)`
      : `${visible(staffId)} was erased from remedi's records earlier`;
  const again = `remedi forget ${visible(staffId)} --yes --db ${path}`;
  try {
    compactFile(db);
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    const why =
      code === 'SQLITE_FULL'
        ? 'the disk is full (compacting needs free space up to the size of the database)'
        : code.startsWith('SQLITE_BUSY')
          ? 'another program was writing to the database'
          : `SQLite said: ${oneLine((error as Error).message)}`;
    // The erasure itself can still go from the WAL into the file, over the old values.
    try {
      checkpointWal(db);
    } catch {
      // Said below all the same: the file may still hold them.
    }
    throw new UserError(
      `${erased}, but compacting ${path} failed: ${why}. Until it is compacted, older copies of their details may remain in the file's free space.`,
      {
        fix: `${code === 'SQLITE_FULL' ? 'Free some disk space' : 'Wait a moment'}, then run ${again} to finish.`,
      },
    );
  }
  if (await checkpointPatiently(db)) return;
  throw new UserError(
    `${erased}, but their old details are still inside ${path}: the erasure is waiting in ${path}-wal, and SQLite cannot write it over the old details ` +
      'while another program is reading the database. That is most likely another remedi command still running, or a program that opened the file (such as DB Browser for SQLite).',
    { fix: `Close that program (or let the other remedi finish), then run ${again} to finish.` },
  );
}
