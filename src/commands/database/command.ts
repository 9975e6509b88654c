/** `remedi backup` and `remedi check`: flags and help. The run modules (backup.ts, check.ts) load only when a command runs. */
import type { CommandUnknownOpts } from '@commander-js/extra-typings';
import { common, type CliHost, type OptionsOf } from '../../cli/options.js';

const backup = (parent: CommandUnknownOpts) =>
  common(parent.command('backup'))
    .summary('Copy the database, safely')
    .description('Make a consistent copy of the database, safe even while someone else is using it.')
    .argument('<file>', 'where to write the copy (a new file)')
    .addHelpText('after', '\nExample:\n  remedi backup backups/remedi-2026-07-31.db');
export type BackupOptions = OptionsOf<ReturnType<typeof backup>>;

const check = (parent: CommandUnknownOpts) =>
  common(parent.command('check'))
    .summary('Check the database file is sound')
    .description(
      "Check the database file is sound: its integrity, and that every record's links are intact; also lists running relationships that need a new mentor or mentee (a to-do, not damage).",
    )
    .addHelpText('after', '\nExample:\n  remedi check');
export type CheckOptions = OptionsOf<ReturnType<typeof check>>;

export function declareDatabase(program: CommandUnknownOpts, host: CliHost): void {
  backup(program).action(async (file, options) => {
    const { runBackup } = await import('./backup.js');
    await runBackup(file, options, await host.context(options));
  });
  check(program).action(async (options) => {
    const { runCheck } = await import('./check.js');
    runCheck(options, await host.context(options));
  });
}
