/** Where the database is: the path a command uses, and what is found there before anything opens it. */
import { existsSync, lstatSync, readlinkSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { UserError } from '../errors.js';

export const DEFAULT_DB_FILE = 'remedi.db';

/** `--db PATH`, else `$REMEDI_DB`, else `remedi.db` in the current folder. */
export function resolveDbPath(flag: string | undefined, env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string {
  const chosen = flag ?? (env.REMEDI_DB && env.REMEDI_DB.trim() !== '' ? env.REMEDI_DB : DEFAULT_DB_FILE);
  return resolve(cwd, chosen);
}

export type Found = 'missing' | 'empty' | 'file';

export function whatIsAt(path: string): Found {
  if (!existsSync(path)) {
    // A link to nothing is not a free name: a new database could never be put there.
    if (lstatSync(path, { throwIfNoEntry: false })?.isSymbolicLink()) {
      throw new UserError(`${path} is a link to ${readlinkSync(path)}, which does not exist.`, {
        fix: 'Give the path of the database file itself with --db PATH.',
      });
    }
    return 'missing';
  }
  const stats = statSync(path);
  if (stats.isDirectory()) throw new UserError(`${path} is a folder, not a remedi database.`, { fix: 'Give the path of the database file with --db PATH.' });
  return stats.size === 0 ? 'empty' : 'file';
}
