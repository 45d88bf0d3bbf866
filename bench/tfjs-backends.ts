/**
 * Milliseconds per round of the article's spec on the tfjs engine, on the
 * backend GANSWEEP_TFJS_BACKEND names (or the automatic choice).
 *
 *   npm run build
 *   GANSWEEP_TFJS_BACKEND=cpu node dist/bench/tfjs-backends.js 3 10
 *   GANSWEEP_TFJS_BACKEND=wasm node dist/bench/tfjs-backends.js 3 10
 *
 * Arguments: warm-up rounds (default 3), timed rounds (default 10). Prints
 * one JSON line. Run one backend per process so that neither warms the other.
 */
import { defaultRunSpec } from '../src/config/spec.js';
import { createTfjsEngine } from '../src/engines/tfjs/engine.js';
import { initialParameters } from '../src/engines/parameters.js';
import type { Engine } from '../src/engines/engine.js';
import { createStream } from '../src/workloads/random.js';
import { sampleNoise, sampleTarget } from '../src/workloads/target.js';
import type { RunSpec } from '../src/config/spec.js';

const warmup = Number(process.argv[2] ?? 3);
const timed = Number(process.argv[3] ?? 10);

const spec: RunSpec = { ...defaultRunSpec(), engine: 'tfjs' };
const initial = initialParameters(spec, createStream(spec.seed, 'weights'));
const engine = await createTfjsEngine(spec, initial);
const round = roundRunner(spec, engine);

for (let r = 0; r < warmup; r++) round();
const started = performance.now();
const cpuStarted = process.cpuUsage();
for (let r = 0; r < timed; r++) round();
const cpu = process.cpuUsage(cpuStarted);
const msPerRound = (performance.now() - started) / timed;
engine.dispose();

// CPU time as well as wall time: on a shared machine the wall clock also
// counts the time other processes held the cores.
const cpuMsPerRound = (cpu.user + cpu.system) / 1000 / timed;
const result = { backend: engine.backend, warmup, timed };
process.stdout.write(
  JSON.stringify({ ...result, msPerRound, cpuMsPerRound }) + '\n',
);

/** One round of the round loop: discriminator steps, then generator steps. */
function roundRunner(spec: RunSpec, engine: Engine): () => void {
  const { training, workload } = spec;
  const realStream = createStream(spec.seed, 'real');
  const noiseStream = createStream(spec.seed, 'noise');
  const real = new Float64Array(training.minibatch);
  const noise = new Float64Array(training.minibatch);
  const losses = new Float64Array(3);

  return () => {
    for (let s = 0; s < training.discriminatorSteps; s++) {
      sampleTarget(workload.target, realStream, real);
      sampleNoise(workload.noise, noiseStream, noise);
      engine.discriminatorStep(real, noise, losses);
    }
    for (let s = 0; s < training.generatorSteps; s++) {
      sampleNoise(workload.noise, noiseStream, noise);
      engine.generatorStep(noise, losses);
    }
  };
}
