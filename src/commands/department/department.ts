/** `remedi department target | list`: the departments that get targeted reverse mentoring. */
import { UserError } from '../../errors.js';
import { type Context } from '../../cli/context.js';
import { departmentKey } from '../../domain/pairingRules.js';
import { suggest } from '../../domain/suggest.js';
import { printCsv, printJson, readDatabase, refuseJsonAndCsv, writeDatabase } from '../shared/skeleton.js';
import { listDepartments, setTargeted, type DepartmentSummary } from '../../store/departments.js';
import { renderTable } from '../../ui/table.js';
import type { DepartmentListOptions, DepartmentTargetOptions } from './command.js';

export async function runDepartmentTarget(name: string, options: DepartmentTargetOptions, context: Context): Promise<DepartmentSummary> {
  const department = await writeDatabase(options, context, (db) => {
    const known = listDepartments(db);
    const match = known.find((d) => departmentKey(d.name) === departmentKey(name));
    if (!match) {
      const guess = suggest(
        name,
        known.map((d) => d.name),
      );
      throw new UserError(`No department called "${name}" is on the staff list.`, {
        fix: guess ? `Did you mean "${guess}"? (See them all with remedi department list.)` : 'See the departments with remedi department list.',
      });
    }
    setTargeted(db, match.name, !options.off);
    return { ...match, targeted: !options.off };
  });
  if (options.json) printJson(context, department);
  else {
    context.out(
      department.targeted
        ? `${department.name} is now a targeted department: its leaders are matched first, and a mentor from the same department is a plus.\n`
        : `${department.name} is no longer a targeted department.\n`,
    );
  }
  return department;
}

export async function runDepartmentList(options: DepartmentListOptions, context: Context): Promise<DepartmentSummary[]> {
  refuseJsonAndCsv(options);
  const departments = await readDatabase(options, context, listDepartments);
  if (options.json) printJson(context, departments);
  else if (options.csv)
    printCsv(
      context,
      ['department', 'staff', 'targeted'],
      departments.map((d) => [d.name, d.staff, d.targeted]),
    );
  else if (departments.length > 0)
    context.out(
      renderTable(
        ['Department', 'Staff', 'Targeted'],
        departments.map((d) => [d.name, String(d.staff), d.targeted ? 'targeted' : '']),
        { fit: context, columns: { Department: { min: 12 } } },
      ),
    );
  if (departments.length === 0 && !options.json) context.err('No departments yet: import a roster with a department column.\n');
  return departments;
}
