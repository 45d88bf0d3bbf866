/**
 * Clusters: a sweep as a Slurm job array, one shard per task, and the
 * dependent job that renders its report.
 */
export { finishArrayJob, type FinishedArrayJob } from './finish.js';
export {
  prepareArrayJob,
  resolveRequest,
  tasksWithWork,
  SCRIPT_FILES,
  type ArrayJobRequest,
  type PreparedArrayJob,
  type RunCounts,
} from './prepare.js';
export {
  afterArrayOption,
  arrayJobScripts,
  arrayRange,
  jobNameFor,
  shellQuote,
  slurmCommandWords,
  SLURM_FOLDER,
  type ArrayJobOptions,
  type ArrayJobScripts,
} from './script.js';
export {
  parseJobId,
  submitArrayJob,
  SubmitError,
  type CommandResult,
  type CommandRunner,
  type SubmittedJobs,
} from './submit.js';
