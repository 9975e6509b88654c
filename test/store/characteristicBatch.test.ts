/**
 * The roster import's batched writes of characteristic values (store/characteristicBatch.ts)
 * against the plain writer one value at a time (store/characteristics.ts), on random values
 * over random held ones: the same rows, across batch boundaries.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { characteristicBatch } from '../../src/store/characteristicBatch.js';
import { characteristicWriter, enableCharacteristic } from '../../src/store/characteristics.js';
import { openDatabase, type Db } from '../../src/store/db.js';
import { staffWriter } from '../../src/store/staff.js';
import { DEFAULT_FACTS } from '../../src/domain/staff.js';
import { tempDir } from '../helpers/cli.js';
import { mulberry32 } from '../helpers/random.js';

const NAMES = ['disability', 'religion', 'zz_carer'];
const VALUES = ['yes', 'no', 'unknown'] as const;

async function heldDatabase(name: string, people: number, seed: number): Promise<Db> {
  const { db } = await openDatabase(join(tempDir(), name), { create: true });
  const random = mulberry32(seed);
  const write = characteristicWriter(db);
  const staff = staffWriter(db, '2026-01-01');
  db.transaction(() => {
    for (const c of NAMES) enableCharacteristic(db, c, c.startsWith('zz'), '2026-01-01');
    for (let i = 0; i < people; i += 1) {
      const staffId = String(1000 + i);
      staff.insert({ staffId, name: `P ${i}`, ...DEFAULT_FACTS, active: true });
      for (const c of NAMES) if (random() < 0.5) write(staffId, c, random() < 0.5 ? 'yes' : 'no');
    }
  })();
  return db;
}

const rows = (db: Db) => db.prepare('SELECT staff_id, name, value FROM staff_characteristics ORDER BY staff_id, name').raw().all();

describe('characteristic values written in batches', () => {
  it.each([
    [10, 1],
    [3_000, 2],
    [9_000, 3],
  ])('%i people: the same rows as writing each value on its own', async (people, seed) => {
    const plain = await heldDatabase('plain.db', people, seed);
    const batched = await heldDatabase('batched.db', people, seed);
    expect(rows(batched)).toEqual(rows(plain));
    const random = mulberry32(seed + 100);
    const write = characteristicWriter(plain);
    const batch = characteristicBatch(batched);
    plain.exec('BEGIN');
    batched.exec('BEGIN');
    for (let i = 0; i < people; i += 1) {
      if (random() < 0.2) continue;
      const staffId = String(1000 + i);
      for (const name of NAMES) {
        if (random() < 0.3) continue;
        const value = VALUES[Math.floor(random() * 3)];
        write(staffId, name, value);
        if (value === 'unknown') batch.unset(staffId, name);
        else batch.set(staffId, name, value);
      }
    }
    batch.flush();
    plain.exec('COMMIT');
    batched.exec('COMMIT');
    expect(rows(batched)).toEqual(rows(plain));
    plain.close();
    batched.close();
  });
});
