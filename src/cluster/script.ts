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
  /** Shards the sweep is split into: task I runs shard I/tasks. */
  tasks: number;
  /**
   * The array task ids to submit, ascending, or null for all of
   * `0..tasks-1`. A resubmission names only the shards with runs left.
   */
  only: number[] | null;
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
  checkArrayJobOptions(options);
  const { tasks, outDir } = options;

  const directives = [
    `--job-name=${options.jobName}`,
    `--array=${arrayRange(options.only ?? allTasks(tasks))}`,
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
    ...passThrough(options).map(shellQuote),
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
 * so it runs once every task has ended, however each one ended. It runs
 * this same `gansweep slurm` request with `--finish`: regenerate
 * `summary.json` from every record (a task cancelled after its last record
 * but before its summary leaves an old one), render the report, and say
 * which runs are missing and how to resubmit them.
 */
export function reportScript(options: ArrayJobOptions): string {
  checkArrayJobOptions(options);
  const { outDir } = options;

  const directives = [
    `--job-name=${options.jobName}-report`,
    '--cpus-per-task=1',
    ...placementDirectives(options),
    `--output=${directivePath(`${outDir}/${SLURM_FOLDER}/report-%j.out`)}`,
  ];

  const finish = [
    ...options.gansweep,
    ...slurmCommandWords(options),
    '--finish',
  ].map(shellQuote);

  return script(
    directives,
    [
      '# Runs after every array task has ended (afterany), so a cancelled',
      '# task still leaves a summary and report of the runs that finished.',
    ],
    finish,
  );
}

/**
 * The words of the `gansweep slurm` request that wrote these scripts,
 * without `--submit` or `--finish`: the report job reruns it to finish,
 * and a person reruns it with `--submit` to resubmit what is missing.
 */
export function slurmCommandWords(options: ArrayJobOptions): string[] {
  const words = ['slurm', options.sweepPath, '--tasks', `${options.tasks}`];
  words.push('--cpus-per-task', `${options.cpusPerTask}`);
  if (options.partition !== null) words.push('--partition', options.partition);
  if (options.time !== null) words.push('--time', options.time);
  words.push('--out', options.outDir);
  return [...words, ...passThrough(options)];
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

/**
 * Slurm's `--array` list for ascending task ids, with runs of consecutive
 * ids as ranges: [0, 1, 2, 3] -> `0-3`, [1, 3] -> `1,3`, [0, 1, 2, 5] ->
 * `0-2,5`.
 */
export function arrayRange(ids: readonly number[]): string {
  const parts: string[] = [];
  let start = 0;

  for (let i = 1; i <= ids.length; i++) {
    if (i < ids.length && ids[i] === ids[i - 1] + 1) continue;
    const [first, last] = [ids[start], ids[i - 1]];
    parts.push(first === last ? `${first}` : `${first}-${last}`);
    start = i;
  }
  return parts.join(',');
}

/** Every task id of an array of `tasks` tasks: 0..tasks-1. */
export function allTasks(tasks: number): number[] {
  return Array.from({ length: tasks }, (_, i) => i);
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

/** `--set` and `--seeds` as given, one word each, unquoted. */
function passThrough(options: ArrayJobOptions): string[] {
  const words = options.sets.flatMap((set) => ['--set', set]);
  if (options.seeds !== null) words.push('--seeds', options.seeds);
  return words;
}

/**
 * sbatch reads `#SBATCH` arguments with its own tokenizer: double quotes
 * group words, and nothing escapes a quote. So a path is always wrapped in
 * double quotes, and checkArrayJobOptions has already refused the characters that
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
    `exec ${commandLines(command).join(' \\\n  ')}`,
    '',
  ].join('\n');
}

/**
 * Lays out a quoted command for reading: the program and its positional
 * words on the first line, then one option per line with its value.
 */
function commandLines(words: string[]): string[] {
  const lines: string[] = [];
  for (const word of words) {
    const last = lines.length - 1;
    const isOption = word.startsWith('--');
    const positional = !isOption && last === 0;
    const value = !isOption && last > 0 && /^--\S+$/.test(lines[last]);

    if (positional || value) lines[last] += ` ${word}`;
    else lines.push(word);
  }
  return lines;
}

/**
 * Refuses what would break the scripts: counts that are not positive
 * integers, and text that would end an `#SBATCH` line early or be rewritten
 * by Slurm's filename patterns (`%` is a pattern, `\` turns them all off).
 */
export function checkArrayJobOptions(options: ArrayJobOptions): void {
  positiveInteger('--tasks', options.tasks);
  positiveInteger('--cpus-per-task', options.cpusPerTask);
  checkTaskIds(options.only, options.tasks);

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

/** Task ids must be ascending, distinct and within 0..tasks-1. */
function checkTaskIds(only: number[] | null, tasks: number): void {
  if (only === null) return;
  const fits = only.every(
    (id, i) =>
      Number.isInteger(id) &&
      id >= 0 &&
      id < tasks &&
      (i === 0 || id > only[i - 1]),
  );
  if (only.length === 0 || !fits) {
    throw new UserError(
      `array task ids [${only.join(', ')}] are not ascending ids in ` +
        `0..${tasks - 1}`,
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
