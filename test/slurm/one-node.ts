/**
 * A one-node Slurm for tests: munged, slurmctld and slurmd on this machine,
 * configured in a temporary folder, stopped again by `stop()`.
 *
 * What it takes on Debian 12 without systemd is written up in
 * /work/shared/notes/slurm-one-node.md; each step below follows it.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, openSync, readFileSync, closeSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { cpus, freemem, hostname, tmpdir } from 'node:os';
import { join } from 'node:path';

/** Debian packages that give a one-node cluster and its clients. */
export const SLURM_PACKAGES = ['slurmctld', 'slurmd', 'slurm-client', 'munge'];

/** Slurm is up, or the reason it could not be started here. */
export type SlurmAvailability =
  | { kind: 'ready'; installed: boolean }
  | { kind: 'unavailable'; reason: string };

/** A running one-node cluster. */
export interface OneNodeSlurm {
  /** Environment for every client command: SLURM_CONF points at ours. */
  env: NodeJS.ProcessEnv;
  /** The temporary folder holding slurm.conf, state, spool and logs. */
  folder: string;
  /** Runs a Slurm client (squeue, scancel, ...) and returns its stdout. */
  client(program: string, args: string[]): Promise<string>;
  /** Cancels every job, waits for the queue to empty, stops the daemons. */
  stop(): Promise<void>;
}

/** Thrown when a daemon or client does not behave; the test fails on it. */
export class SlurmHarnessError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SlurmHarnessError';
  }
}

const SLURMCTLD = '/usr/sbin/slurmctld';
const SLURMD = '/usr/sbin/slurmd';
const MUNGED = '/usr/sbin/munged';

/**
 * Checks that this process may run a one-node Slurm (root) and installs the
 * packages when they are missing (Debian's apt-get). Never throws: what
 * stands in the way becomes the reason.
 */
export async function ensureSlurmInstalled(
  timeoutMs: number,
): Promise<SlurmAvailability> {
  if (process.getuid?.() !== 0) {
    return unavailable(
      'a one-node Slurm needs root (munged, slurmctld and slurmd are started here)',
    );
  }
  if (existsSync(SLURMCTLD) && existsSync(SLURMD) && existsSync(MUNGED)) {
    return { kind: 'ready', installed: false };
  }
  if (!existsSync('/etc/debian_version') || !existsSync('/usr/bin/apt-get')) {
    return unavailable('Slurm is not installed and this is not Debian');
  }

  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const deadline = Date.now() + timeoutMs;
  try {
    await run('apt-get', ['update', '-qq'], { env, timeoutMs });
    await run(
      'apt-get',
      ['install', '-y', '-qq', '--no-install-recommends', ...SLURM_PACKAGES],
      { env, timeoutMs: Math.max(1, deadline - Date.now()) },
    );
  } catch (error) {
    const packages = SLURM_PACKAGES.join(' ');
    return unavailable(`installing ${packages} failed: ${message(error)}`);
  }
  return { kind: 'ready', installed: true };
}

function unavailable(reason: string): SlurmAvailability {
  return { kind: 'unavailable', reason };
}

/**
 * Starts munged (unless one already answers), slurmctld and slurmd with a
 * fresh configuration, and waits until the node is idle. On failure it stops
 * whatever it started and throws SlurmHarnessError with the daemons' logs.
 */
export async function startOneNodeSlurm(
  timeoutMs: number,
): Promise<OneNodeSlurm> {
  const folder = await mkdtemp(join(tmpdir(), 'gansweep-slurm-'));
  const env = { ...process.env, SLURM_CONF: join(folder, 'slurm.conf') };
  const daemons: Daemon[] = [];
  const stop = () => stopCluster(env, daemons, folder);

  try {
    await writeConfig(folder);

    const munged = await startMunge(folder);
    if (munged !== null) daemons.push(munged);

    daemons.push(daemon('slurmctld', SLURMCTLD, ['-D', '-c'], env, folder));
    daemons.push(daemon('slurmd', SLURMD, ['-D'], env, folder));
    await waitForIdleNode(env, daemons, timeoutMs);
  } catch (error) {
    const logs = daemons.map((d) => tail(d.log)).join('\n');
    await stop();
    throw new SlurmHarnessError(`${message(error)}\n${logs}`);
  }

  return {
    env,
    folder,
    client: (program, args) => run(program, args, { env, timeoutMs: 15_000 }),
    stop,
  };
}

/** A daemon we started, with its log file. */
interface Daemon {
  name: string;
  child: ChildProcess;
  log: string;
  exited: Promise<void>;
}

/**
 * The configuration from the note: root runs everything, no cgroups, no
 * accounting, CPUs as consumable, and a dependency that can never be met
 * is dropped instead of pending forever.
 */
async function writeConfig(folder: string): Promise<void> {
  const node = hostname().split('.')[0];
  const [controllerPort, nodePort] = [await freePort(), await freePort()];
  await mkdir(join(folder, 'state'));
  await mkdir(join(folder, 'spool'));

  // A little under what is free, so slurmd does not drain the node for
  // reporting less memory than the configuration promises.
  const memoryMb = Math.max(256, Math.floor((freemem() / 2 ** 20) * 0.8));

  const lines = [
    'ClusterName=gansweep-test',
    `SlurmctldHost=${node}(127.0.0.1)`,
    `SlurmctldPort=${controllerPort}`,
    `SlurmdPort=${nodePort}`,
    'SlurmUser=root',
    'SlurmdUser=root',
    'AuthType=auth/munge',
    `StateSaveLocation=${join(folder, 'state')}`,
    `SlurmdSpoolDir=${join(folder, 'spool')}`,
    `SlurmctldPidFile=${join(folder, 'slurmctld.pid')}`,
    `SlurmdPidFile=${join(folder, 'slurmd.pid')}`,
    'ProctrackType=proctrack/linuxproc',
    'TaskPlugin=task/none',
    'SelectType=select/cons_tres',
    'SelectTypeParameters=CR_CPU',
    'SchedulerType=sched/builtin',
    // Launch a batch job as soon as it can start: by default slurmctld may
    // hold a launch up to 3 s, which adds that to every wave of tasks.
    'SchedulerParameters=batch_sched_delay=0',
    'AccountingStorageType=accounting_storage/none',
    'JobAcctGatherType=jobacct_gather/none',
    'JobCompType=jobcomp/none',
    'MailProg=/bin/true',
    'DependencyParameters=kill_invalid_depend',
    'ReturnToService=2',
    'SlurmctldDebug=info',
    'SlurmdDebug=info',
    `NodeName=${node} NodeAddr=127.0.0.1 CPUs=${cpus().length} ` +
      `RealMemory=${memoryMb} State=UNKNOWN`,
    'PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP',
  ];
  await writeFile(join(folder, 'slurm.conf'), `${lines.join('\n')}\n`);
}

/**
 * munged needs its socket folder, which nothing creates without systemd.
 * An munged that already answers is left alone (returns null) and so is
 * not stopped later; otherwise ours runs in the foreground as `munge`.
 */
async function startMunge(folder: string): Promise<Daemon | null> {
  if (await mungeAnswers()) return null;

  await run(
    'install',
    ['-d', '-o', 'munge', '-g', 'munge', '-m', '0755', '/run/munge'],
    {
      timeoutMs: 5_000,
    },
  );
  if (!existsSync('/etc/munge/munge.key')) {
    await run('runuser', ['-u', 'munge', '--', 'mungekey', '--create'], {
      timeoutMs: 10_000,
    });
  }

  // Started as the munge user directly rather than through runuser, so
  // the child we signal at the end is munged itself.
  const uid = Number(await run('id', ['-u', 'munge'], { timeoutMs: 5_000 }));
  const gid = Number(await run('id', ['-g', 'munge'], { timeoutMs: 5_000 }));
  const munged = daemon(
    'munged',
    MUNGED,
    ['--foreground'],
    process.env,
    folder,
    {
      uid,
      gid,
    },
  );
  await waitFor('munged to answer', 10_000, [munged], mungeAnswers);
  return munged;
}

/** True when `munge -n | unmunge` round-trips a credential. */
async function mungeAnswers(): Promise<boolean> {
  try {
    const credential = await run('munge', ['-n'], { timeoutMs: 5_000 });
    await run('unmunge', [], { timeoutMs: 5_000, input: credential });
    return true;
  } catch {
    return false;
  }
}

/** Starts a daemon in the foreground with its output in `<name>.log`. */
function daemon(
  name: string,
  program: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  folder: string,
  user: { uid: number; gid: number } | null = null,
): Daemon {
  const log = join(folder, `${name}.log`);
  const fd = openSync(log, 'a');
  const child = spawn(program, args, {
    env,
    stdio: ['ignore', fd, fd],
    ...(user ?? {}),
  });
  closeSync(fd);

  const exited = new Promise<void>((resolve) => {
    child.on('exit', () => resolve());
    child.on('error', () => resolve());
  });
  return { name, child, log, exited };
}

/** The node reports idle once slurmd has registered with slurmctld. */
async function waitForIdleNode(
  env: NodeJS.ProcessEnv,
  daemons: Daemon[],
  timeoutMs: number,
): Promise<void> {
  await waitFor(
    'the node to be idle in sinfo',
    timeoutMs,
    daemons,
    async () => {
      try {
        const state = await run('sinfo', ['-h', '-o', '%t'], {
          env,
          timeoutMs: 5_000,
        });
        return state.trim() === 'idle';
      } catch {
        return false;
      }
    },
  );
}

/**
 * Polls `ready` every 200 ms until it holds; throws when the time is up or
 * when one of the daemons it depends on has exited.
 */
async function waitFor(
  what: string,
  timeoutMs: number,
  daemons: Daemon[],
  ready: () => Promise<boolean>,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await ready())) {
    const dead = daemons.find((d) => d.child.exitCode !== null);
    if (dead) {
      throw new SlurmHarnessError(
        `${dead.name} exited while waiting for ${what}`,
      );
    }
    if (Date.now() > deadline) {
      throw new SlurmHarnessError(
        `timed out after ${timeoutMs} ms waiting for ${what}`,
      );
    }
    await sleep(200);
  }
}

/**
 * Each job's slurmstepd outlives slurmd and ignores SIGTERM, so every job is
 * cancelled and the queue drained before the daemons are stopped, in the
 * reverse order of their start. Daemons get SIGTERM, then SIGKILL.
 */
async function stopCluster(
  env: NodeJS.ProcessEnv,
  daemons: Daemon[],
  folder: string,
): Promise<void> {
  const controller = daemons.find((d) => d.name === 'slurmctld');
  if (controller && controller.child.exitCode === null) {
    await drainQueue(env);
  }

  for (const d of [...daemons].reverse()) await stopDaemon(d);
  await rm(folder, { recursive: true, force: true });
}

/** Cancels every job and waits up to 20 s for squeue to list none. */
async function drainQueue(env: NodeJS.ProcessEnv): Promise<void> {
  const options = { env, timeoutMs: 10_000 };
  try {
    await run('scancel', ['--user', 'root'], options);
    await waitFor('the queue to empty', 20_000, [], async () => {
      const jobs = await run('squeue', ['-h', '-o', '%i'], options);
      return jobs.trim() === '';
    });
  } catch {
    // The daemons are stopped anyway; a job step left behind is reaped
    // with its slurmstepd when that is killed below.
  }
}

async function stopDaemon(d: Daemon): Promise<void> {
  if (d.child.exitCode !== null || d.child.signalCode !== null) return;

  d.child.kill('SIGTERM');
  const killer = setTimeout(() => d.child.kill('SIGKILL'), 5_000);
  await d.exited;
  clearTimeout(killer);
}

/** A TCP port nothing listens on now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Options for one client command. */
interface RunOptions {
  env?: NodeJS.ProcessEnv;
  timeoutMs: number;
  input?: string;
}

/**
 * Runs a program to completion and returns its stdout; throws with its
 * stderr when it fails or runs past the time limit.
 */
export function run(
  program: string,
  args: string[],
  options: RunOptions,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      program,
      args,
      { env: options.env ?? process.env, timeout: options.timeoutMs },
      (error, stdout, stderr) => {
        if (error) {
          const detail = String(stderr).trim() || error.message;
          reject(
            new SlurmHarnessError(`${program} ${args.join(' ')}: ${detail}`),
          );
        } else {
          resolve(String(stdout));
        }
      },
    );
    // A program that exits before reading its input must not turn into an
    // unhandled EPIPE; its exit status already says what went wrong.
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(options.input ?? '');
  });
}

/** The last lines of a log file, for a failure message. */
function tail(path: string): string {
  if (!existsSync(path)) return `(${path}: none)`;
  const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
  return `--- ${path}\n${lines.slice(-15).join('\n')}`;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
