/**
 * A short account of a resolved sweep, for `gansweep validate` and for the
 * first lines `gansweep run` prints.
 */
import { groupsOf } from './expand.js';
import type { ResolvedSweep } from './plan.js';
import { canonicalJson } from './run-id.js';
import { formatSeeds } from './seeds.js';
import { defaultRunSpec } from './spec.js';

/** The facts a person checks before starting a sweep. */
export interface SweepDescription {
  name: string;
  description: string;
  /** Base-spec keys that differ from the article's study, dotted. */
  changed: Record<string, unknown>;
  groups: string[];
  seeds: number[];
  runs: number;
  timeoutSeconds: number | null;
  retries: number;
  baseline: string;
  resultsDir: string;
}

/** Where a sweep's results go unless `--out` says otherwise. */
export function defaultResultsDir(sweep: ResolvedSweep): string {
  return `reports/${sweep.name}`;
}

/** The facts of `sweep`. Throws `SweepFileError` if it does not expand. */
export function describeSweep(sweep: ResolvedSweep): SweepDescription {
  const groups = groupsOf(sweep).map((group) => group.label);
  return {
    name: sweep.name,
    description: sweep.description,
    changed: changedKeys(sweep),
    groups,
    seeds: sweep.seeds,
    runs: groups.length * sweep.seeds.length,
    timeoutSeconds: sweep.timeoutSeconds,
    retries: sweep.retries,
    baseline: sweep.baseline ?? groups[0],
    resultsDir: defaultResultsDir(sweep),
  };
}

function changedKeys(sweep: ResolvedSweep): Record<string, unknown> {
  const { seed: _a, ...base } = sweep.base;
  const { seed: _b, ...defaults } = defaultRunSpec();
  const changed: Record<string, unknown> = {};
  diff(base, defaults, [], changed);
  return changed;
}

function diff(
  value: unknown,
  reference: unknown,
  path: string[],
  out: Record<string, unknown>,
): void {
  const bothObjects = isRecord(value) && isRecord(reference);
  if (bothObjects && value.kind === reference.kind) {
    for (const key of Object.keys(value)) {
      diff(value[key], reference[key], [...path, key], out);
    }
    return;
  }
  if (canonicalJson(value) !== canonicalJson(reference)) {
    out[path.join('.')] = value;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The description as lines of text. */
export function formatDescription(d: SweepDescription): string {
  const lines = [
    `sweep ${d.name}${d.description ? `: ${d.description.trim()}` : ''}`,
  ];
  const changed = Object.entries(d.changed).map(
    ([k, v]) => `${k}=${JSON.stringify(v)}`,
  );
  lines.push(
    `  base spec: the article's study${changed.length ? `, with ${changed.join(', ')}` : ''}`,
  );
  lines.push(`  groups (${d.groups.length}):`);
  for (const label of d.groups) {
    lines.push(
      `    ${label}${label === d.baseline && d.groups.length > 1 ? '  (baseline)' : ''}`,
    );
  }
  lines.push(`  seeds (${d.seeds.length}): ${formatSeeds(d.seeds)}`);
  lines.push(
    `  runs: ${d.runs} (${d.groups.length} group${d.groups.length === 1 ? '' : 's'} x ${d.seeds.length} seed${d.seeds.length === 1 ? '' : 's'})`,
  );
  const timeout = d.timeoutSeconds === null ? 'none' : `${d.timeoutSeconds} s`;
  lines.push(`  per-run timeout: ${timeout}; retries: ${d.retries}`);
  lines.push(`  results folder: ${d.resultsDir}/`);
  return lines.join('\n');
}
