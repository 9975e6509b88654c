/** `remedi department list`: the departments on the staff list, their staff, and which are targeted. */
import type { Context } from '../../cli/context.js';
import { listDepartments, type DepartmentSummary } from '../../store/departments.js';
import { DEPARTMENT_CSV_HEADER, departmentCsvRows, renderDepartmentList } from '../../ui/departmentOutput.js';
import { printCsv, printJson, readDatabase, refuseJsonAndCsv } from '../shared/skeleton.js';
import type { DepartmentListOptions } from './command.js';

export async function runDepartmentList(options: DepartmentListOptions, context: Context): Promise<DepartmentSummary[]> {
  refuseJsonAndCsv(options);
  const departments = await readDatabase(options, context, listDepartments);
  if (options.json) printJson(context, departments);
  else if (options.csv) printCsv(context, DEPARTMENT_CSV_HEADER, departmentCsvRows(departments));
  else if (departments.length > 0) context.out(renderDepartmentList(departments, context));
  if (departments.length === 0 && !options.json) context.err('No departments yet: import a roster with a department column.\n');
  return departments;
}
