/**
 * Stable run ids: the same resolved spec always hashes to the same id, on
 * any machine, whatever order its keys were written in.
 */
import { createHash } from 'node:crypto';

import type { RunSpec } from './spec.js';

/** Hex characters kept: 64 bits, collision-free for any realistic sweep. */
const ID_LENGTH = 16;

/**
 * The run id of a fully resolved spec: the first 16 hex characters of the
 * SHA-256 of its canonical JSON (keys sorted at every level). Every key of
 * the spec affects the result, so every key is hashed, seed and engine
 * included; defaults must be filled first (see `resolveRunSpec`).
 */
export function runIdOf(spec: RunSpec): string {
  const digest = createHash('sha256').update(canonicalJson(spec)).digest('hex');
  return digest.slice(0, ID_LENGTH);
}

/**
 * JSON with object keys sorted at every level and no whitespace. Arrays keep
 * their order (layer widths are ordered); `-0` prints as `0`, as in JSON.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(canonicalJson).join(',')}]`;
  }
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record)
      .filter((key) => record[key] !== undefined)
      .sort();
    const fields = keys.map(
      (key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`,
    );
    return `{${fields.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
