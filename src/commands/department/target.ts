/** `remedi department target NAME`: mark a department for targeted reverse mentoring, or with --off stop (docs/pairing.md, "Targeted departments"). */
import type { Context } from '../../cli/context.js';
import { chooseDepartment } from '../../domain/departmentChoice.js';
import { listDepartments, setTargeted, type DepartmentSummary } from '../../store/departments.js';
import { renderTargeted } from '../../ui/departmentOutput.js';
import { printJson, writeDatabase } from '../shared/skeleton.js';
import type { DepartmentTargetOptions } from './command.js';

export async function runDepartmentTarget(name: string, options: DepartmentTargetOptions, context: Context): Promise<DepartmentSummary> {
  const department = await writeDatabase(options, context, (db) => {
    const match = chooseDepartment(listDepartments(db), name);
    setTargeted(db, match.name, !options.off);
    return { ...match, targeted: !options.off };
  });
  if (options.json) printJson(context, department);
  else context.out(renderTargeted(department));
  return department;
}
