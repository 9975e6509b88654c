/**
 * Whether an import reads its file on a second thread (io/tableWorker.ts), and which worker
 * module: only a large file pays for starting one (loading its modules takes longer than
 * reading a small file here). Run from the sources (the tests' in-process runs) there is no
 * built worker module, and the file is read here too. REMEDI_IMPORT_WORKER=always or never
 * decides it, for the tests that compare the two.
 */
import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Context } from '../../cli/context.js';

/** From this size a session log is read in a worker (a 1,500-row form export is about 100 KB). */
export const SESSION_LOG_WORKER_FROM_BYTES = 1 << 20;
/** From this size a roster is read in a worker (about 70,000 people of bench/generate.mjs's roster). */
export const ROSTER_WORKER_FROM_BYTES = 8 << 20;

/** The built worker module `url`, when the file at `path` is to be read in it; null to read it on this thread. */
export function readingWorker(url: URL, path: string, fromBytes: number, context: Context): URL | null {
  const choice = context.env.REMEDI_IMPORT_WORKER;
  if (choice === 'never' || !existsSync(fileURLToPath(url))) return null;
  if (choice === 'always') return url;
  try {
    return statSync(path).size >= fromBytes ? url : null;
  } catch {
    // Not there, or not readable: the reader here says so, as for any file.
    return null;
  }
}
