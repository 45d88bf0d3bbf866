/**
 * The one way a sweep's `summary.json` is built, whoever writes it (`run`
 * at the end of each session or shard, the cluster's finishing job), so
 * that the file does not depend on which wrote it last.
 */
import { summarise, type Summary } from '../analysis/index.js';
import type { ResolvedSweep } from '../config/plan.js';
import type { RunRecord } from '../store/record.js';
import { inPlanOrder } from './plan.js';

/**
 * The summary of `records` as runs of `sweep`. Records go in the order of
 * the sweep's expansion, so that the default baseline (the first group the
 * summary sees) is the sweep's first group, not the one whose run id
 * happens to sort first.
 */
export function summariseSweep(
  sweep: ResolvedSweep,
  records: readonly RunRecord[],
): Summary {
  return summarise(inPlanOrder(records, sweep), {
    baseline: sweep.baseline,
    sweepName: sweep.name,
  });
}
