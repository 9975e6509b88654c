/** Participants for pairing tests: every field set; rank decides band and seniority unless given. */
import { seniorityOfRank } from '../../src/domain/bands.js';
import type { Participant } from '../../src/domain/pairingRules.js';
import { departmentKey } from '../../src/domain/staff.js';

export const BAND_OF_RANK = [null, '1', '2', '3', '4', '5', '6', '7', '8a', '8b', '8c', '8d', '9', 'VSM', null];

export function person(staffId: string, fields: Partial<Participant> = {}): Participant {
  const rank = fields.rank ?? (fields.boardMember ? 14 : 6);
  const department = fields.department === undefined ? null : fields.department;
  return {
    staffId,
    name: `Person ${staffId}`,
    email: null,
    department,
    departmentKey: departmentKey(department),
    band: BAND_OF_RANK[rank],
    rank,
    seniority: seniorityOfRank(rank),
    bme: 'unknown',
    functions: [],
    boardMember: false,
    lineManagerId: null,
    secondLineManagerId: null,
    raceTrained: true,
    freeCapacity: 1,
    capacity: 1,
    characteristics: {},
    ...fields,
  };
}
