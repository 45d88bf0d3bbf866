/**
 * The worker entry: Piscina calls the default export once per task, in a
 * worker thread. It trains the run, judges it and answers with its record;
 * round progress goes back on the task's MessagePort.
 */
import { analyseRun } from '../analysis/index.js';
import type { RunRecord } from '../store/record.js';
import { train } from '../train/loop.js';
import type { ProgressMessage, RunTask, WorkerReply } from './messages.js';
import { finishedRecord } from './records.js';

/** Runs one task: trains and judges its run. */
export default function runTask(task: RunTask): Promise<WorkerReply> {
  return answer(task, trainAndJudge);
}

/**
 * Answers `task` with what `work` makes of it. A thrown error becomes an
 * `error` reply, so that the only way a task rejects in the main thread is
 * its worker dying. The progress port is closed either way.
 */
export async function answer(
  task: RunTask,
  work: (task: RunTask) => Promise<RunRecord>,
): Promise<WorkerReply> {
  try {
    return { kind: 'record', record: await work(task) };
  } catch (error) {
    const failure = error instanceof Error ? error : new Error(String(error));
    return {
      kind: 'error',
      message: failure.message,
      stack: failure.stack ?? null,
    };
  } finally {
    task.progressPort.close();
  }
}

/** Trains and analyses the task's run; throws what either throws. */
export async function trainAndJudge(task: RunTask): Promise<RunRecord> {
  const { run, progressPort } = task;
  const started = performance.now();
  const post = (message: ProgressMessage) => progressPort.postMessage(message);
  post({ kind: 'started', rounds: run.spec.training.rounds });

  const result = await train(run.spec, {
    progressEvery: task.progressEvery,
    onProgress: (round, rounds) => post({ kind: 'round', round, rounds }),
  });
  const analysis = analyseRun(result, run.spec, task.thresholds);

  const elapsedMs = performance.now() - started;
  return finishedRecord(
    run,
    result,
    analysis,
    task.attempt,
    elapsedMs,
    new Date(),
  );
}
