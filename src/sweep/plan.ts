/**
 * What a sweep session will do in a results folder: the runs of its shard,
 * each marked as done (skipped), failed or untrusted earlier (run again),
 * or new. `run --dry-run` prints this; `runSweep` acts on it.
 */
import path from 'node:path';

import { expandSweep } from '../config/index.js';
import type { PlannedRun, ResolvedSweep } from '../config/plan.js';
import { readRecords, type ResultsProblem } from '../store/records.js';
import type { RunRecord } from '../store/record.js';
import { selectShard, type Shard } from './shard.js';

/**
 * - `done`: a trusted record with an outcome other than failed; skipped.
 * - `failed`: its record says failed; run again.
 * - `untrusted`: its record did not parse or broke the schema; run again.
 * - `new`: no record yet.
 */
export type RunState = 'done' | 'failed' | 'untrusted' | 'new';

export interface RunPlanEntry {
  run: PlannedRun;
  state: RunState;
  /** The stored record, for `done` and `failed` runs. */
  record: RunRecord | null;
  /** Why the stored record is not trusted, for `untrusted` runs. */
  problem: string | null;
}

export interface SweepPlan {
  /** Every run of the sweep, all shards. */
  allRuns: number;
  /** The runs of this shard, in expansion order. */
  entries: RunPlanEntry[];
  /** Untrusted files in `runs/`, this shard's and others'. */
  problems: ResultsProblem[];
}

/**
 * Plans `sweep` (or its `shard`) against the records already in `dir`,
 * which need not exist yet; null plans a fresh start.
 */
export async function planSweep(
  sweep: ResolvedSweep,
  dir: string | null,
  shard: Shard | null,
): Promise<SweepPlan> {
  const allRuns = expandSweep(sweep);
  const stored =
    dir === null
      ? { records: [], problems: [], strayFiles: [] }
      : await readRecords(dir);
  const byId = new Map(stored.records.map((record) => [record.runId, record]));
  const problemById = new Map(
    stored.problems.map((problem) => [runIdOf(problem.file), problem.message]),
  );

  const entries = selectShard(allRuns, shard).map((run): RunPlanEntry => {
    const record = byId.get(run.runId) ?? null;
    const problem = problemById.get(run.runId) ?? null;
    return { run, state: stateOf(record, problem), record, problem };
  });

  return { allRuns: allRuns.length, entries, problems: stored.problems };
}

function stateOf(record: RunRecord | null, problem: string | null): RunState {
  if (record !== null) return record.outcome === 'failed' ? 'failed' : 'done';
  return problem === null ? 'new' : 'untrusted';
}

function runIdOf(file: string): string {
  return path.basename(file, '.json');
}

/** The runs a session must (re)run: every state but `done`. */
export function runsToDo(plan: SweepPlan): PlannedRun[] {
  return plan.entries.filter((e) => e.state !== 'done').map((e) => e.run);
}

/** How many of the plan's runs are in `state`. */
export function countState(plan: SweepPlan, state: RunState): number {
  return plan.entries.filter((entry) => entry.state === state).length;
}

/**
 * `records` in the order their runs have in `sweep`'s expansion, records
 * of runs not in it last. The summary's default baseline is the first
 * group it sees, which must be the sweep's first group, not the one whose
 * run id happens to sort first.
 */
export function inPlanOrder(
  records: readonly RunRecord[],
  sweep: ResolvedSweep,
): RunRecord[] {
  const position = new Map(
    expandSweep(sweep).map((run, index) => [run.runId, index]),
  );
  const rank = (record: RunRecord) =>
    position.get(record.runId) ?? Number.MAX_SAFE_INTEGER;
  return [...records].sort((a, b) => rank(a) - rank(b));
}
