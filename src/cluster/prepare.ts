/**
 * Everything `gansweep slurm` does before submitting: validate the sweep,
 * check the results folder, find the shards that still have runs to do,
 * and write the two sbatch scripts into `<results folder>/slurm/`.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';

import {
  defaultResultsDir,
  loadSweepFile,
  resolvedSweepToYaml,
} from '../config/index.js';
import type { ResolvedSweep } from '../config/plan.js';
import { UserError } from '../errors.js';
import { requireSameSweep } from '../store/index.js';
import { planSweep, selectShard, type SweepPlan } from '../sweep/index.js';
import {
  arrayJobScripts,
  checkArrayJobOptions,
  jobNameFor,
  SLURM_FOLDER,
  type ArrayJobOptions,
  type ArrayJobScripts,
} from './script.js';

/** What the user asked for, as given on the command line. */
export interface ArrayJobRequest {
  sweepFile: string;
  /** Results folder, or null for the sweep's default `reports/<name>`. */
  out: string | null;
  tasks: number;
  cpusPerTask: number;
  partition: string | null;
  time: string | null;
  sets: string[];
  seeds: string | null;
  /** The command that starts this gansweep install on a compute node. */
  gansweep: string[];
}

/** Counts of the sweep's runs against the results folder. */
export interface RunCounts {
  /** Every run of the sweep. */
  total: number;
  /** Runs without a record, or whose record failed or did not parse. */
  toDo: number;
}

/**
 * - `written`: scripts written for the shards that have runs to do;
 * - `complete`: every run already has a record, so no script was written.
 */
export type PreparedArrayJob =
  | {
      kind: 'written';
      outDir: string;
      runs: RunCounts;
      /** The array task ids the script submits, ascending. */
      taskIds: number[];
      scripts: ArrayJobScripts;
      files: { array: string; report: string };
    }
  | { kind: 'complete'; outDir: string; runs: RunCounts };

/** File names of the scripts under `<results folder>/slurm/`. */
export const SCRIPT_FILES = { array: 'array.sbatch', report: 'report.sbatch' };

/**
 * Validates the sweep with its overrides, checks that the results folder
 * holds no other sweep, plans every shard against the records already
 * there, and writes the scripts for the shards with runs left.
 *
 * Throws ConfigError for a bad sweep and UserError for bad options or a
 * results folder of another sweep, in each case before writing anything.
 */
export async function prepareArrayJob(
  request: ArrayJobRequest,
): Promise<PreparedArrayJob> {
  const { sweep, options } = resolveRequest(request);
  const outDir = options.outDir;
  await requireSameResults(outDir, sweep);

  const plan = await planSweep(sweep, outDir, null);
  const taskIds = tasksWithWork(plan, request.tasks);
  const runs = countRuns(plan);
  if (taskIds.length === 0) return { kind: 'complete', outDir, runs };

  const scripts = arrayJobScripts({ ...options, only: taskIds });
  const files = await writeScripts(outDir, scripts);
  return { kind: 'written', outDir, runs, taskIds, scripts, files };
}

/** A request checked and resolved: the sweep and the script options. */
export interface ResolvedRequest {
  sweep: ResolvedSweep;
  /** Every array task (`only` is null); paths absolute. */
  options: ArrayJobOptions;
}

/**
 * Loads the sweep with its overrides and checks the options. Throws
 * ConfigError for a bad sweep, UserError for options the scripts cannot
 * carry; reads the sweep file and nothing else.
 */
export function resolveRequest(request: ArrayJobRequest): ResolvedRequest {
  const sweepFile = path.resolve(request.sweepFile);
  const sweep = loadSweepFile(sweepFile, overridesOf(request));
  const outDir = path.resolve(request.out ?? defaultResultsDir(sweep));

  const options = scriptOptions(request, sweep, sweepFile, outDir);
  checkArrayJobOptions(options);
  return { sweep, options };
}

/**
 * The array task ids whose shard holds a run that is not done. The plan
 * lists every run in expansion order, which is the order `--shard I/N`
 * selects from, so selecting from it gives each task's runs exactly.
 */
export function tasksWithWork(plan: SweepPlan, tasks: number): number[] {
  const ids: number[] = [];
  for (let index = 0; index < tasks; index++) {
    const shard = selectShard(plan.entries, { index, count: tasks });
    if (shard.some((entry) => entry.state !== 'done')) ids.push(index);
  }
  return ids;
}

/** How many of the plan's runs are still to do. */
export function countRuns(plan: SweepPlan): RunCounts {
  const toDo = plan.entries.filter((entry) => entry.state !== 'done');
  return { total: plan.allRuns, toDo: toDo.length };
}

function overridesOf(request: ArrayJobRequest) {
  return request.seeds === null
    ? { set: request.sets }
    : { set: request.sets, seeds: request.seeds };
}

/**
 * Every array task would stop on a results folder of another sweep, so
 * that is refused here, once, before anything is queued.
 */
async function requireSameResults(
  outDir: string,
  sweep: ResolvedSweep,
): Promise<void> {
  try {
    await requireSameSweep(outDir, sweep, resolvedSweepToYaml(sweep));
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    throw new UserError(
      error.message,
      'Choose another folder with --out, or move that one aside first.',
    );
  }
}

function scriptOptions(
  request: ArrayJobRequest,
  sweep: ResolvedSweep,
  sweepFile: string,
  outDir: string,
): ArrayJobOptions {
  return {
    sweepPath: sweepFile,
    outDir,
    tasks: request.tasks,
    only: null,
    cpusPerTask: request.cpusPerTask,
    partition: request.partition,
    time: request.time,
    jobName: jobNameFor(sweep.name),
    gansweep: request.gansweep,
    sets: request.sets,
    seeds: request.seeds,
  };
}

async function writeScripts(
  outDir: string,
  scripts: ArrayJobScripts,
): Promise<{ array: string; report: string }> {
  const folder = path.join(outDir, SLURM_FOLDER);
  await fs.mkdir(folder, { recursive: true });

  const files = {
    array: path.join(folder, SCRIPT_FILES.array),
    report: path.join(folder, SCRIPT_FILES.report),
  };
  await fs.writeFile(files.array, scripts.array, { mode: 0o755 });
  await fs.writeFile(files.report, scripts.report, { mode: 0o755 });
  return files;
}
