/**
 * `gansweep status`: how far a sweep has got, from its results folder alone
 * (its `sweep.yaml` says which runs to expect, `runs/` which exist), so it
 * works from any machine that sees the folder, whichever shards ran.
 */
import path from 'node:path';

import type { Summary } from '../analysis/index.js';
import { OUTCOMES, type Outcome } from '../analysis/types.js';
import { expandSweep } from '../config/index.js';
import { readResults } from '../store/results.js';
import { summariseSweep } from './summary.js';
import type { ResultsProblem } from '../store/records.js';

export interface SweepStatus {
  dir: string;
  sweepName: string;
  /** Runs the sweep expands to. */
  expected: number;
  /** Of those, runs with a trusted record (failed ones included). */
  recorded: number;
  /** Recorded runs whose outcome is `failed`; `run` reruns them. */
  failed: number;
  /** Runs whose record is there but not trusted; `run` reruns them. */
  untrusted: number;
  /** Runs with no record yet. */
  missing: number;
  outcomes: Record<Outcome, number>;
  problems: ResultsProblem[];
  /** Records whose run id is not in the sweep (e.g. from another version). */
  unexpected: string[];
  /** Temporary files left by a killed writer (or one writing now). */
  strayFiles: string[];
  /** Built from the sweep's recorded runs. */
  summary: Summary;
}

/** Reads `dir` and counts; throws a UserError when it is not a results folder. */
export async function sweepStatus(dir: string): Promise<SweepStatus> {
  const results = await readResults(dir);
  const planned = new Set(expandSweep(results.sweep).map((run) => run.runId));

  const records = results.records.filter((r) => planned.has(r.runId));
  const unexpected = results.records
    .filter((record) => !planned.has(record.runId))
    .map((record) => record.runId);
  const untrusted = results.problems.filter((problem) =>
    planned.has(path.basename(problem.file, '.json')),
  ).length;

  const outcomes = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<
    Outcome,
    number
  >;
  for (const record of records) outcomes[record.outcome]++;

  return {
    dir,
    sweepName: results.sweep.name,
    expected: planned.size,
    recorded: records.length,
    failed: outcomes.failed,
    untrusted,
    missing: planned.size - records.length - untrusted,
    outcomes,
    problems: results.problems,
    unexpected,
    strayFiles: results.strayFiles,
    summary: summariseSweep(results.sweep, records),
  };
}
