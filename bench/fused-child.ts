/**
 * A process that only trains the article's spec on the fused engine, for
 * the benchmark's memory check: prints one JSON line with its peak resident
 * memory (VmHWM) after `rounds` rounds through `train()`, final sample
 * included, as a sweep worker would run it.
 *
 *   node dist/bench/fused-child.js 1000
 */
import { defaultRunSpec } from '../src/config/spec.js';
import { train } from '../src/train/loop.js';
import { residentMemory } from './rounds.js';

const rounds = Number(process.argv[2] ?? 1000);
const spec = defaultRunSpec();
spec.training.rounds = rounds;
spec.engine = 'fused';

const result = await train(spec);
const memory = await residentMemory();
process.stdout.write(
  JSON.stringify({
    rounds: result.roundsCompleted,
    msPerRound: result.elapsedMs / rounds,
    peakMb: memory?.peakMb ?? null,
    currentMb: memory?.currentMb ?? null,
  }) + '\n',
);
