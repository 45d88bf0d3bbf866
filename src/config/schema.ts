/**
 * The schemas of the sweep file, written once and used three ways: to
 * validate input, to walk valid key paths (for `--set`, grid keys and
 * did-you-mean suggestions), and to generate the reference in
 * the README's "Sweep file reference".
 *
 * `runSpecSchema` checks a fully resolved run spec (every default filled);
 * the sweep file's `spec`, `variants` and `grid` are partial overlays that are
 * merged onto the defaults first and then checked here, so one set of rules
 * covers every way a value can enter.
 */
import { z } from 'zod';

import { ACTIVATIONS, ENGINES, INPUT_MODES } from './spec.js';

const learningRate = z
  .number()
  .positive()
  .describe('Step size of the optimiser.');

const sgdSchema = z.strictObject({
  kind: z
    .literal('sgd')
    .describe('`sgd`: SGD with momentum, v = mu*v + g; p -= lr*v.'),
  learningRate,
  momentum: z
    .number()
    .min(0)
    .lt(1)
    .describe('Momentum coefficient mu (sgd only).'),
});

const adamSchema = z.strictObject({
  kind: z
    .literal('adam')
    .describe('`adam`: Adam (Kingma and Ba 2015), bias-corrected.'),
  learningRate,
  beta1: z
    .number()
    .min(0)
    .lt(1)
    .describe('Decay of the first moment (adam only).'),
  beta2: z
    .number()
    .min(0)
    .lt(1)
    .describe('Decay of the second moment (adam only).'),
  epsilon: z
    .number()
    .positive()
    .describe('Added to the denominator (adam only).'),
});

/** Switching `kind` resets the other fields to that kind's defaults. */
const optimizerSchema = z.discriminatedUnion('kind', [sgdSchema, adamSchema]);

const hiddenSchema = z
  .array(z.int().min(1))
  .max(16)
  .describe('Hidden layer widths, input side first; [] for no hidden layer.');

const activationSchema = z.enum(ACTIVATIONS);

const targetSchema = z
  .strictObject({
    kind: z.literal('normal').describe('The target distribution.'),
    mean: z.number().describe('Mean of the target.'),
    std: z.number().positive().describe('Standard deviation of the target.'),
  })
  .describe('The distribution the generator should learn.');

const noiseSchema = z
  .strictObject({
    kind: z.literal('uniform').describe("The generator's input noise."),
    low: z.number().describe('Lower end of the noise interval.'),
    high: z.number().describe('Upper end; must be greater than low.'),
  })
  .superRefine((noise, context) => {
    if (noise.high > noise.low) return;
    // Reported on the section, so it is placed at whichever end was set.
    context.addIssue({
      code: 'custom',
      message: `noise high (${noise.high}) must be greater than low (${noise.low})`,
    });
  });

const workloadSchema = z.strictObject({
  target: targetSchema,
  noise: noiseSchema,
});

const generatorSchema = z.strictObject({
  hidden: hiddenSchema,
  activation: activationSchema.describe('Nonlinearity of hidden layers.'),
  outputActivation: activationSchema.describe(
    'Nonlinearity of the output (linear lets it reach any mean).',
  ),
  optimizer: optimizerSchema,
});

const discriminatorSchema = z.strictObject({
  hidden: hiddenSchema,
  activation: activationSchema.describe('Nonlinearity of hidden layers.'),
  input: z
    .enum(INPUT_MODES)
    .describe('What the discriminator sees of one minibatch.'),
  optimizer: optimizerSchema,
});

const trainingSchema = z.strictObject({
  minibatch: z
    .int()
    .min(2)
    .describe('Samples per minibatch, real and generated alike.'),
  discriminatorSteps: z
    .int()
    .min(1)
    .describe('Discriminator steps at the start of every round.'),
  generatorSteps: z
    .int()
    .min(0)
    .describe(
      'Generator steps after them; 0 leaves the generator untrained (a control).',
    ),
  rounds: z.int().min(1).describe('Rounds of training.'),
  logEvery: z
    .int()
    .min(1)
    .describe('A trajectory point every this many rounds, and at the last.'),
  finalSamples: z
    .int()
    .min(2)
    .describe('Size of the final sample the outcome is judged on.'),
});

/** A fully resolved run spec; mirrors `RunSpec` in spec.ts. */
export const runSpecSchema = z.strictObject({
  workload: workloadSchema,
  generator: generatorSchema,
  discriminator: discriminatorSchema,
  training: trainingSchema,
  engine: z
    .enum(ENGINES)
    .describe('fused: hand-derived kernels; tfjs: TensorFlow.js autodiff.'),
  seed: z.int().min(1).describe('Seed of every random stream of the run.'),
});

/** The top-level keys of a run spec that `--set` accepts without `spec.`. */
export const RUN_SPEC_SECTIONS = [
  'workload',
  'generator',
  'discriminator',
  'training',
  'engine',
] as const;

/** Name of the sweep: also the results folder `reports/<name>/`. */
export const SWEEP_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * The sweep file's own keys. `spec`, `grid` values and `variants[].spec` are
 * overlays, checked key by key against `runSpecSchema` after merging; `seeds`
 * has its own parser (see seeds.ts) because its three forms need messages
 * that a union's errors do not give. A section left empty (`spec:` with all
 * under it commented out) is YAML null and means the same as leaving it out.
 */
export const sweepFileSchema = z.strictObject({
  name: z
    .string()
    .regex(SWEEP_NAME_PATTERN, 'letters, digits, ".", "_" or "-"')
    .max(100)
    .describe('Names the sweep and its results folder `reports/<name>/`.'),
  description: z
    .string()
    .optional()
    .describe('What the sweep asks, in a sentence or two.'),
  spec: z
    .record(z.string(), z.unknown())
    .nullable()
    .optional()
    .describe(
      "The base run spec; any subset of the keys below, nested or dotted. Defaults: the article's study.",
    ),
  seeds: z
    .unknown()
    .optional()
    .describe(
      'A list [1, 2, 5], a range "1..10", or a count 10 (= 1..10). Default 1..10.',
    ),
  grid: z
    .record(z.string(), z.array(z.unknown()).min(1))
    .nullable()
    .optional()
    .describe(
      'Run-spec path -> list of values; every combination is a group (a full cartesian product).',
    ),
  variants: z
    .array(
      z.strictObject({
        name: z.string().min(1),
        spec: z.record(z.string(), z.unknown()).nullable().optional(),
      }),
    )
    .nullable()
    .optional()
    .describe(
      'Named partial specs [{name, spec}], each one group; combined with every grid point.',
    ),
  timeout: z
    .number()
    .positive()
    .nullable()
    .optional()
    .describe('Seconds one run may take before it is failed; null for none.'),
  retries: z
    .int()
    .min(0)
    .max(100)
    .optional()
    .describe('Extra attempts for a run that fails. Default 0.'),
  baseline: z
    .string()
    .nullable()
    .optional()
    .describe(
      'Label of the group the others are compared with. Default: the first group.',
    ),
  outcomes: z
    .record(z.string(), z.unknown())
    .nullable()
    .optional()
    .describe(
      "Overrides of the outcome classifier's thresholds, by name (see the README's Outcomes section).",
    ),
});

/** Defaults of the sweep's own optional keys. */
export const SWEEP_DEFAULTS = {
  description: '',
  seeds: '1..10',
  timeout: null,
  retries: 0,
  baseline: null,
} as const;

export type SweepFileInput = z.infer<typeof sweepFileSchema>;
