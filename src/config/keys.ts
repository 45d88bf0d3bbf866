/**
 * Valid key paths of a schema, as a tree, and did-you-mean suggestions for
 * the ones that are not. Used for `spec` overlays, grid keys and `--set`.
 */
import { closest, distance } from 'fastest-levenshtein';
import type { z } from 'zod';

import { runSpecSchema } from './schema.js';

/** A section holds named keys; a leaf holds a value (arrays are leaves). */
export type KeyNode =
  { kind: 'section'; children: Map<string, KeyNode> } | { kind: 'leaf' };

/** What a dotted path resolves to, or where and why it stops. */
export type PathCheck =
  { ok: true; node: KeyNode } | { ok: false; depth: number; message: string };

/**
 * The key tree of a zod schema. A union contributes the keys of all its
 * options, so `beta1` is a valid optimizer path; whether it fits the chosen
 * `kind` is checked later by the strict schema itself.
 */
export function keyTreeOf(schema: z.ZodType): KeyNode {
  const def = schema.def as unknown as Record<string, unknown>;
  switch (def.type) {
    case 'object':
      return objectNode(def.shape as Record<string, z.ZodType>);
    case 'union':
      return unionNode(def.options as z.ZodType[]);
    case 'optional':
    case 'nullable':
    case 'default':
      return keyTreeOf(def.innerType as z.ZodType);
    default:
      return { kind: 'leaf' };
  }
}

function objectNode(shape: Record<string, z.ZodType>): KeyNode {
  const children = new Map<string, KeyNode>();
  for (const [key, child] of Object.entries(shape)) {
    children.set(key, keyTreeOf(child));
  }
  return { kind: 'section', children };
}

function unionNode(options: z.ZodType[]): KeyNode {
  const children = new Map<string, KeyNode>();
  for (const option of options) {
    const node = keyTreeOf(option);
    if (node.kind === 'section') {
      for (const [key, child] of node.children) children.set(key, child);
    }
  }
  return children.size > 0 ? { kind: 'section', children } : { kind: 'leaf' };
}

/** The key tree of a resolved run spec. */
export const RUN_SPEC_KEYS: KeyNode = keyTreeOf(runSpecSchema);

/**
 * Follow `segments` down `root`. On failure, `depth` is the index of the
 * first segment that is not a key there, and the message names it with the
 * nearest valid key.
 */
export function checkPath(root: KeyNode, segments: string[]): PathCheck {
  let node = root;
  for (let depth = 0; depth < segments.length; depth++) {
    const key = segments[depth];
    const here = segments.slice(0, depth).join('.');
    if (node.kind === 'leaf') {
      return {
        ok: false,
        depth,
        message: `\`${here}\` is a value, not a section; it has no key \`${key}\``,
      };
    }

    const child = node.children.get(key);
    if (!child) {
      return {
        ok: false,
        depth,
        message: unknownKeyMessage(key, [...node.children.keys()], root),
      };
    }
    node = child;
  }
  return { ok: true, node };
}

/**
 * "unknown key `x`; did you mean `y`?" The suggestion is the nearest sibling
 * by edit distance when it is close, else a key of that name elsewhere in
 * the tree (`rounds` -> `training.rounds`), else the list of valid keys.
 */
export function unknownKeyMessage(
  key: string,
  siblings: string[],
  root?: KeyNode,
): string {
  const near = nearestKey(key, siblings);
  if (near !== null) return `unknown key \`${key}\`; did you mean \`${near}\`?`;

  const elsewhere = root ? pathsEndingWith(root, key) : [];
  if (elsewhere.length > 0) {
    const list = elsewhere.map((p) => `\`${p}\``).join(' or ');
    return `unknown key \`${key}\` here; did you mean ${list}?`;
  }
  return `unknown key \`${key}\`; valid keys: ${siblings.join(', ')}`;
}

/** The closest candidate when it is plausibly a typo of `key`, else null. */
export function nearestKey(key: string, candidates: string[]): string | null {
  if (candidates.length === 0) return null;

  const lower = key.toLowerCase();
  const sameCase = candidates.find((c) => c.toLowerCase() === lower);
  if (sameCase !== undefined) return sameCase;

  const best = closest(key, candidates);
  // Up to half the word (at least two edits) still reads as a slip
  // (`retry` -> `retries`); more than that and the suggestion is noise.
  const allowed = Math.max(2, Math.ceil(key.length / 2));
  return distance(key, best) <= allowed ? best : null;
}

function pathsEndingWith(root: KeyNode, key: string): string[] {
  const found: string[] = [];
  const walk = (node: KeyNode, prefix: string[]): void => {
    if (node.kind === 'leaf') return;
    for (const [name, child] of node.children) {
      const path = [...prefix, name];
      if (name === key) found.push(path.join('.'));
      walk(child, path);
    }
  };
  walk(root, []);
  return found;
}

/** Every leaf path of the tree, dotted, in schema order. */
export function leafPaths(root: KeyNode, prefix: string[] = []): string[] {
  if (root.kind === 'leaf') return [prefix.join('.')];
  return [...root.children].flatMap(([key, child]) =>
    leafPaths(child, [...prefix, key]),
  );
}
