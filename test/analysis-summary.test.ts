/**
 * analyseRun, summary.json, the groups table and the export rows.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import {
  analyseRun,
  exportTable,
  finalStatistics,
  formatGroupsTable,
  histogramOf,
  subsample,
  summarise,
  toCsv,
  toJsonl,
  type Outcome,
} from '../src/analysis/index.js';
import { defaultRunSpec, type RunSpec } from '../src/config/spec.js';
import type { RunRecord } from '../src/store/record.js';
import type { TrainResult } from '../src/train/loop.js';
import { createStream } from '../src/workloads/random.js';

const SPEC: RunSpec = defaultRunSpec();

function trainResult(sample: Float64Array): TrainResult {
  return {
    finalSample: sample,
    trajectory: [],
    roundsCompleted: 5000,
    stopped: null,
    engine: 'fused',
    backend: 'js',
    rng: 'test',
    elapsedMs: 1,
  };
}

/** A record whose final sample is N(4, 1.25) (healthy) or a spike. */
function record(
  group: string,
  seed: number,
  outcome: Outcome,
  w1 = 0.2,
): RunRecord {
  const failed = outcome === 'failed';
  const statistics = failed
    ? null
    : { ...finalStatistics([3, 4, 5], SPEC.workload.target), wasserstein1: w1 };
  return {
    schemaVersion: 1,
    runId: `${group}-${seed}`,
    group,
    seed,
    params: { 'generator.optimizer.learningRate': Number(group.slice(3)) },
    spec: { ...SPEC, seed },
    engine: 'fused',
    backend: 'js',
    rng: 'test',
    outcome,
    verdict: failed
      ? null
      : {
          outcome,
          rule: outcome === 'healthy' ? 'within-thresholds' : 'some-rule',
          reason: `reason, with a comma and "quotes"`,
          settled: true,
          settleNote: null,
        },
    statistics,
    histogram: null,
    sample: [],
    trajectory: [],
    roundsCompleted: 5000,
    stopped: null,
    error: failed ? { message: 'timed out after 60 s', kind: 'timeout' } : null,
    attempts: 1,
    gansweepVersion: '0.1.0',
    elapsedMs: 1000 + seed,
    finishedAt: '2025-01-01T00:00:00.000Z',
    host: { cores: 2, platform: 'linux' },
  };
}

/** lr=0.001: 8 healthy of 10; lr=0.01: 1 healthy, 1 failed, 8 collapsed. */
function sweepRecords(): RunRecord[] {
  const records: RunRecord[] = [];
  for (let seed = 1; seed <= 10; seed++) {
    const outcome = seed <= 8 ? 'healthy' : 'drifted';
    records.push(record('lr=0.001', seed, outcome, seed / 10));
  }
  for (let seed = 1; seed <= 10; seed++) {
    const outcome =
      seed === 1 ? 'healthy' : seed === 2 ? 'failed' : 'collapsed';
    records.push(record('lr=0.01', seed, outcome));
  }
  return records;
}

describe('analyseRun', () => {
  it('judges, bins and subsamples the final sample', () => {
    const stream = createStream(1, 'final');
    const sample = new Float64Array(10_000);
    stream.fillNormal(sample, 4, 1.1);
    const analysis = analyseRun(trainResult(sample), SPEC);

    assert.equal(analysis.outcome, 'healthy');
    assert.equal(analysis.verdict.outcome, 'healthy');
    assert.equal(analysis.statistics.count, 10_000);
    assert.equal(analysis.histogram?.counts.length, 40);
    const binned = analysis.histogram!.counts.reduce((a, b) => a + b, 0);
    assert.equal(binned, 10_000);
    assert.equal(analysis.sample.length, 500);
    assert.equal(analysis.sample[1], sample[20]);
  });
});

describe('histogramOf and subsample', () => {
  it('puts the maximum in the last bin', () => {
    // [0, 4] in 4 bins of width 1: 0 | 1 | 2 | 3, 4.
    assert.deepEqual(histogramOf([0, 1, 2, 3, 4], 4), {
      start: 0,
      width: 1,
      counts: [1, 1, 1, 2],
    });
  });

  it('gives a constant sample one bin of width 1 around it', () => {
    assert.deepEqual(histogramOf([-11, -11, -11]), {
      start: -11.5,
      width: 1,
      counts: [3],
    });
  });

  it('leaves out non-finite values; null when none is finite', () => {
    assert.equal(histogramOf([0, Number.NaN, 2], 2)?.counts.length, 2);
    assert.equal(histogramOf([Number.NaN, Infinity]), null);
    assert.deepEqual(subsample([1, Number.NaN, 3, 4], 2), [1, 3]);
  });
});

describe('summarise', () => {
  const summary = summarise(sweepRecords(), {
    baseline: null,
    sweepName: 'lr',
  });
  const [base, other] = summary.groups;

  it('keeps groups in first-seen order; the first is the baseline', () => {
    assert.equal(summary.baseline, 'lr=0.001');
    assert.deepEqual(
      summary.groups.map((g) => g.group),
      ['lr=0.001', 'lr=0.01'],
    );
    assert.equal(base.isBaseline, true);
    assert.equal(base.comparison, null);
  });

  it('counts outcomes, failed runs included in the denominator', () => {
    assert.equal(other.runs, 10);
    assert.deepEqual(other.outcomes, {
      healthy: 1,
      collapsed: 8,
      drifted: 0,
      misshapen: 0,
      diverged: 0,
      failed: 1,
    });
    assert.equal(other.healthyRate.rate, 0.1);
  });

  it('gives the Wilson interval: 8 of 10 is 0.4902-0.9433', () => {
    assert.ok(Math.abs(base.healthyRate.low - 0.4902) < 5e-5);
    assert.ok(Math.abs(base.healthyRate.high - 0.9433) < 5e-5);
  });

  it('compares with the baseline by Fisher: 920 / 167960', () => {
    // See the proportions test: 1 of 10 against 8 of 10.
    assert.ok(Math.abs(other.comparison!.pValue - 920 / 167960) < 1e-12);
    assert.ok(Math.abs(other.comparison!.rateDifference - -0.7) < 1e-12);
  });

  it('gives the median W1 and its quartiles (type 7)', () => {
    // W1 = 0.1, 0.2, ..., 1.0: median 0.55, q25 at index 2.25 -> 0.325,
    // q75 at index 6.75 -> 0.775.
    const spread = base.wasserstein1!;
    assert.ok(Math.abs(spread.median - 0.55) < 1e-12);
    assert.ok(Math.abs(spread.q25 - 0.325) < 1e-12);
    assert.ok(Math.abs(spread.q75 - 0.775) < 1e-12);
    assert.equal(other.wasserstein1!.count, 9);
  });

  it('lists every run with its reason, or its error when it failed', () => {
    assert.equal(summary.runs.length, 20);
    const failed = summary.runs.find((r) => r.outcome === 'failed')!;
    assert.equal(failed.reason, 'timed out after 60 s');
    assert.equal(failed.settled, null);
  });

  it('follows a named baseline and the sweep order', () => {
    const named = summarise(sweepRecords(), {
      baseline: 'lr=0.01',
      sweepName: 'lr',
      groupOrder: ['lr=0.01', 'lr=0.001'],
    });
    assert.equal(named.groups[0].group, 'lr=0.01');
    assert.equal(named.groups[1].comparison?.baseline, 'lr=0.01');
  });

  it('notes a named baseline with no runs yet instead of failing', () => {
    const early = summarise(sweepRecords(), {
      baseline: 'lr=0.1',
      sweepName: 'lr',
    });
    assert.equal(early.baseline, null);
    assert.ok(early.groups.every((g) => g.comparison === null));
    assert.match(early.notes[0], /"lr=0.1" has no runs yet/);
  });
});

describe('formatGroupsTable', () => {
  it('prints counts, rate with interval and p against the baseline', () => {
    const table = formatGroupsTable(
      summarise(sweepRecords(), { baseline: null, sweepName: 'lr' }),
    );
    const lines = table.trimEnd().split('\n');
    assert.equal(lines.length, 4);
    assert.match(lines[0], /^group\s+runs\s+healthy\s+collapsed/);
    assert.match(
      lines[2],
      /^lr=0\.001\s+10\s+8\s+0\s+2\s+0\s+0\s+0\s+80% \(49-94%\)/,
    );
    assert.match(lines[2], /baseline$/);
    assert.match(lines[3], /10% \(2-40%\).*0\.005 \(-70%\)$/);
  });
});

describe('exportTable', () => {
  const table = exportTable(sweepRecords().slice(9, 12));

  it('flattens params into columns and keeps numbers as numbers', () => {
    assert.ok(table.columns.includes('param.generator.optimizer.learningRate'));
    assert.equal(
      table.rows[0]['param.generator.optimizer.learningRate'],
      0.001,
    );
    assert.equal(table.rows[0].mean, 4);
  });

  it('writes CSV that quotes commas and quotes, with empty cells for none', () => {
    const lines = toCsv(table).trimEnd().split('\n');
    assert.equal(lines.length, 4);
    assert.ok(lines[1].includes('"reason, with a comma and ""quotes"""'));
    const failed = lines[3].split(',');
    assert.equal(failed[table.columns.indexOf('mean')], '');
  });

  it('writes one JSON object a line with the same columns', () => {
    const rows = toJsonl(table)
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    assert.equal(rows.length, 3);
    assert.deepEqual(Object.keys(rows[0]), table.columns);
    assert.equal(rows[2].outcome, 'failed');
    assert.equal(rows[2].mean, null);
  });
});
