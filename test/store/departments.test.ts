/** The departments list groups spellings by pairing's own rule (departmentKey), Unicode case included. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/db.js';
import { listDepartments, setTargeted } from '../../src/store/departments.js';
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
