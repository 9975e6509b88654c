/**
 * Rows of people erased with `remedi forget` are skipped before they are read, and an
 * erased line manager's id is read as blank (docs/programme-year.md, "Forgotten means
 * forgotten"). Nothing to do, at no cost, while nobody has been erased.
 */
import type { IsoDate } from '../../domain/dates.js';
import type { RosterField } from '../../domain/rosterColumns.js';
import type { RosterColumn } from '../../domain/rosterCharacteristics.js';
import type { RecordReadOptions } from '../../io/tableFile.js';
import type { Db } from '../../store/db.js';
import { forgottenChecker } from '../../store/privacy.js';
import { staffIdKnown } from '../../store/staff.js';

export interface ForgottenScreen {
  screen: NonNullable<RecordReadOptions<RosterColumn>['screen']>;
  /** What the screen did: rows skipped, the days their people were erased, managers' ids blanked. */
  skipped: { rows: number; erasedOn: Set<IsoDate>; managers: number };
}

export function screenForgotten(db: Db): ForgottenScreen | null {
  const check = forgottenChecker(db);
  if (check === null) return null;
  const isKnown = staffIdKnown(db);
  const skipped = { rows: 0, erasedOn: new Set<IsoDate>(), managers: 0 };
  const screen: ForgottenScreen['screen'] = (cells, table) => {
    const cellOf = (field: RosterField): string | null => {
      const index = table.mapping.indexOf[field];
      const value = index === undefined ? '' : (cells[index] ?? '').trim();
      return value === '' ? null : value;
    };
    const staffId = cellOf('staff_id');
    const match = check({ staffId, email: cellOf('email'), lineManagerId: cellOf('line_manager_id') });
    // An email alone marks an erased person coming back under a new staff id; a row whose
    // staff id is someone remedi still holds is that person (emails are sometimes reused).
    const someoneElse = match.onlyByEmail && staffId !== null && isKnown(staffId);
    if (match.erasedOn !== null && !someoneElse) {
      skipped.rows += 1;
      skipped.erasedOn.add(match.erasedOn);
      return 'skip';
    }
    if (match.managerErased) {
      cells[table.mapping.indexOf.line_manager_id!] = '';
      skipped.managers += 1;
    }
    return 'read';
  };
  return { screen, skipped };
}
