/**
 * The one place gansweep prints. Commands write results to stdout and talk
 * to the person on stderr, at a level set by --quiet or --json.
 */
export type LogLevel = 'quiet' | 'normal';

export interface Logger {
  /** Progress and notes for a person, on stderr; silent when quiet. */
  info(message: string): void;
  /** Warnings, on stderr, always. */
  warn(message: string): void;
  /** Results, on stdout, always. */
  result(text: string): void;
}

export function createLogger(level: LogLevel = 'normal'): Logger {
  return {
    info(message) {
      if (level !== 'quiet') process.stderr.write(`${message}\n`);
    },
    warn(message) {
      process.stderr.write(`warning: ${message}\n`);
    },
    result(text) {
      process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
    },
  };
}
