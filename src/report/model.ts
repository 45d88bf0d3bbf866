/**
 * What the report shows, gathered from one or more results folders before
 * any chart is drawn: runs in reading order, with the label of their group.
 */
import type { ResolvedSweep } from '../config/plan.js';
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
 * Orders runs by source, then group (the sweep's own grid and variant
 * order), then seed, so that tables and small multiples read alike. With
 * several sources each group label gains the source label as a prefix.
 */
export function placeRuns(sources: ReportSource[]): ReportRuns {
  const prefixed = sources.length > 1;
  const keyed = sources.flatMap((source, sourceIndex) =>
    source.records.map((record) => ({
      run: {
        record,
        group: prefixed ? `${source.label}: ${record.group}` : record.group,
        source: source.label,
      },
      key: [sourceIndex, ...groupKey(source.sweep, record.params)],
    })),
  );

  keyed.sort(
    (a, b) =>
      compareKeys(a.key, b.key) ||
      a.run.group.localeCompare(b.run.group) ||
      a.run.record.seed - b.run.record.seed,
  );

  const runs = keyed.map((entry) => entry.run);
  const groups = [...new Set(runs.map((run) => run.group))];
  return { runs, groups };
}

/**
 * The position of a run's parameters in its sweep: the index of each grid
 * value in the order the sweep lists them, then the variant's index.
 */
function groupKey(
  sweep: ResolvedSweep,
  params: Record<string, unknown>,
): number[] {
  const variantNames = sweep.variants.map((variant) => variant.name);
  const gridKeys = Object.keys(sweep.grid);
  const gridPart = gridKeys.map((key) =>
    indexOfValue(sweep.grid[key] ?? [], params[key]),
  );
  const variantPart = Object.values(params)
    .filter((value) => typeof value === 'string')
    .map((value) => variantNames.indexOf(value as string))
    .filter((index) => index >= 0);
  return [...gridPart, ...variantPart];
}

function indexOfValue(values: unknown[], value: unknown): number {
  const text = JSON.stringify(value);
  return values.findIndex((candidate) => JSON.stringify(candidate) === text);
}

function compareKeys(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const difference = (a[i] ?? -1) - (b[i] ?? -1);
    if (difference !== 0) return difference;
  }
  return 0;
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
