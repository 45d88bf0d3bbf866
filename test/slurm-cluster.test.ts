/**
 * `gansweep slurm --submit` on a real one-node Slurm (munged, slurmctld and
 * slurmd on this machine): the merged results of a job array equal those of
 * the same sweep run in one process, and a cancelled task loses only its
 * unfinished runs, which a resubmission runs and nothing else.
 *
 * Slurm is installed from Debian when missing. Where it cannot be (not
 * root, not Debian, no package) or will not start, the tests are skipped
 * with the reason; with CI=true as root on Debian they fail instead.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import {
  mkdtemp,
  readdir,
  readFile,
  rm,
  stat,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it, type TestContext } from 'node:test';

import { expandSweep, loadSweepFile } from '../src/config/index.js';
import { readRecords, recordPath, TIMING_FIELDS } from '../src/store/index.js';
import type { RunRecord } from '../src/store/index.js';
import { selectShard } from '../src/sweep/index.js';
import {
  ensureSlurmInstalled,
  sleep,
  startOneNodeSlurm,
  type OneNodeSlurm,
} from './slurm/one-node.js';

const MAIN = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));
const TASKS = 4;

/** In CI here (root, Debian) Slurm must run: a skip would hide a failure. */
const MUST_RUN =
  process.env.CI === 'true' &&
  process.getuid?.() === 0 &&
  existsSync('/etc/debian_version');

/** 2 groups x 4 seeds of 20 rounds: 8 runs, two per task, each ~0.1 s. */
const QUICK_SWEEP = `name: slurm-quick
spec:
  training:
    rounds: 20
    minibatch: 100
    logEvery: 10
    finalSamples: 1000
seeds: 1..4
grid:
  discriminator.input: [moments, raw]
`;

/**
 * 4 groups x 2 seeds: the 20-round groups come first in expansion order and
 * the 3,000-round ones (~4.5 s a run on an idle core, so that the
 * test reacts well before one ends) last, so each task's
 * shard is one quick run then one slow one: a task cancelled once its
 * first record lands is caught in the middle of its second run.
 */
const SLOW_SWEEP = `name: slurm-slow
spec:
  training:
    minibatch: 100
    logEvery: 100
    finalSamples: 1000
seeds: 1..2
grid:
  training.rounds: [20, 3000]
  discriminator.input: [moments, raw]
`;

describe('gansweep slurm on a one-node Slurm', { timeout: 240_000 }, () => {
  let slurm: OneNodeSlurm | null = null;
  let unavailable = 'Slurm was not started';
  let work = '';

  before(async () => {
    work = await mkdtemp(join(tmpdir(), 'gansweep-slurm-test-'));
    const started = Date.now();

    const installed = await ensureSlurmInstalled(90_000);
    if (installed.kind === 'unavailable') {
      unavailable = installed.reason;
      if (MUST_RUN) throw new Error(`CI=true: ${installed.reason}`);
      return;
    }

    try {
      slurm = await startOneNodeSlurm(30_000);
    } catch (error) {
      unavailable = `the daemons did not come up: ${String(error)}`;
      if (MUST_RUN) throw error;
      return;
    }
    const what = installed.installed ? 'installed and started' : 'started';
    process.stderr.write(
      `Slurm ${what} in ${Date.now() - started} ms (${slurm.folder})\n`,
    );
  });

  after(async () => {
    await slurm?.stop();
    if (work !== '') await rm(work, { recursive: true, force: true });
  });

  /** The cluster, or a skip that says why there is none. */
  function cluster(t: TestContext): OneNodeSlurm | null {
    if (slurm !== null) return slurm;
    t.diagnostic(`Slurm test skipped: ${unavailable}`);
    t.skip(`no Slurm here: ${unavailable}`);
    return null;
  }

  it('runs a sweep as 4 array tasks; the records equal a one-process run', async (t) => {
    const s = cluster(t);
    if (s === null) return;
    const sweep = await sweepFile(work, 'quick.yaml', QUICK_SWEEP);
    const out = join(work, 'quick on slurm');

    const jobs = await submit(s, sweep, out);
    const local = gansweep(s, [
      'run',
      sweep,
      '--workers',
      '1',
      '--out',
      join(work, 'quick-local'),
      '--no-report',
      '--quiet',
    ]);
    await waitForJobs(s, jobs, out, 90_000);
    await local;

    assert.deepEqual(await taskStates(s, jobs.array), {
      0: 'COMPLETED',
      1: 'COMPLETED',
      2: 'COMPLETED',
      3: 'COMPLETED',
    });
    assert.equal(await jobState(s, jobs.report), 'COMPLETED');
    await assertSameRecords(out, join(work, 'quick-local'), 8);
    await assertFinished(out, jobs.report, 8, /All 8 runs have records/);
  });

  it('a cancelled task loses only its unfinished run; resubmitting runs just that', async (t) => {
    const s = cluster(t);
    if (s === null) return;
    const sweep = await sweepFile(work, 'slow.yaml', SLOW_SWEEP);
    const out = join(work, 'slow on slurm');
    const [first, second] = shardRuns(sweep, 3);

    const jobs = await submit(s, sweep, out);
    const local = gansweep(s, [
      'run',
      sweep,
      '--workers',
      '1',
      '--out',
      join(work, 'slow-local'),
      '--no-report',
      '--quiet',
    ]);
    await waitUntil(s, out, `task 3's first record`, 90_000, async () =>
      existsSync(recordPath(out, first)),
    );
    await s.client('scancel', [`${jobs.array}_3`]);
    await waitForJobs(s, jobs, out, 90_000);

    assert.equal(
      existsSync(recordPath(out, second)),
      false,
      'task 3 finished its slow run before it was cancelled: make it slower',
    );
    assert.equal((await taskStates(s, jobs.array))[3], 'CANCELLED');
    // The report job runs after a cancelled task too (afterany) and exits 1
    // to say the sweep is incomplete.
    assert.equal(await jobState(s, jobs.report), 'FAILED');
    await assertFinished(out, jobs.report, 7, /1 of 8 runs have no record/);
    const before = await recordTexts(out);

    const again = await submit(s, sweep, out);
    const arrayScript = await readFile(join(out, 'slurm/array.sbatch'), 'utf8');
    assert.match(arrayScript, /^#SBATCH --array=3$/m);
    await waitForJobs(s, again, out, 90_000);
    await local;

    const afterwards = await recordTexts(out);
    for (const [file, text] of before) {
      assert.equal(afterwards.get(file), text, `${file} was rewritten`);
    }
    assert.deepEqual(
      [...afterwards.keys()].filter((file) => !before.has(file)),
      [`${second}.json`],
    );
    await assertSameRecords(out, join(work, 'slow-local'), 8);
    await assertFinished(out, again.report, 8, /All 8 runs have records/);
  });
});

async function sweepFile(dir: string, name: string, text: string) {
  const file = join(dir, name);
  await writeFile(file, text);
  return file;
}

/** Run ids of array task `task`'s shard, in the order the task runs them. */
function shardRuns(sweep: string, task: number): string[] {
  const runs = expandSweep(loadSweepFile(sweep));
  const shard = selectShard(runs, { index: task, count: TASKS });
  return shard.map((run) => run.runId);
}

interface Jobs {
  array: string;
  report: string;
}

/** `gansweep slurm --submit`, and the two job ids it prints. */
async function submit(s: OneNodeSlurm, sweep: string, out: string) {
  const stdout = await gansweep(s, [
    'slurm',
    sweep,
    '--tasks',
    `${TASKS}`,
    '--out',
    out,
    '--submit',
  ]);
  const array = /^array job (\d+)$/m.exec(stdout)?.[1];
  const report = /^report job (\d+)$/m.exec(stdout)?.[1];
  assert.ok(array && report, `no job ids in: ${stdout}`);
  return { array, report };
}

/**
 * Runs this build's CLI with the cluster's SLURM_CONF; its stdout. The
 * promise may be awaited long after it settles (a local run beside the
 * cluster's), so a failure is marked handled here and thrown at the await.
 */
function gansweep(s: OneNodeSlurm, args: string[]): Promise<string> {
  const done = new Promise<string>((resolve, reject) => {
    execFile(
      process.execPath,
      [MAIN, ...args],
      { env: s.env, timeout: 60_000 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`gansweep ${args.join(' ')}: ${stderr}`));
        else resolve(stdout);
      },
    );
  });
  done.catch(() => undefined);
  return done;
}

/** Polls `squeue` every 250 ms until neither job is queued or running. */
async function waitForJobs(
  s: OneNodeSlurm,
  jobs: Jobs,
  out: string,
  timeoutMs: number,
) {
  const ids = `${jobs.array},${jobs.report}`;
  await waitUntil(s, out, `jobs ${ids} to end`, timeoutMs, async () => {
    const queued = await s.client('squeue', ['-h', '-j', ids]);
    return queued.trim() === '';
  });
}

/**
 * Polls `ready` every 250 ms; past the deadline, fails with what Slurm
 * says about the queue and the node, and the end of every job log.
 */
async function waitUntil(
  s: OneNodeSlurm,
  out: string,
  what: string,
  timeoutMs: number,
  ready: () => Promise<boolean>,
) {
  const deadline = Date.now() + timeoutMs;
  while (!(await ready())) {
    if (Date.now() > deadline) {
      assert.fail(
        `waited ${timeoutMs} ms for ${what}\n${await diagnose(s, out)}`,
      );
    }
    await sleep(250);
  }
}

async function diagnose(s: OneNodeSlurm, out: string): Promise<string> {
  const queue = await s.client('squeue', ['-o', '%i %t %M %r']);
  const node = await s.client('sinfo', ['-N', '-o', '%N %t %E']);
  const logs = join(out, 'slurm');
  const tails = await Promise.all(
    (await readdir(logs))
      .filter((name) => name.endsWith('.out'))
      .map(async (name) => {
        const text = await readFile(join(logs, name), 'utf8');
        return `--- ${name}\n${text.split('\n').slice(-6).join('\n')}`;
      }),
  );
  return [`squeue:\n${queue}`, `sinfo:\n${node}`, ...tails].join('\n');
}

/** JobState of each task of an array job, by task id. */
async function taskStates(s: OneNodeSlurm, arrayJob: string) {
  const lines = await s.client('scontrol', ['-o', 'show', 'job', arrayJob]);
  const states: Record<number, string> = {};
  for (const line of lines.trim().split('\n')) {
    const task = /ArrayTaskId=(\d+)/.exec(line)?.[1];
    const state = /JobState=(\S+)/.exec(line)?.[1];
    if (task !== undefined && state !== undefined) states[+task] = state;
  }
  return states;
}

async function jobState(s: OneNodeSlurm, job: string) {
  const line = await s.client('scontrol', ['-o', 'show', 'job', job]);
  return /JobState=(\S+)/.exec(line)?.[1];
}

/** Every record in `dir` by run id, timing fields removed. */
async function recordsOf(dir: string): Promise<Map<string, unknown>> {
  const { records, problems } = await readRecords(dir);
  assert.deepEqual(problems, [], `untrusted records in ${dir}`);
  return new Map(records.map((record) => [record.runId, untimed(record)]));
}

function untimed(record: RunRecord): Partial<RunRecord> {
  const copy: Partial<RunRecord> = { ...record };
  for (const field of TIMING_FIELDS) delete copy[field];
  return copy;
}

async function assertSameRecords(
  slurmDir: string,
  localDir: string,
  n: number,
) {
  const [merged, local] = [
    await recordsOf(slurmDir),
    await recordsOf(localDir),
  ];
  assert.equal(local.size, n);
  assert.deepEqual(
    [...merged.keys()].sort(),
    [...local.keys()].sort(),
    'the array ran other runs than the one-process sweep',
  );
  for (const [runId, record] of local) {
    assert.deepEqual(merged.get(runId), record, `run ${runId} differs`);
  }
}

/** The raw text of every record file, by file name. */
async function recordTexts(dir: string): Promise<Map<string, string>> {
  const { records } = await readRecords(dir);
  const texts = new Map<string, string>();
  for (const record of records) {
    texts.set(
      `${record.runId}.json`,
      await readFile(recordPath(dir, record.runId), 'utf8'),
    );
  }
  return texts;
}

/**
 * The report job's work: summary.json lists `runs` runs, report.html is
 * there, and its log says what the test expects.
 */
async function assertFinished(
  out: string,
  reportJob: string,
  runs: number,
  says: RegExp,
) {
  const logFile = join(out, `slurm/report-${reportJob}.out`);
  const log = await readFile(logFile, 'utf8');
  assert.match(log, says);
  assert.match(log, /^report: .*report\.html$/m);

  const summary = JSON.parse(await readFile(join(out, 'summary.json'), 'utf8'));
  assert.equal(summary.runs.length, runs, 'summary.json runs');
  assert.ok((await stat(join(out, 'report.html'))).size > 10_000, log);
}
