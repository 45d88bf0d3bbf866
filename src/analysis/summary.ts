/**
 * `summary.json`: every run of a sweep in one line each, and every group
 * with its healthy rate, its distances and its comparison with a baseline.
 */
import { quantileSorted } from 'simple-statistics';

import type { RunRecord } from '../store/record.js';
import {
  fisherExact,
  wilsonInterval,
  type RateInterval,
} from './proportions.js';
import { OUTCOMES, type FinalStatistics, type Outcome } from './types.js';

export const SUMMARY_SCHEMA_VERSION = 1;

export interface SummaryRun {
  runId: string;
  seed: number;
  group: string;
  params: Record<string, unknown>;
  outcome: Outcome;
  /** The deciding rule; `failed` for a run that crashed or timed out. */
  rule: string;
  /** The verdict's reason, or the error message of a failed run. */
  reason: string;
  /** Null for a failed run. */
  settled: boolean | null;
  statistics: FinalStatistics | null;
  elapsedMs: number;
}

/** Median and quartiles (type 7) of the groups' finite W1 values. */
export interface Spread {
  median: number;
  q25: number;
  q75: number;
  /** How many runs had a finite W1. */
  count: number;
}

export interface Comparison {
  /** The baseline group's label. */
  baseline: string;
  /** Fisher's exact test, two-sided, on healthy / not healthy counts. */
  pValue: number;
  /** This group's healthy rate minus the baseline's. */
  rateDifference: number;
}

export interface GroupSummary {
  group: string;
  params: Record<string, unknown>;
  runs: number;
  outcomes: Record<Outcome, number>;
  healthy: number;
  /** healthy / runs, failed runs included, with a Wilson 95% interval. */
  healthyRate: RateInterval;
  /** Null when no run of the group has a finite W1. */
  wasserstein1: Spread | null;
  /** Null for the baseline itself, or when there is no baseline. */
  comparison: Comparison | null;
  isBaseline: boolean;
}

export interface Summary {
  schemaVersion: typeof SUMMARY_SCHEMA_VERSION;
  sweepName: string;
  /** The baseline group actually used, or null when there is none. */
  baseline: string | null;
  runs: SummaryRun[];
  groups: GroupSummary[];
  /** Anything a reader should know, e.g. a named baseline with no runs yet. */
  notes: string[];
}

export interface SummaryOptions {
  /** Group label of the baseline; the first group when null. */
  baseline: string | null;
  sweepName: string;
  /**
   * Group labels in the sweep's order (the plan's). Groups not listed follow
   * in first-seen order; without it, first-seen order of `records`.
   */
  groupOrder?: string[];
}

/**
 * Builds `summary.json` from the run records.
 *
 * Failed runs (crashed or timed out) count in a group's run count, its
 * outcome counts and the healthy rate's denominator: a setting whose runs
 * crash is not a stable setting, and leaving them out would flatter it.
 *
 * A named baseline with no record yet (a sweep still running) gives no
 * comparisons and a note, rather than an error, so `status` works mid-sweep.
 */
export function summarise(
  records: RunRecord[],
  options: SummaryOptions,
): Summary {
  const byGroup = groupRecords(records, options.groupOrder ?? []);
  const notes: string[] = [];
  const baseline = chooseBaseline(byGroup, options.baseline, notes);
  const baselineRecords = baseline === null ? null : byGroup.get(baseline)!;

  const groups = [...byGroup.entries()].map(([label, members]) =>
    groupSummary(label, members, baseline, baselineRecords),
  );

  return {
    schemaVersion: SUMMARY_SCHEMA_VERSION,
    sweepName: options.sweepName,
    baseline,
    runs: records.map(summaryRun),
    groups,
    notes,
  };
}

function groupRecords(
  records: RunRecord[],
  order: string[],
): Map<string, RunRecord[]> {
  const groups = new Map<string, RunRecord[]>();
  for (const label of order) groups.set(label, []);
  for (const record of records) {
    const members = groups.get(record.group) ?? [];
    members.push(record);
    groups.set(record.group, members);
  }

  for (const [label, members] of groups) {
    if (members.length === 0) groups.delete(label);
  }

  return groups;
}

function chooseBaseline(
  groups: Map<string, RunRecord[]>,
  requested: string | null,
  notes: string[],
): string | null {
  if (requested === null) return groups.keys().next().value ?? null;
  if (groups.has(requested)) return requested;

  notes.push(
    `baseline group "${requested}" has no runs yet; no comparisons were made`,
  );
  return null;
}

function groupSummary(
  label: string,
  members: RunRecord[],
  baseline: string | null,
  baselineRecords: RunRecord[] | null,
): GroupSummary {
  const outcomes = countOutcomes(members);
  const isBaseline = label === baseline;
  const comparison =
    baseline === null || baselineRecords === null || isBaseline
      ? null
      : compare(members, baseline, baselineRecords);

  return {
    group: label,
    params: members[0].params,
    runs: members.length,
    outcomes,
    healthy: outcomes.healthy,
    healthyRate: wilsonInterval(outcomes.healthy, members.length),
    wasserstein1: spreadOf(members.map((r) => r.statistics?.wasserstein1)),
    comparison,
    isBaseline,
  };
}

function countOutcomes(records: RunRecord[]): Record<Outcome, number> {
  const counts = Object.fromEntries(OUTCOMES.map((o) => [o, 0]));
  for (const record of records) counts[record.outcome]++;
  return counts as Record<Outcome, number>;
}

function compare(
  members: RunRecord[],
  baseline: string,
  baselineRecords: RunRecord[],
): Comparison {
  const healthy = countOutcomes(members).healthy;
  const baseHealthy = countOutcomes(baselineRecords).healthy;
  const test = fisherExact(
    healthy,
    members.length - healthy,
    baseHealthy,
    baselineRecords.length - baseHealthy,
  );

  return {
    baseline,
    pValue: test.twoSided,
    rateDifference:
      healthy / members.length - baseHealthy / baselineRecords.length,
  };
}

/** Values read back from JSON may be null where NaN was written. */
function spreadOf(values: (number | null | undefined)[]): Spread | null {
  const finite = values.filter((v): v is number => Number.isFinite(v));
  if (finite.length === 0) return null;

  finite.sort((x, y) => x - y);
  return {
    median: quantileSorted(finite, 0.5),
    q25: quantileSorted(finite, 0.25),
    q75: quantileSorted(finite, 0.75),
    count: finite.length,
  };
}

function summaryRun(record: RunRecord): SummaryRun {
  const verdict = record.verdict;
  return {
    runId: record.runId,
    seed: record.seed,
    group: record.group,
    params: record.params,
    outcome: record.outcome,
    rule: verdict?.rule ?? record.outcome,
    reason: verdict?.reason ?? record.error?.message ?? '',
    settled: verdict?.settled ?? null,
    statistics: record.statistics,
    elapsedMs: record.elapsedMs,
  };
}
