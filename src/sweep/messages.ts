/**
 * What the main thread and a worker say to each other. A task carries one
 * planned run and a MessagePort for progress; the worker answers with the
 * run's record, or with the error that stopped it (a thrown error is an
 * answer, so that a Piscina rejection always means the worker itself died).
 */
import type { MessagePort } from 'node:worker_threads';

import type { OutcomeThresholds } from '../analysis/types.js';
import type { PlannedRun } from '../config/plan.js';
import type { RunRecord } from '../store/record.js';

export interface RunTask {
  run: PlannedRun;
  thresholds: OutcomeThresholds;
  /** 1 for the first try, 2 for the first retry, and so on. */
  attempt: number;
  /** Round progress goes out on this port (transferred, not cloned). */
  progressPort: MessagePort;
  /** Trajectory rounds between two progress messages. */
  progressEvery: number;
}

/** Sent on `progressPort` while a run trains. */
export type ProgressMessage =
  | { kind: 'started'; rounds: number }
  | { kind: 'round'; round: number; rounds: number };

/** The worker's answer to a task. */
export type WorkerReply =
  | { kind: 'record'; record: RunRecord }
  | { kind: 'error'; message: string; stack: string | null };

/** Why an attempt at a run failed. */
export type FailureKind = 'error' | 'timeout' | 'worker-exit';
