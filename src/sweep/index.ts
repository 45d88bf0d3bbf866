/**
 * Sweeps: planning against a results folder, the worker pool, scheduling
 * with timeouts and retries, shards, and the events they emit.
 */
export type { SweepEvent, SweepEventListener } from './events.js';
export type { FailureKind } from './messages.js';
export {
  planSweep,
  runsToDo,
  countState,
  inPlanOrder,
  type RunPlanEntry,
  type RunState,
  type SweepPlan,
} from './plan.js';
export { RunPool, DEFAULT_WORKER_FILE, type PoolOptions } from './pool.js';
export { runSweep, type SweepOptions, type SweepResult } from './run-sweep.js';
export { parseShard, selectShard, formatShard, type Shard } from './shard.js';
export { sweepStatus, type SweepStatus } from './status.js';
export { summariseSweep } from './summary.js';
