import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';

import { expandSweep } from '../src/config/index.js';
import { recordPath } from '../src/store/index.js';
import { runSweep } from '../src/sweep/index.js';
import {
  CLI,
  scratchDir,
  tinySweep,
  tinySweepYaml,
} from './fixtures/sweeps.js';

function gansweep(args: string[]) {
  return spawnSync(process.execPath, [fileURLToPath(CLI), ...args], {
    encoding: 'utf8',
  });
}

test('--dry-run lists the runs and runs nothing', async () => {
  const dir = await scratchDir('dry');
  const file = path.join(dir, 'tiny.yaml');
  await fs.writeFile(file, tinySweepYaml({ seeds: '1..2' }));
  const out = path.join(dir, 'out');

  const fresh = gansweep(['run', file, '--out', out, '--dry-run']);
  assert.equal(fresh.status, 0, fresh.stderr);
  const lines = fresh.stdout.trim().split('\n');
  assert.equal(lines.length, 5);
  assert.match(
    lines[0],
    /^run\s+[0-9a-f]+\s+discriminator.input=moments\s+seed 1$/,
  );
  assert.match(lines[4], /4 runs: 0 done, 4 would run/);
  assert.equal(existsSync(out), false, 'a dry run creates nothing');

  // After two runs of the four are recorded, one of them failed:
  const sweep = tinySweep({ seeds: '1..2' });
  await runSweep({ sweep, dir: out, report: false, workers: 1 });
  const runs = expandSweep(sweep);
  const failedFile = recordPath(out, runs[2].runId);
  const failed = JSON.parse(await fs.readFile(failedFile, 'utf8'));
  Object.assign(failed, {
    outcome: 'failed',
    verdict: null,
    error: { message: 'boom', kind: 'error' },
  });
  await fs.writeFile(failedFile, JSON.stringify(failed));
  await fs.rm(recordPath(out, runs[3].runId));

  const partial = gansweep(['run', file, '--out', out, '--dry-run', '--json']);
  assert.equal(partial.status, 0, partial.stderr);
  const plan = JSON.parse(partial.stdout);
  assert.deepEqual(
    plan.runs.map((run: { state: string }) => run.state),
    ['done', 'done', 'failed', 'new'],
  );

  const status = gansweep(['status', out]);
  assert.equal(status.status, 0, status.stderr);
  assert.match(
    status.stdout,
    /sweep tiny in .*: 3 of 4 runs recorded \(75%\), 1 failed, 0 untrusted, 1 not run yet/,
  );
  assert.match(status.stdout, /outcomes: .*failed 1/);
  assert.match(status.stdout, /discriminator\.input=moments/);

  const json = JSON.parse(gansweep(['status', out, '--json']).stdout);
  assert.equal(json.expected, 4);
  assert.equal(json.recorded, 3);
  assert.equal(json.summary.runs.length, 3);
});

test('status of a folder that is not there exits 2 with what to do', () => {
  const result = gansweep(['status', '/nonexistent/gansweep-results']);
  assert.equal(result.status, 2);
  assert.match(result.stderr, /cannot read the results folder/);
  assert.match(result.stderr, /gansweep run/);
});

test('a malformed --shard or --workers is bad input, exit 2', async () => {
  const dir = await scratchDir('bad-args');
  const file = path.join(dir, 'tiny.yaml');
  await fs.writeFile(file, tinySweepYaml());

  const shard = gansweep(['run', file, '--shard', '2/2', '--dry-run']);
  assert.equal(shard.status, 2);
  assert.match(shard.stderr, /--shard: 2\/2 is out of range/);

  const workers = gansweep(['run', file, '--workers', '0', '--dry-run']);
  assert.equal(workers.status, 2);
  assert.match(workers.stderr, /--workers/);
});
