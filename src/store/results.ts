/**
 * The one reader of a results folder. `run` (to resume), `status`, `report`
 * and `export` all go through `readResults`, so they agree on what counts as
 * a trustworthy record.
 */
import { promises as fs } from 'node:fs';

import type { ResolvedSweep } from '../config/plan.js';
import { UserError } from '../errors.js';
import { resultsLayout } from './layout.js';
import type { RunRecord } from './record.js';
import { describe, readRecords, type ResultsProblem } from './records.js';
import { parseSweepFile } from './sweep-file.js';

export interface Results {
  sweep: ResolvedSweep;
  /** Every record that parsed and passed its schema, sorted by run id. */
  records: RunRecord[];
  /** Records that did not parse or failed their schema: not trusted. */
  problems: ResultsProblem[];
  /**
   * Temporary files left in `runs/` by a writer that was killed part way
   * (or one still writing). Never read as records; safe to delete when no
   * sweep is writing into the folder.
   */
  strayFiles: string[];
}

/**
 * Reads the results folder `dir`: its resolved sweep and every run record.
 *
 * A record that does not parse, breaks the schema, or whose run id differs
 * from its file name is listed in `problems` and left out of `records`.
 * Throws a UserError (exit 2) when `dir` is missing, is not a results
 * folder, or its `sweep.yaml` is unreadable or invalid.
 */
export async function readResults(dir: string): Promise<Results> {
  const sweep = await readSweep(dir);
  const { records, problems, strayFiles } = await readRecords(dir);
  return { sweep, records, problems, strayFiles };
}

/** The resolved sweep stored in `dir/sweep.yaml`; UserError when absent. */
export async function readSweep(dir: string): Promise<ResolvedSweep> {
  await requireFolder(dir);
  const file = resultsLayout(dir).sweepFile;

  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    throw new UserError(
      `${dir} is not a results folder: cannot read ${file} (${describe(error)})`,
      'Give the folder that `gansweep run` wrote (default reports/<sweep name>/).',
    );
  }

  return parseSweepFile(text, file);
}

async function requireFolder(dir: string): Promise<void> {
  let isFolder: boolean;
  try {
    isFolder = (await fs.stat(dir)).isDirectory();
  } catch (error) {
    throw new UserError(
      `cannot read the results folder ${dir} (${describe(error)})`,
      'Check the path, or run `gansweep run <sweep.yaml> --out DIR` first.',
    );
  }

  if (!isFolder) {
    throw new UserError(
      `${dir} is a file, not a results folder`,
      'Give the folder that `gansweep run` wrote (default reports/<sweep name>/).',
    );
  }
}
