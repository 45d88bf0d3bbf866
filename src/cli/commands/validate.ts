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
import { withSweepOverrides } from '../options.js';

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
    withSweepOverrides(yargs)
      .positional('file', {
        describe: 'The sweep file (YAML)',
        type: 'string',
        demandOption: true,
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
