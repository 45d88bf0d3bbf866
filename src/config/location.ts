/**
 * Finding a key path's node in the parsed YAML, to report its line and
 * column. Keys in the file may be nested or dotted, so one YAML key can
 * stand for several path segments (`discriminator.input`).
 */
import { isMap, isPair, isScalar, isSeq } from 'yaml';
import type { Document, LineCounter, Node, Pair } from 'yaml';

import { displayPath } from './issues.js';
import type { Locator, LogicalPath, Origin } from './issues.js';

/** Places origins in a parsed sweep file, or on the argument that set them. */
export function fileLocator(
  source: string,
  doc: Document,
  counter: LineCounter,
  overridden: Map<string, string>,
): Locator {
  return {
    where(origin, asKey) {
      if (origin.arg !== undefined) return origin.arg;

      const arg = overridingArg(overridden, origin);
      if (arg !== null) return arg;

      const offset = offsetOf(doc.contents, origin.path, asKey);
      if (offset === null) return source;
      const { line, col } = counter.linePos(offset);
      return `${source}:${line}:${col}`;
    },
  };
}

/** The `--set` that replaced this path or a section above it, if any. */
function overridingArg(
  overridden: Map<string, string>,
  origin: Origin,
): string | null {
  const shown = displayPath(origin.path);
  for (const [prefix, arg] of overridden) {
    const below =
      shown.startsWith(`${prefix}.`) || shown.startsWith(`${prefix}[`);
    if (shown === prefix || below) return arg;
  }
  return null;
}

/**
 * The start offset of the node at `path` (of its key when `asKey`), or of
 * the deepest node found on the way when the path goes further than the
 * file does (a value filled by a default is shown at its section).
 */
function offsetOf(
  root: unknown,
  path: LogicalPath,
  asKey: boolean,
): number | null {
  let node = root;
  let best = rangeStart(root);
  for (let i = 0; i < path.length;) {
    const step = stepInto(node, path, i);
    if (step === null) return best;

    i += step.consumed;
    node = step.pair ? step.pair.value : step.node;
    const keyWanted = asKey && i === path.length && step.pair;
    best = (keyWanted ? rangeStart(step.pair?.key) : rangeStart(node)) ?? best;
  }
  return best;
}

interface Step {
  node: unknown;
  pair: Pair | null;
  consumed: number;
}

function stepInto(node: unknown, path: LogicalPath, i: number): Step | null {
  const segment = path[i];
  if (isSeq(node) && typeof segment === 'number') {
    const item = node.items[segment];
    return item === undefined ? null : { node: item, pair: null, consumed: 1 };
  }
  if (!isMap(node)) return null;

  // Try the longest dotted join first: `a.b` written as one key.
  for (let n = path.length - i; n >= 1; n--) {
    const key = path.slice(i, i + n).join('.');
    const pair = node.items.find((p) => isPair(p) && keyText(p) === key);
    if (pair) return { node: pair.value, pair, consumed: n };
  }
  return null;
}

function keyText(pair: Pair): string | null {
  return isScalar(pair.key) ? String(pair.key.value) : null;
}

function rangeStart(node: unknown): number | null {
  const range = (node as Node | null | undefined)?.range;
  return Array.isArray(range) ? range[0] : null;
}
