/**
 * `gansweep run <sweep.yaml>`: run (the rest of) a sweep into its results
 * folder, with progress, and print the groups table and the report path.
 */
import os from 'node:os';

import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';

import { formatGroupsTable } from '../../analysis/index.js';
import { shellQuote } from '../../cluster/index.js';
import {
  defaultResultsDir,
  loadSweepFile,
  resolvedSweepToYaml,
} from '../../config/index.js';
import type { ResolvedSweep } from '../../config/plan.js';
import { EXIT_RUNS_FAILED, UserError } from '../../errors.js';
import { requireSameSweep } from '../../store/index.js';
import {
  formatShard,
  parseShard,
  planSweep,
  runSweep,
  type Shard,
  type SweepPlan,
  type SweepResult,
} from '../../sweep/index.js';
import { createLogger, type Logger } from '../log.js';
import { createProgressRenderer, progressMode } from '../progress.js';
import { withSweepOverrides } from '../options.js';

/** Exit code of a sweep stopped by Ctrl-C (128 + SIGINT, the shell's own). */
const EXIT_INTERRUPTED = 130;

interface RunArgs {
  file: string;
  out?: string;
  workers?: number;
  set: string[];
  seeds?: string;
  shard?: string;
  fresh: boolean;
  report: boolean;
  dryRun: boolean;
  json: boolean;
  quiet: boolean;
}

export const runCommand: CommandModule<object, RunArgs> = {
  command: 'run <file>',
  describe:
    'Run a sweep: every run not yet recorded in its results folder, on a worker pool',
  builder: (yargs: Argv) =>
    withSweepOverrides(yargs)
      .positional('file', {
        describe: 'The sweep file (YAML)',
        type: 'string',
        demandOption: true,
      })
      .option('out', {
        describe: 'Results folder (default reports/<sweep name>/)',
        type: 'string',
      })
      .option('workers', {
        describe: `Worker threads, one run each (default: available parallelism, here ${os.availableParallelism()})`,
        type: 'number',
      })
      .option('shard', {
        describe:
          'Run only shard I of N (0-based: runs at positions p with p % N == I), e.g. --shard $SLURM_ARRAY_TASK_ID/4',
        type: 'string',
      })
      .option('fresh', {
        describe:
          'Move an existing results folder aside to <folder>.<timestamp> and start over (not with --shard)',
        type: 'boolean',
        default: false,
      })
      .option('report', {
        describe:
          'Render report.html at the end (--no-report to skip; a sweep stopped by Ctrl-C renders none)',
        type: 'boolean',
        default: true,
      })
      .option('dry-run', {
        describe:
          'List the runs that would run and those already done; run nothing',
        type: 'boolean',
        default: false,
      })
      .option('json', {
        describe:
          'Print newline-delimited JSON events on stdout (run-start, run-progress, run-retry, run-end, sweep-start, sweep-end) instead of progress and the table; with --dry-run, the plan as JSON',
        type: 'boolean',
        default: false,
      })
      .option('quiet', {
        describe: 'No progress; only warnings and the final table',
        type: 'boolean',
        default: false,
      })
      .example('$0 run configs/quick.yaml', 'a smoke sweep in seconds')
      .example(
        '$0 run configs/article.yaml --seeds 1..3 --set training.rounds=1000',
        'a shorter article study',
      )
      .example(
        '$0 run configs/article.yaml --shard 0/4 --out /shared/article',
        'the first of four cluster tasks',
      ) as unknown as Argv<RunArgs>,
  handler: async (args: ArgumentsCamelCase<RunArgs>) => {
    const sweep = loadSweepFile(args.file, {
      set: args.set,
      seeds: args.seeds,
    });
    const dir = args.out ?? defaultResultsDir(sweep);
    const shard = args.shard === undefined ? null : parseShard(args.shard);
    const workers = checkWorkers(args.workers);
    const log = createLogger(args.quiet || args.json ? 'quiet' : 'normal');

    if (args.dryRun) {
      await dryRun(sweep, dir, shard, args, log);
      return;
    }

    const result = await runWithProgress(sweep, dir, shard, workers, args);
    printResult(result, resumeCommand(args, dir), args, log);
    process.exitCode = exitCodeOf(result);
  },
};

function checkWorkers(workers: number | undefined): number | undefined {
  if (workers === undefined) return undefined;
  if (Number.isInteger(workers) && workers >= 1) return workers;
  throw new UserError(
    `--workers: expected a whole number of at least 1, got ${workers}`,
    `Leave it out to use this machine's ${os.availableParallelism()}.`,
  );
}

/** Runs the sweep with progress rendered and Ctrl-C handled. */
async function runWithProgress(
  sweep: ResolvedSweep,
  dir: string,
  shard: Shard | null,
  workers: number | undefined,
  args: RunArgs,
): Promise<SweepResult> {
  const isTTY = process.stderr.isTTY === true;
  const mode = progressMode({ json: args.json, quiet: args.quiet, isTTY });
  const renderer = createProgressRenderer(mode);
  const interrupt = onInterrupt(createLogger());

  try {
    return await runSweep({
      sweep,
      dir,
      shard,
      workers,
      fresh: args.fresh,
      report: args.report,
      signal: interrupt.signal,
      onEvent: (event) => renderer.onEvent(event),
    });
  } finally {
    renderer.stop();
    interrupt.dispose();
  }
}

/**
 * The first Ctrl-C aborts the returned signal: no new run starts, running
 * runs finish and are stored. The second exits at once; every stored
 * record is whole, since records land by atomic rename.
 */
function onInterrupt(log: Logger) {
  const controller = new AbortController();
  const handler = () => {
    if (controller.signal.aborted) process.exit(EXIT_INTERRUPTED);
    controller.abort();
    log.warn(
      'stopping: no new run starts; running runs finish and are kept. Ctrl-C again to quit now (they are lost, nothing else).',
    );
  };
  process.on('SIGINT', handler);
  return {
    signal: controller.signal,
    dispose: () => process.off('SIGINT', handler),
  };
}

function printResult(
  result: SweepResult,
  resume: string,
  args: RunArgs,
  log: Logger,
): void {
  if (result.movedAside !== null) {
    log.info(`earlier results moved aside to ${result.movedAside}`);
  }
  for (const problem of result.problems) {
    log.warn(`untrusted record ${problem.file}: ${problem.message}`);
  }

  if (result.cancelled) {
    const done = result.skipped + result.ran;
    log.warn(
      `stopped: ${result.ran} runs finished in this session, ${done} of ${result.total} done in all.`,
    );
    log.warn(`resume with: ${resume}`);
  } else if (result.failed > 0) {
    log.warn(
      `${result.failed} of ${result.total} runs failed; their records say why. Rerun just those with: ${resume}`,
    );
  }

  if (args.json) return;
  log.result(formatGroupsTable(result.summary));
  if (result.reportPath !== null) log.result(`report: ${result.reportPath}`);
  else log.info(`results: ${result.dir}`);
}

function exitCodeOf(result: SweepResult): number {
  if (result.cancelled) return EXIT_INTERRUPTED;
  return result.failed > 0 ? EXIT_RUNS_FAILED : 0;
}

/** The command that picks up where this one stopped (never --fresh). */
export function resumeCommand(args: RunArgs, dir: string): string {
  const words = ['gansweep', 'run', args.file, '--out', dir];
  if (args.workers !== undefined) words.push('--workers', String(args.workers));
  for (const set of args.set) words.push('--set', set);
  if (args.seeds !== undefined) words.push('--seeds', args.seeds);
  if (args.shard !== undefined) {
    words.push('--shard', formatShard(parseShard(args.shard)));
  }
  if (!args.report) words.push('--no-report');
  return words.map(shellQuote).join(' ');
}

/** `--dry-run`: what a real run would do in `dir`, one line per run. */
async function dryRun(
  sweep: ResolvedSweep,
  dir: string,
  shard: Shard | null,
  args: RunArgs,
  log: Logger,
): Promise<void> {
  if (!args.fresh)
    await requireSameSweep(dir, sweep, resolvedSweepToYaml(sweep));
  const plan = await planSweep(sweep, args.fresh ? null : dir, shard);

  if (args.json) {
    log.result(JSON.stringify(dryRunJson(plan, dir), null, 2));
    return;
  }

  log.result(formatPlan(plan));
  const todo = plan.entries.filter((entry) => entry.state !== 'done').length;
  const where =
    shard === null
      ? ''
      : ` (shard ${formatShard(shard)} of ${plan.allRuns} runs)`;
  log.result(
    `${plan.entries.length} runs${where}: ${plan.entries.length - todo} done, ${todo} would run, into ${dir}${args.fresh ? ' (after moving it aside)' : ''}`,
  );
}

const STATE_WORDS = {
  done: 'done',
  failed: 'rerun (failed)',
  untrusted: 'rerun (record untrusted)',
  new: 'run',
} as const;

function formatPlan(plan: SweepPlan): string {
  const rows = plan.entries.map((entry) => [
    STATE_WORDS[entry.state],
    entry.run.runId,
    entry.run.group,
    `seed ${entry.run.seed}`,
  ]);
  const widths = [0, 1, 2].map((column) =>
    Math.max(...rows.map((row) => row[column].length)),
  );
  return rows
    .map((row) =>
      row
        .map((cell, i) => cell.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

function dryRunJson(plan: SweepPlan, dir: string) {
  return {
    dir,
    allRuns: plan.allRuns,
    runs: plan.entries.map((entry) => ({
      runId: entry.run.runId,
      group: entry.run.group,
      seed: entry.run.seed,
      state: entry.state,
      problem: entry.problem,
    })),
  };
}
