/**
 * What the sweep stage hands the scheduler: one planned run per grid point
 * (or variant) and seed, each with its resolved spec and stable id.
 */
import type { OutcomeThresholds } from '../analysis/types.js';
import type { RunSpec } from './spec.js';

export interface PlannedRun {
  /** Stable hash of the resolved spec: key order and defaults do not change it. */
  runId: string;
  /** Label of the group this run belongs to, e.g. `lr=0.001, steps=20`. */
  group: string;
  /** The grid keys (dotted paths) and variant name that vary in this sweep. */
  params: Record<string, unknown>;
  seed: number;
  spec: RunSpec;
}

/** A sweep file after validation, with every default filled. */
export interface ResolvedSweep {
  name: string;
  description: string;
  /** The base run spec (before grid and variants), seed excluded. */
  base: RunSpec;
  seeds: number[];
  /** Dotted run-spec path -> the values to try; expanded as a product. */
  grid: Record<string, unknown[]>;
  /** Named partial specs, each one group; empty when the sweep has none. */
  variants: { name: string; set: Record<string, unknown> }[];
  /** Per-run wall-clock limit in seconds, or null for none. */
  timeoutSeconds: number | null;
  retries: number;
  /** Group label of the comparison baseline; the first group when null. */
  baseline: string | null;
  /** Overrides of the classifier's default thresholds. */
  outcomes: OutcomeThresholds;
}
