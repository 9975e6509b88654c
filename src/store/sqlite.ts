/**
 * Every SQLite connection remedi makes is made here, with better-sqlite3's compiled addon named
 * by its path: left to itself, better-sqlite3 looks for it through the bindings package, which
 * tries path after path and was about 6 ms of a command's start-up (README, "Performance").
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import type { Db } from './connection.js';

// Required, not imported: imported from ESM, node would first scan better-sqlite3's CommonJS for its export names (cli/commander.ts says more).
const require = createRequire(import.meta.url);
const Database = require('better-sqlite3') as typeof BetterSqlite3;

let binding: { nativeBinding?: string } | undefined;

/** Where npm put the addon (build/Release on every platform), or nothing, so better-sqlite3 searches as it would. */
function nativeBinding(): { nativeBinding?: string } {
  if (binding === undefined) {
    try {
      const file = join(dirname(require.resolve('better-sqlite3/package.json')), 'build', 'Release', 'better_sqlite3.node');
      binding = existsSync(file) ? { nativeBinding: file } : {};
    } catch {
      binding = {};
    }
  }
  return binding;
}

/** A connection to a file (or to a database image in memory), as new Database() makes it. */
export function sqlite(file: string | Buffer, options: BetterSqlite3.Options = {}): Db {
  return new Database(file, { ...nativeBinding(), ...options });
}
