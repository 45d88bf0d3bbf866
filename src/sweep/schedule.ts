/**
 * Scheduling runs on the pool: as many lanes as workers, each taking the
 * next run when its last one ends, so that a run's timeout starts when the
 * run does and a cancelled sweep simply stops taking runs.
 */
import type { OutcomeThresholds } from '../analysis/types.js';
import type { PlannedRun } from '../config/plan.js';
import type { RunRecord } from '../store/record.js';
import type { SweepEventListener } from './events.js';
import type { RunPool } from './pool.js';
import { failedRecord } from './records.js';

export interface ScheduleOptions {
  pool: RunPool;
  thresholds: OutcomeThresholds;
  /** Wall-clock limit of one attempt, in seconds; null for none. */
  timeoutSeconds: number | null;
  /** Extra attempts after a failed one. */
  retries: number;
  /** Once aborted, no run starts and no retry is made. */
  signal?: AbortSignal;
  emit: SweepEventListener;
  /** Stores a record; called as soon as each run ends. */
  onRecord: (record: RunRecord) => Promise<void>;
  now?: () => Date;
}

export interface ScheduleResult {
  /** Runs that ended and were recorded, failed ones included. */
  ran: number;
  failed: number;
  /** Runs not started (or not retried) because the signal was aborted. */
  notStarted: number;
}

/** Progress messages per run at most: enough for smooth bars, few posts. */
const PROGRESS_STEPS = 100;

/**
 * Runs `runs` on the pool, each up to `retries + 1` times, and hands every
 * record (finished or failed) to `onRecord`. Never rejects for a run's
 * failure; rejects only when `onRecord` does.
 */
export async function scheduleRuns(
  runs: readonly PlannedRun[],
  options: ScheduleOptions,
): Promise<ScheduleResult> {
  const queue = [...runs];
  const result: ScheduleResult = { ran: 0, failed: 0, notStarted: 0 };
  // A record that cannot be stored stops every lane, and is thrown once
  // they have all stopped, so that no lane outlives the pool.
  const storeErrors: unknown[] = [];

  const lane = async (slot: number) => {
    while (
      queue.length > 0 &&
      !options.signal?.aborted &&
      storeErrors.length === 0
    ) {
      const run = queue.shift()!;
      const record = await runWithRetries(run, slot, options);
      if (record === null) {
        result.notStarted++;
        continue;
      }

      try {
        await options.onRecord(record);
      } catch (error) {
        storeErrors.push(error);
        result.notStarted++;
        return;
      }
      result.ran++;
      if (record.outcome === 'failed') result.failed++;
      emitEnd(record, slot, options.emit);
    }
  };

  const lanes = Math.min(options.pool.workers, runs.length);
  await Promise.all(Array.from({ length: lanes }, (_, slot) => lane(slot)));
  if (storeErrors.length > 0) throw storeErrors[0];

  result.notStarted += queue.length;
  return result;
}

/**
 * Attempts `run` until one attempt gives a record or the retries run out
 * (then a failed record). Null when the sweep was cancelled before a
 * retry: the run is left for the next session rather than marked failed.
 */
async function runWithRetries(
  run: PlannedRun,
  slot: number,
  options: ScheduleOptions,
): Promise<RunRecord | null> {
  const now = options.now ?? (() => new Date());
  const started = performance.now();
  const rounds = run.spec.training.rounds;

  for (let attempt = 1; ; attempt++) {
    options.emit({
      type: 'run-start',
      runId: run.runId,
      group: run.group,
      seed: run.seed,
      slot,
      attempt,
      rounds,
    });

    const result = await attemptWithTimeout(run, slot, attempt, options);
    if (result.kind === 'record') return result.reply.record;

    const error = { message: result.message, kind: result.failure };
    if (attempt > options.retries) {
      const elapsedMs = performance.now() - started;
      return failedRecord(run, error, attempt, elapsedMs, now());
    }
    if (options.signal?.aborted) return null;

    options.emit({
      type: 'run-retry',
      runId: run.runId,
      slot,
      attempt,
      ...error,
    });
  }
}

/*
 * Time for a fresh worker thread to load its modules before the run's own
 * clock starts: a loaded machine can take seconds to start a thread, and
 * that is no fault of the run.
 */
const STARTUP_ALLOWANCE_MS = 30_000;

/**
 * One attempt under the sweep's timeout. The clock starts when the worker
 * says the run started; until then the startup allowance applies too, so
 * that a worker that never starts is still stopped.
 */
async function attemptWithTimeout(
  run: PlannedRun,
  slot: number,
  attempt: number,
  options: ScheduleOptions,
) {
  const controller = new AbortController();
  const seconds = options.timeoutSeconds;
  let timer: NodeJS.Timeout | null = null;
  const arm = (ms: number) => {
    if (seconds === null) return;
    if (timer !== null) clearTimeout(timer);
    const reason = new Error(`passed its timeout of ${seconds} s`);
    timer = setTimeout(() => controller.abort(reason), ms);
  };
  arm((seconds ?? 0) * 1000 + STARTUP_ALLOWANCE_MS);

  const rounds = run.spec.training.rounds;
  const progressEvery = Math.max(1, Math.floor(rounds / PROGRESS_STEPS));

  try {
    return await options.pool.attempt(run, {
      thresholds: options.thresholds,
      attempt,
      progressEvery,
      signal: controller.signal,
      onProgress: (message) => {
        switch (message.kind) {
          case 'started':
            arm((seconds ?? 0) * 1000);
            return;
          case 'round':
            options.emit({
              type: 'run-progress',
              runId: run.runId,
              slot,
              round: message.round,
              rounds: message.rounds,
            });
            return;
        }
      },
    });
  } finally {
    if (timer !== null) clearTimeout(timer);
  }
}

function emitEnd(record: RunRecord, slot: number, emit: SweepEventListener) {
  emit({
    type: 'run-end',
    runId: record.runId,
    group: record.group,
    seed: record.seed,
    slot,
    outcome: record.outcome,
    attempts: record.attempts,
    elapsedMs: record.elapsedMs,
    error: record.error,
  });
}
