/**
 * The characteristics a trust enabled and each person's value for them (docs/characteristics.md).
 * Only "yes" and "no" are rows: unknown is the absence of one, so nothing is stored for a
 * person who did not say.
 */
import { BUILT_IN_CHARACTERISTICS, livedExperienceType, type Characteristic, type CharacteristicValue } from '../domain/characteristics.js';
import type { IsoDate } from '../domain/dates.js';
import type { Db } from './db.js';

/** What a relationship's reasons say instead of a lived experience reason once its characteristic is disabled. */
export const LIVED_REASON_REMOVED = 'a reason removed when its characteristic was disabled';

/** The enabled characteristics: remedi's own in their documented order, then the trust's by name. */
export function enabledCharacteristics(db: Db): Characteristic[] {
  const rows = db.prepare('SELECT name, own, enabled_on FROM characteristics').raw().all() as Array<[string, number, string]>;
  const order = (name: string) => {
    const builtIn = (BUILT_IN_CHARACTERISTICS as readonly string[]).indexOf(name);
    return builtIn === -1 ? BUILT_IN_CHARACTERISTICS.length : builtIn;
  };
  return rows
    .map(([name, own, enabledOn]) => ({ name, own: own === 1, enabledOn }))
    .sort((a, b) => order(a.name) - order(b.name) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Enables a characteristic; false when it already was. Call inside a transaction. */
export function enableCharacteristic(db: Db, name: string, own: boolean, today: IsoDate): boolean {
  return db.prepare('INSERT OR IGNORE INTO characteristics (name, own, enabled_on) VALUES (?, ?, ?)').run(name, own ? 1 : 0, today).changes === 1;
}

export interface DisableResult {
  /** People whose value was erased. */
  values: number;
  /** Relationships whose type or reasons named it, now a general pair without that reason. */
  relationships: number;
}

/** How many people hold a value for the characteristic (for the confirmation). */
export function countCharacteristicValues(db: Db, name: string): { values: number; relationships: number } {
  return {
    values: db.prepare('SELECT count(*) FROM staff_characteristics WHERE name = ?').pluck().get(name) as number,
    relationships: db.prepare('SELECT count(*) FROM relationships WHERE type = ?').pluck().get(livedExperienceType(name)) as number,
  };
}

/**
 * Disables a characteristic and erases every value of it. A relationship of its lived experience
 * type would still tell who has it: it becomes a general pair, and its lived experience reason
 * is replaced by LIVED_REASON_REMOVED. Call inside a transaction, with secure_delete on.
 */
export function disableCharacteristic(db: Db, name: string): DisableResult {
  const type = livedExperienceType(name);
  const values = db.prepare('DELETE FROM staff_characteristics WHERE name = ?').run(name).changes;
  const relationships = db
    .prepare(
      `UPDATE relationships SET type = 'general',
         reasons = (SELECT json_group_array(CASE WHEN value = @type OR substr(value, 1, length(@type) + 1) = @type || ' ' THEN @removed ELSE value END)
                    FROM json_each(relationships.reasons))
       WHERE type = @type OR EXISTS (SELECT 1 FROM json_each(relationships.reasons) WHERE substr(value, 1, length(@type)) = @type)`,
    )
    .run({ type, removed: LIVED_REASON_REMOVED }).changes;
  db.prepare('DELETE FROM characteristics WHERE name = ?').run(name);
  return { values, relationships };
}

/** Each person's stored values (yes or no; unknown is absent), for the given people or everyone. */
export function storedCharacteristics(db: Db, staffIds?: Iterable<string>): Map<string, Map<string, 'yes' | 'no'>> {
  const rows = (
    staffIds === undefined
      ? db.prepare('SELECT staff_id, name, value FROM staff_characteristics').raw().all()
      : db
          .prepare('SELECT staff_id, name, value FROM staff_characteristics WHERE staff_id IN (SELECT value FROM json_each(?))')
          .raw()
          .all(JSON.stringify([...new Set(staffIds)]))
  ) as Array<[string, string, 'yes' | 'no']>;
  const result = new Map<string, Map<string, 'yes' | 'no'>>();
  for (const [staffId, name, value] of rows) {
    let own = result.get(staffId);
    if (own === undefined) result.set(staffId, (own = new Map<string, 'yes' | 'no'>()));
    own.set(name, value);
  }
  return result;
}

/** One person's stored values. */
export function characteristicsOfPerson(db: Db, staffId: string): Map<string, 'yes' | 'no'> {
  return storedCharacteristics(db, [staffId]).get(staffId) ?? new Map<string, 'yes' | 'no'>();
}

/** Sets people's values one at a time (unknown deletes the row). Call inside a transaction. */
export function characteristicWriter(db: Db): (staffId: string, name: string, value: CharacteristicValue) => void {
  const upsert = db.prepare(
    'INSERT INTO staff_characteristics (staff_id, name, value) VALUES (?, ?, ?) ON CONFLICT (staff_id, name) DO UPDATE SET value = excluded.value WHERE value <> excluded.value',
  );
  const remove = db.prepare('DELETE FROM staff_characteristics WHERE staff_id = ? AND name = ?');
  return (staffId, name, value) => {
    if (value === 'unknown') remove.run(staffId, name);
    else upsert.run(staffId, name, value);
  };
}

/** Erases one person's values (forget). Call inside the erasure's transaction. */
export function eraseCharacteristicsOf(db: Db, staffId: string): number {
  return db.prepare('DELETE FROM staff_characteristics WHERE staff_id = ?').run(staffId).changes;
}
