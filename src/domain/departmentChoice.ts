/**
 * Which department `department target NAME` means: the one on the staff list with that
 * name in any case (docs/pairing.md, "Targeted departments"), or a refusal that suggests the nearest.
 */
import { UserError } from '../errors.js';
import { departmentKey } from './staff.js';
import { suggest } from './suggest.js';

export function chooseDepartment<D extends { name: string }>(known: readonly D[], name: string): D {
  const match = known.find((d) => departmentKey(d.name) === departmentKey(name));
  if (match) return match;
  const guess = suggest(
    name,
    known.map((d) => d.name),
  );
  throw new UserError(`No department called "${name}" is on the staff list.`, {
    fix: guess ? `Did you mean "${guess}"? (See them all with remedi department list.)` : 'See the departments with remedi department list.',
  });
}
