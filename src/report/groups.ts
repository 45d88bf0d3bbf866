/**
 * Per-group numbers for the report's "answer" section, from the analysis'
 * `summarise`, so the report and `summary.json` never disagree.
 */
import { summarise, type Summary } from '../analysis/index.js';
import type { ReportRuns, ReportSource } from './model.js';

/**
 * The summary of every placed run under its shown group label. With
 * several sources the baseline is the first source's baseline group (or
 * its first group), so each compared folder is measured against it.
 */
export function summariseGroups(
  placed: ReportRuns,
  sources: ReportSource[],
  sweepName: string,
): Summary {
  const records = placed.runs.map((run) =>
    run.group === run.record.group
      ? run.record
      : { ...run.record, group: run.group },
  );
  return summarise(records, {
    baseline: baselineLabel(sources),
    sweepName,
    groupOrder: placed.groups,
  });
}

function baselineLabel(sources: ReportSource[]): string | null {
  const first = sources[0];
  if (!first || first.sweep.baseline === null) return null;
  if (sources.length === 1) return first.sweep.baseline;
  return `${first.label}: ${first.sweep.baseline}`;
}
