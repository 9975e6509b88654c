/**
 * commander's classes, typed by @commander-js/extra-typings (which infers each command's option
 * types from its declarations). At run time the typed package re-exports commander's own classes,
 * so they are taken from commander directly, and required rather than imported: node scans a
 * CommonJS module imported from ESM for its export names (its cjs-module-lexer, itself loaded for
 * that), and the typed package's index builds a program of its own. Together about 21 million
 * instructions of every command's start-up, 6% of log-session's above `node -e 0` (issue 15).
 *
 * commander requires node:child_process as it loads, only to run a subcommand that is a program
 * of its own, which remedi has none of; loading it (and the net and stream modules it brings) is
 * another 10 million instructions, 5% of log-session's start-up. So while commander loads, it is
 * given a stand-in that loads the real module the first time anything of it is used.
 */
import { createRequire } from 'node:module';
import type * as Typed from '@commander-js/extra-typings';

type Commander = Pick<typeof Typed, 'Command' | 'CommanderError' | 'InvalidArgumentError' | 'Option'>;

const require = createRequire(import.meta.url);

/** node:child_process, loaded when a property of it is first read. */
const childProcessWhenUsed: unknown = new Proxy({}, { get: (_target, key) => Reflect.get(process.getBuiltinModule('node:child_process'), key) as unknown });

/**
 * require(id), with node:child_process answered by the stand-in. Through the CommonJS loader's
 * Module._load, which every require goes through; where it is not there (not node's loader), a
 * plain require.
 */
function requireWithoutChildProcess(id: string): unknown {
  const loader = require('node:module') as { _load?: (request: string, ...rest: unknown[]) => unknown };
  const load = loader._load;
  if (typeof load !== 'function') return require(id);
  loader._load = function (this: unknown, request: string, ...rest: unknown[]) {
    return request === 'node:child_process' || request === 'child_process' ? childProcessWhenUsed : load.call(this, request, ...rest);
  };
  try {
    return require(id);
  } finally {
    loader._load = load;
  }
}

const commander = requireWithoutChildProcess('commander') as Commander;

export const { Command, CommanderError, InvalidArgumentError, Option } = commander;
