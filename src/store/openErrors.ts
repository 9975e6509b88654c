/**
 * Why a database cannot be opened, in words the user can act on: there is none, it is
 * another program's, or SQLite refused it (said of the file or the folder at fault).
 */
import { accessSync, constants } from 'node:fs';
import { dirname } from 'node:path';
import { UserError, sqliteUserError } from '../errors.js';

export function noDatabase(path: string, found: 'missing' | 'empty' | 'no tables'): UserError {
  if (found === 'no tables') {
    return new UserError(`${path} holds no remedi data yet (it is an SQLite file with no tables).`, {
      fix: 'Import a roster first (remedi import roster.csv --db PATH), or point to your database with --db PATH or REMEDI_DB.',
    });
  }
  return new UserError(found === 'empty' ? `${path} is an empty file, not a remedi database yet.` : `There is no remedi database at ${path}.`, {
    fix: 'Import a roster first (remedi import roster.csv), or point to the database with --db PATH or REMEDI_DB.',
  });
}

export function foreignDatabase(path: string, { writing }: { writing: boolean }): UserError {
  const refusal = writing ? '; remedi does not add its tables to it. It was not changed.' : ', not a remedi database.';
  return new UserError(`${path} is an SQLite database of another program${refusal}`, {
    fix: 'Check the --db path: remedi keeps its own file (remedi.db by default).',
  });
}

export function asOpenError(error: unknown, path: string): Error {
  if (error instanceof UserError) return error;
  const code = (error as { code?: string }).code ?? '';
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
    return new UserError(`${path} is not a remedi database (or it is damaged).`, {
      fix: 'Check the --db path; if it is your database, restore it from a backup.',
    });
  }
  if (code === 'SQLITE_CANTOPEN' || code.startsWith('SQLITE_READONLY')) {
    // Say which is read-only, the file or its folder (SQLite's codes do not always tell).
    const canWrite = (file: string) => {
      try {
        accessSync(file, constants.W_OK);
        return true;
      } catch {
        return false;
      }
    };
    if (!canWrite(path)) return sqliteUserError({ code: 'SQLITE_READONLY' }, { path, committed: false })!;
    if (!canWrite(dirname(path))) return sqliteUserError({ code: 'SQLITE_READONLY_DIRECTORY' }, { path, committed: false })!;
  }
  return sqliteUserError(error, { path, committed: false }) ?? (error as Error);
}
