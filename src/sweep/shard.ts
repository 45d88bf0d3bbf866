/**
 * Shards: a deterministic 1/N of a sweep's runs, so that N cluster tasks
 * (a Slurm job array, a Kubernetes Indexed Job) can share one sweep.
 *
 * `I/N` is 0-based, I in 0..N-1, to match `SLURM_ARRAY_TASK_ID` under
 * `--array=0-(N-1)` and `JOB_COMPLETION_INDEX` of an Indexed Job. Shard I
 * takes the runs at positions p of the expanded run list with p % N == I:
 * round-robin rather than contiguous blocks, so that each shard gets a
 * similar mix of groups (and so of run times) and every seed of a group
 * does not wait on one task.
 */
import { UserError } from '../errors.js';

export interface Shard {
  /** 0-based index of this shard. */
  index: number;
  /** Number of shards, at least 1. */
  count: number;
}

/** Parses `I/N` (0 <= I < N); UserError naming the rule otherwise. */
export function parseShard(text: string): Shard {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const hint =
    'Write --shard I/N with 0 <= I < N, e.g. --shard 0/4 for the first of four (SLURM_ARRAY_TASK_ID under --array=0-3).';
  if (!match) {
    throw new UserError(`--shard: expected I/N, got "${text}"`, hint);
  }

  const index = Number(match[1]);
  const count = Number(match[2]);
  if (count < 1 || index >= count) {
    throw new UserError(
      `--shard: ${index}/${count} is out of range: shards are numbered 0 to N-1`,
      hint,
    );
  }

  return { index, count };
}

/** The items of shard `shard`: positions p with p % count == index. */
export function selectShard<T>(items: readonly T[], shard: Shard | null): T[] {
  if (shard === null) return [...items];
  return items.filter((_, position) => position % shard.count === shard.index);
}

/** `I/N`, as the user writes it. */
export function formatShard(shard: Shard): string {
  return `${shard.index}/${shard.count}`;
}
