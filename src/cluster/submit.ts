/**
 * Submits the array job and its dependent report job with `sbatch`.
 */
import { spawn } from 'node:child_process';

import { UserError } from '../errors.js';
import { afterArrayOption } from './script.js';

/** What a finished child process left behind. */
export type CommandResult =
  | { kind: 'exited'; code: number; stdout: string; stderr: string }
  | { kind: 'missing' };

/** Runs a program with arguments; injectable so tests need no Slurm. */
export type CommandRunner = (
  program: string,
  args: string[],
) => Promise<CommandResult>;

/** The job ids Slurm gave the two submissions. */
export interface SubmittedJobs {
  arrayJobId: string;
  reportJobId: string;
}

/** sbatch refused a script, or could not be found. */
export class SubmitError extends UserError {
  constructor(message: string, hint: string | null) {
    super(message, hint);
    this.name = 'SubmitError';
  }
}

/**
 * Submits the array script, then the report script held until every array
 * task has ended (`afterany`). Throws SubmitError when sbatch is missing or
 * refuses either script; when only the second fails, the message names the
 * array job that is already queued.
 */
export async function submitArrayJob(
  scripts: { array: string; report: string },
  run: CommandRunner = runProgram,
): Promise<SubmittedJobs> {
  const arrayJobId = await sbatch([scripts.array], run, null);

  const reportJobId = await sbatch(
    [afterArrayOption(arrayJobId), scripts.report],
    run,
    arrayJobId,
  );

  return { arrayJobId, reportJobId };
}

/**
 * The job id in `sbatch --parsable` output: `<id>` or `<id>;<cluster>`,
 * possibly after warning lines. Throws SubmitError when there is none.
 */
export function parseJobId(stdout: string): string {
  const lines = stdout.trim().split('\n');
  const last = (lines[lines.length - 1] ?? '').trim();
  const id = last.split(';')[0] ?? '';
  if (/^\d+$/.test(id)) return id;

  throw new SubmitError(
    `sbatch printed no job id: ${JSON.stringify(stdout.trim())}`,
    null,
  );
}

/** One `sbatch --parsable` call; `queued` names a job already submitted. */
async function sbatch(
  args: string[],
  run: CommandRunner,
  queued: string | null,
): Promise<string> {
  const result = await run('sbatch', ['--parsable', ...args]);
  const already =
    queued === null
      ? ''
      : ` (array job ${queued} is already queued: \`scancel ${queued}\` ` +
        'removes it)';

  switch (result.kind) {
    case 'missing':
      throw new SubmitError(
        `sbatch is not on PATH, so nothing was submitted${already}`,
        'Run this on a Slurm login node, or drop --submit and pass the ' +
          'written scripts to sbatch yourself.',
      );
    case 'exited':
      if (result.code !== 0) {
        throw new SubmitError(
          `sbatch failed (exit ${result.code}): ` +
            `${result.stderr.trim() || result.stdout.trim()}${already}`,
          'Check --partition, --time and --cpus-per-task against `sinfo`.',
        );
      }
      return parseJobId(result.stdout);
  }
}

/** Spawns a program without a shell and collects its output. */
function runProgram(program: string, args: string[]): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (text) => (stdout += text));
    child.stderr.setEncoding('utf8').on('data', (text) => (stderr += text));

    child.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') resolve({ kind: 'missing' });
      else reject(error);
    });
    child.on('close', (code) => {
      resolve({ kind: 'exited', code: code ?? 1, stdout, stderr });
    });
  });
}
