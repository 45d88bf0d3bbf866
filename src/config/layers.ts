/**
 * Overlays: partial run specs (the sweep's `spec`, a variant, a grid point,
 * a `--set`) flattened into dotted leaf entries and applied, in order, onto
 * a full spec. Each applied leaf remembers its origin so that a rule broken
 * by the merged spec is reported where the user wrote the value.
 */
import type { z } from 'zod';

import { checkPath, RUN_SPEC_KEYS } from './keys.js';
import type { KeyNode } from './keys.js';
import { issueAt, ruleOf } from './issues.js';
import type { ConfigIssue, Locator, LogicalPath, Origin } from './issues.js';
import { runSpecSchema } from './schema.js';
import { defaultOptimizer } from './spec.js';
import type { RunSpec } from './spec.js';

/** One value to write at a run-spec path. */
export interface Entry {
  path: string[];
  value: unknown;
  origin: Origin;
}

/** Where each applied value came from, by dotted run-spec path. */
export type Provenance = Map<string, Origin>;

export type PlainObject = Record<string, unknown>;

export function isPlainObject(value: unknown): value is PlainObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Options of `flattenOverlay`. */
export interface FlattenOptions {
  /** Sweeps set the seed per run with `seeds`, so their overlays may not. */
  allowSeed: boolean;
  locator: Locator;
  issues: ConfigIssue[];
}

/**
 * The leaf entries of `overlay` placed at run-spec path `at`. Keys may be
 * nested or dotted (`discriminator.input`); unknown keys become issues (with
 * a suggestion) and are dropped. A value that replaces a whole section (a
 * number where `training` is expected) is kept as one entry, for the schema
 * to refuse with its type.
 */
export function flattenOverlay(
  overlay: unknown,
  at: string[],
  origin: Origin,
  options: FlattenOptions,
): Entry[] {
  const node = checkPath(RUN_SPEC_KEYS, at);
  if (node.ok && node.node.kind === 'section' && isPlainObject(overlay)) {
    return flattenSection(overlay, at, node.node, origin, options);
  }
  return [{ path: at, value: overlay, origin }];
}

function flattenSection(
  overlay: PlainObject,
  at: string[],
  section: KeyNode,
  origin: Origin,
  options: FlattenOptions,
): Entry[] {
  const entries: Entry[] = [];
  for (const [key, value] of Object.entries(overlay)) {
    const segments = key.split('.');
    const keyOrigin = { ...origin, path: [...origin.path, ...segments] };
    const problem = keyProblem(section, at, segments, options.allowSeed);
    if (problem !== null) {
      const place = { ...origin, path: [...origin.path, key] };
      options.issues.push(issueAt(options.locator, place, problem, true));
      continue;
    }
    entries.push(
      ...flattenOverlay(value, [...at, ...segments], keyOrigin, options),
    );
  }
  return entries;
}

function keyProblem(
  section: KeyNode,
  at: string[],
  segments: string[],
  allowSeed: boolean,
): string | null {
  if (!allowSeed && at.length === 0 && segments[0] === 'seed') {
    return 'a sweep sets the seed of each run with `seeds`, not in a spec';
  }
  const check = checkPath(section, segments);
  return check.ok ? null : check.message;
}

/**
 * Write `entries` onto `target` (mutated) in order, `kind` entries first:
 * setting a section's `kind` to a new value resets that section to the new
 * kind's defaults (an `adam` optimizer does not inherit `momentum`), and the
 * section's other entries then apply on top.
 */
export function applyEntries(
  target: PlainObject,
  entries: Entry[],
  provenance: Provenance,
): void {
  const kindsFirst = [
    ...entries.filter((e) => e.path.at(-1) === 'kind'),
    ...entries.filter((e) => e.path.at(-1) !== 'kind'),
  ];
  for (const entry of kindsFirst) applyEntry(target, entry, provenance);
}

function applyEntry(
  target: PlainObject,
  entry: Entry,
  provenance: Provenance,
): void {
  const parentPath = entry.path.slice(0, -1);
  const parent = sectionAt(target, parentPath);
  // A section replaced by a scalar earlier is already an error; leave it be.
  if (parent === null) return;

  const key = entry.path[entry.path.length - 1];
  if (key === 'kind' && parent.kind !== entry.value) {
    resetSection(parent, parentPath, entry.value);
    forgetBelow(provenance, parentPath.join('.'));
  }

  parent[key] = structuredClone(entry.value);
  forgetBelow(provenance, entry.path.join('.'));
  provenance.set(entry.path.join('.'), entry.origin);
}

function sectionAt(target: PlainObject, path: string[]): PlainObject | null {
  let node: PlainObject = target;
  for (const key of path) {
    if (node[key] === undefined) node[key] = {};
    const next = node[key];
    if (!isPlainObject(next)) return null;
    node = next;
  }
  return node;
}

function resetSection(section: PlainObject, path: string[], kind: unknown) {
  for (const key of Object.keys(section)) delete section[key];
  Object.assign(section, kindDefaults(path, kind) ?? { kind });
}

/** The defaults of a kinded section, or null when none are known. */
function kindDefaults(path: string[], kind: unknown): PlainObject | null {
  const isOptimizer = path[path.length - 1] === 'optimizer';
  if (isOptimizer && (kind === 'sgd' || kind === 'adam')) {
    return { ...defaultOptimizer(kind) };
  }
  return null;
}

function forgetBelow(provenance: Provenance, dotted: string): void {
  for (const key of [...provenance.keys()]) {
    if (key.startsWith(`${dotted}.`)) provenance.delete(key);
  }
}

/**
 * Check a merged spec against the schema. Each broken rule is reported at
 * the origin of the value that broke it; a value nobody set (a default made
 * invalid by a neighbour, e.g. noise `high` below a new `low`) is reported
 * at the nearest value that was set, else under `fallback`.
 */
export function checkMergedSpec(
  merged: PlainObject,
  provenance: Provenance,
  fallback: LogicalPath,
  locator: Locator,
): { spec: RunSpec | null; issues: ConfigIssue[] } {
  const result = runSpecSchema.safeParse(merged);
  if (result.success) return { spec: result.data as RunSpec, issues: [] };

  const issues: ConfigIssue[] = [];
  for (const issue of result.error.issues) {
    const path = issue.path.map((p) => (typeof p === 'number' ? p : String(p)));
    issues.push(
      ...describeSpecIssue(issue, path, merged, provenance, fallback, locator),
    );
  }
  return { spec: null, issues };
}

function describeSpecIssue(
  issue: z.core.$ZodIssue,
  path: LogicalPath,
  merged: PlainObject,
  provenance: Provenance,
  fallback: LogicalPath,
  locator: Locator,
): ConfigIssue[] {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => {
      const keyPath = [...path, key];
      const origin = originOf(provenance, keyPath, fallback);
      const message = notAKeyOf(merged, path, issue.keys);
      return issueAt(locator, origin, message, true);
    });
  }
  const origin = originOf(provenance, path, fallback);
  return [issueAt(locator, origin, ruleOf(issue, valueAt(merged, path)))];
}

/**
 * Unknown keys reach the schema only when valid for another `kind` of the
 * same section (`beta1` on an sgd optimizer): say which kind, and its keys.
 */
function notAKeyOf(merged: PlainObject, path: LogicalPath, extra: string[]) {
  const section = valueAt(merged, path);
  const keys = isPlainObject(section) ? Object.keys(section) : [];
  const valid = keys.filter((key) => !extra.includes(key));
  const kind = isPlainObject(section) ? section.kind : undefined;
  const article = /^[aeiou]/.test(String(kind)) ? 'an' : 'a';
  const what =
    kind === undefined
      ? 'this section'
      : `${article} ${String(kind)} ${String(path.at(-1))}`;
  return `not a key of ${what}; its keys are ${valid.join(', ')}`;
}

/** The origin of `path`: itself, the section that set it, or a child set. */
export function originOf(
  provenance: Provenance,
  path: LogicalPath,
  fallback: LogicalPath,
): Origin {
  for (let n = path.length; n > 0; n--) {
    const origin = provenance.get(path.slice(0, n).join('.'));
    if (origin) return extend(origin, path.slice(n));
  }
  const prefix = `${path.join('.')}.`;
  for (const [key, origin] of provenance) {
    if (key.startsWith(prefix)) return origin;
  }
  return { path: [...fallback, ...path] };
}

function extend(origin: Origin, rest: LogicalPath): Origin {
  return rest.length === 0
    ? origin
    : { ...origin, path: [...origin.path, ...rest] };
}

/** The value at a dotted path, or undefined where it stops. */
export function valueAt(root: unknown, path: LogicalPath): unknown {
  let node = root;
  for (const key of path) {
    if (!isPlainObject(node) && !Array.isArray(node)) return undefined;
    node = (node as PlainObject)[key];
  }
  return node;
}
