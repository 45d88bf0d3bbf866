/**
 * Reading a sweep file: YAML, then `--set` and `--seeds` overrides, then one
 * validation of everything, then defaults. Every problem found is reported
 * together, each with its file position or the argument that caused it.
 */
import { readFileSync } from 'node:fs';

import { LineCounter, parseDocument } from 'yaml';
import type { Document } from 'yaml';

import { validateThresholds } from '../analysis/thresholds.js';
import type { OutcomeThresholds } from '../analysis/types.js';
import { ConfigError } from '../errors.js';
import { expandChecked } from './expand.js';
import {
  checkPath,
  nearestKey,
  RUN_SPEC_KEYS,
  unknownKeyMessage,
} from './keys.js';
import { issueAt, ruleOf, throwIfAny } from './issues.js';
import type { ConfigIssue, Locator, LogicalPath } from './issues.js';
import {
  applyEntries,
  checkMergedSpec,
  flattenOverlay,
  isPlainObject,
  valueAt,
} from './layers.js';
import type { Entry, PlainObject, Provenance } from './layers.js';
import { fileLocator } from './location.js';
import { applyOverrides } from './overrides.js';
import type { SweepOverrides } from './overrides.js';
import type { ResolvedSweep } from './plan.js';
import { canonicalJson } from './run-id.js';
import { SWEEP_DEFAULTS, sweepFileSchema } from './schema.js';
import type { SweepFileInput } from './schema.js';
import { parseSeeds } from './seeds.js';
import { defaultRunSpec } from './spec.js';
import type { RunSpec } from './spec.js';

export type { SweepOverrides } from './overrides.js';

/** Keys of the sweep file itself, for suggestions. */
const SWEEP_KEYS = Object.keys(sweepFileSchema.shape);

/**
 * Read, validate and resolve the sweep file at `path`. Throws `UserError`
 * when it cannot be read and `SweepFileError` (a `ConfigError`, exit 2)
 * listing every problem when it is not valid.
 */
export function loadSweepFile(
  path: string,
  overrides: SweepOverrides = {},
): ResolvedSweep {
  return parseSweep(readSource(path), path, overrides);
}

function readSource(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new ConfigError(
      '',
      `cannot read the sweep file ${path} (${reason})`,
      'Check the path.',
    );
  }
}

/**
 * `loadSweepFile` for text already in hand; `source` names it in messages.
 *
 * `--set key=value` overrides any key of the sweep (`retries=2`,
 * `spec.training.rounds=100`, `grid.training.rounds=[100, 200]`); a key
 * that starts with a run-spec section (`training.rounds`) means
 * `spec.<key>`. The value is read as YAML (`1e-3`, `[5, 5]`, `raw`).
 */
export function parseSweep(
  text: string,
  source: string,
  overrides: SweepOverrides = {},
): ResolvedSweep {
  const { doc, counter } = parseYaml(text, source);
  const raw = documentObject(doc, source);

  const overridden = new Map<string, string>();
  const locator = fileLocator(source, doc, counter, overridden);
  const issues: ConfigIssue[] = [];
  const specSets = applyOverrides(raw, overrides, overridden, locator, issues);

  const file = checkSweepKeys(raw, locator, issues);
  const seeds = checkSeeds(raw.seeds, overridden, locator, issues);
  const base = file && resolveBase(file.spec ?? {}, specSets, locator, issues);
  const outcomes = file && checkOutcomes(file.outcomes, locator, issues);
  const variants = flatVariants(file?.variants, locator, issues);
  // Unknown keys are dropped as they are reported, so the rest can still
  // be checked and every problem reported in one go.
  if (file === null || base === null || outcomes === null || seeds === null) {
    throwIfAny(source, issues);
  }

  const parts = { base, seeds, outcomes, variants } as ResolvedParts;
  const sweep = assemble(file as SweepFileInput, parts);
  // Expanding along a grid key that is not a path would repeat its error.
  if (!checkVariantsAndGrid(sweep, locator, issues)) {
    throwIfAny(source, issues);
  }

  const { runs, issues: expansionIssues } = expandChecked(sweep, locator);
  issues.push(...expansionIssues);
  checkBaseline(
    sweep,
    runs.map((run) => run.group),
    locator,
    issues,
  );
  throwIfAny(source, issues);
  return sweep;
}

function parseYaml(text: string, source: string) {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, uniqueKeys: true });
  const issues = doc.errors.map((error) => {
    const position = error.linePos?.[0];
    const where = position
      ? `${source}:${position.line}:${position.col}`
      : source;
    // The position is given in front; drop yaml's own copy of it.
    const firstLine = error.message
      .split('\n')[0]
      .replace(/ at line \d+, column \d+:?$/, '');
    return { where, path: '', message: `YAML syntax: ${firstLine}` };
  });
  throwIfAny(source, issues);
  return { doc, counter };
}

function documentObject(doc: Document, source: string): PlainObject {
  const value: unknown = doc.toJS();
  if (isPlainObject(value)) return value;

  const found =
    value === null || value === undefined
      ? 'an empty file'
      : JSON.stringify(value);
  const message = `a sweep file is a mapping of keys (name, spec, seeds, grid, ...); found ${found}`;
  throwIfAny(source, [{ where: source, path: '', message }]);
  return {};
}

/** The sweep's own keys, checked by the schema; unknown ones suggested. */
function checkSweepKeys(
  raw: PlainObject,
  locator: Locator,
  issues: ConfigIssue[],
): SweepFileInput | null {
  const result = sweepFileSchema.safeParse(raw);
  if (result.success) return result.data;

  for (const issue of result.error.issues) {
    const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
    if (issue.code === 'unrecognized_keys') {
      const siblings = knownSweepKeys(path);
      for (const key of issue.keys) {
        const message = unknownKeyMessage(
          key,
          siblings,
          path.length === 0 ? RUN_SPEC_KEYS : undefined,
        );
        issues.push(issueAt(locator, { path: [...path, key] }, message, true));
      }
      continue;
    }
    if (path[0] === 'seeds') continue;
    const found = valueAt(raw, path.map(String));
    const message = isNestedGridKey(path, found)
      ? nestedGridMessage(path[1] as string, found as PlainObject)
      : ruleOf(issue, found);
    issues.push(issueAt(locator, { path }, message, path[0] === 'grid'));
  }
  return null;
}

function isNestedGridKey(path: LogicalPath, found: unknown): boolean {
  return path[0] === 'grid' && path.length === 2 && isPlainObject(found);
}

/** Grid keys are dotted paths: `a: { b: [..] }` should be `a.b: [..]`. */
function nestedGridMessage(key: string, found: PlainObject): string {
  const [inner] = Object.keys(found);
  const example = inner === undefined ? `${key}.KEY` : `${key}.${inner}`;
  return `grid keys are dotted run-spec paths, each with a list of values: write \`${example}: [...]\``;
}

function knownSweepKeys(path: LogicalPath): string[] {
  // Only the top level and a variant's entries are strict objects.
  return path.length === 0 ? SWEEP_KEYS : ['name', 'spec'];
}

function checkSeeds(
  value: unknown,
  overridden: Map<string, string>,
  locator: Locator,
  issues: ConfigIssue[],
): number[] | null {
  const parsed = parseSeeds(value ?? SWEEP_DEFAULTS.seeds);
  if ('seeds' in parsed) return parsed.seeds;

  const arg = overridden.get('seeds');
  issues.push(issueAt(locator, { path: ['seeds'], arg }, parsed.message));
  return null;
}

/** The base spec: defaults, then the file's `spec`, then `--set spec.*`. */
function resolveBase(
  fileSpec: PlainObject,
  specSets: Entry[],
  locator: Locator,
  issues: ConfigIssue[],
): RunSpec | null {
  const options = { allowSeed: false, locator, issues };
  const fileEntries = flattenOverlay(fileSpec, [], { path: ['spec'] }, options);

  const merged = defaultRunSpec() as unknown as PlainObject;
  const provenance: Provenance = new Map();
  applyEntries(merged, fileEntries, provenance);
  applyEntries(merged, specSets, provenance);

  const checked = checkMergedSpec(merged, provenance, ['spec'], locator);
  issues.push(...checked.issues);
  return checked.spec;
}

/**
 * The classifier's thresholds, defaults filled; the analysis stage owns
 * their names and rules, and its error is placed here.
 */
function checkOutcomes(
  overrides: PlainObject | null | undefined,
  locator: Locator,
  issues: ConfigIssue[],
): OutcomeThresholds | null {
  try {
    return validateThresholds(overrides, 'outcomes');
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const path = error.path === '' ? ['outcomes'] : error.path.split('.');
    const message = error.message.slice(
      error.path === '' ? 0 : error.path.length + 2,
    );
    const text = error.hint === null ? message : `${message}. ${error.hint}`;
    issues.push(issueAt(locator, { path }, text, path.length > 1));
    return null;
  }
}

interface ResolvedParts {
  base: RunSpec;
  seeds: number[];
  outcomes: OutcomeThresholds;
  variants: ResolvedSweep['variants'];
}

function assemble(file: SweepFileInput, parts: ResolvedParts): ResolvedSweep {
  const { base, seeds, outcomes } = parts;
  return {
    name: file.name,
    description: file.description ?? SWEEP_DEFAULTS.description,
    base: { ...base, seed: seeds[0] },
    seeds,
    grid: file.grid ?? {},
    variants: parts.variants,
    timeoutSeconds: file.timeout ?? SWEEP_DEFAULTS.timeout,
    retries: file.retries ?? SWEEP_DEFAULTS.retries,
    baseline: file.baseline ?? SWEEP_DEFAULTS.baseline,
    outcomes,
  };
}

/**
 * Each variant's overlay as dotted leaf keys, the form `sweep.yaml` keeps;
 * unknown keys are reported (and dropped) here.
 */
function flatVariants(
  variants: SweepFileInput['variants'],
  locator: Locator,
  issues: ConfigIssue[],
): ResolvedSweep['variants'] {
  const options = { allowSeed: false, locator, issues };
  return (variants ?? []).map((variant, index) => {
    const origin = { path: ['variants', index, 'spec'] };
    const entries = flattenOverlay(variant.spec ?? {}, [], origin, options);
    const set = entries.map((e) => [e.path.join('.'), e.value]);
    return { name: variant.name, set: Object.fromEntries(set) };
  });
}

/** Grid keys must be run-spec paths, with distinct values; variant names unique. */
function checkVariantsAndGrid(
  sweep: ResolvedSweep,
  locator: Locator,
  issues: ConfigIssue[],
): boolean {
  const names = new Set<string>();
  sweep.variants.forEach((variant, index) => {
    if (names.has(variant.name)) {
      const message = `variant name "${variant.name}" is used twice; names label groups and must differ`;
      issues.push(
        issueAt(locator, { path: ['variants', index, 'name'] }, message),
      );
    }
    names.add(variant.name);
  });

  let keysValid = true;
  for (const [key, values] of Object.entries(sweep.grid)) {
    keysValid = checkGridKey(key, values, locator, issues) && keysValid;
  }
  return keysValid;
}

function checkGridKey(
  key: string,
  values: unknown[],
  locator: Locator,
  issues: ConfigIssue[],
): boolean {
  const segments = key.split('.');
  const check = checkPath(RUN_SPEC_KEYS, segments);
  if (segments[0] === 'seed') {
    const message = 'seeds are not a grid key; list them under `seeds`';
    issues.push(issueAt(locator, { path: ['grid', key] }, message, true));
  } else if (!check.ok) {
    const message = `\`${key}\` is not a run-spec path: ${check.message}`;
    issues.push(issueAt(locator, { path: ['grid', key] }, message, true));
  }

  const seen = new Map<string, number>();
  values.forEach((value, index) => {
    const canonical = canonicalJson(value);
    const first = seen.get(canonical);
    if (first !== undefined) {
      const message = `the value ${canonical} is listed twice (items ${first} and ${index}); each grid point runs once`;
      issues.push(issueAt(locator, { path: ['grid', key, index] }, message));
    }
    seen.set(canonical, index);
  });
  return check.ok && segments[0] !== 'seed';
}

function checkBaseline(
  sweep: ResolvedSweep,
  labels: string[],
  locator: Locator,
  issues: ConfigIssue[],
): void {
  if (sweep.baseline === null || labels.includes(sweep.baseline)) return;

  const unique = [...new Set(labels)];
  const near = nearestKey(sweep.baseline, unique);
  const suggestion =
    near === null
      ? `the groups are: ${unique.join('; ')}`
      : `did you mean "${near}"?`;
  const message = `"${sweep.baseline}" is not a group of this sweep; ${suggestion}`;
  issues.push(issueAt(locator, { path: ['baseline'] }, message));
}
