/** `remedi department target | list`: the departments that get targeted reverse mentoring. */
import { UserError, UsageError } from '../../errors.js';
import { type Context } from '../../cli/context.js';
import { departmentKey } from '../../domain/pairingRules.js';
import { suggest } from '../../domain/suggest.js';
import { openCommandDb } from '../shared/openDb.js';
import { listDepartments, setTargeted, type DepartmentSummary } from '../../store/departments.js';
import { toCsv } from '../../io/csvOutput.js';
import { renderTable } from '../../ui/table.js';
import type { DepartmentListOptions, DepartmentTargetOptions } from './command.js';


export async function runDepartmentTarget(name: string, options: DepartmentTargetOptions, context: Context): Promise<DepartmentSummary> {
  const { db } = await openCommandDb(options, context, { create: false });
  try {
    const department = db
      .transaction(() => {
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
      })
      .immediate();
    if (options.json) context.out(`${JSON.stringify(department, null, 2)}\n`);
    else {
      context.out(
        department.targeted
          ? `${department.name} is now a targeted department: its leaders are matched first, and a mentor from the same department is a plus.\n`
          : `${department.name} is no longer a targeted department.\n`,
      );
    }
    return department;
  } finally {
    db.close();
  }
}


export async function runDepartmentList(options: DepartmentListOptions, context: Context): Promise<DepartmentSummary[]> {
  if (options.json && options.csv) throw new UsageError('Choose one of --json and --csv.');
  const { db } = await openCommandDb(options, context, { create: false, readonly: true });
  try {
    const departments = listDepartments(db);
    if (options.json) context.out(`${JSON.stringify(departments, null, 2)}\n`);
    else if (options.csv)
      context.out(
        toCsv(
          ['department', 'staff', 'targeted'],
          departments.map((d) => [d.name, d.staff, d.targeted]),
        ),
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
  } finally {
    db.close();
  }
}
