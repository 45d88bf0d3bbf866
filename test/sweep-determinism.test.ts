import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';

import { readResults } from '../src/store/index.js';
import { runSweep } from '../src/sweep/index.js';
import {
  CLI,
  byRunId,
  scratchDir,
  tinySweep,
  tinySweepYaml,
} from './fixtures/sweeps.js';

function runCli(
  args: string[],
): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [fileURLToPath(CLI), ...args], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve) =>
    child.on('close', (code) => resolve({ code, stderr })),
  );
}

test('one worker and two workers give identical records, timing aside', async () => {
  const sweep = tinySweep({ seeds: '1..3', rounds: 20 });
  const one = await scratchDir('one-worker');
  const two = await scratchDir('two-workers');

  await runSweep({ sweep, dir: one, workers: 1, report: false });
  await runSweep({ sweep, dir: two, workers: 2, report: false });

  const a = await readResults(one);
  const b = await readResults(two);
  assert.equal(a.records.length, 6);
  assert.deepEqual(byRunId(b.records), byRunId(a.records));
  // Not vacuous: the runs differ from one another.
  const means = a.records.map((record) => record.statistics?.mean);
  assert.equal(new Set(means).size, 6);

  const summaryA = await fs.readFile(path.join(one, 'summary.json'), 'utf8');
  const summaryB = await fs.readFile(path.join(two, 'summary.json'), 'utf8');
  const dropElapsed = (text: string) =>
    text.replace(/"elapsedMs": [0-9.e+-]+/g, '"elapsedMs": 0');
  assert.equal(dropElapsed(summaryB), dropElapsed(summaryA));
});

test('shards 0/2 and 1/2 run at once into one folder match an unsharded run', async () => {
  const dir = await scratchDir('shards');
  const file = path.join(dir, 'tiny.yaml');
  await fs.writeFile(file, tinySweepYaml({ seeds: '1..5', rounds: 20 }));
  const sharded = path.join(dir, 'sharded');
  const whole = path.join(dir, 'whole');
  const common = ['run', file, '--workers', '1', '--no-report', '--quiet'];

  const results = await Promise.all([
    runCli([...common, '--out', sharded, '--shard', '0/2']),
    runCli([...common, '--out', sharded, '--shard', '1/2']),
    runCli([...common, '--out', whole]),
  ]);
  for (const result of results) assert.equal(result.code, 0, result.stderr);

  const a = await readResults(sharded);
  const b = await readResults(whole);
  assert.equal(a.records.length, 10);
  assert.deepEqual(a.problems, []);
  assert.deepEqual(a.strayFiles, []);
  assert.deepEqual(byRunId(a.records), byRunId(b.records));
  assert.deepEqual(a.sweep, b.sweep);

  // The last summary written covers both shards' records.
  const summary = JSON.parse(
    await fs.readFile(path.join(sharded, 'summary.json'), 'utf8'),
  );
  assert.equal(summary.runs.length, 10);
});
