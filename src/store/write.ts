/**
 * Writing into a results folder. Every file lands atomically, and several
 * processes (shards of one sweep) may write into one folder at once: each
 * record has its own file, `sweep.yaml` is created once and only ever
 * compared afterwards, and `summary.json` is recomputed until it reflects
 * every record in the folder.
 */
import { promises as fs } from 'node:fs';

import { errorCode, writeFileAtomic } from './atomic.js';
import { recordPath, resultsLayout } from './layout.js';
import { readRecords, type RecordsRead } from './records.js';
import type { RunRecord } from './record.js';
import { namedNonFinite, serialiseRecord } from './schema.js';

/** Writes `runs/<run id>.json` atomically, replacing any older record. */
export async function writeRecord(
  dir: string,
  record: RunRecord,
): Promise<void> {
  await fs.mkdir(resultsLayout(dir).runsDir, { recursive: true });
  await writeFileAtomic(recordPath(dir, record.runId), serialiseRecord(record));
}

/**
 * Moves the folder `dir` aside to `<dir>.<timestamp>` so that a fresh sweep
 * can start there, losing nothing. Returns the new path, or null when `dir`
 * does not exist.
 */
export async function moveResultsAside(
  dir: string,
  now: Date = new Date(),
): Promise<string | null> {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const aside = `${dir.replace(/[/\\]+$/, '')}.${stamp}`;

  try {
    await fs.rename(dir, aside);
    return aside;
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return null;
    throw error;
  }
}

/** How many times `writeSummary` recomputes before it settles for one. */
const SUMMARY_ATTEMPTS = 5;

/**
 * Writes `summary.json` from every record now in `dir`, as built by
 * `build`. When another shard adds a record while this one computes, the
 * summary is recomputed, so that the last summary written by anyone covers
 * every record written before it. Returns the records it was built from.
 */
export async function writeSummary(
  dir: string,
  build: (records: RunRecord[]) => unknown,
): Promise<RecordsRead> {
  const file = resultsLayout(dir).summaryFile;
  let before = await fingerprint(dir);

  for (let attempt = 1; ; attempt++) {
    const read = await readRecords(dir);
    const text = JSON.stringify(build(read.records), namedNonFinite, 2);
    await writeFileAtomic(file, `${text}\n`);

    const after = await fingerprint(dir);
    if (after === before || attempt === SUMMARY_ATTEMPTS) {
      return read;
    }
    before = after;
  }
}

/** Names, sizes and times of the records in `runs/`: changes when any does. */
async function fingerprint(dir: string): Promise<string> {
  const runsDir = resultsLayout(dir).runsDir;
  const names = (await fs.readdir(runsDir)).sort();
  const parts: string[] = [];

  for (const name of names) {
    if (name.startsWith('.')) continue;
    try {
      const stat = await fs.stat(`${runsDir}/${name}`);
      parts.push(`${name}:${stat.size}:${stat.mtimeMs}`);
    } catch {
      parts.push(`${name}:gone`);
    }
  }

  return parts.join('\n');
}

/**
 * The first key path where two JSON-like values differ, in words, or null
 * when they are equal (key order aside).
 */
export function firstDifference(
  a: unknown,
  b: unknown,
  at: string,
): string | null {
  if (Object.is(a, b)) return null;

  const where = at === '' ? 'the sweep' : at;
  if (typeof a !== 'object' || typeof b !== 'object' || !a || !b) {
    return `${where}: ${JSON.stringify(a)} there, ${JSON.stringify(b)} here`;
  }
  if (Array.isArray(a) || Array.isArray(b)) return arrayDifference(a, b, at);

  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(left), ...Object.keys(right)]);
  for (const key of [...keys].sort()) {
    const path = at === '' ? key : `${at}.${key}`;
    const difference = firstDifference(left[key], right[key], path);
    if (difference !== null) return difference;
  }

  return null;
}

/** Short arrays (seed lists, grid values) read best whole. */
function arrayDifference(a: object, b: object, at: string): string | null {
  const where = at === '' ? 'the sweep' : at;
  const left = JSON.stringify(a);
  const right = JSON.stringify(b);
  if (left === right) return null;
  if (left.length + right.length <= 120) {
    return `${where}: ${left} there, ${right} here`;
  }
  if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) {
    return `${where} differs`;
  }

  for (let i = 0; i < a.length; i++) {
    const difference = firstDifference(a[i], b[i], `${at}.${i}`);
    if (difference !== null) return difference;
  }
  return null;
}
