/**
 * commander's classes, typed by @commander-js/extra-typings (which infers each command's option
 * types from its declarations). At run time the typed package re-exports commander's own classes,
 * so they are taken from commander directly, and required rather than imported: node scans a
 * CommonJS module imported from ESM for its export names (its cjs-module-lexer, itself loaded for
 * that), and the typed package's index builds a program of its own. Together about 21 million
 * instructions of every command's start-up, 6% of log-session's above `node -e 0` (issue 15).
 */
import { createRequire } from 'node:module';
import type * as Typed from '@commander-js/extra-typings';

const commander = createRequire(import.meta.url)('commander') as Pick<typeof Typed, 'Command' | 'CommanderError' | 'InvalidArgumentError' | 'Option'>;

export const { Command, CommanderError, InvalidArgumentError, Option } = commander;
