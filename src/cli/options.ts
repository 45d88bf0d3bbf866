/**
 * Options that several commands share, described once so that their
 * --help texts cannot drift apart.
 */
import type { Argv } from 'yargs';

/** `--set key=value ...` and `--seeds`, as `run`, `validate` and `slurm` take them. */
export function withSweepOverrides<T>(yargs: Argv<T>) {
  return yargs
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
    });
}
