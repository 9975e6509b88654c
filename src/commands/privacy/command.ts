/** `remedi export` and `remedi forget`: flags and help. The run module loads only when a command runs. */
import type { CommandUnknownOpts } from '@commander-js/extra-typings';
import { UsageError } from '../../errors.js';
import { common, wholeNumber, type CliHost, type OptionsOf } from '../../cli/options.js';

const exportData = (parent: CommandUnknownOpts) =>
  common(parent.command('export'))
    .summary('Write everything held as CSV files')
    .description(
      'Write everything remedi holds (or, with --staff, everything about one person, for a subject access request; or, with --research, a dataset that identifies nobody) as CSV files in a folder.',
    )
    .argument('[folder]', 'a new folder for the CSV files')
    .option('--staff <person>', 'only what is held about this person (staff id, email or name)')
    .option('--research <folder>', 'instead, a research dataset in this new folder: random ids, no names, k-anonymous (see the README)')
    .option(
      '--k <n>',
      'with --research: every combination of cohort, role, seniority group and BME shared by at least this many people (default 5)',
      wholeNumber('a number of people', 2),
    )
    .addHelpText(
      'after',
      '\nExamples:\n  remedi export export-2026-07-31\n  remedi export sar-10000052 --staff 10000052\n  remedi export sar-jade --staff "Jade Thompson"\n  remedi export --research research-2026 --k 5',
    );
export type ExportOptions = OptionsOf<ReturnType<typeof exportData>>;

const forget = (parent: CommandUnknownOpts) =>
  common(parent.command('forget'))
    .summary('Erase a person (right to erasure)')
    .description("Erase a person's personal data (right to erasure), keeping only anonymous counts for the cohort statistics.")
    .argument('<person>', 'the person to forget: staff id, email or name')
    .option('--yes', 'do not ask for confirmation (needed without a terminal)')
    .addHelpText(
      'after',
      '\nExamples:\n  remedi forget 10000052\n  remedi forget jade.thompson@nhs.net --yes\n\nLater roster imports skip a row with their staff id or email. See the README for exactly what is kept.',
    );
export type ForgetOptions = OptionsOf<ReturnType<typeof forget>>;

export function declarePrivacy(program: CommandUnknownOpts, host: CliHost): void {
  exportData(program).action(async (folder, options) => {
    if (options.research !== undefined) {
      if (folder !== undefined) throw new UsageError(`Give either a folder or --research <folder>, not both ("${folder}" and "${options.research}").`);
      if (options.staff !== undefined) throw new UsageError('--research and --staff do not go together: a research dataset names nobody.');
      const { runResearchExport } = await import('./research.js');
      await runResearchExport(options.research, options, await host.context(options));
      return;
    }
    if (options.k !== undefined) throw new UsageError('--k is for --research only.', { fix: 'remedi export --research <folder> --k 5' });
    if (folder === undefined) throw new UsageError('Name a new folder for the export.', { fix: 'remedi export export-2026-07-31 (or --research <folder>)' });
    const { runExport } = await import('./export.js');
    await runExport(folder, options, await host.context(options));
  });
  forget(program).action(async (person, options) => {
    const { runForget } = await import('./forget.js');
    await runForget(person, options, await host.context(options));
  });
}
