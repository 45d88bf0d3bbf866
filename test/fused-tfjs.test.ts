/**
 * The fused engine against the tfjs engine (the reference) from identical
 * weights and inputs.
 *
 * tfjs computes in float32 (unit roundoff 6e-8) and the fused engine in
 * float64, so they agree to float32 accuracy, not bit for bit. Gradients:
 * every component within 1e-3 of the fused gradient's Euclidean norm (plus
 * 1e-7 absolute, about float32 noise on the loss); the worst measured over
 * all 144 mode x activation pairs is 1.5e-5. Parameters after a few
 * optimiser steps: within 1e-3 of how far the fused steps moved them.
 *
 * A generated minibatch whose spread is tiny next to its mean (a relu
 * generator with most units dead can give std / |mean| = 2e-3) leaves
 * float32 only three or four digits of each deviation, and the moments'
 * gradients then differ by a few parts in 1000 with no bug on either side
 * (measured: 6e-3 relative for moments, G=relu, D=tanh, seed 1). So the
 * gradient checks feed noise from U[-4, 4) rather than the spec's U[0, 1)
 * (a sigmoid generator barely varies over [0, 1)), and each case uses the
 * first seed from 1 whose generated minibatch has std >= 0.05 |mean|: the
 * comparison then measures the engines, not float32.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  ACTIVATIONS,
  INPUT_MODES,
  defaultRunSpec,
  defaultOptimizer,
  type RunSpec,
} from '../src/config/spec.js';
import { createFusedEngine } from '../src/engines/fused/engine.js';
import { createTfjsEngine } from '../src/engines/tfjs/engine.js';
import { train } from '../src/train/loop.js';
import {
  features,
  fixtures,
  maxAbsDifference,
  referenceGenerate,
  norm,
  smallSpec,
} from './fused-reference.js';

const GRADIENT_RELATIVE = 1e-3;
const GRADIENT_ABSOLUTE = 1e-7;

function assertNear(
  got: Float64Array,
  want: Float64Array,
  scale: number,
  label: string,
): void {
  const error = maxAbsDifference(got, want);
  const allowed = GRADIENT_RELATIVE * scale + GRADIENT_ABSOLUTE;
  assert.ok(error <= allowed, `${label}: off by ${error} (allowed ${allowed})`);
}

/** Seeded weights, a real minibatch, and noise from U[-4, 4). */
function wideFixtures(spec: RunSpec) {
  const { initial, real, noise } = fixtures(spec);
  return { initial, real, noise: noise.map((u) => 8 * u - 4) };
}

/** The first seed from 1 whose generated minibatch float32 resolves well. */
function wellConditioned(spec: RunSpec): RunSpec {
  for (let seed = 1; seed <= 50; seed++) {
    const candidate = { ...spec, seed };
    const { initial, noise } = wideFixtures(candidate);
    const x = referenceGenerate(candidate, initial.generator, noise);
    const [mean, std] = features('moments', x);
    if (std > 0 && std >= 0.05 * Math.abs(mean)) return candidate;
  }
  throw new Error('no seed up to 50 gives a spread-out minibatch');
}

async function compareGradients(given: RunSpec, label: string): Promise<void> {
  const spec = wellConditioned(given);
  const { initial, real, noise } = wideFixtures(spec);
  const fused = await createFusedEngine(spec, initial);
  const tfjs = await createTfjsEngine(spec, initial);
  try {
    const f = fused.gradients(real, noise);
    const t = tfjs.gradients(real, noise);
    const dScale = norm(f.discriminator);
    const gScale = norm(f.generator);
    assertNear(t.discriminator, f.discriminator, dScale, `${label} D`);
    assertNear(t.generator, f.generator, gScale, `${label} G`);
  } finally {
    tfjs.dispose();
  }
}

test('gradients agree with tfjs for every mode and activation pair', async () => {
  for (const mode of INPUT_MODES) {
    for (const g of ACTIVATIONS) {
      for (const d of ACTIVATIONS) {
        await compareGradients(smallSpec(mode, g, d), `${mode} G=${g} D=${d}`);
      }
    }
  }
});

test('gradients agree with tfjs for every generator output activation', async () => {
  for (const output of ACTIVATIONS) {
    const spec = smallSpec('moments', 'tanh', 'sigmoid', 2);
    spec.generator.outputActivation = output;
    await compareGradients(spec, `G output=${output}`);
  }
});

test('gradients agree with tfjs on the article spec (fast path)', async () => {
  await compareGradients(defaultRunSpec(), 'article');
});

test('a few steps of each optimiser agree with tfjs, every mode', async () => {
  for (const kind of ['sgd', 'adam'] as const) {
    for (const mode of INPUT_MODES) {
      const spec = wellConditioned(smallSpec(mode, 'tanh', 'sigmoid'));
      spec.generator.optimizer = defaultOptimizer(kind);
      spec.discriminator.optimizer = defaultOptimizer(kind);
      const { initial, real, noise } = wideFixtures(spec);
      const fused = await createFusedEngine(spec, initial);
      const tfjs = await createTfjsEngine(spec, initial);
      const losses = new Float64Array(3);
      for (let step = 0; step < 3; step++) {
        for (const engine of [fused, tfjs]) {
          engine.discriminatorStep(real, noise, losses);
          engine.generatorStep(noise, losses);
        }
      }
      const f = fused.getParameters();
      const t = tfjs.getParameters();
      tfjs.dispose();
      for (const net of ['generator', 'discriminator'] as const) {
        const moved = norm(f[net].map((p, k) => p - initial[net][k]));
        assertNear(t[net], f[net], moved, `${kind} ${mode} ${net}`);
      }
    }
  }
});

test('the first 10 rounds of the article spec follow the same trajectory', async () => {
  const spec = defaultRunSpec();
  spec.training.rounds = 10;
  spec.training.logEvery = 1;
  spec.training.finalSamples = 1000;
  const fused = await train({ ...spec, engine: 'fused' });
  const tfjs = await train({ ...spec, engine: 'tfjs' });

  assert.equal(fused.trajectory.length, 10);
  assert.equal(tfjs.trajectory.length, 10);
  for (let r = 0; r < 10; r++) {
    const f = fused.trajectory[r];
    const t = tfjs.trajectory[r];
    for (const key of [
      'generatedMean',
      'generatedStd',
      'discriminatorRealLoss',
      'discriminatorFakeLoss',
      'generatorLoss',
    ] as const) {
      const error = Math.abs(f[key] - t[key]);
      assert.ok(
        error <= TRAJECTORY_TOLERANCE * Math.max(1, Math.abs(f[key])),
        `round ${r + 1} ${key}: fused ${f[key]}, tfjs ${t[key]}`,
      );
    }
  }
  assert.ok(maxAbsDifference(fused.finalSample, tfjs.finalSample) <= 1e-3);
});

/**
 * Per round and quantity, relative to max(1, |fused value|). Measured: at
 * most 2.1e-7 over the 10 rounds, 2.7e-7 on the final sample.
 */
const TRAJECTORY_TOLERANCE = 1e-5;
