/**
 * People's characteristic values written in batches, for a roster import (docs/characteristics.md,
 * "Importing"): thousands a statement, each batch one JSON array read by SQLite's json_each,
 * instead of a statement a value. What it leaves is what store/characteristics.ts's
 * characteristicWriter leaves when each (person, characteristic) is written once.
 */
import type { Db } from './db.js';

/** Values gathered before each write. */
const BATCH = 4096;

export interface CharacteristicBatch {
  /** A yes or no for the person. */
  set(staffId: string, name: string, value: 'yes' | 'no'): void;
  /** Unknown: what was held is deleted. */
  unset(staffId: string, name: string): void;
  /** Writes what is gathered: before anything reads the values, and at the end. */
  flush(): void;
}

/** Call inside a transaction, and flush before it ends; a (person, characteristic) is given at most once between flushes. */
export function characteristicBatch(db: Db): CharacteristicBatch {
  const upsert = db.prepare(
    `INSERT INTO staff_characteristics (staff_id, name, value) SELECT value ->> 0, value ->> 1, value ->> 2 FROM json_each(?) WHERE true
     ON CONFLICT (staff_id, name) DO UPDATE SET value = excluded.value WHERE value <> excluded.value`,
  );
  const remove = db.prepare('DELETE FROM staff_characteristics WHERE (staff_id, name) IN (SELECT value ->> 0, value ->> 1 FROM json_each(?))');
  let set: Array<[string, string, string]> = [];
  let unset: Array<[string, string]> = [];
  const writeSet = () => {
    if (set.length > 0) upsert.run(JSON.stringify(set));
    set = [];
  };
  const writeUnset = () => {
    if (unset.length > 0) remove.run(JSON.stringify(unset));
    unset = [];
  };
  return {
    set(staffId, name, value) {
      set.push([staffId, name, value]);
      if (set.length === BATCH) writeSet();
    },
    unset(staffId, name) {
      unset.push([staffId, name]);
      if (unset.length === BATCH) writeUnset();
    },
    flush() {
      writeSet();
      writeUnset();
    },
  };
}
