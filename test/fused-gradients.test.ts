/**
 * The fused engine's gradients against central differences of a naive,
 * independent forward pass (test/fused-reference.ts), for every input mode
 * x generator activation x discriminator activation.
 *
 * Tolerance: float64 central differences with step h have a truncation
 * error of order h^2 |f'''| and a rounding error of order u |f| / h, where
 * u is the loss's own rounding noise: about 1e-16 in general, but 1e-13
 * when the generated minibatch is nearly constant and the moments divide
 * by a small std (measured: with h = 1e-6 one sigmoid generator differed
 * by 4.6e-8, with h = 1e-5 by 6e-9, with h = 1e-4 by 4e-10). With h = 1e-5
 * each component must agree within 1e-6 of the gradient's Euclidean norm
 * (plus 1e-9 absolute, for a gradient that is zero, e.g. dead relu units).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  ACTIVATIONS,
  INPUT_MODES,
  defaultRunSpec,
  type Activation,
  type RunSpec,
} from '../src/config/spec.js';
import {
  createFusedEngine,
  fastPathApplies,
} from '../src/engines/fused/engine.js';
import type { Parameters } from '../src/engines/parameters.js';
import {
  centralDifferences,
  fixtures,
  maxAbsDifference,
  norm,
  referenceLosses,
  smallSpec,
} from './fused-reference.js';

const RELATIVE = 1e-6;
const ABSOLUTE = 1e-9;
const STEP = 1e-5;

async function checkGradients(spec: RunSpec, label: string): Promise<void> {
  const { initial, real, noise } = fixtures(spec);
  const engine = await createFusedEngine(spec, initial);
  const got = engine.gradients(real, noise);

  const params: Parameters = {
    generator: initial.generator.slice(),
    discriminator: initial.discriminator.slice(),
  };
  const dLoss = (): number => {
    const l = referenceLosses(spec, params, real, noise);
    return l.real + l.fake;
  };
  const gLoss = (): number =>
    referenceLosses(spec, params, real, noise).generator;
  const dExpected = centralDifferences(params.discriminator, dLoss, STEP);
  const gExpected = centralDifferences(params.generator, gLoss, STEP);

  for (const [name, g, e] of [
    ['discriminator', got.discriminator, dExpected],
    ['generator', got.generator, gExpected],
  ] as const) {
    const error = maxAbsDifference(g, e);
    const allowed = RELATIVE * norm(e) + ABSOLUTE;
    assert.ok(
      error <= allowed,
      `${label}: ${name} gradient off by ${error} (allowed ${allowed})`,
    );
  }
  engine.dispose();
}

test('gradients match central differences for every mode and activation pair', async () => {
  for (const mode of INPUT_MODES) {
    for (const g of ACTIVATIONS) {
      for (const d of ACTIVATIONS) {
        await checkGradients(smallSpec(mode, g, d), `${mode} G=${g} D=${d}`);
      }
    }
  }
});

test('gradients match central differences for every generator output activation', async () => {
  for (const mode of INPUT_MODES) {
    for (const output of ACTIVATIONS) {
      const spec = smallSpec(mode, 'tanh', 'sigmoid', 2);
      spec.generator.outputActivation = output;
      await checkGradients(spec, `${mode} G output=${output}`);
    }
  }
});

test('the fast path (the article generator) matches central differences', async () => {
  for (const mode of INPUT_MODES) {
    const spec = defaultRunSpec();
    spec.training.minibatch = 16;
    spec.discriminator.input = mode;
    assert.ok(fastPathApplies(spec));
    await checkGradients(spec, `article generator, ${mode}`);
  }
});

test('deeper and wider shapes match central differences', async () => {
  const activations: Activation[] = ['elu', 'leaky-relu', 'sigmoid'];
  for (const activation of activations) {
    const spec = smallSpec('moments', activation, 'tanh', 3);
    spec.generator.hidden = [4, 3, 2];
    spec.discriminator.hidden = [6];
    await checkGradients(spec, `G [4, 3, 2] ${activation}, D [6]`);
  }
});
