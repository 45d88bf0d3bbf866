/**
 * What the report shows, gathered from one or more results folders before
 * any chart is drawn: runs in reading order, with the label of their group.
 */
import { expandSweep } from '../config/index.js';
import type { PlannedRun, ResolvedSweep } from '../config/plan.js';
import type { RunRecord } from '../store/record.js';

/** One results folder, as read from disk. */
export interface ReportSource {
  /** How groups from this folder are labelled when several are compared. */
  label: string;
  dir: string;
  sweep: ResolvedSweep;
  /** `sweep.yaml` as written, shown collapsed in the header. */
  sweepYaml: string;
  records: RunRecord[];
  /** Records that could not be trusted, from the store's reader. */
  problems: { file: string; message: string }[];
}

/** A run as the report places it. */
export interface ReportRun {
  record: RunRecord;
  /** The group label shown, prefixed with the source label when comparing. */
  group: string;
  source: string;
}

/** Every run of every source, with each group's label and reading order. */
export interface ReportRuns {
  runs: ReportRun[];
  /** Group labels in reading order: source, then grid order, then variants. */
  groups: string[];
}

/**
 * Orders runs by source, then group, then seed, so that tables and small
 * multiples read alike. Groups follow the sweep's expansion, as in
 * `summary.json`; groups it does not plan (a sweep edited since) follow in
 * name order. With several sources each group label gains the source
 * label as a prefix.
 */
export function placeRuns(sources: ReportSource[]): ReportRuns {
  const prefixed = sources.length > 1;
  const keyed = sources.flatMap((source, sourceIndex) => {
    const rank = groupRanks(source.sweep);
    return source.records.map((record) => ({
      run: {
        record,
        group: prefixed ? `${source.label}: ${record.group}` : record.group,
        source: source.label,
      },
      key: [sourceIndex, rank.get(record.group) ?? rank.size],
    }));
  });

  keyed.sort(
    (a, b) =>
      a.key[0]! - b.key[0]! ||
      a.key[1]! - b.key[1]! ||
      a.run.group.localeCompare(b.run.group) ||
      a.run.record.seed - b.run.record.seed,
  );

  const runs = keyed.map((entry) => entry.run);
  const groups = [...new Set(runs.map((run) => run.group))];
  return { runs, groups };
}

/** Each group label's position in the sweep's expansion; empty if none. */
function groupRanks(sweep: ResolvedSweep): Map<string, number> {
  const ranks = new Map<string, number>();
  for (const run of plannedRuns(sweep)) {
    if (!ranks.has(run.group)) ranks.set(run.group, ranks.size);
  }
  return ranks;
}

/**
 * The sweep's runs, or none when this version cannot expand it (a folder
 * written by another version): the report still draws what it has.
 */
export function plannedRuns(sweep: ResolvedSweep): PlannedRun[] {
  try {
    return expandSweep(sweep);
  } catch {
    return [];
  }
}

/**
 * The two grid keys of a sweep whose groups form a two-key grid (and only
 * those: a heatmap needs exactly two), or null.
 */
export function twoKeyGrid(sources: ReportSource[]): [string, string] | null {
  if (sources.length !== 1) return null;
  const sweep = sources[0]!.sweep;
  const varying = Object.keys(sweep.grid).filter(
    (key) => (sweep.grid[key]?.length ?? 0) > 1,
  );
  if (varying.length !== 2 || sweep.variants.length > 0) return null;
  return [varying[0]!, varying[1]!];
}
