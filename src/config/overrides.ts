/**
 * Command-line overrides of a sweep: `--set key=value` and `--seeds`. The
 * key is a dotted path, the value is read as a YAML scalar or flow
 * collection (`1e-3`, `[5, 5]`, `raw`, `{kind: adam}`), so it means what it
 * would mean in the file.
 */
import { parse } from 'yaml';

import { displayPath } from './issues.js';
import type { ConfigIssue, Locator } from './issues.js';
import { unknownKeyMessage } from './keys.js';
import { flattenOverlay, isPlainObject } from './layers.js';
import type { Entry, PlainObject } from './layers.js';
import { RUN_SPEC_SECTIONS, sweepFileSchema } from './schema.js';
import { seedsArgValue } from './seeds.js';

/** Command-line overrides of a sweep file. */
export interface SweepOverrides {
  /** `key=value` pairs; see `parseSweep`. */
  set?: string[];
  /** Replaces `seeds`: `1..10`, a count `10`, `[3, 7]` or `3,7`. */
  seeds?: string;
}

/** A parsed `--set` argument; `text` is the argument as given. */
export interface SetArg {
  text: string;
  key: string;
  value: unknown;
}

/** The key and value of `key=value`, or what is wrong with it. */
export function parseSetArg(text: string): SetArg | { message: string } {
  const equals = text.indexOf('=');
  if (equals <= 0) {
    return { message: 'expected key=value, e.g. --set training.rounds=100' };
  }

  const key = text.slice(0, equals).trim();
  const valueText = text.slice(equals + 1);
  try {
    return { text, key, value: parse(valueText) as unknown };
  } catch (error) {
    const reason = (error as Error).message.split('\n')[0];
    return { message: `the value is not valid YAML: ${reason}` };
  }
}

/**
 * Apply `--set` and `--seeds` to the raw sweep, recording which paths they
 * replaced. `spec.*` sets are returned as an overlay instead, applied on top
 * of the file's `spec` so that a changed optimizer `kind` resets its fields.
 */
export function applyOverrides(
  raw: PlainObject,
  overrides: SweepOverrides,
  overridden: Map<string, string>,
  locator: Locator,
  issues: ConfigIssue[],
): Entry[] {
  const specSets: Entry[] = [];
  for (const text of overrides.set ?? []) {
    const parsed = parseSetArg(text);
    if ('message' in parsed) {
      issues.push({
        where: `--set ${text}`,
        path: '',
        message: parsed.message,
      });
      continue;
    }
    specSets.push(...applySet(raw, parsed, overridden, locator, issues));
  }

  if (overrides.seeds !== undefined) {
    raw.seeds = seedsArgValue(overrides.seeds);
    overridden.set('seeds', `--seeds ${overrides.seeds}`);
  }
  return specSets;
}

/** Keys of the sweep file itself, for suggestions. */
const SWEEP_KEYS = Object.keys(sweepFileSchema.shape);
/** Sweep keys whose children `--set` may address one by one. */
const MAP_KEYS = new Set(['grid', 'outcomes']);

function applySet(
  raw: PlainObject,
  set: SetArg,
  overridden: Map<string, string>,
  locator: Locator,
  issues: ConfigIssue[],
): Entry[] {
  const arg = `--set ${set.text}`;
  const segments = withSpecPrefix(set.key.split('.'));
  const [head, ...rest] = segments;

  if (head === 'spec' && rest.length === 0 && !isPlainObject(set.value)) {
    const message = '`spec` is a mapping: --set spec={training: {rounds: 100}}';
    issues.push({ where: arg, path: '', message });
    return [];
  }
  if (head === 'spec') {
    const overlay =
      rest.length === 0 ? set.value : { [rest.join('.')]: set.value };
    const options = { allowSeed: false, locator, issues };
    return flattenOverlay(overlay, [], { path: ['spec'], arg }, options);
  }

  const problem = sweepKeyProblem(head, rest);
  if (problem !== null) {
    issues.push({ where: arg, path: '', message: problem });
    return [];
  }

  if (rest.length === 0) {
    raw[head] = set.value;
    overridden.set(head, arg);
  } else {
    const child = rest.join('.');
    if (!isPlainObject(raw[head])) raw[head] = {};
    (raw[head] as PlainObject)[child] = set.value;
    overridden.set(displayPath([head, child]), arg);
  }
  return [];
}

/** `training.rounds` means `spec.training.rounds`: a convenience. */
function withSpecPrefix(segments: string[]): string[] {
  const first = segments[0] as (typeof RUN_SPEC_SECTIONS)[number];
  return RUN_SPEC_SECTIONS.includes(first) ? ['spec', ...segments] : segments;
}

function sweepKeyProblem(head: string, rest: string[]): string | null {
  if (head === 'seed') {
    return 'a sweep sets seeds with `seeds` (or --seeds), e.g. --set seeds=1..5';
  }
  if (!SWEEP_KEYS.includes(head)) {
    return unknownKeyMessage(head, [...SWEEP_KEYS, ...RUN_SPEC_SECTIONS]);
  }
  if (rest.length > 0 && !MAP_KEYS.has(head)) {
    return `\`${head}\` is set as a whole: --set ${head}=VALUE`;
  }
  return null;
}
