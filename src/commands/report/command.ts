/** `remedi report` and report chase and themes: flags and help. The run module loads only when a command runs. */
import type { CommandUnknownOpts } from '@commander-js/extra-typings';
import { Option } from '../../cli/commander.js';
import { cohortNumber, common, isoDateArgument, wholeNumber, type CliHost, type OptionsOf } from '../../cli/options.js';

const cohortReport = (parent: CommandUnknownOpts) =>
  common(parent.command('report'))
    .summary('The cohort report for the board')
    .enablePositionalOptions()
    .description(
      'The cohort report for the board: participation, board coverage, who is keeping to the thresholds ' +
        '(met, on track, at risk, breached) and why, how people met, and which themes came up.',
    )
    .option('--cohort <number>', 'the cohort (default: the newest that has started)', cohortNumber)
    .option('--as-of <date>', "report as on this day (default: today, or the cohort's end once it has ended); later sessions are ignored", isoDateArgument)
    .addOption(
      new Option('--format <format>', 'table, json, csv, markdown, or html (a page for the board, with charts)').choices([
        'table',
        'json',
        'csv',
        'markdown',
        'html',
      ]),
    )
    .option('--csv', 'short for --format csv')
    .option('--out <file>', 'write the report to this file instead of the screen (written whole or not at all; - for the screen)')
    .option(
      '--suppress-below <k>',
      'for reports that leave the programme team: counts of people by ethnicity, or by a characteristic enabled, below k show as <k, and no row shows a pair type',
      wholeNumber('a whole number of 2 or more', 2),
    )
    .option(
      '--for-publication',
      'a paper that may be published: figures only, no names or staff ids, counts of people by ethnicity or a characteristic enabled below 5 (or --suppress-below) hidden',
    )
    .addHelpText(
      'after',
      `
Examples:
  remedi report --cohort 1
  remedi report --cohort 1 --as-of 2026-07-31 --format markdown --out board-paper.md
  remedi report --cohort 1 --for-publication --format html --out public-paper.html
  remedi report --cohort 1 --format html --out report.html   (opens in any browser, prints on A4)
  remedi report --json > report.json
  remedi report chase                  who needs chasing this month
  remedi report themes                 themes across cohorts

Markdown and HTML reports with names say "Contains special category data: not for publication" at the top.`,
    );
export type ReportOptions = OptionsOf<ReturnType<typeof cohortReport>>;

const reportChase = (parent: CommandUnknownOpts) =>
  common(parent.command('chase'))
    .description(
      "This month's to-do list: running relationships short of sessions this month, most urgent first; apart, those that need a new mentor or mentee because someone left.",
    )
    .option('--cohort <number>', 'the cohort (default: the newest running today, else the newest that has started)', cohortNumber)
    .option('--as-of <date>', "as on this day (default: today, or the cohort's end once it has ended)", isoDateArgument)
    .option('--csv', 'CSV with names and emails, for a mail merge')
    .addHelpText('after', '\nExamples:\n  remedi report chase\n  remedi report chase --csv > chase.csv');
export type ChaseOptions = OptionsOf<ReturnType<typeof reportChase>>;

const reportThemes = (parent: CommandUnknownOpts) =>
  common(parent.command('themes'))
    .description('Themes across cohorts: how often each came up, in how many relationships, and which recur.')
    .option('--cohort <number>', 'only this cohort (repeat for several; default: all)', (value: string, previous: number[] = []) => [
      ...previous,
      cohortNumber(value),
    ])
    .option('--csv', 'CSV, one row per theme')
    .addHelpText('after', '\nExamples:\n  remedi report themes\n  remedi report themes --cohort 1 --cohort 2 --json');
export type ThemesOptions = OptionsOf<ReturnType<typeof reportThemes>>;

export function declareReport(program: CommandUnknownOpts, host: CliHost): void {
  const report = cohortReport(program);
  report.action(async (options) => {
    const { runReport } = await import('./cohortReport.js');
    await runReport(options, await host.context(options));
  });
  reportChase(report).action(async (options) => {
    const { runReportChase } = await import('./chase.js');
    await runReportChase(options, await host.context(options));
  });
  reportThemes(report).action(async (options) => {
    const { runReportThemes } = await import('./themes.js');
    await runReportThemes(options, await host.context(options));
  });
}
