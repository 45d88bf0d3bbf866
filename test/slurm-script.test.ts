/**
 * The sbatch scripts as text, and as bash runs them: the words that reach
 * gansweep must be exactly the paths and overrides given, however odd.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';

import { tasksWithWork } from '../src/cluster/prepare.js';
import {
  afterArrayOption,
  arrayRange,
  arrayScript,
  jobNameFor,
  reportScript,
  shellQuote,
  type ArrayJobOptions,
} from '../src/cluster/script.js';
import {
  parseJobId,
  submitArrayJob,
  SubmitError,
  type CommandResult,
} from '../src/cluster/submit.js';
import type { PlannedRun } from '../src/config/plan.js';
import { UserError } from '../src/errors.js';
import type { RunState, SweepPlan } from '../src/sweep/index.js';

/** printf stands in for node + main.js: it prints each word on a line. */
function options(overrides: Partial<ArrayJobOptions> = {}): ArrayJobOptions {
  return {
    sweepPath: '/shared/my sweeps/it\'s "a" $HOME.yaml',
    outDir: '/shared/results/first try',
    tasks: 4,
    only: null,
    cpusPerTask: 2,
    partition: null,
    time: null,
    jobName: 'gansweep-article',
    gansweep: ['printf', '%s\\n'],
    sets: ['training.rounds=20', "variants.0.name=it's; rm -rf ~"],
    seeds: '1..8',
    ...overrides,
  };
}

/** Runs a script with bash and the given environment; returns its lines. */
function runScript(text: string, env: Record<string, string>): string[] {
  const result = spawnSync('bash', ['-s'], {
    input: text,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env },
  });
  assert.equal(result.status, 0, result.stderr);
  return result.stdout.split('\n').slice(0, -1);
}

function directives(text: string): string[] {
  return text
    .split('\n')
    .filter((line) => line.startsWith('#SBATCH '))
    .map((line) => line.slice('#SBATCH '.length));
}

describe('shellQuote', () => {
  it('leaves safe words bare and round-trips the rest through bash', () => {
    assert.equal(shellQuote('training.rounds=20'), 'training.rounds=20');
    assert.equal(shellQuote('/a/b-c_d.yaml'), '/a/b-c_d.yaml');

    const odd = ['', "it's", 'a b', '$HOME', '`id`', '"q"', '*', '~', 'x\ny'];
    const echoed = runScript(
      `printf '%s\\n' ${odd.map(shellQuote).join(' ')}`,
      {},
    );
    assert.deepEqual(
      echoed,
      odd.flatMap((word) => word.split('\n')),
    );
  });
});

describe('arrayScript', () => {
  it('asks for one array task per shard, 0 to N-1', () => {
    const lines = directives(arrayScript(options({ tasks: 4 })));
    assert.ok(lines.includes('--array=0-3'), lines.join('\n'));

    const one = directives(arrayScript(options({ tasks: 1 })));
    assert.ok(one.includes('--array=0'), one.join('\n'));
  });

  it('asks for only the given task ids on a resubmission', () => {
    const lines = directives(arrayScript(options({ only: [1, 3] })));
    assert.ok(lines.includes('--array=1,3'), lines.join('\n'));

    for (const only of [[], [4], [2, 1], [1, 1], [-1]]) {
      assert.throws(
        () => arrayScript(options({ only })),
        UserError,
        JSON.stringify(only),
      );
    }
  });

  it('names the job, the CPUs, the placement and the log paths', () => {
    const text = arrayScript(
      options({ partition: 'short', time: '0-01:30:00', cpusPerTask: 3 }),
    );

    assert.deepEqual(directives(text), [
      '--job-name=gansweep-article',
      '--array=0-3',
      '--cpus-per-task=3',
      '--partition=short',
      '--time=0-01:30:00',
      '--output="/shared/results/first try/slurm/array-%A_%a.out"',
    ]);
    assert.ok(text.startsWith('#!/bin/bash\n'));
  });

  it('runs shard $SLURM_ARRAY_TASK_ID/N with the task CPUs as workers', () => {
    const words = runScript(arrayScript(options()), {
      SLURM_ARRAY_TASK_ID: '2',
      SLURM_CPUS_PER_TASK: '2',
    });

    assert.deepEqual(words, [
      'run',
      '/shared/my sweeps/it\'s "a" $HOME.yaml',
      '--shard',
      '2/4',
      '--workers',
      '2',
      '--out',
      '/shared/results/first try',
      '--no-report',
      '--set',
      'training.rounds=20',
      '--set',
      "variants.0.name=it's; rm -rf ~",
      '--seeds',
      '1..8',
    ]);
  });

  it('stops rather than guessing when it is not run as an array task', () => {
    const result = spawnSync('bash', ['-s'], {
      input: arrayScript(options()),
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin' },
    });
    assert.notEqual(result.status, 0);
    assert.match(result.stderr, /SLURM_ARRAY_TASK_ID/);
  });

  it('passes no --seeds when none were given', () => {
    const words = runScript(arrayScript(options({ seeds: null, sets: [] })), {
      SLURM_ARRAY_TASK_ID: '0',
      SLURM_CPUS_PER_TASK: '1',
    });
    assert.equal(words.includes('--seeds'), false);
    assert.equal(words.includes('--set'), false);
    assert.equal(words.at(-1), '--no-report');
  });

  it('refuses options that an #SBATCH line cannot carry', () => {
    const bad: Partial<ArrayJobOptions>[] = [
      { tasks: 0 },
      { tasks: 2.5 },
      { cpusPerTask: 0 },
      { partition: 'short\n#SBATCH --mem=1T' },
      { time: '1 hour' },
      { outDir: '/scratch/100%' },
      { outDir: '/scratch/"quoted"' },
      { outDir: '/scratch/back\\slash' },
    ];
    for (const overrides of bad) {
      assert.throws(
        () => arrayScript(options(overrides)),
        UserError,
        JSON.stringify(overrides),
      );
    }
    assert.doesNotThrow(() => arrayScript(options({ time: 'UNLIMITED' })));
  });
});

describe('reportScript', () => {
  it('finishes the same request on one CPU: summary, report, what is missing', () => {
    const text = reportScript(
      options({ partition: 'short', time: '30', only: [2] }),
    );

    assert.deepEqual(directives(text), [
      '--job-name=gansweep-article-report',
      '--cpus-per-task=1',
      '--partition=short',
      '--time=30',
      '--output="/shared/results/first try/slurm/report-%j.out"',
    ]);
    assert.deepEqual(runScript(text, {}), [
      'slurm',
      '/shared/my sweeps/it\'s "a" $HOME.yaml',
      '--tasks',
      '4',
      '--cpus-per-task',
      '2',
      '--partition',
      'short',
      '--time',
      '30',
      '--out',
      '/shared/results/first try',
      '--set',
      'training.rounds=20',
      '--set',
      "variants.0.name=it's; rm -rf ~",
      '--seeds',
      '1..8',
      '--finish',
    ]);
  });
});

describe('arrayRange', () => {
  it('writes runs of consecutive ids as ranges', () => {
    assert.equal(arrayRange([0, 1, 2, 3]), '0-3');
    assert.equal(arrayRange([0]), '0');
    assert.equal(arrayRange([1, 3]), '1,3');
    assert.equal(arrayRange([0, 1, 2, 5, 7, 8]), '0-2,5,7-8');
  });
});

describe('tasksWithWork', () => {
  /** A plan of runs in expansion order with the given states. */
  function plan(states: RunState[]): SweepPlan {
    const entries = states.map((state) => ({
      run: {} as PlannedRun,
      state,
      record: null,
      problem: null,
    }));
    return { allRuns: states.length, entries, problems: [] };
  }

  it('names the shards holding a run that is not done', () => {
    // Shard I of 4 holds positions I and I+4 (round-robin): position 2
    // (new) is in shard 2, position 7 (failed) in shard 3, position 4
    // (untrusted) in shard 0; shard 1 (positions 1 and 5) is all done.
    const states: RunState[] = [
      'done',
      'done',
      'new',
      'done',
      'untrusted',
      'done',
      'done',
      'failed',
    ];
    assert.deepEqual(tasksWithWork(plan(states), 4), [0, 2, 3]);
    assert.deepEqual(tasksWithWork(plan(states.map(() => 'done')), 4), []);
  });

  it('leaves out tasks whose shard is empty', () => {
    // Three runs over five tasks: shards 3 and 4 hold nothing.
    assert.deepEqual(tasksWithWork(plan(['new', 'new', 'new']), 5), [0, 1, 2]);
  });
});

describe('dependency and job names', () => {
  it('holds the report job until every array task has ended', () => {
    assert.equal(afterArrayOption('4242'), '--dependency=afterany:4242');
    assert.throws(() => afterArrayOption('4242_1'), UserError);
    assert.throws(() => afterArrayOption(''), UserError);
  });

  it('makes a job name Slurm accepts from any sweep name', () => {
    assert.equal(jobNameFor('article'), 'gansweep-article');
    assert.equal(jobNameFor('lr sweep #2'), 'gansweep-lr-sweep-2');
    assert.equal(jobNameFor(''), 'gansweep-sweep');
  });
});

describe('submitArrayJob', () => {
  const scripts = {
    array: '/r/slurm/array.sbatch',
    report: '/r/slurm/r.sbatch',
  };

  it('submits the array, then the report after it, and returns both ids', async () => {
    const calls: string[][] = [];
    const replies = ['101\n', '102;cluster\n'];
    const jobs = await submitArrayJob(scripts, async (program, args) => {
      calls.push([program, ...args]);
      return { kind: 'exited', code: 0, stdout: replies.shift()!, stderr: '' };
    });

    assert.deepEqual(jobs, { arrayJobId: '101', reportJobId: '102' });
    assert.deepEqual(calls, [
      ['sbatch', '--parsable', '/r/slurm/array.sbatch'],
      [
        'sbatch',
        '--parsable',
        '--dependency=afterany:101',
        '/r/slurm/r.sbatch',
      ],
    ]);
  });

  it('says so clearly when sbatch is not installed', async () => {
    await assert.rejects(
      submitArrayJob(scripts, async () => ({ kind: 'missing' })),
      (error: unknown) =>
        error instanceof SubmitError &&
        error.exitCode === 2 &&
        /sbatch is not on PATH/.test(error.message) &&
        /login node/.test(error.hint ?? ''),
    );
  });

  it('names the queued array job when only the report submission fails', async () => {
    const replies: CommandResult[] = [
      { kind: 'exited', code: 0, stdout: '7\n', stderr: '' },
      { kind: 'exited', code: 1, stdout: '', stderr: 'invalid partition' },
    ];
    await assert.rejects(
      submitArrayJob(scripts, async () => replies.shift()!),
      /invalid partition.*scancel 7/,
    );
  });

  it('reads the job id after any warning lines', () => {
    assert.equal(parseJobId('sbatch: warning: x\n55\n'), '55');
    assert.throws(() => parseJobId('Submitted batch job 55\n'), SubmitError);
  });
});
