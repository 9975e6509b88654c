/** `remedi characteristics list`: remedi's characteristics and the trust's own, which are enabled, and how many people have a value. */
import type { Context } from '../../cli/context.js';
import { BUILT_IN_CHARACTERISTICS, meaningOf } from '../../domain/characteristics.js';
import { enabledCharacteristics } from '../../store/characteristics.js';
import type { Db } from '../../store/db.js';
import { CHARACTERISTIC_CSV_HEADER, characteristicCsvRows, renderCharacteristicList, type CharacteristicSummary } from '../../ui/characteristicOutput.js';
import { printCsv, printJson, readDatabase, refuseJsonAndCsv } from '../shared/skeleton.js';
import type { CharacteristicsListOptions } from './command.js';

/** Every built-in characteristic (enabled or not) and every enabled one of the trust's own. */
export function characteristicSummaries(db: Db): CharacteristicSummary[] {
  const enabled = new Map(enabledCharacteristics(db).map((c) => [c.name, c]));
  const recorded = new Map(db.prepare('SELECT name, count(*) FROM staff_characteristics GROUP BY name').raw().all() as Array<[string, number]>);
  const names = [...BUILT_IN_CHARACTERISTICS, ...[...enabled.values()].filter((c) => c.own).map((c) => c.name)];
  return names.map((name) => {
    const found = enabled.get(name);
    return {
      name,
      kind: (BUILT_IN_CHARACTERISTICS as readonly string[]).includes(name) ? 'remedi' : 'own',
      enabled: found !== undefined,
      enabledOn: found?.enabledOn ?? null,
      ...meaningOf(name),
      recorded: recorded.get(name) ?? 0,
    };
  });
}

export async function runCharacteristicsList(options: CharacteristicsListOptions, context: Context): Promise<CharacteristicSummary[]> {
  refuseJsonAndCsv(options);
  const list = await readDatabase(options, context, characteristicSummaries);
  if (options.json) printJson(context, list);
  else if (options.csv) printCsv(context, CHARACTERISTIC_CSV_HEADER, characteristicCsvRows(list));
  else {
    context.out(renderCharacteristicList(list, context));
    if (!list.some((c) => c.enabled)) context.err('None is enabled: remedi records ethnicity only. Enable one with remedi characteristics enable NAME.\n');
  }
  return list;
}
