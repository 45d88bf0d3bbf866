/**
 * Reading and writing run records as JSON, with a schema check on the way
 * in: a record that does not parse or breaks the schema is never trusted.
 *
 * JSON has no NaN or Infinity, and a run that diverged carries them in its
 * trajectory and statistics. They are written as the strings `"NaN"`,
 * `"Infinity"` and `"-Infinity"` and turned back into numbers only where the
 * schema expects a number, so a string field is never changed.
 */
import { z } from 'zod';

import { OUTCOMES } from '../analysis/types.js';
import type { RunSpec } from '../config/spec.js';
import { RECORD_SCHEMA_VERSION, type RunRecord } from './record.js';

const NON_FINITE: Record<string, number> = {
  NaN: Number.NaN,
  Infinity: Number.POSITIVE_INFINITY,
  '-Infinity': Number.NEGATIVE_INFINITY,
};

/** Any number, non-finite ones included in their string form. */
const anyNumber = z.union([
  z.number(),
  z
    .enum(['NaN', 'Infinity', '-Infinity'])
    .transform((text) => NON_FINITE[text]),
]);

const count = z.number().int().nonnegative();

const verdictSchema = z.looseObject({
  outcome: z.enum(OUTCOMES),
  rule: z.string(),
  reason: z.string(),
  settled: z.boolean(),
  settleNote: z.string().nullable(),
});

const quantilesSchema = z.looseObject({
  p01: anyNumber,
  p05: anyNumber,
  p25: anyNumber,
  p50: anyNumber,
  p75: anyNumber,
  p95: anyNumber,
  p99: anyNumber,
});

const statisticsSchema = z.looseObject({
  count,
  mean: anyNumber,
  std: anyNumber,
  skewness: anyNumber,
  excessKurtosis: anyNumber,
  min: anyNumber,
  max: anyNumber,
  quantiles: quantilesSchema,
  wasserstein1: anyNumber,
  ks: anyNumber,
  within3Std: anyNumber,
});

const histogramSchema = z.looseObject({
  start: anyNumber,
  width: anyNumber,
  counts: z.array(count),
});

const trajectoryPointSchema = z.strictObject({
  round: count,
  generatedMean: anyNumber,
  generatedStd: anyNumber,
  discriminatorRealLoss: anyNumber,
  discriminatorFakeLoss: anyNumber,
  generatorLoss: anyNumber,
});

/*
 * The spec was validated in full by the config stage before the run; here
 * we only check that it is the shape of a resolved spec, so that a record
 * from another tool or a hand edit that lost a block is caught.
 */
const specSchema = z.looseObject({
  workload: z.looseObject({ target: z.looseObject({}) }),
  generator: z.looseObject({ hidden: z.array(count) }),
  discriminator: z.looseObject({ hidden: z.array(count) }),
  training: z.looseObject({ rounds: count, minibatch: count }),
  engine: z.string(),
  seed: z.number().int(),
});

const recordSchema = z
  .strictObject({
    schemaVersion: z.literal(RECORD_SCHEMA_VERSION),
    runId: z.string().min(1),
    group: z.string(),
    seed: z.number().int(),
    params: z.record(z.string(), z.unknown()),
    spec: specSchema,
    engine: z.string(),
    backend: z.string(),
    rng: z.string(),
    outcome: z.enum(OUTCOMES),
    verdict: verdictSchema.nullable(),
    statistics: statisticsSchema.nullable(),
    histogram: histogramSchema.nullable(),
    sample: z.array(anyNumber),
    trajectory: z.array(trajectoryPointSchema),
    roundsCompleted: count,
    stopped: z.strictObject({ round: count, reason: z.string() }).nullable(),
    error: z
      .strictObject({
        message: z.string(),
        kind: z.enum(['error', 'timeout', 'worker-exit']),
      })
      .nullable(),
    attempts: z.number().int().positive(),
    gansweepVersion: z.string(),
    elapsedMs: anyNumber,
    finishedAt: z.iso.datetime(),
    host: z.strictObject({ cores: count, platform: z.string() }),
  })
  .check((context) => {
    const problem = outcomeConsistency(context.value);
    if (problem !== null) {
      context.issues.push({ code: 'custom', message: problem, input: '' });
    }
  });

/** A failed run has an error and no verdict; any other has the reverse. */
function outcomeConsistency(record: {
  outcome: string;
  verdict: { outcome: string } | null;
  error: unknown;
}): string | null {
  if (record.outcome === 'failed') {
    return record.error === null ? 'a failed run must carry its error' : null;
  }

  if (record.error !== null) return 'only a failed run may carry an error';
  if (record.verdict === null) return 'a finished run must carry a verdict';
  if (record.verdict.outcome !== record.outcome) {
    return `outcome ${record.outcome} differs from the verdict's ${record.verdict.outcome}`;
  }

  return null;
}

export type ParsedRecord =
  { ok: true; record: RunRecord } | { ok: false; message: string };

/**
 * Parses the text of `runs/<expectedRunId>.json`. Fails (never throws) when
 * the JSON is broken, the schema is broken, or the run id inside is not the
 * one the file name promises.
 */
export function parseRecord(text: string, expectedRunId: string): ParsedRecord {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return {
      ok: false,
      message: `not valid JSON: ${(error as Error).message}`,
    };
  }

  const parsed = recordSchema.safeParse(json);
  if (!parsed.success) {
    return { ok: false, message: describeIssues(parsed.error) };
  }

  if (parsed.data.runId !== expectedRunId) {
    const found = parsed.data.runId;
    return { ok: false, message: `holds run ${found}, not ${expectedRunId}` };
  }

  return { ok: true, record: asRunRecord(parsed.data) };
}

/*
 * The schema checks the spec's shape only (see specSchema), so its output
 * type is wider than RunSpec; the config stage is the authority on specs.
 */
function asRunRecord(data: z.output<typeof recordSchema>): RunRecord {
  return { ...data, spec: data.spec as unknown as RunSpec } as RunRecord;
}

function describeIssues(error: z.ZodError): string {
  const first = error.issues.slice(0, 3).map((issue) => {
    const where = issue.path.length > 0 ? issue.path.join('.') : '(record)';
    return `${where}: ${issue.message}`;
  });
  const more = error.issues.length - first.length;
  return first.join('; ') + (more > 0 ? `; and ${more} more` : '');
}

/** A record as the JSON text stored in `runs/`, non-finite numbers named. */
export function serialiseRecord(record: RunRecord): string {
  return `${JSON.stringify(record, namedNonFinite, 2)}\n`;
}

/** JSON.stringify replacer: NaN and the infinities as strings, not null. */
export function namedNonFinite(_key: string, value: unknown): unknown {
  if (typeof value === 'number' && !Number.isFinite(value)) {
    return String(value);
  }
  return value;
}
