/**
 * The results folder of a sweep (see DESIGN.md):
 *
 * ```
 * sweep.yaml          the sweep exactly as resolved (all defaults filled)
 * runs/<run id>.json  one record per finished or failed run, atomic
 * summary.json        every run and every group, regenerated
 * report.html         the report, one file
 * ```
 */
import path from 'node:path';

export const SWEEP_FILE = 'sweep.yaml';
export const RUNS_FOLDER = 'runs';
export const SUMMARY_FILE = 'summary.json';
export const REPORT_FILE = 'report.html';
export const RECORD_EXTENSION = '.json';

export interface ResultsLayout {
  dir: string;
  sweepFile: string;
  runsDir: string;
  summaryFile: string;
  reportFile: string;
}

/** The paths of every part of the results folder `dir`. */
export function resultsLayout(dir: string): ResultsLayout {
  return {
    dir,
    sweepFile: path.join(dir, SWEEP_FILE),
    runsDir: path.join(dir, RUNS_FOLDER),
    summaryFile: path.join(dir, SUMMARY_FILE),
    reportFile: path.join(dir, REPORT_FILE),
  };
}

/** Path of the record of run `runId` in the results folder `dir`. */
export function recordPath(dir: string, runId: string): string {
  return path.join(dir, RUNS_FOLDER, `${runId}${RECORD_EXTENSION}`);
}
