/**
 * Bad sweep files and overrides are refused before anything runs, with the
 * place, the key path, the rule broken, the value found and a suggestion.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { ConfigError, EXIT_BAD_INPUT } from '../src/errors.js';
import {
  formatIssue,
  parseSweep,
  resolveRunSpec,
  runSpecFromSets,
  SweepFileError,
} from '../src/config/index.js';
import type { SweepOverrides } from '../src/config/index.js';

/** The printed problems of a sweep that must not parse. */
function problems(text: string, overrides: SweepOverrides = {}): string[] {
  try {
    parseSweep(text, 'bad.yaml', overrides);
  } catch (error) {
    assert.ok(error instanceof SweepFileError, String(error));
    assert.ok(error instanceof ConfigError);
    assert.equal(error.exitCode, EXIT_BAD_INPUT);
    return error.issues.map(formatIssue);
  }
  assert.fail('the sweep was accepted');
}

function only(text: string, overrides: SweepOverrides = {}): string {
  const found = problems(text, overrides);
  assert.equal(found.length, 1, found.join('\n'));
  return found[0];
}

describe('YAML syntax errors', () => {
  it('give the file, line and column', () => {
    const text = 'name: x\nspec:\n  training: { rounds: 5\nseeds: 3\n';
    assert.equal(
      only(text),
      'bad.yaml:4:1: YAML syntax: Flow map in block collection must be sufficiently indented and end with a }',
    );
    assert.match(
      only('name: x\n\tseeds: 3\n'),
      /^bad\.yaml:2:1: YAML syntax: /,
    );
  });

  it('refuse duplicate keys with their position', () => {
    const text = 'name: x\nseeds: 3\nseeds: 4\n';
    assert.match(only(text), /^bad\.yaml:3:1: YAML syntax: .*unique/);
  });

  it('refuse an empty file or a file that is not a mapping', () => {
    assert.match(only(''), /a sweep file is a mapping .*found an empty file/);
    assert.match(only('- 1\n- 2\n'), /found \[1,2\]/);
  });
});

describe('unknown keys', () => {
  it('suggest the nearest valid key, at the key position', () => {
    const text = 'name: x\nspec:\n  discrimnator:\n    input: raw\n';
    assert.equal(
      only(text),
      'bad.yaml:3:3: spec.discrimnator: unknown key `discrimnator`; did you mean `discriminator`?',
    );
  });

  it('work in nested and dotted keys alike', () => {
    const nested = 'name: x\nspec:\n  training:\n    roundz: 5\n';
    assert.equal(
      only(nested),
      'bad.yaml:4:5: spec.training.roundz: unknown key `roundz`; did you mean `rounds`?',
    );
    const dotted = 'name: x\nspec:\n  training.roundz: 5\n';
    assert.equal(
      only(dotted),
      'bad.yaml:3:3: spec.training.roundz: unknown key `roundz`; did you mean `rounds`?',
    );
  });

  it('point a key at its section when it belongs elsewhere', () => {
    const text = 'name: x\nspec:\n  rounds: 5\n';
    assert.match(
      only(text),
      /unknown key `rounds` here; did you mean `training.rounds`\?/,
    );
  });

  it('refuse unknown top-level keys with a suggestion', () => {
    assert.equal(
      only('name: x\nseed: 3\n'),
      'bad.yaml:2:1: seed: unknown key `seed`; did you mean `seeds`?',
    );
    assert.match(only('name: x\nretry: 1\n'), /did you mean `retries`\?/);
  });

  it('refuse a key of the other optimizer kind, naming the valid ones', () => {
    const text = [
      'name: x',
      'spec:',
      '  generator:',
      '    optimizer: { kind: adam, momentum: 0.5 }',
    ].join('\n');
    assert.equal(
      only(text),
      'bad.yaml:4:30: spec.generator.optimizer.momentum: not a key of an adam optimizer; its keys are kind, learningRate, beta1, beta2, epsilon',
    );
  });

  it('refuse `seed` inside a sweep spec: seeds are per run', () => {
    assert.match(only('name: x\nspec: { seed: 4 }\n'), /spec.seed: .*`seeds`/);
  });
});

describe('values that break a rule', () => {
  it('name the path, the rule and the value found (wrong type)', () => {
    const text = 'name: x\nspec:\n  training: { rounds: many }\n';
    assert.equal(
      only(text),
      'bad.yaml:3:23: spec.training.rounds: must be a number; found "many"',
    );
    assert.match(
      only('name: x\nspec: { training.rounds: 2.5 }\n'),
      /must be an integer; found 2.5/,
    );
    assert.match(
      only('name: x\nspec: { training: 5 }\n'),
      /spec.training: must be a mapping of keys to values; found 5/,
    );
  });

  it('list the allowed values of an enum', () => {
    const text = 'name: x\nspec: { discriminator.input: rawish }\n';
    assert.equal(
      only(text),
      'bad.yaml:2:30: spec.discriminator.input: must be one of moments, raw, data-and-variances, data-and-diffs; found "rawish"',
    );
    assert.match(
      only('name: x\nspec: { engine: gpu }\n'),
      /spec.engine: must be one of fused, tfjs; found "gpu"/,
    );
    assert.match(
      only('name: x\nspec: { generator.optimizer.kind: adamw }\n'),
      /spec.generator.optimizer.kind: must be one of sgd, adam; found "adamw"/,
    );
  });

  it('give the bound broken by an out-of-range value', () => {
    const cases: [string, RegExp][] = [
      ['training.rounds: 0', /training.rounds: must be at least 1; found 0/],
      ['training.minibatch: 1', /must be at least 2; found 1/],
      ['training.generatorSteps: -1', /must be at least 0; found -1/],
      [
        'discriminator.optimizer.momentum: 1',
        /momentum: must be less than 1; found 1/,
      ],
      [
        'discriminator.optimizer.learningRate: 0',
        /learningRate: must be greater than 0; found 0/,
      ],
      [
        'generator.hidden: [5, 0]',
        /generator.hidden\[1\]: must be at least 1; found 0/,
      ],
      [
        'workload.target.std: -1',
        /target.std: must be greater than 0; found -1/,
      ],
      ['training.finalSamples: .inf', /must be a finite number; found .inf/],
    ];
    for (const [line, expected] of cases) {
      assert.match(only(`name: x\nspec: { ${line} }\n`), expected, line);
    }
  });

  it('refuse noise whose high is not above low, where low was set', () => {
    const text = 'name: x\nspec:\n  workload.noise.low: 2\n';
    assert.equal(
      only(text),
      'bad.yaml:3:23: spec.workload.noise.low: noise high (1) must be greater than low (2)',
    );
  });

  it('check the sweep keys themselves', () => {
    assert.match(
      only('name: my sweep\n'),
      /name: must be letters, digits, .*found "my sweep"/,
    );
    assert.match(only('seeds: 3\n'), /^bad.yaml:1:1: name: is required$/);
    assert.match(
      only('name: x\nretries: -1\n'),
      /retries: must be at least 0; found -1/,
    );
    assert.match(
      only('name: x\ntimeout: 0\n'),
      /timeout: must be greater than 0; found 0/,
    );
    assert.match(
      only('name: x\ngrid: { training.rounds: [] }\n'),
      /must have at least 1 item/,
    );
  });

  it('report several problems at once', () => {
    const text = [
      'name: x',
      'spec:',
      '  discrimnator: { input: raw }',
      '  training: { rounds: 0 }',
      'seeds: 5..1',
      'grid:',
      '  discriminator.optimizer.learningRate: [0.001, -1]',
    ].join('\n');
    const found = problems(text);
    assert.equal(found.length, 3, found.join('\n'));
    assert.match(found[0], /^bad.yaml:3:3: spec.discrimnator: unknown key/);
    assert.match(
      found[1],
      /^bad.yaml:4:23: spec.training.rounds: must be at least 1/,
    );
    assert.match(found[2], /^bad.yaml:5:8: seeds: a range "a..b" needs a <= b/);
    const error = (() => {
      try {
        parseSweep(text, 'bad.yaml');
      } catch (e) {
        return e as Error;
      }
    })();
    assert.match(
      String(error?.message),
      /^3 problems in bad.yaml:\n {2}bad.yaml:3:3/,
    );
  });
});

describe('grid and variants', () => {
  it('suggest the nearest key for a misspelt grid path', () => {
    const text =
      'name: x\ngrid:\n  discriminator.optimiser.learningRate: [0.1]\n';
    assert.equal(
      only(text),
      'bad.yaml:3:3: grid.discriminator.optimiser.learningRate: `discriminator.optimiser.learningRate` is not a run-spec path: unknown key `optimiser`; did you mean `optimizer`?',
    );
  });

  it('explain that grid keys are dotted when one is nested', () => {
    const text = 'name: x\ngrid:\n  discriminator:\n    input: [raw]\n';
    assert.equal(
      only(text),
      'bad.yaml:3:3: grid.discriminator: grid keys are dotted run-spec paths, each with a list of values: write `discriminator.input: [...]`',
    );
  });

  it('place a bad grid value at its item', () => {
    const text = 'name: x\ngrid:\n  training.rounds: [100, 0]\n';
    assert.equal(
      only(text),
      'bad.yaml:3:26: grid.training.rounds[1]: must be at least 1; found 0',
    );
  });

  it('refuse a grid value listed twice and seed as a grid key', () => {
    assert.match(
      only('name: x\ngrid: { training.rounds: [100, 1e2] }\n'),
      /grid.training.rounds\[1\]: the value 100 is listed twice/,
    );
    assert.match(
      only('name: x\ngrid: { seed: [1, 2] }\n'),
      /seeds are not a grid key/,
    );
  });

  it('place a bad variant value, and refuse twin variants', () => {
    const text = [
      'name: x',
      'variants:',
      '  - name: a',
      '    spec: { discriminator.input: raww }',
    ].join('\n');
    assert.match(
      only(text),
      /^bad.yaml:4:34: variants\[0\].spec.discriminator.input: must be one of/,
    );

    const misspelt = [
      'name: x',
      'spec: { training.roundz: 5 }',
      'variants:',
      '  - name: a',
      '    spec: { discriminator.inptu: raw, seed: 3 }',
    ].join('\n');
    assert.deepEqual(problems(misspelt), [
      'bad.yaml:2:9: spec.training.roundz: unknown key `roundz`; did you mean `rounds`?',
      'bad.yaml:5:13: variants[0].spec.discriminator.inptu: unknown key `inptu`; did you mean `input`?',
      'bad.yaml:5:39: variants[0].spec.seed: a sweep sets the seed of each run with `seeds`, not in a spec',
    ]);

    const twins = 'name: x\nvariants:\n  - { name: a }\n  - { name: a }\n';
    assert.match(
      only(twins),
      /^bad.yaml:4:13: variants\[1\].name: variant name "a" is used twice/,
    );

    const same =
      'name: x\nvariants:\n  - { name: a }\n  - { name: b, spec: { training.rounds: 5000 } }\n';
    assert.match(only(same), /groups "a" and "b" give identical run specs/);
  });

  it('refuse a baseline that is not a group, suggesting the nearest', () => {
    const text =
      'name: x\ngrid: { discriminator.input: [raw, moments] }\nbaseline: discriminator.input=rwa\n';
    assert.match(
      only(text),
      /^bad.yaml:3:11: baseline: "discriminator.input=rwa" is not a group of this sweep; did you mean "discriminator.input=raw"\?/,
    );
  });

  it('pass outcome thresholds to the analysis check, placed at the key', () => {
    assert.match(
      only('name: x\noutcomes: { colapsedStd: 0.3 }\n'),
      /^bad.yaml:2:13: outcomes.colapsedStd: unknown outcome threshold "colapsedStd". Did you mean "collapsedStd"\?/,
    );
  });
});

describe('seeds', () => {
  const cases: [string, RegExp][] = [
    ['[1, 2, 2]', /seed 2 is listed twice/],
    ['[1, 0]', /seeds must be positive integers; item 1 is 0/],
    ['[1.5]', /item 0 is 1.5/],
    ['[]', /the list of seeds is empty/],
    ['"5..1"', /a range "a..b" needs a <= b; found "5..1"/],
    ['0..3', /the range "0..3" starts at 0/],
    [
      'ten',
      /must be a list \[1, 2, 5\], a range "1..10" or a count 10; found "ten"/,
    ],
    ['0', /a count of seeds must be an integer from 1/],
  ];
  for (const [value, expected] of cases) {
    it(`refuse seeds: ${value}`, () => {
      assert.match(only(`name: x\nseeds: ${value}\n`), expected);
    });
  }

  it('refuse a bad --seeds, naming the argument', () => {
    assert.match(
      only('name: x\n', { seeds: '3..2' }),
      /^--seeds 3..2: seeds: a range "a..b" needs a <= b/,
    );
  });
});

describe('--set overrides', () => {
  const sweep = 'name: x\nseeds: 2\n';

  it('name the argument for an unknown key, with a suggestion', () => {
    assert.equal(
      only(sweep, { set: ['discrimnator.input=raw'] }),
      '--set discrimnator.input=raw: unknown key `discrimnator`; did you mean `discriminator`?',
    );
    assert.equal(
      only(sweep, { set: ['training.roundz=5'] }),
      '--set training.roundz=5: spec.training.roundz: unknown key `roundz`; did you mean `rounds`?',
    );
    assert.match(
      only(sweep, { set: ['retry=2'] }),
      /^--set retry=2: unknown key `retry`; did you mean `retries`\?/,
    );
  });

  it('name the argument for a bad value', () => {
    assert.equal(
      only(sweep, { set: ['spec.training.rounds=0'] }),
      '--set spec.training.rounds=0: spec.training.rounds: must be at least 1; found 0',
    );
    assert.match(
      only(sweep, { set: ['retries=lots'] }),
      /^--set retries=lots: retries: must be a number; found "lots"/,
    );
    assert.match(
      only(sweep, { set: ['discriminator.input=[raw'] }),
      /^--set discriminator.input=\[raw: the value is not valid YAML/,
    );
  });

  it('refuse a whole spec that is not a mapping', () => {
    assert.match(
      only(sweep, { set: ['spec=5'] }),
      /^--set spec=5: `spec` is a mapping/,
    );
  });

  it('refuse an argument without `=`, or the seed', () => {
    assert.match(
      only(sweep, { set: ['training.rounds'] }),
      /expected key=value/,
    );
    assert.match(only(sweep, { set: ['seed=3'] }), /--set seeds=1..5/);
  });

  it('name the argument for a misspelt grid path set on the command line', () => {
    assert.match(
      only(sweep, { set: ['grid.training.round=[1, 2]'] }),
      /^--set grid.training.round=\[1, 2\]: grid.training.round: .*did you mean `rounds`\?/,
    );
  });
});

describe('single run specs', () => {
  it('resolveRunSpec refuses unknown keys and bad values under its path', () => {
    assert.throws(
      () => resolveRunSpec({ training: { rouns: 3 } }, 'spec'),
      /spec.training.rouns: unknown key `rouns`; did you mean `rounds`\?/,
    );
    assert.throws(
      () => resolveRunSpec({ seed: 0 }),
      /seed: must be at least 1; found 0/,
    );
    assert.throws(() => resolveRunSpec(5), /a run spec is a mapping/);
  });

  it('runSpecFromSets names the --set argument', () => {
    assert.throws(
      () => runSpecFromSets(['engine=cuda']),
      /--set engine=cuda: engine: must be one of fused, tfjs; found "cuda"/,
    );
    assert.throws(
      () => runSpecFromSets(['trainin.rounds=3']),
      /did you mean `training`\?/,
    );
  });
});
