/** `--problems FILE`: every problem and warning of an import, as CSV, through the one safe writer. */
import { resolve } from 'node:path';
import { writeOutputFile } from './outputFile.js';

/**
 * Writes the CSV (replacing an earlier list, never the database or its side files) and returns
 * the path as the administrator gave it, for the messages.
 */
export function writeProblemsFile(path: string, csv: string, database: string, cwd: string): string {
  writeOutputFile(resolve(cwd, path), csv, { database, replace: true });
  return path;
}
