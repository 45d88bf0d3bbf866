/**
 * The shipped configs, the resolved-sweep round trip, overrides, and the
 * generated reference in README.md.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';

import {
  defaultRunSpec,
  describeSweep,
  expandSweep,
  loadSweepFile,
  parseSweep,
  resolvedSweepToYaml,
  resolveRunSpec,
  runSpecFromSets,
  sweepFileReference,
} from '../src/config/index.js';
import {
  committedReference,
  normalizeTables,
} from '../src/config/reference.js';

// Tests run from dist/test/, the files live at the repository root.
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CONFIGS = `${ROOT}configs/`;
const DOCS = `${ROOT}README.md`;

describe('configs/', () => {
  const expectedRuns: Record<string, number> = {
    'article.yaml': 10,
    'quick.yaml': 6,
    'input-modes.yaml': 40,
    'lr-x-dsteps.yaml': 90,
  };

  it('holds the four documented sweeps', () => {
    const files = readdirSync(CONFIGS).filter((f) => f.endsWith('.yaml'));
    assert.deepEqual(files.sort(), Object.keys(expectedRuns).sort());
  });

  for (const [file, runs] of Object.entries(expectedRuns)) {
    it(`${file} validates, says what it asks, and has ${runs} runs`, () => {
      const path = `${CONFIGS}${file}`;
      assert.match(readFileSync(path, 'utf8'), /^# /);
      const sweep = loadSweepFile(path);
      assert.equal(expandSweep(sweep).length, runs);
      assert.equal(describeSweep(sweep).runs, runs);
    });
  }

  it('article.yaml is the default study over seeds 1..10', () => {
    const sweep = loadSweepFile(`${CONFIGS}article.yaml`);
    assert.deepEqual(sweep.seeds, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    assert.deepEqual(sweep.base, defaultRunSpec());
    assert.equal(sweep.base.training.rounds, 5000);
    assert.equal(sweep.base.engine, 'fused');
  });

  it('quick.yaml is short: 100 rounds on minibatches of 100', () => {
    for (const run of expandSweep(loadSweepFile(`${CONFIGS}quick.yaml`))) {
      assert.equal(run.spec.training.rounds, 100);
      assert.equal(run.spec.training.minibatch, 100);
    }
  });
});

const RICH = `
name: rich
description: every kind of key
spec:
  generator: { hidden: [8], optimizer: { kind: adam, beta1: 0.5 } }
  workload.target: { mean: -2, std: 0.5 }
seeds: [5, 2]
grid:
  training.rounds: [10, 20]
  discriminator.optimizer: [{ kind: sgd }, { kind: adam, learningRate: 0.01 }]
variants:
  - name: base
  - name: raw
    spec: { discriminator: { input: raw, hidden: [4] } }
timeout: 30.5
retries: 2
baseline: raw, training.rounds=10, discriminator.optimizer={kind:sgd}
outcomes: { collapsedStd: 0.3 }
`;

describe('resolvedSweepToYaml', () => {
  const sources: [string, string][] = [
    ['rich', RICH],
    ...readdirSync(CONFIGS).map((f): [string, string] => [
      f,
      readFileSync(`${CONFIGS}${f}`, 'utf8'),
    ]),
  ];

  for (const [name, text] of sources) {
    it(`round-trips ${name}: parse(yaml(sweep)) equals sweep`, () => {
      const sweep = parseSweep(text, name);
      const yaml = resolvedSweepToYaml(sweep);
      const again = parseSweep(yaml, `${name} (resolved)`);
      assert.deepEqual(again, sweep);
      assert.equal(resolvedSweepToYaml(again), yaml);
      assert.deepEqual(expandSweep(again), expandSweep(sweep));
    });
  }

  it('writes every default out', () => {
    const yaml = resolvedSweepToYaml(parseSweep('name: bare', 'bare'));
    for (const key of ['finalSamples: 10000', 'momentum: 0.9', 'std: 1.25']) {
      assert.ok(yaml.includes(key), key);
    }
    assert.ok(yaml.includes('seeds: [ 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 ]'), yaml);
  });

  it("keeps the rich sweep's settings", () => {
    const sweep = parseSweep(RICH, 'rich');
    assert.equal(sweep.timeoutSeconds, 30.5);
    assert.equal(sweep.retries, 2);
    assert.equal(sweep.outcomes.collapsedStd, 0.3);
    assert.deepEqual(sweep.base.generator.optimizer, {
      kind: 'adam',
      learningRate: 0.001,
      beta1: 0.5,
      beta2: 0.999,
      epsilon: 1e-8,
    });
    assert.deepEqual(sweep.variants[1], {
      name: 'raw',
      set: { 'discriminator.input': 'raw', 'discriminator.hidden': [4] },
    });
    const runs = expandSweep(sweep);
    assert.equal(runs.length, 2 * 2 * 2 * 2);
    const adamRun = runs.find(
      (r) => r.spec.discriminator.optimizer.kind === 'adam',
    );
    assert.equal(adamRun?.spec.discriminator.optimizer.learningRate, 0.01);
  });
});

describe('overrides', () => {
  const text = `
name: o
spec: { discriminator.optimizer: { kind: sgd, momentum: 0.5 } }
seeds: 1..3
variants:
  - { name: short, spec: { training.rounds: 10 } }
  - { name: plain }
`;

  it('--set spec keys change the base; variants still apply on top', () => {
    const sweep = parseSweep(text, 'o', {
      set: ['training.rounds=100', 'spec.training.minibatch=64'],
    });
    assert.equal(sweep.base.training.rounds, 100);
    assert.equal(sweep.base.training.minibatch, 64);
    const runs = expandSweep(sweep);
    assert.equal(runs[0].spec.training.rounds, 10);
    assert.equal(runs[3].spec.training.rounds, 100);
  });

  it('--set of an optimizer kind resets its fields to that kind', () => {
    const sweep = parseSweep(text, 'o', {
      set: ['discriminator.optimizer.kind=adam'],
    });
    assert.equal(sweep.base.discriminator.optimizer.kind, 'adam');
    assert.ok(!('momentum' in sweep.base.discriminator.optimizer));
  });

  it('--set reaches sweep keys and single grid keys; --seeds replaces seeds', () => {
    const sweep = parseSweep(text, 'o', {
      set: [
        'retries=2',
        'grid.discriminator.input=[raw, moments]',
        'timeout=1e3',
      ],
      seeds: '3,7',
    });
    assert.equal(sweep.retries, 2);
    assert.equal(sweep.timeoutSeconds, 1000);
    assert.deepEqual(sweep.grid, { 'discriminator.input': ['raw', 'moments'] });
    assert.deepEqual(sweep.seeds, [3, 7]);
    assert.equal(expandSweep(sweep).length, 2 * 2 * 2);
    assert.deepEqual(parseSweep(text, 'o', { seeds: '4' }).seeds, [1, 2, 3, 4]);
    assert.deepEqual(parseSweep(text, 'o', { seeds: '2..4' }).seeds, [2, 3, 4]);
  });
});

describe('single run specs', () => {
  it('runSpecFromSets reads values as YAML; later sets win', () => {
    const spec = runSpecFromSets([
      'seed=7',
      'engine=tfjs',
      'generator.hidden=[3, 3, 3]',
      'discriminator.optimizer.learningRate=1e-4',
      'training.rounds=10',
      'training.rounds=20',
    ]);
    const expected = defaultRunSpec();
    expected.seed = 7;
    expected.engine = 'tfjs';
    expected.generator.hidden = [3, 3, 3];
    expected.discriminator.optimizer.learningRate = 1e-4;
    expected.training.rounds = 20;
    assert.deepEqual(spec, expected);
    assert.deepEqual(runSpecFromSets([]), defaultRunSpec());
  });

  it('resolveRunSpec takes nested and dotted keys alike', () => {
    assert.deepEqual(
      resolveRunSpec({ 'training.rounds': 9, discriminator: { input: 'raw' } }),
      resolveRunSpec({ training: { rounds: 9 }, 'discriminator.input': 'raw' }),
    );
    assert.deepEqual(resolveRunSpec(undefined), defaultRunSpec());
  });
});

describe('README.md sweep file reference', () => {
  const docs = readFileSync(DOCS, 'utf8');

  it('holds the reference exactly as the schema generates it', () => {
    const committed = committedReference(docs);
    assert.notEqual(committed, null, 'reference markers missing');
    // Prettier pads the table cells; compare the cells, not the padding.
    assert.equal(
      normalizeTables(committed ?? ''),
      normalizeTables(sweepFileReference()),
      'README.md is stale; regenerate it with spliceReference() from src/config/reference.ts, then run prettier on it',
    );
  });

  it('would notice a changed rule', () => {
    const changed = sweepFileReference().replace(
      'integer >= 2',
      'integer >= 3',
    );
    assert.notEqual(normalizeTables(changed), normalizeTables(docs));
    assert.notEqual(
      normalizeTables(committedReference(docs) ?? ''),
      normalizeTables(changed),
    );
  });

  it('has an example that validates: 18 groups x 10 seeds', () => {
    const example = /```yaml\n([\s\S]*?)```/.exec(docs)?.[1] ?? '';
    const sweep = parseSweep(example, 'docs example');
    assert.equal(describeSweep(sweep).groups.length, 18);
    assert.equal(expandSweep(sweep).length, 180);
  });
});
