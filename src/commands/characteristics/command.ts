/** `remedi characteristics` list, enable and disable: flags and help. The run modules load only when a command runs. */
import type { CommandUnknownOpts } from '@commander-js/extra-typings';
import { common, type CliHost, type OptionsOf } from '../../cli/options.js';

const characteristicsList = (parent: CommandUnknownOpts) =>
  common(parent.command('list'))
    .description("List remedi's protected characteristics and the trust's own, which are enabled, and for how many people each is recorded.")
    .option('--csv', 'CSV, one row per characteristic')
    .addHelpText('after', '\nExamples:\n  remedi characteristics list\n  remedi characteristics list --json');
export type CharacteristicsListOptions = OptionsOf<ReturnType<typeof characteristicsList>>;

const characteristicsEnable = (parent: CommandUnknownOpts) =>
  common(parent.command('enable'))
    .description('Start recording a characteristic: a roster import reads its column from then on, and pairing may value its lived experience (--weights).')
    .argument('<name>', "disability, sex, sexual_orientation or religion; or a yes/no characteristic of the trust's own, with --own")
    .option('--own', "a yes/no characteristic of the trust's own (e.g. carer), read from the column named by import --characteristic")
    .addHelpText(
      'after',
      '\nEnable only what the programme will use: each is special category data.\n\nExamples:\n  remedi characteristics enable disability\n  remedi characteristics enable carer --own\n  remedi import roster.csv --characteristic "Unpaid carer=carer"',
    );
export type CharacteristicsEnableOptions = OptionsOf<ReturnType<typeof characteristicsEnable>>;

const characteristicsDisable = (parent: CommandUnknownOpts) =>
  common(parent.command('disable'))
    .description('Stop recording a characteristic and erase every value of it from the database (asks first).')
    .argument('<name>', 'an enabled characteristic')
    .option('--yes', 'do not ask (needed when there is no terminal to ask at)')
    .addHelpText('after', '\nExamples:\n  remedi characteristics disable religion\n  remedi characteristics disable carer --yes');
export type CharacteristicsDisableOptions = OptionsOf<ReturnType<typeof characteristicsDisable>>;

export function declareCharacteristics(program: CommandUnknownOpts, host: CliHost): void {
  const characteristics = program
    .command('characteristics')
    .summary('Choose the protected characteristics to record')
    .description(
      'Choose which protected characteristics beyond ethnicity the programme records (disability, sex, sexual orientation, religion, or yes/no ones of its own). Nothing is stored for one that is not enabled.',
    );
  characteristicsList(characteristics).action(async (options) => {
    const { runCharacteristicsList } = await import('./list.js');
    await runCharacteristicsList(options, await host.context(options));
  });
  characteristicsEnable(characteristics).action(async (name, options) => {
    const { runCharacteristicsEnable } = await import('./enable.js');
    await runCharacteristicsEnable(name, options, await host.context(options));
  });
  characteristicsDisable(characteristics).action(async (name, options) => {
    const { runCharacteristicsDisable } = await import('./disable.js');
    await runCharacteristicsDisable(name, options, await host.context(options));
  });
}
