/**
 * Typed errors. The library throws these; the CLI turns them into a line
 * that says what went wrong and what to do next, and picks the exit code.
 */

/** Exit code for bad input: config, arguments or unreadable results. */
export const EXIT_BAD_INPUT = 2;
/** Exit code when a sweep finished but some runs failed. */
export const EXIT_RUNS_FAILED = 1;

/** A problem the user can fix: bad config, bad arguments, bad files. */
export class UserError extends Error {
  /** What to do next, one line, or null. */
  readonly hint: string | null;
  readonly exitCode: number;

  constructor(message: string, hint: string | null = null, exitCode = 2) {
    super(message);
    this.name = 'UserError';
    this.hint = hint;
    this.exitCode = exitCode;
  }
}

/** A sweep file or override that breaks the schema; `path` is the YAML key path. */
export class ConfigError extends UserError {
  readonly path: string;

  constructor(path: string, message: string, hint: string | null = null) {
    super(path === '' ? message : `${path}: ${message}`, hint);
    this.name = 'ConfigError';
    this.path = path;
  }
}
