/** The departments list groups spellings by pairing's own rule (departmentKey), Unicode case included. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/db.js';
import { listDepartments, setTargeted, targetedDepartmentNames } from '../../src/store/departments.js';
import { tempDir } from '../helpers/cli.js';

describe('listDepartments', () => {
  it('counts every spelling of a department once, by the spelling most of its staff have, leavers and blanks left out', async () => {
    const { db } = await openDatabase(join(tempDir(), 'remedi.db'), { create: true });
    try {
      const add = db.prepare("INSERT INTO staff (staff_id, name, department, active, added_on, updated_on) VALUES (?, 'X', ?, ?, '2026-01-01', '2026-01-01')");
      const rows: Array<[string | null, number]> = [
        ['Pédiatrie', 1],
        ['PÉDIATRIE', 1],
        ['pédiatrie', 1],
        ['Pédiatrie\t', 1],
        ['Pédiatrie', 1],
        ['Surgery', 1],
        [' surgery ', 1],
        ['Surgery', 0],
        ['   ', 1],
        [null, 1],
      ];
      rows.forEach(([department, active], i) => add.run(String(i), department, active));
      setTargeted(db, 'PÉDIATRIE', true);
      setTargeted(db, 'Estates', true);
      expect(listDepartments(db)).toEqual([
        { name: 'Pédiatrie', staff: 5, targeted: true },
        { name: 'Surgery', staff: 2, targeted: false },
        { name: 'Estates', staff: 0, targeted: true },
      ]);
    } finally {
      db.close();
    }
  });
});

describe("targetedDepartmentNames: the names in an export's targeted-departments.csv", () => {
  it('names the targeted departments as the list does, and none when none is targeted', async () => {
    const { db } = await openDatabase(join(tempDir(), 'remedi.db'), { create: true });
    try {
      const add = db.prepare("INSERT INTO staff (staff_id, name, department, active, added_on, updated_on) VALUES (?, 'X', ?, 1, '2026-01-01', '2026-01-01')");
      ['Surgery', 'surgery', 'Surgery', 'Estates'].forEach((department, i) => add.run(String(i), department));
      expect(targetedDepartmentNames(db)).toEqual([]);
      setTargeted(db, 'SURGERY', true);
      setTargeted(db, 'Pharmacy', true);
      expect(targetedDepartmentNames(db)).toEqual(['Surgery', 'Pharmacy']);
      expect(targetedDepartmentNames(db)).toEqual(
        listDepartments(db)
          .filter((d) => d.targeted)
          .map((d) => d.name),
      );
      setTargeted(db, 'Surgery', false);
      setTargeted(db, 'Pharmacy', false);
      expect(targetedDepartmentNames(db)).toEqual([]);
    } finally {
      db.close();
    }
  });
});
