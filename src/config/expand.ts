/**
 * Expanding a resolved sweep into planned runs: variants x grid points x
 * seeds, in that order of nesting (seeds innermost, so a group's runs are
 * contiguous; the first grid key varies slowest).
 */
import { issueAt, NO_FILE, throwIfAny } from './issues.js';
import type { ConfigIssue, Locator } from './issues.js';
import { applyEntries, checkMergedSpec, flattenOverlay } from './layers.js';
import type { Entry, PlainObject, Provenance } from './layers.js';
import type { PlannedRun, ResolvedSweep } from './plan.js';
import { runIdOf } from './run-id.js';
import type { RunSpec } from './spec.js';

/** One group before seeds: its label, its params and its resolved spec. */
export interface PlannedGroup {
  label: string;
  params: Record<string, unknown>;
  spec: RunSpec;
}

/**
 * Every run of the sweep, in a stable order. Throws `SweepFileError` when a
 * variant or grid value makes an invalid spec, or when two groups would
 * give identical runs (they would share run ids).
 */
export function expandSweep(sweep: ResolvedSweep): PlannedRun[] {
  const { runs, issues } = expandChecked(sweep, NO_FILE);
  throwIfAny(sweep.name, issues);
  return runs;
}

/** The groups of the sweep, in order, each with its seedless spec. */
export function groupsOf(sweep: ResolvedSweep): PlannedGroup[] {
  const { groups, issues } = groupsChecked(sweep, NO_FILE);
  throwIfAny(sweep.name, issues);
  return groups;
}

/** `expandSweep` that returns its issues, placed by `locator`. */
export function expandChecked(
  sweep: ResolvedSweep,
  locator: Locator,
): { runs: PlannedRun[]; issues: ConfigIssue[] } {
  const { groups, issues } = groupsChecked(sweep, locator);
  const runs = groups.flatMap((group) =>
    sweep.seeds.map((seed) => plannedRun(group, seed)),
  );
  issues.push(...duplicateRuns(runs, locator));
  return { runs, issues };
}

function plannedRun(group: PlannedGroup, seed: number): PlannedRun {
  const spec = { ...structuredClone(group.spec), seed };
  return {
    runId: runIdOf(spec),
    group: group.label,
    params: group.params,
    seed,
    spec,
  };
}

function groupsChecked(
  sweep: ResolvedSweep,
  locator: Locator,
): { groups: PlannedGroup[]; issues: ConfigIssue[] } {
  const issues: ConfigIssue[] = [];
  const options = { allowSeed: false, locator, issues };
  const variantLayers = variantEntries(sweep, options);
  const gridLayers = gridPoints(sweep, options);
  const labels = shortLabels(Object.keys(sweep.grid));

  const groups: PlannedGroup[] = [];
  for (const variant of variantLayers) {
    for (const point of gridLayers) {
      const layers = [variant.entries, ...point.map((p) => p.entries)];
      const spec = mergeChecked(sweep.base, layers, locator, issues);
      if (spec === null) continue;

      const params: Record<string, unknown> = {};
      if (variant.name !== null) params.variant = variant.name;
      for (const p of point) params[p.key] = p.value;
      groups.push({
        label: groupLabel(variant.name, point, labels),
        params,
        spec,
      });
    }
  }
  return { groups, issues };
}

type FlattenOpts = Parameters<typeof flattenOverlay>[3];

function variantEntries(sweep: ResolvedSweep, options: FlattenOpts) {
  if (sweep.variants.length === 0) return [{ name: null, entries: [] }];

  return sweep.variants.map((variant, index) => ({
    name: variant.name as string | null,
    entries: flattenOverlay(
      variant.set,
      [],
      { path: ['variants', index, 'spec'] },
      options,
    ),
  }));
}

interface GridValue {
  key: string;
  value: unknown;
  entries: Entry[];
}

/** The cartesian product of the grid, first key slowest. */
function gridPoints(sweep: ResolvedSweep, options: FlattenOpts): GridValue[][] {
  let points: GridValue[][] = [[]];
  for (const [key, values] of Object.entries(sweep.grid)) {
    const choices = values.map((value, index) => ({
      key,
      value,
      entries: flattenOverlay(
        value,
        key.split('.'),
        { path: ['grid', key, index] },
        options,
      ),
    }));
    points = points.flatMap((point) => choices.map((c) => [...point, c]));
  }
  return points;
}

function mergeChecked(
  base: RunSpec,
  layers: Entry[][],
  locator: Locator,
  issues: ConfigIssue[],
): RunSpec | null {
  const merged = structuredClone(base) as unknown as PlainObject;
  const provenance: Provenance = new Map();
  for (const entries of layers) applyEntries(merged, entries, provenance);

  const checked = checkMergedSpec(merged, provenance, ['spec'], locator);
  issues.push(...checked.issues);
  return checked.spec;
}

/**
 * The group label: the variant name and `key=value` for each grid key,
 * e.g. `raw, optimizer.learningRate=0.001`; `all` when nothing varies. Grid keys are
 * shortened to their shortest unambiguous dotted suffix.
 */
function groupLabel(
  variant: string | null,
  point: GridValue[],
  labels: Map<string, string>,
): string {
  const parts = variant === null ? [] : [variant];
  for (const p of point) {
    parts.push(`${labels.get(p.key) ?? p.key}=${formatParam(p.value)}`);
  }
  return parts.length === 0 ? 'all' : parts.join(', ');
}

/** A parameter value as it reads in a label: flow style, no quotes on words. */
export function formatParam(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return JSON.stringify(value).replaceAll('"', '').replaceAll(',', ', ');
}

/**
 * For each dotted key, its shortest suffix of at least two segments (whole
 * segments) that no other key ends with: `discriminator.optimizer.learningRate`
 * reads `optimizer.learningRate` unless the generator's is also in the grid.
 */
export function shortLabels(keys: string[]): Map<string, string> {
  const labels = new Map<string, string>();
  for (const key of keys) {
    const segments = key.split('.');
    for (let n = Math.min(2, segments.length); n <= segments.length; n++) {
      const suffix = segments.slice(-n).join('.');
      const clash = keys.some(
        (other) =>
          other !== key && (other === suffix || other.endsWith(`.${suffix}`)),
      );
      if (!clash || n === segments.length) {
        labels.set(key, suffix);
        break;
      }
    }
  }
  return labels;
}

function duplicateRuns(runs: PlannedRun[], locator: Locator): ConfigIssue[] {
  const firstGroup = new Map<string, string>();
  const issues: ConfigIssue[] = [];
  for (const run of runs) {
    const earlier = firstGroup.get(run.runId);
    if (earlier === undefined) {
      firstGroup.set(run.runId, run.group);
    } else if (earlier !== run.group) {
      // Every seed repeats this text; throwIfAny keeps one copy.
      const message = `groups "${earlier}" and "${run.group}" give identical run specs; make them differ or drop one`;
      issues.push(issueAt(locator, { path: [] }, message));
    }
  }
  return issues;
}
