/** Departments, as the staff list names them, and which are targeted (docs/pairing.md, "Targeted departments"). */
import { departmentKey } from '../domain/staff.js';
import type { Db } from './db.js';

export interface DepartmentSummary {
  name: string;
  staff: number;
  targeted: boolean;
}

/**
 * Every department on the staff list (active staff), with whether it is targeted. Spellings are
 * one department when departmentKey says so (pairing's rule: SQLite's lower() and trim() know
 * only ASCII letters and spaces), named by the spelling most of its staff have, trimmed.
 */
export function listDepartments(db: Db): DepartmentSummary[] {
  const spellings = db
    .prepare('SELECT department, count(*) FROM staff WHERE active = 1 AND department IS NOT NULL GROUP BY department ORDER BY department')
    .raw()
    .all() as Array<[string, number]>;
  const byKey = new Map<string, { name: string; most: number; staff: number }>();
  // Trimmed, and in order, so that of two spellings as common the one sorting first names it.
  const trimmed = spellings.map(([spelling, staff]) => [spelling.trim(), staff] as const).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [spelling, staff] of trimmed) {
    const key = departmentKey(spelling);
    if (key === null) continue;
    const found = byKey.get(key);
    if (found === undefined) byKey.set(key, { name: spelling, most: staff, staff });
    else {
      found.staff += staff;
      if (staff > found.most) Object.assign(found, { name: spelling, most: staff });
    }
  }
  const rows = [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, { name, staff }]) => ({ name, staff }));
  const targeted = targetedDepartments(db);
  const listed = rows.map((row) => ({ name: row.name, staff: row.staff, targeted: targeted.has(departmentKey(row.name)!) }));
  // A targeted department with nobody in it any more is still shown, so it can be turned off.
  const names = new Set(rows.map((row) => departmentKey(row.name)));
  for (const [key, name] of targetedNames(db)) if (!names.has(key)) listed.push({ name, staff: 0, targeted: true });
  return listed;
}

/**
 * The targeted departments by name, as listDepartments names them (the spelling most of their
 * staff have). With none targeted, as most trusts start, the staff are not grouped to say so.
 */
export function targetedDepartmentNames(db: Db): string[] {
  if (db.prepare('SELECT 1 FROM targeted_departments LIMIT 1').get() === undefined) return [];
  return listDepartments(db)
    .filter((d) => d.targeted)
    .map((d) => d.name);
}

export function targetedDepartments(db: Db): Set<string> {
  return new Set(targetedNames(db).keys());
}

function targetedNames(db: Db): Map<string, string> {
  const rows = db.prepare('SELECT department_key, name FROM targeted_departments ORDER BY department_key').all() as Array<{
    department_key: string;
    name: string;
  }>;
  return new Map(rows.map((row) => [row.department_key, row.name]));
}

export function setTargeted(db: Db, name: string, targeted: boolean): void {
  const key = departmentKey(name)!;
  if (targeted)
    db.prepare('INSERT INTO targeted_departments (department_key, name) VALUES (?, ?) ON CONFLICT DO UPDATE SET name = excluded.name').run(key, name);
  else db.prepare('DELETE FROM targeted_departments WHERE department_key = ?').run(key);
}
