#!/usr/bin/env node
/**
 * gansweep's command line. Each command parses, calls the library, prints.
 * Only this entry point sets the exit code.
 */
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';

import { UserError } from '../errors.js';
import { VERSION } from '../version.js';
import { classifyCommand } from './commands/classify.js';
import { exportCommand } from './commands/export.js';
import { reportCommand } from './commands/report.js';
import { runCommand } from './commands/run.js';
import { slurmCommand } from './commands/slurm.js';
import { statusCommand } from './commands/status.js';
import { trainCommand } from './commands/train.js';
import { validateCommand } from './commands/validate.js';

async function main(argv: string[]): Promise<void> {
  await yargs(argv)
    .scriptName('gansweep')
    .usage('$0 <command> [options]\n\nSeeded GAN stability sweeps.')
    .command(runCommand)
    .command(validateCommand)
    .command(statusCommand)
    .command(reportCommand)
    .command(exportCommand)
    .command(trainCommand)
    .command(classifyCommand)
    .command(slurmCommand)
    .demandCommand(1, 'Name a command; `gansweep --help` lists them.')
    .recommendCommands()
    .strict()
    .version(VERSION)
    .help()
    .wrap(Math.min(100, process.stdout.columns ?? 80))
    .fail(failHandler)
    .parseAsync();
}

/** yargs' own argument errors are bad input: print them and exit 2. */
function failHandler(message: string | null, error: Error | null): void {
  if (error) throw error;
  throw new UserError(message ?? 'bad arguments', 'Run `gansweep --help`.');
}

main(hideBin(process.argv)).catch((error: unknown) => {
  if (error instanceof UserError) {
    process.stderr.write(`gansweep: ${error.message}\n`);
    if (error.hint) process.stderr.write(`${error.hint}\n`);
    process.exitCode = error.exitCode;
    return;
  }

  process.stderr.write(
    `gansweep: unexpected error, please report it with this trace:\n`,
  );
  process.stderr.write(`${(error as Error)?.stack ?? String(error)}\n`);
  process.exitCode = 70;
});
