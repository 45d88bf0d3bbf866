/**
 * `gansweep validate FILE`: check a sweep file and say what it would run,
 * without running anything. Bad input exits 2 with every problem listed.
 */
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';

import {
  describeSweep,
  formatDescription,
  loadSweepFile,
} from '../../config/index.js';
import { createLogger } from '../log.js';

interface ValidateArgs {
  file: string;
  set: string[];
  seeds?: string;
  json: boolean;
}

export const validateCommand: CommandModule<object, ValidateArgs> = {
  command: 'validate <file>',
  describe: 'Check a sweep file and show its groups, seeds and run count',
  builder: (yargs: Argv) =>
    yargs
      .positional('file', {
        describe: 'The sweep file (YAML)',
        type: 'string',
        demandOption: true,
      })
      .option('set', {
        describe:
          'Override a key of the sweep, e.g. training.rounds=100 or retries=2 (repeatable)',
        type: 'string',
        array: true,
        default: [] as string[],
      })
      .option('seeds', {
        describe: 'Replace the seeds: 1..10, a count 10, or 3,7',
        type: 'string',
      })
      .option('json', {
        describe: 'Print the description as JSON',
        type: 'boolean',
        default: false,
      }) as unknown as Argv<ValidateArgs>,
  handler: (args: ArgumentsCamelCase<ValidateArgs>) => {
    const sweep = loadSweepFile(args.file, {
      set: args.set,
      seeds: args.seeds,
    });
    const description = describeSweep(sweep);

    const log = createLogger();
    log.result(
      args.json
        ? JSON.stringify(description, null, 2)
        : formatDescription(description),
    );
  },
};
