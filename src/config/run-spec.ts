/**
 * Single run specs outside a sweep: for `gansweep train --set ...` and for
 * anything that holds a partial spec (nested or dotted keys).
 */
import { NO_FILE, throwIfAny } from './issues.js';
import type { ConfigIssue, Origin } from './issues.js';
import {
  applyEntries,
  checkMergedSpec,
  flattenOverlay,
  isPlainObject,
} from './layers.js';
import type { Entry, PlainObject, Provenance } from './layers.js';
import { parseSetArg } from './overrides.js';
import { defaultRunSpec } from './spec.js';
import type { RunSpec } from './spec.js';

/**
 * The full run spec that `partial` asks for: defaults (the article's study,
 * seed 1) with the given keys on top. `path` prefixes key paths in messages
 * (e.g. `spec`). Throws `SweepFileError` (a `ConfigError`) listing every
 * unknown key, wrong type and broken rule.
 */
export function resolveRunSpec(partial: unknown, path?: string): RunSpec {
  const prefix = path === undefined || path === '' ? [] : path.split('.');
  const source = path ?? 'run spec';
  const issues: ConfigIssue[] = [];

  if (partial !== undefined && partial !== null && !isPlainObject(partial)) {
    const message = `a run spec is a mapping of keys; found ${JSON.stringify(partial)}`;
    throwIfAny(source, [{ where: null, path: path ?? '', message }]);
  }

  const origin: Origin = { path: prefix };
  const options = { allowSeed: true, locator: NO_FILE, issues };
  const entries = flattenOverlay(partial ?? {}, [], origin, options);
  const spec = mergeOntoDefaults(entries, prefix, issues);
  throwIfAny(source, issues);
  return spec as RunSpec;
}

/**
 * The run spec of `gansweep train --set key=value ...`: keys are run-spec
 * paths (`training.rounds`, `discriminator.input`, `seed`, `engine`; a
 * leading `spec.` is accepted), values are read as YAML. Later sets win.
 * Each problem names its `--set` argument.
 */
export function runSpecFromSets(sets: string[]): RunSpec {
  const issues: ConfigIssue[] = [];
  const entries: Entry[] = [];
  for (const text of sets) {
    const arg = `--set ${text}`;
    const parsed = parseSetArg(text);
    if ('message' in parsed) {
      issues.push({ where: arg, path: '', message: parsed.message });
      continue;
    }

    const key = parsed.key.startsWith('spec.')
      ? parsed.key.slice(5)
      : parsed.key;
    const options = { allowSeed: true, locator: NO_FILE, issues };
    entries.push(
      ...flattenOverlay(
        { [key]: parsed.value },
        [],
        { path: [], arg },
        options,
      ),
    );
  }

  const spec = mergeOntoDefaults(entries, [], issues);
  throwIfAny('--set', issues);
  return spec as RunSpec;
}

function mergeOntoDefaults(
  entries: Entry[],
  prefix: string[],
  issues: ConfigIssue[],
): RunSpec | null {
  const merged = defaultRunSpec() as unknown as PlainObject;
  const provenance: Provenance = new Map();
  applyEntries(merged, entries, provenance);

  const checked = checkMergedSpec(merged, provenance, prefix, NO_FILE);
  issues.push(...checked.issues);
  return checked.spec;
}
