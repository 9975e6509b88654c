/**
 * What a command leaves unloaded at start-up, seen from the real binary: the schema's steps
 * (store/migrations.ts) load only when a database is made or needs updating,
 * node:child_process only when something is paged (commander asks for it, and is given a
 * stand-in: cli/commander.ts), and node:tty only when a command must know whether it is at a
 * terminal (cli/context.ts).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { SCHEMA_VERSION } from '../../src/store/schemaVersion.js';
import { remedi, tempDir } from '../helpers/cli.js';

/**
 * Runs remedi with a hook writing each module of dist/ it resolves to a file, and node's own
 * modules it loaded at its exit; gives the result and those modules.
 */
function withModulesSeen(args: string[]): { code: number | null; stderr: string; modules: string[] } {
  const dir = tempDir();
  const seen = join(dir, 'seen.txt');
  writeFileSync(seen, '');
  const hooks = join(dir, 'hooks.mjs');
  writeFileSync(
    hooks,
    `import { appendFileSync } from 'node:fs';
     export async function resolve(specifier, context, next) {
       const found = await next(specifier, context);
       if (found.url.includes('/dist/')) appendFileSync(${JSON.stringify(seen)}, found.url.replace(/.*\\/dist\\//, '') + '\\n');
       return found;
     }`,
  );
  const register = join(dir, 'register.mjs');
  writeFileSync(
    register,
    `import { register } from 'node:module'; import { appendFileSync } from 'node:fs';
     register(${JSON.stringify(pathToFileURL(hooks).href)});
     process.on('exit', () => appendFileSync(${JSON.stringify(seen)}, process.moduleLoadList.filter((m) => m.startsWith('NativeModule ')).map((m) => 'node:' + m.slice(13) + '\\n').join('')));`,
  );
  const result = remedi(args, { env: { NODE_OPTIONS: `--import=${pathToFileURL(register).href}` } });
  return { code: result.code, stderr: result.stderr, modules: readFileSync(seen, 'utf8').split('\n').filter(Boolean) };
}

describe('the schema steps load only when a database needs them', () => {
  it('a new database loads them; a command on it once made does not; an older database loads them and is updated', () => {
    expect(MIGRATIONS).toHaveLength(SCHEMA_VERSION);
    const dir = tempDir();
    const db = join(dir, 'remedi.db');
    const created = withModulesSeen(['cohort', 'create', '1', '--start', '2026-01-05', '--end', '2026-09-30', '--db', db]);
    expect(created.code, created.stderr).toBe(0);
    expect(created.modules).toContain('store/migrations.js');
    for (const args of [
      ['cohort', 'list', '--db', db],
      ['cohort', 'create', '2', '--start', '2026-10-05', '--end', '2027-06-30', '--db', db],
    ]) {
      const current = withModulesSeen(args);
      expect(current.code, current.stderr).toBe(0);
      // The hook saw the command's own modules, so its silence on the steps means something.
      expect(current.modules).toContain('store/db.js');
      expect(current.modules).not.toContain('store/migrations.js');
    }
    const older = join(dir, 'older.db');
    const old = new Database(older);
    old.exec(MIGRATIONS.slice(0, 4).join('\n'));
    old.pragma('user_version = 4');
    old.close();
    const updated = withModulesSeen(['cohort', 'create', '1', '--start', '2026-01-05', '--end', '2026-09-30', '--db', older]);
    expect(updated.code, updated.stderr).toBe(0);
    expect(updated.stderr).toContain('Updated the database for this version of remedi');
    expect(updated.modules).toContain('store/migrations.js');
    const reopened = new Database(older, { readonly: true });
    expect(reopened.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    reopened.close();
  });
});

describe("node's own modules", () => {
  it('node:child_process and node:tty are not loaded by a command that pages nothing, asks nothing and has no colour to decide (NO_COLOR)', () => {
    const db = join(tempDir(), 'remedi.db');
    expect(withModulesSeen(['cohort', 'create', '1', '--start', '2026-01-05', '--end', '2026-09-30', '--db', db]).code).toBe(0);
    const listed = withModulesSeen(['cohort', 'list', '--db', db]);
    expect(listed.code, listed.stderr).toBe(0);
    // commander asks for child_process as it loads.
    expect(listed.modules).toContain('cli/commander.js');
    // node's own modules were written down too, so the absence means something.
    expect(listed.modules).toContain('node:fs');
    expect(listed.modules).not.toContain('node:child_process');
    expect(listed.modules).not.toContain('node:tty');
    // log-session missing its flags asks whether it may ask (stdin and stderr are no terminal here): a usage error.
    const asked = withModulesSeen(['log-session', '--pair', '1', '--db', db]);
    expect(asked.code).toBe(2);
    expect(asked.stderr).toContain('Without a terminal, give --pair, --date, --minutes, --kind and --level');
    expect(asked.modules).toContain('node:tty');
  });
});
