/**
 * `sweep.yaml` in a results folder: the resolved sweep, written once by the
 * first process that creates the folder and compared by every later one.
 */
import { promises as fs } from 'node:fs';

import { parseSweep } from '../config/index.js';
import type { ResolvedSweep } from '../config/plan.js';
import { UserError } from '../errors.js';
import { createFileExclusive } from './atomic.js';
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

  const existingText = await fs.readFile(layout.sweepFile, 'utf8');
  if (existingText === sweepYaml) return false;

  const existing = parseSweepFile(existingText, layout.sweepFile);
  const difference = firstDifference(existing, sweep, '');
  if (difference === null) return false;

  throw new UserError(
    `${dir} holds the results of a different sweep (${difference})`,
    'Add --fresh to move those results aside and start over, or choose another folder with --out.',
  );
}
