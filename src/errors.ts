/**
 * The one exit path: commands throw these, only the entry (cli.ts) prints them and
 * sets the exit code. Anything else that escapes is an internal error (exit 70).
 */

export const EXIT_OK = 0;
export const EXIT_REFUSED = 1;
export const EXIT_USAGE = 2;
export const EXIT_INTERNAL = 70;

/** The data was refused or a file is missing: nothing was written. Exit 1. */
export class UserError extends Error {
  readonly exitCode: number = EXIT_REFUSED;
  /** Extra lines shown under the message (for example a list of row problems). */
  readonly details: string[];
  /** One sentence that says how to fix it. */
  readonly fix?: string;

  constructor(message: string, options: { fix?: string; details?: string[] } = {}) {
    super(message);
    this.name = 'UserError';
    this.fix = options.fix;
    this.details = options.details ?? [];
  }
}

/** A bad command line: unknown flag, missing argument, malformed flag value. Exit 2. */
export class UsageError extends UserError {
  override readonly exitCode: number = EXIT_USAGE;

  constructor(message: string, options: { fix?: string; details?: string[] } = {}) {
    super(message, options);
    this.name = 'UsageError';
  }
}
