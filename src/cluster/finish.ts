/**
 * What the report job does once every array task has ended: regenerate
 * `summary.json` from every record, render the report, and count what is
 * still missing so the log says whether to resubmit.
 */
import { resolvedSweepToYaml } from '../config/index.js';
import { prepareResultsFolder, writeSummary } from '../store/index.js';
import { planSweep, summariseSweep } from '../sweep/index.js';
import { countRuns, resolveRequest, type RunCounts } from './prepare.js';
import type { ArrayJobRequest } from './prepare.js';
import { slurmCommandWords } from './script.js';

export interface FinishedArrayJob {
  outDir: string;
  /** Runs of the sweep, and those without a trusted, non-failed record. */
  runs: RunCounts;
  reportFile: string;
  /** `slurm ...` words that resubmit the missing runs (add `--submit`). */
  resubmit: string[];
}

/**
 * Regenerates `summary.json` and `report.html` in the results folder of
 * `request`, creating the folder when no task got as far as that. Each
 * task writes a summary as it ends, but one cancelled after its last
 * record and before its summary leaves a summary without that record;
 * this one is written after every task has ended.
 *
 * Throws ConfigError or UserError as `resolveRequest` does, and UserError
 * when the folder is not a results folder of this sweep.
 */
export async function finishArrayJob(
  request: ArrayJobRequest,
): Promise<FinishedArrayJob> {
  const { sweep, options } = resolveRequest(request);
  const outDir = options.outDir;
  // Every task may have been cancelled before writing anything; the
  // folder is made (or checked to be this sweep's) so that the report of
  // no runs still says so.
  await prepareResultsFolder(outDir, sweep, resolvedSweepToYaml(sweep));

  // The summary as `run` writes it, so the file does not depend on which
  // of the two wrote it last.
  await writeSummary(outDir, (records) => summariseSweep(sweep, records));
  const reportFile = await renderReport(outDir);
  const runs = countRuns(await planSweep(sweep, outDir, null));

  return { outDir, runs, reportFile, resubmit: slurmCommandWords(options) };
}

/**
 * Imported on demand: the report pulls in Vega, which preparing and
 * submitting the scripts should not pay for.
 */
async function renderReport(outDir: string): Promise<string> {
  const { writeReport } = await import('../report/index.js');
  return writeReport([outDir]);
}
