/**
 * Departments as `department target` and `department list` print them: the JSON is the
 * store's summary (name, staff, targeted; a contract), the table and the CSV columns here.
 */
import type { CsvCell } from '../io/csvOutput.js';
import { renderTable, type Fit } from './table.js';

export interface DepartmentJson {
  name: string;
  staff: number;
  targeted: boolean;
}

export const DEPARTMENT_CSV_HEADER = ['department', 'staff', 'targeted'];

export const departmentCsvRows = (departments: readonly DepartmentJson[]): CsvCell[][] => departments.map((d) => [d.name, d.staff, d.targeted]);

export function renderDepartmentList(departments: readonly DepartmentJson[], fit: Fit): string {
  return renderTable(
    ['Department', 'Staff', 'Targeted'],
    departments.map((d) => [d.name, String(d.staff), d.targeted ? 'targeted' : '']),
    { fit, columns: { Department: { min: 12 } } },
  );
}

export function renderTargeted(department: DepartmentJson): string {
  return department.targeted
    ? `${department.name} is now a targeted department: its leaders are matched first, and a mentor from the same department is a plus.\n`
    : `${department.name} is no longer a targeted department.\n`;
}
