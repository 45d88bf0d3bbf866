/**
 * `gansweep slurm <sweep.yaml> --tasks N [--submit]`: run a sweep as a
 * Slurm job array, one shard per task, then a job that renders the report.
 */
import { fileURLToPath } from 'node:url';

import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';

import { EXIT_RUNS_FAILED } from '../../errors.js';
import {
  finishArrayJob,
  prepareArrayJob,
  shellQuote,
  submitArrayJob,
  type ArrayJobRequest,
  type PreparedArrayJob,
} from '../../cluster/index.js';
import { createLogger, type Logger } from '../log.js';
import { withSweepOverrides } from '../options.js';

interface SlurmArgs {
  sweep: string;
  tasks: number;
  partition?: string;
  time?: string;
  cpusPerTask: number;
  out?: string;
  set: string[];
  seeds?: string;
  submit?: boolean;
  finish?: boolean;
  quiet: boolean;
}

/**
 * This install's entry point, run by the node that runs this process:
 * compute nodes that share the filesystem start the very same gansweep.
 */
function thisGansweep(): string[] {
  const main = fileURLToPath(new URL('../main.js', import.meta.url));
  return [process.execPath, main];
}

function builder(yargs: Argv): Argv<SlurmArgs> {
  return (
    withSweepOverrides(yargs)
      .positional('sweep', {
        type: 'string',
        demandOption: true,
        describe: 'The sweep file, on a filesystem the compute nodes share',
      })
      .option('tasks', {
        type: 'number',
        demandOption: true,
        describe: 'Array tasks: the sweep is split into this many shards',
      })
      .option('cpus-per-task', {
        type: 'number',
        default: 1,
        describe: 'CPUs per task; each task runs that many workers',
      })
      .option('partition', { type: 'string', describe: 'Slurm partition' })
      .option('time', {
        type: 'string',
        describe: 'Time limit per task, in Slurm syntax (e.g. 2:00:00)',
      })
      .option('out', {
        type: 'string',
        describe: 'Results folder (default reports/<sweep name>)',
      })
      // No defaults on --submit and --finish: yargs counts a default as
      // given, and would then report every call as a conflict.
      .option('submit', {
        type: 'boolean',
        describe: 'Submit both jobs with sbatch and print their ids',
      })
      .option('finish', {
        type: 'boolean',
        describe:
          'Run by the report job: regenerate summary.json and the report, ' +
          'and say what is missing',
      })
      .conflicts('submit', 'finish')
      .option('quiet', {
        type: 'boolean',
        default: false,
        describe: 'Print only the script or the job ids',
      }) as unknown as Argv<SlurmArgs>
  );
}

async function handler(args: ArgumentsCamelCase<SlurmArgs>): Promise<void> {
  const log = createLogger(args.quiet ? 'quiet' : 'normal');
  const request = requestOf(args);
  if (args.finish === true) {
    await finish(request, log);
    return;
  }

  const job = await prepareArrayJob(request);
  if (job.kind === 'complete') {
    log.info(
      `All ${job.runs.total} runs in ${job.outDir} have records: nothing ` +
        `to submit. \`gansweep report ${shellQuote(job.outDir)}\` renders ` +
        'the report.',
    );
    return;
  }

  describe(job, args.tasks, log);
  if (args.submit !== true) {
    log.result(job.scripts.array);
    return;
  }

  const ids = await submitArrayJob(job.files);
  log.result(`array job ${ids.arrayJobId}\nreport job ${ids.reportJobId}`);
  log.info(
    `Follow them with \`squeue -j ${ids.arrayJobId},${ids.reportJobId}\`.`,
  );
}

function requestOf(args: SlurmArgs): ArrayJobRequest {
  return {
    sweepFile: args.sweep,
    out: args.out ?? null,
    tasks: args.tasks,
    cpusPerTask: args.cpusPerTask,
    partition: args.partition ?? null,
    time: args.time ?? null,
    sets: args.set.map(String),
    seeds: args.seeds ?? null,
    gansweep: thisGansweep(),
  };
}

/**
 * The report job's step: summary and report of every record, then what is
 * missing. Exits 1 when runs are missing or failed, so the job's state in
 * `sacct` says the sweep is not complete.
 */
async function finish(request: ArrayJobRequest, log: Logger): Promise<void> {
  const done = await finishArrayJob(request);
  log.result(`report: ${done.reportFile}`);

  const { total, toDo } = done.runs;
  if (toDo === 0) {
    log.info(`All ${total} runs have records.`);
    return;
  }
  const command = ['gansweep', ...done.resubmit, '--submit'];
  log.warn(
    `${toDo} of ${total} runs have no record or failed (a task was ` +
      `cancelled, timed out or failed). Resubmit them with:\n  ` +
      command.map(shellQuote).join(' '),
  );
  process.exitCode = EXIT_RUNS_FAILED;
}

/** What was written and what happens next, on stderr. */
function describe(
  job: Extract<PreparedArrayJob, { kind: 'written' }>,
  tasks: number,
  log: Logger,
): void {
  const { runs, taskIds } = job;
  const files = {
    array: shellQuote(job.files.array),
    report: shellQuote(job.files.report),
  };
  const which =
    taskIds.length === tasks
      ? `${tasks} array tasks`
      : `${taskIds.length} of ${tasks} array tasks (the others' runs all ` +
        'have records)';
  log.info(`${runs.toDo} of ${runs.total} runs to do, in ${which}.`);
  log.info(`Wrote ${files.array}\n  and ${files.report}`);
  log.info(
    'Submit them with `--submit`, or by hand:\n' +
      `  id=$(sbatch --parsable ${files.array})\n` +
      `  sbatch --dependency=afterany:$id ${files.report}`,
  );
}

export const slurmCommand: CommandModule<object, SlurmArgs> = {
  command: 'slurm <sweep>',
  describe: 'Run a sweep as a Slurm job array, then render its report',
  builder,
  handler,
};
