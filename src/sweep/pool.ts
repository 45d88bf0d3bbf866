/**
 * The worker pool: Piscina threads running `worker.ts`, one run per task.
 * Each task gets its own progress channel and may be aborted, which stops
 * its worker thread (Piscina terminates a worker whose task is aborted
 * while running, and starts a fresh one in its place).
 */
import { fileURLToPath } from 'node:url';
import { MessageChannel } from 'node:worker_threads';

import { Piscina } from 'piscina';

import type { OutcomeThresholds } from '../analysis/types.js';
import type { PlannedRun } from '../config/plan.js';
import type {
  FailureKind,
  ProgressMessage,
  RunTask,
  WorkerReply,
} from './messages.js';

/** The compiled worker entry beside this file. */
export const DEFAULT_WORKER_FILE = new URL('./worker.js', import.meta.url);

export interface PoolOptions {
  /** Worker threads; each runs one run at a time. */
  workers: number;
  /** A worker entry to use instead of `worker.js` (tests substitute one). */
  workerFile?: URL;
}

export interface AttemptOptions {
  thresholds: OutcomeThresholds;
  attempt: number;
  progressEvery: number;
  /** Aborting stops the run and its worker thread. */
  signal: AbortSignal;
  onProgress: (message: ProgressMessage) => void;
}

/** How one attempt at a run ended. */
export type AttemptResult =
  | { kind: 'record'; reply: Extract<WorkerReply, { kind: 'record' }> }
  | { kind: 'failure'; failure: FailureKind; message: string };

export class RunPool {
  readonly workers: number;
  private readonly piscina: Piscina<RunTask, WorkerReply>;

  /** Throws a RangeError when `workers` is not a positive integer. */
  constructor(options: PoolOptions) {
    if (!Number.isInteger(options.workers) || options.workers < 1) {
      throw new RangeError(
        `workers must be a positive integer, got ${options.workers}`,
      );
    }

    this.workers = options.workers;
    this.piscina = new Piscina({
      filename: fileURLToPath(options.workerFile ?? DEFAULT_WORKER_FILE),
      minThreads: options.workers,
      maxThreads: options.workers,
      // The loop is synchronous, so one task per thread keeps them honest.
      concurrentTasksPerWorker: 1,
      // A worker waiting with Atomics.wait cannot run timers; none here do.
      atomics: 'disabled',
      idleTimeout: 60_000,
    });
  }

  /**
   * Runs one attempt at `run`. Never rejects: a thrown error, a dead worker
   * and an abort (the caller's timeout) all come back as failures.
   */
  async attempt(
    run: PlannedRun,
    options: AttemptOptions,
  ): Promise<AttemptResult> {
    const channel = new MessageChannel();
    let settled = false;
    channel.port1.on('message', (message: ProgressMessage) => {
      // Progress may trail the reply, which travels on another channel.
      if (!settled) options.onProgress(message);
    });

    const task: RunTask = {
      run,
      thresholds: options.thresholds,
      attempt: options.attempt,
      progressPort: channel.port2,
      progressEvery: options.progressEvery,
    };

    try {
      const reply = await this.piscina.run(task, {
        transferList: [channel.port2],
        signal: options.signal,
      });
      return fromReply(reply);
    } catch (error) {
      return fromRejection(error, options.signal);
    } finally {
      settled = true;
      channel.port1.close();
    }
  }

  /** Stops every worker thread; running tasks are abandoned. */
  async close(): Promise<void> {
    await this.piscina.destroy();
  }
}

function fromReply(reply: WorkerReply): AttemptResult {
  switch (reply.kind) {
    case 'record':
      return { kind: 'record', reply };
    case 'error':
      return { kind: 'failure', failure: 'error', message: reply.message };
  }
}

/*
 * The worker answers thrown errors itself, so a rejection is either our
 * own abort (the timeout) or the worker thread dying under the task.
 */
function fromRejection(error: unknown, signal: AbortSignal): AttemptResult {
  if (signal.aborted) {
    const reason = signal.reason;
    const message = reason instanceof Error ? reason.message : String(reason);
    return { kind: 'failure', failure: 'timeout', message };
  }

  const message = error instanceof Error ? error.message : String(error);
  return { kind: 'failure', failure: 'worker-exit', message };
}
