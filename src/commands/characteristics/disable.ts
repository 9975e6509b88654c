/**
 * `remedi characteristics disable NAME`: stop recording a characteristic and erase its values,
 * asking first at a terminal (otherwise it needs --yes). The file is then compacted and its WAL
 * emptied, so the values are left nowhere in it (docs/characteristics.md, "Disabling").
 */
import { promptsOf, type Context } from '../../cli/context.js';
import { UsageError, UserError } from '../../errors.js';
import { countCharacteristicValues, disableCharacteristic, enabledCharacteristics, type DisableResult } from '../../store/characteristics.js';
import { checkpointPatiently, compactFile } from '../../store/privacy.js';
import { renderDisabled } from '../../ui/characteristicOutput.js';
import { visible } from '../../ui/terminalText.js';
import { printJson, withDatabase } from '../shared/skeleton.js';
import type { CharacteristicsDisableOptions } from './command.js';

export interface DisableSummary extends DisableResult {
  name: string;
}

export async function runCharacteristicsDisable(typed: string, options: CharacteristicsDisableOptions, context: Context): Promise<DisableSummary | null> {
  const name = typed.trim();
  const result = await withDatabase(options, context, { create: false }, async (db, opened) => {
    const enabled = enabledCharacteristics(db).map((c) => c.name);
    if (!enabled.includes(name)) {
      throw new UserError(`${visible(name)} is not enabled, so remedi holds no values of it; nothing was changed.`, {
        fix: enabled.length === 0 ? 'No characteristic is enabled (remedi characteristics list).' : `Enabled: ${enabled.join(', ')}.`,
      });
    }
    if (!options.yes) {
      if (!context.interactive) {
        throw new UsageError(`Disabling ${name} erases its values and needs --yes when there is no terminal to confirm it.`, {
          fix: `remedi characteristics disable ${name} --yes`,
        });
      }
      const counts = countCharacteristicValues(db, name);
      const relationships =
        counts.relationships === 0
          ? ''
          : ` (${counts.relationships} relationship${counts.relationships === 1 ? '' : 's'} of its lived experience type become general)`;
      const { confirmDelete } = await promptsOf(context);
      if (!(await confirmDelete(`${name} and its values for ${counts.values} ${counts.values === 1 ? 'person' : 'people'}${relationships}`))) return null;
    }
    db.pragma('secure_delete = ON');
    const erased = db.transaction(() => disableCharacteristic(db, name)).immediate();
    await clearFile(db, opened.path, name);
    return { name, ...erased };
  });
  if (result === null) {
    context.err('Nothing was changed.\n');
    return null;
  }
  if (options.json) printJson(context, result);
  else context.out(renderDisabled(name, result));
  return result;
}

/** As forget does: rebuild the file and empty the WAL so the erased values are in neither; a reader holding the WAL is waited for a little, then said. */
async function clearFile(db: Parameters<typeof compactFile>[0], path: string, name: string): Promise<void> {
  const done = `${name} is disabled and its values are erased from remedi's records`;
  try {
    compactFile(db);
  } catch (error) {
    throw new UserError(
      `${done}, but compacting ${visible(path)} failed (${visible((error as Error).message)}): until it is, old values may remain in the file's free space.`,
      {
        fix: 'Free some disk space: the next remedi forget or characteristics disable compacts the file.',
      },
    );
  }
  if (await checkpointPatiently(db)) return;
  throw new UserError(`${done}, but old values are still in ${visible(path)}-wal while another program is reading the database.`, {
    fix: 'Close that program (or let the other remedi finish): when the last program using the database closes it, SQLite writes the WAL into the file over the old values.',
  });
}
