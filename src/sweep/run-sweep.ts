/**
 * runSweep: one session of a sweep in its results folder. Plans the
 * shard's runs against the records already there, runs the rest on the
 * pool, stores each record as it ends, then regenerates `summary.json` and
 * the report from every record in the folder (all shards').
 */
import os from 'node:os';

import type { Summary } from '../analysis/index.js';
import { resolvedSweepToYaml } from '../config/index.js';
import type { ResolvedSweep } from '../config/plan.js';
import { UserError } from '../errors.js';
import type { ResultsProblem } from '../store/records.js';
import { prepareResultsFolder } from '../store/sweep-file.js';
import { moveResultsAside, writeRecord, writeSummary } from '../store/write.js';
import type { RunRecord } from '../store/record.js';
import type { SweepEventListener } from './events.js';
import { countState, planSweep, runsToDo } from './plan.js';
import { RunPool } from './pool.js';
import { scheduleRuns } from './schedule.js';
import type { Shard } from './shard.js';
import { summariseSweep } from './summary.js';

export interface SweepOptions {
  sweep: ResolvedSweep;
  /** The results folder; created when missing. */
  dir: string;
  /** Worker threads; the machine's available parallelism by default. */
  workers?: number;
  /** Run only this shard's runs; all runs when null or absent. */
  shard?: Shard | null;
  /** Move an existing folder aside to `<dir>.<timestamp>` and start over. */
  fresh?: boolean;
  /** Render `report.html` at the end (default true; never when cancelled). */
  report?: boolean;
  /** Aborting stops scheduling; running runs finish and are stored. */
  signal?: AbortSignal;
  onEvent?: SweepEventListener;
  /** A worker entry to use instead of the real one (tests). */
  workerFile?: URL;
  now?: () => Date;
}

export interface SweepResult {
  dir: string;
  /** Where an earlier folder went with `fresh`, or null. */
  movedAside: string | null;
  /** Runs in this shard. */
  total: number;
  skipped: number;
  /** Runs that ended in this session, failed ones included. */
  ran: number;
  failed: number;
  notStarted: number;
  cancelled: boolean;
  /** Records in the folder that could not be trusted (after this session). */
  problems: ResultsProblem[];
  /** The regenerated `summary.json`, every record in the folder. */
  summary: Summary;
  /** The report's path, or null when not rendered. */
  reportPath: string | null;
}

/**
 * Runs (the rest of) a sweep into `dir`. Throws a UserError when the folder
 * holds a different sweep, or `fresh` is combined with a shard (moving the
 * folder aside under running shards would split their results).
 */
export async function runSweep(options: SweepOptions): Promise<SweepResult> {
  const { sweep, dir } = options;
  const shard = options.shard ?? null;
  const emit = options.onEvent ?? (() => {});
  const workers = options.workers ?? os.availableParallelism();
  const started = performance.now();

  const movedAside = await startFolder(options);
  await prepareResultsFolder(dir, sweep, resolvedSweepToYaml(sweep));

  const plan = await planSweep(sweep, dir, shard);
  const todo = runsToDo(plan);
  const skipped = countState(plan, 'done');
  emit({
    type: 'sweep-start',
    sweepName: sweep.name,
    dir,
    total: plan.entries.length,
    skipped,
    rerunFailed: countState(plan, 'failed'),
    rerunUntrusted: countState(plan, 'untrusted'),
    workers,
  });

  const scheduled = await runOnPool(todo, workers, options);
  const cancelled = options.signal?.aborted ?? false;

  const buildSummary = (records: RunRecord[]) => summariseSweep(sweep, records);
  const stored = await writeSummary(dir, buildSummary);
  const summary = buildSummary(stored.records);
  // A cancelled session leaves the report to the session that finishes.
  const wantReport = options.report !== false && !cancelled;
  const reportPath = wantReport ? await renderReport(dir) : null;

  emit({
    type: 'sweep-end',
    ...scheduled,
    skipped,
    cancelled,
    elapsedMs: performance.now() - started,
    dir,
    reportPath,
  });

  return {
    dir,
    movedAside,
    total: plan.entries.length,
    skipped,
    ...scheduled,
    cancelled,
    problems: stored.problems,
    summary,
    reportPath,
  };
}

async function startFolder(options: SweepOptions): Promise<string | null> {
  if (!options.fresh) return null;

  if (options.shard) {
    throw new UserError(
      '--fresh cannot be combined with --shard: one shard would move the folder away from under the others',
      'Start a fresh sharded sweep with a new --out folder instead.',
    );
  }

  return moveResultsAside(options.dir, options.now?.());
}

async function runOnPool(
  todo: Parameters<typeof scheduleRuns>[0],
  workers: number,
  options: SweepOptions,
) {
  if (todo.length === 0) return { ran: 0, failed: 0, notStarted: 0 };

  const { sweep, dir } = options;
  const pool = new RunPool({
    workers: Math.min(workers, todo.length),
    workerFile: options.workerFile,
  });

  try {
    return await scheduleRuns(todo, {
      pool,
      thresholds: sweep.outcomes,
      timeoutSeconds: sweep.timeoutSeconds,
      retries: sweep.retries,
      signal: options.signal,
      emit: options.onEvent ?? (() => {}),
      onRecord: (record) => writeRecord(dir, record),
      now: options.now,
    });
  } finally {
    await pool.close();
  }
}

/*
 * Imported on demand: the report pulls in Vega, which a sweep without a
 * report (and every worker thread) should not pay for.
 */
async function renderReport(dir: string): Promise<string> {
  const { writeReport } = await import('../report/index.js');
  return writeReport([dir]);
}
