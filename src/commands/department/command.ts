/** `remedi department` target and list: flags and help. The run module loads only when a command runs. */
import type { CommandUnknownOpts } from '@commander-js/extra-typings';
import { common, type CliHost, type OptionsOf } from '../../cli/options.js';

const departmentTarget = (parent: CommandUnknownOpts) =>
  common(parent.command('target'))
    .description('Mark a department as targeted: its leaders are matched first, and a mentor from the same department is a plus.')
    .argument('<name>', 'the department, as on the staff list (any case)')
    .option('--off', 'stop targeting it')
    .addHelpText('after', '\nExamples:\n  remedi department target "Emergency Medicine"\n  remedi department target "Emergency Medicine" --off');
export type DepartmentTargetOptions = OptionsOf<ReturnType<typeof departmentTarget>>;

const departmentList = (parent: CommandUnknownOpts) =>
  common(parent.command('list'))
    .description('List the departments on the staff list and which are targeted.')
    .option('--csv', 'CSV, one row per department')
    .addHelpText('after', '\nExamples:\n  remedi department list\n  remedi department list --csv > departments.csv');
export type DepartmentListOptions = OptionsOf<ReturnType<typeof departmentList>>;

export function declareDepartment(program: CommandUnknownOpts, host: CliHost): void {
  const department = program
    .command('department')
    .summary('Mark targeted departments')
    .description('Mark the departments that get targeted reverse mentoring.');
  departmentTarget(department).action(async (name, options) => {
    const { runDepartmentTarget } = await import('./target.js');
    await runDepartmentTarget(name, options, await host.context(options));
  });
  departmentList(department).action(async (options) => {
    const { runDepartmentList } = await import('./list.js');
    await runDepartmentList(options, await host.context(options));
  });
}
