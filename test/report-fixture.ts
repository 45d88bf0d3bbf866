/**
 * Synthetic run records and results folders for the report's tests, shaped
 * like the article's runs (reference-runs.md): healthy runs near N(4, 1.25),
 * a spike at -11, two bumps, a shifted run, a pile at the top edge, and a
 * crash. Every number comes from seeded streams; nothing is trained.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';

import {
  DEFAULT_THRESHOLDS,
  finalStatistics,
  histogramOf,
  subsample,
} from '../src/analysis/index.js';
import type { Outcome } from '../src/analysis/types.js';
import type { ResolvedSweep } from '../src/config/plan.js';
import { expandSweep, resolvedSweepToYaml } from '../src/config/index.js';
import { defaultRunSpec, type RunSpec } from '../src/config/spec.js';
import { prepareResultsFolder, writeRecord } from '../src/store/index.js';
import { RECORD_SCHEMA_VERSION, type RunRecord } from '../src/store/record.js';
import type { TrajectoryPoint } from '../src/train/loop.js';
import {
  createStream,
  RNG_ALGORITHM,
  type RandomStream,
} from '../src/workloads/random.js';

/** What a synthetic run's final distribution looks like. */
export type Shape =
  'good' | 'narrow' | 'spike' | 'two-bumps' | 'shifted' | 'pile' | 'crash';

const OUTCOME_OF: Record<Shape, Outcome> = {
  good: 'healthy',
  narrow: 'healthy',
  spike: 'collapsed',
  'two-bumps': 'misshapen',
  shifted: 'drifted',
  pile: 'misshapen',
  crash: 'failed',
};

/** Seeds 1 to 10 as in reference-runs.md, seed 7 a spike at -11: 6 healthy. */
export const ARTICLE_SHAPES: Shape[] = [
  'narrow',
  'good',
  'good',
  'good',
  'two-bumps',
  'good',
  'spike',
  'shifted',
  'good',
  'pile',
];

export interface RecordOptions {
  seed: number;
  shape: Shape;
  group?: string;
  params?: Record<string, unknown>;
  rounds?: number;
  logEvery?: number;
  finalSamples?: number;
  /** The planned run's spec; the article's by default. */
  spec?: RunSpec;
  /** The planned run's id; one made from group and seed by default. */
  runId?: string;
}

/** One synthetic record that passes the store's schema. */
export function syntheticRecord(options: RecordOptions): RunRecord {
  const { seed, shape } = options;
  const spec = specFor(options);
  const outcome = OUTCOME_OF[shape];
  // 'all' is the config's label for the one group of a sweep with no grid.
  const group = options.group ?? 'all';
  const base = baseRecord(spec, group, options.params ?? {}, outcome);
  if (options.runId) base.runId = options.runId;

  if (shape === 'crash') {
    return {
      ...base,
      error: {
        message: `worker exited with code 1 on seed ${seed}`,
        kind: 'worker-exit',
      },
      attempts: 2,
    };
  }

  const sample = finalSample(
    shape,
    createStream(seed, 'final'),
    spec.training.finalSamples,
  );
  const statistics = finalStatistics(sample, spec.workload.target);
  return {
    ...base,
    verdict: {
      outcome,
      rule: `fixture-${shape}`,
      reason: `synthetic ${shape} run: std ${statistics.std.toFixed(2)}, W1 ${statistics.wasserstein1.toFixed(2)}`,
      settled: seed !== 9,
      settleNote:
        seed === 9 ? 'mean moved 0.3 over the last 20% of rounds' : null,
    },
    statistics,
    histogram: histogramOf(sample),
    sample: subsample(sample, 500),
    trajectory: trajectory(shape, spec, createStream(seed, 'noise')),
    roundsCompleted: spec.training.rounds,
  };
}

function specFor(options: RecordOptions): RunSpec {
  const spec = structuredClone(options.spec ?? defaultRunSpec());
  spec.seed = options.seed;
  spec.training.rounds = options.rounds ?? 5000;
  spec.training.logEvery = options.logEvery ?? 50;
  spec.training.finalSamples = options.finalSamples ?? 10_000;
  return spec;
}

function baseRecord(
  spec: RunSpec,
  group: string,
  params: Record<string, unknown>,
  outcome: Outcome,
): RunRecord {
  const slug = group.replace(/[^a-z0-9]+/gi, '-');
  return {
    schemaVersion: RECORD_SCHEMA_VERSION,
    runId: `${slug}-seed-${spec.seed}`,
    group,
    seed: spec.seed,
    params,
    spec,
    engine: 'fused',
    backend: 'js',
    rng: RNG_ALGORITHM,
    outcome,
    verdict: null,
    statistics: null,
    histogram: null,
    sample: [],
    trajectory: [],
    roundsCompleted: 0,
    stopped: null,
    error: null,
    attempts: 1,
    gansweepVersion: '0.1.0',
    elapsedMs: 184_000 + 7_000 * (spec.seed % 11),
    finishedAt: new Date(
      Date.UTC(2025, 0, 15, 12, spec.seed % 60),
    ).toISOString(),
    host: { cores: 2, platform: 'linux' },
  };
}

/** Draws the final sample of a shape. */
function finalSample(shape: Shape, stream: RandomStream, n: number): number[] {
  const draw = (): number => {
    const z = stream.normal();
    switch (shape) {
      case 'good':
        // tanh saturation bounds the support near [1, 7], as in the article.
        return 4 + 3.2 * Math.tanh(0.42 * z);
      case 'narrow':
        return 4.13 + 0.99 * z;
      case 'spike':
        return -11 + 0.02 * z;
      case 'two-bumps':
        return stream.uniform() < 0.7 ? 5.6 + 0.6 * z : 10.9 + 0.4 * z;
      case 'shifted':
        return 5.9 + 1.29 * z;
      case 'pile':
        return stream.uniform() < 0.66
          ? 6.5 + 0.05 * z
          : -0.5 + 7 * stream.uniform();
      case 'crash':
        return Number.NaN;
    }
  };
  return Array.from({ length: n }, draw);
}

/**
 * A trajectory every `logEvery` rounds: the mean overshoots its end value
 * then settles, the std dips then rises, the losses hover near ln 2.
 */
function trajectory(
  shape: Shape,
  spec: RunSpec,
  stream: RandomStream,
): TrajectoryPoint[] {
  const { rounds, logEvery } = spec.training;
  const [endMean, endStd] = endMoments(shape);
  const points: TrajectoryPoint[] = [];

  for (let round = logEvery; round <= rounds; round += logEvery) {
    const t = round / rounds;
    const settle = Math.exp(-t * 8);
    const noise = (): number => 0.02 * stream.normal();
    points.push({
      round,
      generatedMean:
        endMean + (0.3 - endMean) * settle * Math.cos(t * 14) + noise(),
      generatedStd: Math.max(
        0.01,
        endStd * (1 - 0.8 * settle) + 0.6 * settle * t + noise(),
      ),
      discriminatorRealLoss: Math.LN2 + 0.15 * settle + noise(),
      discriminatorFakeLoss: Math.LN2 - 0.1 * settle + noise(),
      generatorLoss: Math.LN2 + 0.2 * settle + noise(),
    });
  }
  return points;
}

function endMoments(shape: Shape): [number, number] {
  switch (shape) {
    case 'good':
      return [4, 1.2];
    case 'narrow':
      return [4.13, 0.99];
    case 'spike':
      return [-11, 0.02];
    case 'two-bumps':
      return [6.6, 2.3];
    case 'shifted':
      return [5.9, 1.29];
    case 'pile':
      return [5.3, 2.1];
    case 'crash':
      return [4, 1.25];
  }
}

/** A resolved sweep with the given name, seeds and grid. */
export function syntheticSweep(
  name: string,
  seeds: number[],
  grid: Record<string, unknown[]> = {},
): ResolvedSweep {
  const base = defaultRunSpec();
  const { seed: _seed, ...rest } = base;
  void _seed;
  return {
    name,
    description: `Synthetic ${name} sweep for the report's tests.`,
    base: { ...rest, seed: 1 } as RunSpec,
    seeds,
    grid,
    variants: [],
    timeoutSeconds: null,
    retries: 0,
    baseline: null,
    outcomes: { ...DEFAULT_THRESHOLDS },
  };
}

/** The article's ten runs (seed 7 a spike at -11). */
export function articleRecords(
  options: Partial<RecordOptions> = {},
): RunRecord[] {
  return ARTICLE_SHAPES.map((shape, i) =>
    syntheticRecord({ ...options, seed: i + 1, shape }),
  );
}

const FAILURES: Shape[] = ['spike', 'two-bumps', 'shifted', 'pile', 'crash'];
const LR_KEY = 'generator.optimizer.learningRate';
const STEPS_KEY = 'training.generatorSteps';

/** A two-key grid sweep: learning rate x generator steps per round. */
export function gridSweep(
  name: string,
  learningRates: number[],
  steps: number[],
  seedsPerGroup: number,
): ResolvedSweep {
  const seeds = Array.from({ length: seedsPerGroup }, (_, i) => i + 1);
  return syntheticSweep(name, seeds, {
    [LR_KEY]: learningRates,
    [STEPS_KEY]: steps,
  });
}

/**
 * Records for every planned run of a `gridSweep`, with the plan's group
 * labels, parameters and run ids. Groups get less stable along both keys:
 * group (i, j) has max(1, seeds - 1 - 3i - floor(j / 2)) healthy runs, the
 * rest cycling through the failure shapes.
 */
export function gridRecords(
  sweep: ResolvedSweep,
  options: Partial<RecordOptions> = {},
): RunRecord[] {
  const learningRates = sweep.grid[LR_KEY] ?? [];
  const steps = sweep.grid[STEPS_KEY] ?? [];
  return expandSweep(sweep).map((run) => {
    const i = learningRates.indexOf(run.params[LR_KEY]);
    const j = steps.indexOf(run.params[STEPS_KEY]);
    const healthy = Math.max(
      1,
      sweep.seeds.length - 1 - 3 * i - Math.floor(j / 2),
    );
    const shape: Shape =
      run.seed <= healthy
        ? 'good'
        : FAILURES[(run.seed + i + j) % FAILURES.length]!;
    return syntheticRecord({
      ...options,
      seed: run.seed,
      shape,
      group: run.group,
      params: run.params,
      spec: run.spec,
      runId: run.runId,
    });
  });
}

/** Writes a results folder as the sweep runner would, through the store. */
export async function writeResultsFolder(
  dir: string,
  sweep: ResolvedSweep,
  records: RunRecord[],
): Promise<string> {
  await fs.mkdir(path.dirname(dir), { recursive: true });
  await prepareResultsFolder(dir, sweep, resolvedSweepToYaml(sweep));
  for (const record of records) await writeRecord(dir, record);
  return dir;
}
