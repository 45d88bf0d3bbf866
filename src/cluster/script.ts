/**
 * sbatch scripts for a sweep run as a Slurm job array: one array task per
 * shard, then one dependent job that renders the report. Pure functions of
 * their options, so every line a cluster sees can be checked in a unit test.
 */
import { UserError } from '../errors.js';

/** Everything the two scripts depend on; paths are absolute. */
export interface ArrayJobOptions {
  /** The sweep file, absolute, on a filesystem the compute nodes share. */
  sweepPath: string;
  /** The results folder, absolute; logs go to `<outDir>/slurm/`. */
  outDir: string;
  /** Array tasks, one shard each: `--array=0-(tasks-1)`. */
  tasks: number;
  /** CPUs per array task; each task runs that many workers. */
  cpusPerTask: number;
  /** Slurm partition, or null for the cluster's default. */
  partition: string | null;
  /** Wall-clock limit per task in Slurm's syntax (`1:00:00`), or null. */
  time: string | null;
  /** Job name stem; the report job appends `-report`. */
  jobName: string;
  /** The command that starts this gansweep install, e.g. node and main.js. */
  gansweep: string[];
  /** `--set key=value` overrides passed through to every `run`. */
  sets: string[];
  /** The `--seeds` range passed through, or null. */
  seeds: string | null;
}

/** The two scripts, ready to write next to each other. */
export interface ArrayJobScripts {
  array: string;
  report: string;
}

/** Folder under the results folder that holds the scripts and logs. */
export const SLURM_FOLDER = 'slurm';

/**
 * Quotes one word for a POSIX shell. Words made only of safe characters stay
 * bare so the script reads well; anything else goes in single quotes, with
 * each `'` written as `'\''`.
 */
export function shellQuote(word: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

/**
 * The array script: task I runs `gansweep run <sweep> --shard I/N` with as
 * many workers as it has CPUs, into the shared results folder, without the
 * report (the dependent job renders that once, after every task).
 *
 * Throws UserError when an option cannot be written into an `#SBATCH` line.
 */
export function arrayScript(options: ArrayJobOptions): string {
  checkOptions(options);
  const { tasks, outDir } = options;

  const directives = [
    `--job-name=${options.jobName}`,
    `--array=0-${tasks - 1}`,
    `--cpus-per-task=${options.cpusPerTask}`,
    ...placementDirectives(options),
    `--output=${directivePath(`${outDir}/${SLURM_FOLDER}/array-%A_%a.out`)}`,
  ];

  const run = [
    ...options.gansweep.map(shellQuote),
    'run',
    shellQuote(options.sweepPath),
    `--shard "\${SLURM_ARRAY_TASK_ID}/${tasks}"`,
    '--workers "${SLURM_CPUS_PER_TASK}"',
    `--out ${shellQuote(outDir)}`,
    '--no-report',
    ...passThrough(options),
  ];

  return script(
    directives,
    [
      '# One shard of the sweep per array task. A task that is cancelled or',
      '# times out loses only its unfinished runs: submitting again skips',
      '# every run that already has a record.',
    ],
    run,
  );
}

/**
 * The report script, submitted with `--dependency=afterany:<array job id>`
 * so it runs once every task has ended, however each one ended.
 */
export function reportScript(options: ArrayJobOptions): string {
  checkOptions(options);
  const { outDir } = options;

  const directives = [
    `--job-name=${options.jobName}-report`,
    '--cpus-per-task=1',
    ...placementDirectives(options),
    `--output=${directivePath(`${outDir}/${SLURM_FOLDER}/report-%j.out`)}`,
  ];

  const report = [
    ...options.gansweep.map(shellQuote),
    'report',
    shellQuote(outDir),
  ];

  return script(
    directives,
    [
      '# Runs after every array task has ended (afterany), so a cancelled',
      '# task still leaves a report of the runs that finished.',
    ],
    report,
  );
}

/** Both scripts from one set of options. */
export function arrayJobScripts(options: ArrayJobOptions): ArrayJobScripts {
  return { array: arrayScript(options), report: reportScript(options) };
}

/**
 * The sbatch option that holds the report job until every task of the
 * array job has ended, whether it finished, failed or was cancelled.
 */
export function afterArrayOption(arrayJobId: string): string {
  if (!/^\d+$/.test(arrayJobId)) {
    throw new UserError(`not a Slurm job id: ${JSON.stringify(arrayJobId)}`);
  }
  return `--dependency=afterany:${arrayJobId}`;
}

/**
 * A Slurm job name made from a sweep name: characters other than letters,
 * digits, `.`, `_` and `-` become `-`, so the name survives `#SBATCH`
 * parsing and `squeue` columns alike.
 */
export function jobNameFor(sweepName: string): string {
  const safe = sweepName.replace(/[^A-Za-z0-9._-]+/g, '-');
  return `gansweep-${safe === '' ? 'sweep' : safe}`;
}

/** `--partition` and `--time` when given. */
function placementDirectives(options: ArrayJobOptions): string[] {
  const lines: string[] = [];
  if (options.partition !== null) {
    lines.push(`--partition=${options.partition}`);
  }
  if (options.time !== null) lines.push(`--time=${options.time}`);
  return lines;
}

/** `--set` and `--seeds`, each value quoted for the shell. */
function passThrough(options: ArrayJobOptions): string[] {
  const words = options.sets.map((set) => `--set ${shellQuote(set)}`);
  if (options.seeds !== null) {
    words.push(`--seeds ${shellQuote(options.seeds)}`);
  }
  return words;
}

/**
 * sbatch reads `#SBATCH` arguments with its own tokenizer: double quotes
 * group words, and nothing escapes a quote. So a path is always wrapped in
 * double quotes, and checkOptions has already refused the characters that
 * could not survive that.
 */
function directivePath(path: string): string {
  return `"${path}"`;
}

/** Assembles a script: shebang, directives, comment, one command. */
function script(
  directives: string[],
  comment: string[],
  command: string[],
): string {
  return [
    '#!/bin/bash',
    ...directives.map((line) => `#SBATCH ${line}`),
    '',
    ...comment,
    'set -euo pipefail',
    `exec ${command.join(' \\\n  ')}`,
    '',
  ].join('\n');
}

/**
 * Refuses what would break the scripts: counts that are not positive
 * integers, and text that would end an `#SBATCH` line early or be rewritten
 * by Slurm's filename patterns (`%` is a pattern, `\` turns them all off).
 */
function checkOptions(options: ArrayJobOptions): void {
  positiveInteger('--tasks', options.tasks);
  positiveInteger('--cpus-per-task', options.cpusPerTask);

  directiveWord('--partition', options.partition, /^[A-Za-z0-9_.,-]+$/);
  directiveWord('--time', options.time, /^([0-9:-]+|UNLIMITED|INFINITE)$/);
  directiveWord('job name', options.jobName, /^[A-Za-z0-9._-]+$/);

  if (/["%\\\n\r\0]/.test(options.outDir)) {
    throw new UserError(
      `--out: ${JSON.stringify(options.outDir)} holds a character that ` +
        'Slurm log paths cannot carry (", %, \\ or a line break)',
      'Choose a results folder whose path has none of them.',
    );
  }
}

function positiveInteger(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 1) {
    throw new UserError(
      `${name}: ${value} is not a positive whole number`,
      `Give ${name} 1 or more.`,
    );
  }
}

function directiveWord(name: string, value: string | null, rule: RegExp) {
  if (value === null || rule.test(value)) return;
  throw new UserError(
    `${name}: ${JSON.stringify(value)} does not fit an #SBATCH line ` +
      `(allowed: ${rule.source})`,
  );
}
