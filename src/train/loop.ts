/**
 * The round loop: engine-independent training of one run.
 *
 * Each round is `discriminatorSteps` discriminator steps, each on a fresh
 * real minibatch and fresh generator noise, then `generatorSteps` generator
 * steps, each on fresh noise. Real data and noise come from their own
 * seeded streams, so any engine fed by this loop sees the same numbers.
 */
import type { EngineName, RunSpec } from '../config/spec.js';
import {
  LOSS_FAKE,
  LOSS_GENERATOR,
  LOSS_REAL,
  type Engine,
  type EngineFactory,
} from '../engines/engine.js';
import { createEngine } from '../engines/index.js';
import { initialParameters } from '../engines/parameters.js';
import { createStream, RNG_ALGORITHM } from '../workloads/random.js';
import { sampleNoise, sampleTarget } from '../workloads/target.js';

/** The state of training after round `round` (1-based). */
export interface TrajectoryPoint {
  round: number;
  /** Mean of the last generator step's minibatch, after that step. */
  generatedMean: number;
  /** Its population standard deviation. */
  generatedStd: number;
  discriminatorRealLoss: number;
  discriminatorFakeLoss: number;
  generatorLoss: number;
}

/** Why a run stopped before its last round. */
export interface EarlyStop {
  round: number;
  reason: string;
}

export interface TrainResult {
  /** `spec.training.finalSamples` generated values, from the `final` stream. */
  finalSample: Float64Array;
  trajectory: TrajectoryPoint[];
  roundsCompleted: number;
  /** Set when a loss or parameter stopped being finite. */
  stopped: EarlyStop | null;
  engine: EngineName;
  backend: string;
  rng: string;
  elapsedMs: number;
}

export interface TrainOptions {
  /** Called after every `progressEvery` rounds and after the last. */
  onProgress?: (round: number, rounds: number) => void;
  progressEvery?: number;
  /** Builds the engine; the spec's own engine by default. */
  engineFactory?: EngineFactory;
  /** Wall clock in milliseconds, injected so tests can fix it. */
  now?: () => number;
}

/** Trains one run to its last round or to its first non-finite value. */
export async function train(
  spec: RunSpec,
  options: TrainOptions = {},
): Promise<TrainResult> {
  const now = options.now ?? (() => performance.now());
  const started = now();
  const factory = options.engineFactory ?? createEngine;
  const initial = initialParameters(spec, createStream(spec.seed, 'weights'));
  const engine = await factory(spec, initial);

  try {
    const outcome = runRounds(spec, engine, options);
    const finalSample = drawFinalSample(spec, engine);
    return {
      finalSample,
      ...outcome,
      engine: engine.name,
      backend: engine.backend,
      rng: RNG_ALGORITHM,
      elapsedMs: now() - started,
    };
  } finally {
    engine.dispose();
  }
}

interface RoundsOutcome {
  trajectory: TrajectoryPoint[];
  roundsCompleted: number;
  stopped: EarlyStop | null;
}

function runRounds(
  spec: RunSpec,
  engine: Engine,
  options: TrainOptions,
): RoundsOutcome {
  const { training, workload } = spec;
  const realStream = createStream(spec.seed, 'real');
  const noiseStream = createStream(spec.seed, 'noise');
  const real = new Float64Array(training.minibatch);
  const noise = new Float64Array(training.minibatch);
  const generated = new Float64Array(training.minibatch);
  const losses = new Float64Array(3);
  const trajectory: TrajectoryPoint[] = [];
  const progressEvery = options.progressEvery ?? 50;

  for (let round = 1; round <= training.rounds; round++) {
    for (let step = 0; step < training.discriminatorSteps; step++) {
      sampleTarget(workload.target, realStream, real);
      sampleNoise(workload.noise, noiseStream, noise);
      engine.discriminatorStep(real, noise, losses);
    }

    for (let step = 0; step < training.generatorSteps; step++) {
      sampleNoise(workload.noise, noiseStream, noise);
      engine.generatorStep(noise, losses);
    }

    const last = round === training.rounds;
    const problem = nonFinite(engine, losses);
    if (problem !== null || last || round % training.logEvery === 0) {
      engine.generate(noise, generated);
      trajectory.push(trajectoryPoint(round, generated, losses));
    }

    if (problem !== null) {
      options.onProgress?.(round, training.rounds);
      return {
        trajectory,
        roundsCompleted: round,
        stopped: { round, reason: problem },
      };
    }

    if (last || round % progressEvery === 0) {
      options.onProgress?.(round, training.rounds);
    }
  }

  return { trajectory, roundsCompleted: training.rounds, stopped: null };
}

/** Names of the entries of the `losses` array, by index. */
const LOSS_NAMES: readonly string[] = [
  'discriminator real loss',
  'discriminator fake loss',
  'generator loss',
];

/**
 * Names the first loss or parameter that is not finite, or null. Runs
 * every round, so it allocates nothing unless it finds something.
 */
function nonFinite(engine: Engine, losses: Float64Array): string | null {
  for (let i = 0; i < losses.length; i++) {
    if (!Number.isFinite(losses[i])) return `${LOSS_NAMES[i]} is ${losses[i]}`;
  }

  if (!engine.parametersFinite()) return 'a parameter is not finite';

  return null;
}

function trajectoryPoint(
  round: number,
  generated: Float64Array,
  losses: Float64Array,
): TrajectoryPoint {
  let sum = 0;
  for (let i = 0; i < generated.length; i++) sum += generated[i];
  const mean = sum / generated.length;

  let squares = 0;
  for (let i = 0; i < generated.length; i++) {
    squares += (generated[i] - mean) ** 2;
  }

  return {
    round,
    generatedMean: mean,
    generatedStd: Math.sqrt(squares / generated.length),
    discriminatorRealLoss: losses[LOSS_REAL],
    discriminatorFakeLoss: losses[LOSS_FAKE],
    generatorLoss: losses[LOSS_GENERATOR],
  };
}

function drawFinalSample(spec: RunSpec, engine: Engine): Float64Array {
  const noise = new Float64Array(spec.training.finalSamples);
  sampleNoise(spec.workload.noise, createStream(spec.seed, 'final'), noise);
  const sample = new Float64Array(noise.length);
  engine.generate(noise, sample);
  return sample;
}
