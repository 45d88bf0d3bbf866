/**
 * The run record: one JSON file per finished run in `runs/<run id>.json`.
 */
import type { RunSpec } from '../config/spec.js';
import type {
  FinalStatistics,
  Histogram,
  Outcome,
  Verdict,
} from '../analysis/types.js';
import type { EarlyStop, TrajectoryPoint } from '../train/loop.js';

export const RECORD_SCHEMA_VERSION = 1;

/** Fields that describe when and where a run ran, not what it computed. */
export const TIMING_FIELDS = ['elapsedMs', 'finishedAt', 'host'] as const;

export interface RunRecord {
  schemaVersion: typeof RECORD_SCHEMA_VERSION;
  runId: string;
  /** Label of the run's group (grid point or variant), e.g. `lr=0.001`. */
  group: string;
  seed: number;
  /** The grid keys and variant name that vary across the sweep. */
  params: Record<string, unknown>;
  spec: RunSpec;
  engine: string;
  backend: string;
  rng: string;
  outcome: Outcome;
  /** Null only for `failed` runs. */
  verdict: Verdict | null;
  statistics: FinalStatistics | null;
  histogram: Histogram | null;
  /** Every k-th value of the final sample, for the report. */
  sample: number[];
  trajectory: TrajectoryPoint[];
  roundsCompleted: number;
  stopped: EarlyStop | null;
  /** Set for `failed` runs: what went wrong on the last attempt. */
  error: { message: string; kind: 'error' | 'timeout' | 'worker-exit' } | null;
  attempts: number;
  gansweepVersion: string;
  elapsedMs: number;
  finishedAt: string;
  host: { cores: number; platform: string };
}
