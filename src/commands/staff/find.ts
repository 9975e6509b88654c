/** `remedi staff find <text>`: part of a name, email or staff id, ignoring accents and case; active people first. */
import type { Context } from '../../cli/context.js';
import { findRequest } from '../../domain/staffRequests.js';
import { searchStaff } from '../../store/people.js';
import { page } from '../../ui/pager.js';
import { foundCsv, foundJson, renderFound, type FoundJson } from '../../ui/staffOutput.js';
import { printJson, readDatabase, refuseJsonAndCsv } from '../shared/skeleton.js';
import type { StaffFindOptions } from './command.js';

export async function runStaffFind(text: string, options: StaffFindOptions, context: Context): Promise<FoundJson[]> {
  refuseJsonAndCsv(options);
  const request = findRequest(text, options.limit);
  const found = await readDatabase(options, context, (db) => {
    const result = searchStaff(db, request.text, request.limit);
    return { people: result.people.map(foundJson), more: result.more };
  });
  if (options.json) printJson(context, found.people);
  else if (options.csv) context.out(foundCsv(found.people));
  else if (found.people.length > 0) page(context, renderFound(found.people, context));
  if (found.people.length === 0) context.err(`Nobody matches ${JSON.stringify(text.trim())} (by name, email or staff id).\n`);
  else if (found.more) context.err(`${found.people.length} shown, and more: narrow the search (or raise --limit).\n`);
  return found.people;
}
