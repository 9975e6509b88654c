/**
 * `remedi import`'s protected characteristics (docs/characteristics.md, "Importing"): the
 * `--characteristic "Header=name"` option, and each row's values written in the import's one
 * transaction. Nothing here runs for a row while no characteristic is enabled.
 */
import { CHARACTERISTIC_NAME, isBuiltIn, type CharacteristicValue } from '../../domain/characteristics.js';
import { characteristicColumn, type RosterColumn } from '../../domain/rosterCharacteristics.js';
import { UsageError } from '../../errors.js';
import type { HeaderMap } from '../../io/tableFile.js';
import { characteristicBatch } from '../../store/characteristicBatch.js';
import type { Db } from '../../store/db.js';
import { visible } from '../../ui/terminalText.js';

export interface CharacteristicOption {
  /** As written, for messages. */
  pair: string;
  header: string;
  name: string;
}

/** Reads `--characteristic "Header=name"` options; a malformed one is a usage error (before the database is opened). */
export function parseCharacteristicOption(pairs: readonly string[]): CharacteristicOption[] {
  return pairs.map((pair) => {
    const at = pair.lastIndexOf('=');
    const header = pair.slice(0, Math.max(at, 0)).trim();
    const name = pair
      .slice(at + 1)
      .trim()
      .toLowerCase();
    if (at < 0 || header === '' || !CHARACTERISTIC_NAME.test(name)) {
      throw new UsageError(`--characteristic "${visible(pair)}" is not "Header=name".`, {
        fix: 'For example --characteristic "Unpaid carer=carer", naming an enabled characteristic (remedi characteristics list).',
      });
    }
    return { pair, header, name };
  });
}

/** The options' headers as the columns of their characteristics; a characteristic that is not enabled is a usage error naming the command that enables it. */
export function characteristicMaps(options: readonly CharacteristicOption[], enabled: readonly string[]): Array<HeaderMap<RosterColumn>> {
  return options.map(({ pair, header, name }) => {
    if (!enabled.includes(name)) {
      throw new UsageError(`--characteristic "${visible(pair)}" names ${name}, which is not enabled, so remedi records nothing of it; nothing was imported.`, {
        fix: `Enable it first: remedi characteristics enable ${name}${isBuiltIn(name) ? '' : ' --own'}`,
      });
    }
    return [header, characteristicColumn(name), `--characteristic "${visible(pair)}"`] as const;
  });
}

/**
 * Writes each row's values (a blank, unknown, deletes what was held: the file says it again)
 * and counts the values the file recorded, yes or no, per characteristic. Written in batches
 * (store/characteristicBatch.ts): nothing reads them before the pass over the file ends, when
 * `finish` writes the last; a person is in the file once (a second row of theirs refuses the
 * import), so each value is given once.
 */
export function characteristicRecorder(db: Db): {
  record: (staffId: string, values: ReadonlyArray<readonly [string, CharacteristicValue]>, isNew: boolean) => void;
  finish: () => void;
  recorded: Map<string, number>;
} {
  const batch = characteristicBatch(db);
  const recorded = new Map<string, number>();
  return {
    record(staffId, values, isNew) {
      for (const [name, value] of values) {
        if (value !== 'unknown') {
          recorded.set(name, (recorded.get(name) ?? 0) + 1);
          batch.set(staffId, name, value);
        }
        // Someone new holds nothing yet: an unknown has nothing to delete.
        else if (!isNew) batch.unset(staffId, name);
      }
    },
    finish: () => batch.flush(),
    recorded,
  };
}
