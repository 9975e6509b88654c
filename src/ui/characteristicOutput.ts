/**
 * The characteristics as `characteristics list`, `enable` and `disable` print them: the JSON is
 * CharacteristicSummary (a contract), the table and CSV columns here.
 */
import type { CsvCell } from '../io/csvOutput.js';
import { renderTable, type Fit } from './table.js';

export interface CharacteristicSummary {
  name: string;
  /** "remedi" for disability, sex, sexual_orientation and religion; "own" for the trust's yes/no ones. */
  kind: 'remedi' | 'own';
  enabled: boolean;
  enabledOn: string | null;
  /** What "yes" and "no" mean. */
  yes: string;
  no: string;
  /** People with a value recorded (yes or no); everyone else is unknown. */
  recorded: number;
}

export const CHARACTERISTIC_CSV_HEADER = ['name', 'kind', 'enabled', 'enabled_on', 'yes_means', 'no_means', 'recorded'];

export const characteristicCsvRows = (list: readonly CharacteristicSummary[]): CsvCell[][] =>
  list.map((c) => [c.name, c.kind, c.enabled, c.enabledOn, c.yes, c.no, c.recorded]);

export function renderCharacteristicList(list: readonly CharacteristicSummary[], fit: Fit): string {
  return renderTable(
    ['Characteristic', 'Enabled', 'Yes means', 'Recorded'],
    list.map((c) => [c.name, c.enabled ? `since ${c.enabledOn}` : 'no', c.yes, c.enabled ? `${c.recorded} ${c.recorded === 1 ? 'person' : 'people'}` : '']),
    { fit, columns: { 'Yes means': { min: 12 } } },
  );
}

export const ENABLE_ONLY_WHAT_YOU_USE =
  'Each characteristic is special category data: enable only those the programme will use, and disable one it no longer needs (its values are then erased).\n';

export function renderEnabled(summary: CharacteristicSummary, already: boolean): string {
  if (already) return `${summary.name} was already enabled (since ${summary.enabledOn}); nothing was changed.\n`;
  const column =
    summary.kind === 'own' ? `the column you name with --characteristic "Header=${summary.name}"` : `its column (such as "${headerExample(summary.name)}")`;
  return (
    `Enabled ${summary.name} (${summary.kind === 'own' ? "a yes/no characteristic of the trust's own" : `yes: ${summary.yes}; no: ${summary.no}`}). A roster import now reads ${column}; a blank or "Prefer not to say" is unknown.\n` +
    `Pairing values its lived experience only when --weights gives "${summary.name}" points.\n`
  );
}

const headerExample = (name: string): string =>
  ({ disability: 'Disability', sex: 'Sex', sexual_orientation: 'Sexual Orientation', religion: 'Religion' })[name] ?? name;

export function renderDisabled(name: string, erased: { values: number; relationships: number }): string {
  const relationships =
    erased.relationships === 0
      ? ''
      : `; ${erased.relationships} ${erased.relationships === 1 ? 'relationship of its lived experience type is' : 'relationships of its lived experience type are'} now general, without that reason`;
  return `Disabled ${name}: erased its values for ${erased.values} ${erased.values === 1 ? 'person' : 'people'}${relationships}.\n`;
}
