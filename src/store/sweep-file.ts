/**
 * `sweep.yaml` in a results folder: the resolved sweep, written once by the
 * first process that creates the folder and compared by every later one.
 */
import { promises as fs } from 'node:fs';

import { parseSweep } from '../config/index.js';
import type { ResolvedSweep } from '../config/plan.js';
import { UserError } from '../errors.js';
import { createFileExclusive, errorCode } from './atomic.js';
import { resultsLayout } from './layout.js';
import { firstDifference } from './write.js';

/**
 * Parses a stored `sweep.yaml`. It holds the sweep with every default
 * filled, so reading it back with no overrides gives the same sweep.
 */
export function parseSweepFile(text: string, file: string): ResolvedSweep {
  return parseSweep(text, file, {});
}

/**
 * Makes `dir` the results folder of `sweep`: creates it and `runs/`, and
 * writes `sweep.yaml` (the text `sweepYaml`) unless it exists. An existing
 * `sweep.yaml` must describe the same resolved sweep; otherwise nothing is
 * written and a UserError says how to proceed. Returns true when this call
 * created `sweep.yaml`.
 */
export async function prepareResultsFolder(
  dir: string,
  sweep: ResolvedSweep,
  sweepYaml: string,
): Promise<boolean> {
  const layout = resultsLayout(dir);
  await fs.mkdir(layout.runsDir, { recursive: true });

  if (await createFileExclusive(layout.sweepFile, sweepYaml)) return true;

  await requireSameSweep(dir, sweep, sweepYaml);
  return false;
}

/**
 * Checks that the results folder `dir`, when it holds a `sweep.yaml`,
 * holds the same resolved sweep as `sweep` (whose YAML is `sweepYaml`).
 * Returns false when there is no `sweep.yaml` yet, true when it matches;
 * throws a UserError saying how to proceed when it differs.
 */
export async function requireSameSweep(
  dir: string,
  sweep: ResolvedSweep,
  sweepYaml: string,
): Promise<boolean> {
  const file = resultsLayout(dir).sweepFile;
  let existingText: string;
  try {
    existingText = await fs.readFile(file, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return false;
    throw error;
  }
  if (existingText === sweepYaml) return true;

  const existing = parseSweepFile(existingText, file);
  const difference = firstDifference(existing, sweep, '');
  if (difference === null) return true;

  throw new UserError(
    `${dir} holds the results of a different sweep (${difference})`,
    'Add --fresh to move those results aside and start over, or choose another folder with --out.',
  );
}
