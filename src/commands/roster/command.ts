/** `remedi import`: its flags and help. The run module loads only when the command runs (src/cli/program.ts). */
import type { CommandUnknownOpts } from '@commander-js/extra-typings';
import { cohortNumber, collect, common, fileReadingOptions, type CliHost, type OptionsOf } from '../../cli/options.js';

const importRoster = (parent: CommandUnknownOpts) =>
  fileReadingOptions(
    common(parent.command('import'))
      .summary('Load the staff roster HR gave you')
      .description('Load the staff roster HR gave you (CSV from ESR or a spreadsheet); re-importing updates people by staff id.')
      .argument('<roster>', 'the roster file: an Excel workbook (.xlsx), or CSV (UTF-8 or as Excel saves it; comma, semicolon or tab)')
      .option('--cohort <number>', "enrol people in this cohort using the file's role column (mentor, mentee, either)", cohortNumber)
      .option('--dry-run', 'check the file and show what would change, without writing anything')
      .option('--missing-left', 'the file is the whole staff list: mark people not in it as having left')
      .option('--yes', 'with --missing-left: mark them even when that is more than a fifth of the people now active')
      .option('--map <"header=field">', 'read a column under another name, e.g. --map "Assignment Grade=band" (repeatable)', collect)
      .option(
        '--characteristic <"header=name">',
        'read a column as an enabled characteristic, e.g. --characteristic "Unpaid carer=carer" (repeatable; see remedi characteristics list)',
        collect,
      )
      .option('--problems <file.csv>', 'write every problem and warning to this CSV file (line, column, header, value, problem, fix)')
      .option(
        '--map-value <"field:value=replacement">',
        'read a value as another before it is checked, e.g. --map-value "band:Non AfC=VSM" (repeatable; the value matches ignoring case)',
        collect,
      ),
  ).addHelpText(
    'after',
    `
Examples:
  remedi import esr-export.csv --dry-run
  remedi import roster.csv --cohort 1
  remedi import whole-trust.csv --missing-left
  remedi import whole-trust.csv --missing-left --yes   (when over a fifth of the staff really left)
  remedi import roster.csv --map "Assignment Grade=band" --map "Notes=ignore"
  remedi import esr-export.csv --map-value "band:Non AfC=VSM" --header-row 3
  remedi import roster.csv --characteristic "Unpaid carer=carer"   (after remedi characteristics enable carer --own)

Columns are found by name, ignoring case and punctuation: staff_id (Employee Number), name (Full Name) or
first_name + last_name, email, department (Directorate), job_title (Job Role), band (Pay Band), staff_group,
ethnicity (Ethnic Origin), bme, function, board_member, line_manager_id (Line Manager Employee Number),
role, race_trained, capacity, active and left_on (a leaver, as remedi export writes them). Every row is checked first: if any is wrong, nothing is written.
An enabled characteristic's column is read too (disability (Disability), sex (Sex, Gender), sexual_orientation, religion,
or a trust's own under its name or --characteristic); a blank or "Prefer not to say" is unknown. A column of one that is
not enabled is not read (remedi characteristics enable NAME).
Values set by hand (remedi staff edit) are kept over a missing column or a blank cell; a filled-in cell wins.
Rows of people erased with remedi forget are skipped.`,
  );
export type ImportOptions = OptionsOf<ReturnType<typeof importRoster>>;

export function declareImport(program: CommandUnknownOpts, host: CliHost): void {
  importRoster(program).action(async (file, options) => {
    const { runImport } = await import('./importRoster.js');
    await runImport(file, options, await host.context(options));
  });
}
