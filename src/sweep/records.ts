/**
 * Building run records from what a run produced: the finished record in
 * the worker, the failed record in the main thread after the last attempt.
 */
import os from 'node:os';

import type { analyseRun } from '../analysis/index.js';
import type { PlannedRun } from '../config/plan.js';
import { RECORD_SCHEMA_VERSION, type RunRecord } from '../store/record.js';
import type { TrainResult } from '../train/loop.js';
import { VERSION } from '../version.js';
import type { FailureKind } from './messages.js';

/** The parts of a record that say how, when and where the run ended. */
function closing(
  attempts: number,
  elapsedMs: number,
  finishedAt: Date,
): Pick<
  RunRecord,
  'attempts' | 'gansweepVersion' | 'elapsedMs' | 'finishedAt' | 'host'
> {
  return {
    attempts,
    gansweepVersion: VERSION,
    elapsedMs,
    finishedAt: finishedAt.toISOString(),
    host: { cores: os.availableParallelism(), platform: process.platform },
  };
}

/** The parts of a record that come from the plan, not from training. */
function planned(
  run: PlannedRun,
): Pick<
  RunRecord,
  'schemaVersion' | 'runId' | 'group' | 'seed' | 'params' | 'spec'
> {
  return {
    schemaVersion: RECORD_SCHEMA_VERSION,
    runId: run.runId,
    group: run.group,
    seed: run.seed,
    params: run.params,
    spec: run.spec,
  };
}

/** The record of a run that trained to its end (or to an early stop). */
export function finishedRecord(
  run: PlannedRun,
  result: TrainResult,
  analysis: ReturnType<typeof analyseRun>,
  attempts: number,
  elapsedMs: number,
  finishedAt: Date,
): RunRecord {
  return {
    ...planned(run),
    engine: result.engine,
    backend: result.backend,
    rng: result.rng,
    outcome: analysis.outcome,
    verdict: analysis.verdict,
    statistics: analysis.statistics,
    histogram: analysis.histogram,
    sample: analysis.sample,
    trajectory: result.trajectory,
    roundsCompleted: result.roundsCompleted,
    stopped: result.stopped,
    error: null,
    ...closing(attempts, elapsedMs, finishedAt),
  };
}

/** The record of a run whose every attempt threw, died or timed out. */
export function failedRecord(
  run: PlannedRun,
  error: { message: string; kind: FailureKind },
  attempts: number,
  elapsedMs: number,
  finishedAt: Date,
): RunRecord {
  return {
    ...planned(run),
    engine: run.spec.engine,
    // The backend and generator are only known once an engine started.
    backend: 'unknown',
    rng: 'unknown',
    outcome: 'failed',
    verdict: null,
    statistics: null,
    histogram: null,
    sample: [],
    trajectory: [],
    roundsCompleted: 0,
    stopped: null,
    error,
    ...closing(attempts, elapsedMs, finishedAt),
  };
}
