/**
 * The article's spec on the fused engine for a range of seeds, one after
 * another in this process: each seed's final mean and standard deviation
 * (population, of the `finalSamples` generated values) and milliseconds per
 * round. For the note on issue 3; not part of `npm run bench` (about 20 s a
 * seed).
 *
 *   node dist/bench/seeds.js [first seed] [last seed] [rounds]
 *   node dist/bench/seeds.js 1 10 5000
 */
import { defaultRunSpec } from '../src/config/spec.js';
import { train } from '../src/train/loop.js';

const first = Number(process.argv[2] ?? 1);
const last = Number(process.argv[3] ?? 10);
const rounds = Number(process.argv[4] ?? 5000);
const out = (line: string) => process.stdout.write(`${line}\n`);

out('seed  mean    std     ms/round  stopped');
for (let seed = first; seed <= last; seed++) {
  const spec = { ...defaultRunSpec(), seed, engine: 'fused' as const };
  spec.training.rounds = rounds;
  const cpu = process.cpuUsage();
  const result = await train(spec);
  const used = process.cpuUsage(cpu);
  const { mean, std } = meanAndStd(result.finalSample);
  const cpuMs = (used.user + used.system) / 1000 / result.roundsCompleted;
  const stopped = result.stopped === null ? '-' : result.stopped.reason;
  out(
    [
      `${seed}`.padEnd(4),
      mean.toFixed(3).padStart(6),
      std.toFixed(3).padStart(6),
      `${cpuMs.toFixed(2)} cpu / ${(result.elapsedMs / rounds).toFixed(2)} wall`,
      stopped,
    ].join('  '),
  );
}

function meanAndStd(values: Float64Array): { mean: number; std: number } {
  let sum = 0;
  for (const v of values) sum += v;
  const mean = sum / values.length;
  let squares = 0;
  for (const v of values) squares += (v - mean) ** 2;
  return { mean, std: Math.sqrt(squares / values.length) };
}
