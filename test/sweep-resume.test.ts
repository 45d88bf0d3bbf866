import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';

import { expandSweep } from '../src/config/index.js';
import { readRecords, readResults, recordPath } from '../src/store/index.js';
import { planSweep, runSweep } from '../src/sweep/index.js';
import {
  CLI,
  byRunId,
  scratchDir,
  tinySweep,
  tinySweepYaml,
} from './fixtures/sweeps.js';

/** Spawns `gansweep run` and resolves with its exit code and stdout. */
function runCli(args: string[]) {
  const child = spawn(process.execPath, [fileURLToPath(CLI), 'run', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const done = new Promise<{
    code: number | null;
    stdout: string;
    stderr: string;
  }>((resolve) =>
    child.on('close', (code) => resolve({ code, stdout, stderr })),
  );
  return { child, done };
}

async function recordNames(dir: string): Promise<string[]> {
  try {
    const names = await fs.readdir(path.join(dir, 'runs'));
    return names.filter((name) => !name.startsWith('.'));
  } catch {
    return [];
  }
}

test('a sweep killed with SIGKILL resumes and runs every run exactly once', async () => {
  const dir = await scratchDir('kill');
  const file = path.join(dir, 'tiny.yaml');
  // 2 groups x 8 seeds of 60 rounds: long enough to be killed part way.
  await fs.writeFile(file, tinySweepYaml({ seeds: '1..8', rounds: 60 }));
  const out = path.join(dir, 'out');
  const common = [file, '--out', out, '--workers', '2', '--no-report'];

  const first = runCli([...common, '--quiet']);
  while ((await recordNames(out)).length < 3) await sleep(10);
  first.child.kill('SIGKILL');
  await first.done;

  const beforeRestart = await readRecords(out);
  const survived = beforeRestart.records.map((record) => record.runId);
  assert.ok(survived.length < 16, 'the sweep was killed before its end');
  assert.deepEqual(beforeRestart.problems, [], 'no record is half-written');

  const second = runCli([...common, '--json']);
  const { code, stdout } = await second.done;
  assert.equal(code, 0);

  const events = stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
  const rerun = events
    .filter((event) => event.type === 'run-end')
    .map((event) => event.runId as string);
  const overlap = rerun.filter((runId) => survived.includes(runId));
  assert.deepEqual(overlap, [], 'no finished run ran again');

  const after = await readResults(out);
  const expected = expandSweep(after.sweep)
    .map((run) => run.runId)
    .sort();
  assert.deepEqual(
    after.records.map((record) => record.runId),
    expected,
  );
  assert.deepEqual([...survived, ...rerun].sort(), expected);
  assert.deepEqual(after.problems, []);
});

test('a truncated record is reported, not trusted, and run again', async () => {
  const sweep = tinySweep({ seeds: '1..2' });
  const dir = await scratchDir('corrupt');
  await runSweep({ sweep, dir, workers: 2, report: false });
  const original = byRunId((await readResults(dir)).records);

  const victim = expandSweep(sweep)[1].runId;
  const file = recordPath(dir, victim);
  const text = await fs.readFile(file, 'utf8');
  await fs.writeFile(file, text.slice(0, Math.floor(text.length / 3)));

  const broken = await readResults(dir);
  assert.equal(broken.records.length, 3);
  assert.equal(broken.problems.length, 1);
  assert.equal(broken.problems[0].file, file);
  assert.match(broken.problems[0].message, /not valid JSON/);
  const plan = await planSweep(sweep, dir, null);
  assert.deepEqual(
    plan.entries.map((entry) => entry.state),
    ['done', 'untrusted', 'done', 'done'],
  );

  const again = await runSweep({ sweep, dir, workers: 1, report: false });
  assert.equal(again.ran, 1);
  assert.equal(again.skipped, 3);
  const repaired = await readResults(dir);
  assert.deepEqual(repaired.problems, []);
  assert.deepEqual(byRunId(repaired.records), original);
});

test('a folder holding another sweep is refused; --fresh moves it aside', async () => {
  const dir = path.join(await scratchDir('other'), 'out');
  await runSweep({ sweep: tinySweep({ seeds: '1' }), dir, report: false });

  const other = tinySweep({ seeds: '1..2' });
  await assert.rejects(
    runSweep({ sweep: other, dir, report: false }),
    (error: Error) =>
      error.name === 'UserError' &&
      /different sweep \(seeds: \[1\] there, \[1,2\] here\)/.test(
        error.message,
      ),
  );

  const fresh = await runSweep({
    sweep: other,
    dir,
    report: false,
    fresh: true,
  });
  assert.match(fresh.movedAside ?? '', /out\.\d{4}-\d\d-\d\dT/);
  assert.equal(fresh.ran, 4);
  assert.equal((await readRecords(fresh.movedAside!)).records.length, 2);

  await assert.rejects(
    runSweep({ sweep: other, dir, fresh: true, shard: { index: 0, count: 2 } }),
    /--fresh cannot be combined with --shard/,
  );
});
