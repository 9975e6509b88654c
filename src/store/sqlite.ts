/**
 * Every SQLite connection remedi makes is made here, with better-sqlite3's compiled addon named
 * by its path: left to itself, better-sqlite3 looks for it through the bindings package, which
 * tries path after path and was about 6 ms of a command's start-up (README, "Performance").
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import type { Db } from './connection.js';

let binding: { nativeBinding?: string } | undefined;

/** Where npm put the addon (build/Release on every platform), or nothing, so better-sqlite3 searches as it would. */
function nativeBinding(): { nativeBinding?: string } {
  if (binding === undefined) {
    try {
      const file = join(dirname(createRequire(import.meta.url).resolve('better-sqlite3/package.json')), 'build', 'Release', 'better_sqlite3.node');
      binding = existsSync(file) ? { nativeBinding: file } : {};
    } catch {
      binding = {};
    }
  }
  return binding;
}

/** A connection to a file (or to a database image in memory), as new Database() makes it. */
export function sqlite(file: string | Buffer, options: Database.Options = {}): Db {
  return new Database(file, { ...nativeBinding(), ...options });
}
