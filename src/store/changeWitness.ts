/**
 * Whether anything was committed to a database between two moments, seen from a connection
 * of its own. Two connections reading one database each take their own snapshot when their
 * read transaction begins, in WAL mode as in rollback mode: a write that commits between the
 * two beginnings gives them different data (test/store/changeWitness.test.ts shows it).
 * PRAGMA data_version, asked outside a transaction, changes when another connection has
 * committed since it was last asked. So: start the witness before the first reader begins,
 * ask it once the second has begun; unchanged means both read the same snapshot.
 */
import type { Db } from './connection.js';
import { openReadOnly } from './readOnlyOpen.js';

export interface ChangeWitness {
  /** True when a write was committed since the witness started (or since it last said so). */
  changed(): boolean;
  close(): void;
}

export function changeWitness(path: string): ChangeWitness {
  const db: Db = openReadOnly(path);
  const version = db.prepare('PRAGMA data_version').pluck();
  let seen = version.get() as number;
  return {
    changed() {
      const now = version.get() as number;
      const changed = now !== seen;
      seen = now;
      return changed;
    },
    close: () => db.close(),
  };
}
