/**
 * Grid x variants x seeds expansion, group labels and params, and run ids.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import {
  defaultRunSpec,
  expandSweep,
  parseSweep,
  resolveRunSpec,
  runIdOf,
} from '../src/config/index.js';
import type { RunSpec } from '../src/config/index.js';

const GRID_SWEEP = `
name: grid
seeds: [3, 1]
grid:
  discriminator.optimizer.learningRate: [0.001, 0.0003]
  training.discriminatorSteps: [1, 5, 20]
`;

describe('expandSweep: grid x seeds', () => {
  const sweep = parseSweep(GRID_SWEEP, 'grid.yaml');
  const runs = expandSweep(sweep);

  it('makes the full product: 2 rates x 3 step counts x 2 seeds = 12 runs', () => {
    assert.equal(runs.length, 12);
    assert.equal(new Set(runs.map((r) => r.runId)).size, 12);
  });

  it('nests seeds innermost and the first grid key slowest', () => {
    const order = runs.map((r) => [
      r.spec.discriminator.optimizer.learningRate,
      r.spec.training.discriminatorSteps,
      r.seed,
    ]);
    assert.deepEqual(order.slice(0, 6), [
      [0.001, 1, 3],
      [0.001, 1, 1],
      [0.001, 5, 3],
      [0.001, 5, 1],
      [0.001, 20, 3],
      [0.001, 20, 1],
    ]);
    assert.deepEqual(order[6], [0.0003, 1, 3]);
  });

  it('records only the keys that vary as params, and labels groups by them', () => {
    assert.deepEqual(runs[0].params, {
      'discriminator.optimizer.learningRate': 0.001,
      'training.discriminatorSteps': 1,
    });
    assert.equal(
      runs[0].group,
      'optimizer.learningRate=0.001, training.discriminatorSteps=1',
    );
    assert.equal(new Set(runs.map((r) => r.group)).size, 6);
  });

  it('gives each run the base spec with its grid point and seed', () => {
    const expected = defaultRunSpec();
    expected.discriminator.optimizer.learningRate = 0.0003;
    expected.training.discriminatorSteps = 20;
    expected.seed = 1;
    const last = runs[runs.length - 1];
    assert.deepEqual(last.spec, expected);
    assert.equal(last.runId, runIdOf(expected));
  });
});

describe('expandSweep: variants', () => {
  const text = `
name: variants
seeds: 2
variants:
  - name: raw
    spec: { discriminator.input: raw }
  - name: adam
    spec:
      discriminator:
        optimizer: { kind: adam, learningRate: 0.0002 }
grid:
  training.rounds: [100, 200]
`;
  const runs = expandSweep(parseSweep(text, 'variants.yaml'));

  it('crosses variants with the grid: 2 variants x 2 points x 2 seeds = 8', () => {
    assert.equal(runs.length, 8);
    assert.deepEqual(
      [...new Set(runs.map((r) => r.group))],
      [
        'raw, training.rounds=100',
        'raw, training.rounds=200',
        'adam, training.rounds=100',
        'adam, training.rounds=200',
      ],
    );
    assert.deepEqual(runs[0].params, {
      variant: 'raw',
      'training.rounds': 100,
    });
  });

  it('resets an optimizer to the new kind defaults when kind changes', () => {
    const adam = runs.find((r) => r.params.variant === 'adam');
    assert.deepEqual(adam?.spec.discriminator.optimizer, {
      kind: 'adam',
      learningRate: 0.0002,
      beta1: 0.9,
      beta2: 0.999,
      epsilon: 1e-8,
    });
    // The variant touches only what it names.
    assert.equal(adam?.spec.discriminator.input, 'moments');
  });

  it('labels a sweep with nothing varying `all`, with empty params', () => {
    const plain = expandSweep(parseSweep('name: one\nseeds: 1..3', 'x'));
    assert.deepEqual(
      plain.map((r) => [r.group, r.seed]),
      [
        ['all', 1],
        ['all', 2],
        ['all', 3],
      ],
    );
    assert.deepEqual(plain[0].params, {});
  });
});

describe('runIdOf', () => {
  it('is 16 hex characters', () => {
    assert.match(runIdOf(defaultRunSpec()), /^[0-9a-f]{16}$/);
  });

  it('does not depend on key order', () => {
    const spec = defaultRunSpec();
    const reordered = reverseKeys(spec) as RunSpec;
    assert.notEqual(JSON.stringify(reordered), JSON.stringify(spec));
    assert.equal(runIdOf(reordered), runIdOf(spec));
  });

  it('does not depend on whether defaults were written out', () => {
    const omitted = resolveRunSpec({ training: { rounds: 300 } });
    const written = resolveRunSpec({
      ...defaultRunSpec(),
      training: { ...defaultRunSpec().training, rounds: 300 },
    });
    assert.equal(runIdOf(omitted), runIdOf(written));

    const fromSweep = expandSweep(
      parseSweep('name: s\nseeds: [1]\nspec: { training.rounds: 300 }', 's'),
    )[0];
    assert.equal(fromSweep.runId, runIdOf(omitted));
  });

  it('changes when any result-affecting key changes', () => {
    const base = runIdOf(defaultRunSpec());
    const changes: [string, (s: RunSpec) => void][] = [
      ['seed', (s) => (s.seed = 2)],
      ['engine', (s) => (s.engine = 'tfjs')],
      ['target mean', (s) => (s.workload.target.mean = 4.5)],
      ['noise high', (s) => (s.workload.noise.high = 2)],
      ['generator hidden', (s) => (s.generator.hidden = [5, 6])],
      ['generator activation', (s) => (s.generator.activation = 'relu')],
      ['discriminator input', (s) => (s.discriminator.input = 'raw')],
      [
        'd momentum',
        (s) =>
          (s.discriminator.optimizer = {
            kind: 'sgd',
            learningRate: 1e-3,
            momentum: 0.5,
          }),
      ],
      ['minibatch', (s) => (s.training.minibatch = 499)],
      ['d steps', (s) => (s.training.discriminatorSteps = 19)],
      ['g steps', (s) => (s.training.generatorSteps = 19)],
      ['rounds', (s) => (s.training.rounds = 4999)],
      ['logEvery', (s) => (s.training.logEvery = 25)],
      ['finalSamples', (s) => (s.training.finalSamples = 5000)],
    ];
    const ids = new Set([base]);
    for (const [name, change] of changes) {
      const spec = defaultRunSpec();
      change(spec);
      const id = runIdOf(spec);
      assert.notEqual(id, base, name);
      ids.add(id);
    }
    assert.equal(ids.size, changes.length + 1);
  });
});

function reverseKeys(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return value;
  }
  const entries = Object.entries(value).reverse();
  return Object.fromEntries(entries.map(([k, v]) => [k, reverseKeys(v)]));
}
