/** `remedi characteristics enable NAME [--own]`: start recording a characteristic (docs/characteristics.md, "Enabling"). */
import type { Context } from '../../cli/context.js';
import { BUILT_IN_CHARACTERISTICS, CHARACTERISTIC_NAME, CHARACTERISTIC_NAME_EXPECTED, isBuiltIn } from '../../domain/characteristics.js';
import { WEIGHT_NAMES } from '../../domain/pairingRules.js';
import { suggest } from '../../domain/suggest.js';
import { UsageError } from '../../errors.js';
import { enableCharacteristic } from '../../store/characteristics.js';
import { ENABLE_ONLY_WHAT_YOU_USE, renderEnabled, type CharacteristicSummary } from '../../ui/characteristicOutput.js';
import { visible } from '../../ui/terminalText.js';
import { printJson, writeDatabase } from '../shared/skeleton.js';
import type { CharacteristicsEnableOptions } from './command.js';
import { characteristicSummaries } from './list.js';

/** Refuses, before the database is opened, a name that is not one remedi knows (without --own) or not a valid name. */
export function checkCharacteristicName(typed: string, own: boolean): string {
  const name = typed.trim();
  const builtIns = BUILT_IN_CHARACTERISTICS.join(', ');
  if (own) {
    if (isBuiltIn(name))
      throw new UsageError(`${name} is one of remedi's characteristics, not one of the trust's own.`, { fix: `remedi characteristics enable ${name}` });
    if (!CHARACTERISTIC_NAME.test(name)) {
      throw new UsageError(`"${visible(name)}" cannot be a characteristic's name: expected ${CHARACTERISTIC_NAME_EXPECTED}.`);
    }
    // Its --weights key would be a pairing weight's (docs/pairing.md, "Score").
    if ((WEIGHT_NAMES as readonly string[]).includes(name)) {
      throw new UsageError(`${name} cannot be a characteristic's name: it is the name of a pairing weight (remedi pair --weights).`, {
        fix: `Choose another name, such as ${name}_network.`,
      });
    }
    return name;
  }
  if (isBuiltIn(name)) return name;
  const near = suggest(name, BUILT_IN_CHARACTERISTICS);
  const valid = CHARACTERISTIC_NAME.test(name);
  throw new UsageError(`"${visible(name)}" is not one of remedi's characteristics (${builtIns}).${near === null ? '' : ` Did you mean ${near}?`}`, {
    fix:
      near !== null
        ? `remedi characteristics enable ${near}`
        : valid
          ? `For a yes/no characteristic of the trust's own: remedi characteristics enable ${name} --own`
          : `A characteristic of the trust's own needs a name of ${CHARACTERISTIC_NAME_EXPECTED}, and --own.`,
  });
}

export async function runCharacteristicsEnable(typed: string, options: CharacteristicsEnableOptions, context: Context): Promise<CharacteristicSummary> {
  const name = checkCharacteristicName(typed, options.own === true);
  const { summary, already } = await writeDatabase(options, context, (db) => {
    const added = db.transaction(() => enableCharacteristic(db, name, options.own === true, context.today)).immediate();
    const found = characteristicSummaries(db).find((c) => c.name === name)!;
    if (!added && found.kind !== (options.own === true ? 'own' : 'remedi'))
      throw new UsageError(`${name} is already enabled as one of ${found.kind === 'own' ? "the trust's own" : "remedi's"}.`);
    return { summary: found, already: !added };
  });
  if (options.json) printJson(context, summary);
  else {
    context.out(renderEnabled(summary, already));
    if (!already) context.err(ENABLE_ONLY_WHAT_YOU_USE);
  }
  return summary;
}
