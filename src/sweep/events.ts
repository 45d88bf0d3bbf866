/**
 * What a sweep reports while it runs. The pool and runner emit these and
 * never print; the CLI renders them as bars, plain lines or JSON.
 */
import type { Outcome } from '../analysis/types.js';
import type { FailureKind } from './messages.js';

export type SweepEvent =
  | {
      type: 'sweep-start';
      sweepName: string;
      dir: string;
      /** Runs in this shard of the sweep. */
      total: number;
      /** Of those, finished in an earlier session and skipped now. */
      skipped: number;
      /** Failed earlier and run again now. */
      rerunFailed: number;
      /** Had a record that could not be trusted, run again now. */
      rerunUntrusted: number;
      workers: number;
    }
  | {
      type: 'run-start';
      runId: string;
      group: string;
      seed: number;
      /** Which of the `workers` lines this run occupies, from 0. */
      slot: number;
      attempt: number;
      rounds: number;
    }
  | {
      type: 'run-progress';
      runId: string;
      slot: number;
      round: number;
      rounds: number;
    }
  | {
      type: 'run-retry';
      runId: string;
      slot: number;
      attempt: number;
      kind: FailureKind;
      message: string;
    }
  | {
      type: 'run-end';
      runId: string;
      group: string;
      seed: number;
      slot: number;
      outcome: Outcome;
      attempts: number;
      elapsedMs: number;
      error: { message: string; kind: FailureKind } | null;
    }
  | {
      type: 'sweep-end';
      /** Runs that ended (any outcome, failed included) in this session. */
      ran: number;
      failed: number;
      skipped: number;
      /** Runs never started because the sweep was cancelled. */
      notStarted: number;
      cancelled: boolean;
      elapsedMs: number;
      dir: string;
      /** The rendered report, or null when none was rendered. */
      reportPath: string | null;
    };

export type SweepEventListener = (event: SweepEvent) => void;
