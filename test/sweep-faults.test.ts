import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';

import { readResults } from '../src/store/index.js';
import { planSweep, runSweep, type SweepEvent } from '../src/sweep/index.js';
import {
  CLI,
  scratchDir,
  tinySweep,
  tinySweepYaml,
} from './fixtures/sweeps.js';

const FAULTY_WORKER = new URL('./fixtures/faulty-worker.js', import.meta.url);

test('runs that throw, hang or kill their worker fail alone, after their retries', async () => {
  // One worker: if the hung run's thread were not really terminated, no
  // later run could ever start and the sweep would hang here.
  const sweep = tinySweep({
    seeds: '1..6',
    oneGroup: true,
    extra: 'timeout: 1.5\nretries: 1',
  });
  const dir = await scratchDir('faults');
  const events: SweepEvent[] = [];

  const result = await runSweep({
    sweep,
    dir,
    workers: 1,
    report: false,
    workerFile: FAULTY_WORKER,
    onEvent: (event) => events.push(event),
  });

  // Seeds 2, 3 and 5 fail, 1, 4 and 6 finish.
  assert.equal(result.total, 6);
  assert.equal(result.ran, 6);
  assert.equal(result.failed, 3);

  const { records, problems } = await readResults(dir);
  assert.deepEqual(problems, []);
  assert.equal(records.length, 6);
  const bySeed = (seed: number) => records.filter((r) => r.seed === seed);

  for (const record of bySeed(2)) {
    assert.equal(record.outcome, 'failed');
    assert.deepEqual(record.error, {
      kind: 'error',
      message: 'deliberate failure for seed 2',
    });
    assert.equal(record.attempts, 2);
  }
  for (const record of bySeed(3)) {
    assert.equal(record.outcome, 'failed');
    assert.equal(record.error?.kind, 'timeout');
    assert.match(record.error?.message ?? '', /timeout of 1.5 s/);
    assert.equal(record.attempts, 2);
  }
  for (const record of bySeed(5)) {
    assert.equal(record.error?.kind, 'worker-exit');
    assert.equal(record.attempts, 2);
  }
  // Seed 4 fails once, then its retry succeeds.
  for (const record of bySeed(4)) {
    assert.notEqual(record.outcome, 'failed');
    assert.equal(record.attempts, 2);
  }
  for (const record of [...bySeed(1), ...bySeed(6)]) {
    assert.notEqual(record.outcome, 'failed');
    assert.equal(record.attempts, 1);
  }

  const retries = events.filter((event) => event.type === 'run-retry');
  assert.equal(retries.length, 4, 'one retry each for seeds 2, 3, 4 and 5');

  // A later session reruns exactly the failed runs and skips the rest.
  const plan = await planSweep(sweep, dir, null);
  const states = plan.entries.map((entry) => entry.state);
  assert.deepEqual(states, [
    'done',
    'failed',
    'failed',
    'done',
    'failed',
    'done',
  ]);

  const again = await runSweep({ sweep, dir, workers: 2, report: false });
  assert.equal(again.skipped, 3);
  assert.equal(again.ran, 3);
  assert.equal(again.failed, 0);
  const after = await readResults(dir);
  assert.equal(after.records.filter((r) => r.outcome === 'failed').length, 0);
});

test('the CLI exits 1 when runs fail, here every run passing a tiny timeout', async () => {
  const dir = await scratchDir('cli-fail');
  const file = path.join(dir, 'tiny.yaml');
  await fs.writeFile(file, tinySweepYaml({ seeds: '1..2' }));
  const out = path.join(dir, 'out');

  const child = spawnSync(
    process.execPath,
    [
      fileURLToPath(CLI),
      'run',
      file,
      '--out',
      out,
      '--set',
      'timeout=0.001',
      '--no-report',
      '--quiet',
    ],
    { encoding: 'utf8' },
  );

  assert.equal(child.status, 1, child.stderr);
  assert.match(child.stderr, /4 of 4 runs failed/);
  assert.match(
    child.stderr,
    /gansweep run .*tiny\.yaml --out .*out --set timeout=0\.001/,
  );
  const { records } = await readResults(out);
  assert.equal(records.length, 4);
  for (const record of records) assert.equal(record.error?.kind, 'timeout');
});
